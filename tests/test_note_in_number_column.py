"""Words alone in a plan's number column under its last numbered row are no part of that row's number: they
are reported as unplaced (they were appended to the number and lost). A synthetic CSV tracker whose layout
no other test uses: a title row, Ref | What we will do | Lead organisation | Milestone | RAG, a note below."""

from __future__ import annotations

from reviewgraph.ingest.parse import parse_lines
from reviewgraph.ingest.readers import read

TRACKER = """Eastmere Safeguarding Adults Board - SAR 4 improvement tracker,,,,
Ref,What we will do,Lead organisation,Milestone,RAG
R1,Eastmere Adult Social Care to audit self-neglect referrals closed without a visit,Eastmere Council,March 2025,Green
R2,The ambulance service will share frequent-caller data with the GP practice,Eastmere Ambulance Service NHS Trust,June 2025,Amber
R3,Police to record hoarding concerns on the vulnerability screening tool,Eastmere Police,Sept 2025,Red
Notes: tracker reviewed quarterly by the SAB,,,,
"""


def test_a_note_under_the_last_row_is_reported_not_lost(tmp_path):
    path = tmp_path / "eastmere-sar-4-tracker.csv"
    path.write_text(TRACKER, encoding="utf-8")
    reader, lines = read(path)
    doc = parse_lines(lines, file_name=path.name, sha256="0" * 64, reader=reader)
    recs = [r for plan in doc.plans for r in plan.recs]
    assert [r.number for r in recs] == ["R1", "R2", "R3"]
    assert [(u.line, u.text) for u in doc.unplaced] == [(6, "Notes: tracker reviewed quarterly by the SAB")]
    assert doc.placed_lines == doc.line_count - 1  # every other line is placed
