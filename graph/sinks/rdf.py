"""The RDF view of the graph: the ontology (derived from :mod:`reviewgraph.graph.model`) and the data triples.

Vocabulary
    Node classes come from each class's ``RDF_CLASS`` (``rg:Review``, ``org:Organization`` for agencies,
    ``skos:Concept`` for themes); relationships from each ``Rel.rdf`` (``rg:made``, ``org:memberOf``,
    ``skos:broader``). Properties reuse W3C terms where they fit (:data:`FIELD_PREDICATES`: DCTERMS for
    identifiers, titles and dates, SKOS for labels and definitions, PROV-O for provenance); every other
    property is ``rg:<camelCase name>`` in the project namespace :data:`RG`.

Data
    Each node is ``iri(id)`` (:func:`reviewgraph.graph.ids.iri`) with ``rdf:type``, ``dcterms:identifier`` (the node id),
    ``prov:wasDerivedFrom`` (the document's IRI), ``rg:lineStart``/``rg:lineEnd`` and one triple per property
    value (a list gives one triple per item, e.g. ``skos:altLabel`` for an agency's aliases). Each
    relationship is a plain triple. Only a relationship with something more to say also gets a statement
    (:func:`edge_iri`: ``rdf:subject``, ``rdf:predicate``, ``rdf:object``, no ``rdf:type``, which
    ``rdf:subject``'s domain gives) carrying its properties (``rg:score`` of ``rg:similarTo``,
    ``rg:evidence`` of ``rg:about``...) and, only where they differ from those of the node that states it
    (:func:`stating_node`: the node it reaches for ``rg:made``, ``rg:identified``, ``rg:hasAction``,
    ``rg:hasStatus`` and ``rg:hasDocument``, whose ontology entry says ``rg:provenanceFrom rdf:object``; else
    the node it leaves), its document and lines. A relationship without its own provenance has that node's.
    RDF 1.2 triple terms would be leaner still, but rdflib (7.6) reads neither them nor SPARQL 1.2, so the
    statements stay RDF 1.1 reification, readable by every SPARQL 1.1 engine.

Terms are made through a small factory so the same triples feed rdflib (its SPARQL engine) and N-Triples text
(:mod:`reviewgraph.graph.sinks.ntriples`: the pyoxigraph store, the RDF exports, ``push sparql``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from functools import cache
from typing import Any, Generic, Protocol, TypeVar

from reviewgraph.graph.graphdata import ReviewGraph
from reviewgraph.graph.ids import iri, short_hash
from reviewgraph.graph.model import NODE_TYPES, RELATIONSHIPS, Edge, Node
from reviewgraph.graph.sinks import Sink
from reviewgraph.graph.sinks.columns import DATE_PROPS, EDGE_PROVENANCE, edge_columns, node_columns
from reviewgraph.graph.status import Update, update_key

__all__ = ["RG", "ONTOLOGY_IRI", "PREFIXES", "FIELD_PREDICATES", "expand", "predicate_for", "class_iri",
           "edge_iri", "stating_node", "own_provenance", "has_statement", "STATUS_UNTIL", "status_until", "triples",
           "to_rdflib", "ontology_graph", "ontology_turtle", "TermFactory", "SINK"]

RG = "https://w3id.org/reviewgraph/ontology#"
ONTOLOGY_IRI = "https://w3id.org/reviewgraph/ontology"
XSD = "http://www.w3.org/2001/XMLSchema#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
PREFIXES = {
    "rg": RG, "rdf": RDF, "rdfs": RDFS, "owl": OWL, "xsd": XSD,
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "org": "http://www.w3.org/ns/org#",
    "dcterms": "http://purl.org/dc/terms/",
}

#: node and edge properties expressed with W3C vocabularies; the rest are ``rg:camelCase``
FIELD_PREDICATES = {
    "id": "dcterms:identifier",
    "doc": "prov:wasDerivedFrom",
    "title": "dcterms:title",
    "published": "dcterms:issued",
    "date": "dcterms:date",
    "name": "skos:prefLabel",
    "label": "skos:prefLabel",
    "aliases": "skos:altLabel",
    "alt_labels": "skos:altLabel",
    "hidden_labels": "skos:hiddenLabel",
    "definition": "skos:definition",
}
_XSD_OF_KIND = {"str": "string", "int": "integer", "float": "double", "bool": "boolean", "list": "string"}
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def expand(curie: str) -> str:
    """``'rg:made'`` -> the full IRI (a full IRI is returned unchanged)."""
    prefix, _, local = curie.partition(":")
    if prefix in PREFIXES:
        return PREFIXES[prefix] + local
    return curie


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(p.capitalize() for p in rest)


@cache
def predicate_for(prop: str) -> str:
    """The predicate IRI of a node or edge property name."""
    return expand(FIELD_PREDICATES.get(prop, f"rg:{_camel(prop)}"))


def class_iri(kind: str) -> str:
    return expand(NODE_TYPES[kind].RDF_CLASS)


_EDGE_IRI = iri("edge:")  # the hash is hexadecimal, so nothing after the prefix needs quoting


def edge_iri(source: str, type_: str, target: str) -> str:
    """Deterministic IRI of the statement reifying one relationship (``iri("edge:<hash>")``)."""
    return _EDGE_IRI + short_hash(source, type_, target, n=20)


def stating_node(edge: Edge, nodes: Mapping[str, Node]) -> Node | None:
    """The node whose lines state ``edge`` (its type's ``stated_by`` end: the node it reaches for
    ``MADE``, ``IDENTIFIED``, ``HAS_ACTION``, ``HAS_STATUS`` and ``HAS_DOCUMENT``, else the node it leaves),
    or None where the graph lacks it."""
    return nodes.get(edge.target if RELATIONSHIPS[edge.type].stated_by == "target" else edge.source)


def own_provenance(edge: Edge, stating: Node | None) -> bool:
    """Whether ``edge``'s document and lines differ from those of ``stating``, the node that states it
    (:func:`stating_node`), or the graph lacks that node, so that the RDF must say them.

    >>> from reviewgraph.graph.model import Agency
    >>> police = Agency(id="agency:p", name="P", doc="doc:a", line_start=3, line_end=4)
    >>> own_provenance(Edge("agency:p", "agency:q", "MEMBER_OF", "doc:a", 3, 4), police)
    False
    >>> own_provenance(Edge("agency:p", "agency:q", "MEMBER_OF", "doc:a", 3, 5), police)
    True
    """
    return stating is None or (edge.doc != stating.doc or edge.line_start != stating.line_start
                               or edge.line_end != stating.line_end)


def has_statement(edge: Edge, stating: Node | None) -> bool:
    """Whether ``edge`` gets a statement in RDF: it has a property value or a provenance of its own."""
    return own_provenance(edge, stating) or any(v is not None for v in edge.props.values())


#: a derived property of a status update, not a field of the model: see :func:`status_until`
STATUS_UNTIL = RG + "statusUntil"


def status_until(graph: ReviewGraph, outgoing: dict[str, list[Edge]]) -> dict[str, str]:
    """The ``rg:statusUntil`` of each dated status update: the ``as_of`` of the update after it in the
    order of :mod:`reviewgraph.graph.status` among its action's dated updates. So an update is its action's
    status on a date ``d`` when ``as_of <= d`` and (it has no ``statusUntil`` or ``d < statusUntil``):
    the status rule of :func:`reviewgraph.graph.status.status_on` as a period, which a query can test row
    by row instead of ordering every action's updates by their key. The action's latest update has none.

    An update is dated when it has an ``as_of`` and its document is in the graph, as the saved queries
    read it (``?u rg:asOf ?d ; prov:wasDerivedFrom ?doc . ?doc rg:docKind ?k ; rg:fileName ?f``); updates
    with the same key (the same date, document rank, file name and status) follow each other by id, the
    first one's period empty (``statusUntil`` = ``as_of``), so at most one update holds on any date.
    ``outgoing`` is every node's outgoing edges (:func:`triples` has them).

    >>> from reviewgraph.graph.model import Action, Document, StatusUpdate
    >>> g = ReviewGraph()
    >>> for n in (Document(id="doc:p", doc_kind="action_plan", title="Plan", file_name="plan.txt", sha256="p",
    ...                    review="review:r", doc="doc:p", line_start=1, line_end=1),
    ...           Document(id="doc:u", doc_kind="progress_update", title="Update", file_name="update.txt",
    ...                    sha256="u", review="review:r", doc="doc:u", line_start=1, line_end=1),
    ...           Action(id="action:a", review="review:r", recommendation="rec:r/1", ordinal=1, text="Train",
    ...                  status="complete", doc="doc:p", line_start=2, line_end=2)):
    ...     _ = g.add_node(n)
    >>> for doc, day, status in (("doc:p", "2014-09-30", "unknown"), ("doc:u", "2014-09-30", "complete")):
    ...     u = StatusUpdate(id=f"status:{doc}", action="action:a", status=status, as_of=day, doc=doc,
    ...                      line_start=2, line_end=2)
    ...     _ = g.add_node(u)
    ...     _ = g.link("action:a", "HAS_STATUS", u.id, u)
    >>> status_until(g, {"action:a": list(g.edges.values())})
    {'status:doc:p': '2014-09-30'}
    """
    out: dict[str, str] = {}
    nodes = graph.nodes
    for edges in outgoing.values():
        dated = []
        for edge in edges:
            if edge.type != "HAS_STATUS":
                continue
            update = nodes.get(edge.target)
            doc = nodes.get(update.doc) if update is not None else None
            as_of = getattr(update, "as_of", None)
            if as_of is None or doc is None or doc.KIND != "Document":
                continue
            status = getattr(update.status, "value", update.status)  # type: ignore[union-attr]
            key = update_key(Update(as_of, doc.doc_kind, doc.file_name, status))  # type: ignore[attr-defined]
            dated.append((key, update.id, str(as_of)))  # type: ignore[union-attr]
        dated.sort()
        for (_, update_id, _), (_, _, next_as_of) in zip(dated, dated[1:]):
            out[update_id] = next_as_of
    return out


T = TypeVar("T")


class TermFactory(Protocol, Generic[T]):
    def iri(self, value: str) -> T: ...
    def literal(self, lexical: str, datatype: str) -> T: ...


def _literal_maker(prop: str, kind: str, f: TermFactory[T]) -> Callable[[Any], list[T]]:
    """The function turning one property value (as ``model_dump(mode="json")`` gives it) into literals."""
    string, boolean = XSD + "string", XSD + "boolean"
    lit = f.literal
    if kind == "list":  # one triple per distinct item (a repeated item is the same triple)
        return lambda value: [lit(str(v), string) for v in dict.fromkeys(value)]
    if kind == "bool":
        true, false = lit("true", boolean), lit("false", boolean)
        return lambda value: [true if value else false]
    if kind == "int":
        return lambda value: [lit(str(int(value)), XSD + "integer")]
    if kind == "float":
        return lambda value: [lit(repr(float(value)), XSD + "double")]
    if prop in DATE_PROPS:
        def date_or_string(value: Any) -> list[T]:
            text = str(value)
            return [lit(text, XSD + "date" if _ISO_DATE.match(text) else string)]
        return date_or_string
    return lambda value: [lit(str(value), string)]


def triples(graph: ReviewGraph, f: TermFactory[T]) -> Iterator[tuple[T, T, T]]:
    """Every data triple of ``graph``, made with the term factory ``f``, in a deterministic order.

    The order keeps each subject's triples together (so a streaming Turtle or JSON-LD writer groups them):
    nodes by id, each followed by its outgoing relationships (by type, then target), then by the
    statements of those of them that have properties or a provenance of their own (:func:`has_statement`).
    Each distinct term is made once (node IRIs, predicates and the literal makers of each node kind and
    relationship type are cached for the call).
    """
    rdf_type = f.iri(RDF + "type")
    rdf_subject, rdf_predicate = f.iri(RDF + "subject"), f.iri(RDF + "predicate")
    rdf_object = f.iri(RDF + "object")
    derived = f.iri(predicate_for("doc"))
    line_start, line_end = f.iri(predicate_for("line_start")), f.iri(predicate_for("line_end"))
    integer = XSD + "integer"
    node_terms: dict[str, T] = {}

    def node_term(node_id: str) -> T:
        term = node_terms.get(node_id)
        if term is None:
            term = node_terms[node_id] = f.iri(iri(node_id))
        return term

    Plan = list[tuple[str, T, Callable[[Any], list[T]]]]

    def plan(columns: dict[str, str], skip: set[str]) -> Plan:
        return [(prop, f.iri(predicate_for(prop)), _literal_maker(prop, kind, f))
                for prop, kind in columns.items() if prop not in skip]

    edge_plans: dict[str, tuple[T, Plan]] = {}

    def edge_plan(type_: str) -> tuple[T, Plan]:
        if type_ not in edge_plans:
            # the edge's own properties; its provenance is written apart, and only where its own
            edge_plans[type_] = (f.iri(expand(RELATIONSHIPS[type_].rdf)),
                                 plan(edge_columns(type_), set(EDGE_PROVENANCE)))
        return edge_plans[type_]

    nodes = graph.nodes

    def relationships(edges: list[Edge]) -> Iterator[tuple[T, T, T]]:
        for edge in edges:
            yield node_term(edge.source), edge_plan(edge.type)[0], node_term(edge.target)
        for edge in edges:
            p, props = edge_plan(edge.type)
            edge_props = edge.props
            values = [(pp, lit) for prop, pp, make in props if (value := edge_props.get(prop)) is not None
                      for lit in make(value)]
            own = own_provenance(edge, stating_node(edge, nodes))
            if not (own or values):
                continue
            st = f.iri(edge_iri(edge.source, edge.type, edge.target))
            yield st, rdf_subject, node_term(edge.source)
            yield st, rdf_predicate, p
            yield st, rdf_object, node_term(edge.target)
            if own:
                yield st, derived, node_term(edge.doc)
                yield st, line_start, f.literal(str(edge.line_start), integer)
                yield st, line_end, f.literal(str(edge.line_end), integer)
            for pp, lit in values:
                yield st, pp, lit

    node_plans: dict[str, tuple[T, Plan]] = {}
    outgoing: dict[str, list[Edge]] = {}
    for edge in sorted(graph.edges.values(), key=lambda e: e.key):
        outgoing.setdefault(edge.source, []).append(edge)
    until_p, until_lit = f.iri(STATUS_UNTIL), _literal_maker("as_of", "str", f)
    until = status_until(graph, outgoing)
    for node in sorted(graph.nodes.values(), key=lambda n: n.id):
        kind = node.KIND
        if kind not in node_plans:
            node_plans[kind] = (f.iri(class_iri(kind)), plan(node_columns(kind), {"doc"}))
        cls, props = node_plans[kind]
        s = node_term(node.id)
        yield s, rdf_type, cls
        yield s, derived, node_term(node.doc)
        values = node.model_dump(mode="json")  # enum members as their values
        for prop, p, make in props:
            value = values[prop]
            if value is not None:
                for o in make(value):
                    yield s, p, o
        if node.id in until:
            for o in until_lit(until[node.id]):
                yield s, until_p, o
        yield from relationships(outgoing.pop(node.id, []))
    for edges in outgoing.values():  # relationships from a node the graph does not hold (none when built)
        yield from relationships(edges)


# -- rdflib --------------------------------------------------------------------------------------------------
class _RdflibTerms:
    def __init__(self) -> None:
        from rdflib import Literal, URIRef
        self._uri: Callable[[str], Any] = URIRef
        self._lit = Literal

    def iri(self, value: str) -> Any:
        return self._uri(value)

    def literal(self, lexical: str, datatype: str) -> Any:
        if datatype == XSD + "string":
            return self._lit(lexical)
        return self._lit(lexical, datatype=self._uri(datatype))


def _bind(g: Any) -> None:
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns, override=True)


def to_rdflib(graph: ReviewGraph) -> Any:
    """An ``rdflib.Graph`` holding the data triples of ``graph`` (prefixes bound)."""
    import rdflib

    g = rdflib.Graph()
    _bind(g)
    g.bind("rgid", "https://w3id.org/reviewgraph/id/")
    for t in triples(graph, _RdflibTerms()):
        g.add(t)
    return g


# -- the ontology -------------------------------------------------------------------------------------------
def ontology_graph() -> Any:
    """The ontology as an ``rdflib.Graph``, derived from :mod:`reviewgraph.graph.model`."""
    import rdflib
    from rdflib import BNode, Literal, URIRef
    from rdflib.collection import Collection

    g = rdflib.Graph()
    _bind(g)
    U = lambda curie: URIRef(expand(curie))  # noqa: E731
    a = U("rdf:type")
    onto = URIRef(ONTOLOGY_IRI)
    g.add((onto, a, U("owl:Ontology")))
    g.add((onto, U("dcterms:title"), Literal("reviewgraph ontology")))
    g.add((onto, U("rdfs:comment"), Literal(
        "Safeguarding reviews (DHR, SAR, CSPR), their documents, recommendations, actions, learning, agencies "
        "and themes. Generated from graph/model.py. Every node has its provenance (prov:wasDerivedFrom, "
        "rg:lineStart, rg:lineEnd). A relationship has the provenance of the node that states it: the node "
        "it reaches where its predicate's rg:provenanceFrom is rdf:object (rg:made, rg:identified, "
        "rg:hasAction, rg:hasStatus, rg:hasDocument), else the node it leaves. A relationship with properties "
        "(rg:score, rg:evidence, rg:shared, dcterms:date) or whose document and lines differ from those of "
        "that node is also reified as a statement (rdf:subject, rdf:predicate, rdf:object) carrying them.")))
    provenance_from = U("rg:provenanceFrom")
    g.add((provenance_from, a, U("owl:AnnotationProperty")))
    g.add((provenance_from, U("rdfs:label"), Literal("provenance from")))
    g.add((provenance_from, U("rdfs:comment"), Literal(
        "Which end of a relationship states it: rdf:subject (the node it leaves) or rdf:object (the node it "
        "reaches). A relationship without a statement of its own provenance has that node's.")))
    g.add((provenance_from, U("rdfs:isDefinedBy"), onto))

    def own(term: str) -> bool:
        return term.startswith(RG)

    def classes_node(kinds: list[str]) -> Any:
        iris = sorted({class_iri(k) for k in kinds})
        if len(iris) == 1:
            return URIRef(iris[0])
        node = BNode()
        g.add((node, a, U("owl:Class")))
        lst = BNode()
        Collection(g, lst, [URIRef(i) for i in iris])
        g.add((node, U("owl:unionOf"), lst))
        return node

    for kind, cls in NODE_TYPES.items():
        c = URIRef(class_iri(kind))
        if own(str(c)):
            g.add((c, a, U("owl:Class")))
            g.add((c, U("rdfs:label"), Literal(kind)))
            doc = (cls.__doc__ or "").strip().splitlines()
            if doc:
                g.add((c, U("rdfs:comment"), Literal(doc[0])))
        g.add((c, U("rdfs:isDefinedBy" if own(str(c)) else "rdfs:seeAlso"), onto))

    for rel in RELATIONSHIPS.values():
        p = URIRef(expand(rel.rdf))
        if not own(str(p)):
            continue
        g.add((p, a, U("owl:ObjectProperty")))
        g.add((p, U("rdfs:label"), Literal(rel.type)))
        g.add((p, U("rdfs:domain"), classes_node([s for s, _ in rel.pairs])))
        g.add((p, U("rdfs:range"), classes_node([t for _, t in rel.pairs])))
        if rel.doc:
            g.add((p, U("rdfs:comment"), Literal(rel.doc)))
        g.add((p, provenance_from, U("rdf:object" if rel.stated_by == "target" else "rdf:subject")))

    domains: dict[str, set[str]] = {}
    ranges: dict[str, set[str]] = {}
    for kind in NODE_TYPES:
        for prop, vkind in node_columns(kind).items():
            if prop == "doc":
                continue
            domains.setdefault(prop, set()).add(kind)
            ranges.setdefault(prop, set()).add(vkind)
    edge_props: set[str] = set()
    for rel in RELATIONSHIPS.values():
        for prop, vkind in edge_columns(rel.type).items():
            if prop != "doc":
                edge_props.add(prop)
                ranges.setdefault(prop, set()).add(vkind)
    for prop in sorted(ranges):
        p = URIRef(predicate_for(prop))
        if not own(str(p)):
            continue
        g.add((p, a, U("owl:DatatypeProperty")))
        g.add((p, U("rdfs:label"), Literal(prop)))
        kinds = ranges[prop]
        if prop in DATE_PROPS or len(kinds) != 1:
            g.add((p, U("rdfs:range"), U("rdfs:Literal")))
        else:
            g.add((p, U("rdfs:range"), U("xsd:" + _XSD_OF_KIND[next(iter(kinds))])))
        if prop in domains and prop not in edge_props:
            g.add((p, U("rdfs:domain"), classes_node(sorted(domains[prop]))))
    until = URIRef(STATUS_UNTIL)  # derived from the graph, not a field of the model
    g.add((until, a, U("owl:DatatypeProperty")))
    g.add((until, U("rdfs:label"), Literal("status_until")))
    g.add((until, U("rdfs:domain"), URIRef(class_iri("StatusUpdate"))))
    g.add((until, U("rdfs:range"), U("rdfs:Literal")))
    g.add((until, U("rdfs:comment"), Literal(
        "The as-of date of the next of the same action's dated updates in the status rule's order (date, then "
        "progress update over report over action plan, then file name): this update is the action's status "
        "from its rg:asOf until this date (exclusive). Absent on an action's latest update.")))
    return g


def ontology_turtle() -> str:
    return ontology_graph().serialize(format="turtle")


if __name__ == "__main__":  # python -m reviewgraph.graph.sinks.rdf > graph/data/ontology.ttl
    print(ontology_turtle(), end="")


SINK = Sink(name="rdflib", purpose="an rdflib graph in memory, for rdflib's own SPARQL engine", memory=to_rdflib)
