"""Optional login (off unless configured).

Set ``REVIEWGRAPH_AUTH_FILE`` to a TOML file of users with salted PBKDF2-SHA256 password hashes::

    [users.chair]
    name = "Board chair"
    hash = "pbkdf2_sha256$600000$<salt hex>$<hash hex>"   # from: reviewgraph app --hash-password

With no such file the app is open (the local demo). Passwords are compared in constant time.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import tomllib
from pathlib import Path

import streamlit as st

__all__ = ["gate", "hash_password", "load_users", "verify_password"]

_ITERATIONS = 600_000


def hash_password(password: str, *, iterations: int = _ITERATIONS, salt: bytes | None = None) -> str:
    salt = salt if salt is not None else secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, iterations)
    return f"pbkdf2_sha256${iterations}${salt.hex()}${digest.hex()}"


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, iterations, salt, digest = stored.split("$")
        if scheme != "pbkdf2_sha256":
            return False
        got = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), bytes.fromhex(salt), int(iterations))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(got.hex(), digest)


def load_users() -> dict[str, dict[str, str]] | None:
    """The configured users, or ``None`` when login is off."""
    path = os.environ.get("REVIEWGRAPH_AUTH_FILE")
    if not path:
        return None
    data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    return {name: dict(user) for name, user in data.get("users", {}).items()}


def gate() -> bool:
    """True when the visitor may see the app (login off, or signed in); otherwise draws the login form."""
    try:
        users = load_users()
    except (OSError, tomllib.TOMLDecodeError) as exc:
        st.error(f"The login configuration could not be read ({exc}); the app stays locked.")
        return False
    if users is None:
        return True
    if st.session_state.get("rg_user") in users:
        with st.sidebar:
            st.caption(f"Signed in as {users[st.session_state['rg_user']].get('name', st.session_state['rg_user'])}")
            if st.button("Sign out", key="rg_signout"):
                del st.session_state["rg_user"]
                st.rerun()
        return True
    st.title("reviewgraph")
    with st.form("rg_login"):
        user = st.text_input("User name", key="rg_login_user")
        password = st.text_input("Password", type="password", key="rg_login_password")
        submitted = st.form_submit_button("Sign in")
    if submitted:
        record = users.get(user)
        if record is not None and verify_password(password, record.get("hash", "")):
            st.session_state["rg_user"] = user
            st.rerun()
        st.error("Unknown user name or wrong password.")
    return False
