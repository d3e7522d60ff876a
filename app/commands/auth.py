"""``reviewgraph auth hash-password | check``: the app's optional login (see docs/app.md, docs/reliability.md)."""

from __future__ import annotations

from pathlib import Path

import typer

from reviewgraph.app.commands import Command
from reviewgraph.app.accounts import check_users_file, hash_password

__all__ = ["COMMAND", "register"]

auth_app = typer.Typer(no_args_is_help=True, help="Make password hashes and check the users file of the "
                                                  "app's login.")


@auth_app.command("hash-password")
def hash_password_cmd(password: str = typer.Option(..., prompt=True, hide_input=True,
                                                   confirmation_prompt=True,
                                                   help="The password (asked for, not echoed, when omitted).")
                      ) -> None:
    """Print a salted PBKDF2-SHA256 hash of a password, for the users file."""
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


COMMAND = Command("auth", register)
