"""Nothing leaves the machine: every page of the app, opened in a real browser (Debian's chromium, driven by
Playwright), requests only the app's own loopback address; and the app started on an empty store writes
nothing to it, offering the demo in a store of its own.

Every request of every page and of its frames is recorded (Playwright's ``request`` event on the browser
context: documents, scripts, styles, fonts, icons, images, the component's frame); the test fails on any
host outside loopback. Skipped, with the reason, when /usr/bin/chromium or Playwright is missing."""

from __future__ import annotations

import os
import urllib.parse

import pytest

from tests.webapp_support import CHROMIUM, chromium_browser, served_app, write_store

pytestmark = [pytest.mark.browser, pytest.mark.server]

if not os.path.exists(CHROMIUM):
    pytest.skip(f"no chromium at {CHROMIUM} (apt-get install chromium)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")

LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}
LOCAL_SCHEMES = {"data", "blob", "about"}


def _outside(urls: list[str]) -> list[str]:
    out = []
    for url in urls:
        parts = urllib.parse.urlsplit(url)
        if parts.scheme in LOCAL_SCHEMES:
            continue
        if parts.hostname not in LOCAL_SCHEMES and parts.hostname not in LOOPBACK:
            out.append(url)
    return out


def _pages(page, base: str) -> list[str]:
    """The address of every page in the sidebar (the "View more" list opened first)."""
    more = page.locator("[data-testid='stSidebarNavViewButton']")
    if more.count():
        more.first.click()
        page.wait_for_timeout(500)
    hrefs = page.eval_on_selector_all("[data-testid='stSidebarNav'] a", "els => els.map(e => e.href)")
    found = sorted({h for h in hrefs if h.startswith(base)})
    assert len(found) >= 8, found  # the app's eight pages at least
    return found


def _visit(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("[data-testid='stMain'] h1", timeout=60_000)
    page.wait_for_load_state("networkidle", timeout=60_000)
    page.wait_for_timeout(1500)  # late requests: icons, fonts, the network component's frame


def test_no_page_requests_a_host_outside_loopback(tmp_path):
    store = write_store(tmp_path / "store")
    requests: list[str] = []
    with served_app(store, tmp_path / "app.log") as base, chromium_browser() as browser:
        context = browser.new_context(viewport={"width": 1366, "height": 900})
        context.on("request", lambda r: requests.append(r.url))
        page = context.new_page()
        _visit(page, base + "/")
        pages = _pages(page, base)
        for url in pages:
            _visit(page, url)
        # the explorer's component frame drew, and its requests were seen too
        page.goto(base + "/explorer")
        frame = page.wait_for_selector("iframe[title*='reviewgraph_network']", timeout=60_000).content_frame()
        frame.wait_for_selector("#rg-network[data-drawn='1'] canvas", timeout=60_000)
        page.wait_for_load_state("networkidle", timeout=60_000)
        context.close()
    # the frame's one script (vis-network and the component's own code, network_component.py)
    assert any("/network.js" in u for u in requests), "the component's own requests were not recorded"
    assert any(u.rstrip("/").endswith(("/explorer", "/gaps")) for u in requests)
    assert not _outside(requests), sorted(set(_outside(requests)))


def test_an_empty_store_stays_empty_and_the_demo_opens_in_its_own_store(tmp_path):
    store = tmp_path / "empty"
    store.mkdir()
    demo = tmp_path / "demo"
    requests: list[str] = []
    with served_app(store, tmp_path / "app.log", extra_env={"REVIEWGRAPH_DEMO_DB": str(demo)}) as base, \
            chromium_browser() as browser:
        context = browser.new_context(viewport={"width": 1366, "height": 900})
        context.on("request", lambda r: requests.append(r.url))
        page = context.new_page()
        for url in _pages(page, base) if _visit(page, base + "/") is None else []:
            _visit(page, url)
            assert list(store.iterdir()) == [], url
        _visit(page, base + "/")
        assert page.get_by_text("The store is empty").count()
        assert page.get_by_text("Read documents").count()
        page.get_by_text("Open the demo").click()
        page.wait_for_selector("text=Lark Moor", timeout=120_000)
        context.close()
    assert list(store.iterdir()) == []
    assert (demo / "manifest.json").is_file()
    assert not _outside(requests), sorted(set(_outside(requests)))
