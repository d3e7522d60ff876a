"""The LadybugDB engine reads simple-typed results column by column through Arrow; the values are those a
row-at-a-time read gives (``plain`` of each value), for every column type it reads that way, nulls included,
and results of other types or longer than ``max_rows`` still come a row at a time."""

from __future__ import annotations

from reviewgraph.graph.sinks import ladybug_store
from reviewgraph.queries.engines import LadybugEngine
from reviewgraph.queries.engines.base import plain
from reviewgraph.queries.engines.ladybug_engine import _AS_IS, _VIA_PLAIN
from tests.test_gaps import Plan

QUERY = """
UNWIND [1, 2, 3] AS i
RETURN i AS n, CASE WHEN i = 2 THEN NULL ELSE 'text ' + CAST(i AS STRING) END AS s,
       i = 1 AS flag, CASE WHEN i = 3 THEN NULL ELSE i / 3.0 END AS ratio,
       CASE WHEN i = 3 THEN NULL ELSE date('2021-02-2' + CAST(i AS STRING)) END AS day,
       ['a', CAST(i AS STRING)] AS words, [i, i * 10] AS numbers, CAST(i AS INT32) AS small
ORDER BY n
"""


def _row_at_a_time(conn, text: str) -> list[list]:
    res = conn.execute(text)
    out = []
    while res.has_next():
        out.append([plain(v) for v in res.get_next()])
    return out


def test_columns_give_the_values_rows_give() -> None:
    conn = ladybug_store.memory_connection(Plan().g)
    engine = LadybugEngine(conn)
    assert set(conn.execute(QUERY).get_column_data_types()) <= _AS_IS | _VIA_PLAIN  # the column path
    result = engine.run(QUERY, {})
    assert result.columns == ["n", "s", "flag", "ratio", "day", "words", "numbers", "small"]
    assert result.rows == _row_at_a_time(conn, QUERY)
    assert result.rows[0] == [1, "text 1", True, 0.333333, "2021-02-21", ["a", "1"], [1, 10], 1]
    assert result.rows[2][3:5] == [None, None] and result.rows[1][1] is None


def test_other_types_and_capped_results_come_a_row_at_a_time() -> None:
    conn = ladybug_store.memory_connection(Plan().g)
    engine = LadybugEngine(conn)
    odd = "UNWIND [1, 2] AS i RETURN {k: i} AS m, interval('3 days') AS gap ORDER BY i"
    assert not set(conn.execute(odd).get_column_data_types()) <= _AS_IS | _VIA_PLAIN
    assert engine.run(odd, {}).rows == _row_at_a_time(conn, odd)
    capped = engine.run(QUERY, {}, max_rows=2)
    assert capped.cut_at == 2 and capped.rows == _row_at_a_time(conn, QUERY)[:2]
    assert engine.run("UNWIND [] AS i RETURN i AS n", {}).rows == []
