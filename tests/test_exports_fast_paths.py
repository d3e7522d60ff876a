"""The exports' fast paths write the same bytes as the library calls they stand in for.

Indented JSON from the C encoder against ``json.dumps(indent=1)``, the flat networkx graph built straight
from the graph against the copy of its full view, and each export against the file the plain library call
writes, on an ingested synthetic corpus (the streamed writers on hand-made graphs: tests/test_exports_streams.py).
"""

from __future__ import annotations

import csv
import io
import json
import math

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reviewgraph.graph.exports import indented_json
from reviewgraph.graph.exports.nxformats import _scalar, export_cytoscape, export_gexf, flat_networkx, gexf_edge_attrs
from reviewgraph.graph.exports.tables import _EDGE_FIRST, _NODE_FIRST, csv_tables, spreadsheet_safe
from reviewgraph.graph.graphdata import ReviewGraph
from reviewgraph.graph.store import Store
from reviewgraph.ingest.pipeline import ingest_into
from reviewgraph.synth.corpus import generate


@pytest.fixture(scope="module")
def graph(tmp_path_factory: pytest.TempPathFactory) -> ReviewGraph:
    root = tmp_path_factory.mktemp("exports")
    generate(5, root / "corpus", 11)
    ingest_into(Store(root / "db"), [root / "corpus" / "docs"])
    return Store(root / "db").graph()


# -- indented JSON ---------------------------------------------------------------------------------------
_TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)
_LEAF = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True, allow_infinity=True) | _TEXT
_JSON = st.recursive(_LEAF, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_TEXT, inner, max_size=4),
                     max_leaves=30)


@settings(max_examples=300, deadline=None)
@given(_JSON)
def test_indented_json_same_as_the_standard_library(obj) -> None:  # noqa: ANN001
    for indent in (1, 2):
        assert indented_json.dumps(obj, indent) == json.dumps(obj, indent=indent, sort_keys=True, ensure_ascii=False)


def test_indented_json_leaves_what_it_does_not_know_to_the_standard_library() -> None:
    odd = {"a": {1: "int key"}, "b": [math.inf, -math.inf], "c": ("tuple", 1)}
    assert indented_json.dumps(odd) == json.dumps(odd, indent=1, sort_keys=True, ensure_ascii=False)
    with pytest.raises(TypeError):
        indented_json.dumps({"a": {1, 2}})


# -- the exports on a real graph -------------------------------------------------------------------------
def _flat_by_copy(graph: ReviewGraph) -> nx.MultiDiGraph:
    """flat_networkx as first written: the full networkx view, copied with scalar attributes."""
    src = graph.to_networkx()
    g = nx.MultiDiGraph()
    for nid, attrs in src.nodes(data=True):
        clean = {k: _scalar(v) for k, v in attrs.items() if v is not None and v != []}
        clean["label"] = graph.nodes[nid].caption()
        g.add_node(nid, **clean)
    for s, t, key, attrs in src.edges(keys=True, data=True):
        g.add_edge(s, t, key=key, **{k: _scalar(v) for k, v in attrs.items() if v is not None})
    return g


def _in_order(g: nx.MultiDiGraph) -> tuple[list, list]:
    nodes = [(n, list(d.items())) for n, d in g.nodes(data=True)]
    edges = [(s, t, k, list(d.items())) for s, t, k, d in g.edges(keys=True, data=True)]
    return nodes, edges


def test_flat_networkx_same_graph_in_the_same_order(graph: ReviewGraph) -> None:
    shuffled = ReviewGraph()  # nodes and edges met in another order than the view's
    shuffled.nodes = dict(reversed(list(graph.nodes.items())))
    shuffled.edges = dict(reversed(list(graph.edges.items())))
    expected = _in_order(_flat_by_copy(graph))
    assert _in_order(flat_networkx(graph)) == expected
    assert _in_order(flat_networkx(shuffled)) == expected
    assert len(expected[1]) == len(graph.edges)


def test_gexf_same_bytes_as_networkx(graph: ReviewGraph, tmp_path) -> None:  # noqa: ANN001
    buf = io.BytesIO()
    flat, renamed = _flat_by_copy(graph), nx.MultiDiGraph()
    renamed.add_nodes_from(flat.nodes(data=True))
    for u, v, k, d in flat.edges(keys=True, data=True):
        renamed.add_edge(u, v, key=k, **gexf_edge_attrs(d))  # GEXF's edge "type" is its direction
    nx.write_gexf(renamed, buf, encoding="utf-8", prettyprint=True)
    export_gexf(graph, tmp_path / "g.gexf")
    assert (tmp_path / "g.gexf").read_bytes() == buf.getvalue()
    assert nx.read_gexf(tmp_path / "g.gexf").number_of_edges() == len(graph.edges)


def test_cytoscape_same_text_as_json_dumps(graph: ReviewGraph, tmp_path) -> None:  # noqa: ANN001
    data = nx.cytoscape_data(_flat_by_copy(graph), name="label", ident="id")
    export_cytoscape(graph, tmp_path / "g.cyjs")
    assert (tmp_path / "g.cyjs").read_text(encoding="utf-8") == \
        json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def _table_by_dict_writer(rows: list[dict], first: list[str]) -> str:
    cols = list(first)
    for row in rows:
        cols.extend(k for k in row if k not in cols)
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=cols, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: spreadsheet_safe(row.get(k)) for k in cols})
    return buf.getvalue()


def test_csv_tables_same_as_dict_writer(graph: ReviewGraph) -> None:
    nodes = []
    for node in sorted(graph.nodes.values(), key=lambda n: n.id):
        row = node.props()
        row["label"] = node.caption()
        nodes.append(row)
    edges = [{"source": e.source, "type": e.type, "target": e.target, "doc": e.doc, "line_start": e.line_start,
              "line_end": e.line_end, **e.props} for e in sorted(graph.edges.values(), key=lambda e: e.key)]
    tables = csv_tables(graph)
    assert tables["nodes.csv"] == _table_by_dict_writer(nodes, _NODE_FIRST)
    assert tables["edges.csv"] == _table_by_dict_writer(edges, _EDGE_FIRST)
    assert tables["edges.csv"].count("\n") == len(graph.edges) + 1


def _drawn(fmt: str, one_collection: bool, segments: list, widths: list[float]) -> bytes:
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt
    from matplotlib.collections import LineCollection

    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "reviewgraph"}):
        fig, ax = plt.subplots(figsize=(4, 3), dpi=110)
        if one_collection:  # as graph/exports/static.py draws the edges
            ax.add_collection(LineCollection(segments, colors="#b0b7bf", linewidths=widths, zorder=1,
                                             capstyle="projecting", joinstyle="round"))
        else:  # as it drew them before: one line each
            for ((x1, y1), (x2, y2)), w in zip(segments, widths, strict=True):
                ax.plot([x1, x2], [y1, y2], color="#b0b7bf", linewidth=w, zorder=1)
        ax.scatter([p[0] for s in segments for p in s], [p[1] for s in segments for p in s], zorder=2)
        ax.set_axis_off()
        ax.margins(0.05)
        buf = io.BytesIO()
        fig.savefig(buf, format=fmt, bbox_inches="tight", metadata={"Date": None} if fmt == "svg" else None)
        plt.close(fig)
    return buf.getvalue()


def test_edges_drawn_as_one_collection_look_the_same_as_one_line_each() -> None:
    import random
    import re

    rnd = random.Random(5)
    segments = [[(rnd.uniform(-50, 50), rnd.uniform(-30, 30)), (rnd.uniform(-50, 50), rnd.uniform(-30, 30))]
                for _ in range(60)]
    widths = [0.5 * (1 + rnd.choice([0, 0.5, 1.58, 3])) for _ in segments]
    assert _drawn("png", True, segments, widths) == _drawn("png", False, segments, widths)
    drawn = [re.findall(r"<path[^>]*/>|<use[^>]*/>", _drawn("svg", one, segments, widths).decode(), re.S)
             for one in (True, False)]
    assert drawn[0] == drawn[1] and len(drawn[0]) > 60  # the same paths in the same order (only grouped)
