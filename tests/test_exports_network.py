"""Network exports (HTML, PNG, SVG, GraphML, GEXF, Cytoscape, CSV) open in their readers, and document text
never becomes markup in the HTML."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from xml.etree import ElementTree

import networkx as nx
import pytest
from PIL import Image

from reviewgraph.graph.exports import export, exporters
from reviewgraph.graph.network import build_network, network_html
from reviewgraph.graph.view import ViewFilter, filter_graph
from tests.synthetic_graph import make_graph
from tests.webapp_support import HOSTILE_REC, IMG_PAYLOAD, hostile_graph


def _elements(page: str) -> list[str]:
    """The tags of the elements an HTML parser finds (script contents are not parsed as markup)."""
    from html.parser import HTMLParser

    tags: list[str] = []

    class P(HTMLParser):
        def handle_starttag(self, tag, attrs):
            tags.append(tag)

    P().feed(page)
    return tags


@pytest.fixture(scope="module")
def graph():
    return make_graph()


def test_every_network_format_is_registered():
    assert {"html", "png", "svg", "graphml", "gexf", "cytoscape", "csv"} <= set(exporters())


@pytest.mark.parametrize("fmt,reader", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_networkx_reads_back(graph, tmp_path, fmt, reader):
    out = tmp_path / f"g.{fmt}"
    export(graph, fmt, out)
    back = reader(out)
    assert set(back.nodes) == set(graph.nodes)
    assert back.number_of_edges() == len(graph.edges)
    assert back.nodes["agency:northby-police"]["aliases"] == "NP"  # a list, flattened
    assert back.nodes["review:northby/dhr-1"]["label"] == "Northby DHR-1 'Ada'"


def test_cytoscape_json(graph, tmp_path):
    out = tmp_path / "g.cyjs"
    export(graph, "cytoscape", out)
    data = json.loads(out.read_text())
    ids = {n["data"]["id"] for n in data["elements"]["nodes"]}
    assert ids == set(graph.nodes)
    assert len(data["elements"]["edges"]) == len(graph.edges)
    back = nx.cytoscape_graph(data, name="label", ident="id")
    assert back.number_of_nodes() == len(graph)


def test_csv_zip(graph, tmp_path):
    out = tmp_path / "g.zip"
    export(graph, "csv", out)
    with zipfile.ZipFile(out) as zf:
        assert sorted(zf.namelist()) == ["edges.csv", "nodes.csv"]
        nodes = list(csv.DictReader(io.StringIO(zf.read("nodes.csv").decode("utf-8"))))
        edges = list(csv.DictReader(io.StringIO(zf.read("edges.csv").decode("utf-8"))))
    assert {r["id"] for r in nodes} == set(graph.nodes)
    assert {(r["source"], r["type"], r["target"]) for r in edges} == set(graph.edges)


def test_csv_neutralises_formulas(tmp_path):
    g = hostile_graph()
    g.nodes[HOSTILE_REC].text = "=HYPERLINK(\"http://example.invalid\")"
    export(g, "csv", tmp_path / "g.zip")
    with zipfile.ZipFile(tmp_path / "g.zip") as zf:
        rows = {r["id"]: r for r in csv.DictReader(io.StringIO(zf.read("nodes.csv").decode()))}
    assert rows[HOSTILE_REC]["text"].startswith("'=")


@pytest.mark.parametrize("fmt,kind", [("png", "PNG"), ("svg", None)])
def test_static_pictures_are_valid(graph, tmp_path, fmt, kind):
    out = tmp_path / f"g.{fmt}"
    export(graph, fmt, out)
    if kind:
        with Image.open(out) as img:
            img.verify()
            assert img.format == kind
        with Image.open(out) as img:
            assert img.size[0] > 300 and img.size[1] > 200
    else:
        root = ElementTree.parse(out).getroot()
        assert root.tag.endswith("svg")
        assert "Northby Police" in out.read_text()


def test_svg_keeps_dollar_signs_literal(tmp_path):
    g = make_graph()
    g.nodes["agency:northby-police"].name = "Cost $5 and $6 Police"
    export(g, "svg", tmp_path / "g.svg")
    assert "Cost $5 and $6 Police" in tmp_path.joinpath("g.svg").read_text()


def test_html_is_self_contained_and_has_the_nodes(graph, tmp_path):
    out = tmp_path / "g.html"
    export(graph, "html", out)
    text = out.read_text(encoding="utf-8")
    assert "vis.Network" in text  # the library is inlined
    assert not re.search(r"<script[^>]+src=", text), "no external script"
    assert not re.search(r"<link[^>]+href=", text), "no external style"
    assert "https://" not in text.split("<script>", 1)[0] or "cdn" not in text.lower()
    data = json.loads(re.search(r'<script id="rg-data" type="application/json">(.*?)</script>', text, re.DOTALL).group(1))
    assert {n["id"] for n in data["nodes"]} == set(graph.nodes)
    assert "Content-Security-Policy" in text


def test_html_carries_no_raw_markup_from_text(tmp_path):
    g = hostile_graph()
    out = tmp_path / "hostile.html"
    export(g, "html", out)
    text = out.read_text(encoding="utf-8")
    assert IMG_PAYLOAD not in text
    assert "<img" not in text
    assert "window.__pwned" in text  # the payload is there, as inert JSON text
    assert _elements(text).count("script") == 4  # vis, ours, the JSON data, the boot line: none from text
    assert "img" not in _elements(text)
    data = json.loads(re.search(r'<script id="rg-data" type="application/json">(.*?)</script>', text, re.DOTALL).group(1))
    rec = next(n for n in data["nodes"] if n["id"] == HOSTILE_REC)
    assert IMG_PAYLOAD in rec["title"]  # shown as text in the tooltip (innerText), not run


def test_filtered_view_exports_only_the_view(graph, tmp_path):
    sub = filter_graph(graph, ViewFilter(reviews=("review:southby/dhr-7",)))
    export(sub, "graphml", tmp_path / "v.graphml")
    back = nx.read_graphml(tmp_path / "v.graphml")
    assert "rec:southby/dhr-7/17.1" in back.nodes
    assert "rec:northby/dhr-1/1" not in back.nodes


def test_large_views_aggregate(graph):
    view = build_network(graph, max_nodes=10)
    assert view.aggregated
    assert {n["kind"] for n in view.nodes} <= {"Agency", "Theme"}
    assert "agencies and themes only" in view.note
    edge = next(e for e in view.edges if e["from"] == "agency:northby-police" and e["to"] == "theme:marac")
    assert edge["label"] == "4"  # recs 1 and 17.1, and their actions (themed through their recommendation)
    full = build_network(graph)
    assert not full.aggregated and len(full.nodes) == len(graph)


def test_layout_is_stable(graph):
    a = {n["id"]: (n["x"], n["y"]) for n in build_network(graph).nodes}
    b = {n["id"]: (n["x"], n["y"]) for n in build_network(make_graph()).nodes}
    assert a == b
    sizes = {n["id"]: n["size"] for n in build_network(graph).nodes}
    assert sizes["agency:northby-police"] > sizes["theme:risk-assessment"]  # sized by degree


def test_network_html_escapes_title():
    view = build_network(make_graph())
    page = network_html(view, title="<b>x</b>", subtitle="<i>y</i>")
    assert "<b>x</b>" not in page and "&lt;b&gt;x&lt;/b&gt;" in page


def test_link_tooltips_are_in_words(graph):
    """A link's tooltip reads as the details' links do ("made", "is about"), never a relationship's name in
    capitals (MADE, HAS_ACTION) or a property's internal name."""
    import re

    from reviewgraph.graph.labels import rel_label
    from reviewgraph.graph.network import build_network

    view = build_network(graph)
    tips = [e["title"] for e in view.edges if e.get("type") in {e.type for e in graph.edges.values()}]
    assert tips
    assert not [t for t in tips if re.search(r"\b[A-Z]+_[A-Z_]+\b|\b(?:MADE|MENTIONS|ABOUT)\b", t)]
    assert {t.split("\n")[0] for t in tips} <= {rel_label(e.type) for e in graph.edges.values()}


def test_a_one_line_source_says_line_not_lines(graph):
    from reviewgraph.graph.network import node_details

    one = next(n for n in graph.nodes.values() if n.line_start and n.line_start == n.line_end)
    assert node_details(one, graph)["source"].endswith(f", line {one.line_start}")
    more = next((n for n in graph.nodes.values() if n.line_start and n.line_end > n.line_start), None)
    if more is not None:
        assert node_details(more, graph)["source"].endswith(f", lines {more.line_start}-{more.line_end}")
