"""Benchmark of the repeat-recommendation search: exact against approximate, time against N, and recall.

    python benchmarks/bench_repeats.py --sizes 1000,3000,10000 --work /root/repeats
    python benchmarks/bench_repeats.py --sizes 3000 --methods exact,approx --repeat 3

For each size N the corpus is generated once (``reviewgraph synth -n N`` into ``WORK/corpus-N``), parsed and
built once (the ingest's own parser and graph build, with the repeat search left out), and the
recommendations' texts, reviews and themes are cached in ``WORK/recs-N.json``: exactly what
:func:`reviewgraph.graph.similarity.link_similar` hands to the search. The timings are then of the search
alone: fitting the scorer (word and character TF-IDF, the same for both paths) and finding the pairs, once
with the exact candidate search and once with the approximate one (:func:`similar_pairs` with ``exact=True``
or ``exact=False``), each the median of ``--repeat`` runs, wall and CPU time (CPU counts every thread).

Where both paths ran, the recall is the share of the exact path's pairs (each recommendation's top 10 at or
above the threshold, the SIMILAR_TO edges) that the approximate path also finds, and "recommendations whole"
the share of recommendations whose every exact pair is found. The table ends with the slope of log(time)
against log(N) between consecutive sizes (1 = linear; N log N is a little above 1; 2 = quadratic).
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

VENV_BIN = Path(sys.executable).parent


# -- the inputs, made once per size ----------------------------------------------------------------------------
def corpus(work: Path, n: int, seed: int = 0) -> Path:
    """``WORK/corpus-N``: N synthetic reviews (generated when missing)."""
    out = work / f"corpus-{n}"
    if not (out / "truth.jsonl").exists():
        cli = VENV_BIN / "reviewgraph"
        subprocess.run([str(cli), "synth", "-n", str(n), "-o", str(out), "--seed", str(seed)], check=True)
    return out


def parse_inputs(docs: Path) -> dict[str, Any]:
    """Parse and build the corpus as the ingest does, and keep what the repeat search is given."""
    import reviewgraph.graph.similarity as similarity
    from reviewgraph.graph.build import build_graph
    from reviewgraph.ingest.pipeline import ingest_paths

    results = ingest_paths([docs])
    parsed = {r.doc.sha256: r.doc for r in results if r.doc is not None}
    bad = [str(r.path) for r in results if r.doc is None]
    if bad:
        raise SystemExit(f"{len(bad)} file(s) of {docs} could not be read, the first {bad[0]}")
    seen: dict[str, Any] = {}

    def capture(graph: Any) -> None:
        recs, themes = similarity.recommendation_inputs(graph)
        seen["texts"] = [r.text for r in recs]
        seen["groups"] = [r.review for r in recs]
        seen["themes"] = [sorted(t) for t in themes] if themes is not None else None

    real = similarity.link_similar
    similarity.link_similar = capture  # build_graph calls it through the module
    try:
        build_graph(list(parsed.values()))
    finally:
        similarity.link_similar = real
    return seen


def inputs(work: Path, n: int) -> dict[str, Any]:
    cache = work / f"recs-{n}.json"
    if not cache.exists():
        started = time.perf_counter()
        data = parse_inputs(corpus(work, n) / "docs")
        cache.write_text(json.dumps(data), encoding="utf-8")
        print(f"N={n}: parsed and cached {len(data['texts']):,} recommendations in "
              f"{time.perf_counter() - started:.0f} s -> {cache}", file=sys.stderr)
    return json.loads(cache.read_text(encoding="utf-8"))


# -- timing and recall -------------------------------------------------------------------------------------------
def timed(fn: Callable[[], Any], repeat: int) -> tuple[Any, float, float]:
    """The result of ``fn`` and the median wall and CPU seconds of ``repeat`` runs."""
    walls, cpus, out = [], [], None
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        out = fn()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return out, statistics.median(walls), statistics.median(cpus)


def recall(exact: list[tuple[int, int, float]], approx: list[tuple[int, int, float]]) -> tuple[float, float]:
    """Share of the exact pairs found, and share of items whose every exact pair is found."""
    want = {(a, b) for a, b, _ in exact}
    got = {(a, b) for a, b, _ in approx}
    items: dict[int, bool] = {}
    for a, b in want:
        hit = (a, b) in got
        items[a] = items.get(a, True) and hit
        items[b] = items.get(b, True) and hit
    return len(want & got) / max(len(want), 1), sum(items.values()) / max(len(items), 1)


def run(work: Path, sizes: list[int], methods: list[str], repeat: int) -> list[dict[str, Any]]:
    from reviewgraph.graph.similarity import Scorer, similar_pairs

    rows = []
    for n in sizes:
        data = inputs(work, n)
        themes = [set(t) for t in data["themes"]] if data["themes"] is not None else None
        scorer, fit_wall, fit_cpu = timed(lambda: Scorer.fit(data["texts"], themes), 1)  # noqa: B023
        row: dict[str, Any] = {"reviews": n, "recommendations": len(data["texts"]), "fit": (fit_wall, fit_cpu)}
        found = {}
        for method in methods:
            pairs, wall, cpu = timed(lambda: similar_pairs(scorer, data["groups"],  # noqa: B023
                                                           exact=method == "exact"), repeat)  # noqa: B023
            found[method] = pairs
            row[method] = (wall, cpu)
            row[f"{method} pairs"] = len(pairs)
        if "exact" in found and "approx" in found:
            row["recall"], row["whole"] = recall(found["exact"], found["approx"])
        rows.append(row)
        print(json.dumps(row), file=sys.stderr, flush=True)
    return rows


def table(rows: list[dict[str, Any]], methods: list[str]) -> str:
    head = ["reviews", "recommendations", "fit (wall / CPU s)"] + [f"{m} (wall / CPU s)" for m in methods]
    head += [f"{m} pairs" for m in methods] + ["recall of exact pairs", "recommendations whole"]
    out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in rows:
        cells = [f"{r['reviews']:,}", f"{r['recommendations']:,}", "{:.1f} / {:.1f}".format(*r["fit"])]
        cells += ["{:.1f} / {:.1f}".format(*r[m]) if m in r else "" for m in methods]
        cells += [f"{r[m + ' pairs']:,}" if m + " pairs" in r else "" for m in methods]
        cells += [f"{r['recall']:.4f}" if "recall" in r else "", f"{r['whole']:.4f}" if "whole" in r else ""]
        out.append("| " + " | ".join(cells) + " |")
    for m in methods:
        have = [r for r in rows if m in r]
        for a, b in zip(have, have[1:], strict=False):
            slope = math.log(b[m][1] / a[m][1]) / math.log(b["recommendations"] / a["recommendations"])
            out.append(f"\n{m}: slope of log(CPU time) against log(recommendations), {a['reviews']:,} to "
                       f"{b['reviews']:,} reviews: {slope:.2f}")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,3000,10000")
    ap.add_argument("--work", type=Path, default=Path("/tmp/bench_repeats"))
    ap.add_argument("--methods", default="exact,approx")
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    methods = [m for m in args.methods.split(",") if m]
    bad = sorted(set(methods) - {"exact", "approx"})
    if bad:
        raise SystemExit(f"--methods: unknown {', '.join(bad)} (exact, approx)")
    rows = run(args.work, [int(s) for s in args.sizes.split(",")], methods, args.repeat)
    print(table(rows, methods))


if __name__ == "__main__":
    main()
