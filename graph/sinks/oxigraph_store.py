"""pyoxigraph: the embedded SPARQL store, in memory or persistent under ``<store>/derived/oxigraph/``.

The graph reaches Oxigraph as N-Triples text generated while Oxigraph's parser reads it
(:func:`reviewgraph.graph.sinks.ntriples.ntriples_reader`): no temporary file, no whole-corpus string and no Python
object per RDF term.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from reviewgraph.graph.graphdata import ReviewGraph
from reviewgraph.graph.sinks import Sink
from reviewgraph.graph.sinks.derived import fresh_dir
from reviewgraph.graph.sinks.ntriples import iter_ntriples, ntriples, ntriples_reader
from reviewgraph.graph.store import Store

__all__ = ["SINK", "VERSION", "load_into", "memory_store", "store_dir", "open_dir", "open_store", "build_dir",
           "ntriples", "iter_ntriples"]

#: bump when the RDF mapping or the store's layout changes, so persistent stores are rebuilt
#: (3: compacted after the bulk load; 4: a relationship's statement only where it has properties or a
#: provenance of its own; 5: a status update's ``rg:statusUntil``; 6: a relationship's provenance is that of
#: the node that states it, the node it reaches for the types whose ``stated_by`` is ``"target"``)
VERSION = "oxigraph-6"


def load_into(store: ox.Store, graph: ReviewGraph) -> int:
    """Bulk-load ``graph`` into ``store``; returns the number of triples sent.

    One ``bulk_load`` call: Oxigraph's loader bounds its own memory (about 1.4 GB at 1,000 and 1.5 GB at
    3,000 reviews), and calls of 500,000 triples, though they halve that, cost 40% more CPU at 3,000
    reviews (each call adds RocksDB files to merge). ``lenient`` skips Oxigraph's IRI and literal
    validation: the text is generated here, every IRI percent-encoded by :func:`reviewgraph.graph.ids.iri` or a
    vocabulary constant (tests load awkward text both ways).
    """
    reader = ntriples_reader(graph)
    store.bulk_load(input=reader, format=ox.RdfFormat.N_TRIPLES, lenient=True)
    return reader.triples


def memory_store(graph: ReviewGraph) -> ox.Store:
    """An in-memory pyoxigraph store holding ``graph``."""
    store = ox.Store()
    load_into(store, graph)
    return store


def build_dir(graph: ReviewGraph, directory: Path) -> None:
    """Write a persistent pyoxigraph store of ``graph`` in ``directory`` (created if missing).

    The bulk load leaves a pile of level-0 RocksDB files that every lookup must check; ``optimize`` compacts
    them (about 3 s CPU at 1,000 reviews, the directory 170 -> 290 MB) and the saved queries then take 2 to 3
    times less CPU on the persistent store.
    """
    directory.mkdir(parents=True, exist_ok=True)
    store = ox.Store(str(directory))
    load_into(store, graph)
    store.optimize()
    store.flush()
    del store


def store_dir(store: Store) -> Path:
    """The directory of the persistent store for ``store``'s current graph (built first if stale)."""
    return fresh_dir(store, "oxigraph", VERSION, build_dir)


def open_dir(directory: Path) -> ox.Store:
    """The pyoxigraph store built in ``directory`` (:func:`build_dir`), opened read-only."""
    return ox.Store.read_only(str(directory))


def open_store(store: Store) -> ox.Store:
    """The persistent store for ``store``'s current graph, opened read-only (built first if stale)."""
    return open_dir(store_dir(store))


SINK = Sink(name="oxigraph", purpose="Oxigraph, the embedded SPARQL store", memory=memory_store, version=VERSION,
            build=build_dir, open=open_dir)
