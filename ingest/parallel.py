"""Reading and parsing files on every core: a process pool for large batches, the same results as one by one.

Each file is read, hashed and parsed in a worker process (parsing is per document and needs no shared
state); the worker sends back the :class:`~ingest.pipeline.IngestResult` with its parsed document, never the
file's text. Results come back in the order of the files given. One file's failure is that file's error, as
in the serial path; a worker that dies (a crash in a reader library, the out-of-memory killer) loses no other
file: the files it left unfinished are read again in this process.

``$REVIEWGRAPH_WORKERS`` sets the number of processes (1: no pool); the default is one per usable core.
Small batches are read in this process: starting workers costs more than it saves.
"""

from __future__ import annotations

import gc
import os
import sys
import threading
from collections.abc import Callable, Container
from pathlib import Path
from typing import TYPE_CHECKING

# multiprocessing and concurrent.futures are imported when a pool starts (a small batch never needs them)
if TYPE_CHECKING:
    import multiprocessing.context
    from concurrent.futures import Future

    from ingest.pipeline import IngestResult

__all__ = ["workers_for", "parse_files", "MIN_FILES"]

#: fewer files than this are read in this process
MIN_FILES = 8
#: files sent to a worker at once (at most), and tasks per worker (at least, when there are enough files)
MAX_CHUNK, CHUNKS_PER_WORKER = 16, 8

Progress = Callable[[int, int], None]


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def wanted_workers() -> int:
    """``$REVIEWGRAPH_WORKERS`` if it is a number, else the usable cores (the graph build's threads use it too)."""
    env = os.environ.get("REVIEWGRAPH_WORKERS", "").strip()
    try:
        return max(1, int(env)) if env else _cores()
    except ValueError:
        return _cores()


def workers_for(n_files: int) -> int:
    """How many processes to read ``n_files`` with (1: in this process)."""
    if n_files < MIN_FILES:
        return 1
    return max(1, min(wanted_workers(), n_files))


# -- the worker side -------------------------------------------------------------------------------------
_review: str | None = None
_known: Container[str] = frozenset()


def _init(review: str | None, known: Container[str], parent: int) -> None:
    global _review, _known
    _review, _known = review, known
    _die_with(parent)


def _die_with(parent: int) -> None:
    """End this worker when the process that started it ends, even killed (SIGKILL runs no clean-up: the
    workers would wait for work for ever, each holding the other's end of the task queue open)."""
    if sys.platform.startswith("linux"):
        import ctypes
        import signal

        try:
            libc = ctypes.CDLL(None, use_errno=True)
            if libc.prctl(1, signal.SIGKILL, 0, 0, 0) == 0:  # PR_SET_PDEATHSIG
                if os.getppid() != parent:  # it ended before the request: end now
                    os._exit(1)
                return
        except (OSError, AttributeError):
            pass

    def watch() -> None:
        import time

        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, name="reviewgraph-parent-watch", daemon=True).start()


def _work(paths: list[Path]) -> list[IngestResult]:
    return [_one(path) for path in paths]


def _one(path: Path) -> IngestResult:
    from ingest.pipeline import ingest_file

    result = ingest_file(path, _review, _known)
    if result.exception is not None:  # a bug: keep its traceback (lost on the way back) as a note
        import pickle
        import traceback

        exc = result.exception
        exc.add_note("in the parsing process:\n" + "".join(traceback.format_exception(exc)).rstrip())
        try:
            pickle.dumps(exc)
        except Exception:  # noqa: BLE001 - an exception that cannot travel: its description does
            result.exception = RuntimeError(f"{type(exc).__name__}: {exc}\n" + "\n".join(exc.__notes__))
    return result


# -- the parent side -------------------------------------------------------------------------------------
def _context() -> multiprocessing.context.BaseContext:
    """fork on Linux (workers start at once and share what this process has loaded) when this process runs
    one thread; otherwise spawn. A forked child inherits other threads' locks and the objects of libraries
    that run threads of their own (a LadybugDB or RocksDB store opened earlier in a long-lived process, such
    as a test run or the app) without the threads: it can hang on either. macOS's system libraries are not
    safe to fork at all."""
    import multiprocessing

    if sys.platform.startswith("linux") and _threads() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _threads() -> int:
    """Threads of this process, native ones included (``threading`` only knows Python's)."""
    try:
        return len(os.listdir("/proc/self/task"))
    except OSError:
        return threading.active_count()


def _warm() -> None:
    """Load what every parse needs once, before the workers fork from this process."""
    from graph.agencies import AgencyRegistry

    AgencyRegistry.load()


def parse_files(files: list[Path], review: str | None, known: Container[str], workers: int,
                progress: Progress | None = None) -> list[IngestResult]:
    """:func:`ingest.pipeline.ingest_file` of every file, in ``workers`` processes, in the order given."""
    from concurrent.futures import ProcessPoolExecutor, as_completed

    from ingest.pipeline import ingest_file

    total = len(files)
    results: list[IngestResult | None] = [None] * total
    done = 0
    context = _context()
    fork = context.get_start_method() == "fork"
    if fork:
        _warm()
    known = known if isinstance(known, (set, frozenset)) else frozenset(known)  # type: ignore[arg-type]
    retry: list[int] = []
    # a few files per task (fewer round trips), at least CHUNKS_PER_WORKER tasks per worker (balance)
    size = max(1, min(MAX_CHUNK, total // (workers * CHUNKS_PER_WORKER)))
    chunks = [range(start, min(start + size, total)) for start in range(0, total, size)]
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_init,
                             initargs=(review, known, os.getpid())) as pool:
        if fork:  # what this process holds stays out of the workers' garbage collection (and is not copied)
            gc.freeze()
        try:
            futures: dict[Future[list[IngestResult]], range] = {
                pool.submit(_work, [files[i] for i in chunk]): chunk for chunk in chunks}  # (forks here)
        finally:
            if fork:
                gc.unfreeze()
        if progress:  # after the workers started (a progress display may start a thread)
            progress(0, total)
        for future in as_completed(futures):
            chunk = futures.pop(future)
            try:
                for i, result in zip(chunk, future.result(), strict=True):
                    results[i] = result
            except Exception:  # noqa: BLE001 - a worker died or its results could not travel: read them here
                retry.extend(chunk)
                continue
            done += len(chunk)
            if progress:
                progress(done, total)
    for i in sorted(retry):
        results[i] = ingest_file(files[i], review, known)
        done += 1
        if progress:
            progress(done, total)
    return results  # type: ignore[return-value]
