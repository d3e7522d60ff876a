"""Photograph every page of the app at 1366 px (headless chromium), and time each page's render.

    python benchmarks/page_screenshots.py --db STORE [--out docs/img] [--pages overview,matrix,...]
    python benchmarks/page_screenshots.py --db SAMPLES --prefix samples- --redact [--redact-names FILE]

The window is 1366x768, a board member's laptop. For docs/img use a store of the synthetic demo corpus
(``reviewgraph ingest --db STORE synth/demo/*.txt``). A store of real case documents is photographed only
with ``--redact`` (the app's redaction locked on: the reviews' pseudonyms and the names of FILE become
[redacted]), and its pictures are committed only after each has been looked at for names the redaction
missed. On the Themes across reviews page it clicks a square of the heatmap first (what a board member
would do), so the picture shows the recommendations it opens; on the Query workbench it runs the first
saved query. The explorer is photographed as it opens; its pictures of a clicked node and its details are
benchmarks/app_screenshots.py's.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.webapp_support import CHROMIUM, CHROMIUM_ARGS, served_app

#: url path -> file name in docs/img
PAGES = {"": "app-overview.png", "explorer": "app-explorer-start.png", "review": "app-review.png", "agency": "app-agency.png",
         "themes": "app-themes.png", "matrix": "app-matrix.png", "agencies": "app-agencies.png",
         "timeline": "app-timeline.png", "changes": "app-changes.png", "gaps": "app-gaps.png",
         "query": "app-workbench.png", "ingest": "app-ingest.png", "glossary": "app-glossary.png"}
WIDTH, HEIGHT = 1366, 768


def _settle(page, timeout_ms: int = 60_000) -> None:
    """Wait until the page has a title and Streamlit has stopped running the script."""
    page.wait_for_selector("h1", timeout=timeout_ms)
    page.wait_for_function("!document.querySelector('[data-testid=stStatusWidget]')", timeout=timeout_ms)


def _click_matrix_cell(page) -> None:
    """Click the heatmap's top-left square and wait for the list of its recommendations."""
    chart = page.locator("[data-testid='stVegaLiteChart']").first
    chart.scroll_into_view_if_needed()
    box = chart.bounding_box()
    # the first row of squares sits under the review names (the axis is on top); the squares start right of
    # the theme names, which take at most about a third of the chart's width
    for dy in range(40, 200, 20):  # the review names above take more or less room as they are slanted
        page.mouse.click(box["x"] + box["width"] * 0.45, box["y"] + dy)
        try:
            page.wait_for_selector("text=Open the theme page", timeout=4_000)
            return
        except Exception:  # noqa: BLE001, S112 - missed the squares: try a little lower
            continue


def _run_first_query(page) -> None:
    """Press the workbench's Run (its first saved query, default values) and wait for the rows."""
    page.get_by_role("button", name="Run", exact=True).click()
    page.wait_for_selector("text=rows", timeout=60_000)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path, required=True)
    ap.add_argument("--out", type=Path, default=Path("docs/img"))
    ap.add_argument("--pages", default=",".join(PAGES),
                    help="url paths, comma separated ('' is the overview)")
    ap.add_argument("--prefix", default="app-", help="file names' start (app-overview.png; samples-...)")
    ap.add_argument("--redact", action="store_true", help="the app's redaction locked on (REVIEWGRAPH_REDACT)")
    ap.add_argument("--redact-names", type=Path, help="further names to redact, one a line")
    args = ap.parse_args()
    env = {"REVIEWGRAPH_REDACT": "1"} if args.redact else {}
    if args.redact_names:
        env["REVIEWGRAPH_REDACT_NAMES"] = str(args.redact_names.resolve())
    from playwright.sync_api import sync_playwright

    args.out.mkdir(parents=True, exist_ok=True)
    with served_app(args.db, args.out / ".app.log", extra_env=env) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT})
        page.goto(url)  # the first load starts the server's caches; the timings below are of later loads
        _settle(page)
        for path in args.pages.split(","):
            start = time.monotonic()
            page.goto(f"{url}/{path}")
            _settle(page)
            took = time.monotonic() - start
            page.wait_for_timeout(3000)  # charts and tables draw after the script has finished (slowly under load)
            if path == "matrix":
                _click_matrix_cell(page)
                page.wait_for_timeout(1500)
                page.locator("text=Open the theme page").scroll_into_view_if_needed()
                page.mouse.wheel(0, 250)
                page.wait_for_timeout(800)
            if path == "query":
                _run_first_query(page)
                page.wait_for_timeout(1500)
            name = args.prefix + PAGES.get(path, f"app-{path or 'overview'}.png").removeprefix("app-")
            page.screenshot(path=str(args.out / name))
            print(f"{path or 'overview':10} rendered in {took:.2f} s -> {args.out / name}", flush=True)
        browser.close()
    (args.out / ".app.log").unlink(missing_ok=True)


if __name__ == "__main__":
    main()
