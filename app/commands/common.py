"""Options shared by command groups."""

from __future__ import annotations

from pathlib import Path

import typer

from graph.store import Store, default_db_path

DB_OPTION = typer.Option(None, "--db", help="Store directory (default: $REVIEWGRAPH_DB or "
                                            "~/.local/share/reviewgraph).", show_default=False)


def open_store(db: Path | None) -> Store:
    return Store(db if db is not None else default_db_path())
