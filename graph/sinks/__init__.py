"""Sinks: the stores the graph is loaded into for a query engine, each behind one :class:`Sink`.

Each store module here declares ``SINK = Sink(...)``: its ``name`` (the folder of its derived store), what
it is for, how to put a graph in a store in ``memory``, and, for a store kept on disk beside the store's
``graph.json``, its ``version``, how to ``build`` it in a directory and ``open`` a built one read-only.
:func:`sinks` finds them with :func:`reviewgraph.graph.plugins.discover`. The query engines
(:mod:`reviewgraph.queries.engines`) open their stores through these. The other modules here are helpers:
the columns and RDF terms the stores share, the derived-store folders, and the pushes to servers
(``reviewgraph push``: Neo4j, a SPARQL endpoint), whose store is the server's own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reviewgraph.graph.plugins import discover

if TYPE_CHECKING:
    from reviewgraph.graph.graphdata import ReviewGraph
    from reviewgraph.graph.store import Store

__all__ = ["HELPERS", "Sink", "sinks"]

#: the modules here that declare no store: shared code, and the pushes to servers
HELPERS = frozenset({"columns", "derived", "neo4j_push", "ntriples", "sparql_endpoint"})


@dataclass(frozen=True)
class Sink:
    """A store the graph is loaded into. ``memory(graph)`` gives one in memory; a sink kept on disk also
    has ``version`` (bumped when its layout changes, so stores are rebuilt), ``build(graph, directory)`` and
    ``open(directory)`` (read-only)."""

    name: str
    purpose: str
    memory: Callable[[ReviewGraph], Any]
    version: str | None = None
    build: Callable[[ReviewGraph, Path], None] | None = None
    open: Callable[[Path], Any] | None = None

    def current_dir(self, store: Store) -> Path:
        """The directory of ``store``'s current derived store of this kind (built first when stale)."""
        from reviewgraph.graph.sinks.derived import fresh_dir

        if self.build is None or self.version is None:
            raise ValueError(f"the {self.name} store is kept in memory only")
        return fresh_dir(store, self.name, self.version, self.build)

    def open_current(self, store: Store) -> Any:
        """``store``'s current derived store of this kind, opened read-only (built first when stale)."""
        if self.open is None:
            raise ValueError(f"the {self.name} store is kept in memory only")
        return self.open(self.current_dir(store))


def sinks() -> dict[str, Sink]:
    """Every store, by name."""
    return discover(__name__, Sink, "SINK", helpers=HELPERS)
