"""How long the network explorer takes to draw, in a real headless chromium.

    python benchmarks/app_render.py --db STORE [--query "kinds=Review,Agency"] [--runs 3]

Starts ``reviewgraph app`` on a free port over the store, opens ``/explorer?<query>`` and times, per run
(a fresh page each time), from navigation to the network being drawn (vis-network's first
``afterDrawing``), and prints the nodes and links drawn. The server is warmed by one untimed load, so the
figures are what a user sees once the app is running (not the first-ever layout, which is cached after).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.webapp_support import CHROMIUM, CHROMIUM_ARGS, served_app


def measure(db: Path, query: str, runs: int) -> list[dict]:
    from playwright.sync_api import sync_playwright

    out = []
    with tempfile.TemporaryDirectory() as tmp, served_app(db, Path(tmp) / "app.log") as url, \
            sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for i in range(runs + 1):
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            t0 = time.perf_counter()
            page.goto(f"{url}/explorer?{query}")
            frame = page.wait_for_selector("iframe[title*='reviewgraph_network']", timeout=120_000).content_frame()
            frame.wait_for_selector("#rg-network[data-drawn='1'] canvas", timeout=120_000)
            seconds = time.perf_counter() - t0
            nodes = frame.evaluate("() => window.rgNetwork.body.data.nodes.length")
            edges = frame.evaluate("() => window.rgNetwork.body.data.edges.length")
            if i:  # the first load warms the server's caches
                out.append({"seconds": seconds, "nodes": nodes, "edges": edges})
            page.close()
        browser.close()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path, required=True)
    ap.add_argument("--query", default="")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    rows = measure(args.db, args.query, args.runs)
    times = [r["seconds"] for r in rows]
    print(f"{args.db} ?{args.query}: {rows[0]['nodes']} nodes, {rows[0]['edges']} links drawn; "
          f"median {statistics.median(times):.2f} s, max {max(times):.2f} s over {len(times)} runs")


if __name__ == "__main__":
    main()
