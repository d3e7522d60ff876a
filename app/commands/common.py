"""Options shared by command groups."""

from __future__ import annotations

from pathlib import Path

import typer

from reviewgraph.graph.store import Store, default_db_path

DB_OPTION = typer.Option(None, "--db", help="Store directory (default: $REVIEWGRAPH_DB or "
                                            "~/.local/share/reviewgraph).", show_default=False)


def _warn(message: str) -> None:
    typer.echo(f"reviewgraph: warning: {message}", err=True)


def _waiting(message: str) -> None:
    typer.echo(f"reviewgraph: {message}", err=True)


def open_store(db: Path | None) -> Store:
    """The store of ``--db`` (or the default), telling on stderr, once each, what it has to say: a graph.json
    rebuilt because it was changed by hand, parses set aside, a store answering from memory because it cannot
    be written, and a wait for another process's ingest."""
    return Store(db if db is not None else default_db_path(), tell=_warn, waiting=_waiting)
