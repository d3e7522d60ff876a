"""``reviewgraph export --format F --out FILE``: the whole graph (or a filtered view) in any format."""

from __future__ import annotations

from pathlib import Path

import typer

from app.commands.common import DB_OPTION, open_store
from graph.exports import export as run_export
from graph.exports import exporters


def register(app: typer.Typer) -> None:
    @app.command()
    def export(fmt: str = typer.Option("json", "--format", "-f", help="Export format (see --list)."),
               out: Path = typer.Option(None, "--out", "-o", help="Output file."),
               db: Path | None = DB_OPTION,
               review: str | None = typer.Option(None, "--review", help="Only this review (id or key)."),
               list_formats: bool = typer.Option(False, "--list", help="List the formats and exit.")) -> None:
        """Write the graph: node-link JSON (the contract), and every other registered format."""
        if list_formats:
            for name in sorted(exporters()):
                typer.echo(name)
            return
        if out is None:
            raise typer.BadParameter("give --out FILE")
        graph = open_store(db).graph()
        if review:
            from graph.view import review_subgraph
            graph = review_subgraph(graph, review)
        run_export(graph, fmt, out)
        typer.echo(f"wrote {out} ({fmt}, {len(graph.nodes)} nodes, {len(graph.edges)} links)")
