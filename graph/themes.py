"""Theme tagging (placeholder until the themes work lands): adds Theme nodes and ABOUT edges.

CONTRACT: ``tag_graph(graph: ReviewGraph) -> None`` is called by :func:`graph.build.build_graph` after the
reviews are merged; it must be deterministic and offline.
"""

from __future__ import annotations

from graph.graphdata import ReviewGraph


def tag_graph(graph: ReviewGraph) -> None:
    return None
