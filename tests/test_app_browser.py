"""The app and the HTML export in a real headless browser (Debian's chromium, driven by Playwright).

Skipped, with the reason, when /usr/bin/chromium or Playwright is missing. Screenshots go to
tests/artifacts/ (not committed)."""

from __future__ import annotations

import os

import pytest

from reviewgraph.graph.exports import export
from reviewgraph.graph.view import DEFAULT_KINDS, ViewFilter, filter_graph
from tests.synthetic_graph import make_graph
from tests.webapp_support import (
    CHROMIUM,
    chromium_browser,
    HOSTILE_REC,
    ROOT,
    hostile_graph,
    served_app,
    write_store,
)

pytestmark = [pytest.mark.browser, pytest.mark.server]

if not os.path.exists(CHROMIUM):
    pytest.skip(f"no chromium at {CHROMIUM} (apt-get install chromium)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")

ARTIFACTS = ROOT / "tests" / "artifacts"
_CLICK_JS = """(id) => {
    const net = window.rgNetwork; const p = net.getPositions([id])[id]; const d = net.canvasToDOM(p);
    const r = document.querySelector('#rg-network canvas').getBoundingClientRect();
    return {x: d.x + r.left, y: d.y + r.top};
}"""


@pytest.fixture(scope="module")
def browser():
    with chromium_browser() as b:
        yield b


def _open_explorer(browser, url: str, query: str = ""):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(url + "/explorer" + query)
    frame_el = page.wait_for_selector("iframe[title*='reviewgraph_network']", timeout=60_000)
    frame = frame_el.content_frame()
    frame.wait_for_selector("#rg-network[data-drawn='1'] canvas", timeout=60_000)
    return page, frame_el, frame


def _click_node(page, frame_el, frame, node_id: str, expect: str) -> None:
    """Click the node on the canvas until the app shows ``expect`` (the first click can race a rerun)."""
    for _ in range(5):
        pos = frame.evaluate(_CLICK_JS, node_id)
        box = frame_el.bounding_box()
        page.mouse.click(box["x"] + pos["x"], box["y"] + pos["y"])
        try:
            page.wait_for_selector(f"text={expect}", timeout=8_000)
            return
        except sync_api.TimeoutError:
            continue
    raise AssertionError(f"clicking {node_id} never showed {expect!r}")


def test_explorer_draws_and_click_shows_details(browser, tmp_path):
    store = write_store(tmp_path / "store")
    ARTIFACTS.mkdir(exist_ok=True)
    with served_app(store, tmp_path / "app.log") as url:
        # a link with filters opens the filtered view (the explorer otherwise starts on one review)
        page, frame_el, frame = _open_explorer(browser, url, "?kinds=" + ",".join(DEFAULT_KINDS))
        drawn = frame.evaluate("() => Object.keys(window.rgNodes).length")
        expected = filter_graph(make_graph(), ViewFilter(kinds=DEFAULT_KINDS, drop_isolated=True))
        assert drawn == len(expected) > 5
        _click_node(page, frame_el, frame, "rec:northby/dhr-1/1", "Recommendation: DHR-1 1")
        # the chosen node is highlighted in the drawing, by id
        assert frame.evaluate("() => document.getElementById('rg-network').getAttribute('data-selected')") \
            == "rec:northby/dhr-1/1"
        details = page.locator(".st-key-ex_details")
        details.scroll_into_view_if_needed()
        assert "n1.txt" in details.inner_text()
        assert "MARAC referrals are made" in details.inner_text()
        page.screenshot(path=str(ARTIFACTS / "explorer-details.png"))
        page.evaluate("() => window.scrollTo(0, 0)")
        page.locator("iframe[title*='reviewgraph_network']").scroll_into_view_if_needed()
        page.screenshot(path=str(ARTIFACTS / "explorer.png"))
        page.close()


def test_hostile_text_never_runs(browser, tmp_path):
    graph = hostile_graph()
    out = tmp_path / "hostile.html"
    export(graph, "html", out)
    page = browser.new_page()
    page.goto(out.as_uri())
    page.wait_for_selector("#rg-network[data-drawn='1'] canvas", timeout=30_000)
    pos = page.evaluate(_CLICK_JS, HOSTILE_REC)
    page.mouse.move(pos["x"], pos["y"])  # the tooltip
    page.mouse.click(pos["x"], pos["y"])  # the details panel
    page.wait_for_timeout(500)
    assert "window.__pwned=2" in page.inner_text("#rg-details")  # shown as text
    assert page.evaluate("() => window.__pwned") is None
    assert page.locator("#rg-details img").count() == 0
    page.close()

    store = write_store(tmp_path / "store", graph)
    with served_app(store, tmp_path / "app.log") as url:
        page, frame_el, frame = _open_explorer(browser, url)
        _click_node(page, frame_el, frame, HOSTILE_REC, "Recommendation:")
        page.wait_for_timeout(1000)
        assert page.evaluate("() => window.__pwned") is None
        assert frame.evaluate("() => window.__pwned") is None
        assert page.locator(".st-key-ex_details img").count() == 0
        assert "window.__pwned=2" in page.locator(".st-key-ex_details").inner_text()
        page.close()


HOSTILE_PLAN = (
    "Northby Community Safety Partnership\nDomestic Homicide Review DHR-9 Action Plan\n\n"
    "Recommendation No\tRecommendations\tActions required to address recommendations\tOwner\tTarget Date\t"
    "Desired outcome\n"
    "1.\t<img src=x onerror=\"window.__pwned=1\"> Northby Police review how MARAC referrals are made.\t"
    "<script>window.__pwned=2</script> Audit MARAC referrals\tNorthby Police\tMarch 2021\tReferrals audited\n"
    "2.\tThe partnership reviews training on coercive control. </script><script>window.__pwned=3</script>\t"
    "Deliver training\t<b onmouseover=\"window.__pwned=4\">Northby Council</b>\tJune 2021\tStaff trained\n"
)


def test_ingested_hostile_document_never_runs(browser, tmp_path):
    """A document whose cells hold script payloads, ingested as a user would, then shown and exported."""
    from reviewgraph.graph.store import Store
    from reviewgraph.ingest.pipeline import ingest_into

    doc = tmp_path / "northby-dhr-9-action-plan.txt"
    doc.write_text(HOSTILE_PLAN, encoding="utf-8")
    store = Store(tmp_path / "store")
    assert all(r.ok for r in ingest_into(store, [doc]))
    graph = store.graph()
    recs = sorted(n.id for n in graph.of_kind("Recommendation"))
    assert len(recs) == 2
    out = tmp_path / "export.html"
    export(graph, "html", out)
    page = browser.new_page()
    page.goto(out.as_uri())
    page.wait_for_selector("#rg-network[data-drawn='1'] canvas", timeout=30_000)
    for rec in recs:
        pos = page.evaluate(_CLICK_JS, rec)
        page.mouse.move(pos["x"], pos["y"])
        page.mouse.click(pos["x"], pos["y"])
    page.wait_for_timeout(500)
    assert page.evaluate("() => window.__pwned") is None
    page.close()
    with served_app(store.path, tmp_path / "app.log") as url:
        page, frame_el, frame = _open_explorer(browser, url)
        _click_node(page, frame_el, frame, recs[0], "Recommendation:")
        page.wait_for_timeout(1000)
        assert page.evaluate("() => window.__pwned") is None
        assert frame.evaluate("() => window.__pwned") is None
        page.close()
