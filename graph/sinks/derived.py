"""Derived engine stores kept beside the store's ``graph.json``, rebuilt lazily when it changes.

A derived store lives in ``<store>/derived/<engine>/<stamp>/`` where the stamp is a hash of ``graph.json``
and of the sink's own version. Asking for it (:func:`fresh_dir`) builds it when no complete directory has
the current stamp, so every ingest (which rewrites ``graph.json``) is followed by a rebuild the next time an
engine is used, and re-ingesting the same documents (same ``graph.json``) reuses what is there. The build
goes to a temporary directory renamed into place, and ``<stamp>.complete`` is written last, so a killed
build is never used; older stamps are removed after a successful build (a server still reading one keeps
its open files).
"""

from __future__ import annotations

import atexit
import contextlib
import errno
import fcntl
import hashlib
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from reviewgraph.graph.graphdata import ReviewGraph
from reviewgraph.graph.store import GRAPH, Store, cannot_write

__all__ = ["graph_stamp", "fresh_dir", "build_current"]


def graph_stamp(store: Store, version: str) -> str:
    """Hash of ``graph.json`` (empty when the store has no graph yet) and the sink version."""
    h = hashlib.sha256(version.encode())
    try:
        with open(store.path / GRAPH, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                h.update(block)
    except FileNotFoundError:
        h.update(b"<no graph>")
    return h.hexdigest()[:20]


@contextlib.contextmanager
def _lock(path: Path) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def fresh_dir(store: Store, engine: str, version: str,
              build: Callable[[ReviewGraph, Path], None]) -> Path:
    """The directory of ``engine``'s derived store for the current graph, building it if needed.

    ``build(graph, directory)`` fills an empty, existing directory. A store that cannot be written (a
    read-only disk, a full one) gets its engine store built in a private temporary directory instead, for
    this process only.
    """
    try:
        return _fresh_dir(store, engine, version, build)
    except OSError as exc:
        if not cannot_write(exc):
            raise
    # a store that cannot be written (read-only, disk full): a private copy for this process, removed at exit
    tmp = Path(tempfile.mkdtemp(prefix=f"reviewgraph-{engine}-"))
    atexit.register(shutil.rmtree, tmp, ignore_errors=True)
    _check_room(store, tmp, engine)
    build(store.graph(), tmp)
    return tmp


def _check_room(store: Store, folder: Path, engine: str) -> None:
    """Refuse (ENOSPC, before anything is written) to build in a folder without room for the engine's store:
    LadybugDB aborts the whole process when its disk fills during a build, rather than raising."""
    try:
        size = (store.path / GRAPH).stat().st_size
    except FileNotFoundError:
        size = 0
    need = 4 * size + (32 << 20)
    if shutil.disk_usage(folder).free < need:
        raise OSError(errno.ENOSPC, f"Not enough free space for the {engine} store (about {need >> 20} MB "
                      "needed; or run the query with --memory)", str(folder))


def _fresh_dir(store: Store, engine: str, version: str, build: Callable[[ReviewGraph, Path], None]) -> Path:
    root = store.derived_dir / engine
    with _lock(store.derived_dir / f".{engine}.lock"):
        stamp = graph_stamp(store, version)
        target = root / stamp
        done = root / f"{stamp}.complete"
        if target.is_dir() and done.exists():
            return target
        graph = store.graph()  # may write graph.json when only the documents were there
        stamp = graph_stamp(store, version)
        target, done = root / stamp, root / f"{stamp}.complete"
        tmp = root / f".tmp-{stamp}"
        shutil.rmtree(tmp, ignore_errors=True)
        shutil.rmtree(target, ignore_errors=True)
        tmp.mkdir(parents=True)
        _check_room(store, tmp, engine)
        build(graph, tmp)
        tmp.rename(target)
        done.write_text(stamp + "\n", encoding="utf-8")
        for old in root.iterdir():
            if old.name not in (stamp, done.name):
                if old.is_dir():
                    shutil.rmtree(old, ignore_errors=True)
                else:
                    old.unlink(missing_ok=True)
        return target


def build_current(store: Store, names: Iterable[str] | None = None, together: bool | None = None) -> dict[str, Path]:
    """The directories of the derived stores ``names`` (default: every sink kept on disk) for ``store``'s
    current graph, each built first when stale, by :func:`fresh_dir`, from the graph the store holds in
    memory (after an ingest: not read back from ``graph.json``).

    ``together`` (default: on Linux, with more than one core) builds them at the same time: each but the last
    in a child process forked from this one, which shares the graph with it (copy-on-write), the last here.
    A child that fails (killed for memory, say) leaves its store to be built here afterwards, one at a time.
    Each engine's own lock keeps two builders of one engine apart, as with :func:`fresh_dir` alone.
    """
    from reviewgraph.graph.sinks import sinks
    from reviewgraph.graph.workers import wanted_workers

    found = sinks()
    chosen = [found[n] for n in (names if names is not None else sorted(found))]
    chosen = [s for s in chosen if s.build is not None and s.version is not None]
    store.graph()  # read (or rebuilt) once, here, before any child is forked
    if together is None:
        together = sys.platform.startswith("linux") and wanted_workers() > 1
    children: dict[int, str] = {}
    if together and len(chosen) > 1:
        for sink in chosen[:-1]:
            pid = _fork_build(store, sink.name, sink.version, sink.build)  # type: ignore[arg-type]
            if pid:
                children[pid] = sink.name
    out: dict[str, Path] = {}
    for sink in chosen:
        if sink.name not in children.values():
            out[sink.name] = fresh_dir(store, sink.name, sink.version, sink.build)  # type: ignore[arg-type]
    for pid, name in children.items():
        os.waitpid(pid, 0)
        sink = found[name]
        # a child that failed: built here (fresh_dir finds a complete store and returns it if the child
        # finished after all)
        out[name] = fresh_dir(store, name, sink.version, sink.build)  # type: ignore[arg-type]
    return {s.name: out[s.name] for s in chosen}


def _fork_build(store: Store, engine: str, version: str, build: Callable[[ReviewGraph, Path], None]) -> int:
    """Fork a child that builds ``engine``'s store (:func:`fresh_dir`) and ends; its pid, or 0 when this
    process cannot fork (the caller builds it itself)."""
    import gc

    gc.freeze()  # what this process holds stays out of the child's collections (its pages are not copied)
    try:
        pid = os.fork()
    except OSError:
        return 0
    finally:
        gc.unfreeze()
    if pid:
        return pid
    code = 1
    try:  # the child: build, then end without running the parent's exit handlers
        fresh_dir(store, engine, version, build)
        code = 0
    except BaseException:  # noqa: BLE001 - reported by the parent's own build
        code = 1
    finally:
        os._exit(code)
