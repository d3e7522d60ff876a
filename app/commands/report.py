"""``reviewgraph report --as-of DATE --out FILE.docx|FILE.pdf``: the board report as a Word or PDF document.

A thin shell over :func:`reviewgraph.queries.board_report.board_report` (the content, from the gap queries) and
:func:`reviewgraph.app.board.write_report` (the document, with its charts).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import typer

from reviewgraph.app.commands import Command
from reviewgraph.app.commands.common import DB_OPTION, open_store


def _day(value: str | None, name: str) -> str | None:
    if value is None:
        return None
    try:
        date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{name} takes YYYY-MM-DD, not {value!r}") from None
    return value


def register(app: typer.Typer) -> None:
    @app.command()
    def report(as_of: str = typer.Option(..., "--as-of", help="The date to judge open and overdue work on "
                                                              "(YYYY-MM-DD)."),
               out: Path = typer.Option(..., "--out", "-o", help="The document to write: FILE.docx (Word) or "
                                                                 "FILE.pdf."),
               review: str | None = typer.Option(None, "--review", "-r", help="Only this review (id, key or "
                                                                             "title)."),
               agency: str | None = typer.Option(None, "--agency", "-a", help="Only what this agency owns or "
                                                                             "leads (part of its name)."),
               since: str | None = typer.Option(None, "--since", help="List the actions whose status changed "
                                                                      "from this date (YYYY-MM-DD)."),
               redact: bool = typer.Option(False, "--redact", help="Replace named individuals with "
                                           "\\[redacted]: the reviews' pseudonyms, people named in lead cells, "
                                           "and --redact-names."),
               redact_names: Path | None = typer.Option(None, "--redact-names", help="File of further names "
                                                        "to redact, one a line (with --redact)."),
               db: Path | None = DB_OPTION) -> None:
        """A board report: overdue and open actions by agency, recommendations with no owner, target or
        measurable outcome, recurring themes with nothing completed, what changed since a date, and charts."""
        from reviewgraph.app.board import FORMATS, format_of, write_report
        from reviewgraph.app.commands.analysis import resolve_review
        from reviewgraph.queries.board_report import board_report, redacted

        _day(as_of, "--as-of")
        _day(since, "--since")
        try:
            suffix = format_of(out)
        except ValueError as exc:
            raise typer.BadParameter(str(exc)) from None
        if redact_names is not None and not redact:
            raise typer.BadParameter("--redact-names needs --redact")
        if redact_names is not None and not redact_names.is_file():
            raise typer.BadParameter(f"{redact_names}: no such file (one name a line)")
        store = open_store(db)
        graph = store.graph()
        if not any(True for _ in graph.of_kind("Review")):
            raise typer.BadParameter(f"the store in {store.path} holds no review: nothing to report (add "
                                     f"documents with `reviewgraph ingest`)")
        rid = resolve_review(graph, review) if review else None
        try:
            content = board_report(graph, as_of, review=rid, agency=agency, since=since)
        except ValueError as exc:
            raise typer.BadParameter(str(exc)) from None
        if redact:  # the names go from every word of the report (charts included), as `export --redact`
            from reviewgraph.graph.redact import Redactor, graph_text, names_for, read_names

            extra = read_names(redact_names) if redact_names is not None else []
            content = redacted(content, Redactor(names_for(graph, extra), corpus=graph_text(graph)).sub)
        size = write_report(content, out)
        overdue = content.figure("Overdue actions")
        open_ = content.figure("Open actions not yet due")
        typer.echo(f"wrote {out} ({FORMATS[suffix]}, {size // 1024 + 1} KB): {overdue} overdue and {open_} "
                   f"open actions, {len(content.recommendations)} recommendations missing an owner, target "
                   f"date or measurable outcome, {len(content.themes)} recurring themes with nothing "
                   f"completed"
                   + (f", {len(content.changes)} status changes since {content.since_text}" if since else ""))


COMMAND = Command("report", register)
