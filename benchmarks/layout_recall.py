"""Recall of the ingest on the layout corpus (tests/data/layouts), one row per layout family.

    python benchmarks/layout_recall.py              # the per-family table (markdown)
    python benchmarks/layout_recall.py --details    # and what went wrong, document by document
    python benchmarks/layout_recall.py --json out.json
    python benchmarks/layout_recall.py tests/data/layouts/plan_csv   # some families or documents only

Each document is ingested alone into a fresh store and compared with its ``.truth.json``; the scoring rules
are in ``tests/layouts/score.py`` and docs/ingest.md ("The layout corpus").
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.layouts.score import DATA, format_details, format_table, score_dir  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*", type=Path,
                    help=f"documents or folders (default: {DATA.relative_to(ROOT)})")
    ap.add_argument("--details", action="store_true",
                    help="list misses, inventions and wrong owners per document")
    ap.add_argument("--json", type=Path, help="also write every score and detail to this file")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    scores = score_dir(args.paths or None)
    print(format_table(scores))
    print(f"\n{len(scores['documents'])} documents, each ingested alone, in {time.perf_counter() - t0:.1f} s")
    if args.details:
        print("\n" + format_details(scores))
    if args.json:
        args.json.write_text(json.dumps(scores, indent=1, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
