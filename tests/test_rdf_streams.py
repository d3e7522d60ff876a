"""The streamed RDF paths (N-Triples text, pyoxigraph loading, Turtle/JSON-LD/N-Triples exports, ``push
sparql``) give exactly the triples rdflib holds for the same graph, awkward text included."""

from __future__ import annotations

import http.server
import threading
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic

from reviewgraph.graph.exports import export
from reviewgraph.graph.graphdata import ReviewGraph
from reviewgraph.graph.model import Agency, Recommendation
from reviewgraph.graph.sinks import oxigraph_store
from reviewgraph.graph.sinks.ntriples import NtTerms, iter_ntriples, ntriples, ntriples_chunks, ntriples_reader
from reviewgraph.graph.sinks.rdf import to_rdflib, triples
from reviewgraph.graph.sinks.sparql_endpoint import push
from tests.stores_data import make_store_graph

AWKWARD = ('He said "no" \\ C:\\path\nnext line\r\tand ünïcode – “quotes” \U0001F600 '
           "bell\x07 escape\x1b del\x7f nbsp\u00a0 line-sep\u2028 end\\")


def awkward_graph() -> ReviewGraph:
    graph = make_store_graph()
    rec = Recommendation(id="rec:northby/dhr-1/9", review="review:northby/dhr-1", number="9", text=AWKWARD,
                         doc="doc:aaaa000000000001", line_start=90, line_end=91)
    graph.add_node(rec)
    graph.link("review:northby/dhr-1", "MADE", rec.id, rec)
    # a repeated list item is one triple; an id with characters an IRI must quote
    graph.add_node(Agency(id="agency:o'neil & co (north)", name="O'Neil & Co", aliases=["ONC", "ONC", "O&C"],
                          doc="doc:aaaa000000000001", line_start=1, line_end=1,
                          sources=["doc:aaaa000000000001:1-1", "doc:aaaa000000000001:1-1"]))
    return graph


@pytest.fixture(scope="module")
def graph() -> ReviewGraph:
    return awkward_graph()


@pytest.fixture(scope="module")
def reference(graph: ReviewGraph) -> rdflib.Graph:
    return to_rdflib(graph)


def test_ntriples_text_is_the_rdflib_graph_without_duplicate_lines(graph, reference) -> None:
    text = ntriples(graph)
    lines = text.split("\n")[:-1]  # (not splitlines: U+2028 in a literal is not a line end)
    assert len(lines) == len(set(lines)) == len(reference)
    assert isomorphic(rdflib.Graph().parse(data=text, format="nt"), reference)
    parsed = rdflib.Graph().parse(data=text, format="nt")
    text_of = rdflib.URIRef("https://w3id.org/reviewgraph/ontology#text")
    texts = {str(o) for o in parsed.objects(None, text_of)}
    assert AWKWARD in texts


def test_chunks_and_reader_give_the_same_bytes(graph) -> None:
    whole = ntriples(graph).encode("utf-8")
    assert b"".join(ntriples_chunks(graph, lines=7)) == whole
    reader = ntriples_reader(graph, lines=5)
    got = bytearray()
    while block := reader.read(13):  # reads smaller and larger than a chunk
        got += block
    assert bytes(got) == whole and reader.triples == whole.count(b"\n")


def test_each_subject_s_triples_are_together(graph) -> None:
    """A streaming Turtle/JSON-LD writer groups consecutive triples: a subject never comes back."""
    done: set[str] = set()
    current = None
    for s, _, _ in triples(graph, NtTerms()):
        if s != current:
            assert s not in done, s
            if current is not None:
                done.add(current)
            current = s
    assert len(done) > len(graph.nodes)  # nodes and the statements of their relationships


def _dump(store: ox.Store) -> rdflib.Graph:
    return rdflib.Graph().parse(data=store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()),
                                format="nt")


def test_memory_and_disk_stores_hold_exactly_the_rdflib_triples(graph, reference, tmp_path) -> None:
    memory = oxigraph_store.memory_store(graph)
    assert len(memory) == len(reference) and isomorphic(_dump(memory), reference)
    assert oxigraph_store.load_into(ox.Store(), graph) == len(reference)  # the count it reports
    oxigraph_store.build_dir(graph, tmp_path / "ox")
    disk = ox.Store.read_only(str(tmp_path / "ox"))
    assert len(disk) == len(reference) and isomorphic(_dump(disk), reference)
    rows = list(disk.query('SELECT ?t WHERE { ?r <https://w3id.org/reviewgraph/ontology#text> ?t '
                           'FILTER(STRSTARTS(?t, "He said")) }'))
    assert [r["t"].value for r in rows] == [AWKWARD]


def test_a_failure_while_generating_fails_the_load(tmp_path) -> None:
    graph = make_store_graph()
    graph.add_node(Recommendation(id="rec:northby/dhr-1/9", review="review:northby/dhr-1", number="9",
                                  text="lone surrogate \udc80", doc="doc:aaaa000000000001", line_start=1,
                                  line_end=1))
    with pytest.raises(UnicodeEncodeError):
        oxigraph_store.memory_store(graph)
    # the export's first pass fails the same way; it then writes the graph with U+FFFD for the surrogate
    # (graph.exports.safetext.written), and the failed pass leaves no half-written file behind
    assert export(graph, "ttl", tmp_path / "g.ttl") == 1
    assert [p.name for p in tmp_path.iterdir()] == ["g.ttl"]
    assert "lone surrogate \ufffd" in (tmp_path / "g.ttl").read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt,rdflib_format", [("ttl", "turtle"), ("jsonld", "json-ld"), ("nt", "nt")])
def test_exports_are_the_rdflib_graph_and_repeatable(graph, reference, tmp_path, fmt, rdflib_format) -> None:
    out = tmp_path / f"g.{fmt}"
    export(graph, fmt, out)
    assert isomorphic(rdflib.Graph().parse(out, format=rdflib_format), reference)
    again = tmp_path / f"again.{fmt}"
    export(graph, fmt, again)
    assert again.read_bytes() == out.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([out.name, again.name])  # no temporaries


def test_turtle_export_uses_the_project_prefixes_and_groups_subjects(graph, tmp_path) -> None:
    out = tmp_path / "g.ttl"
    export(graph, "ttl", out)
    text = out.read_text(encoding="utf-8")
    for prefix in ("rg", "rgid", "skos", "prov", "dcterms"):
        assert f"@prefix {prefix}: " in text
    assert " a rg:Recommendation ;" in text and "skos:prefLabel" in text
    body = [line for line in text.split("\n") if line and not line.startswith("@prefix")]
    assert not any("<https://w3id.org/reviewgraph/" in line for line in body)  # every IRI abbreviated
    subjects = [line.split(" ", 1)[0] for line in body if not line[0].isspace()]
    assert len(subjects) == len(set(subjects))  # one block per resource


class _GraphStore(http.server.BaseHTTPRequestHandler):
    received: list[tuple[str, str | None, bytes]] = []

    def do_PUT(self) -> None:  # noqa: N802 (http.server's naming)
        body = bytearray()
        if self.headers.get("Transfer-Encoding") == "chunked":
            while size := int(self.rfile.readline().strip(), 16):
                body += self.rfile.read(size)
                self.rfile.readline()
            self.rfile.readline()
        else:
            body += self.rfile.read(int(self.headers["Content-Length"]))
        self.received.append((self.path, self.headers.get("Transfer-Encoding"), bytes(body)))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args) -> None:
        pass


def test_push_streams_the_triples_in_one_chunked_put(graph, reference) -> None:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _GraphStore)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        sent = push(f"http://127.0.0.1:{server.server_port}", graph)
    finally:
        server.shutdown()
        server.server_close()
    [(path, encoding, body)] = _GraphStore.received
    assert path.endswith("?default") and encoding == "chunked"
    assert sent == len(reference) == body.count(b"\n")
    assert body == "".join(iter_ntriples(graph)).encode("utf-8")
    assert isomorphic(rdflib.Graph().parse(data=body.decode("utf-8"), format="nt"), reference)


def test_rdflib_serialisation_of_the_same_graph_parses_to_the_same_set() -> None:
    """rdflib's own N-Triples serialisation of the same graph parses to what the streamed text parses to."""
    graph = awkward_graph()
    ours = set(ox.parse(ntriples(graph).encode("utf-8"), format=ox.RdfFormat.N_TRIPLES))
    rdflib_text = to_rdflib(graph).serialize(format="nt", encoding="utf-8")
    theirs = set(ox.parse(rdflib_text, format=ox.RdfFormat.N_TRIPLES))
    assert ours == theirs


def test_exports_of_an_empty_graph(tmp_path) -> None:
    empty = ReviewGraph()
    for fmt in ("nt", "ttl", "jsonld"):
        export(empty, fmt, tmp_path / f"e.{fmt}")
        assert len(rdflib.Graph().parse(tmp_path / f"e.{fmt}", format={"nt": "nt", "ttl": "turtle",
                                                                        "jsonld": "json-ld"}[fmt])) == 0
    assert len(oxigraph_store.memory_store(empty)) == 0
    assert Path(tmp_path / "e.nt").read_bytes() == b""
