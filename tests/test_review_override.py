"""A review a user names for every document (``--review``, the Ingest page) joins the documents that name
the review themselves: "Northby DHR-1" and "northby/dhr-1" are the key the ingest finds, not a new review."""

from __future__ import annotations

import pytest

from reviewgraph.graph.store import Store
from reviewgraph.ingest.pipeline import ingest_into

PLAN = """Eastholm DHR-3 action plan
No\tRecommendation\tAction\tLead agency\tTarget date
1\tEastholm Police should review how officers record coercive control.\tBriefing issued to officers.\tEastholm Police\tMarch 2024
2\tEastholm Council should audit housing referrals to the MARAC.\tAudit of referrals.\tEastholm Council\tJune 2024
"""
UPDATE = """Progress update, May 2024
No\tRecommendation\tAction\tLead agency\tStatus
1\tEastholm Police should review how officers record coercive control.\tBriefing issued to officers.\tEastholm Police\tComplete
"""


@pytest.mark.parametrize("named", ["Eastholm DHR-3", "eastholm/dhr-3", "  Eastholm   DHR 3 "])
def test_a_named_review_joins_the_review_its_documents_name(tmp_path, named):
    plan, update = tmp_path / "plan.txt", tmp_path / "update.txt"
    plan.write_text(PLAN, encoding="utf-8")
    update.write_text(UPDATE, encoding="utf-8")  # names no review: only the user's name files it
    store = Store(tmp_path / "db")
    ingest_into(store, [plan])
    ingest_into(store, [update], review=named)
    graph = store.graph()
    assert [r.id for r in graph.of_kind("Review")] == ["review:eastholm/dhr-3"]
    assert {d.review for d in graph.of_kind("Document")} == {"review:eastholm/dhr-3"}


def test_other_text_names_a_review_of_its_own(tmp_path):
    update = tmp_path / "update.txt"
    update.write_text(UPDATE, encoding="utf-8")
    store = Store(tmp_path / "db")
    ingest_into(store, [update], review="Board's own tracker")
    assert [r.id for r in store.graph().of_kind("Review")] == ["review:boards-own-tracker"]
