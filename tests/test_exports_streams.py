"""The streamed GEXF, GraphML and Cytoscape.js writers give the bytes networkx gives, the files read back to
the graph in the libraries' readers, and an export's memory does not grow with the graph.

Oracles: networkx's ``write_gexf``, ``write_graphml`` (lxml) and ``cytoscape_data`` + ``json.dumps`` on
drawn graphs (odd attribute names and types, hostile text, networkx's own ``id``/``label``/``start``/``key``
attributes) and on the project's graphs; networkx's readers and rdflib's parsers on the exported files.
"""

from __future__ import annotations

import gc
import io
import json
import math
import tracemalloc
from pathlib import Path
from xml.etree import ElementTree

import networkx as nx
import pytest
import rdflib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib.compare import isomorphic

from reviewgraph.graph.exports import export, gexf, graphml, xmltext
from reviewgraph.graph.exports.flat import flat_networkx, scalar
from reviewgraph.graph.exports.nxformats import gexf_edge_attrs, write_cytoscape, write_gexf_to, write_graphml_to
from reviewgraph.graph.graphdata import ReviewGraph
from reviewgraph.graph.model import Edge, Recommendation, Review
from reviewgraph.graph.sinks.rdf import to_rdflib
from tests.synthetic_graph import make_graph
from tests.webapp_support import hostile_graph


# -- drawn graphs against networkx's writers -----------------------------------------------------------
# XML 1.0 characters only (the exports replace the others first), with everything that needs escaping
_TEXT = st.lists(st.sampled_from(list("ab é&<>\"'\t\n\r") + ["]]>", "\U0001f600", "\u2028"]),
                 max_size=6).map("".join)
_VALUE = (_TEXT | st.integers(-10**12, 10**12) | st.booleans()
          | st.floats(allow_nan=True, allow_infinity=True))
_NODE_KEYS = st.sampled_from(["kind", "text", "n", "label", "id", "start", "end", "pid", "key", "for", "x y"])
_EDGE_KEYS = st.sampled_from(["type", "doc", "score", "label", "weight", "id", "start", "end", "for"])


@st.composite
def _graphs(draw) -> nx.MultiDiGraph:  # noqa: ANN001
    g = nx.MultiDiGraph()
    ids = draw(st.lists(_TEXT.filter(bool), max_size=6, unique=True))
    for node in ids:
        attrs = draw(st.dictionaries(_NODE_KEYS, _VALUE, max_size=4))
        if "id" in attrs:
            attrs["id"] = str(attrs["id"]) or node
        g.add_node(node, **attrs)
    ends = ids + ["bare"]  # an edge may name a node the graph lacks: networkx adds it bare
    for _ in range(draw(st.integers(0, 8))):
        u, v = draw(st.sampled_from(ends)), draw(st.sampled_from(ends))
        attrs = draw(st.dictionaries(_EDGE_KEYS, _VALUE, max_size=4))
        if "id" in attrs:
            attrs["id"] = str(attrs["id"])
        g.add_edge(u, v, key=draw(st.sampled_from(["T", "U", "é&"])), **attrs)
    return g


def _items(g: nx.MultiDiGraph) -> tuple:
    return (lambda: iter(g.nodes(data=True))), (lambda: iter(g.edges(keys=True, data=True)))


def _gexf_date(text: bytes) -> str:
    meta = ElementTree.fromstring(text).find("{http://www.gexf.net/1.2draft}meta")
    assert meta is not None
    return meta.attrib["lastmodifieddate"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_graphs())
def test_gexf_stream_writes_what_networkx_writes(g: nx.MultiDiGraph) -> None:
    buf = io.BytesIO()
    nx.write_gexf(g, buf, encoding="utf-8", prettyprint=True)
    out = io.StringIO()
    gexf.write_gexf(*_items(g), out.write, date=_gexf_date(buf.getvalue()))
    assert out.getvalue().encode("utf-8") == buf.getvalue()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_graphs())
def test_graphml_stream_writes_what_networkx_writes(g: nx.MultiDiGraph) -> None:
    buf = io.BytesIO()
    nx.write_graphml(g, buf, encoding="utf-8", prettyprint=True)
    out = io.StringIO()
    graphml.write_graphml(*_items(g), out.write)
    assert out.getvalue().encode("utf-8") == buf.getvalue()


@settings(max_examples=300, deadline=None)
@given(_TEXT.map(lambda t: t + "."))
def test_xml_escaping_is_the_libraries(text: str) -> None:
    import lxml.etree as lx

    elem = ElementTree.Element("x", v=text)
    elem.text = text
    assert ElementTree.tostring(elem, encoding="unicode") == \
        f'<x v="{xmltext.attr_text(text)}">{xmltext.cdata_text(text)}</x>'
    elem = lx.Element("x", v=text)
    elem.text = text
    assert lx.tostring(elem, encoding="unicode") == f'<x v="{graphml.attr_text(text)}">{graphml.cdata_text(text)}</x>'


def test_structured_gexf_attributes_are_refused() -> None:
    with pytest.raises(ValueError, match="'viz'"):
        gexf.write_gexf(lambda: iter([("a", {"viz": "x"})]), lambda: iter([]), io.StringIO().write)
    with pytest.raises(TypeError, match="'when'"):
        graphml.write_graphml(lambda: iter([("a", {"when": (1, 2)})]), lambda: iter([]), io.StringIO().write)


# -- the project's graphs against networkx's writers ------------------------------------------------------
def _dangling() -> ReviewGraph:
    """The synthetic graph with edges to and from recommendations the graph lacks (a filtered view's
    edges may name one)."""
    g = make_graph()
    for src, dst in (("recommendation:zz/1", "agency:northby-police"), ("review:northby/dhr-1", "recommendation:aa/1"),
                     ("recommendation:aa/0", "agency:northby-police")):
        g.edges[(src, "ADDRESSED_TO" if src.startswith("rec") else "MADE", dst)] = Edge(
            source=src, target=dst, type="ADDRESSED_TO" if src.startswith("rec") else "MADE", doc="d",
            line_start=1, line_end=2)
    return g


GRAPHS = {"synthetic": make_graph, "hostile": hostile_graph, "dangling": _dangling}


def _oracle(graph: ReviewGraph) -> nx.MultiDiGraph:
    """The graph networkx's writers are given: the full networkx view (nodes by id, edges by key: networkx
    adds a missing end bare as it meets it) with scalar attributes and a label on every node of the graph."""
    src = graph.to_networkx()
    g = nx.MultiDiGraph()
    for nid, attrs in src.nodes(data=True):
        clean = {k: scalar(v) for k, v in attrs.items() if v is not None and v != []}
        if nid in graph.nodes:
            clean["label"] = graph.nodes[nid].caption()
        g.add_node(nid, **clean)
    for s, t, key, attrs in src.edges(keys=True, data=True):
        g.add_edge(s, t, key=key, **{k: scalar(v) for k, v in attrs.items() if v is not None})
    return g


@pytest.mark.parametrize("name", sorted(GRAPHS))
def test_streamed_files_are_networkx_s_for_the_graph(name: str) -> None:
    graph = GRAPHS[name]()
    flat = _oracle(graph)
    assert list(flat_networkx(graph).nodes(data=True)) == list(flat.nodes(data=True))
    assert sorted(flat.nodes) == sorted(set(graph.nodes) | {k[0] for k in graph.edges} | {k[2] for k in graph.edges})
    want, got = io.BytesIO(), io.BytesIO()
    nx.write_gexf(_for_gexf(flat), want, encoding="utf-8", prettyprint=True)
    write_gexf_to(graph, got, date=_gexf_date(want.getvalue()))
    assert got.getvalue() == want.getvalue()
    want, got = io.BytesIO(), io.BytesIO()
    nx.write_graphml(flat, want, encoding="utf-8", prettyprint=True)
    write_graphml_to(graph, got)
    assert got.getvalue() == want.getvalue()
    got = io.BytesIO()
    write_cytoscape(graph, got)
    data = nx.cytoscape_data(flat, name="label", ident="id")
    assert got.getvalue().decode("utf-8") == json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def test_forbidden_xml_characters_are_replaced_and_counted(tmp_path: Path) -> None:
    graph = make_graph()
    rec = next(n for n in graph.nodes.values() if isinstance(n, Recommendation))
    rec.text = "bell\x07 and \ufffe"
    for fmt in ("gexf", "graphml"):
        assert export(graph, fmt, tmp_path / f"g.{fmt}") == 2
        back = (nx.read_gexf if fmt == "gexf" else nx.read_graphml)(tmp_path / f"g.{fmt}")
        assert back.nodes[rec.id]["text"] == "bell\ufffd and \ufffd"


@pytest.mark.parametrize("fmt", ["cytoscape", "json"])
def test_a_lone_surrogate_is_replaced_and_no_half_file_is_left(fmt: str, tmp_path: Path) -> None:
    graph = make_graph()
    rec = next(n for n in graph.nodes.values() if isinstance(n, Recommendation))
    rec.text = "half a pair: \ud800"
    out = tmp_path / f"g.{fmt}"
    assert export(graph, fmt, out) == 1  # the streamed pass fails on it, the cleaned graph is written
    assert "half a pair: \ufffd" in out.read_text(encoding="utf-8")
    json.loads(out.read_text(encoding="utf-8"))
    assert [p.name for p in tmp_path.iterdir()] == [out.name]


# -- the files read back ----------------------------------------------------------------------------------
def _same_value(got: object, want: object) -> bool:
    if isinstance(want, float) and math.isnan(want):
        return isinstance(got, float) and math.isnan(got)
    return got == want


def _expected_back(fmt: str, node: str, attrs: dict) -> dict:
    """What each reader gives for a node with these flat attributes."""
    want = dict(attrs)
    if fmt == "gexf":  # the id is the node; a bare node's label is its id
        want.pop("id", None)
        want.setdefault("label", node)
    elif fmt == "cytoscape":  # the element's id, value and name (the label: networkx's ``name``) beside the data
        want.update(id=attrs.get("id") or node, value=node, name=attrs.get("label") or node)
    return want


@pytest.mark.parametrize("fmt", ["gexf", "graphml", "cytoscape"])
@pytest.mark.parametrize("name", sorted(GRAPHS))
def test_read_back_every_node_edge_and_attribute(name: str, fmt: str, tmp_path: Path) -> None:
    graph = GRAPHS[name]()
    flat = flat_networkx(graph)
    out = tmp_path / f"g.{fmt}"
    export(graph, fmt, out)
    if fmt == "cytoscape":
        back = nx.cytoscape_graph(json.loads(out.read_text(encoding="utf-8")), name="label", ident="id")
    elif fmt == "graphml":
        back = nx.read_graphml(out, force_multigraph=True)
    else:
        back = nx.read_gexf(out)
    assert set(back.nodes) == set(flat.nodes)
    for node, attrs in flat.nodes(data=True):
        got, want = dict(back.nodes[node]), _expected_back(fmt, node, attrs)
        assert got.keys() == want.keys(), node
        assert all(_same_value(got[k], v) for k, v in want.items()), node
    back_edges = {}
    for u, v, k, d in back.edges(keys=True, data=True):
        d = dict(d)
        if fmt == "gexf":  # the reader keys each edge by its networkx_key and keeps the GEXF id beside
            d.pop("id")
        elif fmt == "cytoscape":  # the element's ends and key beside the data
            assert (d.pop("source"), d.pop("target"), d.pop("key")) == (u, v, k)
        back_edges[(u, v, k)] = d
    edges = {(u, v, k): d for u, v, k, d in flat.edges(keys=True, data=True)}
    assert back_edges.keys() == edges.keys()
    for key, want in edges.items():
        if fmt == "gexf":  # the relationship's type is the attribute "relationship" (GEXF's own edge type
            want = gexf_edge_attrs(want)  # says directed or not); it is the key as well
            assert want["relationship"] == key[2]
        assert back_edges[key] == want, key


def _for_gexf(flat: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The oracle graph for GEXF: each edge's attributes as :func:`gexf_edge_attrs` gives them."""
    out = nx.MultiDiGraph()
    out.add_nodes_from(flat.nodes(data=True))
    for u, v, k, d in flat.edges(keys=True, data=True):
        out.add_edge(u, v, key=k, **gexf_edge_attrs(d))
    return out


@pytest.mark.parametrize("name", sorted(GRAPHS))
def test_gexf_edges_are_directed_edges_gephi_reads(name: str, tmp_path: Path) -> None:
    """GEXF's edge ``type`` holds only directed / undirected / mutual; the relationship is an attribute."""
    graph = GRAPHS[name]()
    out = tmp_path / "g.gexf"
    export(graph, "gexf", out)
    ns = {"g": "http://www.gexf.net/1.2draft"}
    root = ElementTree.parse(out).getroot()
    titles = {a.get("id"): a.get("title") for a in root.iterfind("g:graph/g:attributes[@class='edge']/g:attribute", ns)}
    edges = root.findall("g:graph/g:edges/g:edge", ns)
    assert len(edges) == len(graph.edges)
    assert {e.get("type") for e in edges} <= {None, "directed", "undirected", "mutual"}
    found = sorted(next(v.get("value") for v in e.iterfind("g:attvalues/g:attvalue", ns)
                        if titles[v.get("for")] == "relationship") for e in edges)
    assert found == sorted(k[1] for k in graph.edges)


@pytest.mark.parametrize("fmt,parser", [("ttl", "turtle"), ("jsonld", "json-ld"), ("nt", "nt")])
def test_rdf_exports_parse_to_the_rdflib_graph(fmt: str, parser: str, tmp_path: Path) -> None:
    graph = hostile_graph()
    out = tmp_path / f"g.{fmt}"
    export(graph, fmt, out)
    back = rdflib.Graph().parse(out, format=parser)
    assert isomorphic(back, to_rdflib(graph))


def test_node_link_json_is_the_graph_s_text(tmp_path: Path) -> None:
    graph = hostile_graph()
    export(graph, "json", tmp_path / "g.json")
    assert (tmp_path / "g.json").read_text(encoding="utf-8") == graph.to_json() + "\n"
    assert ReviewGraph.read_json(tmp_path / "g.json").to_json() == graph.to_json()


# -- memory -----------------------------------------------------------------------------------------------
def _chain(n: int) -> ReviewGraph:
    """One review with ``n`` recommendations, each similar to the next: ``2n`` edges."""
    g = ReviewGraph()
    review = g.add_node(Review(id="review:x/dhr-1", title="X DHR-1", doc="d", line_start=1, line_end=1))
    prev = None
    for i in range(n):
        rec = g.add_node(Recommendation(id=f"recommendation:x/dhr-1/{i:06d}", review=review.id, number=str(i),
                                        text=f"Recommendation {i} & <more> " * 8, doc="d", line_start=i, line_end=i))
        g.link(review.id, "MADE", rec.id, rec)
        if prev is not None:
            g.add_edge(Edge(source=prev, target=rec.id, type="SIMILAR_TO", doc="d", line_start=i, line_end=i,
                            props={"score": 0.5}))
        prev = rec.id
    return g


def _python_peak(graph: ReviewGraph, fmt: str, out: Path) -> int:
    gc.collect()
    tracemalloc.start()
    try:
        base = tracemalloc.get_traced_memory()[0]
        export(graph, fmt, out)
        return tracemalloc.get_traced_memory()[1] - base
    finally:
        tracemalloc.stop()


@pytest.fixture(scope="module")
def chains() -> tuple[ReviewGraph, ReviewGraph]:
    return _chain(5_000), _chain(20_000)  # both past the writers' batches of 4,000 items


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["gexf", "graphml", "cytoscape", "json", "nt", "ttl", "jsonld"])
def test_an_export_s_memory_does_not_grow_with_the_graph(chains, fmt: str, tmp_path: Path) -> None:  # noqa: ANN001
    peaks = [_python_peak(g, fmt, tmp_path / f"{i}.{fmt}") for i, g in enumerate(chains)]
    sizes = [(tmp_path / f"{i}.{fmt}").stat().st_size for i in range(2)]
    assert sizes[1] > 3.5 * sizes[0]
    # four times the graph: the export's own memory (Python objects: batches of a few thousand items, an index
    # of the node ids and edge keys) grows by a fraction of the file's growth; a writer that holds the whole
    # document grows by at least the file's growth (networkx's GEXF tree by about ten times it)
    assert peaks[1] - peaks[0] < (sizes[1] - sizes[0]) / 3, (peaks, sizes)
