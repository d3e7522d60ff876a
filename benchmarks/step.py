"""Run one benchmark step in this process and print one JSON line: its time, peak memory and details.

    python benchmarks/step.py STEP --n N --work DIR [--seed S] [--repeat R] [--profile FILE]

``run.py`` calls this once per step and size, so each step's peak resident set is its own
(``ru_maxrss`` of this process: the graph it loads is part of what the step needs).
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE)]

from bench_steps import STEPS, Ctx, NotAvailable  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("step", choices=sorted(STEPS))
    ap.add_argument("--n", type=int, required=True)
    ap.add_argument("--work", type=Path, required=True)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--profile", type=Path, help="write cProfile stats of the step to this file")
    args = ap.parse_args(argv)
    ctx = Ctx(n=args.n, work=args.work, seed=args.seed, repeat=args.repeat)
    ctx.work.mkdir(parents=True, exist_ok=True)
    status, detail = "ok", {}
    t0 = time.perf_counter()
    try:
        if args.profile:
            import cProfile

            prof = cProfile.Profile()
            detail = prof.runcall(STEPS[args.step], ctx)
            prof.dump_stats(str(args.profile))
        else:
            detail = STEPS[args.step](ctx)
    except NotAvailable as exc:
        status, detail = "not available", {"reason": str(exc)}
    except Exception as exc:  # reported, not raised: the other steps still run
        status = "error"
        detail = {"reason": f"{type(exc).__name__}: {exc}"[:300],
                  "traceback": traceback.format_exc().splitlines()[-6:]}
    seconds = time.perf_counter() - t0
    seconds = detail.pop("_seconds", seconds)
    rows = detail.pop("_rows", None)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"step": args.step, "n": args.n, "status": status, "seconds": seconds,
                      "peak_rss_mb": round(peak_mb, 1), "detail": detail, "rows": rows}, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
