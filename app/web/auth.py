"""Optional login (off unless configured).

Set ``REVIEWGRAPH_AUTH_FILE`` to a TOML file of users with salted PBKDF2-SHA256 password hashes::

    [users.chair]
    name = "Board chair"
    hash = "pbkdf2_sha256$600000$<salt hex>$<hash hex>"   # from: reviewgraph auth hash-password

With no such file the app is open (the local demo). Passwords are compared in constant time; an unknown
user name costs the same work as a known one; after five failed sign-ins a user name is locked for five
minutes (across sessions of the server).
"""

from __future__ import annotations

import os
import time
import tomllib
from pathlib import Path

import streamlit as st

from reviewgraph.app.accounts import hash_password, verify_password  # the hashes live in app.accounts

__all__ = ["gate", "hash_password", "load_users", "verify_password"]

#: failed sign-ins per user name, shared by every session of this server: (count, time of the last)
_FAILURES: dict[str, tuple[int, float]] = {}
MAX_FAILURES = 5
LOCKOUT_SECONDS = 300
_DUMMY_HASH = "pbkdf2_sha256$600000$" + "00" * 16 + "$" + "00" * 32


def _failed(user: str) -> None:
    count, _ = _FAILURES.get(user, (0, 0.0))
    _FAILURES[user] = (count + 1, time.monotonic())


def _locked_for(user: str) -> int:
    """Minutes ``user`` must wait after MAX_FAILURES failed sign-ins (0: not locked)."""
    count, last = _FAILURES.get(user, (0, 0.0))
    left = LOCKOUT_SECONDS - (time.monotonic() - last)
    if count >= MAX_FAILURES and left > 0:
        return max(1, round(left / 60))
    if count >= MAX_FAILURES:
        _FAILURES.pop(user, None)
    return 0


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
        wait = _locked_for(user)
        if wait:
            st.error(f"Too many failed sign-ins for this user name; try again in {wait} minutes.")
            return False
        record = users.get(user)
        # an unknown user costs the same work as a known one, so timing does not tell which names exist
        stored = record.get("hash", "") if record is not None else _DUMMY_HASH
        if verify_password(password, stored) and record is not None:
            _FAILURES.pop(user, None)
            st.session_state["rg_user"] = user
            st.rerun()
        _failed(user)
        st.error("Unknown user name or wrong password.")
    return False
