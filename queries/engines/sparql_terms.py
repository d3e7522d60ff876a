"""SPARQL parameters as RDF terms: :func:`bind_terms` and :func:`bind_values` put a query's parameters in
its text as terms serialised by pyoxigraph (never as spliced strings), and the conversions between Python
values and terms that the SPARQL engines share; :func:`rdflib_local_only` keeps rdflib from leaving the
process."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from reviewgraph.queries.engines.base import XSD, from_lexical
from reviewgraph.queries.readonly import ReadOnlyError

__all__ = ["bind_terms", "bind_values", "ox_plain", "ox_rows", "ox_term", "rdflib_local_only"]


def ox_term(value: Any) -> Any:
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


def ox_plain(term: Any) -> Any:
    import pyoxigraph as ox

    if term is None:
        return None
    if isinstance(term, ox.Literal):
        return from_lexical(term.value, term.datatype.value)
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value


def ox_rows(solutions: Any) -> Iterator[list[Any]]:
    """Each of pyoxigraph's ``QuerySolutions`` as a list of plain values (:func:`ox_plain`), in the order of
    ``solutions.variables``.

    The terms are read by position, and each datatype IRI is read once: indexing a solution by variable
    name, and reading a literal's datatype IRI as a string, cost three times as much as the rest of the
    conversion (an 80,000-row answer at 10,000 reviews spent most of a second there).

    >>> import pyoxigraph as ox
    >>> store = ox.Store()
    >>> two = ox.Literal("2", datatype=ox.NamedNode(XSD + "integer"))
    >>> store.add(ox.Quad(ox.NamedNode("http://e/a"), ox.NamedNode("http://e/p"), two))
    >>> list(ox_rows(store.query("SELECT ?s ?o ?none WHERE { ?s ?p ?o }")))
    [['http://e/a', 2, None]]
    """
    import pyoxigraph as ox

    literal, named = ox.Literal, ox.NamedNode
    string = ox.NamedNode(XSD + "string")
    datatypes: dict[Any, str] = {}

    def plain(term: Any) -> Any:
        if type(term) is literal:
            datatype = term.datatype
            if datatype == string:
                return term.value
            iri = datatypes.get(datatype)
            if iri is None:
                iri = datatypes[datatype] = datatype.value
            return from_lexical(term.value, iri)
        if term is None:
            return None
        if type(term) is named:
            return term.value
        return ox_plain(term)

    for solution in solutions:
        yield [plain(term) for term in solution]


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


def _values_block(params: dict[str, Any]) -> str:
    if not params:
        return ""
    names = " ".join(f"?{k}" for k in params)
    terms = " ".join(str(ox_term(v)) for v in params.values())
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
    spliced = {name: str(ox_term(params[name])) for name, spans in uses.items() if spans and name not in kept}
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
