"""Interactive HTML: the vis-network drawing of the graph (see :mod:`reviewgraph.graph.network`), one self-contained file.

The vis-network script bundled with pyvis is inlined (nothing is fetched, the file works offline), a
Content-Security-Policy lets only the page's own scripts run, and document text is never markup.
Beyond :data:`reviewgraph.graph.network.MAX_NODES` nodes the drawing aggregates to agencies and themes and says so.
Characters XML and HTML forbid (controls, U+FFFE/U+FFFF, lone surrogates) are replaced in the page
(:mod:`reviewgraph.graph.exports.safetext`; the graph's text reaches it as JSON, whose escapes hold every control
character, so what is replaced is what the page itself would carry).
"""

from __future__ import annotations

from pathlib import Path

from reviewgraph.graph.exports.safetext import XML, clean
from reviewgraph.graph.exports import Exporter
from reviewgraph.graph.graphdata import ReviewGraph
from reviewgraph.graph.network import build_network, network_html
from reviewgraph.graph.store import atomic_write


def export_html(graph: ReviewGraph, out: Path) -> int:
    view = build_network(graph)
    counts = graph.counts()
    reviews = counts.get("Review", 0)
    subtitle = (f"{len(graph)} nodes, {len(graph.edges)} relationships, {reviews} review"
                f"{'' if reviews == 1 else 's'}. Hover for text, click for details and source.")
    page, replaced = clean(network_html(view, title="reviewgraph network", subtitle=subtitle), XML)
    atomic_write(Path(out), page)
    return replaced


#: the formats this module writes (found by reviewgraph.graph.exports.exporters)
EXPORTERS = (
    Exporter(name="html", suffix="html", mime="text/html", label="HTML: page to share",
             purpose="The network as one web page that opens in any browser, offline.",
             write=export_html),
)
