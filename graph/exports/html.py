"""Interactive HTML: the vis-network drawing of the graph (see :mod:`graph.network`), one self-contained file.

The vis-network script bundled with pyvis is inlined (nothing is fetched, the file works offline), a
Content-Security-Policy lets only the page's own scripts run, and document text is never markup.
Beyond :data:`graph.network.MAX_NODES` nodes the drawing aggregates to agencies and themes and says so.
Characters XML and HTML forbid (controls, U+FFFE/U+FFFF, lone surrogates) are replaced first
(:mod:`graph.exports.safetext`).
"""

from __future__ import annotations

from pathlib import Path

from graph.exports.safetext import XML, clean_graph
from graph.graphdata import ReviewGraph
from graph.network import build_network, network_html
from graph.store import atomic_write


def export_html(graph: ReviewGraph, out: Path) -> int:
    graph, replaced = clean_graph(graph, XML)
    view = build_network(graph)
    counts = graph.counts()
    reviews = counts.get("Review", 0)
    subtitle = (f"{len(graph)} nodes, {len(graph.edges)} relationships, {reviews} review"
                f"{'' if reviews == 1 else 's'}. Hover for text, click for details and source.")
    atomic_write(Path(out), network_html(view, title="reviewgraph network", subtitle=subtitle))
    return replaced


EXPORTERS = {"html": export_html}
