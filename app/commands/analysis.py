"""``reviewgraph themes | gaps | recurrence``: what the reviews share and what is left undone.

Thin shells over :mod:`reviewgraph.queries.themes`, :mod:`reviewgraph.queries.gaps`, :mod:`reviewgraph.queries.recurrence` and
:mod:`reviewgraph.queries.clusters`; every command reads the store given by ``--db`` and prints a table, CSV or JSON.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import typer

from reviewgraph.app.commands import Command
from reviewgraph.app.commands.common import DB_OPTION, open_store
from reviewgraph.graph.graphdata import ReviewGraph
from reviewgraph.graph.model import Review
from reviewgraph.queries.engines import Result
from reviewgraph.queries.index import GraphIndex
from reviewgraph.queries.output import FORMATS, render

__all__ = ["COMMAND", "register", "resolve_review", "gap_table", "TEXT_START"]

#: characters of a recommendation's text shown in a table line
TEXT_START = 60
NO_OWNER = "(no owner)"

FORMAT_OPTION = typer.Option("table", "--format", "-f", help="table, csv or json.")


def _check_format(fmt: str) -> str:
    if fmt not in FORMATS:
        raise typer.BadParameter(f"--format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    return fmt


def resolve_review(graph: ReviewGraph, review: str) -> str:
    """A review id from what a person types: the id, its key ("middlesbrough/dhr-4"), or a unique part of
    its title or number ("DHR-4")."""
    if review in graph.nodes and isinstance(graph.nodes[review], Review):
        return review
    if f"review:{review}" in graph.nodes:
        return f"review:{review}"
    q = review.lower()
    hits = sorted(n.id for n in graph.nodes.values() if isinstance(n, Review)
                  and (q in n.title.lower() or q == (n.number or "").lower() or q in n.id.lower()))
    if len(hits) == 1:
        return hits[0]
    known = ", ".join(sorted(n.id for n in graph.nodes.values() if isinstance(n, Review))) or "none"
    if not hits:
        raise typer.BadParameter(f"no review matches {review!r}; reviews in the store: {known}")
    raise typer.BadParameter(f"{review!r} matches several reviews: {', '.join(hits)}")


def _one_line(text: str | None, n: int = TEXT_START) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _rows_result(rows: list[dict[str, Any]], columns: list[str] | None = None) -> Result:
    columns = columns or (list(rows[0]) if rows else [])
    return Result(columns, [[r.get(c) for c in columns] for r in rows])


def gap_table(rows: list[dict[str, Any]], graph: ReviewGraph) -> Result:
    """One line per gap: kind in words, review, recommendation number, owner (or none), start of the text."""
    out = []
    for r in rows:
        title = r["review_title"] or r["review"] or ""
        out.append([r["kind_label"], _one_line(title, 40), r["number"] or "-",
                    _one_line(r["owner"], 35) if r["owner"] else NO_OWNER,
                    _one_line(r["text"]), _one_line(r["detail"], 70)])
    return Result(["gap", "review", "rec", "owner", "recommendation", "detail"], out)


def _echo(result: Result, fmt: str) -> None:
    typer.echo(render(result, fmt), nl=False)


def register(app: typer.Typer) -> None:
    @app.command()
    def themes(db: Path | None = DB_OPTION,
               review: str | None = typer.Option(None, "--review", "-r", help="Only this review (id, key or title)."),
               min_reviews: int = typer.Option(1, "--min-reviews", "-n", min=1,
                                               help="Only themes found in at least N reviews."),
               area: str | None = typer.Option(None, "--area", help="Only reviews whose area/partnership/title "
                                                                   "contains this."),
               since: str | None = typer.Option(None, "--since", help="Only reviews published on or after "
                                                                      "YYYY-MM-DD."),
               until: str | None = typer.Option(None, "--until", help="Only reviews published on or before "
                                                                      "YYYY-MM-DD."),
               agency: str | None = typer.Option(None, "--agency", help="Only items addressed to, led by or "
                                                                        "mentioning an agency whose name "
                                                                        "contains this."),
               theme: str | None = typer.Option(None, "--theme", "-t",
                                                help="One theme (key or label): list its items with evidence."),
               emerging: bool = typer.Option(False, "--emerging", help="List frequent terms in no theme."),
               clusters: bool = typer.Option(False, "--clusters", help="Theme communities and structural gaps."),
               suggest: bool = typer.Option(False, "--suggest", help="Untagged items with the theme a TF-IDF "
                                                                      "model of the tagged ones suggests."),
               fmt: str = FORMAT_OPTION) -> None:
        """Themes shared across reviews (ranked by reviews), with their reviews, recommendations and agencies."""
        from reviewgraph.queries import clusters as cl
        from reviewgraph.queries import themes as th

        _check_format(fmt)
        graph = open_store(db).graph()
        idx = GraphIndex(graph)
        rid = resolve_review(graph, review) if review else None
        for value, name in ((since, "--since"), (until, "--until")):
            if value:
                try:
                    date.fromisoformat(value)
                except ValueError:
                    raise typer.BadParameter(f"{name} takes YYYY-MM-DD, not {value!r}") from None
        if emerging:
            rows = th.emerging_terms(idx, min_reviews=max(min_reviews, 2))
            _echo(_rows_result(rows, ["term", "review_count", "occurrences", "reviews"]), fmt)
            return
        if suggest:
            rows = th.suggest_themes(idx)
            if fmt == "table":
                rows = [{**r, "review": idx.review_label(r["review"]), "text": _one_line(r["text"])} for r in rows]
            _echo(_rows_result(rows, ["review", "kind", "number", "text", "label", "cosine", "evidence"]), fmt)
            return
        if clusters:
            comms = cl.theme_communities(idx)
            gaps_ = cl.structural_gaps(idx)
            if fmt == "json":
                typer.echo(json.dumps({"communities": comms, "structural_gaps": gaps_}, ensure_ascii=False,
                                      indent=1))
                return
            _echo(_rows_result(comms, ["community", "size", "labels"]), fmt)
            typer.echo("")
            _echo(_rows_result(gaps_, ["kind", "a_label", "b_label", "learning", "recommendations", "across"]), fmt)
            return
        if theme:
            items = th.theme_items(idx, theme)
            if rid:
                items = [i for i in items if i["review"] == rid]
            if not items and not any(t for t in idx.themes() if theme.lower() in (t.id, t.label.lower(),
                                                                                   t.id.split(":", 1)[1])):
                raise typer.BadParameter(f"no theme {theme!r}; see `reviewgraph themes`")
            if fmt == "table":
                items = [{**i, "review": idx.review_label(i["review"]), "text": _one_line(i["text"])} for i in items]
            _echo(_rows_result(items, ["review", "kind", "number", "text", "evidence", "score"]), fmt)
            return
        rows = th.shared_themes(idx, min_reviews=min_reviews, area=area, since=since, until=until, agency=agency,
                                review=rid)
        cols = ["label", "review_count", "recommendation_count", "items", "reviews", "agencies"]
        if fmt == "table":
            rows = [{**r, "reviews": [idx.review_label(x) for x in r["reviews"]]} for r in rows]
        else:
            cols = ["theme", "label", "broader", "review_count", "reviews", "recommendation_count",
                    "recommendations", "items", "agencies"]
        _echo(_rows_result(rows, cols), fmt)

    @app.command()
    def gaps(as_of: str = typer.Option(..., "--as-of", help="The date to judge open and overdue work on "
                                                            "(YYYY-MM-DD)."),
             kind: list[str] = typer.Option(None, "--kind", "-k", help="Only this gap kind (repeatable); "
                                                                       "see --list."),
             review: str | None = typer.Option(None, "--review", "-r", help="Only this review."),
             fmt: str = FORMAT_OPTION, db: Path | None = DB_OPTION,
             list_kinds: bool = typer.Option(False, "--list", help="List the gap kinds and exit.")) -> None:
        """Open and overdue actions, missing owners, dates and outcomes, unanswered national asks, date anomalies."""
        from reviewgraph.queries.gaps import GAP_KINDS, GAP_LABELS, find_gaps

        _check_format(fmt)
        if list_kinds:
            for k in GAP_KINDS:
                typer.echo(f"{k:28} {GAP_LABELS[k]}")
            return
        try:
            date.fromisoformat(as_of)
        except ValueError:
            raise typer.BadParameter(f"--as-of takes YYYY-MM-DD, not {as_of!r}") from None
        unknown = [k for k in kind or [] if k not in GAP_KINDS]
        if unknown:
            raise typer.BadParameter(f"unknown gap kind {unknown[0]!r}; choose from {', '.join(GAP_KINDS)}")
        graph = open_store(db).graph()
        rid = resolve_review(graph, review) if review else None
        rows = find_gaps(graph, as_of, kinds=kind or None, review=rid)
        if fmt == "table":
            _echo(gap_table(rows, graph), fmt)
        else:  # the source as a file name with lines or page, never a document's id (JSON keeps both)
            from reviewgraph.graph.labels import with_source

            _echo(_rows_result(with_source(rows, graph, keep_ids=fmt == "json")), fmt)

    @app.command()
    def recurrence(review: str | None = typer.Option(None, "--review", "-r",
                                                     help="Only this review (default: every review)."),
                   later: bool = typer.Option(False, "--later", help="Also list similar recommendations of "
                                                                     "later reviews."),
                   fmt: str = FORMAT_OPTION, db: Path | None = DB_OPTION) -> None:
        """Does the learning appear elsewhere? Per recommendation, similar earlier ones and whether their
        actions were completed."""
        from reviewgraph.queries.recurrence import recurrence_report

        _check_format(fmt)
        graph = open_store(db).graph()
        rid = resolve_review(graph, review) if review else None
        rows = recurrence_report(graph, rid, earlier_only=not later, matched_only=rid is None)
        if fmt == "table":
            table = [[_one_line(graph.nodes[r["review"]].caption(), 30), r["number"], _one_line(r["text"], 45),
                      _one_line(r["other_review_title"], 30) if r["other_review"] else "(none found)",
                      r["other_number"] or "", r["score"] if r["score"] is not None else "",
                      r["other_completed"] or ""] for r in rows]
            _echo(Result(["review", "rec", "recommendation", "appears in", "rec", "score", "completed"], table), fmt)
        else:
            _echo(_rows_result(rows), fmt)


COMMAND = Command("analysis", register)
