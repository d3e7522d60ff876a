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

import re

from reviewgraph.graph.agencies import AgencyRegistry
from reviewgraph.ingest.columns import detect_header
from reviewgraph.ingest.furniture import Furniture
from reviewgraph.ingest.plan_table import heading_like, parse_plan
from reviewgraph.ingest.rec_items import item_label, one_label, reads_as_recommendation
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
            stop = _section_end(lines, i, _table_stop(lines, i))
            plan = parse_plan(_labels_once(lines, i, stop), i, furniture, registry,
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


#: a numbered section heading: "8. Conclusion", "8 Next steps", "Section 8: Learning"
_SECTION = re.compile(r"^(?:(?:section|part|chapter)\s+)?(\d{1,2})\.?\s*[:)\-–—]?\s+(\S.{1,80})$", re.I)
#: the parts of a report that no table runs into
_OTHER_PART = re.compile(r"^(?:appendi(?:x|ces)|annexe?s?|glossary|abbreviations|acronyms|references|bibliography|"
                         r"conclusions?|concluding\s+(?:remarks|comments))\b", re.I)
_HEADING_BACK = 12  # lines above a table's header searched for the section it stands in


def _section_end(lines: list[Line], idx: int, stop: int) -> int:
    """Where the table whose header is ``lines[idx]`` ends at the latest: at the report's next section.

    A reader that does not mark a table's rows (Word without styles, PDF, plain text) gives the table and
    the paragraphs after it alike, and a heading after the table would be read as its next row. A line of
    one cell ends the table when it is the heading of another part of a report ("Conclusion", "8.
    Conclusions", "Appendix B"), or a numbered heading that follows the section the table stands in ("8.
    Next steps" after a table in "7. Recommendations") where the table's own rows have not counted up to
    it (a row "8 Improve training" after rows 1 to 7 stays a row).
    """
    section = 0
    for line in reversed(lines[max(0, idx - _HEADING_BACK):idx]):
        m = _SECTION.match(line_text(line)) if len(line.cells) == 1 else None
        if m and heading_like(m.group(2).rstrip(":"), 12):
            section = int(m.group(1))
            break
    last = 0  # the last row number of the table
    for j in range(idx + 1, stop):
        line = lines[j]
        if line.blank or line.role in ("row", "part", "rule"):
            continue
        cells = [c for c in line.clean if c]
        text = cells[0] if len(cells) == 1 else ""
        if text and (text[0].isupper() or text[0].isdigit()):
            m = _SECTION.match(text)
            title = m.group(2).rstrip(":").strip() if m else text.rstrip(":").strip()
            n = int(m.group(1)) if m else 0
            if (_OTHER_PART.match(title) or section and section < n <= section + 3 and n != last + 1) and \
                    heading_like(title, 10) and not reads_as_recommendation(title):
                return j
        label = item_label(cells[0]) if cells else None
        if label is not None and label.kind in ("num", "rec", "dotted"):
            last = int(label.number.split(".")[0].rstrip("abcdefghij"))
    return stop


def _labels_once(lines: list[Line], idx: int, stop: int) -> list[Line]:
    """``lines[:stop]``, where a row of the table from ``idx`` opens with a recommendation's label in two
    languages ("Argymhelliad 1 / Recommendation 1: ..."), with the label once, as the plan reader reads it
    (:func:`reviewgraph.ingest.rec_items.one_label`)."""
    out: list[Line] | None = None
    for j in range(idx + 1, stop):
        line = lines[j]
        k = next((k for k, c in enumerate(line.cells) if c.strip()), None)
        if k is None or "/" not in line.cells[k][:100]:
            continue
        cell = one_label(line.cells[k])
        if cell != line.cells[k]:
            out = out if out is not None else lines[:stop]
            out[j] = Line(**{**line.model_dump(), "cells": line.cells[:k] + (cell,) + line.cells[k + 1:]})
    return out if out is not None else lines[:stop] if stop < len(lines) else lines


def _title_before(lines: list[Line], idx: int) -> str | None:
    for line in reversed(lines[max(0, idx - 4):idx]):
        t = line_text(line)
        if t:
            return t[:200]
    return None

