"""The cross-review views (queries/boards.py) on the demo corpus and the samples: the matrix counts the
themes' recommendations, the agency counts are the gap report's, the timeline and the changes follow the one
status rule (graph.status); and graph/labels.py has words for everything the model names."""

from __future__ import annotations

from collections import defaultdict

import pytest

from reviewgraph.graph.labels import (
    EXPORT_FORMATS,
    KIND_LABELS,
    PROPERTY_LABELS,
    RELATIONSHIP_LABELS,
    VALUE_LABELS,
    source_label,
    with_source,
)
from reviewgraph.graph.model import EDGE_PROP_TYPES, NODE_TYPES, RELATIONSHIPS, StatusUpdate
from reviewgraph.graph.store import Store
from reviewgraph.ingest.pipeline import ingest_into
from reviewgraph.synth.corpus import demo_paths
from reviewgraph.queries import boards, gaps
from reviewgraph.queries.index import GraphIndex
from reviewgraph.queries.themes import shared_themes
from tests.seeds import all_seeds

AS_OF = "2026-12-05"


@pytest.fixture(scope="module", params=["demo", "samples"])
def index(request, tmp_path_factory) -> GraphIndex:  # type: ignore[no-untyped-def]
    paths = demo_paths() if request.param == "demo" else all_seeds()
    store = Store(tmp_path_factory.mktemp(request.param))
    assert all(r.ok for r in ingest_into(store, paths))
    return GraphIndex(store.graph())


def test_matrix_counts_each_themes_recommendations_by_review(index: GraphIndex) -> None:
    rows = boards.theme_review_matrix(index)
    assert rows
    per_theme: dict[str, int] = defaultdict(int)
    for r in rows:
        assert r["recommendations"] == len(r["recommendation_ids"]) > 0
        assert all(index.nodes[i].review == r["review"] for i in r["recommendation_ids"])
        per_theme[r["theme"]] += r["recommendations"]
    expected = {t["theme"]: t["recommendation_count"] for t in shared_themes(index)
                if t["recommendation_count"]}
    assert per_theme == expected
    shared = {r["theme"] for r in boards.theme_review_matrix(index, min_reviews=2)}
    assert shared == {t["theme"] for t in shared_themes(index, min_reviews=2) if t["recommendation_count"]}


def test_agency_counts_are_the_gap_reports(index: GraphIndex) -> None:
    rows = boards.agency_actions(index, AS_OF)
    for state, gap in (("overdue", gaps.overdue_actions), ("open", gaps.open_actions)):
        mine = {r["action"] for r in rows if r["state"] == state}
        assert mine == {r["action"] for r in gap(index, AS_OF)}, state
    assert {r["action"] for r in rows} == {a.id for a in index.actions()}
    per_agency = boards.actions_by_agency(index, AS_OF)
    assert sum(r["total"] for r in per_agency) == len(rows)
    assert per_agency[-1]["agency"] is not None or per_agency[-1]["name"] == boards.NO_AGENCY


def test_timeline_lists_each_update_in_the_rules_order(index: GraphIndex) -> None:
    for review in index.reviews():
        for row in boards.action_timeline(index, review.id, AS_OF):
            act = index.nodes[row["action"]]
            assert row["status"] == index.status_as_of(act, boards._day(AS_OF))
            dated = [u["as_of"] for u in row["updates"] if u["as_of"]]
            assert dated == sorted(dated)
            assert len(row["updates"]) == len(index.out(act.id, "HAS_STATUS"))
            if dated:  # the last dated update on or before the date gives the status (the one rule)
                last = [u for u in row["updates"] if u["as_of"] and u["as_of"] <= AS_OF][-1]
                assert last["status"] == row["status"]


@pytest.mark.parametrize("since", ["2010-01-01", "2014-06-30", "2020-12-31"])
def test_changes_move_each_action_from_its_status_then_to_its_status_now(index: GraphIndex,
                                                                        since: str) -> None:
    rows = boards.status_changes(index, since, AS_OF)
    last: dict[str, str] = {}
    for r in sorted(rows, key=lambda r: r["on"]):
        assert since < r["on"] <= AS_OF and r["before"] != r["after"]
        last[r["action"]] = r["after"]
    for act in index.actions():
        then, now = index.status_as_of(act, boards._day(since)), index.status_as_of(act, boards._day(AS_OF))
        if then != now:
            assert last.get(act.id) == now, act.id
        elif act.id in last:
            assert last[act.id] == now


def test_a_progress_update_moving_a_status_is_listed_with_its_source(tmp_path) -> None:
    from tests.synthetic_graph import make_graph

    g = make_graph()
    act = next(iter(g.of_kind("Action")))
    doc = next(iter(g.of_kind("Document")))
    for as_of, status in (("2021-01-31", "not_started"), ("2021-06-30", "complete")):
        su = StatusUpdate(id=f"status:{act.id}@{as_of}", action=act.id, status=status, as_of=as_of,
                          doc=doc.id, line_start=5, line_end=5)
        g.add_node(su)
        g.link(act.id, "HAS_STATUS", su.id, su)
    idx = GraphIndex(g)
    rows = [r for r in boards.status_changes(idx, "2021-03-01", "2021-12-31") if r["action"] == act.id]
    assert [(r["before"], r["after"], r["on"], r["first"]) for r in rows] == [
        ("not_started", "complete", "2021-06-30", False)]
    assert with_source(rows, g)[0]["source"] == f"{doc.file_name}, line 5"
    assert not [r for r in boards.status_changes(idx, "2021-07-01", "2021-12-31") if r["action"] == act.id]


def test_every_kind_property_relationship_and_value_has_words() -> None:
    assert set(NODE_TYPES) <= set(KIND_LABELS)
    assert set(RELATIONSHIPS) <= set(RELATIONSHIP_LABELS)
    fields = {f for cls in NODE_TYPES.values() for f in cls.model_fields} | set(EDGE_PROP_TYPES)
    assert fields <= set(PROPERTY_LABELS), sorted(fields - set(PROPERTY_LABELS))
    for words in [*KIND_LABELS.values(), *RELATIONSHIP_LABELS.values(), *PROPERTY_LABELS.values(),
                  *(w for v in VALUE_LABELS.values() for w in v.values())]:
        for w in ([words] if isinstance(words, str) else words):
            assert "_" not in w and not w.isupper(), w
    assert all(":" in label or " " in label for label, _ in EXPORT_FORMATS.values())


def test_sources_name_the_file_never_the_document_id() -> None:
    files = {"doc:8ebf1dace9461926": "plan.pdf"}
    assert source_label(files, "doc:8ebf1dace9461926", 7, 9) == "plan.pdf, lines 7-9"
    assert source_label(files, "doc:8ebf1dace9461926", 7, 7, page=2) == "plan.pdf, page 2"
    assert "doc:" not in source_label({}, "doc:8ebf1dace9461926", 7, 9)


@pytest.mark.parametrize("since", ["2014-01-01", "2016-06-30", "2019-01-01"])
def test_the_page_and_the_board_report_count_the_same_changes(index: GraphIndex, since: str) -> None:
    """One rule for "what changed": the What changed page and the board report list the same moves (several
    updates on one day are one move, to the status the rule takes that day)."""
    from reviewgraph.queries.board_report import board_report
    page = boards.status_changes(index, since, AS_OF)
    report = board_report(index, AS_OF, since=since).changes
    assert len(page) == len(report)
    assert sorted(r["on"] for r in page) == sorted(c.day.isoformat() for c in report)
