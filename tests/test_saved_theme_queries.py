"""The saved theme and gap queries agree with the Python analyses, on every embedded engine."""

from __future__ import annotations

import pytest

from reviewgraph.graph.sinks import ladybug_store, oxigraph_store
from reviewgraph.graph.sinks.rdf import to_rdflib
from reviewgraph.queries.engines import LadybugEngine, OxigraphEngine, RdflibEngine
from reviewgraph.queries.examples import example_graph
from reviewgraph.queries.gaps import date_anomalies
from reviewgraph.queries.saved import saved_queries

QUERIES = {(q.language, q.name): q for q in saved_queries()}
ENGINES = ["cypher", "sparql", "rdflib"]


@pytest.fixture(scope="module")
def graph():  # type: ignore[no-untyped-def]
    return example_graph()


@pytest.fixture(scope="module")
def engines(graph):  # type: ignore[no-untyped-def]
    return {"cypher": LadybugEngine(ladybug_store.memory_connection(graph)),
            "sparql": OxigraphEngine(oxigraph_store.memory_store(graph)),
            "rdflib": RdflibEngine(to_rdflib(graph))}


def run(engines, engine: str, name: str, **params):  # type: ignore[no-untyped-def]
    lang = "cypher" if engine == "cypher" else "sparql"
    q = QUERIES[(lang, name)]
    return engines[engine].run(q.text, q.coerce({k: str(v) for k, v in params.items()})).records()


def _rec_themes(graph) -> dict[str, tuple[set[str], set[str]]]:  # type: ignore[no-untyped-def]
    out: dict[str, tuple[set[str], set[str]]] = {}
    for e in graph.edges_of("ABOUT"):
        item = graph.nodes[e.source]
        if item.KIND == "Recommendation":
            reviews, recs = out.setdefault(e.target, (set(), set()))
            reviews.add(item.review)
            recs.add(item.id)
    return out


@pytest.mark.parametrize("engine", ENGINES)
def test_themes_shared_by_reviews(engines, graph, engine: str) -> None:  # type: ignore[no-untyped-def]
    expect = sorted((t, len(v), len(r)) for t, (v, r) in _rec_themes(graph).items() if len(v) >= 2)
    got = sorted((r["theme_id"], r["reviews"], r["recommendations"])
                 for r in run(engines, engine, "themes_shared_by_reviews", min_reviews=2))
    assert got == expect and expect
    assert len(run(engines, engine, "themes_shared_by_reviews", min_reviews=1)) > len(got)


@pytest.mark.parametrize("engine", ENGINES)
def test_theme_recommendations_by_key_or_label(engines, graph, engine: str) -> None:  # type: ignore[no-untyped-def]
    by_key = run(engines, engine, "theme_recommendations", theme_ref="marac")
    by_label = run(engines, engine, "theme_recommendations", theme_ref="MARAC")
    assert by_key == by_label
    expect = {e.source: e.props["evidence"] for e in graph.edges_of("ABOUT")
              if e.target == "theme:marac" and graph.nodes[e.source].KIND == "Recommendation"}
    assert {r["recommendation_id"]: r["evidence"] for r in by_key} == expect
    assert run(engines, engine, "theme_recommendations", theme_ref="no-such-theme") == []


@pytest.mark.parametrize("engine", ENGINES)
def test_themes_without_completed_action(engines, graph, engine: str) -> None:  # type: ignore[no-untyped-def]
    done = {e.source for e in graph.edges_of("HAS_ACTION") if graph.nodes[e.target].status == "complete"}
    expect = sorted(t for t, (v, r) in _rec_themes(graph).items() if len(v) >= 2 and not r & done)
    got = sorted(r["theme_id"] for r in run(engines, engine, "themes_without_completed_action", min_reviews=2))
    assert got == expect
    assert "theme:marac" not in got   # Northby's MARAC audit is complete


@pytest.mark.parametrize("engine", ENGINES)
def test_actions_target_before_start_matches_the_gap_function(engines, graph, engine: str) -> None:  # type: ignore[no-untyped-def]
    expect = sorted(r["action"] for r in date_anomalies(graph) if "before start" in r["detail"])
    got = sorted(r["action_id"] for r in run(engines, engine, "actions_target_before_start"))
    assert got == expect == ["action:southby/dhr-7/3/1"]
