"""One definition of "the recommendations about a theme" (queries.themes.recommendations_about): the Themes
page's picker, its tables and its chart, shared_themes and the explorer's shared-theme view count the same
recommendations, on the synthetic graph and on the demo corpus."""

from __future__ import annotations

import pytest

from reviewgraph.graph.store import Store
from reviewgraph.graph.view import shared_theme_links
from reviewgraph.queries import browse
from reviewgraph.queries.themes import recommendations_about, shared_themes
from tests.synthetic_graph import make_graph
from tests.webapp_support import open_app


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from reviewgraph.ingest.pipeline import ingest_into
    from reviewgraph.synth.corpus import demo_paths

    store = Store(tmp_path_factory.mktemp("demo"))
    assert all(r.ok for r in ingest_into(store, demo_paths()))
    return store


def _agree(graph) -> int:
    about = recommendations_about(graph)
    shared = {r["theme"]: r for r in shared_themes(graph)}
    links = shared_theme_links(graph, min_reviews=1)
    checked = 0
    for row in browse.themes_ranked(graph):
        theme = row["theme"]
        detail = browse.theme_detail(graph, theme)
        recs = about.get(theme, set())
        assert row["recommendations"] == len(recs), theme  # the picker's count
        assert {r["id"] for r in detail["recommendations"]} == recs, theme  # the table
        assert sum(r["recommendations"] for r in detail["reviews"]) == len(recs), theme
        assert shared[theme]["recommendation_count"] == len(recs), theme
        assert sum(n for (_rv, t), n in links.items() if t == theme) == len(recs), theme
        checked += bool(recs)
    return checked


def test_one_definition_on_the_synthetic_graph():
    assert _agree(make_graph()) >= 1


def test_one_definition_on_the_demo_corpus(demo):
    assert _agree(demo.graph()) >= 10


def test_the_picker_says_what_the_tables_list(demo, monkeypatch):
    at = open_app(monkeypatch, demo.path, "views/themes.py")
    graph = demo.graph()
    theme = max(recommendations_about(graph).items(), key=lambda p: (len(p[1]), p[0]))[0]
    at.selectbox(key="th_pick").select(theme).run()
    assert not at.exception, [e.value for e in at.exception]
    label = at.selectbox(key="th_pick").value
    said = next(o for o in at.selectbox(key="th_pick").options if o.startswith(graph.nodes[theme].caption() + " ("))
    table = next(df.value for df in at.dataframe if {"number", "text"} <= set(df.value.columns))
    assert label == theme
    assert f"{len(table)} recommendations" in said
