"""Neo4j through the official ``neo4j`` driver: push the graph, and run saved Cypher in read transactions.

The push is idempotent: a uniqueness constraint on ``id`` for every node label first, then batches of
``UNWIND $rows AS row MERGE (n:Label {id: row.id}) SET n += row`` per node kind and
``UNWIND $rows AS row MATCH (a:From {id: row.source}) MATCH (b:To {id: row.target})
MERGE (a)-[r:TYPE]->(b) SET r += row.props`` per relationship type and pair of kinds. Labels and types come
from the model, never from input; every value travels as a parameter. ``prune=True`` also removes nodes of
the model's labels that the graph no longer has (after documents were removed from the store).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from reviewgraph.graph.graphdata import ReviewGraph
from reviewgraph.graph.model import NODE_TYPES, RELATIONSHIPS

__all__ = ["constraint_statements", "node_statement", "edge_statement", "node_batches", "edge_batches", "push",
           "connect"]


def constraint_statements() -> list[str]:
    return [f"CREATE CONSTRAINT rg_{kind.lower()}_id IF NOT EXISTS FOR (n:`{kind}`) REQUIRE n.id IS UNIQUE"
            for kind in NODE_TYPES]


def node_statement(kind: str) -> str:
    return f"UNWIND $rows AS row MERGE (n:`{kind}` {{id: row.id}}) SET n += row"


def edge_statement(rel_type: str, src: str, dst: str) -> str:
    return (f"UNWIND $rows AS row MATCH (a:`{src}` {{id: row.source}}) MATCH (b:`{dst}` {{id: row.target}}) "
            f"MERGE (a)-[r:`{rel_type}`]->(b) SET r += row.props")


def _chunks(rows: list[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    for i in range(0, len(rows), size):
        yield rows[i:i + size]


def node_batches(graph: ReviewGraph, size: int = 1000) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """(statement, rows) for every node kind; ``None`` values are left out (Neo4j stores no nulls)."""
    for kind in NODE_TYPES:
        rows = [{k: v for k, v in n.model_dump(mode="json").items() if v is not None}
                for n in sorted(graph.of_kind(kind), key=lambda n: n.id)]
        for chunk in _chunks(rows, size):
            yield node_statement(kind), chunk


def edge_batches(graph: ReviewGraph, size: int = 1000) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    for rel in RELATIONSHIPS.values():
        by_pair: dict[tuple[str, str], list[dict[str, Any]]] = {}
        for e in sorted(graph.edges_of(rel.type), key=lambda e: e.key):
            pair = (graph.nodes[e.source].KIND, graph.nodes[e.target].KIND)
            props = {"doc": e.doc, "line_start": e.line_start, "line_end": e.line_end,
                     **{k: v for k, v in e.props.items() if v is not None}}
            by_pair.setdefault(pair, []).append({"source": e.source, "target": e.target, "props": props})
        for (src, dst), rows in sorted(by_pair.items()):
            for chunk in _chunks(rows, size):
                yield edge_statement(rel.type, src, dst), chunk


def push(driver: Any, graph: ReviewGraph, database: str | None = None, batch: int = 1000,
         prune: bool = False) -> dict[str, int]:
    """Load ``graph`` into Neo4j; returns the rows sent per statement kind (nodes, relationships)."""
    sent = {"nodes": 0, "relationships": 0}
    with driver.session(database=database) as session:
        for stmt in constraint_statements():
            session.run(stmt).consume()
        for stmt, rows in node_batches(graph, batch):
            session.execute_write(lambda tx, s=stmt, r=rows: tx.run(s, rows=r).consume())
            sent["nodes"] += len(rows)
        for stmt, rows in edge_batches(graph, batch):
            session.execute_write(lambda tx, s=stmt, r=rows: tx.run(s, rows=r).consume())
            sent["relationships"] += len(rows)
        if prune:
            for kind in NODE_TYPES:
                ids = sorted(n.id for n in graph.of_kind(kind))
                session.execute_write(lambda tx, k=kind, i=ids: tx.run(
                    f"MATCH (n:`{k}`) WHERE NOT n.id IN $ids DETACH DELETE n", ids=i).consume())
    return sent


def connect(neo4j_uri: str | None = None, neo4j_user: str | None = None, neo4j_password: str | None = None,
            **_: Any) -> Any:
    from neo4j import GraphDatabase

    if not neo4j_uri:
        raise ValueError("Neo4j needs --neo4j-uri (or REVIEWGRAPH_NEO4J_URI), e.g. bolt://localhost:7687")
    auth = (neo4j_user or "neo4j", neo4j_password) if neo4j_password is not None else None
    return GraphDatabase.driver(neo4j_uri, auth=auth)
