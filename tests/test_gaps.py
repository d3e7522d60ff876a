"""Gaps: one synthetic plan per gap kind, each with a case that must be found and one that must not."""

from __future__ import annotations

from typing import Any

import pytest

from reviewgraph.graph.graphdata import ReviewGraph
from reviewgraph.graph.model import (Action, Agency, Document, Learning, Recommendation, Review, StatusUpdate)
from reviewgraph.graph.themes import tag_graph
from reviewgraph.queries import gaps
from reviewgraph.queries.gaps import GAP_KINDS, ROW_KEYS, find_gaps

DOC = "doc:synthetic000001"


class Plan:
    """A tiny synthetic review with recommendations and actions, built step by step."""

    def __init__(self, key: str = "westby/dhr-9", published: str | None = "2021-01-15",
                 death: str | None = None) -> None:
        self.g = ReviewGraph()
        self.key = key
        self.review = f"review:{key}"
        self.g.add_node(Review(id=self.review, title=f"Westby {key}", published=published, death_date=death,
                               doc=DOC, line_start=1, line_end=1))
        self.n = 0

    def agency(self, name: str, **kw: Any) -> str:
        aid = "agency:" + name.lower().replace(" ", "-")
        if aid not in self.g.nodes:
            self.g.add_node(Agency(id=aid, name=name, doc=DOC, line_start=2, line_end=2, **kw))
        return aid

    def rec(self, text: str, owner: str | None = None, scope: str | None = None,
            actions: list[dict[str, Any]] = ()) -> str:
        self.n += 1
        rid = f"rec:{self.key}/{self.n}"
        self.g.add_node(Recommendation(id=rid, review=self.review, number=str(self.n), text=text, ordinal=self.n,
                                       owner=owner, scope=scope, doc=DOC, line_start=10 * self.n,
                                       line_end=10 * self.n))
        self.g.link(self.review, "MADE", rid, self.g.nodes[rid])
        if owner:
            self.g.link(rid, "ADDRESSED_TO", self.agency(owner), self.g.nodes[rid])
        for k, a in enumerate(actions, 1):
            aid = f"action:{self.key}/{self.n}/{k}"
            updates = a.pop("updates", [])
            act = Action(id=aid, review=self.review, recommendation=rid, ordinal=k, doc=DOC,
                         line_start=10 * self.n + k, line_end=10 * self.n + k, **a)
            self.g.add_node(act)
            self.g.link(rid, "HAS_ACTION", aid, act)
            if act.lead:
                self.g.link(aid, "LED_BY", self.agency(act.lead), act, shared=False)
            for as_of, status in updates:
                su = StatusUpdate(id=f"status:{self.key}/{self.n}/{k}@{as_of}", action=aid, status=status,
                                  as_of=as_of, doc=DOC, line_start=1, line_end=1)
                self.g.add_node(su)
                self.g.link(aid, "HAS_STATUS", su.id, su)
        return rid


def numbers(rows: list[dict[str, Any]], kind: str | None = None) -> list[str]:
    return [r["number"] for r in rows if kind is None or r["kind"] == kind]


def test_every_gap_kind_has_a_label_and_rows_have_the_same_keys() -> None:
    p = Plan()
    p.rec("A recommendation nobody owns.", actions=[{"text": "do it", "target": "2020-01-01"}])
    rows = find_gaps(p.g, "2022-01-01")
    assert rows
    assert all(tuple(r) == ROW_KEYS for r in rows)
    assert set(gaps.GAP_LABELS) == set(GAP_KINDS)


def test_overdue_and_open_actions_as_of_a_date() -> None:
    p = Plan()
    p.rec("Late one.", owner="Westby Police", actions=[
        {"text": "a", "lead": "Westby Police", "target": "2021-03-01", "target_end": "2021-03-31",
         "status": "in_progress"}])
    p.rec("Done one.", owner="Westby Police", actions=[
        {"text": "b", "target": "2021-03-01", "status": "complete"}])
    p.rec("Future one.", owner="Westby Police", actions=[
        {"text": "c", "target": "2023-03-01", "status": "not_started"}])
    assert numbers(gaps.overdue_actions(p.g, "2021-06-30")) == ["1"]
    assert numbers(gaps.overdue_actions(p.g, "2021-03-15")) == []     # the target period has not ended
    assert numbers(gaps.open_actions(p.g, "2021-06-30")) == ["3"]
    assert numbers(gaps.open_actions(p.g, "2021-03-15")) == ["1", "3"]


def test_status_is_taken_as_of_the_date_from_progress_updates() -> None:
    p = Plan()
    p.rec("Versioned.", owner="Westby Police", actions=[
        {"text": "a", "target": "2020-06-30", "status": "complete",
         "updates": [("2020-09-30", "in_progress"), ("2021-06-30", "complete")]}])
    assert numbers(gaps.overdue_actions(p.g, "2020-12-31")) == ["1"]
    assert numbers(gaps.overdue_actions(p.g, "2021-12-31")) == []


def test_no_owner() -> None:
    p = Plan()
    p.rec("Owned by its addressee.", owner="Westby Council")
    p.rec("Owned through its action lead.", actions=[{"text": "x", "lead": "Westby Police"}])
    p.rec("Owned by nobody.", actions=[{"text": "y"}])
    assert numbers(gaps.no_owner(p.g)) == ["3"]


def test_owner_ceased_names_the_successor() -> None:
    p = Plan()
    crc = p.agency("Westby CRC", active_until="2021-06-26")
    heir = p.agency("Probation Service")
    p.g.link(crc, "SUCCEEDED_BY", heir, p.g.nodes[crc], date="2021-06-26")
    p.rec("Open work for a body that ended.", owner="Westby CRC", actions=[{"text": "a", "status": "in_progress"}])
    p.rec("Finished work.", owner="Westby CRC", actions=[{"text": "b", "status": "complete"}])
    rows = gaps.owner_ceased(p.g, "2022-01-01")
    assert numbers(rows) == ["1"]
    assert "Probation Service" in rows[0]["detail"]
    assert gaps.owner_ceased(p.g, "2021-01-01") == []


def test_no_action_only_in_reviews_with_a_plan() -> None:
    p = Plan()
    p.rec("Has an action.", owner="Westby Police", actions=[{"text": "a"}])
    p.rec("Has none.", owner="Westby Police")
    assert numbers(gaps.no_action(p.g)) == ["2"]
    q = Plan()
    q.rec("Report only, no plan read.", owner="Westby Police")
    assert gaps.no_action(q.g) == []


def test_no_target_date() -> None:
    p = Plan()
    p.rec("Dated.", owner="Westby Police", actions=[{"text": "a", "target": "2021-04-01"}])
    p.rec("Undated.", owner="Westby Police", actions=[{"text": "b", "target_raw": "Ongoing"}])
    p.rec("Undated but complete.", owner="Westby Police", actions=[{"text": "c", "status": "complete"}])
    rows = gaps.no_target_date(p.g)
    assert numbers(rows) == ["2"]
    assert "Ongoing" in rows[0]["detail"]


def test_no_measurable_outcome() -> None:
    p = Plan()
    p.rec("Measured.", owner="Westby Police", actions=[{"text": "a", "outcome": "Audit of 20 cases in 2021"}])
    p.rec("Vague.", owner="Westby Police", actions=[{"text": "b", "outcome": "Better practice"}])
    p.rec("Nothing.", owner="Westby Police", actions=[{"text": "c"}])
    assert numbers(gaps.no_measurable_outcome(p.g)) == ["2", "3"]


def test_recurring_theme_with_no_completed_action() -> None:
    a = Plan("northby/dhr-1")
    a.rec("Police review MARAC referrals.", owner="Northby Police", actions=[{"text": "x", "status": "in_progress"}])
    a.rec("Agencies deliver stalking awareness.", owner="Northby Police", actions=[{"text": "s", "status": "complete"}])
    b = Plan("southby/dhr-2")
    b.rec("Refer every high-risk case to MARAC.", owner="Southby Police", actions=[{"text": "y"}])
    b.rec("Stalking cases get a specialist.", owner="Southby Police", actions=[{"text": "z"}])
    g = a.g
    for n in b.g.nodes.values():
        g.add_node(n)
    for e in b.g.edges.values():
        g.add_edge(e)
    tag_graph(g)
    rows = gaps.recurring_theme_unresolved(g)
    labels = [r["text"] for r in rows]
    assert "theme: MARAC" in labels
    assert "theme: Stalking and harassment" not in labels   # one of its actions is complete
    marac = next(r for r in rows if r["text"] == "theme: MARAC")
    assert marac["review"] == "review:northby/dhr-1; review:southby/dhr-2"
    assert gaps.recurring_theme_unresolved(g, min_reviews=3) == []


def test_agency_named_in_learning_but_absent_from_the_plan() -> None:
    p = Plan()
    p.rec("Police audit referrals.", owner="Westby Police", actions=[{"text": "a", "lead": "Westby Police"}])
    hub = p.agency("Westby Hub")
    police = p.agency("Westby Police")
    office = p.agency("Home Office", sector="national_body")
    lrn = Learning(id="learning:westby/dhr-9/1", review=p.review, number="1", text="The Hub and police missed it.",
                   doc=DOC, line_start=50, line_end=51)
    p.g.add_node(lrn)
    p.g.link(p.review, "IDENTIFIED", lrn.id, lrn)
    for a in (hub, police, office):
        p.g.link(lrn.id, "MENTIONS", a, lrn, evidence="x")
    generic = p.agency("Police")
    p.g.link(lrn.id, "MENTIONS", generic, lrn, evidence="police")      # inside "Westby Police": not a gap
    cps = p.agency("Crown Prosecution Service", sector="criminal_justice")
    nat = p.rec("The Chair raises with the CPS the following national concern: delays.", owner="Westby Police")
    p.g.link(nat, "MENTIONS", cps, p.g.nodes[nat], evidence="CPS")   # a national ask: its own gap
    p.rec("Adult social care audits referrals.", owner="WASC", actions=[{"text": "b", "lead": "WASC"}])
    asc = p.agency("Adult Social Care")
    p.g.link(lrn.id, "MENTIONS", asc, lrn, evidence="adult social care")  # the plan's "WASC": not a gap
    rows = gaps.agencies_absent_from_plan(p.g)
    assert [r["detail"].split(" named")[0] for r in rows] == ["Westby Hub"]
    assert rows[0]["line_start"] == 50


def test_national_recommendations_with_no_response() -> None:
    p = Plan()
    p.rec("The Chair raises with the Home Office the following national concern: bail.", owner="Westby Board",
          actions=[{"text": "Letter", "status": "complete", "progress": "Letter sent. No response received to date"}])
    p.rec("The Chair writes to the CPS about charging delays.", owner="Westby Board",
          actions=[{"text": "Letter", "status": "complete", "progress": "A response was received in May"}])
    p.rec("Scope national, nothing recorded.", owner="Westby Board", scope="national")
    p.rec("A local recommendation.", owner="Westby Board", actions=[{"text": "x"}])
    rows = gaps.national_no_response(p.g)
    assert numbers(rows) == ["1", "3"]
    assert "No response" in rows[0]["detail"]


def test_date_anomalies_target_before_start_and_outside_the_review_life() -> None:
    p = Plan(published="2020-12-01")
    p.rec("Backwards.", owner="Westby Police", actions=[
        {"text": "a", "start": "2020-10-01", "start_raw": "Oct 2020", "target": "2020-01-01",
         "target_end": "2020-01-31", "target_raw": "Jan 2020"}])
    p.rec("Same month is fine.", owner="Westby Police", actions=[
        {"text": "b", "start": "2021-04-01", "target": "2021-04-01", "target_end": "2021-04-30"}])
    p.rec("Typo year.", owner="Westby Police", actions=[{"text": "c", "start": "2010-01-01", "start_raw": "Jan 2010",
                                                          "target": "2021-04-01"}])
    p.rec("Far future.", owner="Westby Police", actions=[{"text": "d", "target": "2031-01-01"}])
    rows = gaps.date_anomalies(p.g)
    assert numbers(rows) == ["1", "3", "4"]
    assert "Jan 2020" in rows[0]["detail"] and "before start" in rows[0]["detail"]


def test_find_gaps_filters_by_kind_and_review_and_rejects_unknown_kinds() -> None:
    p = Plan()
    p.rec("Nobody.", actions=[{"text": "y", "target": "2020-01-01"}])
    rows = find_gaps(p.g, "2022-01-01", kinds=["no_owner"])
    assert {r["kind"] for r in rows} == {"no_owner"}
    assert find_gaps(p.g, "2022-01-01", review="review:elsewhere") == []
    with pytest.raises(ValueError):
        find_gaps(p.g, "2022-01-01", kinds=["nonsense"])
    with pytest.raises(ValueError):
        find_gaps(p.g, "31/12/2021")
