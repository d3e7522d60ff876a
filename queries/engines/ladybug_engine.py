"""``cypher``: LadybugDB, embedded (``<store>/derived/ladybug/``, opened read-only, or built in memory);
parameters go to the driver.

Rows are read column by column through Arrow when every column is of a simple type (strings, integers,
booleans, doubles, dates, lists of strings or integers), with Python's cycle collector paused while the
rows are made; it gives the same values (``plain`` still rounds the doubles and writes the dates as ISO
text) several times quicker than asking for one row at a time (``review_plan`` at 10,000 reviews, 117,000
rows: see docs/performance.md). Any other column (a node, a map, an interval), or a result longer than
``max_rows``, is read a row at a time as before.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from reviewgraph.graph.store import Store
from reviewgraph.queries.engines.base import Engine, Result, plain
from reviewgraph.queries.readonly import check

if TYPE_CHECKING:
    import ladybug as lb

__all__ = ["ENGINE", "LadybugEngine"]

#: column types whose values come out of Arrow exactly as ``plain`` would leave them
_AS_IS = frozenset({"STRING", "BOOL", "INT64", "INT32", "INT16", "INT8", "UINT64", "UINT32", "UINT16", "UINT8",
                    "SERIAL"})
#: column types read through Arrow and then through ``plain`` (doubles rounded, dates as ISO text, lists)
_VIA_PLAIN = frozenset({"DOUBLE", "DATE", "STRING[]", "INT64[]"})


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
        types = res.get_column_data_types()
        if all(t in _AS_IS or t in _VIA_PLAIN for t in types) and (
                max_rows is None or res.get_num_tuples() <= max_rows):
            return Result(columns, _by_columns(res, types))
        rows = []
        while res.has_next():
            if max_rows is not None and len(rows) >= max_rows:
                return Result(columns, rows, cut_at=max_rows)
            rows.append([plain(v) for v in res.get_next()])
        return Result(columns, rows)

    def close(self) -> None:
        self.conn.close()


def _by_columns(res: lb.QueryResult, types: list[str]) -> list[list[Any]]:
    """Every row of ``res``, read as one Arrow table and turned into plain values column by column."""
    if not res.get_num_tuples():
        return []
    table = res.get_as_arrow(0)  # 0: the whole result as one chunk
    with _collector_paused():
        columns = [values if kind in _AS_IS else [plain(v) for v in values]
                   for values, kind in ((col.to_pylist(), kind) for col, kind in zip(table.columns, types))]
        return [list(row) for row in zip(*columns)]


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector paused while the rows are made: they are lists of plain values, which no
    cycle can hold, but each few hundred of them set off a pass over every object the process holds (at
    117,000 rows of eight columns the passes took three to five times as long as making the rows)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


ENGINE = LadybugEngine
