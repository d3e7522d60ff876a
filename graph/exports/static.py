"""Static pictures for board papers: PNG and SVG, laid out server-side (the same seeded layout and the same
aggregation as the interactive view, drawn with matplotlib; no browser needed). Characters XML forbids (the SVG is XML) are replaced first
(:mod:`reviewgraph.graph.exports.safetext`)."""

from __future__ import annotations

import io
from pathlib import Path

from reviewgraph.graph.exports.safetext import XML, clean_graph
from reviewgraph.graph.exports import Exporter
from reviewgraph.graph.graphdata import ReviewGraph
from reviewgraph.graph.network import KIND_COLOURS, build_network
from reviewgraph.graph.store import atomic_write

#: kinds whose labels are written on the picture (the rest would be clutter; their colour says the kind)
_LABELLED = {"Review", "Agency", "Theme"}


def _plain(text: str) -> str:
    """Text matplotlib prints as written (no mathtext from ``$``)."""
    return text.replace("$", r"\$")


def render(graph: ReviewGraph, fmt: str) -> bytes:
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt
    from matplotlib.collections import LineCollection
    from matplotlib.lines import Line2D

    view = build_network(graph)
    pos = {n["id"]: (n["x"], -n["y"]) for n in view.nodes}
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "reviewgraph", "font.size": 7}):
        fig, ax = plt.subplots(figsize=(14, 10), dpi=110)
        try:
            if view.edges:  # one collection, drawn as the separate lines were (order, width, colour, caps)
                ax.add_collection(LineCollection(
                    [[pos[e["from"]], pos[e["to"]]] for e in view.edges], colors="#b0b7bf",
                    linewidths=[0.5 * float(e.get("width", 1)) for e in view.edges], zorder=1,
                    capstyle="projecting", joinstyle="round"))
            if view.nodes:
                ax.scatter([pos[n["id"]][0] for n in view.nodes], [pos[n["id"]][1] for n in view.nodes],
                           s=[n["size"] ** 2 * 0.6 for n in view.nodes], c=[n["color"] for n in view.nodes],
                           edgecolors="white", linewidths=0.5, zorder=2)
            for n in view.nodes:
                if n["kind"] in _LABELLED or len(view.nodes) <= 60:
                    x, y = pos[n["id"]]
                    ax.annotate(_plain(n["label"]), (x, y), xytext=(0, n["size"] * 0.6 + 2),
                                textcoords="offset points", ha="center", fontsize=6.5, zorder=3)
            handles = [Line2D([], [], marker="o", linestyle="", color=KIND_COLOURS.get(k, "#999"), label=k)
                       for k in view.kinds]
            if handles:
                ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8, frameon=False)
            title = "reviewgraph network" + (" (agencies and themes, aggregated)" if view.aggregated else "")
            ax.set_title(title, fontsize=11)
            ax.set_axis_off()
            ax.margins(0.05)
            buf = io.BytesIO()
            fig.savefig(buf, format=fmt, bbox_inches="tight", metadata={"Date": None} if fmt == "svg" else None)
        finally:
            plt.close(fig)
    return buf.getvalue()


def export_png(graph: ReviewGraph, out: Path) -> int:
    graph, replaced = clean_graph(graph, XML)
    atomic_write(Path(out), render(graph, "png"))
    return replaced


def export_svg(graph: ReviewGraph, out: Path) -> int:
    graph, replaced = clean_graph(graph, XML)
    atomic_write(Path(out), render(graph, "svg"))
    return replaced


#: the formats this module writes (found by reviewgraph.graph.exports.exporters)
EXPORTERS = (
    Exporter(name="png", suffix="png", mime="image/png", label="PNG: picture",
             purpose="A picture of the network for slides and e-mail.",
             write=export_png),
    Exporter(name="svg", suffix="svg", mime="image/svg+xml", label="SVG: picture for print",
             purpose="A picture of the network that stays sharp at any size.",
             write=export_svg),
)
