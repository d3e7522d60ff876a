"""Workbooks: each sheet is its own table, and a sheet named for an agency is that agency's section; and,
for every document, the headers found by the content under them and the status key.

Partnerships keep live action plans in spreadsheets with one sheet per agency ("Police", "Probation",
"Kestrelford Housing Trust"), each with its own header row and its own numbering 1, 2, 3. Read as one
stream, the second sheet's header would look like a header repeated on a new page and its rows would
continue the first sheet's table. :func:`parse_by_sheet` runs :func:`reviewgraph.ingest.report.parse_report` on each
sheet's lines and, where a sheet's name names an organisation, gives its recommendations that section (so
"1" on the Police sheet and "1" on the Probation sheet stay two recommendations, each with its owner). The
agency sheets' tables are one action plan, so they become one ParsedPlan (two plans of one document would be
read as two versions of the same plan); a sheet not named for an agency (a RAG summary, "Sheet1") keeps its
own.
Lines without a sheet (every other format) are parsed as before, in one piece.

Whatever the format, the parse runs inside :func:`reviewgraph.ingest.columns.header_scope` with the headers
:func:`reviewgraph.ingest.columns.find_headers` resolved from the content of their columns (so "Ref | What we will do |
Who | By when | RAG" is a table), and a status key is layout wherever it is: a "Key" sheet, or "Key: Red =
not started ..." lines above the table (inside a table the plan parser reads it). Its meanings are given to
the statuses of the document's plans.
"""

from __future__ import annotations

import re
from itertools import groupby

from reviewgraph.graph.agencies import AgencyRegistry
from reviewgraph.graph.agency_text import guess_sector
from reviewgraph.ingest.columns import find_headers, header_scope, organisation_named
from reviewgraph.ingest.furniture import Furniture
from reviewgraph.ingest.plan_table import (KEY_STARTS, PlanResult, StatusKey, apply_key, heading_like, imply_brag,
                               is_key_sheet)
from reviewgraph.records.normalize import ORG_CUE
from reviewgraph.records.parsed import Line, Unplaced
from reviewgraph.ingest.report import ReportResult, parse_report

__all__ = ["names_agency", "parse_by_sheet"]

_KEY_REASON = "status key (what the colours mean)"


def names_agency(name: str, registry: AgencyRegistry) -> bool:
    """A sheet name that names an organisation ("Police", "Kestrelford Housing Trust"), not "Sheet1" or
    "Action plan"."""
    text = name.strip()
    if not text or not heading_like(text) or is_key_sheet(text):
        return False
    if ORG_CUE.search(text):
        return True
    for candidate in (text, text.split()[-1]):  # "Kestrelford CSP": a place and a kind of body
        res = registry.resolve(candidate)
        if res is not None and res.resolved:
            return True
    return False


def _parse(lines: list[Line], furniture: Furniture, registry: AgencyRegistry, whole: bool = True) -> ReportResult:
    """One stream of lines: the report parser, knowing the headers resolved by their content; status key
    lines it left unplaced (above a table) become layout. ``whole``: these are all the document's lines, so
    what its statuses imply of their colours (:func:`imply_brag`) is decided here; one sheet of several
    leaves that to the workbook, whose key sheet may say otherwise."""
    with header_scope(find_headers(lines)):
        rr = parse_report(lines, furniture, registry)
    for u in rr.unplaced:
        if u.text[:8].lower().startswith(KEY_STARTS):
            break
    else:
        for plan in rr.plans if whole else ():  # no key: what Blue among the statuses says of Green
            apply_key(plan.plan.recs, imply_brag(plan.plan.recs, {}))
        return rr  # (a key line starts with its title or a colour)
    key = StatusKey()
    by_no = {line.no: line for line in lines}
    unplaced = {u.line for u in rr.unplaced}
    keep: list[Unplaced] = []
    for u in rr.unplaced:
        line = by_no.get(u.line)
        if u.line - 1 not in unplaced:  # a key's lines follow one another
            key.active = False
        if line is not None and key.read(line.clean):
            rr.skipped.append(Unplaced(line=u.line, page=u.page, text=u.text, reason=_KEY_REASON))
        else:
            keep.append(u)
    rr.unplaced = keep
    for plan in rr.plans:
        apply_key(plan.plan.recs, imply_brag(plan.plan.recs, key.meanings) if whole else key.meanings)
    return rr


_TITLE_PARTS = re.compile(r"\s+[-–—:|]\s+|:\s+")


def _qualified(name: str, lines: list[Line]) -> str:
    """The sheet's body as its title names it, where the sheet's name is a shorter form: "Police" under
    "SAR Mr Q - Action Tracker - Brackenford Police" is Brackenford Police, "Housing" under "... - Brackenford
    Homes" Brackenford Homes (a body of the same sector named alone in the title); otherwise the sheet's
    name. So two reviews' "Police" sheets are not one body."""
    titles = [next(c for c in ln.cells if c.strip()) for ln in lines[:5] if sum(1 for c in ln.cells if c.strip()) == 1]
    low = name.casefold()
    for title in titles:
        for part in _TITLE_PARTS.split(title):
            part = part.strip(" .")
            if part.casefold().endswith(" " + low) and len(part.split()) <= 8 and heading_like(part):
                return part
    sector = guess_sector(name)
    if sector != "other":
        found = {org for title in titles for part in _TITLE_PARTS.split(title)
                 if (org := organisation_named(part.strip(" ."))) and guess_sector(org) == sector}
        if len(found) == 1:
            return found.pop()
    return name


def _key_sheet(lines: list[Line], out: ReportResult) -> dict[str, str]:
    key = StatusKey(active=True)
    for line in lines:
        if line.blank:
            continue
        key.read(line.clean)
        key.active = True
        out.skipped.append(Unplaced(line=line.no, page=line.page, text=line.text, reason=_KEY_REASON))
    return key.meanings


def parse_by_sheet(lines: list[Line], furniture: Furniture, registry: AgencyRegistry) -> ReportResult:
    groups = [(name, list(group)) for name, group in groupby(lines, key=lambda ln: ln.sheet)]
    if len(groups) < 2:
        return _parse(lines, furniture, registry)
    out = ReportResult()
    meanings: dict[str, str] = {}
    per_agency: PlanResult | None = None  # the agency sheets' tables, as one plan
    for name, group in groups:
        if is_key_sheet(name):
            meanings.update(_key_sheet(group, out))
            continue
        rr = _parse(group, furniture, registry, whole=False)
        section = _qualified(name.strip(), group) if name and names_agency(name, registry) else None
        for plan in rr.plans:
            for rec in plan.plan.recs:
                if section and not rec.section:
                    rec.section = section
            if section is None or not plan.plan.recs:
                out.plans.append(plan)
            elif per_agency is None:
                per_agency = plan
                out.plans.append(plan)
            else:
                merged = per_agency.plan
                merged.recs.extend(plan.plan.recs)
                merged.as_of_raw = merged.as_of_raw or plan.plan.as_of_raw
                merged.columns = merged.columns or plan.plan.columns
                per_agency.warnings.extend(plan.warnings)
        out.recs.extend(rr.recs)
        out.learning.extend(rr.learning)
        out.placed |= rr.placed
        out.skipped.extend(rr.skipped)
        out.unplaced.extend(rr.unplaced)
        out.notes.extend(n for n in rr.notes if n not in out.notes)
    for plan in out.plans:
        apply_key(plan.plan.recs, imply_brag(plan.plan.recs, meanings))
    return out
