"""``cypher``: LadybugDB, embedded (``<store>/derived/ladybug/``, opened read-only, or built in memory);
parameters go to the driver."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from reviewgraph.graph.store import Store
from reviewgraph.queries.engines.base import Engine, Result, plain
from reviewgraph.queries.readonly import check

if TYPE_CHECKING:
    import ladybug as lb

__all__ = ["ENGINE", "LadybugEngine"]


class LadybugEngine(Engine):
    name, language = "cypher", "cypher"

    def __init__(self, conn: lb.Connection) -> None:
        self.conn = conn

    @classmethod
    def open(cls, store: Store, memory: bool = False, **_: Any) -> LadybugEngine:
        from reviewgraph.graph.sinks.ladybug_store import SINK

        return cls(SINK.memory(store.graph()) if memory else SINK.open_current(store))

    @classmethod
    def build(cls, graph: Any, directory: Any) -> None:
        from reviewgraph.graph.sinks.ladybug_store import SINK

        SINK.build(graph, directory)  # type: ignore[misc]

    def run(self, text: str, params: dict[str, Any], max_rows: int | None = None) -> Result:
        """Rows of ``text`` (read-only checked); at most ``max_rows`` fetched, ``cut_at`` set when more."""
        check(text, "cypher")
        bound = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in params.items()}
        res = self.conn.execute(text, bound)
        if isinstance(res, list):
            res = res[-1]
        columns = list(res.get_column_names())
        rows = []
        while res.has_next():
            if max_rows is not None and len(rows) >= max_rows:
                return Result(columns, rows, cut_at=max_rows)
            rows.append([plain(v) for v in res.get_next()])
        return Result(columns, rows)

    def close(self) -> None:
        self.conn.close()


ENGINE = LadybugEngine
