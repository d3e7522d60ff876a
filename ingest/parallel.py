"""Reading and parsing files in worker processes, each under a memory cap: the same results as one by one.

Each file is read, hashed and parsed in a worker process (parsing is per document and needs no shared
state); the worker sends back the :class:`~reviewgraph.ingest.single.IngestResult` with its parsed document, never the
file's text, one result per file as it finishes. Results come back in the order of the files given.

Every worker runs under a memory cap (``$REVIEWGRAPH_PARSE_MEMORY_MB``, 2048 by default: the address space
a worker may add to what it held when it started, ``RLIMIT_AS``) and every file under a time limit
(``$REVIEWGRAPH_PARSE_SECONDS``, 300 by default). A document that needs more memory fails alone, with one
line saying so; a worker that dies (a reader library that aborts when an allocation fails, the
out-of-memory killer) or overruns the time limit is replaced: the file it was reading is that file's error
(read once more by a fresh worker first, when the one that died had read others before it, so that no
file pays for what another left behind), and the files it had not reached are read by the others.
A batch of fewer than :data:`MIN_FILES` files (or any batch with one worker asked for) is read in this
process as before the cap existed, but only its plain text and CSV files, which Python alone parses (an
allocation past the cap raises MemoryError, nothing else), and only under the same caps, put in place for
each parse (:func:`ingest_here`); its PDF, Word, Excel and HTML files, read by libraries in C that may end
the process when an allocation fails, go to workers. ``$REVIEWGRAPH_PARSE_MEMORY_MB=0`` turns the cap off:
small batches are then read in this process whatever their format. The app parses each upload in a worker
(:func:`ingest_isolated`).

``$REVIEWGRAPH_WORKERS`` sets the number of processes; the default is one per usable core
(:func:`reviewgraph.graph.workers.wanted_workers`, which the graph build's threads use too).
"""

from __future__ import annotations

import gc
import os
import sys
import threading
from collections import deque
from collections.abc import Callable, Container
from pathlib import Path
from typing import TYPE_CHECKING

import reviewgraph.ingest.single as single
from reviewgraph.graph.workers import wanted_workers
from reviewgraph.ingest.single import IngestResult, IngestState, ingest_file, memory_error, shown

# multiprocessing and concurrent.futures are imported when a pool starts (a small batch never needs them)
if TYPE_CHECKING:
    import multiprocessing.context
    from multiprocessing.connection import Connection

__all__ = ["workers_for", "parse_files", "MIN_FILES", "memory_cap_mb", "time_cap", "ingest_isolated"]

#: fewer files than this are read in this process
MIN_FILES = 8
#: files sent to a worker at once (at most), and tasks per worker (at least, when there are enough files)
MAX_CHUNK, CHUNKS_PER_WORKER = 16, 8

#: the memory a parse may take (MB of address space over what its worker held when it started)
DEFAULT_MEMORY_MB = 2048
#: the longest one file may take to read and parse (seconds)
DEFAULT_SECONDS = 300

Progress = Callable[[int, int], None]


def workers_for(n_files: int) -> int:
    """How many processes to read ``n_files`` with (1: in this process when the memory cap is off, else
    one worker)."""
    if n_files < MIN_FILES:
        return 1
    return max(1, min(wanted_workers(), n_files))


def memory_cap_mb() -> int:
    """``$REVIEWGRAPH_PARSE_MEMORY_MB`` (0: no cap, parse small batches in this process), else 2048."""
    return _env_number("REVIEWGRAPH_PARSE_MEMORY_MB", DEFAULT_MEMORY_MB)


def time_cap() -> int:
    """``$REVIEWGRAPH_PARSE_SECONDS``: the longest one file may take to read and parse (0: no limit)."""
    return _env_number("REVIEWGRAPH_PARSE_SECONDS", DEFAULT_SECONDS)


def _env_number(name: str, default: int) -> int:
    env = os.environ.get(name, "").strip()
    try:
        return max(0, int(float(env))) if env else default
    except ValueError:
        return default


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


def _cap_memory(mb: int) -> None:
    """Let this process's address space grow by at most ``mb`` megabytes from here (``RLIMIT_AS``): an
    allocation past it fails (Python raises MemoryError) instead of taking the machine's memory."""
    if mb <= 0:
        return
    try:
        import resource

        with open("/proc/self/statm", encoding="ascii") as fh:
            base = int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        want = base + mb * 1024 * 1024
        if hard != resource.RLIM_INFINITY:
            want = min(want, hard)
        if soft == resource.RLIM_INFINITY or want < soft:
            resource.setrlimit(resource.RLIMIT_AS, (want, hard))
    except (ImportError, OSError, ValueError):  # not Linux: no cap (the time limit still holds)
        pass


def _serve(conn: Connection, review: str | None, known: Container[str], parent: int, cap_mb: int,
           warm: bool = False) -> None:
    """A worker: read the files of each task it is sent, sending back ``(index, result)`` for each as it
    finishes; ``None`` ends it. After a document that ran out of memory it ends (its heap is no longer
    what it was), and the parent starts another."""
    _init(review, known, parent)
    if warm:
        _warm()  # a spawned worker: load once what every parse needs (a forked one shares its parent's)
    _cap_memory(cap_mb)
    single.PARSE_MEMORY_MB = cap_mb
    read = 0
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        for index, path in task:
            result = _one(path)
            conn.send((index, result, read > 0))
            read += 1
            if result.state is IngestState.OUT_OF_MEMORY:
                return


# -- the parent side -------------------------------------------------------------------------------------
def _context() -> multiprocessing.context.BaseContext:
    """fork on Linux (workers start at once and share what this process has loaded) when this process runs
    one thread; otherwise spawn. A forked child inherits other threads' locks and the objects of libraries
    that run threads of their own (a LadybugDB or RocksDB store opened earlier in a long-lived process, such
    as a test run or the app) without the threads: it can hang on either. macOS's system libraries are not
    safe to fork at all. (Not multiprocessing's forkserver: there is one per process, shared with the query
    sandbox, whose server holds the engines and their threads.)"""
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
    """Load what every parse needs once, before the workers fork from this process (each would otherwise
    import the readers and load the registry again)."""
    import importlib

    from reviewgraph.graph.agencies import AgencyRegistry

    AgencyRegistry.load()
    for name in _PRELOAD:
        importlib.import_module(name)


#: modules every parse of a text document uses (imported before forking, or by a spawned worker at its start)
_PRELOAD = ("reviewgraph.ingest.single", "reviewgraph.ingest.parse", "reviewgraph.ingest.readers", "reviewgraph.ingest.readers.text",
            "reviewgraph.ingest.readers.text_layout", "reviewgraph.ingest.readers.html", "reviewgraph.ingest.readers.csv", "reviewgraph.ingest.readers.limits",
            "reviewgraph.records.status", "reviewgraph.ingest.parallel")


class _Worker:
    """One worker process as the parent sees it: its pipe, the files of its task not yet answered, when it
    last answered, and whether it has read a file before the one it is on."""

    def __init__(self, context: multiprocessing.context.BaseContext, review: str | None,
                 known: Container[str], cap_mb: int) -> None:
        import time

        self.conn, child = context.Pipe()
        self.review, self.known = review, known
        spawned = context.get_start_method() != "fork"
        self.process = context.Process(target=_serve, args=(child, review, known, os.getpid(), cap_mb, spawned),
                                       daemon=True, name="reviewgraph-parse")
        self.process.start()
        child.close()
        self.task: deque[int] = deque()
        self.since = time.monotonic()
        self.read_before = False

    def give(self, task: list[int], files: list[Path]) -> None:
        import time

        self.task.extend(task)
        self.since = time.monotonic()
        try:
            self.conn.send([(i, files[i]) for i in task])
        except OSError:  # it has ended: the parent's loop sees it and deals with its task
            pass

    def stop(self, kill: bool = False) -> None:
        if kill and self.process.is_alive():
            self.process.kill()
        else:
            try:
                self.conn.send(None)
            except OSError:
                pass
        self.process.join(5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.conn.close()


def parse_files(files: list[Path], review: str | None, known: Container[str], workers: int,
                progress: Progress | None = None) -> list[IngestResult]:
    """:func:`reviewgraph.ingest.single.ingest_file` of every file in ``workers`` worker processes, each under the
    memory cap, each file under the time limit; results in the order given (see the module's
    documentation)."""
    import time
    from multiprocessing.connection import wait

    total = len(files)
    results: list[IngestResult | None] = [None] * total
    if not total:
        return []
    done = 0
    cap_mb, seconds = memory_cap_mb(), time_cap()
    context = _context()
    fork = context.get_start_method() == "fork"
    if fork:
        _warm()
    known = known if isinstance(known, (set, frozenset)) else frozenset(known)  # type: ignore[arg-type]
    workers = max(1, min(workers, total))
    # a few files per task (fewer round trips), at least CHUNKS_PER_WORKER tasks per worker (balance)
    size = max(1, min(MAX_CHUNK, total // (workers * CHUNKS_PER_WORKER)))
    todo: deque[list[int]] = deque(list(range(start, min(start + size, total)))
                                   for start in range(0, total, size))
    retried: set[int] = set()
    running: list[_Worker] = []

    def start() -> None:
        while todo and len(running) < workers:
            if fork:
                gc.freeze()  # what this process holds stays out of the workers' collection (not copied)
            try:
                worker = _Worker(context, review, known, cap_mb)
            finally:
                if fork:
                    gc.unfreeze()
            worker.give(todo.popleft(), files)
            running.append(worker)

    def lost(worker: _Worker, why: str) -> None:
        """The worker ended or was stopped on the first file of its task: that file's error (after one more
        try in a fresh worker when this one had read others first); the rest go back to be read."""
        nonlocal done
        running.remove(worker)
        worker.stop(kill=True)
        if not worker.task:
            return
        first, rest = worker.task[0], list(worker.task)[1:]
        if rest:
            todo.appendleft(rest)
        if worker.read_before and first not in retried:
            retried.add(first)
            todo.appendleft([first])
            return
        results[first] = _failed(files[first], why, cap_mb, seconds)
        done += 1
        if progress:
            progress(done, total)

    def answered(worker: _Worker, index: int, result: IngestResult, read_before: bool) -> None:
        nonlocal done
        worker.task.popleft()
        worker.since = time.monotonic()
        worker.read_before = True
        if result.state is IngestState.OUT_OF_MEMORY:  # the worker ends after it: what it had not reached goes back to be read
            if worker.task:
                todo.appendleft(list(worker.task))
                worker.task.clear()
            running.remove(worker)
            worker.stop()
            if read_before and index not in retried:  # once more in a fresh worker, which read nothing before
                retried.add(index)
                todo.appendleft([index])
                return
        results[index] = result
        done += 1
        if progress:
            progress(done, total)

    try:
        start()
        if progress:  # after the workers started (a progress display may start a thread)
            progress(0, total)
        while running:
            conns = {w.conn: w for w in running}
            sentinels = {w.process.sentinel: w for w in running}
            timeout = None
            if seconds:
                timeout = max(0.0, min(w.since + seconds for w in running) - time.monotonic()) + 0.05
            for item in wait([*conns, *sentinels], timeout=timeout):
                worker = conns.get(item) or sentinels.get(item)  # type: ignore[call-overload]
                if worker is None or worker not in running:
                    continue
                try:
                    while worker in running and worker.task and worker.conn.poll():
                        answered(worker, *worker.conn.recv())
                except (EOFError, OSError):
                    pass
                if worker not in running:
                    continue
                if worker.task and not worker.process.is_alive():
                    lost(worker, "ended")
                elif not worker.task:
                    if todo:
                        worker.give(todo.popleft(), files)
                    else:
                        running.remove(worker)
                        worker.stop()
            if seconds:
                now = time.monotonic()
                for worker in [w for w in running if w.task and now - w.since > seconds]:
                    lost(worker, "time")
            start()
    finally:
        for worker in running:
            worker.stop(kill=True)
    return results  # type: ignore[return-value]


def _failed(path: Path, why: str, cap_mb: int, seconds: int) -> IngestResult:
    if why == "time":
        error = (f"{shown(path)}: took more than {seconds} s to read and was stopped; split the document, "
                 "or raise REVIEWGRAPH_PARSE_SECONDS")
    else:
        error = memory_error(path, cap_mb, ended=True)
    return IngestResult(path, IngestState.FAILED if why == "time" else IngestState.OUT_OF_MEMORY, error=error)


_KEPT: list[_Worker] = []   # the worker kept for ingest_isolated between calls
_KEPT_LOCK = threading.Lock()


def ingest_isolated(path: Path, review: str | None = None, known: Container[str] = ()) -> IngestResult:
    """:func:`reviewgraph.ingest.single.ingest_file` of one file in a worker process under the memory cap and the
    time limit (in this process when the cap is off): for a long-lived process such as the app, which one
    document must not take down. The worker is kept for the next call (a spawned one takes a second or two
    to start); one that ran out of memory, died or overran is replaced, and a file it failed on after
    reading others is read once more by a fresh one."""
    import time
    from multiprocessing.connection import wait

    cap_mb, seconds = memory_cap_mb(), time_cap()
    if not cap_mb:
        return ingest_file(path, review, known)
    known = known if isinstance(known, frozenset) else frozenset(known)
    with _KEPT_LOCK:
        for attempt in (1, 2):
            worker = _KEPT[0] if _KEPT else None
            if worker is None or not worker.process.is_alive() or (worker.review, worker.known) != (review, known):
                if worker is not None:
                    worker.stop(kill=True)
                worker = _Worker(_context(), review, known, cap_mb)
                _KEPT[:] = [worker]
            worker.give([0], [path])
            deadline = time.monotonic() + seconds if seconds else None
            ready = wait([worker.conn, worker.process.sentinel],
                         timeout=None if deadline is None else max(0.0, deadline - time.monotonic()))
            result, read_before, why = None, worker.read_before, "time"
            if worker.conn in ready or worker.conn.poll():
                try:
                    _, result, read_before = worker.conn.recv()
                except (EOFError, OSError):
                    result, why = None, "ended"
            elif ready:
                why = "ended"
            worker.task.clear()
            worker.read_before = True
            if result is not None and result.state is not IngestState.OUT_OF_MEMORY:
                return result
            _KEPT.clear()
            worker.stop(kill=result is None)
            if attempt == 1 and read_before and why != "time":  # once more in a fresh worker
                continue
            return result if result is not None else _failed(path, why, cap_mb, seconds)
    raise AssertionError("unreachable")


# -- small batches of text: in this process, under the same caps -------------------------------------------
def parsed_here(path: Path) -> bool:
    """Whether ``path`` may be parsed in this process rather than in a worker: a plain text or CSV file
    (read and parsed by Python alone, so an allocation past the cap raises MemoryError and nothing else),
    when this process runs one thread (the cap is the whole process's). PDF, Word, Excel and HTML go through
    libraries in C, which may end the process when an allocation fails: always a worker."""
    if not sys.platform.startswith("linux") or _threads() != 1 or \
            threading.current_thread() is not threading.main_thread():
        return False
    from reviewgraph.ingest.readers.html import looks_like_html

    try:
        with open(path, "rb") as fh:
            head = fh.read(8192)
    except OSError:
        return True  # the read's error is reported as in a worker
    if b"%PDF-" in head[:1024] or head.startswith((b"PK", b"\xd0\xcf\x11\xe0")):
        return False
    return not looks_like_html(head)  # (binary junk is refused on its first bytes, here as anywhere)


class _Overran(BaseException):  # (not an Exception: no reader or parser catches it on the way)
    """The time limit passed while a file was parsed in this process."""


def ingest_here(path: Path, review: str | None, known: Container[str]) -> IngestResult:
    """:func:`reviewgraph.ingest.single.ingest_file` in this process under the memory cap (``RLIMIT_AS`` lowered for
    the parse, then put back) and the time limit (a timer signal); for :func:`parsed_here` files only."""
    import resource
    import signal

    cap_mb, seconds = memory_cap_mb(), time_cap()
    old_limit = resource.getrlimit(resource.RLIMIT_AS)

    def overran(signum: int, frame: object) -> None:
        raise _Overran

    old_handler = signal.signal(signal.SIGALRM, overran) if seconds else None
    try:
        _cap_memory(cap_mb)
        single.PARSE_MEMORY_MB = cap_mb
        if seconds:
            signal.setitimer(signal.ITIMER_REAL, seconds)
        try:
            return single.ingest_file(path, review, known)
        except _Overran:
            return _failed(path, "time", cap_mb, seconds)
    finally:
        if seconds:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, old_handler)
        resource.setrlimit(resource.RLIMIT_AS, old_limit)
        single.PARSE_MEMORY_MB = 0
