"""A column headed "Milestone" whose cells are all dates gives the actions' target dates (the cells' content
wins over the header's word); one holding words stays the actions' milestones. Synthetic trackers."""

from __future__ import annotations

import pytest

from reviewgraph.ingest.parse import parse_lines
from reviewgraph.ingest.readers import read
from reviewgraph.records.dates import parse_date_cell

HEAD = "Ashmere Safeguarding Adults Board - SAR 2 improvement tracker,,,,\nRef,What we will do,Lead organisation,{},RAG\n"
ROWS = [
    ("R1", "Ashmere Adult Social Care to audit self-neglect referrals closed without a visit", "Ashmere Council"),
    ("R2", "The ambulance service will share frequent-caller data with the GP practice",
     "Ashmere Ambulance Service NHS Trust"),
    ("R3", "Police to record hoarding concerns on the vulnerability screening tool", "Ashmere Police"),
]


def _actions(tmp_path, header: str, cells: list[str]):
    text = HEAD.format(header) + "".join(f"{n},{what},{lead},{cell},Amber\n"
                                         for (n, what, lead), cell in zip(ROWS, cells))
    path = tmp_path / "ashmere-sar-2-tracker.csv"
    path.write_text(text, encoding="utf-8")
    reader, lines = read(path)
    doc = parse_lines(lines, file_name=path.name, sha256="0" * 64, reader=reader)
    return [a for plan in doc.plans for r in plan.recs for a in r.actions], doc


@pytest.mark.parametrize("header", ["Milestone", "Milestones", "Key milestone"])
def test_a_milestone_column_of_dates_gives_target_dates(tmp_path, header):
    actions, doc = _actions(tmp_path, header, ["March 2025", "30/06/2025", "Sept 2025"])
    assert [a.target_raw for a in actions] == ["March 2025", "30/06/2025", "Sept 2025"]
    assert [[d.iso for d in parse_date_cell(a.target_raw).dates] for a in actions] == [
        ["2025-03-01"], ["2025-06-30"], ["2025-09-01"]]
    assert all(a.milestones is None for a in actions)
    assert not doc.unplaced


def test_a_milestone_column_of_words_stays_milestones(tmp_path):
    cells = ["Audit reported to the board", "Data sharing agreement signed by March 2025", "Tool updated"]
    actions, doc = _actions(tmp_path, "Milestone", cells)
    assert [a.milestones for a in actions] == cells
    assert all(a.target_raw is None for a in actions)
