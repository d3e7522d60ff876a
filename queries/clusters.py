"""Structural gaps between clusters: what the learning joins up that the recommendations keep apart.

Two themes co-occur when one item carries both (a learning point, or a recommendation together with its
actions). :func:`theme_cooccurrence` builds that weighted graph; :func:`theme_communities` finds its
communities (networkx greedy modularity, deterministic); :func:`structural_gaps` lists the pairs of themes,
and of agencies, that the learning links often but the recommendations rarely or never do, with the
communities each side falls in.

>>> import networkx as nx
>>> from reviewgraph.queries.examples import example_graph
>>> g = theme_cooccurrence(example_graph(), "Recommendation")
>>> sorted(g.edges(("theme:marac")))[:2]
[('theme:marac', 'theme:commissioning-and-assurance'), ('theme:marac', 'theme:identification-of-risk')]
"""

from __future__ import annotations

from collections import Counter
from itertools import combinations
from typing import Any

import networkx as nx

from reviewgraph.graph.graphdata import ReviewGraph
from reviewgraph.graph.model import Agency, Recommendation, Theme
from reviewgraph.queries.index import GraphIndex

__all__ = ["theme_cooccurrence", "theme_communities", "structural_gaps"]

GraphLike = ReviewGraph | GraphIndex


def _index(graph: GraphLike) -> GraphIndex:
    return graph if isinstance(graph, GraphIndex) else GraphIndex(graph)


def _sets(idx: GraphIndex, kind: str, what: str) -> list[set[str]]:
    """Per item of ``kind`` (Learning, or Recommendation with its actions): its theme ids or agency ids."""
    out = []
    for item in idx.of_kind(kind):
        ids = [item.id]
        if isinstance(item, Recommendation):
            ids += [a.id for a in idx.actions_of(item.id)]
        found: set[str] = set()
        for i in ids:
            if what == "themes":
                found.update(idx.themes_of(i))
            else:
                for rel in ("MENTIONS", "ADDRESSED_TO", "LED_BY"):
                    found.update(e.target for e in idx.out_edges(i, rel)
                                 if isinstance(idx.nodes.get(e.target), Agency))
        out.append(found)
    return out


def _pairs(sets: list[set[str]]) -> Counter[tuple[str, str]]:
    counts: Counter[tuple[str, str]] = Counter()
    for s in sets:
        counts.update(combinations(sorted(s), 2))
    return counts


def theme_cooccurrence(graph: GraphLike, kind: str | None = None) -> nx.Graph:
    """Weighted graph of themes joined by the items (``Learning``, ``Recommendation`` or both) carrying both."""
    idx = _index(graph)
    kinds = [kind] if kind else ["Learning", "Recommendation"]
    g = nx.Graph()
    for t in idx.themes():
        g.add_node(t.id, label=t.label)
    for k in kinds:
        for (a, b), n in _pairs(_sets(idx, k, "themes")).items():
            w = g.edges[a, b]["weight"] if g.has_edge(a, b) else 0
            g.add_edge(a, b, weight=w + n)
    return g


def theme_communities(graph: GraphLike, kind: str | None = None) -> list[dict[str, Any]]:
    """Communities of the theme co-occurrence graph (themes that occur with no other theme left out).

    Rows: ``community`` (0 = largest), ``themes`` (ids), ``labels``, ``size``.
    """
    g = theme_cooccurrence(graph, kind)
    g.remove_nodes_from([n for n in list(g) if g.degree(n) == 0])
    if g.number_of_edges() == 0:
        return []
    comms = nx.community.greedy_modularity_communities(g, weight="weight")
    ordered = sorted((sorted(c) for c in comms), key=lambda c: (-len(c), c))
    return [{"community": i, "themes": c, "labels": [g.nodes[t]["label"] for t in c], "size": len(c)}
            for i, c in enumerate(ordered)]


def structural_gaps(graph: GraphLike, min_learning: int = 2, max_recommendations: int = 0) -> list[dict[str, Any]]:
    """Pairs of themes (and of agencies) that learning points join at least ``min_learning`` times but
    recommendations (with their actions) join at most ``max_recommendations`` times.

    Rows: ``kind`` ("themes" or "agencies"), ``a``, ``b`` (ids), ``a_label``, ``b_label``,
    ``learning`` and ``recommendations`` (co-occurrence counts), ``community_a``, ``community_b`` and
    ``across`` (the two themes fall in different communities of the co-occurrence graph).
    """
    idx = _index(graph)
    community: dict[str, int] = {}
    for row in theme_communities(idx):
        for t in row["themes"]:
            community[t] = row["community"]
    rows = []
    for what in ("themes", "agencies"):
        learning = _pairs(_sets(idx, "Learning", what))
        recs = _pairs(_sets(idx, "Recommendation", what))
        for (a, b), n in sorted(learning.items()):
            if n < min_learning or recs.get((a, b), 0) > max_recommendations:
                continue
            na, nb = idx.nodes[a], idx.nodes[b]
            ca = community.get(a) if what == "themes" else None
            cb = community.get(b) if what == "themes" else None
            rows.append({"kind": what, "a": a, "b": b,
                         "a_label": na.label if isinstance(na, Theme) else getattr(na, "name", a),
                         "b_label": nb.label if isinstance(nb, Theme) else getattr(nb, "name", b),
                         "learning": n, "recommendations": recs.get((a, b), 0),
                         "community_a": ca, "community_b": cb,
                         "across": ca is not None and cb is not None and ca != cb})
    rows.sort(key=lambda r: (r["kind"] != "themes", -r["learning"], r["a"], r["b"]))
    return rows
