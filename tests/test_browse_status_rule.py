"""Every page's statuses by the one rule: the Overview's chart, the Agency page's open actions and the Theme and
Review tables take an action's status on a date (today by default), as the gap report does, not the latest status
any document recorded. The graph: a plan of 2014 says 'not started', a progress update dated 2099 'complete'."""

from __future__ import annotations

import datetime as dt

from reviewgraph.graph.model import Agency
from reviewgraph.queries import browse
from reviewgraph.queries.gaps import find_gaps
from tests.test_review_page_status import LATER, later_update_graph


def _graph_with_lead():
    g = later_update_graph()
    agency = Agency(id="agency:eastby-police", name="Eastby Police", sector="police", doc=g.nodes["rec:eastby/dhr-5/1"].doc,
                    line_start=5, line_end=5)
    g.add_node(agency)
    for act in list(g.of_kind("Action")):
        g.link(act.id, "LED_BY", agency.id, agency)
    return g, agency.id


def test_the_overview_counts_recommendations_by_their_status_today():
    g, _ = _graph_with_lead()
    assert browse.recommendations_by_status(g) == [{"status": "not_started", "recommendations": 1}]
    assert browse.recommendations_by_status(g, LATER) == [{"status": "complete", "recommendations": 1}]


def test_the_agency_page_lists_as_open_what_is_open_today():
    g, agency = _graph_with_lead()
    today = browse.agency_detail(g, agency)["open_actions"]
    assert [r["status"] for r in today] == ["not_started", "not_started"]
    # the same actions the gap report calls open or overdue today (past their target: overdue, not open)
    gaps = find_gaps(g, dt.date.today(), kinds=["open", "overdue"])
    assert {r["id"] for r in today} == {r["action"] for r in gaps}
    assert browse.agency_detail(g, agency, LATER)["open_actions"] == []


def test_review_and_theme_tables_follow_the_date():
    g, _ = _graph_with_lead()
    detail = browse.review_detail(g, "review:eastby/dhr-5")
    assert [r["status"] for r in detail["recommendations"]] == ["not_started"]
    assert {r["status"] for r in detail["actions"]} == {"not_started"}
    later = browse.review_detail(g, "review:eastby/dhr-5", LATER)
    assert [r["status"] for r in later["recommendations"]] == ["complete"]
