"""GraphML and GEXF (for Gephi, yEd, Cytoscape desktop) and Cytoscape.js JSON, through networkx.

GraphML and GEXF hold only scalar attribute values: lists are joined with ``"; "`` and ``None`` values are
left out, so networkx writes every node and edge and reads the file back.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import networkx as nx

from graph.graphdata import ReviewGraph
from graph.store import atomic_write


def _scalar(value: Any) -> Any:
    if isinstance(value, (list, tuple, set)):
        return "; ".join(str(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return value


def flat_networkx(graph: ReviewGraph) -> nx.MultiDiGraph:
    """The graph's networkx view with only scalar, non-``None`` attributes and a ``label`` on every node."""
    src = graph.to_networkx()
    g = nx.MultiDiGraph()
    for nid, attrs in src.nodes(data=True):
        clean = {k: _scalar(v) for k, v in attrs.items() if v is not None and v != []}
        clean["label"] = graph.nodes[nid].caption()
        g.add_node(nid, **clean)
    for s, t, key, attrs in src.edges(keys=True, data=True):
        g.add_edge(s, t, key=key, **{k: _scalar(v) for k, v in attrs.items() if v is not None})
    return g


def export_graphml(graph: ReviewGraph, out: Path) -> None:
    buf = io.BytesIO()
    nx.write_graphml(flat_networkx(graph), buf, encoding="utf-8", prettyprint=True)
    atomic_write(Path(out), buf.getvalue())


def export_gexf(graph: ReviewGraph, out: Path) -> None:
    buf = io.BytesIO()
    nx.write_gexf(flat_networkx(graph), buf, encoding="utf-8", prettyprint=True)
    atomic_write(Path(out), buf.getvalue())


def export_cytoscape(graph: ReviewGraph, out: Path) -> None:
    data = nx.cytoscape_data(flat_networkx(graph), name="label", ident="id")
    atomic_write(Path(out), json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n")


EXPORTERS = {"graphml": export_graphml, "gexf": export_gexf, "cytoscape": export_cytoscape}
