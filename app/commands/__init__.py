"""CLI command groups. Each module defines ``register(app: typer.Typer) -> None``; :mod:`reviewgraph.app.cli` calls
every module here, so a new command group is a new file, with no edit to a shared one."""
