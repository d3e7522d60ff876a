"""Word lists inside recommendations: numbered sub-items in a list indented further ("List Number 2" under
"List Number"), and bullets under a numbered recommendation that ends in a colon, are part of that
recommendation, not recommendations of their own (they reused the numbers 1 and 2, or were cut off).
Bullets that are the recommendations themselves stay recommendations. Invented review only."""

from __future__ import annotations

from pathlib import Path

import docx

from reviewgraph.graph.store import Store
from reviewgraph.ingest.pipeline import ingest_into


def _recs(tmp_path: Path, paragraphs: list[tuple[str, str]]) -> dict[str, str]:
    d = docx.Document()
    d.add_paragraph("Northby Safeguarding Children Partnership")
    d.add_paragraph("Child Safeguarding Practice Review: Child K - Overview report")
    d.add_heading("Recommendations", level=1)
    for style, text in paragraphs:
        d.add_paragraph(text, style=style)
    d.add_heading("Conclusion", level=1)
    d.add_paragraph("The review panel thanks the family.")
    path = tmp_path / "northby-cspr-child-k-overview.docx"
    d.save(str(path))
    store = Store(tmp_path / "db")
    ingest_into(store, [path])
    return {r.number: r.text for r in store.graph().of_kind("Recommendation")}


def test_numbered_sub_items_and_bullets_after_a_colon_belong_to_their_recommendation(tmp_path) -> None:
    recs = _recs(tmp_path, [
        ("List Number", "Northby Police should improve the handling of missing-child reports by:"),
        ("List Number 2", "recording every return interview outcome;"),
        ("List Number 2", "sharing missing episodes with the school within one working day."),
        ("List Number", "Northby Children's Services should audit the quality of return interviews."),
        ("List Number", "The Partnership should seek assurance from:"),
        ("List Bullet", "Northby Academy Trust, on attendance follow-up;"),
        ("List Bullet", "Northby NHS Foundation Trust, on school nursing capacity."),
    ])
    assert sorted(recs) == ["1", "2", "3"]
    assert recs["1"].endswith("by: 1. recording every return interview outcome; 2. sharing missing episodes "
                              "with the school within one working day.")
    assert recs["3"] == ("The Partnership should seek assurance from: Northby Academy Trust, on attendance "
                         "follow-up; Northby NHS Foundation Trust, on school nursing capacity.")


def test_a_numbered_list_alone_is_unchanged(tmp_path) -> None:
    recs = _recs(tmp_path, [
        ("List Number", "Northby Police should improve the handling of missing-child reports."),
        ("List Number", "Northby Children's Services should audit the quality of return interviews."),
        ("List Number", "The Partnership should seek assurance from schools on attendance follow-up."),
    ])
    assert sorted(recs) == ["1", "2", "3"]
