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

import itertools
import json
import operator
from collections.abc import Iterator
from typing import Any

import networkx as nx

from reviewgraph.graph.graphdata import ReviewGraph

__all__ = ["scalar", "bare_ends", "node_order", "node_items", "edge_items", "flat_networkx"]

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


def bare_ends(graph: ReviewGraph) -> list[str]:
    """The ids edges name that the graph lacks, in the order networkx adds them bare (where the edges sorted
    by key first name each, source before target), found without sorting the edges."""
    first: dict[str, tuple[tuple[str, str, str], int]] = {}
    nodes = graph.nodes
    for key in graph.edges:
        for side in (0, 2):
            end = key[side]
            if end not in nodes:
                seen = first.get(end)
                if seen is None or (key, side) < seen:
                    first[end] = (key, side)
    return sorted(first, key=first.__getitem__)


def node_order(graph: ReviewGraph) -> list[str]:
    """Node ids in networkx's order for :func:`flat_networkx`: the graph's by id, then :func:`bare_ends`."""
    return sorted(graph.nodes) + bare_ends(graph)


def _node_attrs(graph: ReviewGraph, node_id: str) -> dict[str, Any]:
    node = graph.nodes[node_id]
    attrs = {k: v if type(v) in _PLAIN else scalar(v) for k, v in node.props().items() if v is not None and v != []}
    attrs["label"] = node.caption()
    return attrs


def node_items(graph: ReviewGraph, bare: list[str] | None = None) -> Iterator[tuple[str, dict[str, Any]]]:
    """``(id, attributes)`` of every node, in networkx's order (each dict made when it is reached); ``bare``:
    :func:`bare_ends`, when the caller has it."""
    for node_id in sorted(graph.nodes):
        yield node_id, _node_attrs(graph, node_id)
    for node_id in bare_ends(graph) if bare is None else bare:
        yield node_id, {}


def edge_items(graph: ReviewGraph, bare: list[str] | None = None) -> Iterator[tuple[str, str, str, dict[str, Any]]]:
    """``(source, target, key, attributes)`` of every edge (the key is its type), in networkx's order: the
    edges sorted by key (so by source: the graph's nodes in their order), each source's by the target's first
    place, then those of sources the graph lacks, in :func:`bare_ends`'s order. Holds one sorted list of the
    edge keys (a pointer an edge) and one source's edges at a time."""
    edges, nodes = graph.edges, graph.nodes
    later: dict[str, list[tuple[str, str, str]]] = {}
    for src, keys in itertools.groupby(sorted(edges), key=operator.itemgetter(0)):
        if src in nodes:
            yield from _source_edges(edges, list(keys))
        else:  # networkx placed this source after the graph's nodes
            later[src] = list(keys)
    if later:
        for src in bare_ends(graph) if bare is None else bare:
            if src in later:
                yield from _source_edges(edges, later.pop(src))


def _source_edges(edges: dict[tuple[str, str, str], Any], keys: list[tuple[str, str, str]],
                  ) -> Iterator[tuple[str, str, str, dict[str, Any]]]:
    """One source's edges (``keys`` sorted by type and target) by the target's first place, then type."""
    by_target: dict[str, list[tuple[str, str, str]]] = {}
    for key in keys:
        by_target.setdefault(key[2], []).append(key)
    for group in by_target.values():
        for key in group:
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
