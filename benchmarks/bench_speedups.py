"""Do the hand-written replacements of library behaviour earn their keep? (issue 17, item 4)

    python benchmarks/bench_speedups.py --work DIR [--n 1000] [--repeat 7] [--cases a,b] [--json FILE]

For every place where reviewgraph writes its own version of what a library does (json, networkx, pydantic,
scikit-learn, rapidfuzz, ElementTree, Python's collector), this times the step that uses it with the
hand-written path and with the library path on the same data, at ``--n`` generated reviews (generated into
``DIR/corpus`` and ingested into ``DIR/db`` once, then reused). Both paths are first checked to give the same
result; then they run interleaved (lib, ours, ours, lib, ...) ``--repeat`` times each and the median and the
spread (min-max) of wall and CPU time are kept: the machine may be shared, and CPU time of this
single-threaded code is the steadier figure. Where memory was the reason for the replacement, each path also
runs once in a child process whose peak resident set is reset after the setup (``/proc/self/clear_refs``),
so the figure is what that path itself adds.

The saving is set against the benchmark step a user waits for (``benchmarks/run.py``'s steps: ``ingest``,
``load_graph``, ``export cytoscape``, ``export gexf``), timed here too, so a replacement that halves a
sub-second part of a twenty-second ingest shows as the few per cent it is. A row whose hand-written path is
gone (returned to the library) is listed as such.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import io
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


class Gone(Exception):
    """The hand-written path is no longer in the code."""


@dataclass
class Ctx:
    work: Path
    n: int
    repeat: int

    @property
    def corpus(self) -> Path:
        return self.work / "corpus"

    @property
    def db(self) -> Path:
        return self.work / "db"


@dataclass
class Case:
    """One replacement: ``setup(ctx)`` returns the state both paths start from; ``lib(state)`` and
    ``ours(state)`` return comparable results (checked equal once before timing)."""

    module: str
    replaces: str
    step: str
    reason: str
    setup: Callable[[Ctx], Any]
    lib: Callable[[Any], Any]
    ours: Callable[[Any], Any]
    memory: bool = False
    note: str = ""
    repeat: int | None = None  # runs of each path, when fewer than --repeat will do (a whole build each)
    same: Callable[[Any, Any], bool] = field(default=lambda a, b: a == b)


# -- helpers ----------------------------------------------------------------------------------------------
def _graph(ctx: Ctx) -> Any:
    from reviewgraph.graph.store import Store

    return Store(ctx.db).graph()


@contextlib.contextmanager
def _patched(obj: Any, name: str, value: Any) -> Iterator[None]:
    old = getattr(obj, name)
    setattr(obj, name, value)
    try:
        yield
    finally:
        setattr(obj, name, old)


def _need(module: str, name: str) -> Any:
    import importlib

    mod = importlib.import_module(module)
    if not hasattr(mod, name):
        raise Gone(f"{module}.{name}")
    return getattr(mod, name)


# -- graph.json written: networkx's node_link_data and one json.dumps, against write_json ------------------
def _write_setup(ctx: Ctx) -> Any:
    return _graph(ctx)


def _networkx_node_link(g: Any) -> dict:
    import networkx as nx

    data = nx.node_link_data(g.to_networkx(), edges="links")
    for link in data["links"]:
        link.pop("key", None)
    return data


def _write_lib(g: Any) -> str:
    text = json.dumps(_networkx_node_link(g), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return _sink_hash(lambda write: write(text))


def _sink_hash(produce: Callable[[Callable[[str], Any]], None]) -> str:
    """Write what ``produce`` writes, UTF-8 encoded, into a temporary file and hash it (as the store does)."""
    import hashlib

    digest = hashlib.sha256()
    with tempfile.TemporaryFile() as fh:

        def write(text: str) -> None:
            data = text.encode("utf-8")
            digest.update(data)
            fh.write(data)

        produce(write)
    return digest.hexdigest()


def _write_ours(g: Any) -> str:
    return _sink_hash(g.write_json)


def _link_text_ours(g: Any) -> str:
    _need("reviewgraph.graph.graphdata", "_link_json")
    return _sink_hash(g.write_json)


def _link_text_lib(g: Any) -> str:
    from reviewgraph.graph import graphdata

    with _patched(graphdata, "_link_json", lambda e: None):  # every link through the json encoder
        return _sink_hash(g.write_json)


# -- graph.json read: the item-by-item reader against json.load ------------------------------------------
def _read_setup(ctx: Ctx) -> Path:
    _graph(ctx)  # makes sure graph.json is current
    return ctx.db / "graph.json"


def _read_lib(path: Path) -> Any:
    from reviewgraph.graph.graphdata import ReviewGraph

    with open(path, encoding="utf-8") as fh:
        data = json.load(fh)
    items = [("nodes", n) for n in data.pop("nodes")] + [("links", e) for e in data.pop("links")]
    g = ReviewGraph._from_items(iter(items), trusted=True)
    return (len(g.nodes), len(g.edges))


def _read_ours(path: Path) -> Any:
    from reviewgraph.graph.graphdata import ReviewGraph

    _need("reviewgraph.graph.graphdata", "_node_link_items")
    g = ReviewGraph.read_json(path, trusted=True)
    return (len(g.nodes), len(g.edges))


def _fields_lib(path: Path) -> Any:
    from reviewgraph.graph import graphdata

    _need("reviewgraph.graph.graphdata", "_all_fields")
    # pydantic's own way: a fields-set of its own per node
    with _patched(graphdata, "_all_fields", lambda node_type: set(node_type.model_fields)):
        g = graphdata.ReviewGraph.read_json(path, trusted=True)
    return (len(g.nodes), len(g.edges))


def _fields_ours(path: Path) -> Any:
    from reviewgraph.graph import graphdata

    _need("reviewgraph.graph.graphdata", "_all_fields")
    g = graphdata.ReviewGraph.read_json(path, trusted=True)
    return (len(g.nodes), len(g.edges))


# -- the build: edges without pydantic's validation; the collector paused ----------------------------------
def _docs_setup(ctx: Ctx) -> list:
    from reviewgraph.graph.store import Store

    return Store(ctx.db).parsed_documents()


def _built(docs: list) -> str:
    from reviewgraph.graph.build import build_graph

    g = build_graph(list(docs))
    text = _sink_hash(g.write_json)
    del g
    gc.collect()
    return text


def _edges_lib(docs: list) -> str:
    from reviewgraph.graph.model import Edge

    def validated(source, target, type_, doc, line_start, line_end, props):  # noqa: ANN001, ANN202
        return Edge(source=source, target=target, type=type_, doc=doc, line_start=line_start,
                    line_end=line_end, props=props)

    with _patched(Edge, "trusted", staticmethod(validated)):
        return _built(docs)


def _collector_lib(docs: list) -> str:
    from reviewgraph.graph import build

    _need("reviewgraph.graph.build", "collector_paused")
    with _patched(build, "collector_paused", contextlib.nullcontext):  # Python's collector as it comes
        return _built_writing_with_collector(docs)


def _collector_ours(docs: list) -> str:
    from reviewgraph.graph.collector import collector_paused

    with collector_paused():  # as Store._rebuild_locked: build and write with the collector paused
        return _built_writing_with_collector(docs)


def _built_writing_with_collector(docs: list) -> str:
    from reviewgraph.graph.build import build_graph

    g = build_graph(list(docs))
    text = _sink_hash(g.write_json)
    del g
    gc.collect()
    return text


# -- unknown organisations met before: the pass-join index against extractOne over every name -------------
def _names_setup(ctx: Ctx) -> tuple[float, list[str]]:
    """The unknown organisation names the build asks about, in order (recorded from a real build)."""
    from reviewgraph.graph import build

    FuzzyNames = _need("reviewgraph.graph.fuzzy_names", "FuzzyNames")  # noqa: N806
    asked: list[str] = []

    class Recording(FuzzyNames):  # type: ignore[misc, valid-type]
        def best(self, name: str) -> str | None:
            asked.append(name)
            return super().best(name)

    with _patched(build, "FuzzyNames", Recording):
        build.build_graph(_docs_setup(ctx))
    return build.UNKNOWN_SAME, asked


def _replay(asked: list[str], best: Callable[[str], str | None], add: Callable[[str], Any]) -> list:
    out = []
    for name in asked:
        hit = best(name)
        out.append(hit)
        if hit is None:
            add(name)
    return out


def _names_lib(state: tuple[float, list[str]]) -> list:
    from rapidfuzz import fuzz, process

    cutoff, asked = state
    met: dict[str, None] = {}

    def best(name: str) -> str | None:
        hit = process.extractOne(name, list(met), scorer=fuzz.ratio, score_cutoff=cutoff)
        return None if hit is None else hit[0]

    return _replay(asked, best, lambda name: met.setdefault(name, None))


def _names_ours(state: tuple[float, list[str]]) -> list:
    FuzzyNames = _need("reviewgraph.graph.fuzzy_names", "FuzzyNames")  # noqa: N806
    cutoff, asked = state
    index = FuzzyNames(cutoff)
    return _replay(asked, index.best, index.add)


# -- TF-IDF of the recommendations: scikit-learn against textvec -------------------------------------------
def _texts_setup(ctx: Ctx) -> list[str]:
    from reviewgraph.graph.model import Recommendation

    g = _graph(ctx)
    recs = sorted((n for n in g.nodes.values() if isinstance(n, Recommendation) and n.text.strip()),
                  key=lambda r: r.id)
    return [r.text for r in recs]


def _cosines(m: Any) -> Any:
    """The row-by-row cosines of the first 300 rows (what the build uses; column order differs)."""
    import numpy as np

    sub = m[:300]
    return np.round((sub @ sub.T).toarray(), 4)


def _tfidf_lib(texts: list[str]) -> Any:
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer

    from reviewgraph.graph.similarity import analyzer

    words = TfidfVectorizer(analyzer=analyzer, sublinear_tf=True, dtype=np.float32).fit_transform(texts)
    chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, lowercase=True,
                            dtype=np.float32).fit_transform(texts)
    return words.shape[0], _cosines(words), _cosines(chars)


def _tfidf_ours(texts: list[str]) -> Any:
    textvec = __import__("reviewgraph.graph.textvec", fromlist=["tfidf"])
    from reviewgraph.graph.similarity import analyzer

    tfidf = _need("reviewgraph.graph.textvec", "tfidf")
    if hasattr(textvec, "_word_ngrams"):
        textvec._word_ngrams.cache_clear()  # each run starts cold, as an ingest does
    words = tfidf(texts, analyzer)
    chars = tfidf(texts, textvec.char_wb_ngrams)
    return words.shape[0], _cosines(words), _cosines(chars)


def _same_cosines(a: Any, b: Any) -> bool:
    import numpy as np

    return a[0] == b[0] and np.allclose(a[1], b[1], atol=2e-4) and np.allclose(a[2], b[2], atol=2e-4)


def sklearn_import_seconds(repeat: int) -> list[tuple[float, float]]:
    """What importing scikit-learn's text module adds to a process that has numpy and scipy.sparse (the
    build imports both anyway): fresh interpreters, one import each."""
    code = ("import time, numpy, scipy.sparse; t, c = time.perf_counter(), time.process_time(); "
            "import sklearn.feature_extraction.text; print(time.perf_counter() - t, time.process_time() - c)")
    out = []
    for _ in range(repeat):
        proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        wall, cpu = proc.stdout.split()
        out.append((float(wall), float(cpu)))
    return out


# -- exports (another engineer's files: measured only) ----------------------------------------------------
def _flat(ctx: Ctx) -> Any:
    from reviewgraph.graph.exports import nxformats

    return nxformats.flat_networkx(_graph(ctx))


def _cyto_setup(ctx: Ctx) -> Any:
    import networkx as nx

    return nx.cytoscape_data(_flat(ctx), name="label", ident="id")


def _cyto_lib(data: Any) -> str:
    return _sink_hash(lambda w: w(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True)))


def _cyto_ours(data: Any) -> str:
    indented_json = __import__("reviewgraph.graph.exports.indented_json", fromlist=["dumps"])
    return _sink_hash(lambda w: w(indented_json.dumps(data, indent=1)))


def _gexf_setup(ctx: Ctx) -> Any:
    from networkx.readwrite.gexf import GEXFWriter

    writer = GEXFWriter(encoding="utf-8", prettyprint=True)
    writer.add_graph(_flat(ctx))
    writer.indent(writer.xml)
    return writer.xml


def _gexf_lib(root: Any) -> bytes:
    import hashlib
    from xml.etree.ElementTree import ElementTree

    buf = io.BytesIO()
    ElementTree(root).write(buf, encoding="utf-8", xml_declaration=True)  # what GEXFWriter.write does
    return hashlib.sha256(buf.getvalue()).digest()


def _gexf_ours(root: Any) -> bytes:
    import hashlib

    serialize = _need("reviewgraph.graph.exports.xmltext", "serialize")
    text = "<?xml version='1.0' encoding='utf-8'?>\n" + serialize(root)
    return hashlib.sha256(text.encode("utf-8", "xmlcharrefreplace")).digest()


CASES: dict[str, Case] = {
    "write": Case("graph/graphdata.py", "networkx node_link_data + one json.dumps (graph.json written)",
                  "ingest", "memory and time", _write_setup, _write_lib, _write_ours, memory=True,
                  note="write_json, _node_order, _links, _link_record, node_link"),
    "link_text": Case("graph/graphdata.py", "json encoder for each link (write_json's _link_json)", "ingest",
                      "time", _write_setup, _link_text_lib, _link_text_ours),
    "read": Case("graph/graphdata.py", "json.load of graph.json (read item by item)", "load_graph",
                 "memory", _read_setup, _read_lib, _read_ours, memory=True,
                 note="_text_chunks, _node_link_items, _OtherShape"),
    "fields_set": Case("graph/graphdata.py", "pydantic's fields-set per node (one per kind shared)",
                       "load_graph", "memory", _read_setup, _fields_lib, _fields_ours, memory=True,
                       note="_all_fields, _compact"),
    "edges": Case("graph/graphdata.py", "pydantic validation of each edge made by link()", "ingest", "time",
                  _docs_setup, _edges_lib, _built, note="ReviewGraph.link's fast path (Edge.trusted)", repeat=3),
    "collector": Case("graph/collector.py", "Python's cyclic collector left on (build + graph.json)",
                      "ingest", "time", _docs_setup, _collector_lib, _collector_ours, repeat=3),
    "names": Case("graph/fuzzy_names.py", "rapidfuzz extractOne over every unknown name met", "ingest",
                  "time (quadratic)", _names_setup, _names_lib, _names_ours),
    "tfidf": Case("graph/textvec.py", "scikit-learn TfidfVectorizer (word and char_wb)", "ingest",
                  "start-up (import) and memory", _texts_setup, _tfidf_lib, _tfidf_ours, memory=True,
                  same=_same_cosines, note="library time includes the import of scikit-learn (median added)"),
    "indented_json": Case("graph/exports/indented_json.py", "json.dumps(indent=1) of the Cytoscape document",
                          "export cytoscape", "time", _cyto_setup, _cyto_lib, _cyto_ours,
                          note="being rewritten as a stream by another engineer: measured, not edited"),
    "xmltext": Case("graph/exports/xmltext.py", "ElementTree.write of the GEXF tree", "export gexf", "time",
                    _gexf_setup, _gexf_lib, _gexf_ours,
                    note="being rewritten as a stream by another engineer: measured, not edited"),
}


# -- steps (the denominators) -----------------------------------------------------------------------------
def step_runs(ctx: Ctx, step: str, repeat: int) -> list[dict]:
    """Wall seconds, CPU seconds (with the worker processes') and peak memory of the benchmark step, each
    run in a fresh process (as ``benchmarks/run.py`` runs it)."""
    out = []
    for _ in range(repeat):
        proc = subprocess.run([sys.executable, __file__, "--work", str(ctx.work), "--n", str(ctx.n),
                               "--step-child", step], capture_output=True, text=True)
        if proc.returncode:
            raise RuntimeError(f"step {step}: {proc.stderr.strip().splitlines()[-1:]}")
        out.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    return out


def _step_child(ctx: Ctx, step: str) -> dict:
    from reviewgraph.graph.store import Store

    with tempfile.TemporaryDirectory(dir=ctx.work) as tmp:
        if step == "ingest":
            from reviewgraph.ingest.pipeline import ingest_into

            def run() -> None:
                ingest_into(Store(Path(tmp) / "db"), [ctx.corpus / "docs"])
        elif step == "load_graph":
            def run() -> None:
                Store(ctx.db).graph()
        elif step in ("export cytoscape", "export gexf"):
            from reviewgraph.graph.exports import exporters

            graph = Store(ctx.db).graph()
            fmt = step.split()[1]

            def run() -> None:
                exporters()[fmt](graph, Path(tmp) / f"graph.{fmt}")
        else:
            raise ValueError(f"unknown step {step!r}")
        w0, c0 = time.perf_counter(), time.process_time()
        run()
        seconds, cpu = time.perf_counter() - w0, time.process_time() - c0
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"seconds": seconds, "cpu": cpu + kids.ru_utime + kids.ru_stime,  # with the parsing workers'
            "peak_rss_mb": own.ru_maxrss / 1024}


# -- measuring --------------------------------------------------------------------------------------------
def _timed(fn: Callable[[Any], Any], state: Any) -> tuple[float, float, Any]:
    gc.collect()
    w0, c0 = time.perf_counter(), time.process_time()
    result = fn(state)
    return time.perf_counter() - w0, time.process_time() - c0, result


def _status_kb(name: str) -> int:
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith(name + ":"):
                return int(line.split()[1])
    raise RuntimeError(f"/proc/self/status has no {name}")


def _memory_child(ctx: Ctx, name: str, which: str) -> dict:
    """Run one path once in this (fresh) process: MB it rose above the state it started from, and the
    process's peak."""
    case = CASES[name]
    state = case.setup(ctx)
    gc.collect()
    base = _status_kb("VmRSS")
    with open("/proc/self/clear_refs", "w", encoding="ascii") as fh:
        fh.write("5")  # the peak (VmHWM) back to the current resident set
    getattr(case, which)(state)
    return {"rise_mb": (_status_kb("VmHWM") - base) / 1024, "base_mb": base / 1024}


def memory(ctx: Ctx, name: str, which: str) -> dict:
    proc = subprocess.run([sys.executable, __file__, "--work", str(ctx.work), "--n", str(ctx.n),
                           "--memory-child", f"{name}:{which}"], capture_output=True, text=True)
    if proc.returncode:
        return {"error": proc.stderr.strip().splitlines()[-1:]}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def measure(ctx: Ctx, name: str) -> dict:
    case = CASES[name]
    row: dict[str, Any] = {"case": name, "module": case.module, "replaces": case.replaces, "step": case.step,
                           "reason": case.reason, "note": case.note}
    try:
        state = case.setup(ctx)
        _, _, ours = _timed(case.ours, state)
    except Gone as exc:
        row["status"] = f"returned to the library ({exc} is gone)"
        return row
    _, _, lib = _timed(case.lib, state)
    if not case.same(lib, ours):
        row["status"] = "DIFFERENT RESULTS"
        return row
    times: dict[str, list[tuple[float, float]]] = {"lib": [], "ours": []}
    for r in range(min(ctx.repeat, case.repeat or ctx.repeat)):
        for which in (("lib", "ours") if r % 2 == 0 else ("ours", "lib")):
            wall, cpu, _ = _timed(getattr(case, which), state)
            times[which].append((wall, cpu))
    del state
    gc.collect()
    for which, runs in times.items():
        walls, cpus = [w for w, _ in runs], [c for _, c in runs]
        row[which] = {"wall": statistics.median(walls), "wall_min": min(walls), "wall_max": max(walls),
                      "cpu": statistics.median(cpus), "cpu_min": min(cpus), "cpu_max": max(cpus)}
    if name == "tfidf":  # the library path also pays scikit-learn's import, once per process
        imports = sklearn_import_seconds(max(3, ctx.repeat))
        walls, cpus = [w for w, _ in imports], [c for _, c in imports]
        row["sklearn_import"] = {"wall": statistics.median(walls), "wall_min": min(walls),
                                 "wall_max": max(walls), "cpu": statistics.median(cpus)}
        for key in ("wall", "wall_min", "wall_max"):
            row["lib"][key] += row["sklearn_import"]["wall"]
        for key in ("cpu", "cpu_min", "cpu_max"):
            row["lib"][key] += row["sklearn_import"]["cpu"]
    if case.memory:
        row["memory"] = {which: memory(ctx, name, which) for which in ("lib", "ours")}
    row["status"] = "ok"
    return row


def ensure_store(ctx: Ctx) -> None:
    """Generate the corpus and ingest it once (kept in ``ctx.work`` for later runs)."""
    from reviewgraph.graph.store import Store

    if not (ctx.corpus / "docs").is_dir():
        from reviewgraph.synth.corpus import generate

        generate(ctx.n, ctx.corpus, 0)
    if not (ctx.db / "graph.json").is_file():
        from reviewgraph.ingest.pipeline import ingest_into

        ingest_into(Store(ctx.db), [ctx.corpus / "docs"])


# -- the table --------------------------------------------------------------------------------------------
def _s(x: float) -> str:
    return f"{x * 1000:.0f} ms" if x < 1 else f"{x:.2f} s"


def saving(row: dict, step: dict) -> dict:
    """The saving of ``row`` as a share of its step: wall, CPU (the steadier figure on a shared machine) and,
    where memory was measured, peak memory."""
    lib, ours = row["lib"], row["ours"]
    out = {"wall_s": lib["wall"] - ours["wall"], "cpu_s": lib["cpu"] - ours["cpu"]}
    if step:
        out["wall_pct"] = 100 * out["wall_s"] / step["median"]
        out["cpu_pct"] = 100 * out["cpu_s"] / step["cpu"]
    mem = row.get("memory", {})
    if step and all("rise_mb" in mem.get(w, {}) for w in ("lib", "ours")):
        out["mem_mb"] = mem["lib"]["rise_mb"] - mem["ours"]["rise_mb"]
        out["mem_pct"] = 100 * out["mem_mb"] / step["peak_rss_mb"]
    out["keep"] = any(out.get(k, 0) > 10 for k in ("cpu_pct", "wall_pct", "mem_pct"))
    return out


def table(rows: list[dict], steps: dict[str, dict]) -> str:
    out = ["| module | what it replaces | step: wall, CPU, peak | library: wall (min-max), CPU | "
           "ours: wall (min-max), CPU | saving, % of step: wall, CPU | memory above the start: library, ours "
           "(% of step peak) | over 10%? |",
           "|---|---|---|---|---|---|---|---|"]
    for row in rows:
        step = steps.get(row["step"], {})
        step_txt = (f"{row['step']}: {_s(step['median'])}, {_s(step['cpu'])}, {step['peak_rss_mb']:.0f} MB"
                    if step else row["step"])
        if row.get("status") != "ok":
            out.append(f"| {row['module']} | {row['replaces']} | {step_txt} | | | | | {row.get('status')} |")
            continue
        lib, ours, got = row["lib"], row["ours"], saving(row, step)
        pct = f"{got['wall_pct']:.1f}%, {got['cpu_pct']:.1f}%" if step else "?"
        mem = ""
        if "memory" in row:
            m = row["memory"]
            mem = ", ".join(f"+{m[w]['rise_mb']:.0f} MB" if "rise_mb" in m[w] else "error" for w in ("lib", "ours"))
            if "mem_pct" in got:
                mem += f" ({got['mem_pct']:.1f}%)"
        out.append(f"| {row['module']} | {row['replaces']} | {step_txt} | {_s(lib['wall'])} "
                   f"({_s(lib['wall_min'])}-{_s(lib['wall_max'])}), {_s(lib['cpu'])} | {_s(ours['wall'])} "
                   f"({_s(ours['wall_min'])}-{_s(ours['wall_max'])}), {_s(ours['cpu'])} | {pct} | {mem} "
                   f"| {'yes' if got['keep'] else 'no'} |")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--work", type=Path, required=True, help="folder for the corpus and the store (reused)")
    ap.add_argument("--n", type=int, default=1000, help="reviews to generate (default 1000)")
    ap.add_argument("--repeat", type=int, default=7, help="runs of each path (default 7)")
    ap.add_argument("--step-repeat", type=int, default=3, help="runs of each step (default 3)")
    ap.add_argument("--cases", default=",".join(CASES), help="comma-separated cases (default: all)")
    ap.add_argument("--json", type=Path, help="also write the rows here")
    ap.add_argument("--memory-child", help=argparse.SUPPRESS)
    ap.add_argument("--step-child", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    ctx = Ctx(work=args.work.resolve(), n=args.n, repeat=args.repeat)
    if args.memory_child:
        name, which = args.memory_child.split(":")
        print(json.dumps(_memory_child(ctx, name, which)))
        return 0
    if args.step_child:
        print(json.dumps(_step_child(ctx, args.step_child)))
        return 0
    ctx.work.mkdir(parents=True, exist_ok=True)
    ensure_store(ctx)
    names = [c for c in args.cases.split(",") if c]
    unknown = [c for c in names if c not in CASES]
    if unknown:
        ap.error(f"unknown cases {unknown}; known: {', '.join(CASES)}")
    rows = []
    for name in names:
        print(f"measuring {name} ...", file=sys.stderr, flush=True)
        rows.append(measure(ctx, name))
        print(json.dumps(rows[-1], default=str), file=sys.stderr, flush=True)  # kept if the run is stopped
    steps: dict[str, dict] = {}
    for step in sorted({CASES[n].step for n in names}):
        print(f"timing step {step} ...", file=sys.stderr, flush=True)
        runs = step_runs(ctx, step, 1 if step == "ingest" else args.step_repeat)
        walls = [r["seconds"] for r in runs]
        steps[step] = {"median": statistics.median(walls), "min": min(walls), "max": max(walls),
                       "cpu": statistics.median(r["cpu"] for r in runs),
                       "peak_rss_mb": statistics.median(r["peak_rss_mb"] for r in runs), "runs": runs}
    if args.json:
        args.json.write_text(json.dumps({"n": ctx.n, "repeat": ctx.repeat, "rows": rows, "steps": steps,
                                         "load": os.getloadavg()}, indent=1, default=str), encoding="utf-8")
    print(table(rows, steps))
    return 0


if __name__ == "__main__":
    sys.exit(main())
