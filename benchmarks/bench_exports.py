"""Time and peak memory of each export format, each in a fresh process.

    python benchmarks/bench_exports.py --db STORE [--formats gexf,graphml] [--out DIR] [--json FILE]

For each format a child process loads the store's graph, notes its resident set (the graph itself), resets
the kernel's peak-RSS mark (``/proc/self/clear_refs``), runs the export and reads the peak back, so three
figures come out: the process's peak (what ``/usr/bin/time -v`` reports, loading included), the resident set
with the graph loaded, and how far the export rose above it (the export's own memory: what a streaming
writer keeps independent of the graph's size); and the export's wall and CPU seconds (CPU time is the steadier
figure on a shared machine). Prints a markdown table and, with ``--json``, the rows.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _status_kb(field: str) -> int:
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise RuntimeError(f"/proc/self/status has no {field}")


def _one(db: Path, fmt: str, out: Path) -> dict:
    """Export ``fmt`` in this process; the row of figures."""
    from reviewgraph.graph.exports import exporters
    from reviewgraph.graph.store import Store

    graph = Store(db).graph()
    fn = exporters()[fmt]
    loaded_kb = _status_kb("VmRSS")
    reset = True
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as fh:
            fh.write("5")  # resets VmHWM (peak RSS) to the current RSS (Linux >= 4.0)
    except OSError:
        reset = False
    target = out / f"graph.{fmt}"
    cpu0 = resource.getrusage(resource.RUSAGE_SELF)
    t0 = time.perf_counter()
    fn(graph, target)
    seconds = time.perf_counter() - t0
    cpu1 = resource.getrusage(resource.RUSAGE_SELF)
    cpu = (cpu1.ru_utime - cpu0.ru_utime) + (cpu1.ru_stime - cpu0.ru_stime)
    hwm_kb = _status_kb("VmHWM")
    size = sum(p.stat().st_size for p in ([target] if target.is_file() else target.rglob("*")) if p.is_file())
    return {"format": fmt, "seconds": round(seconds, 2), "cpu_seconds": round(cpu, 2), "mb": round(size / 1e6, 1),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            "graph_rss_mb": round(loaded_kb / 1024),
            "export_rise_mb": round((hwm_kb - loaded_kb) / 1024) if reset else None,
            "nodes": len(graph.nodes), "edges": len(graph.edges)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", type=Path, required=True, help="an ingested store")
    ap.add_argument("--formats", default="gexf,graphml,cytoscape,ttl,jsonld,nt,json",
                    help="comma-separated export formats (default: the network and RDF formats)")
    ap.add_argument("--out", type=Path, default=Path("benchmarks/out/exports"))
    ap.add_argument("--json", type=Path, help="also write the rows here")
    ap.add_argument("--one", help=argparse.SUPPRESS)  # the child: one format
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    if args.one:
        print(json.dumps(_one(args.db, args.one, args.out)))
        return 0
    rows = []
    for fmt in args.formats.split(","):
        proc = subprocess.run([sys.executable, __file__, "--db", str(args.db), "--out", str(args.out),
                               "--one", fmt], capture_output=True, text=True, env={**os.environ})
        if proc.returncode:
            rows.append({"format": fmt, "error": proc.stderr.strip().splitlines()[-1:]})
        else:
            rows.append(json.loads(proc.stdout.strip().splitlines()[-1]))
        print(json.dumps(rows[-1]), file=sys.stderr)
    print("| format | seconds (CPU) | file MB | peak RSS MB | graph loaded MB | export's rise MB |")
    print("|---|---|---|---|---|---|")
    for r in rows:
        if "error" in r:
            print(f"| {r['format']} | error: {r['error']} | | | | |")
        else:
            print(f"| {r['format']} | {r['seconds']:.2f} ({r['cpu_seconds']:.2f}) | {r['mb']} | {r['peak_rss_mb']} | {r['graph_rss_mb']} "
                  f"| {r['export_rise_mb']} |")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
