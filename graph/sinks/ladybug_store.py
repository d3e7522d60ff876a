"""LadybugDB (``ladybug``, the continuation of Kuzu): the embedded Cypher store.

The schema DDL is derived from the model (:func:`ddl`): one node table per node kind (``id`` the primary
key, every property a column; lists such as ``Agency.aliases`` and ``Theme.alt_labels`` are ``STRING[]``)
and one relationship table per relationship type, with a ``FROM .. TO ..`` pair for each pair of kinds it
joins and columns for provenance and its declared properties. Data is bulk-loaded with ``COPY .. FROM``
Arrow tables (one per node kind, one per relationship type and pair), which stays linear where
``UNWIND .. MERGE`` did not.

The saved Cypher queries are written once for LadybugDB and Neo4j. Two openCypher functions that Neo4j has
and LadybugDB lacks, ``toInteger`` and ``toString``, are defined in every store as macros
(:data:`OPENCYPHER_MACROS`) over LadybugDB's ``CAST``, so that a query can shift a date by whole years
(``actions_date_anomalies``) in the Cypher both engines answer.

Persistent stores live in ``<store>/derived/ladybug/<stamp>/graph.lbug`` and are opened read-only for
queries; :func:`memory_connection` builds one in memory.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import ladybug as lb
import pyarrow as pa

from reviewgraph.graph.graphdata import ReviewGraph
from reviewgraph.graph.model import NODE_TYPES, RELATIONSHIPS
from reviewgraph.graph.sinks import Sink
from reviewgraph.graph.sinks.columns import edge_columns, node_columns
from reviewgraph.graph.sinks.derived import fresh_dir
from reviewgraph.graph.store import Store

__all__ = ["SINK", "VERSION", "OPENCYPHER_MACROS", "ddl", "load", "memory_connection", "db_dir",
           "open_connection", "open_dir", "build_dir"]

VERSION = "ladybug-2"  # 2: the openCypher macros
#: openCypher functions LadybugDB does not have, defined as macros (name, parameter, body). Unlike Neo4j's,
#: they raise on text that is not a number rather than giving null: the saved queries call them on the
#: year of an ISO date only
OPENCYPHER_MACROS = (("toInteger", "value", "CAST(value AS INT64)"),
                     ("toString", "value", "CAST(value AS STRING)"))
DB_FILE = "graph.lbug"
_LB_TYPE = {"str": "STRING", "int": "INT64", "float": "DOUBLE", "bool": "BOOLEAN", "list": "STRING[]"}
_ARROW_TYPE = {"str": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_(),
               "list": pa.list_(pa.string())}


def ddl() -> list[str]:
    """``CREATE NODE TABLE`` and ``CREATE REL TABLE`` statements for the whole model, then ``CREATE MACRO``
    for each of :data:`OPENCYPHER_MACROS`."""
    out = []
    for kind in NODE_TYPES:
        cols = ", ".join(f"`{name}` {_LB_TYPE[k]}" for name, k in node_columns(kind).items())
        out.append(f"CREATE NODE TABLE `{kind}`({cols}, PRIMARY KEY (`id`))")
    for rel in RELATIONSHIPS.values():
        pairs = ", ".join(f"FROM `{s}` TO `{t}`" for s, t in rel.pairs)
        cols = ", ".join(f"`{name}` {_LB_TYPE[k]}" for name, k in edge_columns(rel.type).items())
        out.append(f"CREATE REL TABLE `{rel.type}`({pairs}, {cols})")
    out += [f"CREATE MACRO {name}({param}) AS {body}" for name, param, body in OPENCYPHER_MACROS]
    return out


def _node_table(graph: ReviewGraph, kind: str) -> pa.Table:
    cols = node_columns(kind)
    nodes = [n.model_dump(mode="json") for n in sorted(graph.of_kind(kind), key=lambda n: n.id)]
    return pa.table({name: pa.array([n[name] for n in nodes], type=_ARROW_TYPE[k])
                     for name, k in cols.items()})


def _edge_tables(graph: ReviewGraph, rel_type: str) -> dict[tuple[str, str], pa.Table]:
    cols = edge_columns(rel_type)
    by_pair: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for e in sorted(graph.edges_of(rel_type), key=lambda e: e.key):
        pair = (graph.nodes[e.source].KIND, graph.nodes[e.target].KIND)
        by_pair.setdefault(pair, []).append(
            {"from": e.source, "to": e.target, "doc": e.doc, "line_start": e.line_start,
             "line_end": e.line_end, **e.props})
    out = {}
    for pair, rows in by_pair.items():
        data = {"from": pa.array([r["from"] for r in rows], pa.string()),
                "to": pa.array([r["to"] for r in rows], pa.string())}
        for name, k in cols.items():
            data[name] = pa.array([r.get(name) for r in rows], type=_ARROW_TYPE[k])
        out[pair] = pa.table(data)
    return out


def load(conn: lb.Connection, graph: ReviewGraph) -> None:
    """Create the schema (:func:`ddl`: tables and macros) and bulk-load ``graph`` into an empty database."""
    for stmt in ddl():
        conn.execute(stmt)
    for kind in NODE_TYPES:
        table = _node_table(graph, kind)
        if table.num_rows:
            conn.execute(f"COPY `{kind}` FROM $t", {"t": table})
    for rel in RELATIONSHIPS.values():
        for (src, dst), table in _edge_tables(graph, rel.type).items():
            opts = f" (from='{src}', to='{dst}')" if len(rel.pairs) > 1 else ""
            conn.execute(f"COPY `{rel.type}` FROM $t{opts}", {"t": table})


def memory_connection(graph: ReviewGraph, **db_options: Any) -> lb.Connection:
    """An in-memory LadybugDB holding ``graph`` (``db_options``: ``buffer_pool_size``, ``max_db_size``)."""
    conn = lb.Connection(lb.Database(":memory:", **db_options))
    load(conn, graph)
    return conn


def build_dir(graph: ReviewGraph, directory: Path) -> None:
    """Write a persistent LadybugDB of ``graph`` as ``directory/graph.lbug`` (directory created if missing)."""
    directory.mkdir(parents=True, exist_ok=True)
    db = lb.Database(str(directory / DB_FILE))
    conn = lb.Connection(db)
    load(conn, graph)
    conn.close()
    db.close()


def db_dir(store: Store) -> Path:
    """The directory of the store's current LadybugDB (built first when ``graph.json`` changed)."""
    return fresh_dir(store, "ladybug", VERSION, build_dir)


def open_dir(directory: Path, **db_options: Any) -> lb.Connection:
    """A read-only connection to the LadybugDB built in ``directory`` (:func:`build_dir`).

    ``db_options`` go to ``ladybug.Database``: the query sandbox bounds ``buffer_pool_size`` (by default
    80% of the machine's memory) and ``max_db_size`` (by default a reservation of terabytes of address
    space, which no address-space limit would allow).
    """
    return lb.Connection(lb.Database(str(Path(directory) / DB_FILE), read_only=True, **db_options))


def open_connection(store: Store, **db_options: Any) -> lb.Connection:
    """A read-only connection to the store's LadybugDB (built first when ``graph.json`` changed)."""
    return open_dir(db_dir(store), **db_options)


def counts(conn: lb.Connection) -> dict[str, int]:
    """Rows in every node and relationship table (what re-ingest must leave unchanged)."""
    out = {}
    for kind in NODE_TYPES:
        out[kind] = conn.execute(f"MATCH (n:`{kind}`) RETURN count(n)").get_next()[0]
    for rel in RELATIONSHIPS:
        out[rel] = conn.execute(f"MATCH ()-[r:`{rel}`]->() RETURN count(r)").get_next()[0]
    return out


SINK = Sink(name="ladybug", purpose="LadybugDB, the embedded Cypher database", memory=memory_connection,
            version=VERSION, build=build_dir, open=open_dir)
