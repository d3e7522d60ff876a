"""What the explorer's first drawing no longer waits for, and that it still shows the same things.

AppTest (the real script runner) for what the page hands its network component: the view as JSON text
(a dict made Streamlit import pandas to ask whether it was a data frame), the legend in words, the chosen
node by id; the download buttons made only once their box is opened. A real browser (marker ``browser``)
for what the component does with them: the legend drawn as text in the frame, the highlight restyled only
when the choice changes, one script and one style sheet loaded.
"""

from __future__ import annotations

import json
import os

import pytest
from streamlit.testing.v1 import AppTest

from reviewgraph.graph.exports import exporters
from reviewgraph.graph.labels import kind_label
from reviewgraph.graph.network import KIND_COLOURS
from tests.synthetic_graph import make_graph
from tests.webapp_support import CHROMIUM, MAIN, served_app, write_store

REC = "rec:southby/dhr-7/17.1"


@pytest.fixture()
def store(tmp_path, monkeypatch):
    path = write_store(tmp_path / "store")
    monkeypatch.setenv("REVIEWGRAPH_DB", str(path))
    monkeypatch.delenv("REVIEWGRAPH_AUTH_FILE", raising=False)
    return path


def _explorer() -> AppTest:
    at = AppTest.from_file(str(MAIN), default_timeout=60).run()
    at.switch_page("views/explorer.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _component_args(at: AppTest) -> dict:
    (chart,) = at.get("component_instance")
    return json.loads(chart.proto.json_args)


def test_the_component_gets_json_text_a_legend_in_words_and_the_choice_by_id(store):
    at = _explorer()
    args = _component_args(at)
    assert isinstance(args["data"], str)  # text, so Streamlit never asks pandas about it
    data = json.loads(args["data"])
    drawn = {n["id"] for n in data["nodes"]}
    assert "review:southby/dhr-7" in drawn and REC in drawn
    kinds = {n["kind"] for n in data["nodes"]}
    # every kind drawn, in words
    assert args["legend"] == [[kind_label(k).capitalize(), KIND_COLOURS[k]] for k in KIND_COLOURS if k in kinds]
    assert args["selected"] is None
    assert not [m for m in at.markdown if "border-radius:50%" in m.value]  # no HTML legend on the page

    at.selectbox(key="ex_pick").select(REC).run()
    assert not at.exception
    assert _component_args(at)["selected"] == REC  # highlighted by id, never by label
    assert at.session_state["ex_node"] == REC


def test_download_buttons_are_made_once_their_box_is_opened(store):
    at = _explorer()
    assert not at.get("download_button")
    assert [e.label for e in at.expander] == ["Download this view"]
    at.session_state["ex_dl_open"] = True
    at.run()
    assert not at.exception
    assert len(at.get("download_button")) == len(exporters())
    assert _component_args(at)["data"]  # the drawing is still there with the box open


# -- in a real browser -----------------------------------------------------------------------------------
#: counts the component's calls of RGNet.highlight (the frame's scripts set window.RGNet; this wraps it)
_COUNT_HIGHLIGHTS = """
(() => {
  let real;
  Object.defineProperty(window, "RGNet", {configurable: true, get() { return real; }, set(v) {
    const highlight = v.highlight;
    window.__highlights = [];
    v.highlight = function (id) { window.__highlights.push(id); return highlight(id); };
    real = v;
  }});
})();
"""


@pytest.mark.browser
@pytest.mark.server
@pytest.mark.skipif(not os.path.exists(CHROMIUM), reason=f"no chromium at {CHROMIUM}")
def test_the_frame_draws_the_legend_as_text_and_restyles_only_on_a_new_choice(tmp_path):
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
    store = write_store(tmp_path / "store", make_graph())
    with served_app(store, tmp_path / "app.log") as url, sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM,
                                    args=["--headless", "--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.add_init_script(_COUNT_HIGHLIGHTS)
        loaded: list[str] = []
        page.on("requestfinished", lambda r: loaded.append(r.url))
        page.goto(url + "/explorer")
        frame = page.wait_for_selector("iframe[title*='reviewgraph_network']", timeout=60_000).content_frame()
        frame.wait_for_selector("#rg-network[data-drawn='1'] canvas", timeout=60_000)
        legend = frame.inner_text("#rg-legend")
        assert "Recommendation" in legend and "Review" in legend
        assert frame.locator("#rg-legend img, #rg-legend script").count() == 0
        assert frame.evaluate("() => window.__highlights") == []  # nothing chosen: nothing restyled
        served = [u.rsplit("/", 1)[-1].split("?")[0] for u in loaded if "/component/" in u]
        assert {"network.js", "network.css"} <= set(served)
        assert not {"vis-network.min.js", "netview.js", "component.js"} & set(served)

        # a node chosen in the picker: highlighted once, by id
        page.locator(".st-key-ex_pick").click()
        page.get_by_role("option", name="Recommendation: DHR-7 17.1", exact=True).click()
        frame.wait_for_function(f"() => document.getElementById('rg-network').dataset.selected === '{REC}'",
                                timeout=30_000)
        assert frame.evaluate("() => window.__highlights") == [REC]
        # another rerun with the same choice (the download box opened): no restyling
        page.get_by_text("Download this view").click()
        page.wait_for_selector("text=CSV is a zip", timeout=30_000)
        page.wait_for_timeout(500)
        assert frame.evaluate("() => window.__highlights") == [REC]
        browser.close()
