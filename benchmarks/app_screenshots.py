"""Take the app's documentation screenshots (docs/img/app-*.png) in headless chromium.

    python benchmarks/app_screenshots.py --db STORE [--theme theme:referral-pathways] [--out docs/img]

Use a store of the synthetic demo corpus (``reviewgraph app`` loads it into an empty store), never real
case documents. Opens the explorer (optionally filtered to one theme), clicks a recommendation, and photographs
the explorer, the details, the gaps page and the overview.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.webapp_support import CHROMIUM, CHROMIUM_ARGS, served_app

_DRAWN_REC = """() => window.rgNetwork.body.data.nodes.getIds().filter((i) => i.startsWith('rec:')).sort()[0]"""
_POS = """(id) => { const n = window.rgNetwork; const p = n.getPositions([id])[id]; const d = n.canvasToDOM(p);
  const r = document.querySelector('#rg-network canvas').getBoundingClientRect();
  return {x: d.x + r.left, y: d.y + r.top}; }"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path, required=True)
    ap.add_argument("--theme", default="", help="filter the explorer to this theme id (default: the whole graph)")
    ap.add_argument("--out", type=Path, default=Path("docs/img"))
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    args.out.mkdir(parents=True, exist_ok=True)
    with served_app(args.db, args.out / ".app.log") as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1500, "height": 950})
        page.goto(f"{url}/explorer" + (f"?theme={args.theme}" if args.theme else ""))
        frame_el = page.wait_for_selector("iframe[title*='reviewgraph_network']", timeout=60_000)
        frame = frame_el.content_frame()
        frame.wait_for_selector("#rg-network[data-drawn='1'] canvas", timeout=60_000)
        page.wait_for_timeout(1500)
        # a recommendation the explorer has drawn (it opens on one review, not the whole graph)
        target = frame.evaluate(_DRAWN_REC)
        for _ in range(4):
            pos = frame.evaluate(_POS, target)
            box = frame_el.bounding_box()
            page.mouse.click(box["x"] + pos["x"], box["y"] + pos["y"])
            try:
                page.wait_for_selector(".st-key-ex_details", timeout=6_000)
                break
            except Exception:  # noqa: BLE001, S112 - a click can race a rerun; try again
                continue
        page.wait_for_timeout(1500)
        page.mouse.move(box["x"] + pos["x"], box["y"] + pos["y"])
        page.wait_for_timeout(800)
        page.screenshot(path=str(args.out / "app-explorer.png"))
        page.locator(".st-key-ex_details").scroll_into_view_if_needed()
        page.wait_for_timeout(800)
        page.screenshot(path=str(args.out / "app-explorer-details.png"))
        for path, wait_for, name in [("/gaps", "text=gaps as of", "app-gaps.png"),
                                     ("/", "text=Top themes", "app-overview.png")]:
            page.goto(url + path)
            page.wait_for_selector(wait_for, timeout=60_000)
            page.wait_for_timeout(2500)
            page.screenshot(path=str(args.out / name))
        browser.close()
    (args.out / ".app.log").unlink(missing_ok=True)
    print(f"wrote {args.out}/app-*.png")


if __name__ == "__main__":
    main()
