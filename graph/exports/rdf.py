"""RDF exports (Turtle, JSON-LD, N-Triples) through rdflib; the vocabulary is in :mod:`graph.sinks.rdf`."""

from __future__ import annotations

from pathlib import Path

from graph.graphdata import ReviewGraph
from graph.sinks.rdf import PREFIXES, to_rdflib
from graph.store import atomic_write


def _writer(rdflib_format: str):
    def export(graph: ReviewGraph, out: Path) -> None:
        g = to_rdflib(graph)
        if rdflib_format == "json-ld":
            context = {**PREFIXES, "rgid": "https://w3id.org/reviewgraph/id/"}
            data = g.serialize(format="json-ld", context=context, indent=1)
        else:
            data = g.serialize(format=rdflib_format)
        atomic_write(out, data if data.endswith("\n") else data + "\n")

    export.__name__ = f"export_{rdflib_format.replace('-', '')}"
    export.__doc__ = f"Write the graph as {rdflib_format} (rdflib)."
    return export


EXPORTERS = {"ttl": _writer("turtle"), "jsonld": _writer("json-ld"), "nt": _writer("nt")}
