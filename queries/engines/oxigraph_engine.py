"""``sparql``: pyoxigraph, embedded (``<store>/derived/oxigraph/``, or in memory). Parameters go in as RDF
terms in place of their variables where that means the same, else as a ``VALUES`` block
(:mod:`reviewgraph.queries.engines.sparql_terms`)."""

from __future__ import annotations

from typing import Any

from reviewgraph.graph.store import Store
from reviewgraph.queries.engines.base import Engine, Result, capped
from reviewgraph.queries.engines.sparql_terms import bind_terms, bind_values, ox_rows
from reviewgraph.queries.readonly import check

__all__ = ["ENGINE", "OxigraphEngine"]


class OxigraphEngine(Engine):
    name, language = "sparql", "sparql"

    def __init__(self, store: Any) -> None:
        self.store = store

    @classmethod
    def open(cls, store: Store, memory: bool = False, **_: Any) -> OxigraphEngine:
        from reviewgraph.graph.sinks.oxigraph_store import SINK

        return cls(SINK.memory(store.graph()) if memory else SINK.open_current(store))

    @classmethod
    def build(cls, graph: Any, directory: Any) -> None:
        from reviewgraph.graph.sinks.oxigraph_store import SINK

        SINK.build(graph, directory)  # type: ignore[misc]

    def run(self, text: str, params: dict[str, Any], max_rows: int | None = None) -> Result:
        import pyoxigraph as ox

        check(text, "sparql")
        try:
            res = self.store.query(bind_terms(text, params))
        except SyntaxError:  # e.g. a parameter used as a subject: bound by VALUES, the query's own meaning
            res = self.store.query(bind_values(text, params))
        if not isinstance(res, ox.QuerySolutions):
            raise ValueError("only SELECT queries can be saved and run here")
        columns = [v.value for v in res.variables]
        return capped(columns, ox_rows(res), max_rows)


ENGINE = OxigraphEngine
