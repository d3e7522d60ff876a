"""Node-link JSON: the export contract (see docs/model.md, "The export contract"), written a few thousand
items at a time (:meth:`reviewgraph.graph.graphdata.ReviewGraph.write_json`), never as one string. Lone
surrogates, which UTF-8 cannot hold, are replaced first (:mod:`reviewgraph.graph.exports.safetext`)."""

from __future__ import annotations

from pathlib import Path

from reviewgraph.graph.exports.safetext import written
from reviewgraph.graph.exports import Exporter
from reviewgraph.graph.graphdata import ReviewGraph
from reviewgraph.graph.store import atomic_file


def export_json(graph: ReviewGraph, out: Path) -> int:
    def write(g: ReviewGraph) -> None:
        with atomic_file(Path(out)) as fh:
            g.write_json(lambda text: fh.write(text.encode("utf-8")))
            fh.write(b"\n")

    return written(graph, write)


#: the formats this module writes (found by reviewgraph.graph.exports.exporters)
EXPORTERS = (
    Exporter(name="json", suffix="json", mime="application/json", label="JSON: for programs",
             purpose="Nodes and links as JSON (networkx node-link) for scripts and D3.",
             write=export_json),
)
