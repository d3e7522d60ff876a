"""GraphML and GEXF (for Gephi, yEd, Cytoscape desktop) and Cytoscape.js JSON, written as streams.

Each writes what networkx writes for :func:`reviewgraph.graph.exports.flat.flat_networkx`'s graph (the tests
hold them to it), a node or edge at a time into the file, so an export's memory does not grow with the
graph: GraphML by :mod:`reviewgraph.graph.exports.graphml` (networkx's lxml writer is incremental but
needs a built copy of the graph and an element per value), GEXF by :mod:`reviewgraph.graph.exports.gexf`
(networkx builds the whole element tree), Cytoscape.js JSON here, each
element's text by :mod:`reviewgraph.graph.exports.indented_json` (networkx's ``cytoscape_data`` builds the
whole document as dicts).

GraphML and GEXF hold only scalar attribute values: lists are joined with ``"; "`` and ``None`` values are
left out (:mod:`reviewgraph.graph.exports.flat`). Characters XML 1.0 forbids are replaced first (lone
surrogates in the JSON; :mod:`reviewgraph.graph.exports.safetext`); each exporter returns how many were.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

from reviewgraph.graph.exports import indented_json
from reviewgraph.graph.exports.flat import bare_ends, edge_items, flat_networkx, node_items, scalar
from reviewgraph.graph.exports.gexf import write_gexf
from reviewgraph.graph.exports.graphml import write_graphml
from reviewgraph.graph.exports.safetext import XML, clean_graph, written
from reviewgraph.graph.exports import Exporter
from reviewgraph.graph.graphdata import ReviewGraph
from reviewgraph.graph.store import atomic_file

__all__ = ["EXPORTERS", "export_graphml", "export_gexf", "export_cytoscape", "write_graphml_to", "write_gexf_to",
           "write_cytoscape", "flat_networkx", "gexf_edge_attrs"]

_scalar = scalar  # the name the tests and older callers use
_BATCH = 4000  # elements per write (Cytoscape)


def _text_sink(fh: BinaryIO, errors: str = "strict") -> Callable[[str], Any]:
    return lambda text: fh.write(text.encode("utf-8", errors))


def write_graphml_to(graph: ReviewGraph, fh: BinaryIO) -> None:
    """GraphML of ``graph`` (XML-clean: see :func:`export_graphml`) into the binary stream ``fh``: networkx's
    ``write_graphml(flat_networkx(graph), fh, prettyprint=True)``, node by node."""
    bare = bare_ends(graph)
    write_graphml(lambda: node_items(graph, bare), lambda: edge_items(graph, bare), _text_sink(fh))


def gexf_edge_attrs(attrs: dict[str, Any]) -> dict[str, Any]:
    """An edge's attributes as GEXF carries them: the relationship's type as the attribute ``relationship``
    (in its place), since an edge's own ``type`` in GEXF says whether it is directed, undirected or mutual
    (Gephi reads nothing else there).

    >>> gexf_edge_attrs({"type": "HAS_ACTION", "score": 0.5})
    {'relationship': 'HAS_ACTION', 'score': 0.5}
    """
    return {("relationship" if k == "type" else k): v for k, v in attrs.items()}


def write_gexf_to(graph: ReviewGraph, fh: BinaryIO, date: str | None = None) -> None:
    """GEXF 1.2 of ``graph`` (XML-clean) into ``fh``: networkx's ``write_gexf(g, fh, prettyprint=True)`` of
    :func:`flat_networkx`'s graph with each edge's attributes renamed by :func:`gexf_edge_attrs`, node by
    node (``date``: the ``lastmodifieddate``, default today)."""
    bare = bare_ends(graph)
    write_gexf(lambda: node_items(graph, bare),
               lambda: ((u, v, key, gexf_edge_attrs(attrs)) for u, v, key, attrs in edge_items(graph, bare)),
               _text_sink(fh, "xmlcharrefreplace"), date=date)


def write_cytoscape(graph: ReviewGraph, fh: BinaryIO) -> None:
    """Cytoscape.js JSON of ``graph`` into ``fh``: ``json.dumps(nx.cytoscape_data(flat_networkx(graph),
    name="label", ident="id"), indent=1, sort_keys=True, ensure_ascii=False)`` and a newline, element by
    element. Raises ``UnicodeEncodeError`` for a lone surrogate (see :func:`export_cytoscape`)."""
    write = _text_sink(fh)
    bare = bare_ends(graph)

    def edges() -> Any:
        for u, v, key, attrs in edge_items(graph, bare):
            yield {"data": {**attrs, "source": u, "target": v, "key": key}}

    def nodes() -> Any:
        for node, attrs in node_items(graph, bare):
            data = dict(attrs)
            data["id"] = attrs.get("id") or str(node)
            data["value"] = node
            data["name"] = attrs.get("label") or str(node)
            yield {"data": data}

    write('{\n "data": [],\n "directed": true,\n "elements": {\n  "edges": ')
    _json_list(edges(), write)
    write(',\n  "nodes": ')
    _json_list(nodes(), write)
    write('\n },\n "multigraph": true\n}\n')


def _json_list(items: Any, write: Callable[[str], Any]) -> None:
    """A list at depth 2 of the document, its items at depth 3, as ``json.dumps(indent=1)`` writes it."""
    first = True
    while batch := list(itertools.islice(items, _BATCH)):
        texts = [indented_json.dumps_at(item, 3) for item in batch]
        write(("[\n   " if first else ",\n   ") + ",\n   ".join(texts))
        first = False
    write("[]" if first else "\n  ]")


def export_graphml(graph: ReviewGraph, out: Path) -> int:
    graph, replaced = clean_graph(graph, XML)
    with atomic_file(Path(out)) as fh:
        write_graphml_to(graph, fh)
    return replaced


def export_gexf(graph: ReviewGraph, out: Path) -> int:
    graph, replaced = clean_graph(graph, XML)
    with atomic_file(Path(out)) as fh:
        write_gexf_to(graph, fh)
    return replaced


def export_cytoscape(graph: ReviewGraph, out: Path) -> int:
    def write(g: ReviewGraph) -> None:
        with atomic_file(Path(out)) as fh:
            write_cytoscape(g, fh)

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
