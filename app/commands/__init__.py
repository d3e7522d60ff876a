"""CLI commands. Each module here defines ``register(app: typer.Typer) -> None`` (adding its command or
command group) and declares ``COMMAND = Command("name", register)``; :func:`commands` finds them with
:func:`reviewgraph.graph.plugins.discover` and :mod:`reviewgraph.app.cli` registers every one, so a new
command group is a new file, with no edit to a shared one."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import typer

from reviewgraph.graph.plugins import discover

__all__ = ["Command", "HELPERS", "commands"]

#: the modules here that hold what the commands share, and declare no command
HELPERS = frozenset({"common", "progress"})


@dataclass(frozen=True)
class Command:
    """A command (or group of commands) of ``reviewgraph``: ``register(app)`` adds it to the CLI."""

    name: str
    register: Callable[[typer.Typer], None]


def commands() -> dict[str, Command]:
    """Every command module's declaration, by name."""
    return discover(__name__, Command, "COMMAND", helpers=HELPERS)
