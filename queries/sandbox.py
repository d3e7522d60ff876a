"""Ad-hoc queries run in a child process, confined and limited: time, memory, rows.

:func:`run_limited` checks the query (:mod:`reviewgraph.queries.readonly`), then runs it in a child process started from
a fork server (``multiprocessing``'s ``forkserver``: the engines are imported once, each query pays for a
fork, about 50 ms with the store opened), which

1. opens the engine (the derived store, read-only), then tells the parent it is ready;
2. gives up for good, with Linux Landlock (:mod:`reviewgraph.queries.confine`), every file right except reading the
   engine's own files and Python's, and every TCP connection except to a configured Neo4j server or SPARQL
   endpoint: ``LOAD FROM``, ``COPY TO``, ``INSTALL``, ``LOAD EXTENSION`` or ``SERVICE``, should one ever pass
   the check, fail with "permission denied";
3. limits its address space (``RLIMIT_AS``: what it has mapped once the store is open, plus the memory
   limit), its CPU time, and the size of any file it writes (0), and LadybugDB's buffer pool and query
   timeout;
4. runs the query, fetching at most the row cap (plus one, to know that there were more).

The parent waits at most the time limit after "ready", and watches the child's resident memory; it kills
the child past either, and says so in one line. Saved queries run by the app's own pages stay in process.

=============================  ===========  ====================================================
limit                          default      set by
=============================  ===========  ====================================================
time                           30 s         ``--timeout``, ``REVIEWGRAPH_QUERY_TIMEOUT``
memory                         2048 MB      ``--max-memory``, ``REVIEWGRAPH_QUERY_MEMORY_MB``
rows                           10,000       ``--max-rows``, ``REVIEWGRAPH_QUERY_MAX_ROWS``
=============================  ===========  ====================================================
"""

from __future__ import annotations

import math
import multiprocessing
import os
import signal
import sys
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reviewgraph.queries.engines import ENGINES, Result
from reviewgraph.queries.readonly import ReadOnlyError, check

__all__ = ["Limits", "QueryLimitError", "run_limited", "ENV_TIMEOUT", "ENV_MEMORY", "ENV_ROWS"]

ENV_TIMEOUT, ENV_MEMORY, ENV_ROWS = ("REVIEWGRAPH_QUERY_TIMEOUT", "REVIEWGRAPH_QUERY_MEMORY_MB",
                                     "REVIEWGRAPH_QUERY_MAX_ROWS")
_POLL = 0.05
_PRELOAD = ["reviewgraph.queries.sandbox", "reviewgraph.queries.engines", "reviewgraph.queries.readonly", "reviewgraph.queries.confine", "reviewgraph.graph.store",
            "reviewgraph.graph.sinks.ladybug_store", "reviewgraph.graph.sinks.oxigraph_store", "reviewgraph.graph.sinks.rdf",
            "rdflib.plugins.sparql.parser", "rdflib.plugins.sparql.processor"]


class QueryLimitError(RuntimeError):
    """An ad-hoc query stopped by the time or memory limit (one line, saying which and how to change it)."""


@dataclass(frozen=True)
class Limits:
    """Time (seconds), memory (MB) and row limits of an ad-hoc query."""

    seconds: float = 30.0
    memory_mb: int = 2048
    rows: int = 10_000

    @classmethod
    def from_env(cls, seconds: float | None = None, memory_mb: int | None = None, rows: int | None = None,
                 environ: dict[str, str] | None = None) -> Limits:
        """The limits given, else from the environment, else the defaults; raise ValueError in one line
        for a value that is not a positive number.

        >>> Limits.from_env(environ={"REVIEWGRAPH_QUERY_TIMEOUT": "5"}, rows=10)
        Limits(seconds=5.0, memory_mb=2048, rows=10)
        """
        env = os.environ if environ is None else environ
        default = cls()

        def pick(given: Any, name: str, kind: type, fallback: Any) -> Any:
            raw = given if given is not None else env.get(name)
            if raw is None or raw == "":
                return fallback
            try:
                value = kind(raw)
            except (TypeError, ValueError):
                value = None
            if value is None or not value > 0 or (kind is float and not math.isfinite(value)):
                raise ValueError(f"{name} (or its option) must be a positive number, not {raw!r}")
            return value

        return cls(seconds=pick(seconds, ENV_TIMEOUT, float, default.seconds),
                   memory_mb=pick(memory_mb, ENV_MEMORY, int, default.memory_mb),
                   rows=pick(rows, ENV_ROWS, int, default.rows))

    def time_message(self) -> str:
        return (f"the query took longer than {self.seconds:g} s and was stopped (the limit is "
                f"--timeout or {ENV_TIMEOUT})")

    def memory_message(self) -> str:
        size = f"{self.memory_mb / 1024:g} GB" if self.memory_mb >= 1024 else f"{self.memory_mb} MB"
        return (f"the query needed more than {size} of memory and was stopped (the limit is --max-memory "
                f"or {ENV_MEMORY})")


# -- the parent ------------------------------------------------------------------------------------------------
_CONTEXT: Any = None


def _context() -> Any:
    global _CONTEXT
    if _CONTEXT is None:
        if "forkserver" in multiprocessing.get_all_start_methods():
            _CONTEXT = multiprocessing.get_context("forkserver")
            _CONTEXT.set_forkserver_preload(["__main__", *_PRELOAD])  # __main__ once, not per query
        else:  # pragma: no cover - Windows
            _CONTEXT = multiprocessing.get_context("spawn")
    return _CONTEXT


def _rss_bytes(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


def run_limited(engine: str, store_path: str | os.PathLike[str], text: str, params: dict[str, Any],
                limits: Limits | None = None, *, _raw: bool = False, **options: Any) -> Result:
    """Run ``text`` on ``engine`` over the store at ``store_path`` in a confined child process, within
    ``limits``; the rows (``cut_at`` set when the row cap cut them). Raises :class:`ReadOnlyError` for a
    refused query, :class:`QueryLimitError` past a limit, and the engine's error (one line) otherwise.

    ``_raw`` is for the tests only: the text goes to the engine's own connection with no read-only check
    (here or in the engine), to show that the confinement underneath holds by itself."""
    limits = limits or Limits.from_env()
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}")
    if not _raw:
        check(text, ENGINES[engine].language)
    ctx = _context()
    reader, writer = ctx.Pipe(duplex=False)
    spec = {"engine": engine, "store": str(store_path), "text": text, "params": params, "options": options,
            "limits": limits, "raw": _raw, "directory": _prepare(engine, str(store_path), options)}
    proc = ctx.Process(target=_child, args=(writer, spec), daemon=True, name="reviewgraph-query")
    proc.start()
    writer.close()
    try:
        return _wait(proc, reader, limits)
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join(5)
        reader.close()


def _wait(proc: Any, reader: Any, limits: Limits) -> Result:
    deadline: float | None = None
    memory = limits.memory_mb * 1024 * 1024
    while True:
        if reader.poll(_POLL):
            try:
                message = reader.recv()
            except EOFError:
                return _died(proc, limits)
            kind = message[0]
            if kind == "ready":
                deadline = time.monotonic() + limits.seconds
                continue
            if kind == "ok":
                _, columns, rows, cut_at = message
                return Result(columns, rows, cut_at=cut_at)
            if kind == "time":
                raise QueryLimitError(limits.time_message())
            if kind == "memory":
                raise QueryLimitError(limits.memory_message())
            _, error_type, text = message
            if error_type == "ReadOnlyError":
                raise ReadOnlyError(text)
            if error_type in ("ValueError", "QueryError", "SyntaxError"):
                raise ValueError(text)
            raise RuntimeError(text)
        if not proc.is_alive() and not reader.poll(0):
            return _died(proc, limits)
        if deadline is not None:
            if time.monotonic() > deadline:
                proc.kill()
                raise QueryLimitError(limits.time_message())
            rss = _rss_bytes(proc.pid)
            if rss is not None and rss > memory:
                proc.kill()
                raise QueryLimitError(limits.memory_message())


def _died(proc: Any, limits: Limits) -> Result:
    proc.join(5)
    code = proc.exitcode
    if code is not None and code < 0 and -code in (signal.SIGABRT, signal.SIGKILL, signal.SIGSEGV):
        # an allocation refused under RLIMIT_AS aborts Rust and C++ code; the kernel's OOM killer kills
        raise QueryLimitError(limits.memory_message())
    if code is not None and code < 0 and -code == signal.SIGXCPU:
        raise QueryLimitError(limits.time_message())
    raise RuntimeError(f"the query process ended unexpectedly (exit status {code})")


# -- the child -------------------------------------------------------------------------------------------------
def _port(url: str, default: int) -> int:
    parts = urllib.parse.urlsplit(url)
    return parts.port or {"http": 80, "https": 443}.get(parts.scheme, default)


_NETWORK_FILES = ["/etc/resolv.conf", "/etc/hosts", "/etc/nsswitch.conf", "/etc/gai.conf", "/etc/host.conf",
                  "/etc/ssl", "/etc/pki", "/usr/lib/ssl", "/usr/share/ca-certificates", "/etc/ca-certificates"]


def _prepare(engine: str, store_path: str, options: dict[str, Any]) -> str | None:
    """In the parent: the engine's derived store directory, built first when stale (the build writes, and
    LadybugDB and RocksDB start threads that a confinement applied later in the child would not cover)."""
    if options.get("memory") or engine not in ("cypher", "sparql"):
        return None
    from reviewgraph.graph.store import Store

    store = Store(Path(store_path))
    if engine == "cypher":
        from reviewgraph.graph.sinks import ladybug_store

        return str(ladybug_store.db_dir(store))
    from reviewgraph.graph.sinks import oxigraph_store

    return str(oxigraph_store.store_dir(store))


def _engine_access(spec: dict[str, Any]) -> tuple[list[str], list[int]]:
    """(paths the engine reads, TCP ports it connects to) once confined."""
    name, options = spec["engine"], spec["options"]
    if name == "endpoint":
        from reviewgraph.graph.sinks.sparql_endpoint import endpoint_urls

        return _NETWORK_FILES, [_port(endpoint_urls(options.get("endpoint") or "")[0], 80)]
    if name == "neo4j":
        return _NETWORK_FILES, [_port(options.get("neo4j_uri") or "", 7687)]
    return ([spec["directory"]] if spec["directory"] else []), []


def _open_engine(spec: dict[str, Any], graph: Any) -> Any:
    """The engine, opened inside the confinement, with its own memory and time switches."""
    from reviewgraph.graph.store import Store
    from reviewgraph.queries import engines

    name, options, limits = spec["engine"], spec["options"], spec["limits"]
    if name == "cypher":
        import ladybug as lb

        from reviewgraph.graph.sinks import ladybug_store

        db_options: dict[str, Any] = {"buffer_pool_size": max(limits.memory_mb * (1 << 20) // 2, 64 << 20)}
        if graph is not None:
            conn = ladybug_store.memory_connection(graph, **db_options)
        else:
            path = Path(spec["directory"]) / ladybug_store.DB_FILE
            db_options["max_db_size"] = 1 << max(30, math.ceil(math.log2(max(path.stat().st_size, 1) * 4)))
            conn = lb.Connection(lb.Database(str(path), read_only=True, **db_options))
        conn.set_query_timeout(int(limits.seconds * 1000))
        return engines.LadybugEngine(conn)
    if name == "sparql":
        import pyoxigraph as ox

        from reviewgraph.graph.sinks import oxigraph_store

        if graph is not None:
            return engines.OxigraphEngine(oxigraph_store.memory_store(graph))
        return engines.OxigraphEngine(ox.Store.read_only(spec["directory"]))
    if name == "rdflib":
        from reviewgraph.graph.sinks.rdf import to_rdflib

        return engines.RdflibEngine(to_rdflib(graph))
    return engines.make_engine(name, Store(Path(spec["store"])), **options)


def _run_raw(engine: Any, text: str, max_rows: int) -> Result:
    """The text on the engine's own connection, unchecked (tests of the confinement only)."""
    from reviewgraph.queries.engines import plain

    if hasattr(engine, "conn"):  # LadybugDB
        res = engine.conn.execute(text)
        res = res[-1] if isinstance(res, list) else res
        rows = []
        while res.has_next() and len(rows) < max_rows:
            rows.append([plain(v) for v in res.get_next()])
        return Result(list(res.get_column_names()), rows)
    if hasattr(engine, "store"):  # pyoxigraph
        res = engine.store.query(text)
        if isinstance(res, bool) or type(res).__name__ == "QueryBoolean":
            return Result(["ask"], [[bool(res)]])
        if hasattr(res, "variables"):
            columns = [v.value for v in res.variables]
            return Result(columns, [[str(sol[c]) if sol[c] is not None else None for c in columns]
                                    for sol in res][:max_rows])
        return Result(["triple"], [[str(t)] for t in res][:max_rows])
    res = engine.graph.query(text)  # rdflib
    return Result([str(v) for v in (res.vars or [])], [[str(t) for t in row] for row in res][:max_rows])


def _vm_bytes() -> int | None:
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as fh:
            for line in fh:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


def _limit_self(limits: Limits) -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the size limit fails (EFBIG), no signal
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))
    cpu = math.ceil(limits.seconds * (os.cpu_count() or 1)) + 5
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))
    mapped = _vm_bytes()
    if mapped is not None:
        cap = mapped + limits.memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))


def _memory_error(text: str) -> bool:
    lowered = text.lower()
    return any(w in lowered for w in ("bad_alloc", "buffer pool is full", "unable to allocate", "out of memory",
                                      "cannot allocate memory", "memory allocation"))


def _child(writer: Any, spec: dict[str, Any]) -> None:
    from reviewgraph.graph.errors import describe
    from reviewgraph.queries.confine import confine, python_paths

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)  # an engine's own abort message must not reach the user's terminal
    limits: Limits = spec["limits"]
    try:
        graph = None
        if spec["engine"] == "rdflib" or (spec["options"].get("memory") and spec["engine"] in ("cypher", "sparql")):
            from reviewgraph.graph.store import Store

            graph = Store(Path(spec["store"])).graph()
        paths, ports = _engine_access(spec)
        confine(read=python_paths() + paths + ["/dev/urandom", "/proc/self", "/sys/devices/system/cpu"],
                write=[os.devnull], connect_ports=ports)
        engine = _open_engine(spec, graph)
        del graph
        writer.send(("ready",))
        _limit_self(limits)
        if spec["raw"]:
            result = _run_raw(engine, spec["text"], limits.rows)
        elif spec["engine"] == "neo4j":
            result = engine.run(spec["text"], spec["params"])
            if len(result.rows) > limits.rows:
                result = Result(result.columns, result.rows[:limits.rows], cut_at=limits.rows)
        else:
            result = engine.run(spec["text"], spec["params"], max_rows=limits.rows)
        writer.send(("ok", result.columns, result.rows, result.cut_at))
    except MemoryError:
        writer.send(("memory",))
    except BaseException as exc:  # noqa: BLE001 - every failure goes back to the parent as one line
        text = describe(exc)
        if _memory_error(text):
            writer.send(("memory",))
        elif spec["engine"] == "cypher" and "interrupted" in text.lower():
            writer.send(("time",))
        else:
            writer.send(("error", type(exc).__name__, text))
    finally:
        writer.close()
        sys.stdout.flush()
