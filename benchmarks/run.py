"""Benchmark reviewgraph at growing corpus sizes; print a table, write CSV, markdown and a growth plot.

    python benchmarks/run.py --sizes 10,100,1000,10000

For each size N it generates N synthetic reviews (``reviewgraph synth``), then runs each step in a fresh
process (``step.py``) and records wall time and peak resident memory: ingest from text, re-ingest of the
unchanged corpus, loading the graph, each embedded store build (networkx, pyoxigraph, LadybugDB), every
saved query on every engine, themes and gaps, the explorer's preparation, every export. It also times the
four real sample documents (``../shared/seeds``) through the ``reviewgraph ingest`` command, process start
included. Steps whose code is not in the tree are reported as "not available".

Writes ``benchmarks/out/results.csv``, ``benchmarks/out/results.md`` and ``docs/img/scaling.png``.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(HERE)]

from bench_report import write_outputs  # noqa: E402
from bench_steps import step_names  # noqa: E402

FIELDS = ["n", "group", "step", "status", "seconds", "wall_seconds", "peak_rss_mb", "detail"]


def _find_seeds() -> Path:
    from tests.seeds import SEEDS  # where the tests find them: REVIEWGRAPH_SHARED or ../shared

    return SEEDS


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    return env


def run_step(step: str, n: int, work: Path, args: argparse.Namespace) -> list[dict[str, Any]]:
    cmd = [sys.executable, str(HERE / "step.py"), step, "--n", str(n), "--work", str(work), "--seed",
           str(args.seed), "--repeat", str(args.repeat)]
    if args.profile and step in args.profile:
        cmd += ["--profile", str(args.out / f"profile-{step}-{n}.pstats")]
    t0 = time.perf_counter()
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, env=_env(), timeout=args.timeout)
    except subprocess.TimeoutExpired:
        return [{"n": n, "group": step, "step": step, "status": f"timeout after {args.timeout} s", "seconds": None,
                 "wall_seconds": round(time.perf_counter() - t0, 3), "peak_rss_mb": None, "detail": ""}]
    wall = time.perf_counter() - t0
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    if not lines:
        err = (proc.stderr.strip().splitlines() or ["no output"])[-1]
        return [{"n": n, "group": step, "step": step, "status": "error", "seconds": None, "wall_seconds": round(wall, 3),
                 "peak_rss_mb": None, "detail": err[:300]}]
    res = json.loads(lines[-1])
    detail = res["detail"]
    rows = [{"n": n, "group": step, "step": step, "status": res["status"], "seconds": res["seconds"],
             "wall_seconds": round(wall, 3), "peak_rss_mb": res["peak_rss_mb"],
             "detail": detail.get("reason") if res["status"] != "ok" else
             ", ".join(f"{k} {v}" for k, v in detail.items())}]
    for sub in res.get("rows") or []:
        rows.append({"n": n, "group": step, "step": sub["step"], "status": sub.get("status", "ok"),
                     "seconds": sub.get("seconds"), "wall_seconds": None, "peak_rss_mb": res["peak_rss_mb"],
                     "detail": sub.get("detail", "")})
    return rows


def run_seeds(args: argparse.Namespace) -> list[dict[str, Any]]:
    """The four real samples through ``reviewgraph ingest``, process start included (target < 2 s)."""
    seeds = args.seeds
    if not seeds.is_dir():
        return [{"n": 4, "group": "seeds", "step": "seeds: ingest command", "status": "not available",
                 "detail": f"{seeds} not found", "seconds": None, "wall_seconds": None, "peak_rss_mb": None}]
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [sys.executable, "-m", "reviewgraph.app.cli", "ingest", str(seeds), "--db", str(Path(tmp) / "db")]
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, text=True, env=_env(), cwd=ROOT)
        wall = time.perf_counter() - t0
        peak = None
        try:
            import resource

            peak = round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1)
        except ImportError:  # not on this platform
            pass
    if proc.returncode != 0:
        last = (proc.stderr.strip().splitlines() or ["failed"])[-1]
        status = "not available" if "No such command" in proc.stderr else "error"
        return [{"n": 4, "group": "seeds", "step": "seeds: ingest command", "status": status, "detail": last[:300],
                 "seconds": None, "wall_seconds": round(wall, 3), "peak_rss_mb": peak}]
    rows = [{"n": 4, "group": "seeds", "step": "seeds: ingest command", "status": "ok", "seconds": round(wall, 3),
             "wall_seconds": round(wall, 3), "peak_rss_mb": peak, "detail": "process start included"}]
    # parsing alone, in this process, after imports
    try:
        from reviewgraph.ingest.pipeline import ingest_paths

        ingest_paths(sorted(seeds.glob("*.txt"))[:1])  # warm imports and caches
        t0 = time.perf_counter()
        results = ingest_paths(sorted(seeds.glob("*.txt")))
        dt = time.perf_counter() - t0
        rows.append({"n": 4, "group": "seeds", "step": "seeds: parsing", "status": "ok", "seconds": round(dt, 4),
                     "wall_seconds": None, "peak_rss_mb": None,
                     "detail": f"{sum(1 for r in results if r.doc)} documents parsed"})
    except ImportError as exc:
        rows.append({"n": 4, "group": "seeds", "step": "seeds: parsing", "status": "not available", "detail": str(exc),
                     "seconds": None, "wall_seconds": None, "peak_rss_mb": None})
    return rows


def _merged(path: Path, new: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Earlier rows (same CSV) whose (size, step group) this run did not measure, then this run's rows."""
    if not path.exists():
        return new
    done = {(str(r["n"]), r["group"]) for r in new}
    with open(path, encoding="utf-8") as fh:
        old = [r for r in csv.DictReader(fh) if (r["n"], r["group"]) not in done]
    for r in old:
        for k in ("seconds", "wall_seconds", "peak_rss_mb"):
            r[k] = float(r[k]) if r.get(k) not in (None, "") else None
    order = {g: i for i, g in enumerate(["seeds", *step_names()])}
    return sorted(old + new, key=lambda r: (int(r["n"]) if r["group"] != "seeds" else -1,
                                            order.get(r["group"], 99)))


def _fmt(row: dict[str, Any]) -> str:
    sec = "" if row["seconds"] is None else f"{row['seconds']:.3f}"
    mem = "" if row["peak_rss_mb"] is None else f"{row['peak_rss_mb']:.0f}"
    return f"{row['n']:>6}  {row['step']:<44} {row['status'][:14]:<14} {sec:>10} {mem:>8}  {str(row['detail'])[:70]}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="10,100,1000", help="comma-separated numbers of reviews")
    ap.add_argument("--steps", default=",".join(step_names()), help="comma-separated steps (default: all)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--repeat", type=int, default=5, help="runs per saved query (the median is reported)")
    ap.add_argument("--timeout", type=int, default=3600, help="seconds before a step is stopped")
    ap.add_argument("--work", type=Path, default=None, help="scratch folder (default: a temporary one)")
    ap.add_argument("--out", type=Path, default=HERE / "out")
    ap.add_argument("--plot", type=Path, default=ROOT / "docs" / "img" / "scaling.png")
    ap.add_argument("--no-plot", action="store_true")
    ap.add_argument("--seeds", type=Path, default=_find_seeds(),
                    help="folder of the real sample documents (default: ../shared/seeds)")
    ap.add_argument("--no-seeds", action="store_true", help="skip the sample-documents timing")
    ap.add_argument("--profile", default="", help="comma-separated steps to profile with cProfile")
    ap.add_argument("--merge", action="store_true",
                    help="keep the rows of an earlier results.csv for steps and sizes not run this time")
    args = ap.parse_args(argv)
    args.profile = set(filter(None, args.profile.split(",")))
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    steps = [s for s in args.steps.split(",") if s]
    if "synth" not in steps:
        steps.insert(0, "synth")
    args.out.mkdir(parents=True, exist_ok=True)
    work_root = args.work or Path(tempfile.mkdtemp(prefix="reviewgraph-bench-"))
    rows: list[dict[str, Any]] = []
    print(f"{'N':>6}  {'step':<44} {'status':<14} {'seconds':>10} {'peak MB':>8}  detail", flush=True)
    try:
        for row in [] if args.no_seeds else run_seeds(args):
            rows.append(row)
            print(_fmt(row), flush=True)
        for n in sizes:
            work = work_root / str(n)
            for step in steps:
                for row in run_step(step, n, work, args):
                    rows.append(row)
                    print(_fmt(row), flush=True)
                if step == "synth" and rows[-1]["status"] != "ok":
                    break
            if args.work is None:
                shutil.rmtree(work, ignore_errors=True)
    finally:
        if args.work is None:
            shutil.rmtree(work_root, ignore_errors=True)
        if args.merge:
            rows = _merged(args.out / "results.csv", rows)
        with open(args.out / "results.csv", "w", newline="", encoding="utf-8") as fh:
            w = csv.DictWriter(fh, fieldnames=FIELDS, restval="")
            w.writeheader()
            w.writerows(rows)
        write_outputs(rows, args.out / "results.md", None if args.no_plot else args.plot)
    print(f"\nwrote {args.out / 'results.csv'}, {args.out / 'results.md'}"
          + ("" if args.no_plot else f", {args.plot}"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
