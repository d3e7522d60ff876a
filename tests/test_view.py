"""reviewgraph.graph.view: filtered views keep what the filter names, and only that."""

from __future__ import annotations

import pytest

from reviewgraph.graph.view import DEFAULT_KINDS, ViewFilter, facets, filter_graph
from tests.synthetic_graph import make_graph


@pytest.fixture(scope="module")
def graph():
    return make_graph()


def test_empty_filter_keeps_everything(graph):
    sub = filter_graph(graph, ViewFilter())
    assert set(sub.nodes) == set(graph.nodes)
    assert set(sub.edges) == set(graph.edges)


def test_review_filter_keeps_one_review(graph):
    sub = filter_graph(graph, ViewFilter(reviews=("review:northby/dhr-1",)))
    assert {n.id for n in sub.of_kind("Review")} == {"review:northby/dhr-1"}
    assert {n.id for n in sub.of_kind("Recommendation")} == {"rec:northby/dhr-1/1", "rec:northby/dhr-1/2"}
    assert all(getattr(n, "review", "review:northby/dhr-1") == "review:northby/dhr-1" for n in sub.nodes.values())


def test_area_filter_matches_review_filter(graph):
    by_area = filter_graph(graph, ViewFilter(areas=("Southby",)))
    by_review = filter_graph(graph, ViewFilter(reviews=("review:southby/dhr-7",)))
    assert set(by_area.nodes) == set(by_review.nodes)


def test_theme_filter_keeps_items_about_the_theme(graph):
    sub = filter_graph(graph, ViewFilter(themes=("theme:marac",)))
    recs = {n.id for n in sub.of_kind("Recommendation")}
    assert recs == {"rec:northby/dhr-1/1", "rec:southby/dhr-7/17.1"}
    assert "learning:southby/dhr-7/16.1" in sub.nodes


def test_agency_filter_follows_actions_and_addressees(graph):
    sub = filter_graph(graph, ViewFilter(agencies=("agency:wellbeing-hub",)))
    assert {n.id for n in sub.of_kind("Recommendation")} == {"rec:northby/dhr-1/2"}
    assert "action:northby/dhr-1/2/1" in sub.nodes


def test_status_filter(graph):
    sub = filter_graph(graph, ViewFilter(statuses=("not_started",)))
    assert {n.status for n in sub.of_kind("Action")} == {"not_started"}
    assert {n.id for n in sub.of_kind("Recommendation")} == {"rec:southby/dhr-7/17.1"}
    unknown = filter_graph(graph, ViewFilter(statuses=("unknown",)))
    assert {n.id for n in unknown.of_kind("Recommendation")} == {"rec:southby/dhr-7/17.2"}


def test_date_range_uses_action_targets(graph):
    sub = filter_graph(graph, ViewFilter(date_from="2021-01-01", date_to="2021-12-31"))
    assert {n.target for n in sub.of_kind("Action")} == {"2021-04-01"}
    assert not list(filter_graph(graph, ViewFilter(date_from="2030-01-01")).of_kind("Action"))


def test_text_search_keeps_matches_and_neighbours(graph):
    sub = filter_graph(graph, ViewFilter(text="wellbeing"))
    assert "agency:wellbeing-hub" in sub.nodes
    assert "rec:northby/dhr-1/2" in sub.nodes  # a neighbour
    assert "rec:southby/dhr-7/17.2" not in sub.nodes


def test_kinds_and_isolated(graph):
    sub = filter_graph(graph, ViewFilter(kinds=DEFAULT_KINDS, drop_isolated=True))
    assert {n.KIND for n in sub.nodes.values()} <= set(DEFAULT_KINDS)
    linked = {k[0] for k in sub.edges} | {k[2] for k in sub.edges}
    assert set(sub.nodes) == linked


def test_unknown_kind_is_refused():
    with pytest.raises(ValueError, match="unknown node kinds"):
        ViewFilter(kinds=("Person",))


def test_facets(graph):
    f = facets(graph)
    assert [r for r, _ in f["reviews"]] == ["review:northby/dhr-1", "review:southby/dhr-7"]
    assert f["areas"] == ["Northby", "Southby"]
    assert ("theme:marac", "MARAC") in f["themes"]
    assert f["date_min"] == "2020-06-01" and f["date_max"] == "2021-04-01"
