"""Smoke run of the benchmark harness at N=3 (no timing assertions: speed is measured in benchmarks/)."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_harness_runs_every_step_at_n3(tmp_path):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench_steps import step_names

    # the saved queries have their own harness and tests (bench_queries.py): rdflib's engine alone can take
    # minutes on one query, which does not belong in a smoke run
    steps = [s for s in step_names() if s != "queries"]
    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "run.py"), "--sizes", "3", "--no-seeds",
                           "--steps", ",".join(steps), "--repeat", "1", "--out", str(out),
                           "--plot", str(tmp_path / "scaling.png")],
                          capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr[-2000:]
    with open(out / "results.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    done = {r["step"]: r for r in rows if r["group"] == r["step"]}
    assert set(steps) <= set(done)
    assert done["synth"]["status"] == "ok"
    assert "documents" in done["synth"]["detail"]
    bad = [(r["step"], r["detail"]) for r in rows if r["status"] not in ("ok", "not available")]
    assert not bad, bad
    for r in rows:
        if r["status"] == "ok" and r["group"] == r["step"]:
            assert float(r["seconds"]) >= 0 and float(r["peak_rss_mb"]) > 0
    md = (out / "results.md").read_text()
    assert "| synth |" in md and "N = 3" in md
    assert (tmp_path / "scaling.png").stat().st_size > 1000
