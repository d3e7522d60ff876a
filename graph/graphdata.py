"""The built graph: typed nodes and edges, validated against the model, and its networkx view.

:class:`ReviewGraph` is what the builder produces and every sink reads. It refuses a node of an unknown
kind, an edge whose ends are missing or of the wrong kinds for its type, and (through the model) anything
without provenance.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

import networkx as nx

from graph.model import NODE_TYPES, RELATIONSHIPS, Edge, Node

__all__ = ["ReviewGraph", "GraphError"]


class GraphError(ValueError):
    """A node or edge that breaks the model."""


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
            self.nodes[node.id] = node
            return node
        if old.KIND != node.KIND:
            raise GraphError(f"id {node.id!r} used for both {old.KIND} and {node.KIND}")
        span = f"{node.doc}:{node.line_start}-{node.line_end}"
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
        self.edges[edge.key] = edge
        return edge

    def link(self, source: str, type_: str, target: str, prov: Node | Edge, **props: Any) -> Edge:
        """Add an edge whose provenance is taken from ``prov`` (the node or edge it was read with)."""
        return self.add_edge(Edge(source=source, target=target, type=type_, doc=prov.doc,
                                  line_start=prov.line_start, line_end=prov.line_end, props=props))

    def remove_node(self, node_id: str) -> None:
        self.nodes.pop(node_id, None)
        for key in [k for k in self.edges if node_id in (k[0], k[2])]:
            del self.edges[key]

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

    def node_link(self) -> dict[str, Any]:
        """Node-link data (networkx ``node_link_data`` with ``edges="links"``): the export contract."""
        data = nx.node_link_data(self.to_networkx(), edges="links")
        for link in data["links"]:
            link.pop("key", None)
        return data

    def to_json(self) -> str:
        """Node-link JSON, keys sorted (the same graph always gives the same bytes), compact."""
        return json.dumps(self.node_link(), ensure_ascii=False, sort_keys=True, separators=(",", ":"))

    @classmethod
    def from_node_link(cls, data: dict[str, Any]) -> ReviewGraph:
        g = cls()
        for raw in data["nodes"]:
            raw = dict(raw)
            kind = raw.pop("kind")
            g.nodes[raw["id"]] = NODE_TYPES[kind].model_validate(raw)
        for raw in data.get("links", data.get("edges", [])):
            raw = dict(raw)
            base = {k: raw.pop(k) for k in ("source", "target", "type", "doc", "line_start", "line_end")}
            raw.pop("key", None)
            g.add_edge(Edge(**base, props=raw))
        return g

    def subgraph(self, node_ids: Iterable[str]) -> ReviewGraph:
        keep = set(node_ids)
        g = ReviewGraph()
        g.nodes = {k: v for k, v in self.nodes.items() if k in keep}
        g.edges = {k: v for k, v in self.edges.items() if k[0] in keep and k[2] in keep}
        return g
