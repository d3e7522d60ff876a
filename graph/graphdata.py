"""The built graph: typed nodes and edges, validated against the model, and its networkx view.

:class:`ReviewGraph` is what the builder produces and every sink reads. It refuses a node of an unknown
kind, an edge whose ends are missing or of the wrong kinds for its type, and (through the model) anything
without provenance.

Memory: a graph of 10,000 reviews holds about 400,000 nodes and 1.75 million edges, so an edge is a slotted
object (:class:`reviewgraph.graph.model.Edge`), its ``source``, ``target`` and ``type`` are the very string objects of the
node ids and relationship types (not copies of them), and ``graph.json`` is written and read item by item
(:meth:`ReviewGraph.write_json`, :meth:`ReviewGraph.read_json`) rather than through a networkx copy, a
node-link dict copy and one JSON string of the whole graph.
"""

from __future__ import annotations

import codecs
import dataclasses
import functools
import hashlib
import itertools
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import networkx as nx

from reviewgraph.graph.model import NODE_TYPES, RELATIONSHIPS, Edge, Node

__all__ = ["ReviewGraph", "GraphError", "json_format"]


#: the encoder of every item of graph.json (``json.dumps`` with these options gives the same text)
_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))


#: node properties holding an id (or the document's id): one string object per distinct value when read
_REFERENCES = ("id", "doc", "review", "recommendation", "action")
_PREFIX, _MIDDLE, _END = '{"directed":true,"graph":{},"links":[', '],"multigraph":true,"nodes":[', "]}"
_DECODER = json.JSONDecoder()


@functools.cache
def _all_fields(node_type: type[Node]) -> set[str]:
    """Every field of a node kind: the fields-set shared by the nodes read from a trusted graph.json (each of
    them sets every field; one set per kind instead of one of about 700 bytes per node)."""
    return set(node_type.model_fields)


@functools.cache
def json_format() -> str:
    """An identifier of what :meth:`ReviewGraph.write_json` writes: the layout and the model (every node
    kind's schema, every relationship's declaration). A graph.json written under another one is validated
    when it is read, never trusted."""
    from reviewgraph.graph.model import EDGE_PROP_TYPES

    model = {"layout": "node-link-1",
             "nodes": {kind: cls.model_json_schema() for kind, cls in NODE_TYPES.items()},
             "relationships": {t: rel.model_dump() for t, rel in RELATIONSHIPS.items()},
             "edge": [f.name for f in dataclasses.fields(Edge)],
             "edge_props": {k: v.__name__ for k, v in EDGE_PROP_TYPES.items()}}
    text = json.dumps(model, sort_keys=True, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _compact(node: Node, nodes: dict[str, Node]) -> None:
    """Let ``node`` share what other nodes hold: the id strings it refers to (its document, review,
    recommendation or action, when that node is in the graph: the same value, one object), and one
    fields-set per kind (a node in the graph counts every field as set, as graph.json writes them all; a
    fields-set of its own costs about 700 bytes per node)."""
    values = node.__dict__
    for ref in _REFERENCES[1:]:
        value = values.get(ref)
        if type(value) is str:
            target = nodes.get(value)
            if target is not None:
                values[ref] = target.id  # equal to the value: bypassing validation changes nothing
    object.__setattr__(node, "__pydantic_fields_set__", _all_fields(type(node)))


def _link_record(e: Edge) -> dict[str, Any]:
    """A link of node-link data."""
    return {"type": e.type, "doc": e.doc, "line_start": e.line_start, "line_end": e.line_end, **e.props,
            "source": e.source, "target": e.target}


class _OtherShape(ValueError):
    """A node-link file not laid out as :meth:`ReviewGraph.write_json` writes it (read it whole instead)."""


def _text_chunks(path: str | os.PathLike[str], size: int = 1 << 20) -> Iterator[str]:
    decoder = codecs.getincrementaldecoder("utf-8")()
    with open(path, "rb") as fh:
        while block := fh.read(size):
            yield decoder.decode(block)
    yield decoder.decode(b"", final=True)


def _node_link_items(chunks: Iterator[str]) -> Iterator[tuple[str, dict[str, Any]]]:
    """("links" or "nodes", item) for each item of node-link JSON text laid out as ``write_json`` writes it,
    decoding one item at a time from a buffer of about a megabyte. Raises :class:`_OtherShape` at the first
    character that does not fit that layout, ``json.JSONDecodeError`` for a damaged item."""
    buf, pos, eof = "", 0, False

    def more() -> bool:
        nonlocal buf, pos, eof
        while not eof:
            chunk = next(chunks, None)
            if chunk is None:
                eof = True
            elif chunk:
                buf, pos = buf[pos:] + chunk, 0
                return True
        return False

    def expect(text: str) -> None:
        nonlocal pos
        while len(buf) - pos < len(text) and more():
            pass
        if not buf.startswith(text, pos):
            raise _OtherShape(f"expected {text!r} at {buf[pos:pos + 20]!r}")
        pos += len(text)

    def peek() -> str:
        while pos >= len(buf) and more():
            pass
        return buf[pos:pos + 1]

    expect(_PREFIX)
    for section, closing in (("links", _MIDDLE), ("nodes", _END)):
        if peek() != "]":
            while True:
                if peek() != "{":
                    raise _OtherShape(f"expected an object at {buf[pos:pos + 20]!r}")
                while True:
                    try:
                        item, end = _DECODER.raw_decode(buf, pos)
                        break
                    except json.JSONDecodeError:
                        if not more():  # the whole rest of the file is there and still not an item
                            raise
                pos = end
                yield section, item
                if peek() != ",":
                    break
                pos += 1
        expect(closing)
    while peek().isspace():
        pos += 1
    if peek():
        raise _OtherShape(f"text after the graph: {buf[pos:pos + 20]!r}")


class GraphError(ValueError):
    """A node or edge that breaks the model."""


#: kinds read from one place of one document: the same id from another place of the same document is a
#: collision (an error), never a merge; from another document it is a later version (a progress update)
_ONE_PER_SPAN = frozenset({"Recommendation", "Action", "Learning", "StatusUpdate"})


class ReviewGraph:
    def __init__(self) -> None:
        self.nodes: dict[str, Node] = {}
        self.edges: dict[tuple[str, str, str], Edge] = {}

    # -- building -------------------------------------------------------------------------------------
    def add_node(self, node: Node) -> Node:
        """Add a node; a node with the same id is merged (new non-empty values win, sources accumulate)."""
        if node.KIND not in NODE_TYPES:
            raise GraphError(f"unknown node kind {node.KIND!r}")
        old = self.nodes.get(node.id)
        if old is None:
            if not node.sources:
                node.sources = [f"{node.doc}:{node.line_start}-{node.line_end}"]
            _compact(node, self.nodes)
            self.nodes[node.id] = node
            return node
        if old.KIND != node.KIND:
            raise GraphError(f"id {node.id!r} used for both {old.KIND} and {node.KIND}")
        span = f"{node.doc}:{node.line_start}-{node.line_end}"
        if (node.KIND in _ONE_PER_SPAN and old.doc == node.doc
                and (old.line_start, old.line_end) != (node.line_start, node.line_end)):
            # two records of one document given one id: merging them would lose one without a word
            raise GraphError(f"two different {node.KIND} records would share the id {node.id!r}: "
                             f"{old.doc} lines {old.line_start}-{old.line_end} and "
                             f"{node.doc} lines {node.line_start}-{node.line_end}")
        for field, value in node.model_dump(exclude={"id", "doc", "line_start", "line_end", "page",
                                                     "sources"}).items():
            if value not in (None, "", [], {}):
                setattr(old, field, value)
        for s in [*node.sources, span]:
            if s not in old.sources:
                old.sources.append(s)
        return old

    def add_edge(self, edge: Edge) -> Edge:
        src, dst = self.nodes.get(edge.source), self.nodes.get(edge.target)
        if src is None or dst is None:
            missing = edge.source if src is None else edge.target
            raise GraphError(f"{edge.type} edge refers to missing node {missing!r}")
        rel = RELATIONSHIPS[edge.type]
        if (src.KIND, dst.KIND) not in rel.pairs:
            raise GraphError(f"{edge.type} cannot join {src.KIND} to {dst.KIND}")
        old = self.edges.get(edge.key)
        if old is not None:
            for k, v in edge.props.items():
                if v not in (None, ""):
                    old.props[k] = v
            return old
        # share the strings the graph already holds (the same value, one object instead of one per edge)
        edge.source, edge.target, edge.type, edge.doc = src.id, dst.id, rel.type, sys.intern(edge.doc)
        self.edges[edge.key] = edge
        return edge

    def link(self, source: str, type_: str, target: str, prov: Node | Edge, **props: Any) -> Edge:
        """Add an edge whose provenance is taken from ``prov`` (the node or edge it was read with)."""
        doc, start, end = prov.doc, prov.line_start, prov.line_end
        rel = RELATIONSHIPS.get(type_)
        if (rel is not None and type(source) is str and type(target) is str and type(doc) is str and doc
                and type(start) is int and type(end) is int and start >= 0 and end >= 0
                and all(k in rel.props for k in props)):
            # everything Edge() validates holds (the builder's usual case, 1.75 million times at 10,000
            # reviews): the same edge without pydantic's validation
            return self.add_edge(Edge.trusted(source, target, type_, doc, start, end, props))
        return self.add_edge(Edge(source=source, target=target, type=type_, doc=doc, line_start=start,
                                  line_end=end, props=props))

    # -- reading --------------------------------------------------------------------------------------
    def of_kind(self, kind: str) -> Iterator[Node]:
        return (n for n in self.nodes.values() if n.KIND == kind)

    def edges_of(self, type_: str) -> Iterator[Edge]:
        return (e for e in self.edges.values() if e.type == type_)

    def out(self, node_id: str, type_: str) -> list[Node]:
        """Targets of ``node_id``'s outgoing ``type_`` edges (an index built on first use, kept while the
        edge set does not change)."""
        index = getattr(self, "_out_index", None)
        if index is None or index[0] != len(self.edges):
            table: dict[tuple[str, str], list[str]] = {}
            for (src, typ, dst) in self.edges:
                table.setdefault((src, typ), []).append(dst)
            index = (len(self.edges), table)
            self._out_index = index
        return [self.nodes[t] for t in index[1].get((node_id, type_), [])]

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for n in self.nodes.values():
            out[n.KIND] = out.get(n.KIND, 0) + 1
        for e in self.edges.values():
            out[e.type] = out.get(e.type, 0) + 1
        return out

    def counts_by_document(self, kinds: tuple[str, ...] = ("Recommendation", "Action", "Learning")
                           ) -> dict[str, dict[str, int]]:
        """For each document id, how many nodes of each of ``kinds`` were read from it (a node read from
        several documents, a recommendation of a report and its plan, counts in each): what the ingest of
        that document put into the graph."""
        out: dict[str, dict[str, int]] = {}
        for n in self.nodes.values():
            if n.KIND not in kinds:
                continue
            for doc in {s.rsplit(":", 1)[0] for s in n.sources} | {n.doc}:
                per = out.setdefault(doc, {})
                per[n.KIND] = per.get(n.KIND, 0) + 1
        return out

    def __len__(self) -> int:
        return len(self.nodes)

    # -- views ----------------------------------------------------------------------------------------
    def to_networkx(self) -> nx.MultiDiGraph:
        """The ``MultiDiGraph`` every analysis uses: node attribute ``kind``, edge attribute ``type``."""
        g = nx.MultiDiGraph()
        for node in sorted(self.nodes.values(), key=lambda n: n.id):
            g.add_node(node.id, **node.props())
        for e in sorted(self.edges.values(), key=lambda e: e.key):
            g.add_edge(e.source, e.target, key=e.type, type=e.type, doc=e.doc,
                       line_start=e.line_start, line_end=e.line_end, **e.props)
        return g

    def _node_order(self) -> dict[str, Node | None]:
        """Node ids in networkx's order (what :meth:`to_networkx` and ``node_link_data`` give: nodes by id,
        then any node an edge names that the graph lacks, which networkx adds bare)."""
        records: dict[str, Node | None] = {}
        for node in sorted(self.nodes.values(), key=lambda n: n.id):
            records[node.id] = node  # the same id twice: networkx keeps the first place, the last values
        for (src, _, dst) in self.edges:
            for end in (src, dst):
                if end not in records:
                    records[end] = None
        return records

    def _node_records(self, order: dict[str, Node | None] | None = None) -> Iterator[dict[str, Any]]:
        """The node-link ``nodes``, in networkx's order."""
        for node_id, node in (self._node_order() if order is None else order).items():
            yield {"id": node_id} if node is None else node.props()

    def _link_records(self, nodes: dict[str, Node | None] | None = None) -> Iterator[dict[str, Any]]:
        """The node-link ``links`` in networkx's order (see :meth:`_links`)."""
        for e in self._links(self._node_order() if nodes is None else nodes):
            yield _link_record(e)

    def _links(self, nodes: dict[str, Node | None]) -> Iterator[Edge]:
        """The edges in networkx's node-link order: by source in node order, then by target in the order each
        target first appears among the source's edges sorted by (type, target), then by type."""
        order = {node_id: i for i, node_id in enumerate(nodes)}
        by_source: dict[str, list[Edge]] = {}
        for key in sorted(self.edges):
            by_source.setdefault(key[0], []).append(self.edges[key])
        for src in sorted(by_source, key=order.__getitem__):
            by_target: dict[str, list[Edge]] = {}
            for e in by_source[src]:
                by_target.setdefault(e.target, []).append(e)
            for edges in by_target.values():
                yield from edges

    def node_link(self) -> dict[str, Any]:
        """Node-link data (networkx ``node_link_data`` with ``edges="links"``, the ``key`` of each link left
        out): the export contract."""
        return {"directed": True, "multigraph": True, "graph": {}, "nodes": list(self._node_records()),
                "links": list(self._link_records())}

    def write_json(self, write: Callable[[str], Any], batch: int = 2000) -> None:
        """Write :meth:`to_json`'s text through ``write`` a few thousand items at a time (never the whole
        graph as one string)."""
        encode = _ENCODER.encode
        write('{"directed":true,"graph":{},"links":[')
        nodes = self._node_order()
        first = True
        links = self._links(nodes)
        while chunk := list(itertools.islice(links, batch)):
            # one encoder call per batch: "[a,b,...]" is the items joined by "," (the separator), bracketed
            write(("" if first else ",") + encode([_link_record(e) for e in chunk])[1:-1])
            first = False
        write('],"multigraph":true,"nodes":[')
        first = True
        records = self._node_records(nodes)
        while chunk := list(itertools.islice(records, batch)):
            # one encoder call per batch: "[a,b,...]" is the items joined by "," (the separator), bracketed
            write(("" if first else ",") + encode(chunk)[1:-1])
            first = False
        write("]}")

    def to_json(self) -> str:
        """Node-link JSON, keys sorted (the same graph always gives the same bytes), compact: what
        ``json.dumps(self.node_link(), ensure_ascii=False, sort_keys=True, separators=(",", ":"))`` gives."""
        parts: list[str] = []
        self.write_json(parts.append)
        return "".join(parts)

    @classmethod
    def from_node_link(cls, data: dict[str, Any]) -> ReviewGraph:
        """The graph of node-link data (every node and edge validated)."""
        items = [("nodes", n) for n in data["nodes"]]
        items += [("links", e) for e in data.get("links", data.get("edges", []))]
        return cls._from_items(((section, dict(raw)) for section, raw in items), trusted=False)

    @classmethod
    def read_json(cls, path: str | os.PathLike[str], trusted: bool = False) -> ReviewGraph:
        """The graph of a node-link JSON file, read item by item when the file has the shape
        :meth:`write_json` gives it (else as a whole, as :meth:`from_node_link` does).

        ``trusted`` builds the nodes and edges without validating them: only for a file this program wrote
        for the current model, which the caller has checked (``reviewgraph.graph.store`` keeps its hash in the stamp).
        Raises ``json.JSONDecodeError`` for a damaged file and pydantic's ``ValidationError`` or
        :class:`GraphError` for an item that breaks the model."""
        try:
            return cls._from_items(_node_link_items(_text_chunks(path)), trusted)
        except _OtherShape:
            with open(path, encoding="utf-8") as fh:
                return cls.from_node_link(json.load(fh))

    @classmethod
    def _from_items(cls, items: Iterable[tuple[str, dict[str, Any]]], trusted: bool) -> ReviewGraph:
        """Build the graph from node-link items ("nodes" or "links", the item's dict, which is consumed) in
        any order. Strings the graph repeats (ids, the document of every item) are kept once."""
        g = cls()
        strings: dict[str, str] = {}
        one = strings.setdefault
        edges: list[Edge] = []
        for section, raw in items:
            if section == "nodes":
                kind = raw.pop("kind")
                node_type = NODE_TYPES[kind]
                for ref in _REFERENCES:
                    value = raw.get(ref)
                    if type(value) is str:
                        raw[ref] = one(value, value)
                if trusted:
                    node = node_type.model_construct(_fields_set=_all_fields(node_type), **raw)
                else:
                    node = node_type.model_validate(raw)
                    object.__setattr__(node, "__pydantic_fields_set__", _all_fields(node_type))  # as add_node
                g.nodes[raw["id"]] = node
                continue
            source, target, type_ = raw.pop("source"), raw.pop("target"), raw.pop("type")
            doc, line_start, line_end = raw.pop("doc"), raw.pop("line_start"), raw.pop("line_end")
            raw.pop("key", None)
            if trusted:
                rel = RELATIONSHIPS.get(type_)
                if rel is None:
                    raise GraphError(f"unknown relationship type {type_!r}")
                edges.append(Edge.trusted(one(source, source), one(target, target), rel.type, one(doc, doc),
                                          line_start, line_end, raw))
            else:
                edges.append(Edge(source=source, target=target, type=type_, doc=doc, line_start=line_start,
                                  line_end=line_end, props=raw))
        for edge in edges:
            if trusted:
                g.edges[edge.key] = edge
            else:
                g.add_edge(edge)
        return g

    def subgraph(self, node_ids: Iterable[str]) -> ReviewGraph:
        keep = set(node_ids)
        g = ReviewGraph()
        g.nodes = {k: v for k, v in self.nodes.items() if k in keep}
        g.edges = {k: v for k, v in self.edges.items() if k[0] in keep and k[2] in keep}
        return g
