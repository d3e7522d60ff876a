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
               redact: bool = typer.Option(False, "--redact", help="Replace named individuals with [redacted]: "
                                           "the reviews' pseudonyms, people named in lead cells, and "
                                           "--redact-names."),
               redact_names: Path | None = typer.Option(None, "--redact-names", help="File of further names to "
                                                        "redact, one a line (with --redact)."),
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
        if redact_names is not None and not redact:
            raise typer.BadParameter("--redact-names needs --redact")
        if redact:
            from graph.redact import names_for, read_names, redact_graph

            if redact_names is not None and not redact_names.is_file():
                raise typer.BadParameter(f"{redact_names}: no such file (one name a line)")
            extra = read_names(redact_names) if redact_names is not None else []
            graph = redact_graph(graph, names_for(graph, extra))
        run_export(graph, fmt, out)
        typer.echo(f"wrote {out} ({fmt}, {len(graph.nodes)} nodes, {len(graph.edges)} links)")
