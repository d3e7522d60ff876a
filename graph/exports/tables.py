"""CSV of nodes and edges: one zip file holding ``nodes.csv`` and ``edges.csv`` (UTF-8, header row).

``nodes.csv`` has ``id, kind, label`` then every property (lists joined with ``"; "``); ``edges.csv`` has
``source, type, target, doc, line_start, line_end`` then the relationship properties. Written by the one CSV
writer, :func:`reviewgraph.graph.exports.csvtext.csv_text`: a cell a spreadsheet would run as a formula is prefixed with
``'``.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

from reviewgraph.graph.exports.csvtext import csv_text, formula_safe
from reviewgraph.graph.exports.safetext import written
from reviewgraph.graph.exports import Exporter
from reviewgraph.graph.graphdata import ReviewGraph
from reviewgraph.graph.store import atomic_write

_NODE_FIRST = ["id", "kind", "label"]
_EDGE_FIRST = ["source", "type", "target", "doc", "line_start", "line_end"]


def spreadsheet_safe(value: Any) -> str:
    """A CSV cell a spreadsheet will not run as a formula (lists joined with ``"; "``)."""
    return formula_safe(_cell(value))


def _cell(value: Any) -> str | None:
    """A property value as the text of its cell (the CSV writer makes it formula-safe)."""
    if isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value)
    return value if value is None or isinstance(value, str) else str(value)


def _table(rows: list[dict[str, Any]], first: list[str]) -> str:
    cols = list(first)
    seen = set(cols)
    for row in rows:
        for k in row:
            if k not in seen:
                seen.add(k)
                cols.append(k)
    return csv_text(cols, ([row.get(k) for k in cols] for row in rows), text=_cell)


def csv_tables(graph: ReviewGraph) -> dict[str, str]:
    """``{"nodes.csv": text, "edges.csv": text}`` for the graph."""
    nodes = []
    for node in sorted(graph.nodes.values(), key=lambda n: n.id):
        row = node.props()
        row["label"] = node.caption()
        nodes.append(row)
    edges = []
    for e in sorted(graph.edges.values(), key=lambda e: e.key):
        edges.append({"source": e.source, "type": e.type, "target": e.target, "doc": e.doc,
                      "line_start": e.line_start, "line_end": e.line_end, **e.props})
    return {"nodes.csv": _table(nodes, _NODE_FIRST), "edges.csv": _table(edges, _EDGE_FIRST)}


def export_csv(graph: ReviewGraph, out: Path) -> int:
    def write(g: ReviewGraph) -> None:
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            for name, text in csv_tables(g).items():
                info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))  # reproducible bytes
                info.compress_type = zipfile.ZIP_DEFLATED
                zf.writestr(info, text.encode("utf-8"))
        atomic_write(Path(out), buf.getvalue())

    return written(graph, write)


#: the formats this module writes (found by reviewgraph.graph.exports.exporters)
EXPORTERS = (
    Exporter(name="csv", suffix="zip", mime="application/zip", label="CSV: spreadsheet",
             purpose="Two tables (nodes.csv and edges.csv, zipped) for Excel or LibreOffice.",
             write=export_csv),
)
