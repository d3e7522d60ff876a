"""HTML reader speed: a synthetic review web page (``tests/html_pages.py``) grown to given sizes.

    python benchmarks/bench_html.py --sizes 50000,200000,1000000 --repeat 5

For each size: the lines read, the median time to read (``reviewgraph.ingest.readers.html.html_lines``: marking source
lines, Lexbor's parse, the walk) and to parse (``reviewgraph.ingest.parse.parse_lines``), and the recommendations found.
"""

from __future__ import annotations

import argparse
import hashlib
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reviewgraph.ingest.readers.html import html_lines  # noqa: E402
from tests import html_pages as hp  # noqa: E402


def bench(size: int, repeat: int = 5) -> dict:
    from reviewgraph.ingest.parse import parse_lines

    page = hp.page_of_size(size)
    data = page.encode()
    reads, parses = [], []
    for _ in range(repeat):
        started = time.perf_counter()
        lines, _ = html_lines(page)
        reads.append(time.perf_counter() - started)
        started = time.perf_counter()
        doc = parse_lines(lines, file_name="page.html", sha256=hashlib.sha256(data).hexdigest())
        parses.append(time.perf_counter() - started)
    return {"bytes": len(data), "lines": len(lines), "read_ms": statistics.median(reads) * 1000,
            "parse_ms": statistics.median(parses) * 1000, "recommendations": len(doc.report_recs)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="50000,200000,1000000")
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    print("| bytes | lines read | read ms | parse ms | recommendations |")
    print("|---:|---:|---:|---:|---:|")
    for size in (int(s) for s in args.sizes.split(",")):
        r = bench(size, args.repeat)
        print(f"| {r['bytes']:,} | {r['lines']:,} | {r['read_ms']:.0f} | {r['parse_ms']:.0f} | {r['recommendations']} |")


if __name__ == "__main__":
    main()
