"""Workbooks: each sheet is its own table, and a sheet named for an agency is that agency's section.

Partnerships keep live action plans in spreadsheets with one sheet per agency ("Police", "Probation",
"Kestrelford Housing Trust"), each with its own header row and its own numbering 1, 2, 3. Read as one
stream, the second sheet's header would look like a header repeated on a new page and its rows would
continue the first sheet's table. :func:`parse_by_sheet` runs :func:`ingest.report.parse_report` on each
sheet's lines and, where a sheet's name names an organisation, gives its recommendations that section (so
"1" on the Police sheet and "1" on the Probation sheet stay two recommendations, each with its owner). The
agency sheets' tables are one action plan, so they become one ParsedPlan (two plans of one document would be
read as two versions of the same plan); a sheet not named for an agency (a RAG summary, "Sheet1") keeps its
own.
Lines without a sheet (every other format) are parsed as before, in one piece.
"""

from __future__ import annotations

from itertools import groupby

from graph.agencies import AgencyRegistry
from ingest.furniture import Furniture
from ingest.plan_table import ORG_CUE, PlanResult, heading_like
from ingest.records import Line
from ingest.report import ReportResult, parse_report

__all__ = ["names_agency", "parse_by_sheet"]


def names_agency(name: str, registry: AgencyRegistry) -> bool:
    """A sheet name that names an organisation ("Police", "Kestrelford Housing Trust"), not "Sheet1" or
    "Action plan"."""
    text = name.strip()
    if not text or not heading_like(text):
        return False
    if ORG_CUE.search(text):
        return True
    for candidate in (text, text.split()[-1]):  # "Kestrelford CSP": a place and a kind of body
        res = registry.resolve(candidate)
        if res is not None and res.resolved:
            return True
    return False


def parse_by_sheet(lines: list[Line], furniture: Furniture, registry: AgencyRegistry) -> ReportResult:
    groups = [(name, list(group)) for name, group in groupby(lines, key=lambda ln: ln.sheet)]
    if len(groups) < 2:
        return parse_report(lines, furniture, registry)
    out = ReportResult()
    per_agency: PlanResult | None = None  # the agency sheets' tables, as one plan
    for name, group in groups:
        rr = parse_report(group, furniture, registry)
        section = name.strip() if name and names_agency(name, registry) else None
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
    return out
