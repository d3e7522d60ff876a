"""Photograph every page of the app at 1366 px (headless chromium), and time each page's render.

    python benchmarks/page_screenshots.py --db STORE [--out docs/img] [--pages overview,matrix,...]

For docs/img use a store of the synthetic demo corpus (``reviewgraph ingest --db STORE synth/demo/*.txt``),
never real case documents: the pictures are committed. On the Themes across reviews page it clicks a square
of the heatmap first (what a board member would do), so the picture shows the recommendations it opens.
The explorer's pictures (a clicked node, its details) are benchmarks/app_screenshots.py's.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.webapp_support import CHROMIUM, CHROMIUM_ARGS, served_app

#: url path -> file name in docs/img
PAGES = {"": "app-overview.png", "review": "app-review.png", "agency": "app-agency.png",
         "themes": "app-themes.png", "matrix": "app-matrix.png", "agencies": "app-agencies.png",
         "timeline": "app-timeline.png", "changes": "app-changes.png", "gaps": "app-gaps.png",
         "glossary": "app-glossary.png"}
WIDTH, HEIGHT = 1366, 900


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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path, required=True)
    ap.add_argument("--out", type=Path, default=Path("docs/img"))
    ap.add_argument("--pages", default=",".join(PAGES),
                    help="url paths, comma separated ('' is the overview)")
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    args.out.mkdir(parents=True, exist_ok=True)
    with served_app(args.db, args.out / ".app.log") as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT})
        page.goto(url)  # the first load starts the server's caches; the timings below are of later loads
        _settle(page)
        for path in args.pages.split(","):
            start = time.monotonic()
            page.goto(f"{url}/{path}")
            _settle(page)
            took = time.monotonic() - start
            page.wait_for_timeout(1500)  # charts draw after the script has finished
            if path == "matrix":
                _click_matrix_cell(page)
                page.wait_for_timeout(1500)
                page.locator("text=Open the theme page").scroll_into_view_if_needed()
                page.mouse.wheel(0, 250)
                page.wait_for_timeout(800)
            name = PAGES.get(path, f"app-{path or 'overview'}.png")
            page.screenshot(path=str(args.out / name))
            print(f"{path or 'overview':10} rendered in {took:.2f} s -> {args.out / name}", flush=True)
        browser.close()
    (args.out / ".app.log").unlink(missing_ok=True)


if __name__ == "__main__":
    main()
