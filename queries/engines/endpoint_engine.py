"""``endpoint``: any SPARQL 1.1 endpoint over HTTP, parameters sent as a ``VALUES`` block of RDF terms
serialised by pyoxigraph (:func:`reviewgraph.queries.engines.sparql_terms.bind_values`)."""

from __future__ import annotations

import json
import urllib.parse
import urllib.request
from typing import Any

from reviewgraph.graph.sinks.sparql_endpoint import endpoint_urls
from reviewgraph.graph.store import Store
from reviewgraph.queries.engines.base import Engine, Result, capped, from_lexical
from reviewgraph.queries.engines.sparql_terms import bind_values
from reviewgraph.queries.readonly import check

__all__ = ["ENGINE", "EndpointEngine"]


class EndpointEngine(Engine):
    name, language = "endpoint", "sparql"

    def __init__(self, url: str, timeout: float = 120.0) -> None:
        self.query_url, _ = endpoint_urls(url)
        self.timeout = timeout

    @classmethod
    def open(cls, store: Store, endpoint: str | None = None, **_: Any) -> EndpointEngine:
        if not endpoint:
            raise ValueError("--engine endpoint needs --endpoint URL (e.g. http://127.0.0.1:7878)")
        return cls(endpoint)

    def run(self, text: str, params: dict[str, Any], max_rows: int | None = None) -> Result:
        check(text, "sparql")
        body = urllib.parse.urlencode({"query": bind_values(text, params)}).encode()
        req = urllib.request.Request(self.query_url, data=body, method="POST", headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Accept": "application/sparql-results+json"})
        with urllib.request.urlopen(req, timeout=self.timeout) as resp:  # noqa: S310 (user-given endpoint)
            data = json.loads(resp.read().decode("utf-8"))
        columns = list(data["head"].get("vars", []))
        rows = []
        for binding in data["results"]["bindings"]:
            row = []
            for c in columns:
                term = binding.get(c)
                if term is None:
                    row.append(None)
                elif term["type"] == "literal":
                    row.append(from_lexical(term["value"], term.get("datatype")))
                elif term["type"] == "bnode":
                    row.append(f"_:{term['value']}")
                else:
                    row.append(term["value"])
            rows.append(row)
        return capped(columns, iter(rows), max_rows)


ENGINE = EndpointEngine
