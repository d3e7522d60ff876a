"""``neo4j``: a Neo4j server through the official driver, saved Cypher run in read transactions."""

from __future__ import annotations

from typing import Any

from reviewgraph.graph.store import Store
from reviewgraph.queries.engines.base import Engine, Result, plain
from reviewgraph.queries.readonly import check

__all__ = ["ENGINE", "Neo4jEngine"]


class Neo4jEngine(Engine):
    name, language = "neo4j", "cypher"

    def __init__(self, driver: Any, database: str | None = None) -> None:
        self.driver, self.database = driver, database

    @classmethod
    def connect(cls, **options: Any) -> Neo4jEngine:
        from reviewgraph.graph.sinks import neo4j_push

        return cls(neo4j_push.connect(**options), options.get("neo4j_database"))

    @classmethod
    def open(cls, store: Store, **options: Any) -> Neo4jEngine:
        return cls.connect(**{k: v for k, v in options.items() if k.startswith("neo4j_")})

    def run(self, text: str, params: dict[str, Any], max_rows: int | None = None) -> Result:
        from neo4j import READ_ACCESS

        check(text, "cypher")
        bound = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in params.items()}

        def work(tx: Any) -> Result:
            res = tx.run(text, bound)
            columns = list(res.keys())
            return Result(columns, [[plain(rec[c]) for c in columns] for rec in res])

        with self.driver.session(database=self.database, default_access_mode=READ_ACCESS) as session:
            result = session.execute_read(work)
        if max_rows is not None and len(result.rows) > max_rows:
            return Result(result.columns, result.rows[:max_rows], cut_at=max_rows)
        return result

    def close(self) -> None:
        self.driver.close()


ENGINE = Neo4jEngine
