"""The benchmark steps: each a function of a :class:`Ctx` that does one job once and returns details.

A step whose code has not landed raises :class:`NotAvailable` (reported as "not available", never faked).
``run.py`` runs each step in its own process (``step.py``) so that its peak memory is its own.
"""

from __future__ import annotations

import importlib
import importlib.util
import shutil
import statistics
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["Ctx", "NotAvailable", "STEPS", "step_names"]


#: above this many reviews the saved queries are not run on rdflib's engine (the embedded engines still are)
RDFLIB_MAX_REVIEWS = 1000


class NotAvailable(Exception):
    """The code this step measures is not in the tree (yet)."""


@dataclass
class Ctx:
    n: int
    work: Path          # per-size folder: corpus/, db/, derived/, exports/
    seed: int = 0
    repeat: int = 5     # runs per saved query (median reported)

    @property
    def corpus(self) -> Path:
        return self.work / "corpus"

    @property
    def db(self) -> Path:
        return self.work / "db"


def _need(module: str, attr: str | None = None) -> Any:
    try:
        mod = importlib.import_module(module)
    except ImportError as exc:
        raise NotAvailable(f"{module} not importable ({exc})") from None
    if attr is None:
        return mod
    if not hasattr(mod, attr):
        raise NotAvailable(f"{module}.{attr} missing")
    return getattr(mod, attr)


def _graph(ctx: Ctx) -> Any:
    Store = _need("reviewgraph.graph.store", "Store")
    if not (ctx.db / "graph.json").exists():
        raise NotAvailable("no ingested store (the ingest step did not run)")
    return Store(ctx.db).graph()


# -- steps ---------------------------------------------------------------------------------------------
def synth(ctx: Ctx) -> dict[str, Any]:
    generate = _need("reviewgraph.synth.corpus", "generate")
    shutil.rmtree(ctx.corpus, ignore_errors=True)
    s = generate(ctx.n, ctx.corpus, ctx.seed)
    return {"documents": s.documents, "mb": round(s.bytes / 1e6, 2), "recommendations": s.recommendations,
            "actions": s.actions}


def _ingest(ctx: Ctx, store: Any = None, **options: Any) -> dict[str, Any]:
    ingest_into = _need("reviewgraph.ingest.pipeline", "ingest_into")
    Store = _need("reviewgraph.graph.store", "Store")
    results = ingest_into(Store(ctx.db) if store is None else store, [ctx.corpus / "docs"], **options)
    states = Counter(r.state.name for r in results)  # KNOWN: already in the store, only hashed
    return {"documents": len(results), "parsed": states["PARSED"] + states["STORED"], "known": states["KNOWN"],
            "new": states["STORED"], "errors": sum(1 for r in results if not r.ok)}


def _counted(out: dict[str, Any], store: Any) -> dict[str, Any]:
    """``out`` with the nodes and edges of the graph the ingest built (held by the store: not read back)."""
    counts = store.graph().counts()
    out.update(nodes=sum(v for k, v in counts.items() if k[:1].isupper() and not k.isupper()),
               edges=sum(v for k, v in counts.items() if k.isupper()))
    return out


def ingest(ctx: Ctx) -> dict[str, Any]:
    _need("reviewgraph.ingest.pipeline", "ingest_into")
    Store = _need("reviewgraph.graph.store", "Store")
    shutil.rmtree(ctx.db, ignore_errors=True)
    store = Store(ctx.db)
    # the counts come from the graph the store built (until 2026-12-05 this step read graph.json back for
    # them: 28 s of the 10,000-review row)
    return _counted(_ingest(ctx, store), store)


def ingest_stores(ctx: Ctx) -> dict[str, Any]:
    """From text into both embedded stores in one process, as issue 18 counts it: ``ingest_into`` with
    ``stores=("oxigraph", "ladybug")`` (the pyoxigraph store built in a child forked once the graph is built,
    while this process writes graph.json and builds the LadybugDB store), in ``<db>/derived/``. Its own peak
    is this process's; ``child_peak_mb`` is the largest child's (a parse worker, or the pyoxigraph build's)."""
    import resource

    _need("reviewgraph.graph.sinks.derived", "EarlyBuilds")
    Store = _need("reviewgraph.graph.store", "Store")
    shutil.rmtree(ctx.db, ignore_errors=True)
    store = Store(ctx.db)
    out = _counted(_ingest(ctx, store, stores=("oxigraph", "ladybug")), store)
    dirs = [p for p in (ctx.db / "derived").glob("*/*") if p.is_dir()]
    out.update(stores=len(dirs), mb_on_disk=round(sum(f.stat().st_size for d in dirs for f in d.rglob("*")
                                                      if f.is_file()) / 1e6, 1),
               child_peak_mb=round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024))
    return out


def reingest(ctx: Ctx) -> dict[str, Any]:
    if not (ctx.db / "graph.json").exists():
        raise NotAvailable("no ingested store (the ingest step did not run)")
    return _ingest(ctx)


def load_graph(ctx: Ctx) -> dict[str, Any]:
    g = _graph(ctx)
    return {"nodes": len(g.nodes), "edges": len(g.edges)}


def networkx(ctx: Ctx) -> dict[str, Any]:
    g = _graph(ctx)
    t0 = time.perf_counter()
    nxg = g.to_networkx()
    return {"nodes": nxg.number_of_nodes(), "edges": nxg.number_of_edges(),
            "_seconds": time.perf_counter() - t0}


def _build(ctx: Ctx, module: str, name: str) -> dict[str, Any]:
    build_dir = _need(module, "build_dir")
    g = _graph(ctx)
    target = ctx.work / "derived" / name
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    build_dir(g, target)
    size = sum(p.stat().st_size for p in target.rglob("*") if p.is_file()) if target.exists() else 0
    return {"mb_on_disk": round(size / 1e6, 1), "_seconds": time.perf_counter() - t0}


def oxigraph(ctx: Ctx) -> dict[str, Any]:
    return _build(ctx, "reviewgraph.graph.sinks.oxigraph_store", "oxigraph")


def ladybug(ctx: Ctx) -> dict[str, Any]:
    return _build(ctx, "reviewgraph.graph.sinks.ladybug_store", "ladybug")


def _bench_module(name: str) -> Any:
    path = Path(__file__).parent / f"{name}.py"
    if not path.exists():
        raise NotAvailable(f"benchmarks/{name}.py not in the tree")
    spec = importlib.util.spec_from_file_location(f"_bench_{name}", path)
    mod = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(mod)  # type: ignore[union-attr]
    return mod


def queries(ctx: Ctx) -> dict[str, Any]:
    """Every saved query on every embedded engine (and rdflib), via the stores' ``bench_queries.py``."""
    mod = _bench_module("bench_queries")
    fn = getattr(mod, "bench", None) or getattr(mod, "run", None)
    if fn is None:
        raise NotAvailable("benchmarks/bench_queries.py has no bench()/run() function")
    if ctx.n > RDFLIB_MAX_REVIEWS:  # rdflib's load alone took 38 s at 1,000 reviews and most queries time out
        engines = tuple(e for e in getattr(mod, "ENGINES", ()) if e != "rdflib")
        return {"_rows": fn(ctx.db, repeat=ctx.repeat, engines=engines)}
    return {"_rows": fn(ctx.db, repeat=ctx.repeat)}


def themes(ctx: Ctx) -> dict[str, Any]:
    """Theme tagging and gap analysis, via the themes' ``bench_themes.py``."""
    mod = _bench_module("bench_themes")
    fn = getattr(mod, "bench", None) or getattr(mod, "run", None)
    if fn is None:
        raise NotAvailable("benchmarks/bench_themes.py has no bench()/run() function")
    rows = fn(ctx.db, repeat=1)
    return {"_rows": rows}


def explorer(ctx: Ctx) -> dict[str, Any]:
    """The explorer's graph preparation for its largest allowed view (all kinds, the node cap)."""
    build_network = _need("reviewgraph.graph.network", "build_network")
    max_nodes = getattr(_need("reviewgraph.graph.network"), "MAX_NODES", 500)
    g = _graph(ctx)
    t0 = time.perf_counter()
    view = build_network(g, max_nodes=max_nodes)
    nodes = getattr(view, "nodes", [])
    return {"max_nodes": max_nodes, "view_nodes": len(nodes), "_seconds": time.perf_counter() - t0}


def exports(ctx: Ctx) -> dict[str, Any]:
    """Each export format in ``reviewgraph.graph.exports`` on the whole graph."""
    exporters = _need("reviewgraph.graph.exports", "exporters")
    g = _graph(ctx)
    rows = []
    out = ctx.work / "exports"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    for fmt, fn in sorted(exporters().items()):
        target = out / f"graph.{fmt}"
        t0 = time.perf_counter()
        try:
            fn(g, target)
            status = "ok"
        except Exception as exc:  # one format failing must not hide the others
            status = f"error: {type(exc).__name__}: {exc}"[:200]
        dt = time.perf_counter() - t0
        size = sum(p.stat().st_size for p in ([target] if target.is_file() else target.rglob("*"))
                   if p.is_file()) if target.exists() else 0
        rows.append({"step": f"export {fmt}", "seconds": dt, "status": status,
                     "detail": f"{size / 1e6:.1f} MB"})
    return {"_rows": rows}


def push_sparql(ctx: Ctx) -> dict[str, Any]:
    """``reviewgraph push sparql`` into a local Oxigraph server (the first step past one machine)."""
    sp = _need("reviewgraph.graph.sinks.sparql_endpoint")
    for name in ("start_server", "push"):
        if not hasattr(sp, name):
            raise NotAvailable(f"reviewgraph.graph.sinks.sparql_endpoint.{name} missing")
    try:
        sp.oxigraph_binary()
    except Exception as exc:  # the server binary is an optional install
        raise NotAvailable(f"no oxigraph server binary ({exc})") from None
    g = _graph(ctx)
    target = ctx.work / "derived" / "oxigraph-server"
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    proc, url = sp.start_server(target)
    try:
        t0 = time.perf_counter()
        sent = sp.push(url, g)
        dt = time.perf_counter() - t0
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    return {"triples": sent, "_seconds": dt}


STEPS: dict[str, Callable[[Ctx], dict[str, Any]]] = {
    "synth": synth, "ingest": ingest, "ingest_stores": ingest_stores, "reingest": reingest, "load_graph": load_graph, "networkx": networkx,
    "oxigraph": oxigraph, "ladybug": ladybug, "queries": queries, "themes": themes, "explorer": explorer,
    "exports": exports, "push_sparql": push_sparql,
}


def step_names() -> list[str]:
    return list(STEPS)


def median_ms(fn: Callable[[], Any], repeat: int) -> float:
    """Median wall time of ``fn`` in milliseconds over ``repeat`` runs (for the helpers' bench modules)."""
    times = []
    for _ in range(max(1, repeat)):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)
