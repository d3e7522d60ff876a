"""Saved queries: headers, pairs, and the same rows on LadybugDB, pyoxigraph and rdflib (synthetic graph)."""

from __future__ import annotations

import re

import pytest

from reviewgraph.graph.sinks import ladybug_store, oxigraph_store
from reviewgraph.graph.sinks.rdf import to_rdflib
from reviewgraph.queries.engines import LadybugEngine, OxigraphEngine, RdflibEngine
from reviewgraph.queries.saved import QueryError, parse, saved_queries
from tests.stores_data import make_store_graph

CYPHER = {q.name: q for q in saved_queries("cypher")}
SPARQL = {q.name: q for q in saved_queries("sparql")}
PAIRS = sorted(set(CYPHER) & set(SPARQL))
#: parameters that make the synthetic graph's answers non-empty and independent of today's date
PARAMS = {"as_of": "2024-01-01", "min_reviews": "1", "min_score": "0.5", "keyword": "marac"}


@pytest.fixture(scope="module")
def engines():
    g = make_store_graph()
    return {"cypher": LadybugEngine(ladybug_store.memory_connection(g)),
            "sparql": OxigraphEngine(oxigraph_store.memory_store(g)),
            "rdflib": RdflibEngine(to_rdflib(g))}


def _params(q):
    return q.coerce({k: v for k, v in PARAMS.items() if k in {p.name for p in q.params}})


def _run(engines, engine: str, name: str):
    q = (CYPHER if engines[engine].language == "cypher" else SPARQL)[name]
    return engines[engine].run(q.text, _params(q))


def test_enough_saved_queries_and_pairs() -> None:
    assert len(CYPHER) >= 9 and len(SPARQL) >= 9
    assert len(PAIRS) >= 6


@pytest.mark.parametrize("name", PAIRS)
def test_pair_declares_the_same_parameters(name: str) -> None:
    assert CYPHER[name].params == SPARQL[name].params
    assert CYPHER[name].title == SPARQL[name].title


@pytest.mark.parametrize("name", PAIRS)
def test_pair_gives_the_same_rows_on_every_embedded_engine(engines, name: str) -> None:
    results = {e: _run(engines, e, name) for e in engines}
    columns = {e: r.columns for e, r in results.items()}
    assert len({tuple(c) for c in columns.values()}) == 1, columns
    rows = {e: sorted(map(repr, r.rows)) for e, r in results.items()}
    assert rows["cypher"] == rows["sparql"] == rows["rdflib"], rows


def _rows(engines, name: str, engine: str = "cypher") -> list[dict]:
    return _run(engines, engine, name).records()


@pytest.mark.parametrize("engine", ["cypher", "sparql"])
def test_gap_queries_match_the_graph(engines, engine: str) -> None:
    g = make_store_graph()
    owned = {e.source for e in g.edges_of("ADDRESSED_TO")}
    led = {e.source for e in g.edges_of("HAS_ACTION") if g.out(e.target, "LED_BY")}
    expect = sorted(r.id for r in g.of_kind("Recommendation") if r.id not in owned | led)
    got = sorted(r["recommendation_id"] for r in _rows(engines, "recommendations_without_owner", engine))
    assert got == expect and expect

    informing = {e.source for e in g.edges_of("INFORMS")}
    expect = sorted(n.id for n in g.of_kind("Learning") if n.id not in informing)
    got = sorted(r["learning_id"] for r in _rows(engines, "learning_without_recommendation", engine))
    assert got == expect and expect

    expect = sorted(a.id for a in g.of_kind("Action") if a.status != "complete")
    got = sorted(r["action_id"] for r in _rows(engines, "actions_open_as_of", engine))
    assert got == expect
    overdue = {r["action_id"] for r in _rows(engines, "actions_open_as_of", engine) if r["overdue"]}
    assert overdue == {a.id for a in g.of_kind("Action")
                       if a.status != "complete" and (a.target_end or a.target or "9") < PARAMS["as_of"]}

    chain = {(r["agency_id"], r["successor_id"]) for r in _rows(engines, "successor_chain", engine)}
    assert ("agency:northby-crc", "agency:eastmoor-justice-board") in chain  # two steps
    assert ("agency:probation-service", "agency:eastmoor-justice-board") in chain


def test_parameters_change_the_answer(engines) -> None:
    for engine in ("cypher", "sparql", "rdflib"):
        e = engines[engine]
        q = (CYPHER if e.language == "cypher" else SPARQL)["successor_chain"]
        only = e.run(q.text, q.coerce({"agency_ref": "EJB"})).rows
        assert only == []  # the board has no successor
        crc = e.run(q.text, q.coerce({"agency_ref": "Northby Community Rehabilitation Company"})).rows
        assert sorted(r[3] for r in crc) == ["agency:eastmoor-justice-board", "agency:probation-service"]
        qk = (CYPHER if e.language == "cypher" else SPARQL)["recommendations_mentioning"]
        hostile = e.run(qk.text, qk.coerce({"keyword": "') OR true //\" } #"})).rows
        assert hostile == []


def test_header_is_required_and_parameters_are_typed() -> None:
    with pytest.raises(QueryError, match="title"):
        parse("MATCH (n:Review) RETURN n.id", "cypher", "x")
    q = parse("# title: T\n# description: D\n# param: d: date = 2021-01-02\n# param: f: float\nSELECT * {}",
              "sparql", "x")
    with pytest.raises(QueryError, match="required"):
        q.coerce({})
    assert q.coerce({"f": "0.5"})["f"] == 0.5
    with pytest.raises(QueryError, match="must be a date"):
        q.coerce({"f": "1", "d": "June"})
    with pytest.raises(QueryError, match="unknown parameter"):
        q.coerce({"f": "1", "zzz": "1"})


@pytest.mark.parametrize("q", CYPHER.values(), ids=list(CYPHER))
def test_cypher_labels_both_ends_of_every_relationship(q) -> None:
    body = "\n".join(line for line in q.text.splitlines() if not line.lstrip().startswith("//"))
    for m in re.finditer(r"\)\s*<?-\[[^\]]*\]->?\s*\(", body):
        left = body[: m.start() + 1]
        node_left = left[left.rfind("("):]
        right = body[m.end() - 1:]
        node_right = right[: right.find(")") + 1]
        assert ":" in node_left and ":" in node_right, f"{q.name}: unlabelled end in {node_left}…{node_right}"
    assert "<-[" not in body or "]-(" in body
