"""How many workers to use: ``$REVIEWGRAPH_WORKERS`` if it is a number, else the usable cores.

One setting for the parse's worker processes (:mod:`reviewgraph.ingest.parallel`) and the graph build's
threads (:mod:`reviewgraph.graph.similarity`); it sits in the graph layer, which the ingestors may
import, so that the graph never imports them.
"""

from __future__ import annotations

import os

__all__ = ["wanted_workers"]


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def wanted_workers() -> int:
    """``$REVIEWGRAPH_WORKERS`` if it is a number, else the usable cores (the graph build's threads use it too)."""
    env = os.environ.get("REVIEWGRAPH_WORKERS", "").strip()
    try:
        return max(1, int(env)) if env else _cores()
    except ValueError:
        return _cores()
