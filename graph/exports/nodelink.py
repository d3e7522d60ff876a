"""Node-link JSON: the export contract (see docs/export-format.md)."""

from __future__ import annotations

from pathlib import Path

from graph.graphdata import ReviewGraph
from graph.store import atomic_write


def export_json(graph: ReviewGraph, out: Path) -> None:
    atomic_write(out, graph.to_json() + "\n")


EXPORTERS = {"json": export_json}
