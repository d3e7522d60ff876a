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


def _seeds(n: int = 2) -> list:
    from tests.seeds import SEEDS

    seeds = sorted(SEEDS.glob("*.txt"))[:n]
    if not seeds:
        pytest.skip("the sample documents are not on this machine")
    return seeds


@pytest.mark.parametrize("together", [True, False])
def test_an_ingest_can_build_both_stores_as_it_goes(tmp_path, together) -> None:
    store = Store(tmp_path / "db")
    early = derived.EarlyBuilds(store, ("oxigraph", "ladybug"), together=together)
    from reviewgraph.ingest.pipeline import ingesting

    with ingesting(store, _seeds(), stores=()) as _:
        pass
    graph = store.graph()
    # the same again through the store's hook, on a second store: the stores are the current ones
    other = Store(tmp_path / "db2")
    with other.adding(store.parsed_documents(), early.__class__(other, ("oxigraph", "ladybug"),
                                                                 together=together)):
        pass
    again = Store(tmp_path / "db2")
    ox_dir, lb_dir = oxigraph_store.store_dir(again), ladybug_store.db_dir(again)
    counts = ladybug_store.counts(ladybug_store.open_dir(lb_dir))
    assert {k: v for k, v in counts.items() if v} == graph.counts()
    assert len(oxigraph_store.open_dir(ox_dir)) == len(to_rdflib(graph))
    for engine, folder in (("oxigraph", ox_dir), ("ladybug", lb_dir)):
        names = sorted(p.name for p in (again.derived_dir / engine).iterdir())
        assert names == [folder.name, f"{folder.name}.complete"]  # no .early- folder left


def test_ingest_into_with_stores_leaves_the_current_stores(tmp_path) -> None:
    store = Store(tmp_path / "db")
    ingest_into(store, _seeds(), stores=("oxigraph", "ladybug"))
    stamps = {e: sorted(p.name for p in (store.derived_dir / e).iterdir()) for e in ("oxigraph", "ladybug")}
    again = Store(tmp_path / "db")
    assert oxigraph_store.store_dir(again).name in stamps["oxigraph"]
    assert ladybug_store.db_dir(again).name in stamps["ladybug"]
    # asking did not build anything again
    assert {e: sorted(p.name for p in (again.derived_dir / e).iterdir()) for e in stamps} == stamps


def test_early_builds_are_dropped_when_graph_json_was_not_saved(tmp_path) -> None:
    store = write_store(tmp_path)
    graph = store.graph()
    early = derived.EarlyBuilds(store, ("oxigraph", "ladybug"), together=True)
    finish = early(graph)
    if early._children:  # forked (a test process with RocksDB's threads in it builds nothing early)
        assert list((store.derived_dir / "oxigraph").glob(".early-*"))  # the child's folder, while it builds
    finish(False)
    assert not (store.derived_dir / "oxigraph").exists() or not any((store.derived_dir / "oxigraph").iterdir())
    assert not (store.derived_dir / "ladybug").exists()
    assert early.dirs == {}


def test_a_fresh_process_builds_the_first_store_in_a_child(tmp_path) -> None:
    """In a process with no other library's threads (the ingest command's), the pyoxigraph store is built in a
    forked child while this process writes graph.json and builds LadybugDB (in the test process itself,
    RocksDB's threads from the tests before make forking unsafe, so it builds them one after the other)."""
    import subprocess
    import sys

    seeds = _seeds(4)
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from reviewgraph.graph.sinks.derived import EarlyBuilds\n"
        "from reviewgraph.graph.store import Store\n"
        "from reviewgraph.ingest.pipeline import ingest_paths\n"
        "store = Store(sys.argv[1])\n"
        "docs = [r.doc for r in ingest_paths([Path(p) for p in sys.argv[2:]]) if r.doc]\n"
        "early = EarlyBuilds(store, ('oxigraph', 'ladybug'), together=True)\n"
        "import os\n"
        "def start(graph):\n"
        "    names = [open(f'/proc/self/task/{t}/comm').read().strip() for t in os.listdir('/proc/self/task')]\n"
        "    print('threads:', names, file=sys.stderr)\n"
        "    return early(graph)\n"
        "with store.adding(docs, start):\n"
        "    pass\n"
        "print(','.join(early.forked))\n")
    proc = subprocess.run([sys.executable, "-c", script, str(tmp_path / "db"), *map(str, seeds)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.strip().splitlines()[-1:] == ["oxigraph"], proc.stderr[-2000:]
    store = Store(tmp_path / "db")
    graph = store.graph()
    ox_dir = oxigraph_store.store_dir(store)
    assert len(oxigraph_store.open_dir(ox_dir)) == len(to_rdflib(graph))
    assert sorted(p.name for p in (store.derived_dir / "oxigraph").iterdir()) == [ox_dir.name, f"{ox_dir.name}.complete"]
