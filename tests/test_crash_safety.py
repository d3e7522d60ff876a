"""Idempotence and crash safety of the store.

The kill test starts ``python -m app.cli ingest`` on a synthetic batch in a subprocess, kills it with
SIGKILL at three moments (while it parses, while it writes document files, after it wrote the manifest but
while it builds the graph), reopens the store and checks that it is as it was or holds whole documents
only: every manifest entry has its document file, the manifest is the old one or the old one plus the whole
batch, and graph.json parses and equals a fresh rebuild. Moments are found by watching the store's files,
not by timing.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reviewgraph.graph.build import build_graph
from reviewgraph.graph.exports import export, exporters
from reviewgraph.graph.store import Store
from reviewgraph.ingest.pipeline import ingest_into
from reviewgraph.synth.corpus import generate
from tests.seeds import ROOT

STABLE_FORMATS = sorted(f for f in exporters() if f != "png")  # png: rasteriser output is compared by svg


def _synth(folder: Path, reviews: int, seed: int) -> Path:
    generate(reviews, folder, seed)
    return folder / "docs"


@pytest.fixture(scope="module")
def batches(tmp_path_factory):
    base = tmp_path_factory.mktemp("synth")
    # large enough that ingesting it takes several seconds even on a quiet machine (the kill must land first)
    return _synth(base / "before", 3, 11), _synth(base / "batch", 150, 12)


@pytest.fixture(scope="module")
def small_batch(tmp_path_factory):
    return _synth(tmp_path_factory.mktemp("synth-small") / "batch", 4, 13)


def _exports(store: Store, out: Path) -> dict[str, bytes]:
    out.mkdir(parents=True, exist_ok=True)
    graph = store.graph()
    files = {}
    for fmt in STABLE_FORMATS:
        path = out / f"graph.{fmt}"
        export(graph, fmt, path)
        files[fmt] = path.read_bytes() if path.is_file() else b"".join(
            p.read_bytes() for p in sorted(path.rglob("*")) if p.is_file())
    return files


def test_the_same_batch_three_times_gives_identical_exports(small_batch, tmp_path):
    batch = small_batch
    store = Store(tmp_path / "db")
    runs = []
    for i in range(3):
        results = ingest_into(Store(tmp_path / "db"), [batch])
        assert all(r.ok for r in results)
        assert any(r.new for r in results) == (i == 0)
        runs.append(_exports(Store(tmp_path / "db"), tmp_path / f"out{i}"))
    fresh = Store(tmp_path / "fresh")
    ingest_into(fresh, [batch])
    runs.append(_exports(Store(tmp_path / "fresh"), tmp_path / "out-fresh"))
    for fmt in STABLE_FORMATS:
        assert len({r[fmt] for r in runs}) == 1, f"{fmt} export differs between ingests of the same batch"
    assert store.graph().counts()["Recommendation"] > 10


def _state(db: Path) -> tuple[dict, set[str]]:
    manifest = json.loads((db / "manifest.json").read_text()) if (db / "manifest.json").exists() else {}
    docs = {p.stem for p in (db / "docs").glob("*.json")} if (db / "docs").exists() else set()
    return manifest, docs


def _check_whole(db: Path, before: set[str], batch: set[str]) -> str:
    """The store after a kill: as before, or before plus the whole batch; documents whole; graph current."""
    manifest, _ = _state(db)
    keys = set(manifest)
    assert keys in (before, before | batch), "the manifest holds part of the batch"
    for sha in keys:
        raw = (db / "docs" / f"{sha}.json").read_text(encoding="utf-8")
        json.loads(raw)  # a whole document file
    store = Store(db)
    graph = store.graph()  # reopening rebuilds graph.json if the kill left it behind the manifest
    on_disk = json.loads((db / "graph.json").read_text(encoding="utf-8"))
    rebuilt = build_graph(Store(db).parsed_documents())
    assert on_disk == json.loads(rebuilt.to_json())
    assert graph.counts() == rebuilt.counts()
    return "as before" if keys == before else "whole batch"


def _start(batch: Path, db: Path) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.Popen([sys.executable, "-m", "reviewgraph.app.cli", "ingest", str(batch), "--db", str(db)],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _kill_when(proc: subprocess.Popen, ready, limit: float = 60.0) -> bool:
    """SIGKILL ``proc`` as soon as ``ready()`` holds; False if it finished first."""
    end = time.monotonic() + limit
    while time.monotonic() < end:
        if ready():
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            return True
        if proc.poll() is not None:
            return False
        time.sleep(0.002)
    proc.kill()
    proc.wait()
    raise AssertionError("the ingest neither reached the moment nor finished")


def _prepare(batches, tmp_path: Path, name: str) -> tuple[Path, set[str], set[str]]:
    before_docs, batch = batches
    db = tmp_path / name
    ingest_into(Store(db), [before_docs])
    before = set(json.loads((db / "manifest.json").read_text()))
    return db, before, batch


def _batch_shas(batch: Path) -> set[str]:
    import hashlib

    return {hashlib.sha256(p.read_bytes()).hexdigest() for p in batch.iterdir() if p.is_file()}


@pytest.mark.parametrize("moment", ["parsing", "writing documents", "building the graph"])
def test_a_killed_ingest_leaves_the_store_as_before_or_with_whole_documents(batches, tmp_path, moment):
    db, before, batch = _prepare(batches, tmp_path, "db")
    shas = _batch_shas(batch) - before
    manifest_path, docs_dir = db / "manifest.json", db / "docs"
    manifest_before = manifest_path.stat().st_mtime_ns
    n_docs = len(list(docs_dir.glob("*.json")))
    started = time.monotonic()

    def ready() -> bool:
        if moment == "parsing":
            return time.monotonic() - started > 1.0
        if moment == "writing documents":
            return len(list(docs_dir.glob("*.json"))) > n_docs + 2
        return manifest_path.stat().st_mtime_ns != manifest_before

    proc = _start(batch, db)
    killed = _kill_when(proc, ready)
    assert killed, f"the ingest finished before {moment}: make the batch larger"
    outcome = _check_whole(db, before, shas)
    if moment == "building the graph":  # the manifest had changed before the kill: the batch is in, whole
        assert outcome == "whole batch"
    # earlier moments usually leave the store as before; on a loaded machine the writer may get further
    # between the poll and the signal, which is still a whole store (checked above)
    if moment != "writing documents":
        return
    # the next ingest completes the batch and sweeps what the killed one left (orphans, temporary files)
    ingest_into(Store(db), [batch])
    assert _check_whole(db, before, shas) == "whole batch"
    assert {p.stem for p in docs_dir.glob("*.json")} == before | shas
    assert not [p.name for p in [*db.iterdir(), *docs_dir.iterdir()] if p.name.startswith(".")
                and p.name != ".lock"]


def test_reingest_reads_known_documents_from_the_store_without_parsing(small_batch, tmp_path, monkeypatch):
    import reviewgraph.ingest.single as single

    ingest_into(Store(tmp_path / "db"), [small_batch])
    before = (tmp_path / "db" / "graph.json").read_bytes()

    def no_parse(*args, **kwargs):  # noqa: ANN002, ANN003
        raise AssertionError("a document already in the store was parsed again")

    monkeypatch.setattr(single, "parse_lines", no_parse)
    results = ingest_into(Store(tmp_path / "db"), [small_batch])
    assert results and all(r.ok and not r.new for r in results)
    assert (tmp_path / "db" / "graph.json").read_bytes() == before


def test_the_sweep_removes_only_what_the_store_wrote(small_batch, tmp_path):
    db = tmp_path / "db"
    (db / "docs").mkdir(parents=True)
    keep = [db / ".gitignore", db / ".env", db / "docs" / "README.md", db / "docs" / ".notes"]
    for p in keep:
        p.write_text("the user's own file", encoding="utf-8")
    stray = [db / ".manifest.json.k2x9_a", db / ".graph.json.zz81", db / "docs" / ("ab" * 32 + ".json"),
             db / "docs" / ("." + "cd" * 32 + ".json.q1w2e3")]
    for p in stray:
        p.write_text("{", encoding="utf-8")
    ingest_into(Store(db), [small_batch])
    assert all(p.exists() for p in keep)
    assert not any(p.exists() for p in stray)
    # a document file the manifest does not list, and no killed writer named in .pending: a stored parse,
    # set aside rather than deleted (tests/test_store_integrity.py)
    assert (db / "orphans" / ("ab" * 32 + ".json")).read_text(encoding="utf-8") == "{"
    assert not (db / "orphans" / ("." + "cd" * 32 + ".json.q1w2e3")).exists()
