"""Repeat recommendations (placeholder until the themes work lands): adds SIMILAR_TO edges.

CONTRACT: ``link_similar(graph: ReviewGraph) -> None`` is called by :func:`graph.build.build_graph` after
theme tagging; deterministic and offline.
"""

from __future__ import annotations

from graph.graphdata import ReviewGraph


def link_similar(graph: ReviewGraph) -> None:
    return None
