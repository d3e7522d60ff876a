"""Views of the graph: the part a user has filtered to (one review, for now)."""

from __future__ import annotations

from graph.graphdata import ReviewGraph

__all__ = ["review_subgraph"]


def review_subgraph(graph: ReviewGraph, review: str) -> ReviewGraph:
    """One review with everything hanging off it (documents, recommendations, actions, learning, agencies,
    themes)."""
    rid = review if review.startswith("review:") else f"review:{review}"
    if rid not in graph.nodes:
        raise ValueError(f"no review {review!r} in the store")
    keep = {rid}
    frontier = [rid]
    while frontier:
        nid = frontier.pop()
        for (src, _type, dst) in graph.edges:
            if src == nid and dst not in keep:
                kind = graph.nodes[dst].KIND
                keep.add(dst)
                if kind not in ("Agency", "Theme", "Recommendation") or src == rid:
                    frontier.append(dst)
    return graph.subgraph(keep)
