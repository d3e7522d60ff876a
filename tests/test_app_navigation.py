"""The sidebar lists every page at once, in sections named in plain words, at 1366x768 (a board member's
laptop): no page behind "View more", every link inside the window without scrolling, and the url paths the
docs and links use unchanged. Real chromium (Playwright); skipped, with the reason, when it is missing."""

from __future__ import annotations

import os

import pytest

from tests.webapp_support import CHROMIUM, chromium_browser, served_app, write_store

pytestmark = [pytest.mark.browser, pytest.mark.server]

if not os.path.exists(CHROMIUM):
    pytest.skip(f"no chromium at {CHROMIUM} (apt-get install chromium)", allow_module_level=True)
pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")

#: every page's url path (the overview is the root) and its section, as the sidebar should show them
EXPECTED = {"Start": ["", "glossary"], "Explore": ["review", "agency", "themes", "matrix", "explorer"],
            "Follow up actions": ["agencies", "timeline", "changes", "gaps"], "Analyse": ["query"],
            "Manage": ["ingest"]}


def test_every_page_is_listed_in_its_section_and_fits_at_1366x768(tmp_path):
    store = write_store(tmp_path / "store")
    with served_app(store, tmp_path / "app.log") as base, chromium_browser() as browser:
        page = browser.new_page(viewport={"width": 1366, "height": 768})
        page.goto(base)
        page.wait_for_selector("[data-testid='stMain'] h1", timeout=60_000)
        page.wait_for_selector("[data-testid='stSidebarNav'] a")
        assert page.locator("[data-testid='stSidebarNavViewButton']").count() == 0, "pages hidden behind a button"
        headers = page.locator("[data-testid='stNavSectionHeader']").all_inner_texts()
        assert [h.strip() for h in headers] == list(EXPECTED)
        links = page.locator("[data-testid='stSidebarNav'] a")
        paths = [h.removeprefix(base).strip("/") for h in links.evaluate_all("els => els.map(e => e.href)")]
        assert paths == [p for section in EXPECTED.values() for p in section]
        for i in range(links.count()):  # each link wholly inside the window, without scrolling the sidebar
            box = links.nth(i).bounding_box()
            assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= 768, (paths[i], box)
