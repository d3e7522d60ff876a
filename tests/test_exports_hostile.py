"""Outputs that cannot attack: every export format, and every CSV the commands write, read back by a real
parser from a store whose text holds every nasty character class (:mod:`tests.hostile_corpus`).

- XML formats (GraphML, GEXF, SVG) parse with ElementTree and networkx; the characters XML 1.0 forbids are
  U+FFFD and counted on stderr; RDF parses with rdflib (Turtle, N-Triples, JSON-LD); JSON with json; the HTML
  page with the standard library's HTML parser (no element but the page's own); the PNG with Pillow.
- No CSV cell a spreadsheet would run as a formula, in any CSV the project writes; each such cell is the
  original text after one ``'``.
"""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx
import pytest

from reviewgraph.graph.exports import exporters
from reviewgraph.graph.exports.csvtext import csv_text, formula_safe
from reviewgraph.graph.exports.safetext import UNICODE, XML, clean, clean_graph
from reviewgraph.graph.graphdata import ReviewGraph
from reviewgraph.queries.engines import Result
from reviewgraph.queries.output import to_csv
from tests.bad_inputs import run_cli
from tests.hostile_corpus import BAD_ID, FORMULAS, PAYLOADS, STORABLE, hostile_node_link, hostile_store
from tests.synthetic_graph import make_graph

#: what a spreadsheet takes as the start of a formula (the test's own list, not the writer's)
_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
_NUMBER = re.compile(r" *[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)? *")
#: characters XML 1.0 forbids (the test's own statement of the XML 1.0 Char production's complement)
_NOT_XML = {chr(c) for c in range(0x20) if chr(c) not in "\t\n\r"} | {"\ufffe", "\uffff"}


def _runs_as_formula(cell: str) -> bool:
    first = cell[:1]
    if first and first not in _STARTS and first.isspace():
        first = cell.lstrip()[:1]
    return first in _STARTS and not _NUMBER.fullmatch(cell)


def assert_formula_safe(text: str, where: str) -> list[list[str]]:
    """Every cell of the CSV ``text`` read back by the csv module: none runs as a formula."""
    csv.field_size_limit(1 << 24)  # the corpus holds a 200,000-character cell
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows, where
    width = len(rows[0])
    for row in rows:
        assert len(row) == width, f"{where}: a row of {len(row)} cells under a header of {width}: {row[:3]}"
        for cell in row:
            assert not _runs_as_formula(cell), f"{where}: a cell a spreadsheet would run: {cell[:60]!r}"
    return rows


def _escaped_formulas(rows: list[list[str]]) -> set[str]:
    """The original text of every escaped cell (the ``'`` taken off)."""
    return {c[1:] for row in rows for c in row if c.startswith("'")}


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    return hostile_store(tmp_path_factory.mktemp("hostile") / "db")


@pytest.fixture(scope="module")
def xml_bad_count() -> int:
    """How many characters XML forbids the store's text holds (each counted where an export writes it)."""
    g = ReviewGraph.from_node_link(hostile_node_link())
    return clean_graph(g, XML)[1]


def _export(db: Path, fmt: str, tmp: Path):  # type: ignore[no-untyped-def]
    out = tmp / f"g.{fmt}"
    result = run_cli(["export", "--db", str(db), "--format", fmt, "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out, result


# -- the sanitiser ----------------------------------------------------------------------------------------
def test_clean_replaces_exactly_what_xml_forbids():
    every = "".join(chr(c) for c in range(0x10000)) + "\U0001f600\U0010ffff"
    text, n = clean(every, XML)
    assert len(text) == len(every)
    bad = [c for c in every if c in _NOT_XML or 0xD800 <= ord(c) <= 0xDFFF]
    assert n == len(bad) == 29 + 2 + 2048
    assert not set(text) & _NOT_XML and "\ufffd" in text
    ET.fromstring(f"<a>{''.join(ch for ch in text if ch not in '<&')}</a>")  # the rest is all XML can hold
    text, n = clean(every, UNICODE)
    assert n == 2048
    text.encode("utf-8")


def test_a_clean_graph_is_returned_as_it_is():
    g = make_graph()
    same, n = clean_graph(g, XML)
    assert same is g and n == 0


def test_lone_surrogates_reach_no_file(tmp_path):
    """pydantic refuses them in graph.json, but a graph made in memory can hold them: every format still
    writes UTF-8 a parser reads, the surrogates as U+FFFD."""
    g = make_graph()
    rec = g.nodes["rec:northby/dhr-1/1"]
    g.nodes[rec.id] = rec.model_copy(update={"text": PAYLOADS["lone surrogates"]})
    for fmt, fn in sorted(exporters().items()):
        out = tmp_path / f"g.{fmt}"
        replaced = fn(g, out)
        assert replaced == 4 or (fmt == "html" and replaced == 8), fmt  # the page shows the text twice
        if fmt not in ("png", "csv"):
            out.read_bytes().decode("utf-8")  # strict: no surrogate written
    assert "high\ufffd low\ufffd reversed\ufffd\ufffd end" in (tmp_path / "g.json").read_text("utf-8")


# -- every export format, read back ---------------------------------------------------------------------
def test_the_corpus_reaches_the_store_whole(db):
    g = ReviewGraph.from_node_link(json.loads((db / "graph.json").read_text("ascii")))
    texts = {n.text for n in g.nodes.values() if getattr(n, "text", None)}
    assert FORMULAS["formula ="] in texts or any(FORMULAS["formula ="] in t for t in texts)
    assert BAD_ID in g.nodes


def test_graphml_parses_and_reports_the_replacements(db, tmp_path, xml_bad_count):
    out, result = _export(db, "graphml", tmp_path)
    ET.parse(out)
    back = nx.read_graphml(out)
    assert back.number_of_nodes() == 22 and back.number_of_edges() == 32
    values = [v for _, d in back.nodes(data=True) for v in d.values() if isinstance(v, str)]
    assert STORABLE["markup"] in values and FORMULAS["formula ="] in values
    assert "\ufffd" in "".join(str(v) for _, d in back.nodes(data=True) for v in d.values())
    assert f"{xml_bad_count} characters that GRAPHML cannot hold" in result.output
    assert xml_bad_count >= 20


def test_gexf_parses(db, tmp_path, xml_bad_count):
    out, result = _export(db, "gexf", tmp_path)
    ET.parse(out)
    back = nx.read_gexf(out)
    assert back.number_of_nodes() == 22 and back.number_of_edges() == 32
    assert f"{xml_bad_count} characters that GEXF cannot hold" in result.output


def test_svg_parses(db, tmp_path):
    out, result = _export(db, "svg", tmp_path)
    root = ET.parse(out).getroot()
    assert root.tag.endswith("svg")
    text = "".join(root.itertext())
    assert not set(text) & _NOT_XML
    assert "cannot hold" in result.output


def test_png_is_an_image(db, tmp_path):
    from PIL import Image

    out, _ = _export(db, "png", tmp_path)
    with Image.open(out) as im:
        im.verify()


@pytest.mark.parametrize("fmt,parser", [("ttl", "turtle"), ("nt", "nt"), ("jsonld", "json-ld")])
def test_rdf_parses(db, tmp_path, fmt, parser):
    import rdflib

    out, result = _export(db, fmt, tmp_path)
    assert "cannot hold" not in result.output  # RDF escapes what it cannot write as it is
    g = rdflib.Graph()
    g.parse(out, format=parser)
    literals = {str(o) for o in g.objects() if isinstance(o, rdflib.Literal)}
    for name in ("formula =", "c0 controls", "noncharacters", "cdata end", "markup", "quotes", "escapes",
                 "bidi overrides", "zero width", "emoji", "combining"):
        assert any(STORABLE[name] in lit for lit in literals), f"{name!r} lost or changed in {fmt}"


def test_rdf_formats_agree(db, tmp_path):
    import pyoxigraph as ox

    sizes = set()
    for fmt, rdf_format in (("ttl", ox.RdfFormat.TURTLE), ("nt", ox.RdfFormat.N_TRIPLES),
                            ("jsonld", ox.RdfFormat.JSON_LD)):
        out, _ = _export(db, fmt, tmp_path)
        sizes.add(len(list(ox.parse(path=str(out), format=rdf_format))))
    assert len(sizes) == 1


@pytest.mark.parametrize("fmt", ["json", "cytoscape"])
def test_json_keeps_every_character(db, tmp_path, fmt):
    out, result = _export(db, fmt, tmp_path)
    assert "cannot hold" not in result.output
    text = out.read_bytes().decode("utf-8")
    data = json.loads(text)
    flat = json.dumps(data, ensure_ascii=False)
    for name, payload in STORABLE.items():
        if name != "very long":
            assert json.dumps(payload, ensure_ascii=False)[1:-1] in flat, f"{name!r} changed in {fmt}"
    if fmt == "json":
        back = ReviewGraph.from_node_link(data)
        assert len(back.nodes) == 22 and BAD_ID in back.nodes


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list]] = []
        self.data: dict[str, str] = {}
        self._in: str | None = None

    def handle_starttag(self, tag, attrs):  # noqa: ANN001
        self.tags.append((tag, attrs))
        self._in = dict(attrs).get("id") if tag == "script" else None

    def handle_data(self, data):  # noqa: ANN001
        if self._in:
            self.data[self._in] = self.data.get(self._in, "") + data


def test_html_has_only_its_own_elements(db, tmp_path):
    out, result = _export(db, "html", tmp_path)
    parser = _Tags()
    parser.feed(out.read_bytes().decode("utf-8"))
    tags = [t for t, _ in parser.tags]
    assert set(tags) <= {"html", "head", "meta", "title", "style", "script", "body", "header", "h1", "p", "div"}
    assert tags.count("script") == 4 and "img" not in tags
    assert not any(a.startswith("on") for _, attrs in parser.tags for a, _ in attrs)
    data = json.loads(parser.data["rg-data"])  # the graph's text as JSON, controls as \u escapes
    assert "<script>alert(1)</script>" in json.dumps(data, ensure_ascii=False)
    assert not set(out.read_text("utf-8")) & _NOT_XML


def test_csv_export_is_formula_safe(db, tmp_path):
    out, _ = _export(db, "csv", tmp_path)
    with zipfile.ZipFile(out) as zf:
        for name in zf.namelist():
            rows = assert_formula_safe(zf.read(name).decode("utf-8"), f"export {name}")
            if name == "nodes.csv":
                assert len(rows) == 23
                escaped = _escaped_formulas(rows)
                for key, payload in FORMULAS.items():
                    assert payload in escaped, f"{key!r} not written as '{payload!r}"


# -- every CSV a command writes ---------------------------------------------------------------------------
@pytest.mark.parametrize("args", [
    ["gaps", "--as-of", "2022-01-01"],
    ["themes"],
    ["themes", "--theme", "marac"],
    ["recurrence", "--later"],
], ids=lambda a: " ".join(a))
def test_analysis_csv_is_formula_safe(db, args):
    result = run_cli([*args, "--db", str(db), "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = assert_formula_safe(result.stdout, " ".join(args))
    if args[0] == "gaps":
        assert len(rows) > 3
        assert FORMULAS["formula full-width"] in _escaped_formulas(rows) or \
            FORMULAS["formula after spaces"] in _escaped_formulas(rows)


@pytest.mark.parametrize("suffix,text", [
    (".cypher", "MATCH (n) WHERE n.text IS NOT NULL RETURN n.text AS text, n.id AS id ORDER BY id"),
    (".rq", "PREFIX rg: <https://w3id.org/reviewgraph/ontology#>\n"
            "SELECT ?text WHERE { ?r rg:text ?text } ORDER BY ?text"),
])
def test_query_csv_is_formula_safe(db, tmp_path, suffix, text):
    query = tmp_path / f"q{suffix}"
    query.write_text(text, encoding="utf-8")
    result = run_cli(["query", "run", "--db", str(db), "--file", str(query), "--format", "csv", "--memory"])
    assert result.exit_code == 0, result.output
    rows = assert_formula_safe(result.stdout, f"query run {suffix}")
    escaped = _escaped_formulas(rows)
    assert FORMULAS["formula ="] in escaped and len(escaped) >= 4


def test_query_table_cannot_drive_the_terminal(db, tmp_path):
    query = tmp_path / "q.cypher"
    query.write_text("MATCH (n) WHERE n.text IS NOT NULL RETURN n.text AS text", encoding="utf-8")
    result = run_cli(["query", "run", "--db", str(db), "--file", str(query), "--memory"])
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.stdout and "\x9b" not in result.stdout and "\u202e" not in result.stdout


def test_the_writer_round_trips_every_payload():
    columns = list(PAYLOADS)
    plain = [None, 1, -2.5, True, "", " ", "+44 20", "1e-3"]
    text = csv_text(columns, [list(PAYLOADS.values()), plain + [""] * (len(columns) - len(plain))])
    assert "\ud800" in text  # the writer writes text; encoding (and what UTF-8 cannot hold) is the caller's
    rows = assert_formula_safe(text, "csv_text")
    assert to_csv(Result(["x"], [["a\ud800b"]])) == "x\na\ufffdb\n"
    for original, written in zip(PAYLOADS.values(), rows[1], strict=True):
        expected = original
        assert written in (expected, "'" + expected)
        assert (written != expected) == _runs_as_formula(expected)
    assert rows[2][:4] == ["", "1", "-2.5", "True"]
    assert formula_safe("+44 20") == "'+44 20"  # not a number: a spreadsheet would run it


def test_the_app_offers_no_csv_but_its_own():
    """Streamlit's table toolbar writes CSV (and copies cells) as they are: the app starts with it off."""
    import streamlit.config

    from reviewgraph.app.commands.webapp import streamlit_command

    command = streamlit_command(8501)
    assert command[command.index("--client.disableDataExport") + 1] == "true"
    streamlit.config.get_config_options()
    assert "client.disableDataExport" in streamlit.config._config_options  # the installed Streamlit knows it


def test_every_white_space_character_is_suspect():
    """csvtext scans code points only up to U+3000 for white space: no later code point may be white space."""
    from reviewgraph.graph.exports import csvtext
    everything = {chr(c) for c in range(0x110000) if chr(c).isspace()}
    assert everything <= csvtext._SUSPECT
    assert max(map(ord, everything)) == csvtext._LAST_SPACE
