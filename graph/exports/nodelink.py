"""Node-link JSON: the export contract (see docs/model.md, "The export contract"). Lone surrogates, which
UTF-8 cannot hold, are replaced first (:mod:`reviewgraph.graph.exports.safetext`)."""

from __future__ import annotations

from pathlib import Path

from reviewgraph.graph.exports.safetext import written
from reviewgraph.graph.exports import Exporter
from reviewgraph.graph.graphdata import ReviewGraph
from reviewgraph.graph.store import atomic_write


def export_json(graph: ReviewGraph, out: Path) -> int:
    return written(graph, lambda g: atomic_write(out, g.to_json() + "\n"))


#: the formats this module writes (found by reviewgraph.graph.exports.exporters)
EXPORTERS = (
    Exporter(name="json", suffix="json", mime="application/json", label="JSON: for programs",
             purpose="Nodes and links as JSON (networkx node-link) for scripts and D3.",
             write=export_json),
)
