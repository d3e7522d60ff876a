"""A store that knows when it has been tampered with, keeps what it does not list, and answers when it cannot
be written.

- graph.json edited, emptied, truncated or replaced by hand (still valid JSON or not) is rebuilt from the
  documents, and the command says so once; a graph.json with no documents that does not fit the model is
  refused in one line saying how to rebuild.
- A stored parse whose manifest entry was removed by hand is set aside in ``orphans/`` with a note that says
  how to put it back, never deleted; what a killed writer left half-way (named in ``.pending``) is removed.
- A read-only store (a real read-only mount where the machine allows it, else writes refused with EROFS at
  the store's file boundary) with an out-of-date graph answers stats, export and queries from memory.
- A full disk (a real small tmpfs filled up, else ENOSPC at the same boundary) while the graph is written
  leaves the last graph.json in place and every read command working, each saying once that the new graph
  could not be saved; once space is freed the next command saves it.
- A second ingest waiting on the store's lock says it is waiting for the first.
"""

from __future__ import annotations

import builtins
import contextlib
import errno
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

import reviewgraph.graph.sinks.derived as derived
import reviewgraph.graph.store as store_module
from reviewgraph.app.cli import cli, main
from reviewgraph.graph.build import build_graph
from reviewgraph.graph.store import ORPHANS, Store, StoreError
from reviewgraph.ingest.pipeline import ingest_into, ingesting
from tests.parsing import rows
from tests.test_store import PLAN, REPORT_PLAN

runner = CliRunner()

THIRD = rows(
    "Eastmere DHR-7 Action Plan",
    ("No", "Recommendation", "Action", "Lead", "Target date", "Status"),
    ("1.", "That Eastmere Health shares GP records with MARAC.", "Share", "Eastmere Health", "June 2023", "Open"),
    ("2.", "That the council funds an IDVA post.", "Fund", "Eastmere Council", "TBC", "Open"),
)


def _files(folder: Path) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = {}
    for name, text in (("plan.txt", PLAN), ("plan2.txt", REPORT_PLAN), ("plan3.txt", THIRD)):
        out[name] = folder / name
        out[name].write_text(text, encoding="utf-8")
    return out


def _recs(graph) -> int:  # noqa: ANN001
    return graph.counts().get("Recommendation", 0)


def _shas(db: Path) -> dict[str, str]:
    """file name -> sha256, from the manifest."""
    return {entry["file_name"]: sha for sha, entry in json.loads((db / "manifest.json").read_text()).items()}


# -- a graph.json changed by hand -------------------------------------------------------------------------
EDITS = {
    "emptied to an empty graph": lambda text: '{"links":[],"nodes":[]}',
    "zero bytes": lambda text: "",
    "truncated": lambda text: text[: len(text) // 2],
    "a recommendation reworded": lambda text: text.replace("reviews MARAC referrals", "closes every case"),
    "a node removed": lambda text: json.dumps({**json.loads(text), "nodes": json.loads(text)["nodes"][1:]}),
    "a node that breaks the model": lambda text: text.replace('"kind":"Action"', '"kind":"Nonsense"', 1),
}


@pytest.mark.parametrize("edit", list(EDITS))
def test_a_graph_json_changed_by_hand_is_rebuilt_from_the_documents(tmp_path, edit):
    files = _files(tmp_path / "in")
    db = tmp_path / "db"
    ingest_into(Store(db), [files["plan.txt"], files["plan2.txt"]])
    original = (db / "graph.json").read_text(encoding="utf-8")
    changed = EDITS[edit](original)
    assert changed != original
    (db / "graph.json").write_text(changed, encoding="utf-8")
    said: list[str] = []
    graph = Store(db, tell=said.append).graph()
    assert graph.to_json() == original
    assert (db / "graph.json").read_text(encoding="utf-8") == original  # saved again, and vouched for
    assert len(said) == 1 and "graph.json: changed after it was written" in said[0], said
    again: list[str] = []
    assert _recs(Store(db, tell=again.append).graph()) == 3 and again == []


def test_stats_over_an_emptied_graph_json_counts_the_documents_and_says_why(tmp_path):
    files = _files(tmp_path / "in")
    db = tmp_path / "db"
    ingest_into(Store(db), list(files.values()))
    (db / "graph.json").write_text('{"nodes":[],"links":[]}', encoding="utf-8")
    result = runner.invoke(cli, ["stats", "--db", str(db)])
    assert result.exit_code == 0, result.output
    counts = {cells[0]: cells[1] for line in result.stdout.splitlines()
              if len(cells := [c.strip() for c in line.strip("│ ").split("│")]) == 2}
    assert counts["Recommendation"] == "5"
    assert result.stderr.count("reviewgraph: warning:") == 1 and "rebuilt from the documents" in result.stderr


def test_a_stamp_of_another_version_gets_graph_json_rebuilt(tmp_path):
    files = _files(tmp_path / "in")
    db = tmp_path / "db"
    ingest_into(Store(db), [files["plan.txt"]])
    original = (db / "graph.json").read_text(encoding="utf-8")
    first_line = (db / "graph.stamp").read_text().splitlines()[0]
    (db / "graph.stamp").write_text(first_line + "\n", encoding="ascii")  # a stamp without the graph's hash
    (db / "graph.json").write_text('{"nodes":[],"links":[]}', encoding="utf-8")
    assert Store(db).graph().to_json() == original
    assert (db / "graph.stamp").read_text().splitlines()[1].startswith("graph.json sha256 ")


@pytest.mark.parametrize("text, says", [
    ('{"nodes":[{"kind":"Recommendation","id":"rec:x"}],"links":[]}', "not a graph this version can read"),
    ('{"nodes":[{"kind":"Spaceship","id":"s"}],"links":[]}', "not a graph this version can read"),
    ("[1, 2, 3]", "not a graph this version can read"),
    ('{"nodes": [', "damaged"),
])
def test_a_graph_json_without_documents_that_does_not_fit_is_refused_in_one_line(tmp_path, text, says,
                                                                                    monkeypatch, capsys):
    db = tmp_path / "db"
    db.mkdir()
    (db / "graph.json").write_text(text, encoding="utf-8")
    with pytest.raises(StoreError) as caught:
        Store(db).graph()
    message = str(caught.value)
    assert "\n" not in message and says in message and "graph.json" in message
    assert f"reviewgraph ingest FILES --db {db}" in message
    monkeypatch.setattr(sys, "argv", ["reviewgraph", "stats", "--db", str(db)])
    with pytest.raises(SystemExit) as exit_info:
        main()
    err = capsys.readouterr().err
    assert exit_info.value.code == 1 and "Traceback" not in err
    assert err.strip().count("\n") == 0 and err.startswith("reviewgraph: error: ") and says in err


# -- stored parses the manifest does not list ----------------------------------------------------------------
@pytest.mark.parametrize("next_step", ["the next ingest", "the next read"])
def test_a_manifest_entry_removed_by_hand_sets_the_parse_aside_and_the_note_puts_it_back(tmp_path, next_step):
    files = _files(tmp_path / "in")
    db = tmp_path / "db"
    ingest_into(Store(db), [files["plan.txt"], files["plan2.txt"]])
    sha = _shas(db)["plan2.txt"]
    parse = (db / "docs" / f"{sha}.json").read_bytes()
    manifest = json.loads((db / "manifest.json").read_text())
    del manifest[sha]
    (db / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    said: list[str] = []
    store = Store(db, tell=said.append)
    if next_step == "the next ingest":
        ingest_into(store, [files["plan3.txt"]])
        assert _recs(store.graph()) == 4
    else:
        assert _recs(store.graph()) == 2
    kept = db / ORPHANS / f"{sha}.json"
    assert kept.read_bytes() == parse and not (db / "docs" / f"{sha}.json").exists()
    assert any("set aside" in s and str(db / ORPHANS) in s for s in said), said
    note = (db / ORPHANS / "NOTE.txt").read_text(encoding="utf-8")
    line = next(x for x in note.splitlines() if sha in x)
    assert "plan2.txt" in line
    # put it back as the note says: the file into docs/, its line into the manifest
    os.rename(kept, db / "docs" / f"{sha}.json")
    manifest = json.loads((db / "manifest.json").read_text())
    manifest.update(json.loads("{" + line.split("manifest line: ", 1)[1] + "}"))
    (db / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    expected = 5 if next_step == "the next ingest" else 3
    assert _recs(Store(db).graph()) == expected
    fresh = tmp_path / "fresh"
    ingest_into(Store(fresh), [f for n, f in files.items() if expected == 5 or n != "plan3.txt"])
    assert Store(db).graph().to_json() == Store(fresh).graph().to_json()


def test_a_parse_set_aside_twice_is_kept_once_and_a_different_one_beside_it(tmp_path):
    files = _files(tmp_path / "in")
    db = tmp_path / "db"
    ingest_into(Store(db), [files["plan.txt"]])
    sha = "ab" * 32
    for content in ('{"file_name": "a.txt"}', '{"file_name": "a.txt"}', '{"file_name": "b.txt"}'):
        (db / "docs" / f"{sha}.json").write_text(content, encoding="utf-8")
        ingest_into(Store(db), [files["plan2.txt"] if content.startswith('{"file_name": "a') else files["plan3.txt"]])
    assert sorted(p.name for p in (db / ORPHANS).iterdir()) == ["NOTE.txt", f"{sha}.2.json", f"{sha}.json"]
    assert (db / ORPHANS / f"{sha}.2.json").read_text() == '{"file_name": "b.txt"}'


def test_what_a_killed_writer_left_half_way_is_removed_not_set_aside(tmp_path):
    files = _files(tmp_path / "in")
    db = tmp_path / "db"
    ingest_into(Store(db), [files["plan.txt"]])
    half = "cd" * 32
    (db / "docs" / f"{half}.json").write_text("{}", encoding="utf-8")
    (db / ".pending").write_text(half + "\n", encoding="ascii")
    ingest_into(Store(db), [files["plan2.txt"]])
    assert not (db / "docs" / f"{half}.json").exists() and not (db / ORPHANS).exists()
    assert not (db / ".pending").exists()


# -- a store that cannot be written ------------------------------------------------------------------------
def _mount(where: Path, *options: str) -> bool:
    try:
        subprocess.run(["mount", *options, str(where)], check=True, capture_output=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return False
    return True


@contextlib.contextmanager
def _small_disk(where: Path, size: str) -> Iterator[bool]:
    """A tmpfs of ``size`` mounted at ``where`` (True), or a plain folder where mounting is not allowed."""
    where.mkdir(parents=True, exist_ok=True)
    mounted = _mount(where, "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs")
    try:
        yield mounted
    finally:
        if mounted:
            subprocess.run(["umount", "-l", str(where)], check=False, capture_output=True, timeout=30)


def _refuse_writes(monkeypatch, root: Path, code: int) -> None:  # noqa: ANN001
    """Where no file system can be mounted: every write the store and its derived stores make under ``root``
    fails with ``code``, at the file boundary (opening for writing, temporary files, folders)."""
    def under(path) -> bool:  # noqa: ANN001
        return str(Path(path).resolve()).startswith(str(root.resolve()))

    def fail(path) -> OSError:  # noqa: ANN001
        return OSError(code, os.strerror(code), str(path))

    real_open, real_mkstemp, real_mkdir = builtins.open, tempfile.mkstemp, Path.mkdir

    def guarded_open(file, mode="r", *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        if any(c in mode for c in "wax+") and under(file) and code != errno.ENOSPC:
            raise fail(file)
        return real_open(file, mode, *args, **kwargs)

    def guarded_mkstemp(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        if under(kwargs.get("dir") or tempfile.gettempdir()):
            raise fail(kwargs.get("dir"))
        return real_mkstemp(*args, **kwargs)

    def guarded_mkdir(self, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        if under(self) and not self.is_dir():
            raise fail(self)
        return real_mkdir(self, *args, **kwargs)

    monkeypatch.setattr(store_module, "open", guarded_open, raising=False)
    monkeypatch.setattr(derived, "open", guarded_open, raising=False)
    monkeypatch.setattr(tempfile, "mkstemp", guarded_mkstemp)
    monkeypatch.setattr(Path, "mkdir", guarded_mkdir)


def _read_commands(db: Path, out: Path) -> dict[str, list[str]]:
    return {
        "stats": ["stats", "--db", str(db)],
        "export": ["export", "--db", str(db), "--format", "json", "--out", str(out / "g.json")],
        "query cypher": ["query", "run", "actions_without_target", "--engine", "cypher", "--db", str(db)],
        "query sparql": ["query", "run", "actions_without_target", "--engine", "sparql", "--db", str(db)],
        "gaps": ["gaps", "--as-of", "2024-01-01", "--db", str(db)],
    }


def test_a_read_only_store_with_an_out_of_date_graph_answers_from_memory(tmp_path, monkeypatch):
    files = _files(tmp_path / "in")
    disk = tmp_path / "disk"
    with _small_disk(disk, "64m") as mounted:
        db = disk / "db"
        ingest_into(Store(db), [files["plan.txt"]])
        # the graph falls behind: a second ingest killed after its manifest (as the crash test leaves it)
        ingest_into(Store(tmp_path / "other"), [files["plan2.txt"]])
        sha = _shas(tmp_path / "other")["plan2.txt"]
        (db / "docs" / f"{sha}.json").write_bytes((tmp_path / "other" / "docs" / f"{sha}.json").read_bytes())
        manifest = {**json.loads((db / "manifest.json").read_text()), **_shas_entries(tmp_path / "other")}
        (db / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
        before = {p: p.read_bytes() for p in db.rglob("*") if p.is_file()}
        if mounted and _mount(disk, "-o", "remount,ro"):
            with pytest.raises(OSError) as refused:  # it is read-only indeed
                (db / "probe").write_text("x")
            assert refused.value.errno == errno.EROFS
        else:
            _refuse_writes(monkeypatch, disk, errno.EROFS)
        for name, args in _read_commands(db, tmp_path).items():
            result = runner.invoke(cli, args)
            assert result.exit_code == 0, (name, result.output)
            assert result.stderr.count("reviewgraph: warning:") == 1, (name, result.stderr)
            assert "cannot be written (read-only file system)" in result.stderr, (name, result.stderr)
        assert "That Southmere Police reviews DASH training." in (tmp_path / "g.json").read_text()
        assert json.loads((tmp_path / "g.json").read_text()) == json.loads(
            build_graph(Store(db).parsed_documents()).to_json())
        assert {p: p.read_bytes() for p in db.rglob("*") if p.is_file()} == before


def _shas_entries(db: Path) -> dict:
    return json.loads((db / "manifest.json").read_text())


def _fill(disk: Path) -> Path:
    """Fill the file system holding ``disk`` up to its last byte; returns the filler file."""
    filler = disk / "filler"
    block = b"\0" * (1 << 16)
    with open(filler, "wb", buffering=0) as fh:
        with contextlib.suppress(OSError):
            while True:
                fh.write(block)
        with contextlib.suppress(OSError):
            while True:
                fh.write(b"\0" * 512)
    return filler


def test_a_full_disk_while_the_graph_is_written_leaves_the_last_graph_and_every_read_working(tmp_path,
                                                                                               monkeypatch):
    files = _files(tmp_path / "in")
    disk = tmp_path / "disk"
    with _small_disk(disk, "8m") as mounted:
        db = disk / "db"
        ingest_into(Store(db), [files["plan.txt"]])
        last = (db / "graph.json").read_bytes()

        def disk_full(results) -> None:  # noqa: ANN001 - called once the documents and manifest are written
            if mounted:
                _fill(disk)
            else:
                _refuse_writes(monkeypatch, disk, errno.ENOSPC)

        said: list[str] = []
        store = Store(db, tell=said.append)
        with ingesting(store, [files["plan2.txt"]]) as results:
            disk_full(results)
        assert results[0].new and len(store.manifest()) == 2
        assert (db / "graph.json").read_bytes() == last  # the last graph, whole
        assert _recs(store.graph()) == 3  # the new one, in memory
        assert len(said) == 1 and "could not be saved" in said[0] and "free some disk space" in said[0]
        assert "no space left on device" in said[0]
        for name, args in _read_commands(db, tmp_path).items():
            result = runner.invoke(cli, args)
            assert result.exit_code == 0, (name, result.output)
            assert result.stderr.count("could not be saved") == 1, (name, result.stderr)
        assert "That Southmere Police reviews DASH training." in (tmp_path / "g.json").read_text()
        assert (db / "graph.json").read_bytes() == last
        # space freed: the next command saves the graph and says nothing
        if mounted:
            (disk / "filler").unlink()
        else:
            monkeypatch.undo()
        result = runner.invoke(cli, ["stats", "--db", str(db)])
        assert result.exit_code == 0 and "warning" not in result.stderr
        assert json.loads((db / "graph.json").read_text()) == json.loads(store.graph().to_json())


# -- one writer at a time, and the second one says so ---------------------------------------------------------
@contextlib.contextmanager
def held_until_waited_on(db: Path, limit: float = 60.0) -> Iterator[None]:
    """Hold the store's lock (as an ingest would) in another thread until a second writer is seen waiting for
    it in /proc/locks (a blocked request, ``->``, on the lock file's inode), or ``limit`` seconds pass."""
    held, done = threading.Event(), threading.Event()

    def holder() -> None:
        with Store(db).lock("ingest"):
            held.set()
            inode = os.stat(db / ".lock").st_ino
            end = time.monotonic() + limit
            while time.monotonic() < end and not done.is_set():
                try:
                    with open("/proc/locks", encoding="ascii") as fh:
                        if any("->" in line and f":{inode} " in line for line in fh):
                            time.sleep(0.2)
                            return
                except OSError:  # no /proc/locks: hold it for a while instead
                    time.sleep(2.0)
                    return
                time.sleep(0.02)

    thread = threading.Thread(target=holder)
    thread.start()
    held.wait(limit)
    try:
        yield
    finally:
        done.set()
        thread.join()


def test_a_second_ingest_says_it_is_waiting_for_the_first(tmp_path):
    files = _files(tmp_path / "in")
    db = tmp_path / "db"
    ingest_into(Store(db), [files["plan.txt"]])
    with held_until_waited_on(db):
        result = runner.invoke(cli, ["ingest", str(files["plan2.txt"]), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert (f"reviewgraph: another ingest (process {os.getpid()}) is writing to the store in {db}: "
            "waiting for it to finish") in " ".join(result.stderr.split())
    assert "store: 2 reviews" in result.stdout
