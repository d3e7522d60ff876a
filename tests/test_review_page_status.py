"""The Review page gives a recommendation's and an action's status by the one rule (graph.status): the status
on a date (today by default), not the latest status any document recorded. On a synthetic graph where the two
answers differ: the plan (2014) says 'not started', a progress update dated in the future says 'complete'."""

from __future__ import annotations

import datetime as dt

from streamlit.testing.v1 import AppTest

from reviewgraph.graph.graphdata import ReviewGraph
from reviewgraph.graph.model import Action, Document, Recommendation, Review, StatusUpdate
from reviewgraph.queries.gaps import find_gaps
from tests.webapp_support import MAIN, write_store

PLAN, UPDATE = "doc:" + "c" * 16, "doc:" + "d" * 16
LATER = "2099-06-30"  # the progress update's date: after any day the test runs


def later_update_graph() -> ReviewGraph:
    """One review, one recommendation, two actions; the plan of 2014 calls both 'not started', a progress
    update dated 2099 calls both 'complete' (so their latest recorded status is 'complete')."""
    g = ReviewGraph()
    rid = "review:eastby/dhr-5"
    g.add_node(Review(id=rid, title="Eastby DHR-5", area="Eastby", number="DHR-5", doc=PLAN, line_start=1,
                      line_end=1))
    for did, kind, name, as_of in ((PLAN, "action_plan", "eastby-plan.txt", "2014-01-31"),
                                   (UPDATE, "progress_update", "eastby-update.txt", LATER)):
        g.add_node(Document(id=did, doc_kind=kind, title=name, file_name=name, sha256=did[-1] * 64, review=rid,
                            as_of=as_of, doc=did, line_start=1, line_end=20, line_count=20))
        g.link(rid, "HAS_DOCUMENT", did, g.nodes[did])
    rec = Recommendation(id="rec:eastby/dhr-5/1", review=rid, number="1", text="Partners audit referrals",
                         owner="Eastby Police", ordinal=1, doc=PLAN, line_start=5, line_end=5)
    g.add_node(rec)
    g.link(rid, "MADE", rec.id, rec)
    for k in (1, 2):
        aid = f"action:eastby/dhr-5/1/{k}"
        act = Action(id=aid, review=rid, recommendation=rec.id, ordinal=k, text=f"step {k}", target="2015-03-31",
                     target_end="2015-03-31", status="complete", as_of=LATER, doc=PLAN, line_start=6 + k,
                     line_end=6 + k)
        g.add_node(act)
        g.link(rec.id, "HAS_ACTION", aid, act)
        for did, status, as_of in ((PLAN, "not_started", "2014-01-31"), (UPDATE, "complete", LATER)):
            su = StatusUpdate(id=f"status:{aid}@{did}", action=aid, status=status, as_of=as_of, doc=did,
                              line_start=6 + k, line_end=6 + k)
            g.add_node(su)
            g.link(aid, "HAS_STATUS", su.id, su)
    return g


def _tables(at: AppTest):
    recs = next(df.value for df in at.dataframe if "recommendation" in df.value.columns)
    actions = next(df.value for df in at.dataframe if "action" in df.value.columns)
    return list(recs["status"]), list(actions["status"])


def test_the_review_page_takes_the_status_on_the_date(tmp_path, monkeypatch):
    g = later_update_graph()
    assert {a.status for a in g.of_kind("Action")} == {"complete"}  # the latest recorded: what it showed before
    monkeypatch.setenv("REVIEWGRAPH_DB", str(write_store(tmp_path / "store", g)))
    monkeypatch.delenv("REVIEWGRAPH_AUTH_FILE", raising=False)
    at = AppTest.from_file(str(MAIN), default_timeout=60).run()
    at.switch_page("views/review.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.date_input(key="rv_as_of").value == dt.date.today()
    recs, actions = _tables(at)
    assert recs == ["not started"] and actions == ["not started", "not started"]
    today = dt.date.today().isoformat()
    assert len(find_gaps(g, today, kinds=["overdue"])) == 2  # the gap report agrees: both overdue today
    assert next(m for m in at.metric if m.label == "Open actions").value == "2"

    at.date_input(key="rv_as_of").set_value(dt.date(2100, 1, 1)).run()
    recs, actions = _tables(at)
    assert recs == ["complete"] and actions == ["complete", "complete"]
    assert next(m for m in at.metric if m.label == "Open actions").value == "0"

    at.date_input(key="rv_as_of").set_value(dt.date(2013, 1, 1)).run()  # before any document
    recs, actions = _tables(at)
    assert recs == ["no status recorded"] and actions == ["no status recorded"] * 2
