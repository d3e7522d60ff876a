"""Property tests for the parsers: no input crashes them, and every non-blank line is accounted for."""

from __future__ import annotations

import hashlib
import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reviewgraph.ingest.columns import ROLES, align, detect_header, match_number
from reviewgraph.records.dates import parse_date_cell
from reviewgraph.ingest.parse import parse_lines
from reviewgraph.records.parsed import Line
from reviewgraph.records.status import classify_status

SETTINGS = settings(max_examples=int(os.environ.get("REVIEWGRAPH_HYPOTHESIS_EXAMPLES", "150")), deadline=None, suppress_health_check=[HealthCheck.too_slow])

# words an action plan is made of, so generated lines reach the table and report parsers (not only noise)
WORDS = ["No", "Recommendation", "Recommendations", "Action", "Lead", "Lead agency", "Target date", "Status",
         "Progress", "Outcome", "Scope", "Learning", "1.", "2", "17.3", "17.3.2", "1a", "(4)", "Rec 5:", "That",
         "the", "Police", "NPS", "CSP", "MARAC", "Complete", "Ongoing", "TBC", "31/02/2021", "Jan 2021",
         "31 st March 2014", "Octobe r 2019", "Q3 2022", "Page 3 of 9", "Official Sensitive", "---", "<p>",
         "</li>", "<script>x</script>", "&amp;", "**bold**", "Recommendation 4 applies", "Appendix A",
         "Glossary", "Local", "National", "Home Office", "\u200b", "\u202e", "\x00", "\ufeff", " ", ""]
cell = st.one_of(st.sampled_from(WORDS), st.text(max_size=40),
                 st.lists(st.sampled_from(WORDS), max_size=8).map(" ".join))
cells = st.lists(cell, min_size=1, max_size=9).map(tuple)
HEADERS = [("No", "Recommendation", "Action", "Lead agency", "Target date", "Status"),
           ("Recommendation", "Key actions", "Responsible", "Timescale", "Progress update")]
line_cells = st.one_of(cells, st.sampled_from(HEADERS))


def _parse(rows: list[tuple[str, ...]]):  # type: ignore[no-untyped-def]
    lines = [Line(no=i, cells=c) for i, c in enumerate(rows, 1)]
    sha = hashlib.sha256(repr(rows).encode("utf-8", "surrogatepass")).hexdigest()
    return lines, parse_lines(lines, file_name="generated.txt", sha256=sha)


@SETTINGS
@given(st.lists(line_cells, min_size=1, max_size=40))
def test_parse_lines_never_crashes_and_accounts_for_every_line(rows):
    lines, doc = _parse(rows)
    non_blank = {ln.no for ln in lines if not ln.blank}
    skipped = {u.line for u in doc.skipped}
    unplaced = {u.line for u in doc.unplaced}
    assert len(skipped) == len(doc.skipped) and len(unplaced) == len(doc.unplaced), "a line listed twice"
    assert not skipped & unplaced
    assert (skipped | unplaced) <= non_blank
    assert doc.placed_lines + len(doc.skipped) + len(doc.unplaced) == len(non_blank)
    for rec in [*doc.report_recs, *(r for p in doc.plans for r in p.recs)]:
        assert rec.span.line_start <= rec.span.line_end
        assert rec.span.line_start in {ln.no for ln in lines}


@SETTINGS
@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=60), min_size=1,
                max_size=30))
def test_parse_lines_on_arbitrary_text_lines(texts):
    rows = [tuple(t.split("\t")) for t in texts]
    lines, doc = _parse(rows)
    non_blank = sum(1 for ln in lines if not ln.blank)
    assert doc.placed_lines + len(doc.skipped) + len(doc.unplaced) == non_blank


@SETTINGS
@given(st.one_of(st.none(), st.text(max_size=80), st.lists(st.sampled_from(WORDS), max_size=10).map(" ".join)))
def test_parse_date_cell_never_crashes(raw):
    cell = parse_date_cell(raw)
    assert isinstance(cell.flagged, bool)
    for d in cell.dates:
        assert d.iso <= d.end_iso
        assert d.precision in {"day", "month", "quarter", "year"}
    if cell.dates:
        assert cell.first is not None and cell.last is not None


@SETTINGS
@given(st.integers(1, 40), st.integers(1, 15), st.integers(1950, 2100))
def test_impossible_day_month_dates_are_flagged_not_invented(day, month, year):
    import datetime

    raw = f"{day:02d}/{month:02d}/{year}"
    cell = parse_date_cell(raw)
    try:
        real = datetime.date(year, month, day)
    except ValueError:
        real = None
    if real is None and month > 12 and day <= 12:
        # month-first (a US-style 01/13/2021) is read as such: day and month swapped, not made up
        assert [d.iso for d in cell.dates] == [datetime.date(year, day, month).isoformat()]
    elif real is None:
        assert cell.flagged and not cell.dates
    else:
        assert [d.iso for d in cell.dates] == [real.isoformat()]


@SETTINGS
@given(cells, st.integers(0, 10_000))
def test_detect_header_never_crashes(row, no):
    header = detect_header(row, no)
    if header is not None:
        assert len(header.roles) == len(row)
        assert len({r for r in header.roles if r}) == len([r for r in header.roles if r]), "a role twice"


ROLE_NAMES = [r for r, _ in ROLES] + [None]


@SETTINGS
@given(cells, st.lists(st.sampled_from(ROLE_NAMES), min_size=1, max_size=12).map(tuple))
def test_align_keeps_every_cell_in_order(row, roles):
    out = align(row, roles)
    assert all(0 <= col < len(roles) for col in out)
    kept = " ".join(out[c] for c in sorted(out))
    for c in row:
        if c.strip():
            assert c in kept


@SETTINGS
@given(st.text(max_size=30))
def test_match_number_never_crashes(text):
    m = match_number(text)
    if m is not None:
        assert m[0] and text.lstrip()[:1] != ""


@SETTINGS
@given(st.lists(st.one_of(st.none(), st.text(max_size=60), st.sampled_from(WORDS)), max_size=4))
def test_classify_status_never_crashes(texts):
    status, words = classify_status(*texts)
    assert status in {"complete", "in_progress", "not_started", "unknown"}
    assert (words is None) == (status == "unknown")
    if words:
        assert any(t and words in t for t in texts)
