"""Query engines behind one interface: ``engine.run(text, params) -> Result``.

=========  ========  ==================================================================================
name       language  what answers
=========  ========  ==================================================================================
cypher     cypher    LadybugDB, embedded (``<store>/derived/ladybug/``, or in memory)
neo4j      cypher    a Neo4j server through the official driver (read transactions)
sparql     sparql    pyoxigraph, embedded (``<store>/derived/oxigraph/``, or in memory)
endpoint   sparql    any SPARQL 1.1 endpoint over HTTP (parameters sent as a ``VALUES`` block)
rdflib     sparql    rdflib's own SPARQL engine over an in-memory graph (benchmarks, comparison)
=========  ========  ==================================================================================

Parameters are bound, never spliced into the text as strings: Cypher parameters go to the driver,
rdflib gets ``initBindings``, an endpoint a ``VALUES`` block of RDF terms serialised by pyoxigraph
(:func:`bind_values`; pyoxigraph's own ``substitutions`` only bind projected variables), and embedded
pyoxigraph the same terms in place of the variables where that means the same (:func:`bind_terms`: its
planner then filters on a parameter early), else the ``VALUES`` block. Every engine returns plain values
(str, int, float, bool, None; floats rounded to 6 places), so the same query answers with the same rows
whichever engine ran it.
"""

from __future__ import annotations

import datetime as dt
import decimal
import json
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from reviewgraph.graph.sinks.sparql_endpoint import endpoint_urls
from reviewgraph.graph.store import Store
from reviewgraph.queries.readonly import ReadOnlyError, check

if TYPE_CHECKING:
    import ladybug as lb

__all__ = ["Result", "Engine", "ENGINES", "LANGUAGE_OF", "make_engine", "plain", "OxigraphEngine",
           "RdflibEngine", "EndpointEngine", "LadybugEngine", "Neo4jEngine", "bind_values", "bind_terms", "rdflib_local_only"]

XSD = "http://www.w3.org/2001/XMLSchema#"
_INTS = {XSD + t for t in ("integer", "int", "long", "short", "byte", "nonNegativeInteger",
                           "positiveInteger", "unsignedInt", "unsignedLong", "negativeInteger",
                           "nonPositiveInteger")}
_FLOATS = {XSD + t for t in ("double", "float", "decimal")}


@dataclass
class Result:
    columns: list[str]
    rows: list[list[Any]]
    #: the row cap when the query had more rows than it (``rows`` then holds the first ``cut_at``)
    cut_at: int | None = None

    def records(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


class Engine(Protocol):
    name: str
    language: str

    def run(self, text: str, params: dict[str, Any]) -> Result: ...


def plain(value: Any) -> Any:
    """A plain Python value (what CSV and JSON output and the cross-engine comparison use)."""
    if isinstance(value, bool) or value is None or isinstance(value, (int, str)):
        return value
    if isinstance(value, float):
        return round(value, 6)
    if isinstance(value, decimal.Decimal):
        return int(value) if value == value.to_integral_value() else round(float(value), 6)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    iso = getattr(value, "iso_format", None)  # neo4j.time types
    if callable(iso):
        return iso()
    return str(value)


def _from_lexical(lexical: str, datatype: str | None) -> Any:
    if datatype in _INTS:
        return int(lexical)
    if datatype in _FLOATS:
        return round(float(lexical), 6)
    if datatype == XSD + "boolean":
        return lexical.strip() in ("true", "1")
    return lexical


# -- SPARQL --------------------------------------------------------------------------------------------------
def _ox_term(value: Any) -> Any:
    import pyoxigraph as ox

    if isinstance(value, bool):
        return ox.Literal("true" if value else "false", datatype=ox.NamedNode(XSD + "boolean"))
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=ox.NamedNode(XSD + "integer"))
    if isinstance(value, float):
        return ox.Literal(repr(value), datatype=ox.NamedNode(XSD + "double"))
    if isinstance(value, dt.date):
        return ox.Literal(value.isoformat(), datatype=ox.NamedNode(XSD + "date"))
    return ox.Literal(str(value))


def _ox_plain(term: Any) -> Any:
    import pyoxigraph as ox

    if term is None:
        return None
    if isinstance(term, ox.Literal):
        return _from_lexical(term.value, term.datatype.value)
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value


class OxigraphEngine:
    name, language = "sparql", "sparql"

    def __init__(self, store: Any) -> None:
        self.store = store

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
        return _capped(columns, ([_ox_plain(sol[c]) for c in columns] for sol in res), max_rows)


def _capped(columns: list[str], rows: Iterator[list[Any]], max_rows: int | None) -> Result:
    """A Result of at most ``max_rows`` rows from ``rows`` (read lazily; ``cut_at`` set when there were more)."""
    out: list[list[Any]] = []
    for row in rows:
        if max_rows is not None and len(out) >= max_rows:
            return Result(columns, out, cut_at=max_rows)
        out.append(row)
    return Result(columns, out)


def _refuse_service(ctx: Any, part: Any) -> Any:
    """rdflib custom evaluation: a ``SERVICE`` pattern is refused instead of sent over HTTP."""
    if getattr(part, "name", None) == "ServiceGraphPattern":
        raise ReadOnlyError("refused: this SPARQL query calls another endpoint (SERVICE); rdflib here never "
                            "sends a query off this machine")
    raise NotImplementedError


def rdflib_local_only() -> None:
    """Switch off rdflib's two ways out of the process: ``SERVICE`` (an HTTP request, refused by a custom
    evaluation) and ``FROM``/``FROM NAMED`` (a graph fetched from the web or the disk:
    ``SPARQL_LOAD_GRAPHS = False``). Process-wide, and idempotent."""
    import rdflib.plugins.sparql as rdflib_sparql

    rdflib_sparql.SPARQL_LOAD_GRAPHS = False
    rdflib_sparql.CUSTOM_EVALS["reviewgraph-refuse-service"] = _refuse_service


class RdflibEngine:
    name, language = "rdflib", "sparql"

    def __init__(self, graph: Any) -> None:
        self.graph = graph
        rdflib_local_only()

    def run(self, text: str, params: dict[str, Any], max_rows: int | None = None) -> Result:
        from rdflib import Literal, URIRef, Variable

        check(text, "sparql")
        bindings = {}
        for k, v in params.items():
            t = _ox_term(v)
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
                        out.append(_from_lexical(str(term), str(term.datatype) if term.datatype else None))
                    else:
                        out.append(str(term))
                yield out
        return _capped(columns, rows(), max_rows)


def _values_block(params: dict[str, Any]) -> str:
    if not params:
        return ""
    names = " ".join(f"?{k}" for k in params)
    terms = " ".join(str(_ox_term(v)) for v in params.values())
    return f" VALUES ({names}) {{ ({terms}) }} "


_NAME_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")


def _tokens(text: str) -> Iterator[tuple[str, int, int]]:
    """The braces, variables and words of a SPARQL text as ``(token, start, end)``, outside comments,
    strings and IRIs. A variable is ``("?", start, end)`` (its name is ``text[start + 1:end]``), a word
    ``("w", start, end)``, a brace ``("{", i, i + 1)`` or ``("}", i, i + 1)``."""
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "#":
            while i < n and text[i] != "\n":
                i += 1
        elif c in "\"'":
            quote = text[i:i + 3] if text[i:i + 3] in ('"""', "'''") else c
            i += len(quote)
            while i < n and text[i:i + len(quote)] != quote:
                i += 2 if text[i] == "\\" else 1
            i += len(quote) - 1
        elif c == "<":
            j = i + 1
            while j < n and text[j] not in "<>\"{}|^`\\ \t\n":
                j += 1
            if j < n and text[j] == ">":
                i = j
        elif c in "{}":
            yield c, i, i + 1
        elif c in "?$" and i + 1 < n and (text[i + 1] in _NAME_CHARS or ord(text[i + 1]) > 127):
            j = i + 1
            while j < n and (text[j] in _NAME_CHARS or ord(text[j]) > 127):
                j += 1
            yield "?", i, j
            i = j - 1
        elif c.isalpha() and (i == 0 or text[i - 1] not in _NAME_CHARS | {":", "-", "."}):
            j = i + 1
            while j < n and (text[j] in _NAME_CHARS or text[j] in ":-."):
                j += 1
            yield "w", i, j
            i = j - 1
        i += 1


def _first_group_brace(text: str) -> int:
    """Index of the first ``{`` outside comments, strings and IRIs (the start of the WHERE group)."""
    for kind, start, _ in _tokens(text):
        if kind == "{":
            return start
    raise ValueError("no group pattern ({ ... }) in the query")


def bind_terms(text: str, params: dict[str, Any]) -> str:
    """The query with each parameter written in place of its variable, as the RDF term serialised by
    pyoxigraph, where that means the same as :func:`bind_values`; the other parameters by ``VALUES``.

    A parameter is written in place when every use of it is in the WHERE group itself: its triple
    patterns, ``FILTER`` and ``BIND`` expressions and the ``EXISTS`` patterns of its filters (which see the
    group's bindings). A use in a nested group, ``OPTIONAL``, ``MINUS``, ``UNION`` branch or sub-``SELECT``
    (where a ``VALUES`` block opening the WHERE group is not in scope), or outside the WHERE group
    (projection, ``GROUP BY``, ``ORDER BY``, ``HAVING``), keeps the parameter in the ``VALUES`` block.
    Oxigraph's planner then sees a constant: a filter on a parameter is applied where its other
    variables are bound, not after the whole pattern is joined with the ``VALUES`` table.

    >>> print(bind_terms('SELECT ?n WHERE { ?x ?p ?n FILTER(?n = ?k) }', {"k": 'say "hi" }'}))
    SELECT ?n WHERE { ?x ?p ?n FILTER(?n = "say \\"hi\\" }") }
    >>> print(bind_terms('SELECT ?n WHERE { ?x ?p ?n OPTIONAL { ?x ?q ?k } }', {"k": 2}))
    SELECT ?n WHERE { VALUES (?k) { ("2"^^<http://www.w3.org/2001/XMLSchema#integer>) }  ?x ?p ?n OPTIONAL { ?x ?q ?k } }
    """
    if not params:
        return text
    uses: dict[str, list[tuple[int, int]]] = {name: [] for name in params}
    kept: set[str] = set()
    stack: list[bool] = []  # one entry per open brace: True for the WHERE group and EXISTS patterns
    previous = ""
    for kind, start, end in _tokens(text):
        if kind == "{":
            stack.append(not stack or (previous.upper() == "EXISTS" and all(stack)))
        elif kind == "}":
            if stack:
                stack.pop()
        elif kind == "?":
            name = text[start + 1:end]
            if name in uses:
                if stack and all(stack):
                    uses[name].append((start, end))
                else:
                    kept.add(name)
        previous = text[start:end] if kind == "w" else kind
    spliced = {name: str(_ox_term(params[name])) for name, spans in uses.items() if spans and name not in kept}
    out, last = [], 0
    for start, end, name in sorted((s, e, n) for n in spliced for s, e in uses[n]):
        out += [text[last:start], spliced[name]]
        last = end
    text = "".join(out) + text[last:]
    return bind_values(text, {k: v for k, v in params.items() if k not in spliced})


def bind_values(text: str, params: dict[str, Any]) -> str:
    """The query with its parameters bound by a ``VALUES`` block opening the WHERE group.

    The values are RDF terms serialised by pyoxigraph (quotes and escapes done by the RDF library), so a
    value can never change the query's structure. A parameter is therefore in scope in the outermost group
    (its patterns, ``FILTER`` and ``BIND``), not inside a sub-``SELECT``; saved queries are written so.

    >>> print(bind_values("SELECT ?n WHERE { ?x ?p ?n FILTER(?n = ?k) }", {"k": 'say "hi" }'}))
    SELECT ?n WHERE { VALUES (?k) { ("say \\"hi\\" }") }  ?x ?p ?n FILTER(?n = ?k) }
    """
    if not params:
        return text
    at = _first_group_brace(text) + 1
    return text[:at] + _values_block(params) + text[at:]


class EndpointEngine:
    name, language = "endpoint", "sparql"

    def __init__(self, url: str, timeout: float = 120.0) -> None:
        self.query_url, _ = endpoint_urls(url)
        self.timeout = timeout

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
                    row.append(_from_lexical(term["value"], term.get("datatype")))
                elif term["type"] == "bnode":
                    row.append(f"_:{term['value']}")
                else:
                    row.append(term["value"])
            rows.append(row)
        return _capped(columns, iter(rows), max_rows)


# -- Cypher --------------------------------------------------------------------------------------------------
class LadybugEngine:
    name, language = "cypher", "cypher"

    def __init__(self, conn: lb.Connection) -> None:
        self.conn = conn

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


class Neo4jEngine:
    name, language = "neo4j", "cypher"

    def __init__(self, driver: Any, database: str | None = None) -> None:
        self.driver, self.database = driver, database

    @classmethod
    def connect(cls, **options: Any) -> Neo4jEngine:
        from reviewgraph.graph.sinks import neo4j_push

        return cls(neo4j_push.connect(**options), options.get("neo4j_database"))

    def run(self, text: str, params: dict[str, Any]) -> Result:
        from neo4j import READ_ACCESS

        check(text, "cypher")
        bound = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in params.items()}

        def work(tx: Any) -> Result:
            res = tx.run(text, bound)
            columns = list(res.keys())
            return Result(columns, [[plain(rec[c]) for c in columns] for rec in res])

        with self.driver.session(database=self.database, default_access_mode=READ_ACCESS) as session:
            return session.execute_read(work)


# -- the registry --------------------------------------------------------------------------------------------
def _sparql(store: Store, memory: bool = False, **_: Any) -> Engine:
    from reviewgraph.graph.sinks import oxigraph_store

    if memory:
        return OxigraphEngine(oxigraph_store.memory_store(store.graph()))
    return OxigraphEngine(oxigraph_store.open_store(store))


def _rdflib(store: Store, **_: Any) -> Engine:
    from reviewgraph.graph.sinks.rdf import to_rdflib

    return RdflibEngine(to_rdflib(store.graph()))


def _endpoint(store: Store, endpoint: str | None = None, **_: Any) -> Engine:
    if not endpoint:
        raise ValueError("--engine endpoint needs --endpoint URL (e.g. http://127.0.0.1:7878)")
    return EndpointEngine(endpoint)


def _cypher(store: Store, memory: bool = False, **_: Any) -> Engine:
    from reviewgraph.graph.sinks import ladybug_store

    if memory:
        return LadybugEngine(ladybug_store.memory_connection(store.graph()))
    return LadybugEngine(ladybug_store.open_connection(store))


def _neo4j(store: Store, **options: Any) -> Engine:
    return Neo4jEngine.connect(**{k: v for k, v in options.items() if k.startswith("neo4j_")})


ENGINES: dict[str, Callable[..., Engine]] = {
    "cypher": _cypher, "neo4j": _neo4j, "sparql": _sparql, "endpoint": _endpoint, "rdflib": _rdflib,
}
LANGUAGE_OF = {"cypher": "cypher", "neo4j": "cypher", "sparql": "sparql", "endpoint": "sparql",
               "rdflib": "sparql"}


def make_engine(name: str, store: Store, **options: Any) -> Engine:
    """The engine ``name`` over ``store`` (options: memory, endpoint, neo4j_uri, neo4j_user, ...)."""
    if name not in ENGINES:
        raise ValueError(f"unknown engine {name!r}; known: {', '.join(ENGINES)}")
    return ENGINES[name](store, **options)
