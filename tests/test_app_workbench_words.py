"""The query workbench in plain words: each saved query by its file's title, each parameter by the words of
graph.labels (PARAM_LABELS), the results with names and statuses in words; the file names, parameter names
and ids stay for analysts, behind "How this query works" (Streamlit's AppTest on the synthetic graph)."""

from __future__ import annotations

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from reviewgraph.graph.labels import PARAM_LABELS, param_label
from reviewgraph.queries.saved import saved_queries
from tests.webapp_support import MAIN, write_store

NAMES = {q.name for q in saved_queries()}
PARAMS = {p.name for q in saved_queries() for p in q.params}


@pytest.fixture()
def workbench(tmp_path, monkeypatch) -> AppTest:
    monkeypatch.setenv("REVIEWGRAPH_DB", str(write_store(tmp_path / "store")))
    monkeypatch.delenv("REVIEWGRAPH_AUTH_FILE", raising=False)
    at = AppTest.from_file(str(MAIN), default_timeout=60).run()
    at.switch_page("views/workbench.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_every_saved_query_parameter_has_words():
    assert PARAMS, "no saved query has a parameter"
    missing = sorted(PARAMS - set(PARAM_LABELS))
    assert not missing, f"saved query parameters without words in graph.labels.PARAM_LABELS: {missing}"
    assert param_label("as_of") == "Status as of" and param_label("only_overdue") == "Only overdue actions"


@pytest.mark.parametrize("engine", ["cypher", "sparql"])
def test_queries_are_offered_by_title_and_parameters_by_words(workbench, engine):
    at = workbench
    at.selectbox(key="wb_engine").set_value(engine).run()
    box = at.selectbox(key="wb_query")
    titles = {q.title for q in saved_queries(engine)}
    assert set(box.options) == titles
    assert not [o for o in box.options if any(n in o for n in NAMES)]
    box.set_value("actions_open_as_of").run()
    assert at.date_input(key="wb_p_actions_open_as_of_as_of").label == "Status as of"
    assert at.checkbox(key="wb_p_actions_open_as_of_only_overdue").label == "Only overdue actions"
    labels = [w.label for kind in ("date_input", "checkbox", "text_input", "number_input", "selectbox", "toggle")
              for w in at.get(kind)]
    assert not [lab for lab in labels if lab in PARAMS or "_" in lab], labels
    # outside the analysts' expander, no query file name and no parameter name is written on the page
    outside = [str(e.value) for kind in ("markdown", "caption", "info") for e in at.get(kind)
               if "reviewgraph query run" not in str(e.value) and "Status on" not in str(e.value)]
    assert not [t for t in outside if any(n in t for n in NAMES)], outside
    for exp in at.expander:  # the analyst still sees the query's text and its file
        if exp.label.startswith("How this query works"):
            assert any("actions_open_as_of" in str(c.value) for c in exp.caption)
            assert any("MATCH" in str(c.value) or "SELECT" in str(c.value) for c in exp.code)
            break
    else:
        raise AssertionError("no analysts' expander")


def test_results_name_things_in_words_and_codes_on_request(workbench):
    at = workbench
    at.selectbox(key="wb_query").set_value("actions_open_as_of").run()
    at.date_input(key="wb_p_actions_open_as_of_as_of").set_value(dt.date(2030, 1, 1)).run()
    at.button(key="wb_run").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    frame = at.dataframe[0].value
    assert len(frame) > 0
    assert not [c for c in frame.columns if "_" in c], list(frame.columns)
    cells = [str(v) for v in frame.astype(str).to_numpy().ravel()]
    assert not [c for c in cells if c.startswith(("review:", "action:", "rec:")) or c in ("in_progress",
                                                                                         "not_started")]
    assert {"review", "action", "status", "overdue"} <= set(frame.columns)
    assert set(frame["overdue"]) <= {"yes", "no"}
    at.toggle(key="wb_codes").set_value(True).run()
    at.button(key="wb_run").click().run()
    raw = at.dataframe[0].value
    assert {"review_id", "action_id"} <= set(raw.columns)
    assert all(str(v).startswith("action:") for v in raw["action_id"])
