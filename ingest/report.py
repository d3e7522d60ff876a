"""The overview-report parser: recommendations, learning items with the recommendations they inform, and
any action-plan table the report carries (an appendix), from the lines of any reader, in any partnership's
layout.

Action-plan tables are found by their header rows and read by :mod:`reviewgraph.ingest.plan_table`. Then two passes over
the rest: :mod:`reviewgraph.ingest.report_sections` finds the recommendations and learning sections by their headings
(numbered or not, a reader's heading lines, markdown), in any partnership's layout; :mod:`reviewgraph.ingest.report_items`
reads each section's items: labels in any style (:func:`reviewgraph.ingest.rec_items.item_label`), text continued over
lines and page breaks, sub-items folded into their parent, unnumbered directive paragraphs, the report's own
narrative left out, owners from labels, subjects or agency sub-headings (:mod:`reviewgraph.ingest.owner_text`), and
learning links (:mod:`reviewgraph.ingest.rec_links`).
"""

from __future__ import annotations

from reviewgraph.graph.agencies import AgencyRegistry
from reviewgraph.ingest.columns import detect_header
from reviewgraph.ingest.furniture import Furniture
from reviewgraph.ingest.plan_table import parse_plan
from reviewgraph.ingest.rec_links import applies_to
from reviewgraph.ingest.report_items import Reader
from reviewgraph.ingest.report_result import ReportResult
from reviewgraph.ingest.report_sections import find_sections, line_text
from reviewgraph.records.normalize import is_rule_line
from reviewgraph.records.parsed import Line

__all__ = ["parse_report", "ReportResult", "applies_to"]


def parse_report(lines: list[Line], furniture: Furniture, registry: AgencyRegistry | None = None,
                 skip_from: int = 0) -> ReportResult:
    registry = registry or AgencyRegistry.load()
    res = ReportResult()
    tables: dict[int, int] = {}  # start index -> end index of each action-plan table
    i = skip_from
    while i < len(lines):
        if detect_header(lines[i].clean, lines[i].no) is not None:
            stop = _table_stop(lines, i)
            plan = parse_plan(lines[:stop] if stop < len(lines) else lines, i, furniture, registry,
                              title=_title_before(lines, i))
            res.plans.append(plan)
            res.placed |= plan.placed
            res.skipped.extend(plan.skipped)
            res.unplaced.extend(plan.unplaced)
            res.notes.extend(n for n in plan.notes if n not in res.notes)
            tables[i] = max(plan.end, i + 1)
            i = tables[i]
            continue
        i += 1
    blocks = find_sections(lines, tables, furniture, registry, res)
    reader = Reader(lines, registry, res)
    for block in blocks:
        reader.read(block)
    reader.finish()
    return res


_IN_TABLE = frozenset({"header", "row", "part", "rule"})


def _table_stop(lines: list[Line], idx: int) -> int:
    """Where the table whose header is ``lines[idx]`` ends, when its reader knew its rows (a Markdown or
    HTML table, a fixed-width table in text: ``Line.role`` "header" or "row"): at the first line past its
    rows that the reader did not put in a table, unless rows of the table go on after it (a line across a
    page break). A note or an abbreviations line below the table is then read as text, not glued onto the
    last row's cells. Elsewhere (text from PDF, where every line is a possible row) the end of ``lines``."""
    n = len(lines)
    if lines[idx].role not in ("header", "row"):
        return n

    def outside(line: Line) -> bool:
        return line.role not in _IN_TABLE and line.sheet is None and not is_rule_line(line.cells)  # ("-----")

    j = idx + 1
    while j < n:
        if lines[j].blank or not outside(lines[j]):
            j += 1
            continue
        k = j
        while k < n and (lines[k].blank or outside(lines[k])):
            k += 1
        if k < n and (lines[k].role in ("row", "part") or detect_header(lines[k].clean, lines[k].no) is not None):
            j = k  # the table (or another action plan, read as its part as before) goes on after these lines
            continue
        return j
    return n


def _title_before(lines: list[Line], idx: int) -> str | None:
    for line in reversed(lines[max(0, idx - 4):idx]):
        t = line_text(line)
        if t:
            return t[:200]
    return None

