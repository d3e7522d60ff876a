"""Ad-hoc queries cannot escape: an attacker's payloads against the check, the engines underneath, the limits.

Three layers, each tested on its own:

1. the check (:mod:`reviewgraph.queries.readonly`, a Cypher lexer and rdflib's SPARQL parser) refuses every payload below
   (comment and string tricks, escapes, look-alike characters, casing, whitespace, backticks, several
   statements, files, extensions, procedures, federation) and lets through reads that merely mention the
   words; where the check lets a tricky string through, LadybugDB reads it as the same string;
2. with the check bypassed, the confined child process (:mod:`reviewgraph.queries.sandbox`, Landlock) still cannot read
   a file, write one, load a library or open a connection, and rdflib's SERVICE and FROM are switched off;
3. a cartesian product is stopped by the time limit and by the memory limit, and the row cap cuts the rows:
   through the function, ``reviewgraph query run --file`` and the workbench page.
"""

from __future__ import annotations

import http.server
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from typer.testing import CliRunner

from reviewgraph.app.cli import cli
from reviewgraph.graph.store import Store
from reviewgraph.queries.confine import landlock_abi
from reviewgraph.queries.engines import make_engine
from reviewgraph.queries.readonly import ReadOnlyError, check
from reviewgraph.queries.sandbox import Limits, QueryLimitError, run_limited
from tests.stores_data import write_store
from tests.webapp_support import open_app

runner = CliRunner()
LANDLOCK = pytest.mark.skipif(landlock_abi() < 4, reason="needs Linux Landlock with TCP rules (kernel 6.7+)")

CYPHER_PAYLOADS = [
    # comment markers inside strings, strings inside comments
    "MATCH (n) WHERE n.name = '//' DETACH DELETE n",
    "MATCH (n) WHERE n.name = '/*' LOAD FROM '/etc/passwd' RETURN * //*/",
    "MATCH (n) WHERE n.name = \"//\" COPY (MATCH (a) RETURN a.id) TO '/tmp/x.csv'",
    "MATCH (n) /* ' */ DETACH DELETE n",
    "MATCH (n) // '\nDETACH DELETE n",
    # escapes that end (or seem to end) a string
    "MATCH (n) WHERE n.name = 'a\\'' DETACH DELETE n //'",
    "MATCH (n) WHERE n.name = \"a\\\"\" SET n.name = 'y' //\"",
    "MATCH (n) WHERE n.name = 'a\\\\' DETACH DELETE n //'",
    "MATCH (n) WHERE n.name = 'a\\q' DETACH DELETE n",
    "MATCH (n) WHERE n.name = 'a\\u0027' DETACH DELETE n",
    # casing, whitespace, look-alikes
    "lOaD FrOm '/etc/passwd' RETURN *",
    "MATCH (n)\nDETACH\n\tDELETE n",
    "MATCH (n)\u00a0DETACH\u00a0DELETE n",
    "MATCH (n)\u2028DETACH\u3000DELETE n",
    "MATCH (n) RETURN n // \u2028 UNION LOAD FROM '/etc/passwd' RETURN *",
    "MATCH (n) RETURN n // \r UNION LOAD FROM '/etc/passwd' RETURN *",
    "MATCH (n) \u017fet n.name = 'x'",  # long s: upper() is SET
    "\uff2c\uff2f\uff21\uff24 FROM '/etc/passwd' RETURN *",  # fullwidth LOAD
    "MATCH (n) RETURN n\u037e LOAD FROM '/etc/passwd' RETURN *",  # Greek question mark, looks like ';'
    "MATCH (n)\u200bDETACH DELETE n",  # zero-width space
    "MATCH (n) RETURN n \u2014 1",  # an em dash outside a string
    # backticks
    "MATCH (n) RETURN n AS `x` LOAD FROM '/etc/passwd' RETURN *",
    "MATCH (`a``b`) LOAD FROM '/etc/passwd' RETURN *",
    "MATCH (n) RETURN `x",
    # unclosed strings and comments
    "MATCH (n) RETURN 'x",
    "MATCH (n) RETURN n /* DETACH DELETE n",
    # several statements
    "MATCH (n) RETURN n; MATCH (m) DETACH DELETE m",
    "MATCH (n) RETURN n;\nLOAD EXTENSION '/tmp/x.so'",
    "MATCH (n) RETURN n ; ; ",
    "",
    "  // only a comment",
    # files, extensions, databases
    "LOAD FROM '/etc/passwd' RETURN *",
    "LOAD WITH HEADERS (a STRING) FROM '/etc/passwd' RETURN *",
    "MATCH (n) WITH n LIMIT 1 LOAD FROM '/etc/passwd' RETURN *",
    "COPY Agency TO '/tmp/x.csv'",
    "COPY (MATCH (a:Agency) RETURN a.name) TO '/tmp/x.csv'",
    "COPY Agency FROM '/tmp/x.csv'",
    "INSTALL httpfs",
    "UNINSTALL httpfs",
    "LOAD httpfs",
    "LOAD EXTENSION '/tmp/x.so'",
    "ATTACH '/tmp/x.lbug' AS x (dbtype lbug)",
    "USE x",
    "EXPORT DATABASE '/tmp/x'",
    "IMPORT DATABASE '/tmp/x'",
    "CREATE MACRO m(x) AS x + 1",
    "BEGIN TRANSACTION",
    "CHECKPOINT",
    # procedures and sub-queries
    "CALL show_tables() RETURN *",
    "CALL home_directory='/tmp'",
    "MATCH (n) CALL { CREATE (m:Agency) } RETURN n",
    "MATCH (n) WITH n CALL db.labels() YIELD label RETURN label",
    "MATCH (n) WHERE EXISTS { MATCH (n)-->(m) DETACH DELETE m } RETURN n",
    "MATCH (n) RETURN COUNT { MATCH (n)-->(m) SET m.x = 1 } AS c",
    "UNWIND [1] AS x FOREACH (y IN [1] | CREATE (:Agency))",
    "MATCH (n) RETURN n UNION CALL db.x() YIELD y RETURN y",
    "MATCH (n) RETURN n UNION ALL MATCH (m) DETACH DELETE m",
    "EXPLAIN MATCH (n) RETURN n",
    "PROFILE MATCH (n) RETURN n",
    # writes
    "CREATE (n:Agency {id: 'x'})",
    "MERGE (n:Agency {id: 'x'})",
    "MATCH (n) REMOVE n.name",
    "DROP TABLE Agency",
    "ALTER TABLE Agency ADD x STRING",
    "MATCH (n) WITH n DELETE n",
    "MATCH (n) WHERE n:Agency RETURN n.x :LOAD FROM '/etc/passwd' RETURN *",
]
CYPHER_READS = [
    "MATCH (n:Agency) WHERE n.name CONTAINS 'CREATE' OR n.name = \"LOAD FROM '/etc/passwd'\" RETURN n.id",
    "MATCH (n:Agency) WHERE n.name = 'it\\'s // not a comment' RETURN n.id AS `delete`",
    "// DELETE everything? no: LOAD FROM, COPY, INSTALL\nMATCH (n:Review) RETURN n.id /* CALL x() */",
    "MATCH (n:Agency) WHERE n.name STARTS WITH 'A' AND n.id ENDS WITH 'x' RETURN n.id AS merge, {set: 1} AS m",
    "OPTIONAL MATCH (n:Agency)-[r:MEMBER_OF]->(m) WITH n, count(m) AS c RETURN n.id ORDER BY c DESC SKIP 0 "
    "LIMIT 5",
    "UNWIND [1, 2, 3] AS x RETURN x UNION ALL UNWIND [4] AS x RETURN x",
    "MATCH (n:Agency) WHERE EXISTS { MATCH (n)-[:MEMBER_OF]->() } RETURN n.id, COUNT { MATCH (n)--() } AS c",
    "MATCH (n:Agency) RETURN size(n.aliases) AS a, CASE WHEN n.name = 'load' THEN 1 ELSE 0 END AS c",
    "RETURN 1 AS x;",
    "MATCH (n:Agency) WHERE n.id = $id RETURN n.id",
]
#: strings whose reading decides the check: LadybugDB must read each one as the check's lexer does
CYPHER_STRINGS = ["a'b // x", 'x" /* y', "x' /* y", "\\", "//", "/*", "a\\'b", "`", "$x", ";"]

SPARQL_PAYLOADS = [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:9/x'y> { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p ?o . \\u0053ERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p ?o . \\U00000053ERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p ?o . SERVIC\\u0045 <http://127.0.0.1:9/> { ?s ?p ?o } }",
    "SELECT * WHERE { sErViCe <http://127.0.0.1:9/> { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE\n<http://127.0.0.1:9/>\t{ ?s ?p ?o } }",
    "SELECT * WHERE {SERVICE<http://127.0.0.1:9/>{?s ?p ?o}}",
    "SELECT * WHERE { SERVICE SILENT <http://127.0.0.1:9/> { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE ?where { ?s ?p ?o } }",
    "SELECT * WHERE { { OPTIONAL { { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } } } } }",
    "SELECT * WHERE { ?s ?p ?o FILTER EXISTS { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } } }",
    "SELECT * WHERE { { SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } } } }",
    "SELECT * WHERE { ?s ?p ?o } VALUES ?x { 1 } ",  # placeholder replaced below: must pass, see READS
    "SELECT * WHERE { ?s ?p \"#\" . SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p '''x''' . SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
    "SELECT * WHERE { <urn:a#> ?p ?o . SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p \"\\\"\" . SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
    "SELECT * WHERE { \u0405ERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",  # Cyrillic DZE
    "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }",
    "SELECT * FROM NAMED <http://127.0.0.1:9/g> WHERE { GRAPH ?g { ?s ?p ?o } }",
    "SELECT * WHERE { ?s ?p ?o } ; CLEAR ALL",
    "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
    "\\u0049NSERT DATA { <urn:a> <urn:b> <urn:c> }",
    "LOAD <file:///etc/passwd>",
    "DELETE WHERE { ?s ?p ?o }",
    "CLEAR ALL",
    "",
]
SPARQL_PAYLOADS.remove("SELECT * WHERE { ?s ?p ?o } VALUES ?x { 1 } ")
SPARQL_READS = [
    'SELECT ?service WHERE { ?s <urn:x#SERVICE> ?service FILTER(?service != "SERVICE") } # SERVICE <http://x/>',
    "PREFIX service: <urn:s#> PREFIX from: <urn:f#> SELECT ?s WHERE { ?s service:from from:service }",
    "ASK { ?s ?p ?o }",
    "CONSTRUCT WHERE { ?s ?p ?o }",
    "DESCRIBE <urn:x>",
    "SELECT * WHERE { ?s ?p ?o } VALUES ?x { 1 }",
    "SELECT * WHERE { ?s ?p \"\\u0053ERVICE <http://x/> { }\" }",
]


@pytest.mark.parametrize("text", CYPHER_PAYLOADS)
def test_cypher_payloads_are_refused_in_one_line(text):
    with pytest.raises(ReadOnlyError) as err:
        check(text, "cypher")
    assert "refused" in str(err.value) and "\n" not in str(err.value)


@pytest.mark.parametrize("text", SPARQL_PAYLOADS)
def test_sparql_payloads_are_refused_in_one_line(text):
    with pytest.raises(ReadOnlyError) as err:
        check(text, "sparql")
    assert "refused" in str(err.value) and "\n" not in str(err.value)


@pytest.mark.parametrize("text", CYPHER_READS)
def test_cypher_reads_that_mention_the_words_pass(text):
    check(text, "cypher")


@pytest.mark.parametrize("text", SPARQL_READS)
def test_sparql_reads_that_mention_the_words_pass(text):
    check(text, "sparql")


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("escape") / "store"
    write_store(path)
    for engine in ("cypher", "sparql"):
        make_engine(engine, Store(path))  # derived stores built once
    return path


def test_the_engine_reads_each_tricky_string_as_the_lexer_does(store_dir):
    """A string the check reads as one value is one value to LadybugDB too (the same escapes, no comments)."""
    from reviewgraph.queries.readonly import cypher_tokens

    engine = make_engine("cypher", Store(store_dir))
    for value in CYPHER_STRINGS:
        for quote in "'\"":
            escaped = value.replace("\\", "\\\\").replace(quote, "\\" + quote)
            text = f"RETURN {quote}{escaped}{quote} AS s"
            check(text, "cypher")
            tokens = list(cypher_tokens(text))
            assert [t.kind for t in tokens] == ["word", "string", "word", "word"], text
            assert engine.run(text, {}).rows == [[value]], text


def test_every_read_runs_in_the_sandbox(store_dir):
    for text in CYPHER_READS:
        result = run_limited("cypher", store_dir, text, {"id": "agency:x"} if "$id" in text else {})
        assert result.columns and result.cut_at is None, text


# -- underneath: the check bypassed ----------------------------------------------------------------------------
class _Recorder(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self):  # noqa: N802
        self.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.end_headers()
        self.wfile.write(b'{"head":{"vars":["s"]},"results":{"bindings":[]}}')

    do_POST = do_GET  # noqa: N815

    def log_message(self, *args):  # noqa: D102
        pass


@pytest.fixture()
def recorder():
    server = http.server.HTTPServer(("127.0.0.1", 0), _Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    _Recorder.hits = []
    yield f"http://127.0.0.1:{server.server_address[1]}/sparql"
    server.shutdown()


@LANDLOCK
def test_files_and_extensions_fail_underneath_when_the_check_is_bypassed(store_dir, tmp_path):
    secret = tmp_path / "secret.csv"
    secret.write_text("who,what\nzq-secret-zq,1\n", encoding="utf-8")
    library = tmp_path / "evil.so"
    library.write_bytes(b"\x7fELF not really a library")
    out = tmp_path / "out.csv"
    for text in (f"LOAD FROM '{secret}' RETURN *", f"LOAD WITH HEADERS (who STRING, what INT64) FROM '{secret}' "
                 "RETURN *"):
        with pytest.raises(RuntimeError, match="[Pp]ermission denied"):
            run_limited("cypher", store_dir, text, {}, _raw=True)
    with pytest.raises(RuntimeError, match="[Pp]ermission denied"):
        run_limited("cypher", store_dir, f"COPY (MATCH (a:Agency) RETURN a.name) TO '{out}'", {}, _raw=True)
    assert not out.exists()
    with pytest.raises(RuntimeError) as err:
        run_limited("cypher", store_dir, f"LOAD EXTENSION '{library}'", {}, _raw=True)
    assert "cannot open" in str(err.value) and "too short" not in str(err.value)  # never even read
    with pytest.raises(RuntimeError, match="[Ff]ailed to download"):
        run_limited("cypher", store_dir, "INSTALL httpfs", {}, _raw=True)
    with pytest.raises(RuntimeError, match="[Pp]ermission denied"):
        run_limited("cypher", store_dir, f"LOAD FROM '{secret}' RETURN *", {}, memory=True, _raw=True)


@LANDLOCK
def test_service_sends_nothing_underneath_when_the_check_is_bypassed(store_dir, recorder):
    with pytest.raises(RuntimeError, match="[Pp]ermission denied"):
        run_limited("sparql", store_dir, f"SELECT * WHERE {{ SERVICE <{recorder}> {{ ?s ?p ?o }} }}", {},
                    _raw=True)
    run_limited("sparql", store_dir, f"SELECT * WHERE {{ SERVICE SILENT <{recorder}> {{ ?s ?p ?o }} }}", {},
                _raw=True)
    with pytest.raises(ReadOnlyError, match="SERVICE"):
        run_limited("rdflib", store_dir, f"SELECT * WHERE {{ SERVICE <{recorder}> {{ ?s ?p ?o }} }}", {},
                    _raw=True)
    assert _Recorder.hits == []


def test_rdflib_switches_refuse_service_and_fetch_no_graph_in_process(store_dir, recorder, tmp_path):
    """The rdflib engine's own switches, in this process, with the check bypassed (engine.graph.query)."""
    engine = make_engine("rdflib", Store(store_dir))
    with pytest.raises(ReadOnlyError, match="SERVICE"):
        list(engine.graph.query(f"SELECT * WHERE {{ SERVICE <{recorder}> {{ ?s ?p ?o }} }}"))
    secret = tmp_path / "secret.ttl"
    secret.write_text('<urn:secret> <urn:p> "zq-secret-zq" .\n', encoding="utf-8")
    rows = list(engine.graph.query(f"SELECT ?o FROM <{secret.as_uri()}> FROM <{recorder}> "
                                   "WHERE { <urn:secret> <urn:p> ?o }"))
    assert rows == [] and _Recorder.hits == []


@LANDLOCK
def test_a_configured_endpoint_is_the_one_place_the_child_may_connect_to(store_dir, recorder):
    result = run_limited("endpoint", store_dir, "SELECT ?s WHERE { ?s ?p ?o }", {}, endpoint=recorder)
    assert result.columns == ["s"] and result.rows == []
    assert len(_Recorder.hits) == 1


# -- limits ----------------------------------------------------------------------------------------------------
CARTESIAN = {"cypher": "MATCH (a),(b),(c),(d),(e),(f) WHERE (a.id + b.id + c.id + d.id + e.id + f.id) "
                       "CONTAINS 'zz' RETURN count(*)",
             "sparql": "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
             "rdflib": "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"}
HUNGRY = {"cypher": "UNWIND range(1, 200000000) AS x WITH collect(x) AS xs RETURN size(xs)",
          "sparql": "SELECT ?a ?d ?g WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?a ?d ?g"}


@pytest.mark.parametrize("engine", sorted(CARTESIAN))
def test_a_cartesian_product_is_stopped_by_the_time_limit(store_dir, engine):
    start = time.monotonic()
    with pytest.raises(QueryLimitError) as err:
        run_limited(engine, store_dir, CARTESIAN[engine], {}, Limits(seconds=2))
    assert str(err.value).startswith("the query took longer than 2 s and was stopped")
    assert time.monotonic() - start < 20


@pytest.mark.parametrize("engine", sorted(HUNGRY))
def test_a_hungry_query_is_stopped_by_the_memory_limit(store_dir, engine):
    with pytest.raises(QueryLimitError) as err:
        run_limited(engine, store_dir, HUNGRY[engine], {}, Limits(seconds=120, memory_mb=300))
    assert str(err.value).startswith("the query needed more than 300 MB of memory and was stopped")


def test_the_row_cap_cuts_the_rows(store_dir):
    result = run_limited("cypher", store_dir, "UNWIND range(1, 100) AS x RETURN x", {}, Limits(rows=7))
    assert result.rows == [[i] for i in range(1, 8)] and result.cut_at == 7
    result = run_limited("sparql", store_dir, "SELECT ?s WHERE { ?s ?p ?o }", {}, Limits(rows=3))
    assert len(result.rows) == 3 and result.cut_at == 3
    result = run_limited("cypher", store_dir, "UNWIND range(1, 7) AS x RETURN x", {}, Limits(rows=7))
    assert len(result.rows) == 7 and result.cut_at is None


def test_limits_from_the_environment_and_bad_values():
    assert Limits.from_env(environ={}) == Limits(30.0, 2048, 10_000)
    env = {"REVIEWGRAPH_QUERY_TIMEOUT": "2.5", "REVIEWGRAPH_QUERY_MEMORY_MB": "512",
           "REVIEWGRAPH_QUERY_MAX_ROWS": "9"}
    assert Limits.from_env(environ=env) == Limits(2.5, 512, 9)
    assert Limits.from_env(seconds=4, environ=env).seconds == 4
    for bad in ("0", "-1", "nan", "lots"):
        with pytest.raises(ValueError, match="REVIEWGRAPH_QUERY_TIMEOUT"):
            Limits.from_env(environ={"REVIEWGRAPH_QUERY_TIMEOUT": bad})


# -- through the CLI and the workbench ---------------------------------------------------------------------------
def _cli(store_dir, tmp_path, text, suffix, *options):
    f = tmp_path / f"q{suffix}"
    f.write_text(text + "\n", encoding="utf-8")
    return runner.invoke(cli, ["query", "run", "--file", str(f), "--db", str(store_dir), *options])


def test_cli_time_limit_row_cap_and_refusals(store_dir, tmp_path):
    res = _cli(store_dir, tmp_path, CARTESIAN["sparql"], ".rq", "--timeout", "2")
    assert res.exit_code != 0 and "took longer than 2 s" in str(res.exception)
    res = _cli(store_dir, tmp_path, "UNWIND range(1, 50) AS x RETURN x", ".cypher", "--max-rows", "5",
               "--format", "csv")
    assert res.exit_code == 0, res.output
    assert res.stdout.splitlines() == ["x", "1", "2", "3", "4", "5"]
    assert "results cut at 5 rows" in res.stderr
    res = _cli(store_dir, tmp_path, HUNGRY["cypher"], ".cypher", "--max-memory", "300")
    assert res.exit_code != 0 and "more than 300 MB of memory" in str(res.exception)
    res = _cli(store_dir, tmp_path, "MATCH (n) WHERE n.name = '//' LOAD FROM '/etc/passwd' RETURN *", ".cypher")
    assert res.exit_code != 0 and "refused" in str(res.exception) and "LOAD" in str(res.exception)
    res = _cli(store_dir, tmp_path, "SELECT * WHERE { \\u0053ERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }", ".rq")
    assert res.exit_code != 0 and "SERVICE" in str(res.exception)
    res = _cli(store_dir, tmp_path, "RETURN 1 AS x", ".cypher", "--timeout", "0")
    assert res.exit_code == 2 and "positive" in res.output


def _workbench(store_dir, monkeypatch, **env: str) -> AppTest:
    return open_app(monkeypatch, store_dir, "views/workbench.py", timeout=90, **env)


def _adhoc(at: AppTest, engine: str, text: str) -> AppTest:
    at.selectbox(key="wb_engine_adhoc").set_value(engine).run()
    at.text_area(key=f"wb_text_{engine}").input(text).run()
    at.button(key="wb_run_adhoc").click().run()
    assert not at.exception
    return at


def test_workbench_limits_and_refusals(store_dir, monkeypatch):
    at = _workbench(store_dir, monkeypatch, REVIEWGRAPH_QUERY_TIMEOUT="2", REVIEWGRAPH_QUERY_MAX_ROWS="4")
    _adhoc(at, "sparql", CARTESIAN["sparql"])
    assert any("took longer than 2 s" in e.value for e in at.error), [e.value for e in at.error]
    _adhoc(at, "cypher", "UNWIND range(1, 50) AS x RETURN x")
    assert not at.error, [e.value for e in at.error]
    assert any("cut at 4 rows" in w.value for w in at.warning)
    _adhoc(at, "cypher", "MATCH (n) WHERE n.name = '/*' LOAD FROM '/etc/passwd' RETURN * //*/")
    assert any("refused" in e.value for e in at.error)


# -- serve sparql: Oxigraph's own server, confined, with its timeout ------------------------------------------------
def _ask(base: str, text: str) -> str:
    body = urllib.parse.urlencode({"query": text}).encode()
    req = urllib.request.Request(base + "/query", data=body, headers={
        "Accept": "application/sparql-results+json", "Content-Type": "application/x-www-form-urlencoded"})
    try:
        with urllib.request.urlopen(req, timeout=60) as resp:
            return resp.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.read().decode("utf-8", "replace")


@LANDLOCK
def test_the_sparql_server_is_confined_and_has_a_timeout(store_dir, recorder):
    from reviewgraph.graph.sinks.oxigraph_store import store_dir as oxigraph_dir
    from reviewgraph.graph.sinks.sparql_endpoint import start_server

    proc, base = start_server(oxigraph_dir(Store(store_dir)), read_only=True, timeout_s=2, confined=True)
    try:
        assert '"value"' in _ask(base, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        assert "ermission denied" in _ask(base, f"SELECT * WHERE {{ SERVICE <{recorder}> {{ ?s ?p ?o }} }}")
        start = time.monotonic()
        assert "cancelled" in _ask(base, CARTESIAN["sparql"])
        assert time.monotonic() - start < 20
    finally:
        proc.terminate()
        proc.wait(10)
    assert _Recorder.hits == []
