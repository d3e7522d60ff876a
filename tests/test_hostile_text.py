"""Hostile text never executes, across every place document text becomes HTML.

tests/test_app_browser.py (the app's own tests) drives the explorer and the HTML export with the classic
``<img onerror>`` and ``<script>`` payloads. This adds what cuts across: many more payload shapes (entity-
encoded tags, which the cell cleaner unescapes into real ones; breaking out of a script block, an
attribute or a template; ``javascript:`` links in HTML and in Markdown; ``iframe srcdoc``), in every cell a
plan has and in the file name, ingested the way a user would; then the HTML export and every page of the
app in real headless chromium, asserting that no payload set its global and that no element with an event
handler attribute or a ``javascript:`` link exists in the page or any of its frames.
"""

from __future__ import annotations

import os

import pytest

from reviewgraph.graph.exports import export
from reviewgraph.graph.store import Store
from reviewgraph.ingest.pipeline import ingest_into
from tests.webapp_support import CHROMIUM, chromium_browser, served_app

pytestmark = [pytest.mark.browser, pytest.mark.server]

if not os.path.exists(CHROMIUM):
    pytest.skip(f"no chromium at {CHROMIUM} (apt-get install chromium)", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")

PAYLOADS = [
    '<img src=x onerror="window.__pwned=1">',
    "<script>window.__pwned=2</script>",
    "&lt;script&gt;window.__pwned=3&lt;/script&gt;",
    "</script><script>window.__pwned=4</script>",
    '"><svg onload="window.__pwned=5">',
    "';window.__pwned=6;'",
    '<a href="javascript:window.__pwned=7">link</a>',
    "[link](javascript:window.__pwned=8)",
    '<iframe srcdoc="<script>parent.__pwned=9</script>"></iframe>',
    "{{constructor.constructor('window.__pwned=10')()}}",
    "&#60;img src=x onerror=window.__pwned=11&#62;",
    "<details open ontoggle=window.__pwned=12>",
]
FILE_NAME = "northby <img src=x onerror=window.__pwned=13> plan.txt"


def hostile_plan() -> str:
    rows = ["Northby Community Safety Partnership DHR-9 Action Plan " + PAYLOADS[0],
            "No\tRecommendation\tAction\tLead agency\tTarget date\tProgress"]
    for i, p in enumerate(PAYLOADS, 1):
        q = PAYLOADS[(i + 3) % len(PAYLOADS)]
        rows.append(f"{i}.\tThat Northby Police reviews referrals {p}\tAudit {q}\tNorthby Police {p}\t"
                    f"March 2021 {q}\tIn progress {p}")
    return "\n".join(rows) + "\n"


_SCAN = """() => {
  const bad = [];
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      const v = (a.value || '').trim().toLowerCase();
      if (a.name.startsWith('on') || a.name === 'srcdoc' || ((a.name === 'href' || a.name === 'src')
          && v.startsWith('javascript:'))) bad.push(el.tagName + ' ' + a.name + '=' + a.value.slice(0, 60));
    }
  }
  return {pwned: window.__pwned === undefined ? null : window.__pwned, bad: bad};
}"""


def _scan_all(page) -> list[str]:  # type: ignore[no-untyped-def]
    found = []
    for frame in page.frames:
        try:
            got = frame.evaluate(_SCAN)
        except Exception:  # noqa: BLE001 - a frame that navigated away meanwhile
            continue
        if got["pwned"] is not None:
            found.append(f"window.__pwned={got['pwned']} in {frame.url[:80]}")
        found.extend(got["bad"])
    return found


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    doc = folder / FILE_NAME
    doc.write_text(hostile_plan(), encoding="utf-8")
    st = Store(folder / "db")
    results = ingest_into(st, [doc])
    assert all(r.ok for r in results), [r.error for r in results]
    assert st.graph().counts()["Recommendation"] == len(PAYLOADS)
    return st


@pytest.fixture(scope="module")
def browser():
    with chromium_browser() as b:
        yield b


def test_the_stored_text_keeps_the_payloads_as_text(store):
    """The cleaner removes tags but unescapes entities: the stored text may hold markup, as text."""
    texts = " ".join(n.text for n in store.graph().of_kind("Recommendation"))
    assert "window.__pwned=2" in texts and "window.__pwned=8" in texts


def test_the_html_export_runs_no_payload(store, browser, tmp_path):
    out = tmp_path / "hostile.html"
    export(store.graph(), "html", out)
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(out.as_uri())
    page.wait_for_selector("#rg-network[data-drawn='1'] canvas", timeout=30_000)
    ids = page.evaluate("() => Object.keys(window.rgNodes)")
    assert len(ids) >= len(PAYLOADS)
    seen: list[str] = []
    for node_id in ids:  # hover (tooltip) and click (details panel) every node
        pos = page.evaluate("""(id) => { const n = window.rgNetwork; const p = n.getPositions([id])[id];
            const d = n.canvasToDOM(p); const r = document.querySelector('#rg-network canvas')
            .getBoundingClientRect(); return {x: d.x + r.left, y: d.y + r.top}; }""", node_id)
        page.mouse.move(pos["x"], pos["y"])
        page.mouse.click(pos["x"], pos["y"])
        seen.append(page.inner_text("#rg-details"))
    page.wait_for_timeout(300)
    assert _scan_all(page) == []
    assert any("__pwned" in t for t in seen)  # the payloads were shown, as text
    # the scan does find an event handler when one is there
    page.evaluate("() => { const b = document.createElement('b'); b.setAttribute('onclick', 'x');"
                  " document.body.appendChild(b); }")
    assert _scan_all(page) == ["B onclick=x"]
    page.close()


PAGES = ["", "explorer", "review", "agency", "themes", "gaps", "query", "ingest"]


def test_no_page_of_the_app_runs_a_payload(store, browser, tmp_path):
    with served_app(store.path, tmp_path / "app.log") as url:
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        problems, shown = {}, []
        for path in PAGES:
            page.goto(f"{url}/{path}")
            page.wait_for_selector("[data-testid='stSidebar']", timeout=60_000)
            page.wait_for_timeout(2500)  # let the page and its components render
            # a loaded machine renders slowly: until some page has shown the payloads, give each page up to
            # 15 s more to show them (a page that never shows them costs the wait, nothing else)
            for _ in range(1 if shown else 30):
                if any("__pwned" in _text(f) for f in page.frames):
                    break
                page.wait_for_timeout(500)
            assert "Traceback" not in page.inner_text("body")
            found = _scan_all(page)
            if found:
                problems[path or "overview"] = found
            shown.extend(f for f in page.frames if "__pwned" in _text(f))
        page.close()
    assert problems == {}
    assert shown, "no page showed the payloads as text: the test did not reach them"


def _text(frame) -> str:  # type: ignore[no-untyped-def]
    try:
        return frame.inner_text("body")
    except Exception:  # noqa: BLE001
        return ""
