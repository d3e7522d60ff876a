"""The board report's words and layout, shared by the Word and PDF writers.

:func:`blocks` turns a :class:`~queries.board_report.BoardReport` and its charts into a flat list of blocks
(headings, paragraphs, tables, figures); :mod:`reviewgraph.app.board.word` and :mod:`reviewgraph.app.board.pdf` only lay them out, so
the two documents hold the same words and figures. Every string is cleaned of the characters XML cannot hold
(both formats are XML inside) by :func:`reviewgraph.graph.exports.safetext.clean`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reviewgraph.graph.exports.safetext import XML, clean
from reviewgraph.queries.board_report import MISSING_KINDS, ActionLine, BoardReport

__all__ = ["Chart", "Figure", "Heading", "Para", "Table", "Block", "blocks", "safe"]


@dataclass(frozen=True)
class Chart:
    """A chart drawn in memory: ``png`` bytes, its size in inches, a title and a sentence saying what it
    shows."""

    key: str
    title: str
    png: bytes
    width_in: float
    height_in: float
    alt: str


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1


@dataclass(frozen=True)
class Para:
    text: str
    style: str = "body"  # body | note | subtitle


@dataclass(frozen=True)
class Table:
    columns: list[str]
    #: relative column widths (they are scaled to the page)
    widths: list[float]
    rows: list[list[str]]
    numeric: frozenset[int] = field(default_factory=frozenset)
    #: the share of the page's width the table takes
    fraction: float = 1.0


@dataclass(frozen=True)
class Figure:
    chart: Chart


Block = Heading | Para | Table | Figure


def safe(text: object) -> str:
    """Text a document can hold: characters XML forbids replaced (U+FFFD), ``None`` as empty."""
    return clean("" if text is None else str(text), XML)[0]


_ACTION_COLUMNS = ["Review", "Rec.", "Action", "Lead", "Target", "Latest update", "Source"]
_ACTION_WIDTHS = [1.3, 0.5, 2.6, 1.4, 1.1, 2.4, 2.3]


def _action_rows(lines: list[ActionLine]) -> list[list[str]]:
    return [[a.review, a.recommendation, a.action, a.lead, a.target, a.latest_update, a.source]
            for a in lines]


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def _actions_section(report: BoardReport, kind: str) -> list[Block]:
    overdue = kind == "overdue"
    out: list[Block] = []
    if overdue:
        out.append(Heading("Overdue actions by agency"))
        out.append(Para(f"Actions not complete on {report.as_of_text} whose target date has passed, under "
                        "the agency that owns the recommendation (its owner, else the agencies it is "
                        "addressed to, else the action's lead)."))
    else:
        out.append(Heading("Open actions by agency"))
        out.append(Para(f"Actions not complete on {report.as_of_text} whose target date has not passed or "
                        "was never set."))
    groups = [(a.agency, a.overdue if overdue else a.open) for a in report.agencies]
    groups = [(name, lines) for name, lines in groups if lines]
    if not groups:
        out.append(Para(f"None on {report.as_of_text}.", "note"))
        return out
    for name, lines in groups:
        what = "overdue action" if overdue else "open action"
        out.append(Heading(f"{name}: {_plural(len(lines), what)}", 2))
        out.append(Table(_ACTION_COLUMNS, _ACTION_WIDTHS, _action_rows(lines)))
    return out


def blocks(report: BoardReport, charts: list[Chart]) -> list[Block]:
    """The document, top to bottom."""
    chart = {c.key: c for c in charts}
    out: list[Block] = [Heading(report.title, 0),
                        Para(f"As of {report.as_of_text}. Scope: {report.scope}."
                             + (f" Changes since {report.since_text}." if report.since else ""), "subtitle"),
                        Para(f"Counted from {_plural(len(report.documents), 'document')} (listed at the "
                             "end). An action's status is the one its latest update on or before the date "
                             "records; each row names the file and the lines or page it was read from.",
                             "note")]
    out += [Para(n, "note") for n in report.notes]

    out.append(Heading("Summary"))
    out.append(Table(["Measure", "Number"], [5, 1], [[label, str(n)] for label, n in report.figures],
                     numeric=frozenset({1}), fraction=0.55))
    if "agencies" in chart:
        out.append(Figure(chart["agencies"]))

    out += _actions_section(report, "overdue")
    out += _actions_section(report, "open")

    out.append(Heading("Recommendations with no owner, target date or measurable outcome"))
    counts = ", ".join(f"{_plural(report.missing_counts[k], 'recommendation')} with {w}"
                       for k, w in MISSING_KINDS.items())
    out.append(Para(f"{counts[0].upper()}{counts[1:]}. A recommendation may lack more than one; it is "
                    "listed once. An outcome counts as measurable when it names a number, a rate, an audit, "
                    "monitoring or other evidence."))
    if "missing" in chart:
        out.append(Figure(chart["missing"]))
    if report.recommendations:
        out.append(Table(["Review", "Rec.", "Recommendation", "Owner", "Missing", "Source"],
                         [1.3, 0.5, 4.0, 1.6, 1.3, 2.3],
                         [[r.review, r.number, r.text, r.owner, "; ".join(r.missing), r.source]
                          for r in report.recommendations]))
    else:
        out.append(Para("None.", "note"))

    out.append(Heading("Recurring themes with nothing completed"))
    out.append(Para(f"Themes found in two or more reviews with no action on them complete on "
                    f"{report.as_of_text}."))
    if "themes" in chart:
        out.append(Figure(chart["themes"]))
    if report.themes:
        out.append(Table(["Theme", "Reviews", "Recommendations", "What was found"], [2, 4, 1.2, 3],
                         [[t.theme, "; ".join(t.reviews), str(t.recommendations), t.detail]
                          for t in report.themes],
                         numeric=frozenset({2})))
    else:
        out.append(Para("None: every theme found in two or more reviews has a completed action.", "note"))

    if report.since:
        out.append(Heading(f"What changed since {report.since_text}"))
        out.append(Para(f"Actions whose status moved between successive updates dated after "
                        f"{report.since_text} and up to {report.as_of_text}."))
        if report.changes:
            out.append(Table(["Date", "Review", "Rec.", "Action", "Owner", "From", "To", "Source"],
                             [1.2, 1.3, 0.5, 2.6, 1.5, 0.9, 0.9, 2.3],
                             [[c.on, c.review, c.recommendation, c.action, c.owner, c.before, c.after,
                               c.source] for c in report.changes]))
        else:
            out.append(Para("No status changed in that time.", "note"))

    out.append(Heading("Documents read"))
    out.append(Table(["File", "Review", "Dated"], [4, 3, 1.5], [list(d) for d in report.documents]))
    return [_cleaned(b) for b in out]


def _cleaned(block: Block) -> Block:
    if isinstance(block, Heading):
        return Heading(safe(block.text), block.level)
    if isinstance(block, Para):
        return Para(safe(block.text), block.style)
    if isinstance(block, Table):
        return Table([safe(c) for c in block.columns], block.widths,
                     [[safe(v) for v in row] for row in block.rows], block.numeric, block.fraction)
    return block
