"""Derived engine stores kept beside the store's ``graph.json``, rebuilt lazily when it changes.

A derived store lives in ``<store>/derived/<engine>/<stamp>/`` where the stamp is a hash of ``graph.json``
and of the sink's own version. Asking for it (:func:`fresh_dir`) builds it when no complete directory has
the current stamp, so every ingest (which rewrites ``graph.json``) is followed by a rebuild the next time an
engine is used, and re-ingesting the same documents (same ``graph.json``) reuses what is there. The build
goes to a temporary directory renamed into place, and ``<stamp>.complete`` is written last, so a killed
build is never used; older stamps are removed after a successful build (a server still reading one keeps
its open files).

An ingest may build them at once instead (``ingest_into(..., stores=...)``, :class:`EarlyBuilds`), and
:func:`build_current` builds several for the graph in memory: both from the graph the process holds, not
``graph.json`` read back, the first ones in forked children while the last builds here.
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

__all__ = ["graph_stamp", "fresh_dir", "build_current", "EarlyBuilds"]


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
        _complete(root, stamp)
        return target



def _complete(root: Path, stamp: str) -> None:
    """Mark the build ``root/stamp`` complete and remove every older build (and its marks) beside it."""
    done = root / f"{stamp}.complete"
    done.write_text(stamp + "\n", encoding="utf-8")
    for old in root.iterdir():
        if old.name not in (stamp, done.name):
            if old.is_dir():
                shutil.rmtree(old, ignore_errors=True)
            else:
                old.unlink(missing_ok=True)


def _chosen(names: Iterable[str] | None) -> list:  # type: ignore[type-arg]
    """The sinks named (default: every sink kept on disk), those kept on disk only, in the order given."""
    from reviewgraph.graph.sinks import sinks

    found = sinks()
    chosen = [found[n] for n in (names if names is not None else sorted(found))]
    return [s for s in chosen if s.build is not None and s.version is not None]


def _together(together: bool | None) -> bool:
    """Whether to build stores in forked children: asked for (default: with more than one core), and safe."""
    from reviewgraph.graph.workers import wanted_workers

    if together is None:
        together = wanted_workers() > 1
    return together and _fork_safe()


_FORK_READY = frozenset({"jemalloc_bg_thd"})


def _comm(task: str) -> str:
    try:
        with open(f"/proc/self/task/{task}/comm", encoding="utf-8", errors="replace") as fh:
            return fh.read().strip()
    except OSError:
        return ""


def _fork_safe() -> bool:
    """Whether a child forked from this process can run a store's build: on Linux, when this process runs
    no thread but this one, the idle workers of a BLAS library (NumPy's OpenBLAS, which prepares itself for
    a fork) and jemalloc's background threads (likewise). Another library's threads (RocksDB's and jemalloc's, left by a pyoxigraph store opened earlier
    in a long-lived process such as a test run or the app) may hold a lock the child then waits on for ever."""
    if not sys.platform.startswith("linux") or not hasattr(os, "fork"):
        return False
    try:
        tasks = os.listdir("/proc/self/task")
        # jemalloc's background threads (a library's allocator) take part in a fork: its handlers hold
        # their locks across it
        threads = sum(1 for t in tasks if _comm(t) not in _FORK_READY)
    except OSError:
        return False
    if threads == 1:
        return True
    import threading

    if threading.active_count() != 1:
        return False
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return False
    blas = sum(max(0, int(p.get("num_threads") or 1) - 1) for p in threadpool_info() if p.get("user_api") == "blas")
    return threads <= 1 + blas


def build_current(store: Store, names: Iterable[str] | None = None, together: bool | None = None) -> dict[str, Path]:
    """The directories of the derived stores ``names`` (default: every sink kept on disk) for ``store``'s
    current graph, each built first when stale, by :func:`fresh_dir`, from the graph the store holds in
    memory (after an ingest: not read back from ``graph.json``).

    ``together`` (default: on Linux, with more than one core) builds them at the same time: each but the last
    in a child process forked from this one, which shares the graph with it (copy-on-write), the last here.
    A child that fails (killed for memory, say) leaves its store to be built here afterwards, one at a time.
    Each engine's own lock keeps two builders of one engine apart, as with :func:`fresh_dir` alone.
    (:class:`EarlyBuilds` starts the children sooner: as soon as an ingest has built the graph.)
    """
    chosen = _chosen(names)
    store.graph()  # read (or rebuilt) once, here, before any child is forked
    children: dict[int, str] = {}
    if _together(together) and len(chosen) > 1:
        for sink in chosen[:-1]:
            pid = _fork(lambda sink=sink: fresh_dir(store, sink.name, sink.version, sink.build))
            if pid:
                children[pid] = sink.name
    out: dict[str, Path] = {}
    for sink in chosen:
        if sink.name not in children.values():
            out[sink.name] = fresh_dir(store, sink.name, sink.version, sink.build)
    for pid, name in children.items():
        os.waitpid(pid, 0)
        sink = next(s for s in chosen if s.name == name)
        # fresh_dir finds the child's store complete and returns it, or (the child failed) builds it here
        out[name] = fresh_dir(store, name, sink.version, sink.build)
    return {s.name: out[s.name] for s in chosen}


class EarlyBuilds:
    """The derived stores of an ingest's new graph, started as soon as the graph is built, before
    ``graph.json`` is written: pass it as ``built`` to :meth:`reviewgraph.graph.store.Store.adding`.

    Called with the graph, it forks a child for each store but the last, which builds it into a private
    temporary folder beside the others (``derived/<engine>/.early-<pid>``) while this process writes
    ``graph.json``; what it returns is called once ``graph.json`` is written. Then the last store is built
    here (:func:`fresh_dir`, from the graph in memory), and each child's folder, once the child has ended
    well, is put in place under the stamp of the new ``graph.json``, as :func:`fresh_dir` would have built it
    (a failed child: built here instead). When ``graph.json`` could not be saved, the children are stopped
    and their folders removed: the stores are built when first asked for, as before. :attr:`dirs` holds the
    stores' directories afterwards.
    """

    def __init__(self, store: Store, names: Iterable[str] | None = None, together: bool | None = None) -> None:
        self.store = store
        self.chosen = _chosen(names)
        from reviewgraph.graph.workers import wanted_workers

        self.together = wanted_workers() > 1 if together is None else together
        self.dirs: dict[str, Path] = {}
        #: the stores built in a forked child (the others were built here)
        self.forked: list[str] = []
        self._children: dict[str, tuple[int, Path]] = {}

    def __call__(self, graph: ReviewGraph) -> Callable[[bool], None]:
        if self.together and len(self.chosen) > 1 and _fork_safe():  # (safe when asked, and now)
            for sink in self.chosen[:-1]:
                folder = self.store.derived_dir / sink.name / f".early-{os.getpid()}"
                shutil.rmtree(folder, ignore_errors=True)
                folder.mkdir(parents=True)
                pid = _fork(lambda sink=sink, folder=folder: sink.build(graph, folder))
                if pid:
                    self._children[sink.name] = (pid, folder)
                else:
                    shutil.rmtree(folder, ignore_errors=True)
        return self.finish

    def finish(self, saved: bool) -> None:
        if not saved:
            for pid, folder in self._children.values():
                with contextlib.suppress(OSError):
                    os.kill(pid, 9)
                os.waitpid(pid, 0)
                shutil.rmtree(folder, ignore_errors=True)
            self._children.clear()
            return
        for sink in self.chosen:
            if sink.name not in self._children:
                self.dirs[sink.name] = fresh_dir(self.store, sink.name, sink.version, sink.build)
        for name, (pid, folder) in self._children.items():
            _, status = os.waitpid(pid, 0)
            sink = next(s for s in self.chosen if s.name == name)
            ok = os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
            if ok:
                self.forked.append(name)
            self.dirs[name] = _install(self.store, sink.name, sink.version, sink.build, folder if ok else None)
        self._children.clear()
        self.dirs = {s.name: self.dirs[s.name] for s in self.chosen}


def _install(store: Store, engine: str, version: str, build: Callable[[ReviewGraph, Path], None],
             folder: Path | None) -> Path:
    """Put ``folder`` (a complete build of the current graph's store) in place as :func:`fresh_dir` would
    leave it; with no folder, or when the store is current already, :func:`fresh_dir` decides."""
    root = store.derived_dir / engine
    if folder is not None:
        with _lock(store.derived_dir / f".{engine}.lock"):
            stamp = graph_stamp(store, version)
            target, done = root / stamp, root / f"{stamp}.complete"
            if not (target.is_dir() and done.exists()):
                shutil.rmtree(target, ignore_errors=True)
                try:
                    folder.rename(target)
                except OSError:  # removed under us (another process's clean-up): built again below
                    return fresh_dir(store, engine, version, build)
                _complete(root, stamp)
                return target
        shutil.rmtree(folder, ignore_errors=True)
    return fresh_dir(store, engine, version, build)


def _fork(work: Callable[[], object]) -> int:
    """Run ``work`` in a child forked from this process, which then ends (0 when ``work`` returned, 1 when
    it raised) without running this process's exit handlers; the child's pid, or 0 when this process cannot
    fork (the caller does the work itself)."""
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
    try:
        work()
        code = 0
    except BaseException:  # noqa: BLE001 - the parent builds it again, and says why if it fails there too
        code = 1
    finally:
        os._exit(code)
