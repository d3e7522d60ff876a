"""The lean RDF mapping of relationships: a statement only where a relationship has properties or a
provenance of its own, and the query documented in docs/model.md reads every relationship back, with its
provenance and properties, on rdflib and on pyoxigraph."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import rdflib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from reviewgraph.graph.graphdata import ReviewGraph
from reviewgraph.graph.ids import iri
from reviewgraph.graph.model import RELATIONSHIPS, Edge
from reviewgraph.graph.sinks import oxigraph_store
from reviewgraph.graph.sinks.rdf import (RDF, edge_iri, expand, has_statement, own_provenance, predicate_for,
                                         stating_node, to_rdflib)
from reviewgraph.queries.engines import OxigraphEngine, RdflibEngine
from tests.stores_data import make_store_graph

MODEL_DOC = Path(__file__).resolve().parents[1] / "docs" / "model.md"
RDF_SUBJECT = rdflib.URIRef(RDF + "subject")
COLUMNS = ["source", "relationship", "target", "doc", "line_start", "line_end", "score", "evidence", "shared",
           "date"]


def test_the_documented_query_takes_provenance_from_the_stating_end() -> None:
    """Its VALUES pairs each relationship with the end that states it, as graph/model.py declares."""
    text = documented_query()
    pairs = text.split("VALUES (?relationship ?from) {", 1)[1].split("}", 1)[0]
    found = dict(re.findall(r"\((\S+)\s+(\S+)\)", pairs))
    assert found == {rel.rdf: "rdf:object" if rel.stated_by == "target" else "rdf:subject"
                     for rel in RELATIONSHIPS.values()}


def documented_query() -> str:
    """The SPARQL block of docs/model.md that reads relationships back (the one using rdf:subject)."""
    fences = [t.content for t in MarkdownIt().parse(MODEL_DOC.read_text(encoding="utf-8"))
              if t.type == "fence" and t.info.strip() == "sparql"]
    found = [f for f in fences if "rdf:subject" in f]
    assert len(found) == 1, f"docs/model.md: expected one sparql block reading rdf:subject, found {len(found)}"
    return found[0]


def lean_graph() -> ReviewGraph:
    """The stores' synthetic graph plus relationships of every case: provenance differing from both ends,
    from the source in its lines only, a property left unset, a false flag."""
    g = make_store_graph()
    rec = next(n for n in g.nodes.values() if n.KIND == "Recommendation")
    action = next(n for n in g.nodes.values() if n.KIND == "Action")
    police = "agency:northby-police"
    for key in ((rec.id, "ADDRESSED_TO", police), (rec.id, "ABOUT", "theme:marac"),
                (action.id, "LED_BY", police)):
        g.edges.pop(key, None)  # so that the edges below are the ones held
    g.add_edge(Edge(source=rec.id, target=police, type="ADDRESSED_TO", doc="doc:aaaa000000000002",
                    line_start=3, line_end=4))
    g.add_edge(Edge(source=rec.id, target="theme:marac", type="ABOUT", doc=rec.doc,
                    line_start=rec.line_start, line_end=rec.line_end + 1, props={"score": 0.5}))
    g.add_edge(Edge(source=action.id, target=police, type="LED_BY", doc=action.doc,
                    line_start=action.line_start, line_end=action.line_end, props={"shared": False}))
    made = next(e for e in g.edges.values() if e.type == "MADE")  # stated by a line of its own
    made.doc, made.line_start, made.line_end = "doc:aaaa000000000002", 7, 7
    return g


def _value(v: Any) -> Any:
    return v.isoformat() if hasattr(v, "isoformat") else v


def expected_rows(graph: ReviewGraph) -> list[tuple]:
    rows = []
    for e in graph.edges.values():
        props = [e.props.get(p) for p in ("score", "evidence", "shared", "date")]
        rows.append((e.source, expand(RELATIONSHIPS[e.type].rdf), e.target, iri(e.doc), e.line_start,
                     e.line_end, *props))
    return sorted(rows, key=repr)


def read_back(engine: Any) -> list[tuple]:
    result = engine.run(documented_query(), {})
    assert list(result.columns) == COLUMNS
    return sorted((tuple(_value(v) for v in row) for row in result.rows), key=repr)


@pytest.fixture(scope="module")
def graph() -> ReviewGraph:
    return lean_graph()


def test_the_graph_has_every_case(graph) -> None:
    nodes = graph.nodes
    edges = list(graph.edges.values())
    assert any(not has_statement(e, stating_node(e, nodes)) for e in edges)
    assert any(own_provenance(e, stating_node(e, nodes)) and not e.props for e in edges)
    assert any(e.props and not own_provenance(e, stating_node(e, nodes)) for e in edges)
    assert any(e.props and own_provenance(e, stating_node(e, nodes)) for e in edges)
    by_target = [e for e in edges if RELATIONSHIPS[e.type].stated_by == "target"]
    assert any(not has_statement(e, nodes[e.target]) and own_provenance(e, nodes[e.source]) for e in by_target)
    assert any(own_provenance(e, nodes[e.target]) for e in by_target)


def test_the_documented_query_names_every_relationship() -> None:
    text = documented_query()
    pairs = text.split("VALUES (?relationship ?from) {", 1)[1].split("}", 1)[0]
    values = [rel for rel, _ in re.findall(r"\((\S+)\s+(\S+)\)", pairs)]
    assert sorted(values) == sorted(rel.rdf for rel in RELATIONSHIPS.values())


@pytest.mark.parametrize("engine", ["rdflib", "pyoxigraph"])
def test_every_relationship_reads_back_with_its_provenance_and_properties(graph, engine) -> None:
    eng = RdflibEngine(to_rdflib(graph)) if engine == "rdflib" else OxigraphEngine(
        oxigraph_store.memory_store(graph))
    assert read_back(eng) == expected_rows(graph)


def test_a_statement_only_where_there_is_something_to_say(graph) -> None:
    g = to_rdflib(graph)
    derived, start = rdflib.URIRef(predicate_for("doc")), rdflib.URIRef(predicate_for("line_start"))
    statements = set(g.subjects(RDF_SUBJECT, None))
    assert not list(g.subjects(rdflib.RDF.type, rdflib.RDF.Statement))
    wanted = set()
    for e in graph.edges.values():
        st = rdflib.URIRef(edge_iri(e.source, e.type, e.target))
        stating = stating_node(e, graph.nodes)
        assert (st in statements) == has_statement(e, stating), e.key
        if st in statements:
            wanted.add(st)
            own = own_provenance(e, stating)
            assert ((st, derived, rdflib.URIRef(iri(e.doc))) in g) == own, e.key
            assert ((st, start, rdflib.Literal(e.line_start)) in g) == own, e.key
            for prop, value in e.props.items():
                assert (value is None) != bool(list(g.objects(st, rdflib.URIRef(predicate_for(prop))))), prop
    assert statements == wanted
    # stated by the node they reach: a recommendation's MADE with the recommendation's lines has no statement
    borrowed = [e for e in graph.edges.values() if RELATIONSHIPS[e.type].stated_by == "target"
                and (e.doc, e.line_start, e.line_end) == (graph.nodes[e.target].doc, graph.nodes[e.target].line_start,
                                                          graph.nodes[e.target].line_end)]
    assert borrowed and not any(rdflib.URIRef(edge_iri(e.source, e.type, e.target)) in statements for e in borrowed)


_spans = st.tuples(st.sampled_from(["same", "doc", "start", "end"]), st.integers(0, 3))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(changes=st.lists(_spans, min_size=1, max_size=12))
def test_any_mix_of_own_and_borrowed_provenance_reads_back(changes) -> None:
    """Relationships re-stamped with provenance equal to or differing from their source's or their
    target's in any field."""
    g = make_store_graph()
    edges = sorted(g.edges.values(), key=lambda e: e.key)
    for i, (how, shift) in enumerate(changes):
        e = edges[i % len(edges)]
        src = g.nodes[e.source if shift % 2 else e.target]
        doc, start, end = src.doc, src.line_start, src.line_end
        if how == "doc":
            doc = "doc:aaaa000000000009"
        elif how == "start":
            start = max(0, start - shift - 1)
        elif how == "end":
            end = end + shift + 1
        e.doc, e.line_start, e.line_end = doc, start, end
    assert read_back(OxigraphEngine(oxigraph_store.memory_store(g))) == expected_rows(g)
