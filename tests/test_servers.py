"""`reviewgraph serve sparql` and `push sparql` against a real Oxigraph server on 127.0.0.1."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from reviewgraph.app.cli import cli
from reviewgraph.graph.sinks.sparql_endpoint import free_port, graph_store_target, start_server, wait_ready
from reviewgraph.queries.engines import EndpointEngine, bind_values
from tests.stores_data import write_store

ROOT = Path(__file__).resolve().parents[1]
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def test_graph_store_urls() -> None:
    assert graph_store_target("http://127.0.0.1:7878") == "http://127.0.0.1:7878/store?default"
    assert graph_store_target("http://h:1/ds/data", "urn:g") == "http://h:1/ds/data?graph=urn%3Ag"


def test_values_go_into_the_where_group_not_into_strings_or_iris() -> None:
    q = '# a comment {\nPREFIX x: <http://e/a#b>\nSELECT ?a (CONCAT("{", ?a) AS ?b) WHERE { ?a x:p "{" }'
    bound = bind_values(q, {"k": 1})
    assert bound.startswith(q.split("WHERE")[0] + 'WHERE { VALUES (?k) { ("1"^^<')


@pytest.mark.server
def test_serve_sparql_command_answers_queries_and_stops(tmp_path) -> None:
    write_store(tmp_path / "store")
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "reviewgraph.app.cli", "serve", "sparql", "--db", str(tmp_path / "store"),
                             "--port", str(port)], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        banner = proc.stdout.readline().decode()  # printed once the server answers
        assert banner.startswith("SPARQL endpoint: " + url), banner
        wait_ready(url, proc, timeout=60)
        res = CliRunner().invoke(cli, ["query", "run", "review_plan", "--engine", "endpoint", "--endpoint", url,
                                       "--format", "csv", "--param", "review=Ada"])
        assert res.exit_code == 0, res.output
        lines = res.output.splitlines()
        assert lines[0].startswith("review_id,") and len(lines) == 3
        assert all(line.startswith("review:northby/dhr-1,") for line in lines[1:])
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(20)
    with pytest.raises(RuntimeError):  # the server went with the command
        wait_ready(url, timeout=1)


@pytest.mark.server
def test_push_sparql_command_loads_and_replaces(tmp_path) -> None:
    write_store(tmp_path / "store")
    proc, url = start_server(None)
    try:
        runner = CliRunner()
        for _ in range(2):
            res = runner.invoke(cli, ["push", "sparql", "--endpoint", url, "--db", str(tmp_path / "store")])
            assert res.exit_code == 0, res.output
            assert "pushed" in res.output
        from reviewgraph.graph.sinks.oxigraph_store import memory_store
        from tests.stores_data import make_store_graph
        assert EndpointEngine(url).run(COUNT, {}).rows[0][0] == len(memory_store(make_store_graph()))
        res = runner.invoke(cli, ["query", "run", "--file", str(ROOT / "queries" / "sparql" / "successor_chain.rq"),
                                  "--engine", "endpoint", "--endpoint", url, "--format", "csv"])
        assert res.exit_code == 0, res.output
        assert "agency:eastmoor-justice-board" in res.output
    finally:
        proc.terminate()
        proc.wait(10)
