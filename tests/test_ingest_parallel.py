"""Parsing on several cores gives what parsing one file after another gives; re-ingest only hashes.

The pool path (:mod:`reviewgraph.ingest.parallel`) must return the same parsed documents, in the order of the files,
with each bad file's error on that file; a worker that dies loses no other file; files already in the store
are hashed, not parsed, and leave the store untouched.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from rich.console import Console

import reviewgraph.ingest.parallel as parallel
from reviewgraph.app.commands.progress import IngestProgress
from reviewgraph.graph.store import Store
from reviewgraph.ingest.pipeline import IngestState, ingest_into, ingest_paths
from reviewgraph.synth.corpus import generate


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("parallel")
    generate(6, folder, 21)
    docs = folder / "docs"
    (docs / "0000_empty.txt").write_text("  \n", encoding="utf-8")
    (docs / "0001_junk.pdf").write_bytes(b"%PDF-1.4 not really a pdf" + bytes(range(256)))
    return docs


def _dumps(results) -> list[tuple[str, str | None, str | None, list[str]]]:  # type: ignore[no-untyped-def]
    return [(r.path.name, r.doc.model_dump_json() if r.doc else None, r.error, r.warnings) for r in results]


def test_the_pool_gives_the_serial_results_in_order(corpus, monkeypatch):
    monkeypatch.setenv("REVIEWGRAPH_WORKERS", "1")
    serial = ingest_paths([corpus])
    monkeypatch.setenv("REVIEWGRAPH_WORKERS", "2")
    assert parallel.workers_for(len(serial)) == 2
    pooled = ingest_paths([corpus])
    assert len(serial) >= parallel.MIN_FILES
    assert _dumps(pooled) == _dumps(serial)
    errors = {r.path.name: r.error for r in pooled if r.error}
    assert "empty file" in errors["0000_empty.txt"]
    assert "0001_junk.pdf" in errors
    assert sum(1 for r in pooled if r.doc is not None) == len(pooled) - 2


def test_small_batches_and_one_worker_stay_in_this_process(monkeypatch):
    monkeypatch.delenv("REVIEWGRAPH_WORKERS", raising=False)  # (text files; others go to a capped worker)
    assert parallel.workers_for(parallel.MIN_FILES - 1) == 1
    monkeypatch.setenv("REVIEWGRAPH_WORKERS", "1")
    assert parallel.workers_for(1000) == 1
    monkeypatch.setenv("REVIEWGRAPH_WORKERS", "3")
    assert parallel.workers_for(1000) == 3
    monkeypatch.setenv("REVIEWGRAPH_WORKERS", "many")  # not a number: one per core
    assert parallel.workers_for(1000) >= 1


def _dies_on_the_third(path: Path):  # type: ignore[no-untyped-def]
    """A worker that dies (as the out-of-memory killer would end it) on one file."""
    if path.name == _VICTIM[0]:
        Path(_VICTIM[1]).write_text(str(os.getpid()), encoding="utf-8")
        os._exit(9)
    return _ORIGINAL(path)


_ORIGINAL = parallel._one
_VICTIM: list[str] = []


def test_a_worker_that_dies_loses_no_file(corpus, monkeypatch, tmp_path):
    monkeypatch.setenv("REVIEWGRAPH_WORKERS", "1")
    serial = ingest_paths([corpus])
    died = tmp_path / "died"
    _VICTIM[:] = [sorted(corpus.iterdir())[2].name, str(died)]
    monkeypatch.setenv("REVIEWGRAPH_WORKERS", "2")
    monkeypatch.setattr(parallel, "_threads", lambda: 1)  # forked workers (they inherit the patch below)
    monkeypatch.setattr(parallel, "_one", _dies_on_the_third)
    pooled = ingest_paths([corpus])
    assert died.read_text(encoding="utf-8") != str(os.getpid())  # a worker died ...
    victim = [i for i, r in enumerate(pooled) if r.path.name == _VICTIM[0]]
    assert len(victim) == 1
    bad = pooled[victim[0]]  # ... on this file, read again by a fresh worker, which died too: its error ...
    assert bad.doc is None and _VICTIM[0] in (bad.error or "") and "memory" in (bad.error or "")
    keep = [i for i in range(len(pooled)) if i != victim[0]]
    assert _dumps([pooled[i] for i in keep]) == _dumps([serial[i] for i in keep])  # ... and no other file lost


def test_progress_is_reported_up_to_the_total(corpus, monkeypatch):
    for workers in ("1", "2"):
        monkeypatch.setenv("REVIEWGRAPH_WORKERS", workers)
        calls: list[tuple[int, int]] = []
        results = ingest_paths([corpus], progress=lambda done, total: calls.append((done, total)))
        assert calls[0] == (0, len(results)) and calls[-1] == (len(results), len(results))
        assert [d for d, _ in calls] == sorted(d for d, _ in calls)


def test_the_progress_bar_shows_only_on_a_terminal_after_the_delay():
    quiet = IngestProgress(console=Console(file=io.StringIO(), force_terminal=False), delay=0)
    with quiet:
        quiet(1, 10)
    assert quiet.console.file.getvalue() == ""  # type: ignore[attr-defined]
    early = IngestProgress(console=Console(file=io.StringIO(), force_terminal=True), delay=60)
    with early:
        early(1, 10)
    assert early.console.file.getvalue() == ""  # type: ignore[attr-defined]
    shown = IngestProgress(console=Console(file=io.StringIO(), force_terminal=True, width=100), delay=0)
    with shown:
        shown(3, 10)
        assert shown.bar is not None
        shown.bar.refresh()
    assert "reading documents" in shown.console.file.getvalue()  # type: ignore[attr-defined]


def test_reingest_hashes_known_files_and_leaves_the_store_alone(corpus, tmp_path, monkeypatch):
    import reviewgraph.ingest.single as single

    db = tmp_path / "db"
    first = ingest_into(Store(db), [corpus])
    assert any(r.new for r in first)
    before = {p.name: p.stat().st_mtime_ns for p in db.rglob("*") if p.is_file()}

    def no_parse(*args, **kwargs):  # noqa: ANN002, ANN003
        raise AssertionError("a document already in the store was parsed again")

    def no_add(self, docs):  # noqa: ANN001
        raise AssertionError("the store was written though nothing was new")

    monkeypatch.setattr(single, "parse_lines", no_parse)
    monkeypatch.setattr(Store, "add", no_add)
    monkeypatch.setattr(Store, "adding", no_add)
    monkeypatch.setattr(Store, "read_document", no_parse)
    again = ingest_into(Store(db), [corpus])
    assert [r.path for r in again] == [r.path for r in first]
    for old, new in zip(first, again, strict=True):
        if not old.ok:
            assert new.error == old.error and not new.ok
        else:
            assert old.state is IngestState.STORED and old.doc is None  # let go when the ingest ended
            assert new.state is IngestState.KNOWN and new.ok and not new.new and new.doc is None
            assert new.sha256 == old.sha256
    assert {p.name: p.stat().st_mtime_ns for p in db.rglob("*") if p.is_file()} == before


class _Unpicklable(Exception):
    def __init__(self, message: str, handle: object) -> None:  # two arguments: pickle cannot rebuild it
        super().__init__(message)
        self.handle = handle


def _buggy_parse(lines, **kwargs):  # type: ignore[no-untyped-def]
    if kwargs["file_name"] == _VICTIM[0]:
        raise _Unpicklable("parser bug", lambda: None)
    return _PARSE(lines, **kwargs)


import reviewgraph.ingest.single as _single  # noqa: E402

_PARSE = _single.parse_lines


def test_a_parser_bug_in_a_worker_is_that_files_error_with_its_traceback(corpus, monkeypatch):
    _VICTIM[:] = [sorted(p.name for p in corpus.iterdir() if p.name.startswith("00000"))[0]]
    monkeypatch.setenv("REVIEWGRAPH_WORKERS", "2")
    monkeypatch.setattr(parallel, "_threads", lambda: 1)  # forked workers (they inherit the patch below)
    monkeypatch.setattr(_single, "parse_lines", _buggy_parse)
    results = ingest_paths([corpus])
    bad = [r for r in results if r.exception is not None]
    assert [r.path.name for r in bad] == [_VICTIM[0]]
    assert "this is a bug in reviewgraph" in (bad[0].error or "")
    assert "parser bug" in str(bad[0].exception) and "_buggy_parse" in str(bad[0].exception)
    assert sum(1 for r in results if r.doc is not None) == len(results) - 3  # the empty, the junk, the bug


def test_with_threads_running_the_workers_are_spawned_not_forked(corpus, monkeypatch):
    import threading

    monkeypatch.setenv("REVIEWGRAPH_WORKERS", "1")
    serial = ingest_paths([corpus])
    stop = threading.Event()
    waiter = threading.Thread(target=stop.wait, daemon=True)
    waiter.start()
    try:
        assert parallel._context().get_start_method() == "spawn"
        monkeypatch.setenv("REVIEWGRAPH_WORKERS", "2")
        pooled = ingest_paths([corpus])
    finally:
        stop.set()
        waiter.join()
    assert _dumps(pooled) == _dumps(serial)


_SLOW_INGEST = """
import sys, time
import reviewgraph.ingest.parallel as parallel
from pathlib import Path
from reviewgraph.ingest.pipeline import ingest_paths

def slow(path):
    time.sleep(60)

parallel._one = slow
ingest_paths([Path(sys.argv[1])])
"""


def _children(pid: int) -> list[int]:
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                out.append(int(entry.name))
    return out


def _alive(pid: int) -> bool:
    try:
        return (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs Linux /proc")
def test_workers_end_when_the_ingest_is_killed(corpus):
    import signal
    import subprocess
    import sys
    import time

    from tests.seeds import ROOT

    env = {**os.environ, "REVIEWGRAPH_WORKERS": "2"}
    proc = subprocess.Popen([sys.executable, "-c", _SLOW_INGEST, str(corpus)], cwd=ROOT, env=env)
    try:
        end = time.monotonic() + 60
        workers: list[int] = []
        while time.monotonic() < end and len(workers) < 2:
            time.sleep(0.1)
            workers = _children(proc.pid)
        assert len(workers) == 2, "the pool did not start"
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    end = time.monotonic() + 30
    while time.monotonic() < end and any(_alive(w) for w in workers):
        time.sleep(0.1)
    assert not any(_alive(w) for w in workers), "workers outlived the killed ingest"
