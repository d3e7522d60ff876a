"""``rdflib``: rdflib's own SPARQL engine over an in-memory graph (benchmarks, comparison), kept from
leaving the process (:func:`reviewgraph.queries.engines.sparql_terms.rdflib_local_only`)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from reviewgraph.graph.store import Store
from reviewgraph.queries.engines.base import XSD, Engine, Result, capped, from_lexical
from reviewgraph.queries.engines.sparql_terms import ox_term, rdflib_local_only
from reviewgraph.queries.readonly import check

__all__ = ["ENGINE", "RdflibEngine"]


class RdflibEngine(Engine):
    name, language = "rdflib", "sparql"

    def __init__(self, graph: Any) -> None:
        self.graph = graph
        rdflib_local_only()

    @classmethod
    def open(cls, store: Store, **_: Any) -> RdflibEngine:
        from reviewgraph.graph.sinks.rdf import SINK

        return cls(SINK.memory(store.graph()))

    def run(self, text: str, params: dict[str, Any], max_rows: int | None = None) -> Result:
        from rdflib import Literal, URIRef, Variable

        check(text, "sparql")
        bindings = {}
        for k, v in params.items():
            t = ox_term(v)
            dtype = t.datatype.value
            bindings[Variable(k)] = Literal(t.value, datatype=None if dtype == XSD + "string" else URIRef(dtype))
        res = self.graph.query(text, initBindings=bindings)
        columns = [str(v) for v in res.vars]

        def rows() -> Iterator[list[Any]]:
            for row in res:
                out = []
                for term in row:
                    if term is None:
                        out.append(None)
                    elif isinstance(term, Literal):
                        out.append(from_lexical(str(term), str(term.datatype) if term.datatype else None))
                    else:
                        out.append(str(term))
                yield out
        return capped(columns, rows(), max_rows)


ENGINE = RdflibEngine
