"""From lines to a :class:`~reviewgraph.records.parsed.ParsedDocument`: the one parser every reader feeds.

It finds the page furniture, parses report structure and every action-plan table (:mod:`reviewgraph.ingest.report`,
:mod:`reviewgraph.ingest.plan_table`), works out the review (:mod:`reviewgraph.ingest.identify`), and accounts for every
non-blank line: placed in a record, skipped as layout noise, or listed as unplaced with a reason.
"""

from __future__ import annotations

from reviewgraph.graph.agencies import AgencyRegistry
from reviewgraph.ingest.furniture import find_furniture
from reviewgraph.ingest.glossary import find_glossary
from reviewgraph.ingest.identify import doc_kind, identify, review_override
from reviewgraph.records.parsed import Line, ParsedDocument, Unplaced
from reviewgraph.ingest.sheets import parse_by_sheet

__all__ = ["parse_lines"]


def parse_lines(lines: list[Line], *, file_name: str, sha256: str, reader: str = "text",
                review: str | None = None) -> ParsedDocument:
    registry = AgencyRegistry.load()
    furniture = find_furniture(lines)
    rr = parse_by_sheet(lines, furniture, registry)  # a workbook's sheets are separate tables
    plans = [p.plan for p in rr.plans if p.plan.recs]
    titles = [p.title for p in plans if p.title]
    gl = find_glossary(lines)  # the document's own abbreviations ("NC" Northmere Constabulary)
    hints = identify(lines, titles, gl.terms)
    hints.override = review_override(review)
    as_of = next((p.as_of_raw for p in plans if p.as_of_raw), None)
    progress = any(p.as_of_raw and "progress" in p.columns for p in plans)
    kind = doc_kind(lines, bool(rr.recs or rr.learning), bool(plans), progress)
    title = _title(lines, kind, hints)

    placed = set(rr.placed)
    skipped_lines = {s.line for s in rr.skipped}
    placed.update(gl.lines - skipped_lines)  # a glossary's heading and entries are placed (as its terms)
    _cover_joined(lines, placed)
    # the opening lines that named the document are placed (they are its title and identity)
    first_table = min((p.plan.span.line_start for p in rr.plans), default=None)
    unplaced = []
    for u in rr.unplaced:
        if u.line in gl.lines and u.text in gl.texts:  # read into the glossary (placed, as its terms)
            continue
        opening = first_table is not None and u.line < first_table and not (rr.recs or rr.learning)
        if opening and u.line <= lines[0].no + 12:
            placed.add(u.line)
        else:
            unplaced.append(u)
    unplaced_lines = {u.line for u in unplaced}
    for line in lines:
        if line.blank or line.no in placed or line.no in skipped_lines or line.no in unplaced_lines:
            continue
        if not line.clean_text:
            rr.skipped.append(Unplaced(line=line.no, page=line.page, text=line.text,
                                       reason="markup or punctuation only"))
            continue
        unplaced.append(Unplaced(line=line.no, page=line.page, text=line.text, reason="not recognised"))
    warnings = [w for p in rr.plans for w in p.warnings] + gl.warnings
    if not (rr.recs or rr.learning or plans):
        warnings.append("no action-plan table or numbered recommendations found")
    for p in plans:
        if as_of and not p.as_of_raw:
            p.as_of_raw = as_of
    return ParsedDocument(
        file_name=file_name, sha256=sha256, doc_kind=kind, title=title, line_count=len(lines), reader=reader,
        hints=hints, report_recs=rr.recs, learning=rr.learning, plans=plans, notes=rr.notes, glossary=gl.terms,
        skipped=sorted(rr.skipped, key=lambda u: u.line), unplaced=sorted(unplaced, key=lambda u: u.line),
        warnings=warnings, placed_lines=len(placed))


def _cover_joined(lines: list[Line], placed: set[int]) -> None:
    """A placed Line a reader joined from several source lines (``no`` to ``no_end``: a wrapped table row,
    a "Field: value" record) places them all, except those still in the list on their own (blank lines
    inside a record)."""
    joined = [ln for ln in lines if ln.no_end is not None and ln.no_end > ln.no and ln.no in placed]
    if not joined:
        return
    present = {ln.no for ln in lines}
    for ln in joined:
        placed.update(k for k in range(ln.no + 1, ln.no_end + 1) if k not in present)  # type: ignore[operator]


def _title(lines: list[Line], kind: str, hints) -> str:  # type: ignore[no-untyped-def]
    parts = [hints.area or hints.partnership, hints.number,
             f"'{hints.pseudonym}'" if hints.pseudonym else None, kind.replace("_", " ")]
    title = " ".join(p for p in parts if p)
    if hints.area or hints.number or hints.pseudonym:
        return title
    for line in lines[:20]:
        t = line.clean_text
        if t:
            return t[:120]
    return kind.replace("_", " ")
