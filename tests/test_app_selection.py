"""The explorer keeps what was chosen by node id across reruns: two reviews each have a recommendation
"16.1", and whatever the user does next (a filter ticked, a search typed, another starting point, a click
on the network) the details box shows the node that was chosen, never its namesake (Streamlit's AppTest:
the real script runner, no browser)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from reviewgraph.graph.model import Recommendation
from reviewgraph.graph.network import node_label, review_names
from tests.synthetic_graph import make_graph
from tests.webapp_support import open_app, write_store

NORTH = "rec:northby/dhr-1/16.1"
SOUTH = "rec:southby/dhr-7/16.1"
NORTH_TEXT = "Northby partners share minutes of the risk panel within five days"
SOUTH_TEXT = "Southby partners audit housing referrals every quarter"


def _twins():
    """The synthetic graph plus a recommendation numbered 16.1 in each of its two reviews (the first in id
    order is Northby's, so a choice restored by label would land on it)."""
    g = make_graph()
    for rid, review, doc, text, line in ((NORTH, "review:northby/dhr-1", "doc:aaaa000000000001", NORTH_TEXT, 33),
                                         (SOUTH, "review:southby/dhr-7", "doc:aaaa000000000002", SOUTH_TEXT, 250)):
        rec = Recommendation(id=rid, review=review, number="16.1", text=text, ordinal=16, doc=doc,
                             line_start=line, line_end=line)
        g.add_node(rec)
        g.link(review, "MADE", rid, rec)
        g.link(rid, "ADDRESSED_TO", "agency:northby-police", rec)
        g.link(rid, "ABOUT", "theme:marac", rec)
    return g


@pytest.fixture()
def app(tmp_path, monkeypatch):
    at = open_app(monkeypatch, write_store(tmp_path / "store", _twins()), "views/explorer.py")
    assert not at.exception, [e.value for e in at.exception]
    return at


def _details(at: AppTest) -> str:
    parts = [s.value for s in at.subheader] + [m.value for m in at.markdown] + [c.value for c in at.caption]
    return "\n".join(parts)


def _shows(at: AppTest, rec: str) -> None:
    assert not at.exception, [e.value for e in at.exception]
    text = _details(at)
    mine, other = (NORTH_TEXT, SOUTH_TEXT) if rec == NORTH else (SOUTH_TEXT, NORTH_TEXT)
    assert mine in text and other not in text
    assert at.session_state["ex_node"] == rec
    assert at.selectbox(key="ex_pick").value == rec


def test_labels_name_their_review_and_the_picker_names_are_unique(app):
    g = _twins()
    names = review_names(g)
    assert node_label(g.nodes[NORTH], names) == "DHR-1 16.1"
    assert node_label(g.nodes[SOUTH], names) == "DHR-7 16.1"
    app.radio(key="ex_mode").set_value("filters").run()
    picker = app.selectbox(key="ex_pick")
    shown = list(picker.options)  # what the user reads
    assert len(set(shown)) == len(shown)
    assert "Recommendation: DHR-7 16.1" in shown and "Recommendation: DHR-1 16.1" in shown


def test_the_choice_survives_filters_and_searches(app):
    app.radio(key="ex_mode").set_value("filters").run()
    app.selectbox(key="ex_pick").select(SOUTH).run()
    _shows(app, SOUTH)
    app.multiselect(key="ex_themes").select("theme:marac").run()  # a filter ticked: other options
    _shows(app, SOUTH)
    app.text_input(key="ex_text").input("16.1").run()  # a search
    _shows(app, SOUTH)
    app.multiselect(key="ex_kinds").set_value(["Recommendation", "Review", "Theme"]).run()
    _shows(app, SOUTH)
    app.text_input(key="ex_text").input("housing").run()  # still in the view: still shown
    _shows(app, SOUTH)
    app.text_input(key="ex_text").input("minutes of the risk panel").run()  # no longer in the view
    assert "ex_node" not in app.session_state
    assert SOUTH_TEXT not in _details(app) and NORTH_TEXT not in _details(app)


def _click(at: AppTest, node: str) -> None:
    """What the network component sends back on a click: the node's id (tests/test_app_browser.py clicks
    for real)."""
    at.session_state["ex_network"] = node
    at.run()


def test_a_click_chooses_by_id_and_adds_the_neighbours(app):
    app.selectbox(key="ex_focus").select("review:southby/dhr-7").run()
    before = next(c.value for c in app.caption if c.value.startswith("Showing"))
    assert "Recommendation: DHR-1 16.1" not in app.selectbox(key="ex_pick").options
    _click(app, SOUTH)
    _shows(app, SOUTH)
    _click(app, "theme:marac")  # its neighbours: the other review's 16.1 among them
    assert app.session_state["ex_node"] == "theme:marac"
    assert app.session_state["ex_expanded"] == [SOUTH, "theme:marac"]
    after = next(c.value for c in app.caption if c.value.startswith("Showing"))
    assert int(after.split()[1]) > int(before.split()[1])
    assert "Recommendation: DHR-1 16.1" in app.selectbox(key="ex_pick").options
    app.selectbox(key="ex_pick").select(NORTH).run()
    _shows(app, NORTH)
    _click(app, SOUTH)
    _shows(app, SOUTH)
    app.radio(key="ex_mode").set_value("themes").run()  # another starting point: the choice is let go
    assert "ex_node" not in app.session_state and app.session_state["ex_expanded"] == []


def test_the_explorer_starts_small(app):
    shown = next(c.value for c in app.caption if c.value.startswith("Showing"))
    assert int(shown.split()[1]) <= 150
    app.radio(key="ex_mode").set_value("themes").run()
    shown = next(c.value for c in app.caption if c.value.startswith("Showing"))
    assert int(shown.split()[1]) <= 150
