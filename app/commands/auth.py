"""``reviewgraph auth hash-password | check``: the app's optional login (see docs/app.md, docs/reliability.md)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import typer

__all__ = ["register", "check_users_file"]

auth_app = typer.Typer(no_args_is_help=True, help="Make password hashes and check the users file of the "
                                                  "app's login.")


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


@auth_app.command("hash-password")
def hash_password_cmd(password: str = typer.Option(..., prompt=True, hide_input=True,
                                                   confirmation_prompt=True,
                                                   help="The password (asked for, not echoed, when omitted).")
                      ) -> None:
    """Print a salted PBKDF2-SHA256 hash of a password, for the users file."""
    from reviewgraph.app.web.auth import hash_password

    if len(password) < 10:
        raise typer.BadParameter("use at least 10 characters")
    typer.echo(hash_password(password))


@auth_app.command("check")
def check(path: Path = typer.Argument(..., help="The users file (TOML).")) -> None:
    """Check a users file: it parses, and every user has a strong hash."""
    users = check_users_file(path)
    typer.echo(f"{path}: {len(users)} users ({', '.join(users)})")


def register(app: typer.Typer) -> None:
    app.add_typer(auth_app, name="auth")
