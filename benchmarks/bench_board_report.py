"""Time and memory to write the board report (``reviewgraph report``) as Word and as PDF.

    python benchmarks/bench_board_report.py [--reviews 200] [--work DIR]

Stores: the demo corpus, and a synthetic corpus of ``--reviews`` reviews (``reviewgraph synth``, seed 7), each
ingested once into ``DIR`` (kept between runs). Each report is written by the command in its own process, so
its wall and CPU seconds and peak resident memory (``ru_maxrss`` of the child) are its own: opening the store,
the gap queries, the charts and the document. Prints a markdown table (docs/report.md keeps the figures).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

AS_OF, SINCE = "2024-06-30", "2020-01-01"


def _store(work: Path, name: str, reviews: int | None) -> Path:
    from reviewgraph.graph.store import Store
    from reviewgraph.ingest.pipeline import ingest_into

    db = work / f"{name}-db"
    if (db / "graph.json").exists():
        return db
    if reviews is None:
        from reviewgraph.synth.corpus import demo_paths

        paths = demo_paths()
    else:
        from reviewgraph.synth.corpus import generate

        generate(reviews, work / name, 7)
        paths = [work / name / "docs"]
    ingest_into(Store(db), paths)
    return db


def _run(db: Path, out: Path) -> dict[str, float]:
    """One ``reviewgraph report`` in a child process: wall and CPU seconds, its own peak RSS (MB, from
    ``wait4``), the file's size (KB)."""
    t0 = time.perf_counter()
    command = [sys.executable, "-m", "reviewgraph.app.cli", "report", "--db", str(db), "--as-of", AS_OF, "--since", SINCE,
               "--out", str(out)]
    child = subprocess.Popen(command, cwd=HERE.parent, stdout=subprocess.DEVNULL,
                             env={**os.environ, "PYTHONPATH": str(HERE.parent)})
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - t0
    if child.returncode:
        raise SystemExit(f"reviewgraph report failed on {db} (exit {child.returncode})")
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss_mb": usage.ru_maxrss / 1024,
            "kb": out.stat().st_size / 1024}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--reviews", type=int, default=200)
    ap.add_argument("--work", type=Path, default=None,
                    help="keep the stores here (default: a temporary folder)")
    args = ap.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="rg-board-"))
    work.mkdir(parents=True, exist_ok=True)
    print("| store | format | wall s | CPU s | peak RSS MB | file KB |")
    print("|---|---|---:|---:|---:|---:|")
    for name, reviews in (("demo", None), (f"synthetic-{args.reviews}", args.reviews)):
        db = _store(work, name, reviews)
        for suffix in (".docx", ".pdf"):
            m = _run(db, work / f"{name}{suffix}")
            print(f"| {name} | {suffix[1:]} | {m['wall']:.2f} | {m['cpu']:.2f} | {m['rss_mb']:.0f} | "
                  f"{m['kb']:.0f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
