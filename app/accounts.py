"""The app's optional login accounts: password hashes and the users file, shared by the CLI
(``reviewgraph auth``, ``reviewgraph app``) and the web app's sign-in (:mod:`reviewgraph.app.web.auth`), so
neither imports the other.

>>> stored = hash_password("a long pass phrase", iterations=1000, salt=bytes(16))
>>> stored.split("$")[:2]
['pbkdf2_sha256', '1000']
>>> verify_password("a long pass phrase", stored), verify_password("another", stored)
(True, False)
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import tomllib
from pathlib import Path

__all__ = ["ITERATIONS", "check_users_file", "hash_password", "verify_password"]

#: PBKDF2-SHA256 rounds of a new hash
ITERATIONS = 600_000


def hash_password(password: str, *, iterations: int = ITERATIONS, salt: bytes | None = None) -> str:
    """A salted PBKDF2-SHA256 hash of ``password``, as the users file holds it."""
    salt = salt if salt is not None else secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, iterations)
    return f"pbkdf2_sha256${iterations}${salt.hex()}${digest.hex()}"


def verify_password(password: str, stored: str) -> bool:
    """Whether ``password`` matches the ``stored`` hash (compared in constant time; a malformed hash: no)."""
    try:
        scheme, iterations, salt, digest = stored.split("$")
        if scheme != "pbkdf2_sha256":
            return False
        got = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), bytes.fromhex(salt), int(iterations))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(got.hex(), digest)


def check_users_file(path: Path) -> list[str]:
    """The users in ``path``; raises ValueError with one line saying what is wrong and what to do."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ValueError(f"{path}: no such users file; write one (see docs/app.md, Login)") from None
    except OSError as exc:
        raise ValueError(f"{path}: cannot read the users file ({exc.strerror or exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"{path}: not valid TOML ({exc}); fix the file") from None
    users = data.get("users")
    if not isinstance(users, dict) or not users:
        raise ValueError(f"{path}: no [users.NAME] tables; add one per person")
    for name, user in users.items():
        stored = user.get("hash", "") if isinstance(user, dict) else ""
        parts = stored.split("$")
        if len(parts) != 4 or parts[0] != "pbkdf2_sha256" or not parts[1].isdigit():
            raise ValueError(f"{path}: user {name!r} has no valid hash; make one with "
                             "`reviewgraph auth hash-password`")
        if int(parts[1]) < 100_000:
            raise ValueError(f"{path}: user {name!r}'s hash uses only {parts[1]} rounds; make a new one with "
                             "`reviewgraph auth hash-password`")
    return sorted(users)
