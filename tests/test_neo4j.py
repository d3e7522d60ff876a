"""Neo4j: the push statements, the saved Cypher in Neo4j's own grammar, and (with a server) push and queries.

Tests needing a Neo4j server run only when REVIEWGRAPH_NEO4J_URI is set (with REVIEWGRAPH_NEO4J_USER and
REVIEWGRAPH_NEO4J_PASSWORD); the same saved Cypher runs on LadybugDB in every run (test_saved_queries.py).
The grammar check needs node and npm's @neo4j-cypher/antlr4:
``npm install --prefix .cache/cypher-parser @neo4j-cypher/antlr4@1.0.0``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from reviewgraph.graph.model import NODE_TYPES
from reviewgraph.graph.sinks import ladybug_store
from reviewgraph.queries.engines import LadybugEngine, Neo4jEngine
from reviewgraph.graph.sinks.neo4j_push import constraint_statements, edge_batches, node_batches
from reviewgraph.queries.readonly import check
from reviewgraph.queries.saved import saved_queries
from tests.stores_data import make_store_graph

ROOT = Path(__file__).resolve().parents[1]
PARSER = Path(os.environ.get("REVIEWGRAPH_CYPHER_PARSER", ROOT / ".cache" / "cypher-parser" / "node_modules"))
NEO4J_URI = os.environ.get("REVIEWGRAPH_NEO4J_URI")
CYPHER = {q.name: q for q in saved_queries("cypher")}
PARAMS = {"as_of": "2024-01-01", "min_reviews": "1"}


def test_push_batches_cover_every_node_and_relationship() -> None:
    g = make_store_graph()
    nodes = [row["id"] for _, rows in node_batches(g, size=3) for row in rows]
    assert sorted(nodes) == sorted(g.nodes) and all(len(rows) <= 3 for _, rows in node_batches(g, size=3))
    edges = [(r["source"], stmt.split("[r:`")[1].split("`")[0], r["target"])
             for stmt, rows in edge_batches(g) for r in rows]
    assert sorted(edges) == sorted(g.edges)
    assert len(constraint_statements()) == len(NODE_TYPES)
    for stmt, rows in [*node_batches(g), *edge_batches(g)]:
        assert "$rows" in stmt and "MERGE" in stmt
        # null only where a property the batch sets is absent from that node (SET n.p = null removes it)
        assert all(any(r[k] is not None for r in rows) for k in rows[0])


@pytest.mark.skipif(shutil.which("node") is None or not (PARSER / "@neo4j-cypher" / "antlr4").is_dir(),
                    reason=f"node or @neo4j-cypher/antlr4 not installed (npm install --prefix "
                           f"{PARSER.parent} @neo4j-cypher/antlr4@1.0.0)")
def test_saved_cypher_parses_with_neo4j_grammar(tmp_path) -> None:
    files = [ROOT / q.path for q in CYPHER.values()]
    script = ROOT / "tests" / "tools" / "cypher_check.js"
    ok = subprocess.run(["node", str(script), *map(str, files)], env={**os.environ, "NODE_PATH": str(PARSER)},
                        capture_output=True, text=True, timeout=120)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    broken = tmp_path / "broken.cypher"
    broken.write_text("MATCH (n:Review) RETURN n.id ORDER BY n.id LIMT 3")
    bad = subprocess.run(["node", str(script), str(broken)], env={**os.environ, "NODE_PATH": str(PARSER)},
                         capture_output=True, text=True, timeout=120)
    assert bad.returncode == 1 and "LIMT" in bad.stdout


@pytest.fixture(scope="module")
def neo4j_driver():
    if not NEO4J_URI:
        pytest.skip("REVIEWGRAPH_NEO4J_URI is not set (no Neo4j server to test against)")
    from reviewgraph.graph.sinks.neo4j_push import connect
    driver = connect(neo4j_uri=NEO4J_URI, neo4j_user=os.environ.get("REVIEWGRAPH_NEO4J_USER", "neo4j"),
                     neo4j_password=os.environ.get("REVIEWGRAPH_NEO4J_PASSWORD"))
    yield driver
    driver.close()


@pytest.mark.neo4j
def test_neo4j_push_is_idempotent_and_answers_like_ladybug(neo4j_driver) -> None:
    from reviewgraph.graph.sinks.neo4j_push import push
    database = os.environ.get("REVIEWGRAPH_NEO4J_DATABASE")
    g = make_store_graph()
    push(neo4j_driver, g, database=database, prune=True)
    engine = Neo4jEngine(neo4j_driver, database)
    count_nodes = "MATCH (n) WHERE n.id IS NOT NULL RETURN count(n) AS n"
    first = engine.run(count_nodes, {}).rows
    push(neo4j_driver, g, database=database)
    assert engine.run(count_nodes, {}).rows == first
    lb = LadybugEngine(ladybug_store.memory_connection(g))
    for name, q in CYPHER.items():
        params = q.coerce({k: v for k, v in PARAMS.items() if k in {p.name for p in q.params}})
        a, b = engine.run(q.text, params), lb.run(q.text, params)
        assert a.columns == b.columns and sorted(map(repr, a.rows)) == sorted(map(repr, b.rows)), name


def test_neo4j_engine_refuses_writes_before_connecting() -> None:
    engine = Neo4jEngine(driver=None)
    with pytest.raises(ValueError, match="read-only"):
        engine.run("MATCH (n:Review) SET n.title = 'x'", {})
    check(CYPHER["review_plan"].text, "cypher")
