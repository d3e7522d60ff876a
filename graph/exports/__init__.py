"""Export formats. Each module here defines ``EXPORTERS: dict[str, Exporter]``; :func:`exporters` collects
them, so a new format is a new module (or an entry in one), with no edit to a shared file.

An exporter writes a graph (already filtered and, when asked, redacted) to a path and returns how many
characters the format could not hold were replaced (see :mod:`reviewgraph.graph.exports.safetext`; ``None`` counts as 0)::

    def export_x(graph: ReviewGraph, out: Path) -> int | None
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from pathlib import Path

from reviewgraph.graph.graphdata import ReviewGraph

Exporter = Callable[[ReviewGraph, Path], "int | None"]

__all__ = ["Exporter", "exporters", "export"]


def exporters() -> dict[str, Exporter]:
    found: dict[str, Exporter] = {}
    for mod in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{mod.name}")
        found.update(getattr(module, "EXPORTERS", {}))
    return found


def export(graph: ReviewGraph, fmt: str, out: Path) -> int:
    """Write ``graph`` as ``fmt`` to ``out``; the number of characters replaced because ``fmt`` cannot hold
    them (U+FFFD in their place; :func:`reviewgraph.graph.exports.safetext.describe` words it)."""
    table = exporters()
    if fmt not in table:
        raise ValueError(f"unknown export format {fmt!r}; known: {', '.join(sorted(table))}")
    return table[fmt](graph, out) or 0
