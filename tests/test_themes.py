"""Explainable tagging: rules from the taxonomy's labels, evidence and scores on every ABOUT edge."""

from __future__ import annotations

import pytest

from reviewgraph.graph.graphdata import ReviewGraph
from reviewgraph.graph.model import Action, Learning, Recommendation, Review
from reviewgraph.graph.themes import tag_graph, tag_text, word_forms


def themes(text: str) -> set[str]:
    return {t.theme for t in tag_text(text)}


@pytest.mark.parametrize("text,theme", [
    ("Refer high-risk victims to MARAC.", "marac"),
    ("Agencies should share relevant information with the police.", "information-sharing"),
    ("All staff to be trained in domestic abuse awareness.", "training"),
    ("Revisit the risk assessment whenever new information arrives.", "risk-assessment"),
    ("Use the DASH checklist for every incident.", "risk-assessment"),
    ("Staff understand what DVPNs and DVPOs are.", "dvpo"),
    ("Claire's law applications are processed quickly.", "clares-law"),
    ("Review the GP's correspondence procedure.", "gp-and-primary-care"),
    ("Refresher training on MATAAC processes.", "matac"),
    ("Practitioners show professional curiosity.", "professional-curiosity"),
    ("Consider a carer's assessment for the victim's husband.", "carers"),
])
def test_rules_find_the_theme(text: str, theme: str) -> None:
    assert theme in themes(text)


@pytest.mark.parametrize("text,theme", [
    ("The victim's dash to the car was recorded.", "risk-assessment"),   # acronyms are case-sensitive
    ("Iris, her sister, was not contacted.", "gp-and-primary-care"),
    ("The officer in charge of the case left.", "criminal-justice"),
    ("The probation officer was supervising the offender.", "supervision"),
])
def test_rules_do_not_fire_on_look_alikes(text: str, theme: str) -> None:
    assert theme not in themes(text)


def test_longest_label_wins_over_a_label_inside_it() -> None:
    found = themes("Cases go to the Multi-Agency Risk Assessment Conference.")
    assert "marac" in found
    assert "risk-assessment" not in found
    assert "multi-agency-working" not in found


def test_phrase_words_may_be_separated_but_not_across_a_sentence() -> None:
    assert "information-sharing" in themes("Agencies must share all critical information.")
    assert "information-sharing" not in themes("Agencies must share. Information was lost.")


def test_word_forms_inflect_but_do_not_reduce() -> None:
    assert {"train", "trains", "trained", "training"} <= word_forms("train")
    assert "house" not in word_forms("housing")
    assert "policy" in word_forms("policies")


def test_evidence_names_the_words_and_where() -> None:
    text = "Partners share information and attend MARAC."
    tags = {t.theme: t for t in tag_text(text)}
    ev = tags["marac"].evidence
    assert '"MARAC"' in ev and "text" in ev
    h = tags["marac"].hits[0]
    assert text[h.start:h.end] == "MARAC"


def test_score_prefers_labels_in_the_text_over_hidden_labels_in_progress() -> None:
    strong = tag_text({"text": "Refer to MARAC."})[0]
    weak = tag_text({"progress": "MARACs were held."})[0]
    assert strong.theme == weak.theme == "marac"
    assert 0 < weak.score < strong.score <= 1.0


def _graph() -> ReviewGraph:
    g = ReviewGraph()
    g.add_node(Review(id="review:eastby/dhr-2", title="Eastby DHR-2", doc="doc:e1", line_start=1, line_end=1))
    g.add_node(Recommendation(id="rec:eastby/dhr-2/1", review="review:eastby/dhr-2", number="1",
                              text="Police review MARAC referrals.", doc="doc:e1", line_start=5, line_end=6))
    g.add_node(Action(id="action:eastby/dhr-2/1/1", review="review:eastby/dhr-2",
                      recommendation="rec:eastby/dhr-2/1", text="Audit referrals",
                      outcome="Housing officers trained", doc="doc:e1", line_start=7, line_end=7))
    g.add_node(Learning(id="learning:eastby/dhr-2/1", review="review:eastby/dhr-2", number="1",
                        text="Nobody asked about coercive control.", doc="doc:e1", line_start=9, line_end=9))
    g.add_node(Recommendation(id="rec:eastby/dhr-2/2", review="review:eastby/dhr-2", number="2",
                              text="The panel thanks the family.", doc="doc:e1", line_start=12, line_end=12))
    return g


def test_tag_graph_links_every_kind_of_item_with_evidence_score_and_provenance() -> None:
    g = _graph()
    tag_graph(g)
    about = {(e.source, e.target): e for e in g.edges_of("ABOUT")}
    assert ("rec:eastby/dhr-2/1", "theme:marac") in about
    assert ("action:eastby/dhr-2/1/1", "theme:housing") in about
    assert ("action:eastby/dhr-2/1/1", "theme:training") in about
    assert ("learning:eastby/dhr-2/1", "theme:coercive-control") in about
    assert not [k for k in about if k[0] == "rec:eastby/dhr-2/2"]
    for e in about.values():
        assert e.props["evidence"] and 0 < e.props["score"] <= 1
        item = g.nodes[e.source]
        assert (e.doc, e.line_start, e.line_end) == (item.doc, item.line_start, item.line_end)
    assert "outcome" in about[("action:eastby/dhr-2/1/1", "theme:housing")].props["evidence"]


def test_tag_graph_is_deterministic_and_idempotent() -> None:
    a, b = _graph(), _graph()
    tag_graph(a)
    tag_graph(b)
    tag_graph(b)
    assert a.to_json() == b.to_json()


def test_hits_kept_across_items_tag_as_found_afresh() -> None:
    from reviewgraph.graph.themes import Matcher
    from reviewgraph.graph.taxonomy import Taxonomy

    items = [{"text": "Share information with MARAC and the GP's practice.", "progress": "Training delivered"},
             {"text": "Share information with MARAC and the GP's practice.", "outcome": "Housing referrals"},
             {"text": "GPs to record coercive control; MARAC referrals audited."},
             {"text": "Training delivered", "milestones": "Share information with MARAC and the GP's practice."}]
    seen: dict = {}
    kept = [Matcher(Taxonomy.load()).tag(f, seen) for f in items * 2]
    fresh = [Matcher(Taxonomy.load()).tag(f) for f in items * 2]
    assert [[(t.theme, t.score, t.evidence) for t in tags] for tags in kept] == \
        [[(t.theme, t.score, t.evidence) for t in tags] for tags in fresh]
    assert len(seen) == 6 and all(kept)
