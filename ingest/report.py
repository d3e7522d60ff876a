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
            plan = parse_plan(lines, i, furniture, registry, title=_title_before(lines, i))
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


def _title_before(lines: list[Line], idx: int) -> str | None:
    for line in reversed(lines[max(0, idx - 4):idx]):
        t = line_text(line)
        if t:
            return t[:200]
    return None

