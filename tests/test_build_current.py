"""Both derived stores built at once from the graph in memory (graph.sinks.derived.build_current), and the
store's documents made durable together (one sync, not one per file)."""

from __future__ import annotations

import pytest

from reviewgraph.graph import store as store_module
from reviewgraph.graph.sinks import derived, ladybug_store, oxigraph_store
from reviewgraph.graph.sinks.rdf import to_rdflib
from reviewgraph.graph.store import Store
from reviewgraph.ingest.pipeline import ingest_into
from tests.stores_data import write_store


@pytest.mark.parametrize("together", [True, False])
def test_build_current_gives_the_stores_the_engines_open(tmp_path, together) -> None:
    store = write_store(tmp_path)
    graph = store.graph()
    dirs = derived.build_current(store, ("oxigraph", "ladybug"), together=together)
    assert set(dirs) == {"oxigraph", "ladybug"}
    # the same directories the engines ask for (current: nothing is built again)
    again = Store(tmp_path)
    assert oxigraph_store.store_dir(again) == dirs["oxigraph"]
    assert ladybug_store.db_dir(again) == dirs["ladybug"]
    assert len(oxigraph_store.open_dir(dirs["oxigraph"])) == len(to_rdflib(graph))
    counts = ladybug_store.counts(ladybug_store.open_dir(dirs["ladybug"]))
    assert {k: v for k, v in counts.items() if v} == graph.counts()
    # nothing left half-way: one directory and its completion mark per engine
    for engine in ("oxigraph", "ladybug"):
        names = sorted(p.name for p in (store.derived_dir / engine).iterdir())
        assert names == [dirs[engine].name, f"{dirs[engine].name}.complete"]


def test_build_current_after_an_ingest_builds_from_the_graph_in_memory(tmp_path, monkeypatch) -> None:
    from tests.seeds import SEEDS

    seeds = sorted(SEEDS.glob("*.txt"))[:2]
    if not seeds:
        pytest.skip("the sample documents are not on this machine")
    store = Store(tmp_path / "db")
    ingest_into(store, seeds)
    graph = store.graph()

    def no_read(*args, **kwargs):  # the graph is in memory: graph.json must not be read back
        raise AssertionError("graph.json read back")

    monkeypatch.setattr(type(graph), "read_json", classmethod(no_read))
    dirs = derived.build_current(store, ("ladybug", "oxigraph"))
    counts = ladybug_store.counts(ladybug_store.open_dir(dirs["ladybug"]))
    assert {k: v for k, v in counts.items() if v} == graph.counts()
    assert len(oxigraph_store.open_dir(dirs["oxigraph"])) > len(graph.nodes)


@pytest.mark.parametrize("syncfs", [True, False])
def test_documents_are_written_whole_with_or_without_syncfs(tmp_path, monkeypatch, syncfs) -> None:
    from tests.seeds import SEEDS

    seeds = sorted(SEEDS.glob("*.txt"))[:2]
    if not seeds:
        pytest.skip("the sample documents are not on this machine")
    if not syncfs:  # the fallback of systems without syncfs: an fsync per file
        monkeypatch.setattr(store_module, "_libc", lambda: None)
    store = Store(tmp_path / "db")
    results = ingest_into(store, seeds)
    files = sorted(p.name for p in store.docs_dir.iterdir())
    assert files == sorted(f"{r.sha256}.json" for r in results if r.ok)  # no temporary file left
    for r in results:
        assert store.read_document(r.sha256).sha256 == r.sha256
    assert not (store.path / ".pending").exists()
