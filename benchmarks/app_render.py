"""How long the network explorer takes to draw, in a real headless chromium: cold and warm.

    python benchmarks/app_render.py --db STORE [--query "kinds=Review,Agency"] [--runs 3] [--cold 2]
                                   [--floor glossary]

Each *cold* figure starts ``reviewgraph app`` afresh on a free port over the store and times the first-ever
load of ``/explorer?<query>``: Python importing the page's modules, reading the store, building and laying
out the view, Streamlit sending the page and its component, the browser drawing. The *warm* figures are
later loads on the same server, each in a fresh browser page (a new session, so the page's script runs from
the top), which is what a user sees once the app is running. Each is timed from navigation to the network
being drawn (vis-network's first ``afterDrawing``); the nodes and links drawn are printed. Between the warm
loads it times a plain page (``--floor``, the glossary: until its script has finished), the part of any
page that is Streamlit itself loading in the browser, so a figure taken on a busy machine can be read.
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


def _first_drawing(browser, url: str, query: str) -> dict:
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        t0 = time.perf_counter()
        page.goto(f"{url}/explorer?{query}")
        frame_el = page.wait_for_selector("iframe[title*='reviewgraph_network']", timeout=120_000)
        frame = frame_el.content_frame()
        frame.wait_for_selector("#rg-network[data-drawn='1'] canvas", timeout=120_000)
        seconds = time.perf_counter() - t0
        nodes = frame.evaluate("() => window.rgNetwork.body.data.nodes.length")
        edges = frame.evaluate("() => window.rgNetwork.body.data.edges.length")
    finally:
        page.close()
    return {"seconds": seconds, "nodes": nodes, "edges": edges}


def _plain_page(browser, url: str, path: str) -> float:
    """Seconds until a plain page (no component) has its title and Streamlit has finished its script: the
    floor any page pays on this machine at this moment (the browser loading Streamlit itself)."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        t0 = time.perf_counter()
        page.goto(f"{url}/{path}")
        page.wait_for_selector("h1", timeout=120_000)
        page.wait_for_function("!document.querySelector('[data-testid=stStatusWidget]')", timeout=120_000)
        return time.perf_counter() - t0
    finally:
        page.close()


def measure(db: Path, query: str, runs: int, cold: int = 1, floor: str = "") -> dict[str, list[dict]]:
    """``{"cold": [...], "warm": [...], "floor": [...]}``: ``cold`` fresh servers (the first load of each),
    ``runs`` later loads on the last of them, and as many loads of the plain page ``floor`` interleaved with
    them (none when it is empty)."""
    from playwright.sync_api import sync_playwright

    out: dict[str, list[dict]] = {"cold": [], "warm": [], "floor": []}
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for i in range(max(cold, 1)):
            with served_app(db, Path(tmp) / f"app{i}.log") as url:
                out["cold"].append(_first_drawing(browser, url, query))
                if i == max(cold, 1) - 1:
                    for _ in range(runs):
                        out["warm"].append(_first_drawing(browser, url, query))
                        if floor:
                            out["floor"].append({"seconds": _plain_page(browser, url, floor)})
        browser.close()
    return out


def _summary(rows: list[dict]) -> str:
    if not rows:
        return "not run"
    times = [r["seconds"] for r in rows]
    return f"median {statistics.median(times):.2f} s, max {max(times):.2f} s over {len(times)}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path, required=True)
    ap.add_argument("--query", default="")
    ap.add_argument("--runs", type=int, default=3, help="warm loads")
    ap.add_argument("--cold", type=int, default=1, help="fresh servers (one cold load each)")
    ap.add_argument("--floor", default="glossary",
                    help="a plain page timed between the warm loads, for comparison ('' for none)")
    args = ap.parse_args()
    rows = measure(args.db, args.query, args.runs, args.cold, args.floor)
    first = (rows["warm"] or rows["cold"])[0]
    print(f"{args.db} ?{args.query}: {first['nodes']} nodes, {first['edges']} links drawn; "
          f"cold {_summary(rows['cold'])}; warm {_summary(rows['warm'])}"
          + (f"; the plain page /{args.floor} {_summary(rows['floor'])}" if args.floor else ""))


if __name__ == "__main__":
    main()
