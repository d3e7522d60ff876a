"""A tiny, invented review graph for the examples in the analysis functions' docstrings.

Two reviews of invented places (Northby DHR-1, published 2020; Southby DHR-7, published 2022), each with a
few recommendations and actions, tagged with the shipped taxonomy. Deterministic; no real case.

>>> g = example_graph()
>>> sorted(n.id for n in g.of_kind("Review"))
['review:northby/dhr-1', 'review:southby/dhr-7']
"""

from __future__ import annotations

from reviewgraph.graph.graphdata import ReviewGraph
from reviewgraph.graph.model import Action, Agency, Document, Learning, Recommendation, Review

__all__ = ["example_graph"]


def example_graph(tag: bool = True, similar: bool = True) -> ReviewGraph:
    g = ReviewGraph()
    d1, d2 = "doc:example0000000001", "doc:example0000000002"
    r1, r2 = "review:northby/dhr-1", "review:southby/dhr-7"
    g.add_node(Review(id=r1, title="Northby DHR-1", area="Northby", number="DHR-1", published="2020-03-01",
                      doc=d1, line_start=1, line_end=1))
    g.add_node(Review(id=r2, title="Southby DHR-7", area="Southby", number="DHR-7", published="2022-05-01",
                      doc=d2, line_start=1, line_end=1))
    for d, r, kind in ((d1, r1, "action_plan"), (d2, r2, "action_plan")):
        g.add_node(Document(id=d, doc_kind=kind, title=f"{r} plan", file_name=f"{d[-1]}.txt", sha256=d[-1] * 64,
                            review=r, doc=d, line_start=1, line_end=50))
        g.link(r, "HAS_DOCUMENT", d, g.nodes[d])
    police = Agency(id="agency:northby-police", name="Northby Police", sector="police", doc=d1, line_start=2,
                    line_end=2)
    office = Agency(id="agency:home-office", name="Home Office", sector="national_body", doc=d2, line_start=2,
                    line_end=2)
    hub = Agency(id="agency:wellbeing-hub", name="Wellbeing Hub", doc=d2, line_start=3, line_end=3)
    for a in (police, office, hub):
        g.add_node(a)
    # (review, doc, number, text, owner agency, [(action text, start, target, status, outcome, progress)])
    recs = [
        (r1, d1, "1", "Northby Police review how MARAC referrals are made after repeat incidents.", police,
         [("Audit MARAC referrals", "2019-06-01", "2019-09-30", "complete", "Audit of 40 cases", None)]),
        (r1, d1, "2", "Agencies share information about risk with the GP.", None,
         [("Write an information sharing protocol", "2020-01-01", None, "in_progress", None, None)]),
        (r2, d2, "3", "Southby partners make sure MARAC referrals follow repeat incidents.", police,
         [("Review MARAC referral criteria", "2022-06-01", "2022-03-31", "not_started", "Better practice",
           None)]),
        (r2, d2, "4", "The panel raises with the Home Office the national concern about bail.", office,
         [("Letter sent", "2022-06-01", "2022-07-31", "complete", None, "No response received to date")]),
    ]
    for i, (rev, doc, num, text, agency, actions) in enumerate(recs, 1):
        rid = f"rec:{rev.split(':', 1)[1]}/{num}"
        rec = Recommendation(id=rid, review=rev, number=num, text=text, ordinal=i, doc=doc,
                             owner=agency.name if agency else None, line_start=10 * i, line_end=10 * i + 1)
        g.add_node(rec)
        g.link(rev, "MADE", rid, rec)
        if agency:
            g.link(rid, "ADDRESSED_TO", agency.id, rec)
        for k, (atext, start, target, status, outcome, progress) in enumerate(actions, 1):
            aid = f"action:{rid.split(':', 1)[1]}/{k}"
            act = Action(id=aid, review=rev, recommendation=rid, ordinal=k, text=atext, start=start,
                         target=target, target_end=target, status=status, outcome=outcome, progress=progress,
                         lead=agency.name if agency else None, doc=doc, line_start=10 * i, line_end=10 * i + 1)
            g.add_node(act)
            g.link(rid, "HAS_ACTION", aid, act)
            if agency:
                g.link(aid, "LED_BY", agency.id, act, shared=False)
    lrn = Learning(id="learning:southby/dhr-7/1", review=r2, number="1", doc=d2, line_start=40, line_end=41,
                   text="The Wellbeing Hub did not refer the victim to MARAC.")
    g.add_node(lrn)
    g.link(r2, "IDENTIFIED", lrn.id, lrn)
    g.link(lrn.id, "MENTIONS", hub.id, lrn, evidence="Wellbeing Hub")
    if tag:
        from reviewgraph.graph.themes import tag_graph

        tag_graph(g)
    if similar:
        from reviewgraph.graph.similarity import link_similar

        link_similar(g)
    return g
