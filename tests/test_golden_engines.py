"""Golden cross-engine test over the four sample documents (../shared/seeds).

Every query saved in both languages gives the same rows (sorted) on LadybugDB and pyoxigraph, and the
SPARQL ones the same rows again through a real Oxigraph server started here; re-ingesting the same
documents leaves every engine's counts unchanged.
"""

from __future__ import annotations

import pytest

from reviewgraph.graph.sinks import ladybug_store, oxigraph_store
from reviewgraph.graph.sinks.sparql_endpoint import push, start_server
from reviewgraph.graph.store import Store
from reviewgraph.queries.engines import EndpointEngine, LadybugEngine, OxigraphEngine
from reviewgraph.queries.saved import saved_queries
from tests.seeds import all_seeds, needs_seeds

CYPHER = {q.name: q for q in saved_queries("cypher")}
SPARQL = {q.name: q for q in saved_queries("sparql")}
PAIRS = sorted(set(CYPHER) & set(SPARQL))
#: fixed parameters, so the answers do not depend on the day the test runs
PARAMS = {"as_of": "2021-06-30", "min_reviews": "2"}

pytestmark = needs_seeds


def _ingest(store: Store) -> list:
    from reviewgraph.ingest.pipeline import ingest_paths

    docs = [r.doc for r in ingest_paths(all_seeds()) if r.doc is not None]
    assert len(docs) == 4
    return store.add(docs)


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory) -> Store:
    store = Store(tmp_path_factory.mktemp("seeds") / "store")
    assert len(_ingest(store)) == 4
    return store


@pytest.fixture(scope="module")
def embedded(seed_store):
    return {"cypher": LadybugEngine(ladybug_store.open_connection(seed_store)),
            "sparql": OxigraphEngine(oxigraph_store.open_store(seed_store))}


def _params(q):
    return q.coerce({k: v for k, v in PARAMS.items() if k in {p.name for p in q.params}})


def _sorted(result):
    return result.columns, sorted(map(repr, result.rows))


@pytest.mark.parametrize("name", PAIRS)
def test_pair_same_rows_on_ladybug_and_pyoxigraph(embedded, name: str) -> None:
    cy = embedded["cypher"].run(CYPHER[name].text, _params(CYPHER[name]))
    sp = embedded["sparql"].run(SPARQL[name].text, _params(SPARQL[name]))
    assert _sorted(cy) == _sorted(sp)


def test_the_golden_pairs_say_something(embedded) -> None:
    answered = [n for n in PAIRS
                if embedded["cypher"].run(CYPHER[n].text, _params(CYPHER[n])).rows]
    assert len(answered) >= 6, answered


def test_reingest_leaves_every_engine_unchanged(seed_store, embedded) -> None:
    graph_counts = seed_store.graph().counts()
    lb_before = ladybug_store.counts(embedded["cypher"].conn)
    ox_before = len(embedded["sparql"].store)
    assert {k: v for k, v in lb_before.items() if v} == graph_counts
    assert _ingest(Store(seed_store.path)) == []  # nothing new
    again = Store(seed_store.path)
    assert again.graph().counts() == graph_counts
    assert ladybug_store.counts(ladybug_store.open_connection(again)) == lb_before
    assert len(oxigraph_store.open_store(again)) == ox_before


@pytest.mark.server
def test_sparql_pairs_same_rows_through_an_oxigraph_server(seed_store, embedded) -> None:
    proc, url = start_server(None)  # in memory, 127.0.0.1, a free port
    try:
        endpoint = EndpointEngine(url)
        count_all = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
        push(url, seed_store.graph())
        assert endpoint.run(count_all, {}).rows[0][0] == len(embedded["sparql"].store)
        push(url, seed_store.graph())  # PUT replaces: pushing twice is idempotent
        assert endpoint.run(count_all, {}).rows[0][0] == len(embedded["sparql"].store)
        for name in PAIRS:
            q = SPARQL[name]
            assert _sorted(endpoint.run(q.text, _params(q))) == _sorted(
                embedded["sparql"].run(q.text, _params(q))), name
    finally:
        proc.terminate()
        proc.wait(10)
