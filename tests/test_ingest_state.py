"""State in types: what became of each file is one field (``IngestResult.state``); the parsed records carry
the model's enums, written to disk as the same strings as before; memory is released by scope (the
``ingesting`` block, the store's ``adding`` block, the build's generator), never by emptying a caller's list.
"""

from __future__ import annotations

import inspect
import json
import pickle
import shutil
import weakref
from pathlib import Path

import pytest

from reviewgraph.graph import build as build_module
from reviewgraph.graph.build import build_graph
from reviewgraph.graph.graphdata import ReviewGraph
from reviewgraph.graph.model import DocKind, Level, ReviewKind
from reviewgraph.graph.store import Store
from reviewgraph.ingest.pipeline import IngestResult, IngestState, ingest_file, ingest_into, ingest_paths, ingesting
from reviewgraph.records import kinds
from reviewgraph.records.parsed import ParsedDocument
from reviewgraph.synth.corpus import demo_paths
from tests.parsing import rows

BEFORE = Path(__file__).parent / "data" / "store_written_before_enums"

PLAN = rows(
    "Northby DHR-3 Action Plan",
    ("No", "Recommendation", "Action", "Lead", "Target date", "Status"),
    ("1.", "That Northby Police reviews DASH training.", "Train staff", "Northby Police", "May 2022", "Open"),
    ("2.", "That the Council audits referrals.", "Audit", "Northby Council", "June 2022", "Complete"),
)


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


# -- one state field -------------------------------------------------------------------------------------
def test_each_way_a_file_can_end_is_one_state(tmp_path):
    plan = _write(tmp_path / "in", "plan.txt", PLAN)
    empty = _write(tmp_path / "in", "empty.txt", "  \n")
    parsed, failed = ingest_file(plan), ingest_file(empty)
    assert parsed.state is IngestState.PARSED and parsed.ok and not parsed.new and parsed.doc is not None
    assert failed.state is IngestState.FAILED and not failed.ok and "empty file" in (failed.error or "")
    assert ingest_file(plan, known={parsed.sha256}).state is IngestState.KNOWN

    # into a store: the first copy of some bytes is stored, a second copy in the same batch stays parsed,
    # an unreadable file stays failed; in the block each read one holds its document
    copy = _write(tmp_path / "in", "copy.txt", PLAN)
    with ingesting(Store(tmp_path / "db"), [plan, copy, empty]) as results:
        assert [r.state for r in results] == [IngestState.STORED, IngestState.PARSED, IngestState.FAILED]
        assert [r.doc is not None for r in results] == [True, True, False]
        assert [r.new for r in results] == [True, False, False]
    # after it: the same states, no documents held
    assert [r.state for r in results] == [IngestState.STORED, IngestState.PARSED, IngestState.FAILED]
    assert all(r.doc is None for r in results) and [r.ok for r in results] == [True, True, False]
    # again: already in the store, only hashed; the store is not touched
    before = (tmp_path / "db" / "graph.json").stat().st_mtime_ns
    again = ingest_into(Store(tmp_path / "db"), [plan, copy])
    assert [r.state for r in again] == [IngestState.KNOWN, IngestState.KNOWN]
    assert all(r.ok and not r.new and r.sha256 == parsed.sha256 for r in again)
    assert (tmp_path / "db" / "graph.json").stat().st_mtime_ns == before


def test_a_result_cannot_be_made_in_a_state_it_does_not_fit():
    path = Path("plan.txt")
    assert IngestResult(path, error="plan.txt: empty file").state is IngestState.FAILED  # the app's upload errors
    with pytest.raises(ValueError, match="plan.txt: a failed result needs an error"):
        IngestResult(path)
    with pytest.raises(ValueError, match="needs an error"):
        IngestResult(path, IngestState.OUT_OF_MEMORY)
    with pytest.raises(ValueError, match="needs its document"):
        IngestResult(path, IngestState.PARSED)
    with pytest.raises(ValueError, match="needs the hash"):
        IngestResult(path, IngestState.KNOWN)
    oom = IngestResult(path, IngestState.OUT_OF_MEMORY, error="plan.txt: ran out of memory")
    assert not oom.ok and not oom.new
    for name in ("known", "released", "memory"):  # the old flags are gone
        assert not hasattr(oom, name)


def test_a_result_travels_between_processes_with_its_state(tmp_path):
    result = ingest_file(_write(tmp_path, "plan.txt", PLAN))
    back = pickle.loads(pickle.dumps(result))
    assert back.state is IngestState.PARSED and back.doc == result.doc
    assert back.doc is not None and back.doc.doc_kind is DocKind.action_plan


def test_the_pool_and_one_by_one_give_the_same_graph_of_the_demo_corpus(tmp_path, monkeypatch):
    """The worker pool (``ingest_into`` with workers) and this process alone build the same graph from the
    demo corpus (362 nodes when this was written; a report of 38 could not be reproduced)."""
    paths = demo_paths()
    graphs = {}
    for workers in ("1", "2"):
        monkeypatch.setenv("REVIEWGRAPH_WORKERS", workers)
        results = ingest_into(Store(tmp_path / workers), paths)
        assert [r.state for r in results] == [IngestState.STORED] * len(paths), [r.error for r in results]
        graphs[workers] = (tmp_path / workers / "graph.json").read_bytes()
    assert graphs["1"] == graphs["2"]
    assert len(ReviewGraph.read_json(tmp_path / "2" / "graph.json").nodes) > 300


# -- enums across the stage boundary ---------------------------------------------------------------------
def test_parsed_records_carry_the_enums_of_the_model(tmp_path):
    assert (DocKind, Level, ReviewKind) == (kinds.DocKind, kinds.Level, kinds.ReviewKind)  # one declaration
    docs = [r.doc for r in ingest_paths(demo_paths()) if r.doc is not None]
    assert docs and all(type(d.doc_kind) is DocKind and type(d.hints.review_kind) is ReviewKind for d in docs)
    levels = [r.level for d in docs for r in [*d.report_recs, *(x for p in d.plans for x in p.recs)] if r.level]
    assert levels and all(type(level) is Level for level in levels)
    assert {d.doc_kind for d in docs} >= {DocKind.overview_report, DocKind.action_plan, DocKind.progress_update}


def test_a_store_written_before_the_enums_reads_the_same(tmp_path):
    """A store written by the code before the parsed records carried enums (tests/data/store_written_before_enums:
    one demo review, three documents): its parses read into the enums and write back byte for byte, its
    graph.json reads, and a rebuild from its parses writes the same strings."""
    db = tmp_path / "db"
    shutil.copytree(BEFORE, db)
    for path in sorted((db / "docs").glob("*.json")):
        text = path.read_text(encoding="utf-8")
        doc = ParsedDocument.model_validate_json(text)
        assert type(doc.doc_kind) is DocKind and type(doc.hints.review_kind) is ReviewKind
        assert doc.model_dump_json() == text  # the strings on disk are the enums' values
    old = ReviewGraph.read_json(db / "graph.json")
    store = Store(db)
    # the store rebuilds a graph.json of another model's format from its parses: the same records (the
    # agencies and lead links may differ as the builder reads lead cells better)
    records = {"Review", "Document", "Recommendation", "Action", "StatusUpdate", "Learning", "Theme"}
    assert {k: n for k, n in store.graph().nodes.items() if n.kind in records} == \
        {k: n for k, n in old.nodes.items() if n.kind in records}
    assert {v["doc_kind"] for v in store.manifest().values()} == {"overview_report", "action_plan", "progress_update"}

    def kinds_of(graph: ReviewGraph) -> dict[str, tuple[object, ...]]:
        return {n.id: (getattr(n, "doc_kind", None), getattr(n, "review_kind", None), getattr(n, "level", None))
                for n in graph.nodes.values() if n.kind in ("Review", "Document", "Recommendation")}

    rebuilt = store.rebuild()
    assert kinds_of(rebuilt) == kinds_of(old)
    assert all(type(v) is str for ks in kinds_of(rebuilt).values() for v in ks if v is not None)
    written = json.loads((db / "graph.json").read_text(encoding="utf-8"))
    found = {(k, item[k]) for item in written["nodes"] for k in ("doc_kind", "review_kind", "level") if item.get(k)}
    assert found == {("doc_kind", "overview_report"), ("doc_kind", "action_plan"), ("doc_kind", "progress_update"),
                     ("review_kind", "DHR"), ("level", "panel"), ("level", "single_agency")}


# -- memory released by scope, not by emptying the caller's list -----------------------------------------
def test_nothing_empties_a_callers_list(tmp_path):
    docs = [ingest_file(p).doc for p in demo_paths()[:6]]
    assert all(d is not None for d in docs)
    given = list(docs)
    graph = build_graph(given)
    assert given == docs
    assert build_graph(iter(docs)).to_json() == graph.to_json()  # a generator: the same graph
    store = Store(tmp_path / "db")
    assert store.add(given) == docs and given == docs
    with Store(tmp_path / "db2").adding(given) as new:
        assert new == {d.sha256 for d in docs}
    assert given == docs
    assert "release" not in inspect.signature(build_graph).parameters
    assert not hasattr(Store, "take")


def test_the_build_frees_each_reviews_documents_once_built(monkeypatch):
    """Given documents nothing else holds, the build lets each review's go once it is built."""
    docs = [ingest_file(p).doc for p in demo_paths()]
    refs = [weakref.ref(d) for d in docs]
    alive: list[int] = []
    real = build_module._build_review

    def counting(g, key, group, agencies):  # type: ignore[no-untyped-def]
        alive.append(sum(1 for r in refs if r() is not None))
        real(g, key, group, agencies)

    monkeypatch.setattr(build_module, "_build_review", counting)
    graph = build_graph(_drain(docs))
    assert len(alive) == 5 and alive[0] == 15  # five reviews of three documents each
    assert alive == sorted(alive, reverse=True) and alive[-1] == 3  # only the last review's are left
    assert all(r() is None for r in refs) and graph.counts()["Review"] == 5


def _drain(docs: list) -> object:  # type: ignore[type-arg]
    """The documents of ``docs`` as a generator that takes them over (the test lets go of its list)."""
    while docs:
        yield docs.pop(0)


def test_ingesting_lets_the_results_documents_go_before_the_build(tmp_path, monkeypatch):
    """When the ``ingesting`` block ends, the results hold no document while the graph is built, and the
    store's build frees each review's documents once built."""
    refs: list[weakref.ref] = []  # type: ignore[type-arg]
    alive: list[int] = []
    real = build_module._build_review

    def counting(g, key, group, agencies):  # type: ignore[no-untyped-def]
        alive.append(sum(1 for r in refs if r() is not None))
        real(g, key, group, agencies)

    monkeypatch.setattr(build_module, "_build_review", counting)
    with ingesting(Store(tmp_path / "db"), demo_paths()) as results:
        refs.extend(weakref.ref(r.doc) for r in results if r.doc is not None)
        assert len(refs) == 15 and not (tmp_path / "db" / "graph.json").exists()
    assert alive[0] == 15 and alive[-1] == 3 and alive == sorted(alive, reverse=True)
    assert all(r() is None for r in refs) and all(r.doc is None and r.new for r in results)
    assert Store(tmp_path / "db").graph().counts()["Review"] == 5
