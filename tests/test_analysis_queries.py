"""Shared themes (with filters), emerging terms, the appears-elsewhere report and structural gaps."""

from __future__ import annotations

from reviewgraph.graph.graphdata import ReviewGraph
from reviewgraph.graph.model import Action, Agency, Learning, Recommendation, Review
from reviewgraph.graph.similarity import link_similar
from reviewgraph.graph.themes import tag_graph
from reviewgraph.queries.clusters import structural_gaps, theme_communities, theme_cooccurrence
from reviewgraph.queries.recurrence import appears_elsewhere, recurrence_report
from reviewgraph.queries.themes import emerging_terms, shared_themes


def build(reviews: dict[str, dict]) -> ReviewGraph:
    """reviews: key -> {area, published, recs: [(text, agency, [(action text, status)])], learning: [text]}"""
    g = ReviewGraph()
    for key, spec in reviews.items():
        rid, doc = f"review:{key}", f"doc:{key.replace('/', '-')}"
        g.add_node(Review(id=rid, title=key.title(), area=spec["area"], published=spec.get("published"), doc=doc,
                          line_start=1, line_end=1))
        for n, (text, agency, actions) in enumerate(spec.get("recs", []), 1):
            rec = Recommendation(id=f"rec:{key}/{n}", review=rid, number=str(n), text=text, ordinal=n,
                                 owner=agency, doc=doc, line_start=10 * n, line_end=10 * n)
            g.add_node(rec)
            g.link(rid, "MADE", rec.id, rec)
            if agency:
                aid = "agency:" + agency.lower().replace(" ", "-")
                g.add_node(Agency(id=aid, name=agency, doc=doc, line_start=2, line_end=2))
                g.link(rec.id, "ADDRESSED_TO", aid, rec)
            for k, (atext, status) in enumerate(actions, 1):
                act = Action(id=f"action:{key}/{n}/{k}", review=rid, recommendation=rec.id, ordinal=k, text=atext,
                             status=status, doc=doc, line_start=10 * n + k, line_end=10 * n + k)
                g.add_node(act)
                g.link(rec.id, "HAS_ACTION", act.id, act)
        for n, text in enumerate(spec.get("learning", []), 1):
            lrn = Learning(id=f"learning:{key}/{n}", review=rid, number=str(n), text=text, doc=doc,
                           line_start=100 + n, line_end=100 + n)
            g.add_node(lrn)
            g.link(rid, "IDENTIFIED", lrn.id, lrn)
    tag_graph(g)
    link_similar(g)
    return g


REVIEWS = {
    "northby/dhr-1": {"area": "Northby", "published": "2019-05-01",
                      "recs": [("All agencies should ensure that frontline staff receive training on recognising "
                                "coercive and controlling behaviour.", "Northby Council", [("Deliver training", "complete")]),
                               ("Police to check the golden hour evidence in every call.", "Northby Police", [])],
                      "learning": ["Substance misuse and mental health needs were seen apart.",
                                   "Nobody linked her alcohol use to her mental health.",
                                   "Neighbours heard the golden hour arguments."]},
    "southby/dhr-7": {"area": "Southby", "published": "2022-02-01",
                      "recs": [("Partner agencies to provide training so that front line practitioners can identify "
                                "coercive and controlling behaviour.", "Southby Police", [("Training plan", "in_progress")]),
                               ("Officers secure golden hour evidence.", "Southby Police", [])],
                      "learning": ["Drug use and depression were handled by different teams."]},
    "westby/dhr-3": {"area": "Westby", "published": "2023-02-01",
                     "recs": [("Agencies to train frontline staff to recognise coercive and controlling behaviour.",
                               "Westby Police", [])]},
}


def test_shared_themes_rank_and_filter() -> None:
    g = build(REVIEWS)
    rows = shared_themes(g, min_reviews=3)
    assert {"theme:coercive-control", "theme:training"} <= {r["theme"] for r in rows}
    top = next(r for r in rows if r["theme"] == "theme:coercive-control")
    assert top["review_count"] == 3 and top["recommendation_count"] == 3
    assert {"Northby Council", "Southby Police", "Westby Police"} <= set(top["agencies"])
    assert [r["review_count"] for r in rows] == sorted((r["review_count"] for r in rows), reverse=True)
    by_area = shared_themes(g, area="southby")
    assert by_area and all(r["reviews"] == ["review:southby/dhr-7"] for r in by_area)
    recent = shared_themes(g, since="2022-01-01", theme="coercive-control")
    assert [r["review_count"] for r in recent] == [2]
    assert shared_themes(g, until="2019-12-31", theme="Coercive and controlling behaviour")[0]["reviews"] == \
        ["review:northby/dhr-1"]
    westby = shared_themes(g, agency="westby")
    assert westby and all(r["reviews"] == ["review:westby/dhr-3"] for r in westby)


def test_emerging_terms_are_frequent_across_reviews_and_in_no_theme() -> None:
    g = build(REVIEWS)
    rows = emerging_terms(g, min_reviews=2)
    terms = [r["term"] for r in rows]
    assert "golden hour" in terms
    golden = next(r for r in rows if r["term"] == "golden hour")
    assert golden["review_count"] == 2
    assert "training" not in terms and "coercive" not in terms   # in a theme
    assert "northby" not in terms                                # a place
    assert emerging_terms(g, min_reviews=3) == [] or all(r["review_count"] >= 3 for r in emerging_terms(g, 3))


def test_appears_elsewhere_lists_earlier_repeats_and_their_completion() -> None:
    g = build(REVIEWS)
    rows = appears_elsewhere(g, "review:westby/dhr-3")
    others = {r["other_review"]: r for r in rows if r["other_recommendation"]}
    assert set(others) == {"review:northby/dhr-1", "review:southby/dhr-7"}
    assert others["review:northby/dhr-1"]["other_completed"] == "all"
    assert others["review:southby/dhr-7"]["other_completed"] == "none"
    assert all(r["earlier"] for r in others.values())
    first = appears_elsewhere(g, "review:northby/dhr-1")
    assert all(r["other_recommendation"] is None for r in first)   # nothing earlier than the first review
    later = appears_elsewhere(g, "review:northby/dhr-1", earlier_only=False)
    assert {r["other_review"] for r in later if r["other_review"]} == {"review:southby/dhr-7", "review:westby/dhr-3"}
    assert all(r["other_recommendation"] for r in recurrence_report(g))


def test_structural_gap_themes_joined_in_learning_but_not_in_recommendations() -> None:
    g = build(REVIEWS)
    co = theme_cooccurrence(g, "Learning")
    assert co.has_edge("theme:mental-health", "theme:substance-misuse")
    assert co.edges["theme:mental-health", "theme:substance-misuse"]["weight"] == 3
    rows = structural_gaps(g, min_learning=2)
    pairs = {(r["a"], r["b"]) for r in rows if r["kind"] == "themes"}
    assert ("theme:mental-health", "theme:substance-misuse") in pairs
    assert all(r["recommendations"] == 0 and r["learning"] >= 2 for r in rows)
    comms = theme_communities(g)
    assert comms and sum(c["size"] for c in comms) == len({t for c in comms for t in c["themes"]})


def test_suggestions_for_untagged_items_come_from_the_tagged_ones() -> None:
    from reviewgraph.queries.themes import suggest_themes

    reviews = {
        "northby/dhr-1": {"area": "Northby", "recs": [
            ("Police refer every high risk victim to MARAC and attend the conference.", "Northby Police", []),
            ("MARAC chairs check the attendance of every agency at the conference.", "Northby Police", []),
            ("Housing officers receive refresher training.", "Northby Council", [])]},
        "southby/dhr-7": {"area": "Southby", "recs": [
            ("The conference chair follows up the attendance of each agency.", "Southby Police", []),
            ("The panel thanks the family.", "Southby Police", [])]},
    }
    g = build(reviews)
    rows = suggest_themes(g)
    by_item = {r["item"]: r for r in rows}
    assert "rec:southby/dhr-7/1" in by_item
    s = by_item["rec:southby/dhr-7/1"]
    assert s["theme"] == "theme:marac" and s["cosine"] >= 0.2
    assert "conference" in s["evidence"] and "statistical" in s["evidence"]
    assert "rec:southby/dhr-7/2" not in by_item      # shares nothing with any theme's items
    assert not [e for e in g.edges_of("ABOUT") if e.source == "rec:southby/dhr-7/1"]   # not written
