"""CSV of nodes and edges: one zip file holding ``nodes.csv`` and ``edges.csv`` (UTF-8, header row).

``nodes.csv`` has ``id, kind, label`` then every property (lists joined with ``"; "``); ``edges.csv`` has
``source, type, target, doc, line_start, line_end`` then the relationship properties. Cells that a
spreadsheet would run as a formula (starting ``=``, ``+``, ``-``, ``@``) are prefixed with ``'``.
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path
from typing import Any

from graph.graphdata import ReviewGraph
from graph.store import atomic_write

_NODE_FIRST = ["id", "kind", "label"]
_EDGE_FIRST = ["source", "type", "target", "doc", "line_start", "line_end"]


def spreadsheet_safe(value: Any) -> str:
    """A CSV cell a spreadsheet will not run as a formula."""
    return _cell(value)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        value = "; ".join(str(v) for v in value)
    text = str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r") and not _numeric(text):
        text = "'" + text
    return text


def _numeric(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _table(rows: list[dict[str, Any]], first: list[str]) -> str:
    cols = list(first)
    seen = set(cols)
    for row in rows:
        for k in row:
            if k not in seen:
                seen.add(k)
                cols.append(k)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")  # what csv.DictWriter writes, without a dict per row
    writer.writerow(cols)
    cell = _cell
    writer.writerows([["" if (v := row.get(k)) is None else cell(v) for k in cols] for row in rows])
    return buf.getvalue()


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


def export_csv(graph: ReviewGraph, out: Path) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, text in csv_tables(graph).items():
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))  # reproducible bytes
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, text.encode("utf-8"))
    atomic_write(Path(out), buf.getvalue())


EXPORTERS = {"csv": export_csv}
