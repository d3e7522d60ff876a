"""Neo4j through the official ``neo4j`` driver: push the graph, and run saved Cypher in read transactions.

The push is idempotent: a uniqueness constraint on ``id`` for every node label first, then batches of
``UNWIND $rows AS row MERGE (n:Label {id: row.id}) SET n.p = row.p, ...`` per node kind and
``UNWIND $rows AS row MATCH (a:From {id: row.source}) MATCH (b:To {id: row.target})
MERGE (a)-[r:TYPE]->(b) SET r.p = row.p, ...`` per relationship type and pair of kinds. Labels, types and
property names come from the model (:mod:`reviewgraph.graph.sinks.columns`), never from input; every value
travels as a parameter. A batch's statement sets the properties that some row of the batch has, and every
row carries each of them (null where that node has none: ``SET n.p = null`` removes ``p``, Neo4j stores no
nulls), so the rows of a batch have one shape; a property no node of a batch has is left as it was.
The statements are plain openCypher: the same batches load LadybugDB (without the constraints, which
LadybugDB's primary keys already are), which is how they are tested without a Neo4j server.

Only one batch of rows exists at a time: nodes and relationships are sorted by id (references into the
graph), and each batch's rows are built when it is sent. ``prune=True`` also removes nodes of the model's
labels that the graph no longer has (after documents were removed from the store).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import Any

from reviewgraph.graph.graphdata import ReviewGraph
from reviewgraph.graph.model import NODE_TYPES, RELATIONSHIPS
from reviewgraph.graph.sinks.columns import edge_columns, node_columns

__all__ = ["constraint_statements", "node_statement", "edge_statement", "node_batches", "edge_batches",
           "load_batches", "push", "connect"]

#: the keys of a relationship row that are not properties
_ENDS = ("source", "target")


def constraint_statements() -> list[str]:
    return [f"CREATE CONSTRAINT rg_{kind.lower()}_id IF NOT EXISTS FOR (n:`{kind}`) REQUIRE n.id IS UNIQUE"
            for kind in NODE_TYPES]


def node_statement(kind: str, props: Iterable[str] | None = None) -> str:
    """The MERGE of one node kind setting ``props`` (default: every property of the kind; always the
    model's names, checked)."""
    props = list(node_columns(kind) if props is None else props)
    if unknown := set(props) - set(node_columns(kind)):
        raise ValueError(f"{kind} has no properties {sorted(unknown)}")
    sets = ", ".join(f"n.`{p}` = row.`{p}`" for p in props if p != "id")
    return f"UNWIND $rows AS row MERGE (n:`{kind}` {{id: row.id}})" + (f" SET {sets}" if sets else "")


def edge_statement(rel_type: str, src: str, dst: str, props: Iterable[str] | None = None) -> str:
    cols = list(edge_columns(rel_type) if props is None else props)
    if unknown := set(cols) - set(edge_columns(rel_type)):
        raise ValueError(f"{rel_type} has no properties {sorted(unknown)}")
    if clash := set(cols) & set(_ENDS):
        raise ValueError(f"relationship {rel_type} has a property named like a row's end: {sorted(clash)}")
    sets = ", ".join(f"r.`{p}` = row.`{p}`" for p in cols)
    return (f"UNWIND $rows AS row MATCH (a:`{src}` {{id: row.source}}) MATCH (b:`{dst}` {{id: row.target}}) "
            f"MERGE (a)-[r:`{rel_type}`]->(b)" + (f" SET {sets}" if sets else ""))


def _batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def node_batches(graph: ReviewGraph, size: int = 1000) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """(statement, rows) for every node kind, at most ``size`` rows each, every property of the kind in each
    row (``None`` where the node has none)."""
    if size < 1:
        raise ValueError(f"batch size must be at least 1, not {size}")
    for kind in NODE_TYPES:
        cols = list(node_columns(kind))
        for chunk in _batched(sorted(graph.of_kind(kind), key=lambda n: n.id), size):
            data = [n.model_dump(mode="json") for n in chunk]
            used = [c for c in cols if c == "id" or any(d.get(c) is not None for d in data)]
            yield node_statement(kind, used), [{c: d.get(c) for c in used} for d in data]


def edge_batches(graph: ReviewGraph, size: int = 1000) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """(statement, rows) per relationship type and pair of kinds, at most ``size`` rows each."""
    if size < 1:
        raise ValueError(f"batch size must be at least 1, not {size}")
    nodes = graph.nodes
    for rel in RELATIONSHIPS.values():
        cols = list(edge_columns(rel.type))
        edges = sorted(graph.edges_of(rel.type),
                       key=lambda e: (nodes[e.source].KIND, nodes[e.target].KIND, e.key))
        start = 0
        while start < len(edges):
            pair = (nodes[edges[start].source].KIND, nodes[edges[start].target].KIND)
            end = start
            while end < len(edges) and (nodes[edges[end].source].KIND, nodes[edges[end].target].KIND) == pair:
                end += 1
            for chunk in _batched(islice(edges, start, end), size):
                values = [{"doc": e.doc, "line_start": e.line_start, "line_end": e.line_end, **e.props}
                          for e in chunk]
                used = [c for c in cols if any(v.get(c) is not None for v in values)]
                rows = [{"source": e.source, "target": e.target, **{c: v.get(c) for c in used}}
                        for e, v in zip(chunk, values)]
                yield edge_statement(rel.type, *pair, used), rows
            start = end


def load_batches(run: Callable[[str, list[dict[str, Any]]], None], graph: ReviewGraph,
                 batch: int = 1000) -> dict[str, int]:
    """Send every node batch, then every relationship batch, through ``run(statement, rows)``; the rows sent
    per kind. The engine-neutral part of :func:`push` (constraints and pruning are Neo4j's)."""
    sent = {"nodes": 0, "relationships": 0}
    for stmt, rows in node_batches(graph, batch):
        run(stmt, rows)
        sent["nodes"] += len(rows)
    for stmt, rows in edge_batches(graph, batch):
        run(stmt, rows)
        sent["relationships"] += len(rows)
    return sent


def push(driver: Any, graph: ReviewGraph, database: str | None = None, batch: int = 1000,
         prune: bool = False) -> dict[str, int]:
    """Load ``graph`` into Neo4j; returns the rows sent per statement kind (nodes, relationships)."""
    with driver.session(database=database) as session:
        for stmt in constraint_statements():
            session.run(stmt).consume()

        def run(stmt: str, rows: list[dict[str, Any]]) -> None:
            session.execute_write(lambda tx: tx.run(stmt, rows=rows).consume())

        sent = load_batches(run, graph, batch)
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
