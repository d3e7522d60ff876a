"""Export formats. Each module here declares ``EXPORTERS``: a tuple of :class:`Exporter` (one per format it
writes); :func:`exporters` finds them all with :func:`reviewgraph.graph.plugins.discover`, so a new format is
a new module (or one more entry in a module's tuple), with no edit to a shared file.

An exporter writes a graph (already filtered and, when asked, redacted) to a path and returns how many
characters the format could not hold were replaced (see :mod:`reviewgraph.graph.exports.safetext`; ``None``
counts as 0)::

    def export_x(graph: ReviewGraph, out: Path) -> int | None

    EXPORTERS = (Exporter(name="x", suffix="x", mime="text/plain", label="X: for a program",
                          purpose="The network as X, for a program that reads X.", write=export_x),)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from reviewgraph.graph.graphdata import ReviewGraph
from reviewgraph.graph.plugins import discover

__all__ = ["Exporter", "HELPERS", "exporters", "export"]

#: the modules here that hold what the exporters share, and declare no format
HELPERS = frozenset({"csvtext", "flat", "gexf", "graphml", "indented_json", "safetext", "xmltext"})


@dataclass(frozen=True)
class Exporter:
    """One export format: ``name`` (``--format``), the file's ``suffix`` (no dot) and ``mime`` type, a short
    ``label`` and what it is for in plain words (``purpose``, for a board member choosing a download), and
    ``write(graph, out)``. Called as ``exporter(graph, out)``, it writes."""

    name: str
    suffix: str
    mime: str
    label: str
    purpose: str
    write: Callable[[ReviewGraph, Path], int | None]

    def __call__(self, graph: ReviewGraph, out: Path) -> int | None:
        return self.write(graph, out)


def exporters() -> dict[str, Exporter]:
    """Every export format, by name (in name order)."""
    return discover(__name__, Exporter, "EXPORTERS", helpers=HELPERS)


def export(graph: ReviewGraph, fmt: str, out: Path) -> int:
    """Write ``graph`` as ``fmt`` to ``out``; the number of characters replaced because ``fmt`` cannot hold
    them (U+FFFD in their place; :func:`reviewgraph.graph.exports.safetext.describe` words it)."""
    table = exporters()
    if fmt not in table:
        raise ValueError(f"unknown export format {fmt!r}; known: {', '.join(sorted(table))}")
    return table[fmt](graph, out) or 0
