"""The RDF view: the shipped ontology matches the model, the data triples carry every property, exports."""

from __future__ import annotations

from importlib import resources

import pytest
import rdflib
from rdflib.compare import isomorphic, to_isomorphic

from reviewgraph.graph.exports import export, exporters
from reviewgraph.graph.ids import iri
from reviewgraph.graph.model import NODE_TYPES, RELATIONSHIPS
from reviewgraph.graph.sinks.rdf import RG, class_iri, edge_iri, expand, ontology_graph, predicate_for, to_rdflib
from tests.stores_data import make_store_graph

RDF_TYPE = rdflib.RDF.type


def _diff(a: rdflib.Graph, b: rdflib.Graph) -> str:
    from rdflib.compare import graph_diff
    _, only_a, only_b = graph_diff(to_isomorphic(a), to_isomorphic(b))
    return (f"only in shipped:\n{only_a.serialize(format='nt')[:2000]}\n"
            f"only in generated:\n{only_b.serialize(format='nt')[:2000]}")


def test_shipped_ontology_is_the_one_derived_from_the_model() -> None:
    shipped = rdflib.Graph().parse(data=(resources.files("reviewgraph.graph") / "data" / "ontology.ttl").read_text(),
                                   format="turtle")
    generated = ontology_graph()
    assert isomorphic(shipped, generated), (
        "graph/data/ontology.ttl is stale: run\n"
        "`python -m reviewgraph.graph.sinks.rdf > graph/data/ontology.ttl`\n"
        + _diff(shipped, generated))


def test_ontology_declares_every_class_and_project_property() -> None:
    onto = ontology_graph()
    owl = rdflib.OWL
    for kind in NODE_TYPES:
        c = rdflib.URIRef(class_iri(kind))
        if str(c).startswith(RG):
            assert (c, RDF_TYPE, owl.Class) in onto, kind
    for rel in RELATIONSHIPS.values():
        p = rdflib.URIRef(expand(rel.rdf))
        if str(p).startswith(RG):
            assert (p, RDF_TYPE, owl.ObjectProperty) in onto, rel.type
            assert (p, rdflib.RDFS.domain, None) in onto and (p, rdflib.RDFS.range, None) in onto
    # W3C vocabularies where they fit
    assert class_iri("Agency") == "http://www.w3.org/ns/org#Organization"
    assert class_iri("Theme") == "http://www.w3.org/2004/02/skos/core#Concept"
    assert predicate_for("doc") == "http://www.w3.org/ns/prov#wasDerivedFrom"
    assert predicate_for("title") == "http://purl.org/dc/terms/title"
    assert predicate_for("alt_labels") == "http://www.w3.org/2004/02/skos/core#altLabel"


def test_every_node_property_and_relationship_becomes_triples() -> None:
    graph = make_store_graph()
    g = to_rdflib(graph)
    for node in graph.nodes.values():
        s = rdflib.URIRef(iri(node.id))
        assert (s, RDF_TYPE, rdflib.URIRef(class_iri(node.KIND))) in g
        assert (s, rdflib.URIRef(predicate_for("id")), rdflib.Literal(node.id)) in g
        assert (s, rdflib.URIRef(predicate_for("doc")), rdflib.URIRef(iri(node.doc))) in g
    police = rdflib.URIRef(iri("agency:northby-police"))
    assert {str(o) for o in g.objects(police, rdflib.URIRef(predicate_for("aliases")))} == {"NP"}
    marac = rdflib.URIRef(iri("theme:marac"))
    assert {str(o) for o in g.objects(marac, rdflib.SKOS.altLabel)} == {"Multi-Agency Risk Assessment Conference"}
    for e in graph.edges.values():
        s, p, o = (rdflib.URIRef(iri(e.source)), rdflib.URIRef(expand(RELATIONSHIPS[e.type].rdf)),
                   rdflib.URIRef(iri(e.target)))
        assert (s, p, o) in g, e.key
        if not e.props:
            continue  # its statement, where it has one, is tested in test_rdf_lean.py
        st = rdflib.URIRef(edge_iri(e.source, e.type, e.target))
        assert (st, rdflib.RDF.subject, s) in g and (st, rdflib.RDF.object, o) in g
        for prop, value in e.props.items():
            assert list(g.objects(st, rdflib.URIRef(predicate_for(prop)))), (e.key, prop)
    score = g.value(rdflib.URIRef(edge_iri("rec:northby/dhr-1/1", "SIMILAR_TO", "rec:southby/dhr-7/17.1")),
                    rdflib.URIRef(predicate_for("score")))
    assert score.toPython() == pytest.approx(0.81)


def test_dates_are_typed_and_values_are_not_enum_reprs() -> None:
    g = to_rdflib(make_store_graph())
    target = g.value(rdflib.URIRef(iri("action:northby/dhr-1/1/1")), rdflib.URIRef(predicate_for("target")))
    assert target.datatype == rdflib.XSD.date and str(target) == "2021-04-01"
    sectors = {str(o) for o in g.objects(None, rdflib.URIRef(predicate_for("sector")))}
    assert sectors and not any("." in s for s in sectors), sectors


@pytest.mark.parametrize("fmt,rdflib_format", [("ttl", "turtle"), ("jsonld", "json-ld"), ("nt", "nt")])
def test_rdf_exports_parse_back_to_the_same_graph(tmp_path, fmt: str, rdflib_format: str) -> None:
    assert {"ttl", "jsonld", "nt"} <= set(exporters())
    graph = make_store_graph()
    out = tmp_path / f"graph.{fmt}"
    export(graph, fmt, out)
    back = rdflib.Graph().parse(out, format=rdflib_format)
    assert isomorphic(back, to_rdflib(graph))


def test_pyoxigraph_store_holds_exactly_the_rdflib_triples_even_for_awkward_text() -> None:
    import pyoxigraph as ox

    from reviewgraph.graph.model import Recommendation
    from reviewgraph.graph.sinks.oxigraph_store import memory_store

    graph = make_store_graph()
    awkward = 'He said "no" \\ C:\\path\nnext line\r\tand ünïcode – “quotes” \U0001F600'
    rec = Recommendation(id="rec:northby/dhr-1/9", review="review:northby/dhr-1", number="9", text=awkward,
                         doc="doc:aaaa000000000001", line_start=90, line_end=91)
    graph.add_node(rec)
    graph.link("review:northby/dhr-1", "MADE", rec.id, rec)
    store = memory_store(graph)
    text = store.query(f"SELECT ?t WHERE {{ <{iri(rec.id)}> <{predicate_for('text')}> ?t }}")
    assert [sol["t"].value for sol in text] == [awkward]
    dumped = rdflib.Graph().parse(data=store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()),
                                  format="nt")
    assert isomorphic(dumped, to_rdflib(graph))
