"""Queries cannot write, and parameters cannot change a query.

Every parameter of every saved query, on every embedded engine (LadybugDB Cypher, pyoxigraph SPARQL,
rdflib SPARQL), is given injection payloads: a string payload must give the same rows as a harmless value
that matches nothing (it was bound as a value, not read as query text), a payload for a typed parameter is
refused in one line, and afterwards the store and its derived engine stores are unchanged. Write clauses
given through ``query run --file`` are refused in one line on every engine, the derived stores refuse
writes even when the text check is bypassed, and a federated SPARQL ``SERVICE`` (which would send the
query, and with it the store's content, to another machine) is refused and sends nothing.
"""

from __future__ import annotations

import hashlib
import http.server
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

from reviewgraph.app.cli import cli
from reviewgraph.graph.store import Store
from reviewgraph.queries.engines import make_engine
from reviewgraph.queries.readonly import ReadOnlyError, check
from reviewgraph.queries.saved import QueryError, saved_queries
from tests.stores_data import write_store

runner = CliRunner()
ENGINES = {"cypher": ["cypher"], "sparql": ["sparql", "rdflib"]}

STRING_PAYLOADS = [
    "' }) DETACH DELETE n //",
    "x' OR 1=1 //",
    "\\' ; CREATE (:Agency {id: 'pwn'}) //",
    "') RETURN 1 AS x UNION MATCH (n) DETACH DELETE n RETURN 1 AS x //",
    '" } ; DROP ALL ; #',
    "} INSERT DATA { <urn:a> <urn:b> <urn:c> } #",
    '\n} DELETE WHERE { ?s ?p ?o } #',
    'MARAC" . ?x ?y ?z . FILTER("a" = "a',
    '") } } ; CLEAR ALL',
    "$as_of",
    "?s",
    "<script>alert(1)</script>",
]
NEUTRAL = "zq-no-such-value-zq"
TYPED_PAYLOADS = ["2; DROP ALL", "1 OR 1=1", "2021-01-01' }) DETACH DELETE n //", "true } CLEAR ALL"]


def _fingerprint(store_dir: Path) -> dict[str, str]:
    """A hash of every file of the store (graph.json, documents, derived engine stores)."""
    out = {}
    for p in sorted(store_dir.rglob("*")):
        if p.is_file() and not p.name.endswith(".lock") and p.name != "graph.stamp":
            out[str(p.relative_to(store_dir))] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("qsafety") / "store"
    write_store(path)
    store = Store(path)
    for lang, engines in ENGINES.items():  # build the derived stores once, before the fingerprint
        for engine in engines:
            make_engine(engine, store)
    return path


def _cases():
    for q in saved_queries():
        for engine in ENGINES[q.language]:
            for p in q.params:
                yield pytest.param(q, engine, p, id=f"{q.language}:{q.name}:{p.name}:{engine}")


def _rows(result) -> list:  # type: ignore[no-untyped-def]
    return sorted(repr(r) for r in result.rows)


@pytest.mark.parametrize("query, engine_name, param", list(_cases()))
def test_injection_through_every_parameter_changes_nothing(store_dir, query, engine_name, param):
    before = _fingerprint(store_dir)
    engine = make_engine(engine_name, Store(store_dir))
    if param.type == "string":
        baseline = _rows(engine.run(query.text, query.coerce({param.name: NEUTRAL})))
        for payload in STRING_PAYLOADS:
            got = _rows(engine.run(query.text, query.coerce({param.name: payload})))
            assert got == baseline, f"{payload!r} changed the rows of {query.name}"
    else:
        for payload in TYPED_PAYLOADS:
            with pytest.raises(QueryError) as err:
                query.coerce({param.name: payload})
            assert "\n" not in str(err.value) and param.name in str(err.value)
    del engine
    assert _fingerprint(store_dir) == before


def test_every_parameter_through_the_cli_is_bound(store_dir):
    """The same through ``reviewgraph query run --param``: exit 0 with the neutral rows, or one line."""
    before = _fingerprint(store_dir)
    for q in saved_queries():
        for p in q.params:
            for engine in ENGINES[q.language]:
                base = runner.invoke(cli, ["query", "run", q.name, "--engine", engine, "--db", str(store_dir),
                                           "--format", "csv", "--param", f"{p.name}={NEUTRAL}"])
                for payload in (STRING_PAYLOADS[0], STRING_PAYLOADS[5]):
                    res = runner.invoke(cli, ["query", "run", q.name, "--engine", engine, "--db",
                                              str(store_dir), "--format", "csv", "--param", f"{p.name}={payload}"])
                    if p.type == "string":
                        assert res.exit_code == 0, res.output
                        assert res.output == base.output
                    else:
                        assert res.exit_code != 0
                        assert isinstance(res.exception, (QueryError, SystemExit)), res.exception
    assert _fingerprint(store_dir) == before


CYPHER_WRITES = [
    "CREATE (n:Agency {id: 'agency:pwn', name: 'pwn', doc: 'x', line_start: 0, line_end: 0})",
    "MATCH (n:Agency) DETACH DELETE n",
    "MATCH (n:Agency) SET n.name = 'pwn'",
    "MATCH (n:Agency) REMOVE n.name",
    "MATCH (n:Agency) MERGE (n)-[:MEMBER_OF]->(n)",
    "DROP TABLE Agency",
    "COPY Agency FROM '/etc/passwd'",
    "LOAD FROM '/etc/passwd' RETURN *",
    "CALL db.clear()",
    "MATCH (n)\u00a0DETACH\u00a0DELETE n",
    "MATCH (n) DE/* split */TACH DELETE n",
    "match (n:Agency) with n delete n",
]
SPARQL_WRITES = [
    "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
    "DELETE WHERE { ?s ?p ?o }",
    "CLEAR ALL",
    "DROP ALL",
    "LOAD <file:///etc/passwd>",
    "PREFIX x: <urn:x#> WITH <urn:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "SELECT * WHERE { ?s ?p ?o } ; CLEAR ALL",
    "delete where { ?s ?p ?o }",
]


@pytest.mark.parametrize("engine, text", [("cypher", t) for t in CYPHER_WRITES]
                         + [(e, t) for e in ("sparql", "rdflib") for t in SPARQL_WRITES])
def test_write_clauses_are_refused_in_one_line(store_dir, tmp_path, engine, text):
    before = _fingerprint(store_dir)
    f = tmp_path / ("q.cypher" if engine == "cypher" else "q.rq")
    f.write_text(text + "\n", encoding="utf-8")
    res = runner.invoke(cli, ["query", "run", "--file", str(f), "--engine", engine, "--db", str(store_dir)])
    assert res.exit_code != 0
    assert isinstance(res.exception, (ReadOnlyError, SystemExit)), res.exception
    assert "read-only" in str(res.exception) or "read-only" in res.output
    assert _fingerprint(store_dir) == before


def test_the_derived_stores_refuse_writes_when_the_check_is_bypassed(store_dir):
    from reviewgraph.graph.sinks import ladybug_store, oxigraph_store

    store = Store(store_dir)
    conn = ladybug_store.open_connection(store)
    before = ladybug_store.counts(conn)
    with pytest.raises(RuntimeError):
        conn.execute("MATCH (n:Agency) DETACH DELETE n")
    assert ladybug_store.counts(conn) == before
    ox = oxigraph_store.open_store(store)
    size = len(ox)
    with pytest.raises((OSError, RuntimeError), match="read"):
        ox.update("DELETE WHERE { ?s ?p ?o }")
    assert len(ox) == size


class _Recorder(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_POST(self):  # noqa: N802
        self.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.end_headers()
        self.wfile.write(b'{"head":{"vars":["s"]},"results":{"bindings":[]}}')

    do_GET = do_POST  # noqa: N815

    def log_message(self, *args):  # noqa: D102
        pass


@pytest.mark.parametrize("engine", ["sparql", "rdflib"])
def test_a_federated_service_query_is_refused_and_sends_nothing(store_dir, tmp_path, engine):
    server = http.server.HTTPServer(("127.0.0.1", 0), _Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    _Recorder.hits = []
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/sparql"
        f = tmp_path / "federated.rq"
        f.write_text(f"SELECT ?s WHERE {{ ?s ?p ?o . SERVICE <{url}> {{ ?s ?p ?o }} }}\n", encoding="utf-8")
        res = runner.invoke(cli, ["query", "run", "--file", str(f), "--engine", engine, "--db", str(store_dir)])
    finally:
        server.shutdown()
    assert res.exit_code != 0
    assert "SERVICE" in str(res.exception)
    assert _Recorder.hits == []


def test_service_inside_a_string_or_a_name_is_allowed():
    check('SELECT ?service WHERE { ?s <urn:x#SERVICE> ?service FILTER(?service != "SERVICE") }', "sparql")
    with pytest.raises(ReadOnlyError):
        check("SELECT * WHERE { service <http://example.org/sparql> { ?s ?p ?o } }", "sparql")
