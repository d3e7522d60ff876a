"""GraphML and GEXF (for Gephi, yEd, Cytoscape desktop) and Cytoscape.js JSON, through networkx.

GraphML and GEXF hold only scalar attribute values: lists are joined with ``"; "`` and ``None`` values are
left out, so networkx writes every node and edge and reads the file back. Characters XML 1.0 forbids are
replaced first (lone surrogates in the JSON; :mod:`reviewgraph.graph.exports.safetext`); each exporter returns how many
were.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import networkx as nx

from reviewgraph.graph.exports import indented_json, xmltext
from reviewgraph.graph.exports.safetext import XML, clean_graph, written
from reviewgraph.graph.exports import Exporter
from reviewgraph.graph.graphdata import ReviewGraph
from reviewgraph.graph.store import atomic_write


_PLAIN = frozenset({str, int, float, bool})


def _scalar(value: Any) -> Any:
    if type(value) in _PLAIN:
        return value
    if isinstance(value, (list, tuple, set)):
        return "; ".join(str(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return value


def flat_networkx(graph: ReviewGraph) -> nx.MultiDiGraph:
    """The graph's networkx view with only scalar, non-``None`` attributes and a ``label`` on every node.

    Built straight from the graph in the order :meth:`ReviewGraph.to_networkx` adds nodes (by id) and edges (by
    key), with the same attributes in the same order, so the writers see the same graph (without making the
    full view first and copying it)."""
    g = nx.MultiDiGraph()
    for node in sorted(graph.nodes.values(), key=lambda n: n.id):
        props = node.props()
        clean = {k: _scalar(v) for k, v in props.items() if v is not None and v != []}
        clean["label"] = node.caption()
        g.add_node(node.id, **clean)
    for key in sorted(graph.edges):
        e = graph.edges[key]
        attrs = {"type": e.type, "doc": e.doc, "line_start": e.line_start, "line_end": e.line_end, **e.props}
        g.add_edge(e.source, e.target, key=e.type, **{k: _scalar(v) for k, v in attrs.items() if v is not None})
    return g


def export_graphml(graph: ReviewGraph, out: Path) -> int:
    graph, replaced = clean_graph(graph, XML)
    buf = io.BytesIO()
    nx.write_graphml(flat_networkx(graph), buf, encoding="utf-8", prettyprint=True)
    atomic_write(Path(out), buf.getvalue())
    return replaced


def gexf_bytes(g: nx.Graph) -> bytes:
    """What ``nx.write_gexf(g, buf, encoding="utf-8", prettyprint=True)`` writes: networkx builds the
    document, :func:`reviewgraph.graph.exports.xmltext.serialize` writes its text in one walk and it is encoded once
    (ElementTree writing UTF-8 to a file passes every fragment through a Python-level encoder, with
    ``xmlcharrefreplace``; that and its own walk were most of the export's time)."""
    from networkx.readwrite.gexf import GEXFWriter

    writer = GEXFWriter(encoding="utf-8", prettyprint=True)
    writer.add_graph(g)
    writer.indent(writer.xml)  # what GEXFWriter.write does before writing, when pretty-printing
    text = "<?xml version='1.0' encoding='utf-8'?>\n" + xmltext.serialize(writer.xml)
    return text.encode("utf-8", "xmlcharrefreplace")


def export_gexf(graph: ReviewGraph, out: Path) -> int:
    graph, replaced = clean_graph(graph, XML)
    atomic_write(Path(out), gexf_bytes(flat_networkx(graph)))
    return replaced


def export_cytoscape(graph: ReviewGraph, out: Path) -> int:
    def write(g: ReviewGraph) -> None:
        data = nx.cytoscape_data(flat_networkx(g), name="label", ident="id")
        atomic_write(Path(out), indented_json.dumps(data, indent=1) + "\n")

    return written(graph, write)


#: the formats this module writes (found by reviewgraph.graph.exports.exporters)
EXPORTERS = (
    Exporter(name="graphml", suffix="graphml", mime="application/xml", label="GraphML: yEd / Cytoscape",
             purpose="For yEd, Cytoscape and most graph programs.",
             write=export_graphml),
    Exporter(name="gexf", suffix="gexf", mime="application/xml", label="GEXF: open in Gephi",
             purpose="For Gephi, the network analysis program.",
             write=export_gexf),
    Exporter(name="cytoscape", suffix="cyjs", mime="application/json", label="Cytoscape JSON",
             purpose="For Cytoscape desktop and Cytoscape.js web pages.",
             write=export_cytoscape),
)
