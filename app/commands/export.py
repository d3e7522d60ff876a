"""``reviewgraph export --format F --out FILE``: the whole graph (or a filtered view) in any format."""

from __future__ import annotations

from pathlib import Path

import typer

from reviewgraph.app.commands import Command
from reviewgraph.app.commands.common import DB_OPTION, open_store
from reviewgraph.graph.exports import export as run_export
from reviewgraph.graph.exports import exporters


def _ids(graph, kind: str, prop: str, wanted: list[str]) -> list[str]:  # type: ignore[no-untyped-def]
    """Ids of the nodes of ``kind`` named (by id or ``prop``, any case) in ``wanted``; unknown names fail."""
    out = []
    for name in wanted:
        hits = [n.id for n in graph.of_kind(kind)
                if name.lower() in (n.id.lower(), str(getattr(n, prop, "")).lower())]
        if not hits:
            raise typer.BadParameter(f"no {kind.lower()} called {name!r} in the store")
        out.extend(hits)
    return out


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
               area: list[str] = typer.Option([], "--area", help="Only reviews of this area (repeatable)."),
               agency: list[str] = typer.Option([], "--agency", help="Only what touches this agency (repeatable)."),
               theme: list[str] = typer.Option([], "--theme", help="Only what is about this theme (repeatable)."),
               status: list[str] = typer.Option([], "--status", help="Only actions with this status (repeatable)."),
               kind: list[str] = typer.Option([], "--kind", help="Only these node kinds (repeatable)."),
               text: str = typer.Option("", "--text", help="Only nodes whose text contains this."),
               date_from: str | None = typer.Option(None, "--from", help="Only dates on or after (YYYY-MM-DD)."),
               date_to: str | None = typer.Option(None, "--to", help="Only dates on or before (YYYY-MM-DD)."),
               list_formats: bool = typer.Option(False, "--list", help="List the formats and exit.")) -> None:
        """Write the graph, or the view the options narrow it to: node-link JSON (the contract), and every
        other registered format. The filters are the app's explorer filters."""
        if list_formats:
            for name in sorted(exporters()):
                typer.echo(name)
            return
        if out is None:
            raise typer.BadParameter("give --out FILE")
        graph = open_store(db).graph()
        if review:
            from reviewgraph.graph.view import review_subgraph
            graph = review_subgraph(graph, review)
        if area or agency or theme or status or kind or text or date_from or date_to:
            from reviewgraph.graph.view import ViewFilter, filter_graph
            agency = _ids(graph, "Agency", "name", agency)
            theme = _ids(graph, "Theme", "label", theme)
            graph = filter_graph(graph, ViewFilter(areas=tuple(area), agencies=tuple(agency), themes=tuple(theme),
                                                   statuses=tuple(status), kinds=tuple(kind), text=text,
                                                   date_from=date_from, date_to=date_to))
        if redact_names is not None and not redact:
            raise typer.BadParameter("--redact-names needs --redact")
        if redact:
            from reviewgraph.graph.redact import names_for, read_names, redact_graph

            if redact_names is not None and not redact_names.is_file():
                raise typer.BadParameter(f"{redact_names}: no such file (one name a line)")
            extra = read_names(redact_names) if redact_names is not None else []
            graph = redact_graph(graph, names_for(graph, extra))
        replaced = run_export(graph, fmt, out)
        typer.echo(f"wrote {out} ({fmt}, {len(graph.nodes)} nodes, {len(graph.edges)} links)")
        if replaced:
            from reviewgraph.graph.exports.safetext import describe

            typer.echo(f"reviewgraph: warning: {out}: {describe(replaced, fmt.upper())}", err=True)


COMMAND = Command("export", register)
