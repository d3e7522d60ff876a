"""Time every saved query on LadybugDB, pyoxigraph and rdflib's own SPARQL engine.

    python benchmarks/bench_queries.py                      # the four sample documents and 1,000 synthetic reviews
    python benchmarks/bench_queries.py --sizes seeds,100 --repeat 5 --work /tmp/rg-bench
    python benchmarks/bench_queries.py --db STORE           # a store you already have

Each engine runs in a worker process of its own, so the peak RSS reported is that engine's (graph loading
included). rdflib's queries each run in a forked child of its worker, which is killed when it takes longer
than ``--timeout`` seconds (warm-up and repeats together); an embedded engine's worker that stops answering
is killed and restarted for the next query. Every query is run once to warm up, then ``--repeat`` times (fewer when the runs add up to
more than 10 s); the table gives the median in milliseconds and whether the rows agree across engines (each
worker reports a hash of its sorted rows). Synthetic corpora come from ``reviewgraph.synth.corpus.generate`` with
seed 42 and are ingested once into ``--work`` (kept between runs).

``bench(db, repeat)`` is the contract used by ``benchmarks/run.py``: one row per (query, engine).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import select
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

ENGINES = ("cypher", "sparql", "sparql-memory", "rdflib")
ENGINE_LABEL = {"cypher": "LadybugDB", "sparql": "pyoxigraph (disk)", "sparql-memory": "pyoxigraph (memory)",
                "rdflib": "rdflib"}
#: fixed parameters (the answers must not depend on the day the benchmark runs)
PARAMS = {"as_of": "2021-06-30", "min_reviews": "2"}
MAX_SECONDS_PER_QUERY = 10.0


# -- the worker (one engine, one process) ----------------------------------------------------------------
def _open(engine: str, db: Path) -> Any:
    from reviewgraph.graph.sinks import ladybug_store, oxigraph_store
    from reviewgraph.graph.store import Store
    from reviewgraph.queries.engines import LadybugEngine, OxigraphEngine, RdflibEngine

    store = Store(db)
    if engine == "cypher":
        return LadybugEngine(ladybug_store.open_connection(store))
    if engine == "sparql":
        return OxigraphEngine(oxigraph_store.open_store(store))
    if engine == "sparql-memory":
        return OxigraphEngine(oxigraph_store.memory_store(store.graph()))
    from reviewgraph.graph.sinks.rdf import to_rdflib
    return RdflibEngine(to_rdflib(store.graph()))


def _measure(eng: Any, q: Any, params: dict[str, Any], repeat: int) -> dict[str, Any]:
    try:
        result = eng.run(q.text, params)  # warm-up, and the rows compared across engines
        times: list[float] = []
        while len(times) < repeat and sum(times) < MAX_SECONDS_PER_QUERY:
            t = time.perf_counter()
            eng.run(q.text, params)
            times.append(time.perf_counter() - t)
        digest = hashlib.sha256(repr((result.columns, sorted(map(repr, result.rows)))).encode()).hexdigest()
        return {"query": q.name, "status": "ok", "median_s": statistics.median(times), "runs": len(times),
                "rows": len(result.rows), "digest": digest[:16]}
    except Exception as exc:  # one failing query must not hide the others
        return {"query": q.name, "status": f"error: {type(exc).__name__}: {exc}"[:300]}


def _measure_forked(eng: Any, q: Any, params: dict[str, Any], repeat: int, timeout: float) -> dict[str, Any]:
    """Run :func:`_measure` in a forked child (sharing the loaded graph) and kill it after ``timeout``."""
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: measure, report, leave without cleanup
        os.close(r)
        os.write(w, json.dumps(_measure(eng, q, params, repeat)).encode())
        os._exit(0)
    os.close(w)
    chunks: list[bytes] = []
    deadline = time.monotonic() + timeout
    with os.fdopen(r, "rb") as fh:
        while True:
            ready, _, _ = select.select([fh], [], [], max(deadline - time.monotonic(), 0))
            if not ready:
                os.kill(pid, 9)
                os.waitpid(pid, 0)
                return {"query": q.name, "status": f"timeout (> {timeout:.0f} s)"}
            data = fh.read1(1 << 16)
            if not data:
                break
            chunks.append(data)
    os.waitpid(pid, 0)
    return json.loads(b"".join(chunks) or b'{"status": "error: the measuring process died"}')


def _worker(engine: str, db: Path, names: list[str], repeat: int, timeout: float) -> None:
    from reviewgraph.queries.saved import find

    language = "cypher" if engine == "cypher" else "sparql"
    t0 = time.perf_counter()
    eng = _open(engine, db)
    print(json.dumps({"load_s": round(time.perf_counter() - t0, 3)}), flush=True)
    for name in names:
        q = find(name, language)
        params = q.coerce({k: v for k, v in PARAMS.items() if k in {p.name for p in q.params}})
        if engine == "rdflib":  # pure Python: a slow query is stopped without reloading the graph
            out = _measure_forked(eng, q, params, repeat, timeout)
        else:
            out = _measure(eng, q, params, repeat)
        out["query"] = name
        out["rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
        print(json.dumps(out), flush=True)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"peak_rss_mb": round(peak, 1)}), flush=True)


# -- the parent ----------------------------------------------------------------------------------------------
def _run_engine(engine: str, db: Path, names: list[str], repeat: int, timeout: float,
                load_timeout: float = 1800.0) -> dict[str, Any]:
    """Run ``names`` on ``engine`` in worker processes; returns per-query results, load time and peak RSS."""
    out: dict[str, Any] = {"queries": {}, "load_s": None, "peak_rss_mb": 0.0}
    todo = list(names)
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    while todo:
        proc = subprocess.Popen([sys.executable, __file__, "--worker", engine, "--db", str(db), "--repeat",
                                 str(repeat), "--timeout", str(timeout), "--names", ",".join(todo)],
                                stdout=subprocess.PIPE, env=env, text=True)
        assert proc.stdout is not None
        deadline = time.monotonic() + load_timeout
        current = "load"
        while True:
            left = deadline - time.monotonic()
            ready, _, _ = select.select([proc.stdout], [], [], max(left, 0))
            if not ready:  # the query (or the load) ran out of time
                proc.kill()
                proc.wait()
                if current == "load":
                    for name in todo:
                        out["queries"][name] = {"status": f"not run: the {engine} load took over {load_timeout:.0f} s"}
                    todo = []
                else:
                    out["queries"][current] = {"status": f"timeout (> {timeout:.0f} s)"}
                    todo = todo[todo.index(current) + 1:]
                break
            line = proc.stdout.readline()
            if not line:  # the worker died
                proc.wait()
                if current != "load":
                    out["queries"][current] = {"status": f"worker died ({proc.returncode})"}
                    todo = todo[todo.index(current) + 1:]
                else:
                    todo = []
                break
            msg = json.loads(line)
            if "load_s" in msg:
                out["load_s"] = (out["load_s"] or 0) + msg["load_s"]
            elif "peak_rss_mb" in msg:
                out["peak_rss_mb"] = max(out["peak_rss_mb"], msg["peak_rss_mb"])
                proc.wait()
                todo = []
                break
            else:
                out["queries"][msg["query"]] = msg
                out["peak_rss_mb"] = max(out["peak_rss_mb"], msg.get("rss_mb", 0.0))
                todo = [n for n in todo if n != msg["query"]]
            current = todo[0] if todo else "done"
            deadline = time.monotonic() + timeout + MAX_SECONDS_PER_QUERY + 60
    return out


def _pair_names() -> list[str]:
    from reviewgraph.queries.saved import saved_queries
    return sorted({q.name for q in saved_queries("cypher")} & {q.name for q in saved_queries("sparql")})


def measure(db: Path, repeat: int = 5, timeout: float = 120.0, engines: tuple[str, ...] = ENGINES
            ) -> dict[str, dict[str, Any]]:
    """Per engine: load seconds, peak RSS and per-query results over the store at ``db``."""
    from reviewgraph.queries.saved import saved_queries

    results = {}
    for engine in engines:
        language = "cypher" if engine == "cypher" else "sparql"
        names = [q.name for q in saved_queries(language)]
        results[engine] = _run_engine(engine, db, names, repeat, timeout)
    return results


def bench(db: Path, repeat: int = 5, timeout: float = 30.0, engines: tuple[str, ...] = ENGINES) -> list[dict]:
    """The ``benchmarks/run.py`` contract: one row per (saved query, engine), plus each engine's load.

    ``timeout`` bounds each rdflib query (``REVIEWGRAPH_BENCH_QUERY_TIMEOUT`` overrides it); an engine left
    out of ``engines`` gets one "not run" row."""
    timeout = float(os.environ.get("REVIEWGRAPH_BENCH_QUERY_TIMEOUT", timeout))
    results = measure(Path(db), repeat, timeout, engines)
    rows = [{"step": f"queries load [{ENGINE_LABEL[e]}]", "seconds": None, "status": "not run",
             "detail": "left out at this size"} for e in ENGINES if e not in engines]
    for engine, res in results.items():
        rows.append({"step": f"queries load [{ENGINE_LABEL[engine]}]", "seconds": res["load_s"] or 0.0,
                     "status": "ok" if res["load_s"] is not None else "error",
                     "detail": f"peak RSS {res['peak_rss_mb']:.0f} MB"})
        for name, q in sorted(res["queries"].items()):
            ratio = ""
            ref = results.get("rdflib", {}).get("queries", {}).get(name, {})
            if q.get("status") == "ok" and ref.get("status") == "ok" and engine != "rdflib" and q.get("median_s"):
                ratio = f"; {ref['median_s'] / q['median_s']:.0f}x faster than rdflib"
            rows.append({"step": f"query {name} [{ENGINE_LABEL[engine]}]", "seconds": q.get("median_s", 0.0),
                         "status": q["status"], "detail": f"{q.get('rows', '?')} rows{ratio}"})
    return rows


# -- corpora ------------------------------------------------------------------------------------------------
def prepare(size: str, work: Path) -> Path:
    """The store for ``size`` ("seeds" or a number of synthetic reviews), ingested once into ``work``."""
    from reviewgraph.graph.store import Store
    from reviewgraph.ingest.pipeline import ingest_into

    db = work / f"store-{size}"
    if (db / "graph.json").exists():
        return db
    if size == "seeds":
        from tests.seeds import SEEDS
        paths = sorted(SEEDS.glob("*.txt"))
        if len(paths) != 4:
            raise SystemExit(f"the four sample documents are not in {SEEDS}")
    else:
        from reviewgraph.synth.corpus import generate
        corpus = work / f"corpus-{size}"
        if not (corpus / "docs").is_dir():
            generate(int(size), corpus, seed=42)
        paths = [corpus / "docs"]
    t0 = time.perf_counter()
    ingest_into(Store(db), paths)
    print(f"[{size}] ingested into {db} in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    return db


def _fmt_ms(q: dict[str, Any] | None) -> str:
    if not q:
        return "-"
    if q.get("status") != "ok":
        return q.get("status", "?").split(":")[0]
    return f"{q['median_s'] * 1000:.1f}"


def table(label: str, db: Path, results: dict[str, dict[str, Any]]) -> str:
    from reviewgraph.graph.store import Store

    graph = Store(db).graph()
    counts = graph.counts()
    head = (f"### {label}: {counts.get('Review', 0)} reviews, {counts.get('Recommendation', 0)} recommendations, "
            f"{counts.get('Action', 0)} actions; {len(graph.nodes)} nodes, {len(graph.edges)} relationships\n")
    lines = [head, "| query | rows | LadybugDB ms | pyoxigraph disk ms | pyoxigraph memory ms | rdflib ms | "
                   "rdflib / pyoxigraph memory | same rows |", "|---|---:|---:|---:|---:|---:|---:|---|"]
    names = sorted(set().union(*(r["queries"] for r in results.values())))
    for name in names:
        qs = {e: results.get(e, {}).get("queries", {}).get(name) for e in ENGINES}
        ok = {e: q for e, q in qs.items() if q and q.get("status") == "ok"}
        rows = next((q["rows"] for q in ok.values()), "-")
        digests = {q["digest"] for q in ok.values()}
        same = ("yes" if len(digests) == 1 and len(ok) >= 2 else "NO" if len(digests) > 1 else "-")
        ref = "sparql-memory" if "sparql-memory" in ok else "sparql"
        ratio = (f"{ok['rdflib']['median_s'] / ok[ref]['median_s']:.1f}x"
                 if "rdflib" in ok and ref in ok and ok[ref]["median_s"] else "-")
        lines.append(f"| {name} | {rows} | {_fmt_ms(qs['cypher'])} | {_fmt_ms(qs['sparql'])} | "
                     f"{_fmt_ms(qs['sparql-memory'])} | {_fmt_ms(qs['rdflib'])} | {ratio} | {same} |")
    lines.append("")
    lines.append("| engine | open or build (s) | peak RSS (MB) |\n|---|---:|---:|")
    for e in ENGINES:
        if e in results:
            load = results[e]["load_s"]
            lines.append(f"| {ENGINE_LABEL[e]} | {'-' if load is None else f'{load:.1f}'} | "
                         f"{results[e]['peak_rss_mb']:.0f} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="seeds,1000", help="comma-separated: seeds and/or numbers of reviews")
    ap.add_argument("--db", type=Path, help="benchmark this store instead of --sizes")
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "reviewgraph-bench-queries")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--timeout", type=float, default=120.0, help="seconds allowed per query run")
    ap.add_argument("--engines", default=",".join(ENGINES))
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    ap.add_argument("--names", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        _worker(args.worker, args.db, args.names.split(","), args.repeat, args.timeout)
        return 0
    engines = tuple(e for e in args.engines.split(",") if e)
    targets = [("store", args.db)] if args.db else [
        (s, prepare(s, args.work)) for s in args.sizes.split(",") if s]
    for label, db in targets:
        results = measure(db, args.repeat, args.timeout, engines)
        print(table("the four sample documents" if label == "seeds" else
                    f"{label} synthetic reviews" if label.isdigit() else str(db), db, results), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
