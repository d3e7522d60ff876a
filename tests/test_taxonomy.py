"""The shipped SKOS theme taxonomy: it parses, follows the conventions the tagger needs, and becomes nodes."""

from __future__ import annotations

from importlib import resources

import pytest
import rdflib
from rdflib.namespace import SKOS

from reviewgraph.graph.graphdata import ReviewGraph
from reviewgraph.graph.model import TAXONOMY_DOC
from reviewgraph.graph.taxonomy import Taxonomy, TaxonomyError
from reviewgraph.graph.themes import tag_graph


@pytest.fixture(scope="module")
def turtle() -> str:
    return resources.files("reviewgraph.graph").joinpath("data/themes.ttl").read_text(encoding="utf-8")


def test_turtle_parses_with_rdflib_and_is_skos(turtle: str) -> None:
    g = rdflib.Graph()
    g.parse(data=turtle, format="turtle")
    concepts = set(g.subjects(rdflib.RDF.type, SKOS.Concept))
    assert 30 <= len(concepts) <= 40
    schemes = set(g.subjects(rdflib.RDF.type, SKOS.ConceptScheme))
    assert len(schemes) == 1
    scheme = next(iter(schemes))
    assert any(True for _ in g.objects(scheme, rdflib.URIRef("http://purl.org/dc/terms/source"))), \
        "the scheme cites its sources"
    for c in concepts:
        assert len(list(g.objects(c, SKOS.prefLabel))) == 1, c
        assert list(g.objects(c, SKOS.definition)), f"{c} has no definition"
        assert list(g.objects(c, SKOS.altLabel)), f"{c} has no altLabel"
        top = (c, SKOS.topConceptOf, scheme) in g
        broader = list(g.objects(c, SKOS.broader))
        assert top or broader, f"{c} is neither a top concept nor under a broader one"
        for b in broader:
            assert b in concepts


def test_home_office_themes_are_top_concepts() -> None:
    tax = Taxonomy.load()
    for key in ("technology-and-systems", "identification-of-risk", "training", "policy-and-procedure",
                "multi-agency-working", "record-keeping", "awareness-raising"):
        assert tax.concepts[key].broader == (), key


def test_practice_themes_from_the_issue_are_present() -> None:
    labels = {lab.lower() for c in Taxonomy.load().concepts.values()
              for lab in (c.pref_label, *c.alt_labels, *c.hidden_labels)}
    for term in ("marac", "mappa", "dash", "information sharing", "clare's law", "coercive control",
                 "substance misuse", "mental health", "housing", "adult safeguarding", "child safeguarding",
                 "gp", "idva", "perpetrator programme", "professional curiosity", "routine enquiry", "stalking",
                 "suicide", "economic abuse", "older people", "carer", "lgbtq+", "referral pathway",
                 "supervision", "commissioning"):
        assert term in labels, term


def test_spans_point_at_the_concept_block(turtle: str) -> None:
    lines = turtle.splitlines()
    for c in Taxonomy.load().concepts.values():
        assert lines[c.line_start - 1].startswith(f"rgt:{c.key} a skos:Concept")
        assert lines[c.line_end - 1].rstrip().endswith(" .")
        assert c.line_start <= c.line_end


def test_taxonomy_rejects_an_unknown_broader_concept() -> None:
    bad = """@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix rgt: <https://w3id.org/reviewgraph/theme/> .
rgt:a a skos:Concept ;
    skos:prefLabel "A"@en ; skos:broader rgt:missing .
"""
    with pytest.raises(TaxonomyError):
        Taxonomy.from_turtle(bad)


def test_tag_graph_adds_every_theme_with_provenance_and_broader_edges() -> None:
    g = ReviewGraph()
    tag_graph(g)
    tax = Taxonomy.load()
    themes = list(g.of_kind("Theme"))
    assert len(themes) == len(tax.concepts)
    assert all(t.doc == TAXONOMY_DOC and t.line_start > 0 for t in themes)
    broader = {(e.source, e.target) for e in g.edges_of("BROADER")}
    assert ("theme:marac", "theme:multi-agency-working") in broader
    assert len(broader) == len(tax.broader_links())
    marac = g.nodes["theme:marac"]
    assert "MARACs" in marac.hidden_labels
