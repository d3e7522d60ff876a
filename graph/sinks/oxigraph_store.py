"""pyoxigraph: the embedded SPARQL store, in memory or persistent under ``<store>/derived/oxigraph/``."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox

from graph.graphdata import ReviewGraph
from graph.sinks.derived import fresh_dir
from graph.sinks.rdf import triples
from graph.store import Store

__all__ = ["VERSION", "load_into", "memory_store", "open_store", "build_dir", "ntriples", "iter_ntriples"]

#: bump when the RDF mapping changes, so persistent stores are rebuilt
VERSION = "oxigraph-2"


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


class _NtTerms:
    """Terms as N-Triples text: IRIs are already percent-encoded by :func:`graph.ids.iri`; literals escaped."""

    def iri(self, value: str) -> str:
        return f"<{value}>"

    def literal(self, lexical: str, datatype: str) -> str:
        text = '"' + lexical.translate(_ESCAPES) + '"'
        return text if datatype == _XSD_STRING else f"{text}^^<{datatype}>"


def iter_ntriples(graph: ReviewGraph) -> Iterator[str]:
    """The data as N-Triples lines."""
    for s, p, o in triples(graph, _NtTerms()):
        yield f"{s} {p} {o} .\n"


def ntriples(graph: ReviewGraph) -> str:
    """The data as N-Triples text (what ``push sparql`` sends)."""
    return "".join(iter_ntriples(graph))


def load_into(store: ox.Store, graph: ReviewGraph) -> None:
    """Bulk-load ``graph``: N-Triples written to a temporary file, parsed by Oxigraph (fast, flat memory)."""
    with tempfile.NamedTemporaryFile("w", suffix=".nt", encoding="utf-8") as fh:
        fh.writelines(iter_ntriples(graph))
        fh.flush()
        store.bulk_load(path=fh.name, format=ox.RdfFormat.N_TRIPLES)


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
