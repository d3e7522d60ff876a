"""Derived stores follow graph.json: built on first use, reused while it is unchanged, rebuilt after."""

from __future__ import annotations

import pytest

from reviewgraph.graph.sinks import ladybug_store, oxigraph_store
from reviewgraph.graph.sinks.rdf import to_rdflib
from reviewgraph.graph.store import Store
from tests.stores_data import make_store_graph, write_store
from tests.synthetic_graph import make_graph


def _dirs(store: Store, engine: str) -> list[str]:
    return sorted(p.name for p in (store.derived_dir / engine).iterdir() if p.is_dir())


def test_ladybug_counts_follow_the_graph_and_rebuild_after_a_change(tmp_path) -> None:
    store = write_store(tmp_path)
    graph = store.graph()
    counts = ladybug_store.counts(ladybug_store.open_connection(store))
    expect = graph.counts()
    assert {k: v for k, v in counts.items() if v} == expect
    first = _dirs(store, "ladybug")
    # same graph.json again (what re-ingesting the same documents leaves): same store, same counts
    write_store(tmp_path, make_store_graph())
    again = Store(tmp_path)
    assert ladybug_store.counts(ladybug_store.open_connection(again)) == counts
    assert _dirs(again, "ladybug") == first
    # a different graph: rebuilt, old directory gone
    write_store(tmp_path, make_graph())
    changed = Store(tmp_path)
    new_counts = ladybug_store.counts(ladybug_store.open_connection(changed))
    assert new_counts["Recommendation"] == expect["Recommendation"] - 1
    assert _dirs(changed, "ladybug") != first and len(_dirs(changed, "ladybug")) == 1


def test_oxigraph_store_holds_every_triple_and_rebuilds(tmp_path) -> None:
    store = write_store(tmp_path)
    ox = oxigraph_store.open_store(store)
    assert len(ox) == len(to_rdflib(store.graph()))
    first = _dirs(store, "oxigraph")
    del ox
    write_store(tmp_path, make_store_graph())
    assert len(oxigraph_store.open_store(Store(tmp_path))) == len(to_rdflib(make_store_graph()))
    assert _dirs(Store(tmp_path), "oxigraph") == first
    write_store(tmp_path, make_graph())
    assert len(oxigraph_store.open_store(Store(tmp_path))) == len(to_rdflib(make_graph()))
    assert _dirs(Store(tmp_path), "oxigraph") != first


def test_empty_store_gives_empty_engines(tmp_path) -> None:
    store = Store(tmp_path / "empty")
    assert len(oxigraph_store.open_store(store)) == 0
    assert sum(ladybug_store.counts(ladybug_store.open_connection(store)).values()) == 0


@pytest.mark.parametrize("kind", ["Agency", "Theme"])
def test_lists_are_string_arrays_in_ladybug(kind: str) -> None:
    conn = ladybug_store.memory_connection(make_store_graph())
    prop = "aliases" if kind == "Agency" else "alt_labels"
    rows = conn.execute(f"MATCH (n:{kind}) WHERE size(n.{prop}) > 0 RETURN n.id, n.{prop}").get_all()
    g = make_store_graph()
    assert sorted(map(tuple, ((r[0], tuple(r[1])) for r in rows))) == sorted(
        (n.id, tuple(getattr(n, prop))) for n in g.of_kind(kind) if getattr(n, prop))
