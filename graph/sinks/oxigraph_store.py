"""pyoxigraph: the embedded SPARQL store, in memory or persistent under ``<store>/derived/oxigraph/``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyoxigraph as ox

from graph.graphdata import ReviewGraph
from graph.sinks.derived import fresh_dir
from graph.sinks.rdf import triples
from graph.store import Store

__all__ = ["VERSION", "load_into", "memory_store", "open_store", "build_dir", "ntriples"]

#: bump when the RDF mapping changes, so persistent stores are rebuilt
VERSION = "oxigraph-1"


class _OxTerms:
    def __init__(self) -> None:
        self._iris: dict[str, ox.NamedNode] = {}

    def iri(self, value: str) -> ox.NamedNode:
        node = self._iris.get(value)
        if node is None:
            node = self._iris[value] = ox.NamedNode(value)
        return node

    def literal(self, lexical: str, datatype: str) -> ox.Literal:
        return ox.Literal(lexical, datatype=self.iri(datatype))


def _quads(graph: ReviewGraph) -> Any:
    dg = ox.DefaultGraph()
    return (ox.Quad(s, p, o, dg) for s, p, o in triples(graph, _OxTerms()))


def ntriples(graph: ReviewGraph) -> str:
    """The data as N-Triples text (what ``push sparql`` sends)."""
    return "".join(f"{s} {p} {o} .\n" for s, p, o in triples(graph, _OxTerms()))


def load_into(store: ox.Store, graph: ReviewGraph) -> None:
    store.bulk_extend(_quads(graph))


def memory_store(graph: ReviewGraph) -> ox.Store:
    """An in-memory pyoxigraph store holding ``graph``."""
    store = ox.Store()
    load_into(store, graph)
    return store


def build_dir(graph: ReviewGraph, directory: Path) -> None:
    """Write a persistent pyoxigraph store of ``graph`` in ``directory`` (created if missing)."""
    directory.mkdir(parents=True, exist_ok=True)
    store = ox.Store(str(directory))
    load_into(store, graph)
    store.flush()
    del store


def open_store(store: Store) -> ox.Store:
    """The persistent store for ``store``'s current graph, opened read-only (built first if stale)."""
    return ox.Store.read_only(str(fresh_dir(store, "oxigraph", VERSION, build_dir)))
