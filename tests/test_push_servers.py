"""`push sparql` on both loaders against a real Oxigraph server, and `push neo4j`'s batches on LadybugDB.

No Neo4j server can be installed here (none on PyPI, Debian or npm), so the Neo4j push's statements and
batches are run through LadybugDB, the embedded Cypher engine (same statements, same rows; the constraints
are Neo4j's own and LadybugDB's primary keys stand for them), and parsed with Neo4j's grammar where the
parser is installed (see test_neo4j.py).
"""

from __future__ import annotations

import http.server
import os
import shutil
import subprocess
import threading
from pathlib import Path

import ladybug as lb
import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

from reviewgraph.app.cli import cli
from reviewgraph.graph.sinks import ladybug_store
from reviewgraph.graph.sinks.neo4j_push import (constraint_statements, edge_batches, load_batches,
                                               node_batches, node_statement)
from reviewgraph.graph.sinks.oxigraph_store import memory_store
from reviewgraph.graph.sinks.sparql_endpoint import choose_loader, push, server_product, start_server
from reviewgraph.queries.engines import EndpointEngine, LadybugEngine
from reviewgraph.queries.saved import saved_queries
from tests.stores_data import make_store_graph, write_store

ROOT = Path(__file__).resolve().parents[1]
PARSER = Path(os.environ.get("REVIEWGRAPH_CYPHER_PARSER", ROOT / ".cache" / "cypher-parser" / "node_modules"))
ALL = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
NAMED = "SELECT ?s ?p ?o WHERE { GRAPH <urn:board:north> { ?s ?p ?o } }"


def test_server_header_is_read_as_products() -> None:
    assert server_product("Oxigraph/0.5.13") == ("oxigraph", "0.5.13")
    assert server_product("oxigraph") == ("oxigraph", "")
    assert server_product("Apache-Jena-Fuseki/5.1.0 (Linux)") == ("apache-jena-fuseki", "5.1.0")
    assert server_product(None) is None and server_product("") is None
    assert server_product("(Oxigraph)") is None  # a comment is not a product
    assert server_product("Oxi graph/1") == ("oxi", "")


def test_unknown_loader_is_refused() -> None:
    with pytest.raises(ValueError, match="oxigraph-bulk"):
        choose_loader("http://127.0.0.1:9", "fast")


class _Plain(http.server.BaseHTTPRequestHandler):
    """A Graph Store that calls itself something else: it must get the plain protocol."""

    def do_HEAD(self) -> None:  # noqa: N802 (http.server's naming)
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args) -> None:
        pass


def test_a_server_that_is_not_oxigraph_gets_the_plain_graph_store() -> None:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Plain)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        loader, said = choose_loader(f"http://127.0.0.1:{server.server_port}")
    finally:
        server.shutdown()
        server.server_close()
    assert loader == "graph-store" and said.startswith("BaseHTTP/")


def test_no_server_is_one_clear_error() -> None:
    from reviewgraph.graph.sinks.sparql_endpoint import free_port
    with pytest.raises(RuntimeError, match="no SPARQL server answered at http://127.0.0.1:"):
        choose_loader(f"http://127.0.0.1:{free_port()}")


def _triples(url: str, query: str) -> set[tuple[str, str, str]]:
    return {tuple(map(str, row)) for row in EndpointEngine(url).run(query, {}).rows}


@pytest.mark.server
@pytest.mark.parametrize("loader", ["oxigraph-bulk", "graph-store"])
def test_push_twice_leaves_the_same_triples_on_both_loaders(tmp_path, loader) -> None:
    graph = make_store_graph()
    expected = len(memory_store(graph))
    proc, url = start_server(tmp_path / "oxigraph")
    try:
        assert choose_loader(url) == ("oxigraph-bulk", f"Oxigraph/{ox.__version__}")
        assert push(url, graph, loader=loader) == expected
        first = _triples(url, ALL)
        assert len(first) == expected
        assert push(url, graph, loader=loader) == expected
        assert _triples(url, ALL) == first
        # a named graph is replaced on its own; the default graph stays as it was
        for _ in range(2):
            push(url, graph, "urn:board:north", loader=loader)
        assert _triples(url, NAMED) == first
        assert _triples(url, ALL) == first
    finally:
        proc.terminate()
        proc.wait(10)


@pytest.mark.server
def test_push_command_says_how_it_loaded(tmp_path) -> None:
    write_store(tmp_path / "store")
    proc, url = start_server(None)
    try:
        res = CliRunner().invoke(cli, ["push", "sparql", "--endpoint", url, "--db", str(tmp_path / "store")])
        assert res.exit_code == 0, res.output
        assert f"(bulk load, server: Oxigraph/{ox.__version__})" in res.output
        res = CliRunner().invoke(cli, ["push", "sparql", "--endpoint", url, "--loader", "graph-store",
                                       "--db", str(tmp_path / "store")])
        assert res.exit_code == 0 and "(Graph Store PUT)" in res.output, res.output
        res = CliRunner().invoke(cli, ["push", "sparql", "--endpoint", url, "--loader", "quick",
                                       "--db", str(tmp_path / "store")])
        assert res.exit_code != 0 and "--loader" in res.output
    finally:
        proc.terminate()
        proc.wait(10)


def _ladybug_by_push(graph, batch: int) -> lb.Connection:
    conn = lb.Connection(lb.Database(":memory:"))
    for stmt in ladybug_store.ddl():
        conn.execute(stmt)
    for _ in range(2):  # the second push must change nothing
        sent = load_batches(lambda stmt, rows: conn.execute(stmt, {"rows": rows}), graph, batch)
    assert sent == {"nodes": len(graph.nodes), "relationships": len(graph.edges)}
    return conn


@pytest.mark.parametrize("batch", [1, 4, 1000])
def test_neo4j_batches_load_ladybug_like_its_own_bulk_load(batch) -> None:
    graph = make_store_graph()
    pushed, copied = _ladybug_by_push(graph, batch), ladybug_store.memory_connection(graph)
    assert ladybug_store.counts(pushed) == ladybug_store.counts(copied)
    for q in saved_queries("cypher"):
        params = q.coerce({k: v for k, v in {"as_of": "2024-01-01", "min_reviews": "1"}.items()
                           if k in {p.name for p in q.params}})
        a, b = LadybugEngine(pushed).run(q.text, params), LadybugEngine(copied).run(q.text, params)
        assert a.columns == b.columns and sorted(map(repr, a.rows)) == sorted(map(repr, b.rows)), q.name


def test_batches_hold_at_most_their_size_and_name_only_model_properties() -> None:
    graph = make_store_graph()
    for size in (1, 2, 5):
        batches = [*node_batches(graph, size), *edge_batches(graph, size)]
        assert batches and all(1 <= len(rows) <= size for _, rows in batches)
        assert all(len({tuple(r) for r in rows}) == 1 for _, rows in batches)  # one shape per batch
    with pytest.raises(ValueError, match="at least 1"):
        next(node_batches(graph, 0))
    with pytest.raises(ValueError, match="no properties"):
        node_statement("Review", ["id", "title`) DETACH DELETE n //"])


@pytest.mark.skipif(shutil.which("node") is None or not (PARSER / "@neo4j-cypher" / "antlr4").is_dir(),
                    reason="node or @neo4j-cypher/antlr4 not installed (see test_neo4j.py)")
def test_push_statements_parse_with_neo4j_grammar(tmp_path) -> None:
    graph = make_store_graph()
    # the constraints are Neo4j 5 schema commands, which that grammar (openCypher's) does not have
    assert all(s.startswith("CREATE CONSTRAINT rg_") and s.endswith("REQUIRE n.id IS UNIQUE")
               for s in constraint_statements())
    stmts = {*(s for s, _ in node_batches(graph)), *(s for s, _ in edge_batches(graph))}
    files = []
    for i, stmt in enumerate(sorted(stmts)):
        files.append(tmp_path / f"s{i}.cypher")
        files[-1].write_text(stmt)
    ok = subprocess.run(["node", str(ROOT / "tests" / "tools" / "cypher_check.js"), *map(str, files)],
                        env={**os.environ, "NODE_PATH": str(PARSER)}, capture_output=True, text=True,
                        timeout=120)
    assert ok.returncode == 0, ok.stdout + ok.stderr
