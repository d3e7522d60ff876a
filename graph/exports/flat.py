"""The graph as the network formats (GraphML, GEXF, Cytoscape.js) see it, one node or edge at a time.

Those formats hold only scalar attribute values: lists are joined with ``"; "``, dicts written as JSON and
``None`` values left out; every node gets a ``label`` (its caption). The order is networkx's for the graph
:func:`flat_networkx` builds (nodes by id, then any node an edge names that the graph lacks, bare; edges by
source in node order, then by target in the order each first appears among the source's edges sorted by type
and target, then by type), so a writer fed from :func:`node_items` and :func:`edge_items` writes what
networkx's writer writes for that graph, without a second copy of the graph in memory.

>>> from reviewgraph.graph.graphdata import ReviewGraph
>>> from reviewgraph.graph.model import Agency, Edge, Recommendation
>>> g = ReviewGraph()
>>> for i in ("2", "1"):
...     _ = g.add_node(Recommendation(id=f"recommendation:x/{i}", review="review:x", number=i, text="...",
...                                   doc="d", line_start=1, line_end=1))
>>> _ = g.add_node(Agency(id="agency:a", name="A", aliases=["a", "aa"], doc="d", line_start=1, line_end=1))
>>> _ = g.add_edge(Edge(source="recommendation:x/2", target="recommendation:x/1", type="SIMILAR_TO", doc="d",
...                     line_start=1, line_end=2, props={"score": 0.5}))
>>> [(n, d["label"], d.get("aliases")) for n, d in node_items(g)]
[('agency:a', 'A', 'a; aa'), ('recommendation:x/1', '1', None), ('recommendation:x/2', '2', None)]
>>> [(u, v, k, d["score"]) for u, v, k, d in edge_items(g)]
[('recommendation:x/2', 'recommendation:x/1', 'SIMILAR_TO', 0.5)]
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import networkx as nx

from reviewgraph.graph.graphdata import ReviewGraph

__all__ = ["scalar", "node_order", "node_items", "edge_items", "flat_networkx"]

_PLAIN = frozenset({str, int, float, bool})


def scalar(value: Any) -> Any:
    """``value`` as a format of scalar attributes holds it: lists, tuples and sets joined with ``"; "``,
    dicts as JSON text, anything else unchanged."""
    if type(value) in _PLAIN:
        return value
    if isinstance(value, (list, tuple, set)):
        return "; ".join(str(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return value


def node_order(graph: ReviewGraph) -> dict[str, bool]:
    """Node ids in networkx's order for :func:`flat_networkx` (``True`` for a node of the graph, ``False`` for
    one only an edge names: networkx adds it bare, where the edges sorted by key first name it)."""
    order = dict.fromkeys(sorted(graph.nodes), True)
    for src, _, dst in sorted(graph.edges):
        for end in (src, dst):
            if end not in order:
                order[end] = False
    return order


def _node_attrs(graph: ReviewGraph, node_id: str) -> dict[str, Any]:
    node = graph.nodes[node_id]
    attrs = {k: v if type(v) in _PLAIN else scalar(v) for k, v in node.props().items() if v is not None and v != []}
    attrs["label"] = node.caption()
    return attrs


def node_items(graph: ReviewGraph, order: dict[str, bool] | None = None) -> Iterator[tuple[str, dict[str, Any]]]:
    """``(id, attributes)`` of every node, in networkx's order (each dict made when it is reached)."""
    for node_id, known in (node_order(graph) if order is None else order).items():
        yield node_id, (_node_attrs(graph, node_id) if known else {})


def edge_items(graph: ReviewGraph, order: dict[str, bool] | None = None,
               ) -> Iterator[tuple[str, str, str, dict[str, Any]]]:
    """``(source, target, key, attributes)`` of every edge (the key is its type), in networkx's order."""
    position = {node_id: i for i, node_id in enumerate(node_order(graph) if order is None else order)}
    edges = graph.edges
    by_source: dict[str, list[tuple[str, str, str]]] = {}
    for key in sorted(edges):
        by_source.setdefault(key[0], []).append(key)
    for src in sorted(by_source, key=position.__getitem__):
        by_target: dict[str, list[tuple[str, str, str]]] = {}
        for key in by_source[src]:
            by_target.setdefault(key[2], []).append(key)
        for keys in by_target.values():
            for key in keys:
                e = edges[key]
                attrs = {"type": e.type, "doc": e.doc, "line_start": e.line_start}
                if e.line_end is not None:
                    attrs["line_end"] = e.line_end
                if e.props:
                    attrs.update((k, v if type(v) in _PLAIN else scalar(v)) for k, v in e.props.items()
                                 if v is not None)
                yield e.source, e.target, e.type, attrs


def flat_networkx(graph: ReviewGraph) -> nx.MultiDiGraph:
    """The graph's networkx view with only scalar, non-``None`` attributes and a ``label`` on every node (the
    graph the streamed writers stand in for; the tests' oracle)."""
    g = nx.MultiDiGraph()
    for node_id, attrs in node_items(graph):
        g.add_node(node_id, **attrs)
    for u, v, key, attrs in edge_items(graph):
        g.add_edge(u, v, key=key, **attrs)
    return g
