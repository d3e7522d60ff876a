"""Themes and gaps on the four real sample documents (three reviews): the issue's "done when" checks.

Skips when ../shared/seeds is absent. The rules are general (see docs/themes.md); nothing here is tuned to
these documents beyond what the issue asks.
"""

from __future__ import annotations

from collections import defaultdict

import pytest

from reviewgraph.graph.store import Store
from reviewgraph.ingest.pipeline import ingest_into
from reviewgraph.queries.gaps import date_anomalies, find_gaps, national_no_response
from tests.seeds import all_seeds


@pytest.fixture(scope="module")
def seed_graph(tmp_path_factory):  # type: ignore[no-untyped-def]
    store = Store(tmp_path_factory.mktemp("seeds-analysis"))
    results = ingest_into(store, all_seeds())
    assert all(r.ok for r in results)
    return store.graph()


def test_core_themes_tag_recommendations_in_every_review(seed_graph) -> None:  # type: ignore[no-untyped-def]
    reviews = {n.id for n in seed_graph.of_kind("Review")}
    assert len(reviews) == 3
    tagged: dict[str, set[str]] = defaultdict(set)
    for e in seed_graph.edges_of("ABOUT"):
        item = seed_graph.nodes[e.source]
        assert e.props["evidence"], f"{e.source} -> {e.target} has no evidence"
        if item.KIND == "Recommendation":
            tagged[e.target].add(item.review)
    for theme in ("theme:marac", "theme:information-sharing", "theme:training", "theme:risk-assessment"):
        assert tagged[theme] == reviews, theme


def test_evidence_quotes_the_item_text(seed_graph) -> None:  # type: ignore[no-untyped-def]
    for e in seed_graph.edges_of("ABOUT"):
        item = seed_graph.nodes[e.source]
        if item.KIND != "Recommendation":
            continue
        first = e.props["evidence"].split('" (', 1)[0].lstrip('"')
        assert first in item.text


def test_dhr4_target_before_start_is_found(seed_graph) -> None:  # type: ignore[no-untyped-def]
    rows = [r for r in date_anomalies(seed_graph) if "DHR-4" in r["review_title"] and "before start" in r["detail"]]
    assert rows, "the DHR-4 action whose target precedes its start"
    assert any("Clare" in r["text"] for r in rows)


def test_warwickshire_national_recommendations_without_response(seed_graph) -> None:  # type: ignore[no-untyped-def]
    rows = [r for r in national_no_response(seed_graph) if "Warwickshire" in r["review_title"]]
    texts = " ".join(r["text"] for r in rows)
    assert "Home Office" in texts and "CAADA" in texts and "CPS" in texts


def test_every_gap_row_points_at_a_document(seed_graph) -> None:  # type: ignore[no-untyped-def]
    docs = {n.id for n in seed_graph.of_kind("Document")} | {"registry:themes"}
    rows = find_gaps(seed_graph, "2022-01-01")
    assert rows
    assert all(r["doc"] in docs and r["line_start"] >= 0 for r in rows)
