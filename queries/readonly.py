"""Read-only enforcement for the query commands.

The text is stripped of comments, string literals, IRIs, parameters, variables and property or prefixed
names, so that a keyword inside a value (``"please DELETE this"``) or a name (``n.set``, ``?add``) does not
trip the check; what is left is searched for write clauses. The engines add a second guard where they can
(LadybugDB and pyoxigraph stores opened read-only, Neo4j read transactions, SPARQL sent as a query, never
as an update). A SPARQL ``SERVICE`` clause (a federated query) is refused too: the engines would send the
query, with values from the store, to whatever endpoint it names.

>>> check("MATCH (n:Agency) WHERE n.name CONTAINS 'SET' RETURN n.name", "cypher")
>>> check("MATCH (n:Agency) DETACH DELETE n", "cypher")  # doctest: +IGNORE_EXCEPTION_DETAIL
Traceback (most recent call last):
...
queries.readonly.ReadOnlyError: refused: this Cypher query writes (DELETE, DETACH); the query commands are read-only
"""

from __future__ import annotations

import re

__all__ = ["ReadOnlyError", "check", "CYPHER_WRITES", "SPARQL_WRITES"]

CYPHER_WRITES = ("CREATE", "MERGE", "DELETE", "DETACH", "SET", "REMOVE", "DROP", "LOAD CSV", "FOREACH",
                 "COPY", "ALTER", "INSTALL", "LOAD", "ATTACH", "IMPORT", "EXPORT", "CALL")
SPARQL_WRITES = ("INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH")


class ReadOnlyError(ValueError):
    """A query that would change the store."""


_CYPHER_STRIP = [
    r"//[^\n]*", r"/\*.*?\*/",
    r"'(?:[^'\\]|\\.)*'", r'"(?:[^"\\]|\\.)*"', r"`[^`]*`",
    r"\$\w+", r"\.\s*\w+", r":\s*\w+", r"(?i)\bAS\s+\w+",
]
_SPARQL_STRIP = [
    r'"""(?:[^"\\]|\\.|"(?!""))*"""', r"'''(?:[^'\\]|\\.|'(?!''))*'''",
    r'"(?:[^"\\\n]|\\.)*"', r"'(?:[^'\\\n]|\\.)*'",
    r"<[^<>\s]*>", r"#[^\n]*", r"[?$]\w+", r"[\w.-]*:[\w.%-]*", r"@[\w-]+",
]


def _strip(text: str, patterns: list[str]) -> str:
    for pat in patterns:
        text = re.sub(pat, " ", text, flags=re.DOTALL)
    return text


def check(text: str, language: str) -> None:
    """Raise :class:`ReadOnlyError` when ``text`` (a Cypher or SPARQL query) contains a write clause."""
    if language == "cypher":
        bare, words, label = _strip(text, _CYPHER_STRIP), CYPHER_WRITES, "Cypher query"
    elif language == "sparql":
        bare, words, label = _strip(text, _SPARQL_STRIP), SPARQL_WRITES, "SPARQL request (an update)"
    else:
        raise ValueError(f"unknown query language {language!r}")
    if language == "sparql" and re.search(r"\bSERVICE\b", bare, re.IGNORECASE):
        raise ReadOnlyError("refused: this SPARQL query calls another endpoint (SERVICE), which would send "
                            "the query and the store's data off this machine; query the store itself")
    found = [w for w in words if re.search(r"\b" + w.replace(" ", r"\s+") + r"\b", bare, re.IGNORECASE)]
    if found:
        found = [w for w in found if not (w == "LOAD" and "LOAD CSV" in found)]
        raise ReadOnlyError(f"refused: this {label} writes ({', '.join(found)}); the query commands are "
                            "read-only")
