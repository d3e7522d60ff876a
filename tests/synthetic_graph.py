"""A tiny, hand-built, entirely synthetic graph covering every node kind and relationship type.

For unit tests that need a graph but not the ingest (stores, queries, exports, app). Invented places and
agencies only. ``make_graph()`` is deterministic.
"""

from __future__ import annotations

from reviewgraph.graph.graphdata import ReviewGraph
from reviewgraph.graph.model import (
    REGISTRY_DOC,
    TAXONOMY_DOC,
    Action,
    Agency,
    Document,
    Learning,
    Recommendation,
    Review,
    StatusUpdate,
    Theme,
)


def make_graph() -> ReviewGraph:
    g = ReviewGraph()
    d1, d2 = "doc:aaaa000000000001", "doc:aaaa000000000002"
    r1, r2 = "review:northby/dhr-1", "review:southby/dhr-7"
    g.add_node(Review(id=r1, title="Northby DHR-1 'Ada'", area="Northby", number="DHR-1", pseudonym="Ada",
                      partnership="Northby Community Safety Partnership", doc=d1, line_start=1, line_end=1))
    g.add_node(Review(id=r2, title="Southby DHR-7", area="Southby", number="DHR-7",
                      partnership="Southby Community Safety Partnership", doc=d2, line_start=1, line_end=1))
    g.add_node(Document(id=d1, doc_kind="action_plan", title="Northby DHR-1 action plan", file_name="n1.txt",
                        sha256="a" * 64, review=r1, as_of="2021-01-01", doc=d1, line_start=1, line_end=40,
                        line_count=40))
    g.add_node(Document(id=d2, doc_kind="overview_report", title="Southby DHR-7 overview report",
                        file_name="s7.txt", sha256="b" * 64, review=r2, doc=d2, line_start=1, line_end=300,
                        line_count=300))
    police = Agency(id="agency:northby-police", name="Northby Police", aliases=["NP"], sector="police",
                    doc=REGISTRY_DOC, line_start=1, line_end=3)
    probation = Agency(id="agency:probation-service", name="Probation Service", sector="probation",
                       doc=REGISTRY_DOC, line_start=4, line_end=6)
    crc = Agency(id="agency:northby-crc", name="Northby Community Rehabilitation Company", sector="probation",
                 active_until="2021-06-26", doc=REGISTRY_DOC, line_start=7, line_end=9)
    unknown = Agency(id="agency:wellbeing-hub", name="Wellbeing Hub", resolved=False, doc=d1,
                     line_start=20, line_end=20)
    csp = Agency(id="agency:northby-community-safety-partnership", name="Northby Community Safety Partnership",
                 aliases=["Northby CSP"], sector="partnership", resolved=False, doc=d1, line_start=1, line_end=1)
    for a in (police, probation, crc, unknown, csp):
        g.add_node(a)
    g.link(r1, "COMMISSIONED_BY", csp.id, g.nodes[r1])
    g.link(crc.id, "SUCCEEDED_BY", probation.id, crc, date="2021-06-26")
    marac = Theme(id="theme:marac", label="MARAC", alt_labels=["Multi-Agency Risk Assessment Conference"],
                  doc=TAXONOMY_DOC, line_start=1, line_end=5)
    risk = Theme(id="theme:risk-assessment", label="Risk assessment", doc=TAXONOMY_DOC, line_start=6,
                 line_end=9)
    g.add_node(marac)
    g.add_node(risk)
    g.link(marac.id, "BROADER", risk.id, marac)

    recs = [
        (r1, d1, "1", "Northby Police review how MARAC referrals are made after repeat incidents.", police,
         [("Audit MARAC referrals", "April 2021", "2021-04-01", "complete")]),
        (r1, d1, "2", "The Wellbeing Hub records risk assessments on every contact.", unknown,
         [("Introduce a risk template", "TBC", None, "in_progress")]),
        (r2, d2, "17.1", "Southby partners assure the panel that MARAC referrals follow repeat incidents.",
         police, [("Review MARAC referral criteria", "June 2020", "2020-06-01", "not_started")]),
        (r2, d2, "17.2", "Probation supervision includes domestic abuse risk.", crc, []),
    ]
    for i, (rev, doc, num, text, agency, actions) in enumerate(recs, 1):
        key = rev.split(":", 1)[1]
        rid = f"rec:{key}/{num}"
        rec = Recommendation(id=rid, review=rev, number=num, text=text, owner=agency.name, ordinal=i,
                             level="single_agency", doc=doc, line_start=10 * i, line_end=10 * i + 2)
        g.add_node(rec)
        g.link(rev, "MADE", rid, rec)
        g.link(rid, "ADDRESSED_TO", agency.id, rec)
        g.link(rid, "MENTIONS", agency.id, rec, evidence=agency.name)
        if "MARAC" in text:
            g.link(rid, "ABOUT", marac.id, rec, evidence="MARAC", score=1.0)
        for k, (atext, raw, iso, status) in enumerate(actions, 1):
            aid = f"action:{key}/{num}/{k}"
            act = Action(id=aid, review=rev, recommendation=rid, ordinal=k, text=atext, lead=agency.name,
                         target_raw=raw, target=iso, status=status, doc=doc, line_start=10 * i,
                         line_end=10 * i + 1, dates_flagged=[] if iso or raw is None else [raw])
            g.add_node(act)
            g.link(rid, "HAS_ACTION", aid, act)
            g.link(aid, "LED_BY", agency.id, act, shared=False)
            su = StatusUpdate(id=f"status:{key}/{num}/{k}@x", action=aid, status=status, as_of="2021-01-01",
                              doc=doc, line_start=10 * i, line_end=10 * i)
            g.add_node(su)
            g.link(aid, "HAS_STATUS", su.id, su)
    lrn = Learning(id="learning:southby/dhr-7/16.1", review=r2, number="16.1",
                   text="Repeat incidents were not referred to MARAC.", applies_raw="Recommendation 1 applies",
                   doc=d2, line_start=200, line_end=204)
    g.add_node(lrn)
    g.link(r2, "IDENTIFIED", lrn.id, lrn)
    g.link(lrn.id, "INFORMS", "rec:southby/dhr-7/17.1", lrn)
    g.link(lrn.id, "ABOUT", marac.id, lrn, evidence="MARAC", score=1.0)
    g.link("rec:northby/dhr-1/1", "SIMILAR_TO", "rec:southby/dhr-7/17.1", lrn, score=0.81)
    g.link(r1, "HAS_DOCUMENT", d1, g.nodes[d1])
    g.link(r2, "HAS_DOCUMENT", d2, g.nodes[d2])
    return g
