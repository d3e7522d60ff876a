"""What an ad-hoc query may be: one read-only statement, decided by a lexer (Cypher) or a parser (SPARQL).

**Cypher** is split into tokens by :func:`cypher_tokens` (strings with their backslash escapes, backtick
names with doubled backticks, ``//`` and ``/* */`` comments, parameters, numbers, names and punctuation;
any other character outside a string or a comment is refused, so no look-alike space or dash can hide a
word). The statement must then be one statement that starts with a read clause (``MATCH``, ``OPTIONAL
MATCH``, ``UNWIND``, ``WITH``, ``RETURN``), and no keyword in :data:`CYPHER_WRITES` (the clauses that
write, call procedures, load or copy files, install or load extensions, attach databases, import or
export, in LadybugDB, Kuzu, openCypher and Neo4j) may stand anywhere as a word: in any case, at any
depth, inside ``EXISTS { }`` or ``COUNT { }`` too. A word is not a keyword when it is a string, a comment,
a backtick name, a parameter (``$name``), a property (``n.set``), a label or type (``:Set``), a map key
(``{delete: 1}``) or an alias (``AS merge``).

**SPARQL** is parsed by rdflib's SPARQL 1.1 grammar (``\\uXXXX`` escapes expanded first, as the
specification says) and must be a query (``SELECT``, ``ASK``, ``CONSTRUCT``, ``DESCRIBE``), never an update,
with no ``SERVICE`` (a federated query, which would send the query and the store's data to another
machine) and no ``FROM`` / ``FROM NAMED`` (rdflib would fetch those graphs from the web or the disk)
anywhere in its parse tree. A lexer over the escape-expanded text also refuses ``SERVICE`` and ``FROM``
standing as words, so the two parsers (rdflib here, Oxigraph underneath) cannot read the text two ways.

The engines forbid the same things underneath (see :mod:`reviewgraph.queries.sandbox`): ad-hoc queries run in a child
process that can read only the engine's files and open no network connection, with time, memory and row
limits.

>>> check("MATCH (n:Agency) WHERE n.name CONTAINS 'SET' RETURN n.name", "cypher")
>>> check("MATCH (n:Agency) DETACH DELETE n", "cypher")  # doctest: +IGNORE_EXCEPTION_DETAIL
Traceback (most recent call last):
...
queries.readonly.ReadOnlyError: refused: this Cypher query uses DETACH, DELETE; the query commands are read-only
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator
from typing import Any, NamedTuple

__all__ = ["ReadOnlyError", "check", "cypher_tokens", "Token", "CYPHER_READ_CLAUSES", "CYPHER_WRITES",
           "SPARQL_WRITES", "SPARQL_FORMS"]

#: clauses a read-only Cypher statement may start with
CYPHER_READ_CLAUSES = ("MATCH", "OPTIONAL", "UNWIND", "WITH", "RETURN")
#: keywords refused wherever they stand as words (writes, procedures, files, extensions, databases, admin)
CYPHER_WRITES = (
    "CREATE", "MERGE", "SET", "DELETE", "DETACH", "REMOVE", "DROP", "ALTER", "FOREACH", "CALL", "YIELD",
    "LOAD", "COPY", "INSTALL", "UNINSTALL", "ATTACH", "USE", "EXPORT", "IMPORT", "MACRO", "COMMENT",
    "BEGIN", "COMMIT", "ROLLBACK", "CHECKPOINT", "FORCE", "ANALYZE", "UPDATE", "EXPLAIN", "PROFILE",
    "SHOW", "GRANT", "DENY", "REVOKE", "TERMINATE", "FINISH", "PROJECT",
)
#: SPARQL query forms allowed (everything else, every update operation included, is refused)
SPARQL_FORMS = ("SelectQuery", "AskQuery", "ConstructQuery", "DescribeQuery")
#: SPARQL Update operations (named in the refusal when the text parses as an update)
SPARQL_WRITES = ("INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH")

_WRITES = frozenset(CYPHER_WRITES)
_READ_ONLY = "the query commands are read-only"


class ReadOnlyError(ValueError):
    """A query that is refused: it could write, reach files, extensions or the network, or is not one query."""


# -- Cypher ----------------------------------------------------------------------------------------------------
class Token(NamedTuple):
    kind: str  # "word", "name" (backticks), "string", "param", "number", "punct"
    text: str  # the word as written; a string's or a backtick name's content
    start: int


_PUNCT = frozenset("()[]{},.:;|+-*/%^=<>!~?&")
#: line ends: a ``//`` comment is taken to end at the first of any of them (earlier than the engine at worst)
_LINE_ENDS = frozenset("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
_ESCAPES = frozenset("\\'\"bfnrtBFNRTuU")


def _is_space(c: str) -> bool:
    return c.isspace() or c == "\ufeff"


def _word_start(c: str) -> bool:
    return c == "_" or unicodedata.category(c).startswith("L")


def _word_char(c: str) -> bool:
    return c == "_" or unicodedata.category(c)[0] in "LN" or unicodedata.category(c) in ("Mn", "Mc", "Pc")


def _refuse(reason: str, text: str, at: int) -> ReadOnlyError:
    return ReadOnlyError(f"refused: {reason} ({_place(text, at)}); {_READ_ONLY}")


def cypher_tokens(text: str) -> Iterator[Token]:
    r"""The tokens of a Cypher text, comments and spaces dropped; raise :class:`ReadOnlyError` at a
    character that belongs to no token (an unclosed string, comment or name, or a stray character).

    >>> [(t.kind, t.text) for t in cypher_tokens("MATCH (n) /* x */ WHERE n.a = 'it\\'s' RETURN `a``b`")]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('word', 'MATCH'), ('punct', '('), ('word', 'n'), ('punct', ')'), ('word', 'WHERE'), ('word', 'n'),
     ('punct', '.'), ('word', 'a'), ('punct', '='), ('string', "it\\'s"), ('word', 'RETURN'), ('name', 'a`b')]
    """
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if _is_space(c):
            i += 1
        elif text.startswith("//", i):
            while i < n and text[i] not in _LINE_ENDS:
                i += 1
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            if end < 0:
                raise _refuse("a /* comment is not closed", text, i)
            i = end + 2
        elif c in "'\"":
            j = i + 1
            while j < n and text[j] != c:
                if text[j] == "\\":
                    if j + 1 >= n or text[j + 1] not in _ESCAPES:
                        raise _refuse("a string holds an unknown escape (a backslash not followed by one of "
                                      "\\ ' \" b f n r t u)", text, j)
                    j += 1
                j += 1
            if j >= n:
                raise _refuse("a string is not closed", text, i)
            yield Token("string", text[i + 1:j], i)
            i = j + 1
        elif c == "`":
            j, parts = i + 1, []
            while True:
                end = text.find("`", j)
                if end < 0:
                    raise _refuse("a `name` is not closed", text, i)
                parts.append(text[j:end])
                if text.startswith("``", end):
                    parts.append("`")
                    j = end + 2
                    continue
                break
            yield Token("name", "".join(parts), i)
            i = end + 1
        elif c == "$":
            j = i + 1
            if j < n and text[j] == "`":
                end = text.find("`", j + 1)
                if end < 0:
                    raise _refuse("a `name` is not closed", text, j)
                j = end + 1
            else:
                while j < n and _word_char(text[j]):
                    j += 1
            if j == i + 1:
                raise _refuse("a $ without a parameter name", text, i)
            yield Token("param", text[i + 1:j], i)
            i = j
        elif c.isascii() and c.isdigit():
            j = i + 1
            while j < n and (text[j].isascii() and (text[j].isalnum() or text[j] == "_")
                             or text[j] == "." and j + 1 < n and text[j + 1].isdigit()):
                j += 1
            yield Token("number", text[i:j], i)
            i = j
        elif _word_start(c):
            j = i + 1
            while j < n and _word_char(text[j]):
                j += 1
            yield Token("word", text[i:j], i)
            i = j
        elif c in _PUNCT:
            yield Token("punct", c, i)
            i += 1
        else:
            raise _refuse(f"character U+{ord(c):04X} ({unicodedata.name(c, 'unnamed')}) outside a string "
                          "or a comment", text, i)


def _keyword_words(tokens: list[Token]) -> Iterator[tuple[Token, int]]:
    """Words standing as keywords: not a property, label, map key, parameter or alias; with their depth."""
    depth = 0
    braces: list[str] = []
    for k, tok in enumerate(tokens):
        if tok.kind == "punct":
            if tok.text in "([{":
                depth += 1
                braces.append(tok.text)
            elif tok.text in ")]}":
                depth -= 1
                if braces:
                    braces.pop()
            continue
        if tok.kind != "word":
            continue
        before = tokens[k - 1] if k else None
        after = tokens[k + 1] if k + 1 < len(tokens) else None
        if before is not None and before.kind == "punct" and (before.text == "." or before.text == ":" and depth):
            continue  # n.set; (n:Set), [:SET], {a: x} inside brackets
        if before is not None and before.kind == "word" and before.text.upper() == "AS":
            continue  # RETURN x AS merge
        if (braces and braces[-1] == "{" and after is not None and after.kind == "punct" and after.text == ":"
                and before is not None and before.kind == "punct" and before.text in "{,"):
            continue  # {delete: 1}
        yield tok, depth


@functools.lru_cache(maxsize=512)
def _check_cypher(text: str) -> None:
    tokens = list(cypher_tokens(text))
    for k, tok in enumerate(tokens):
        if tok.kind == "punct" and tok.text == ";":
            if k + 1 < len(tokens):
                raise _refuse("more than one statement (a ';' followed by more)", text, tokens[k + 1].start)
            tokens = tokens[:k]
            break
    if not tokens:
        raise ReadOnlyError(f"refused: the query is empty; {_READ_ONLY}")
    refused = []
    for tok, _ in _keyword_words(tokens):
        word = tok.text.upper()
        if word in _WRITES and word not in refused:
            refused.append(word)
    if refused:
        raise _refuse(f"this Cypher query uses {', '.join(refused)}", text,
                      next(t.start for t, _ in _keyword_words(tokens) if t.text.upper() == refused[0]))
    first = tokens[0]
    if first.kind != "word" or first.text.upper() not in CYPHER_READ_CLAUSES:
        raise _refuse(f"a query must start with {', '.join(CYPHER_READ_CLAUSES)}, not {first.text!r}",
                      text, first.start)


# -- SPARQL ----------------------------------------------------------------------------------------------------
_UNICODE_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_SPARQL_REFUSED_WORDS = {"SERVICE": "calls another endpoint (SERVICE), which would send the query and the "
                                    "store's data off this machine; query the store itself",
                         "FROM": "names its own dataset (FROM), which rdflib would fetch from the web or the "
                                 "disk; the store is the dataset"}


def _expand_escapes(text: str) -> str:
    def one(m: re.Match[str]) -> str:
        code = int(m.group(1) or m.group(2), 16)
        return chr(code) if code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"
    return _UNICODE_ESCAPE.sub(one, text)


def _original_at(text: str, at: int) -> int:
    """Where in ``text`` the character at ``at`` of ``_expand_escapes(text)`` came from (each escape is one
    character once expanded), so a refusal's line and column are those of the query as written."""
    shift = 0
    for m in _UNICODE_ESCAPE.finditer(text):
        if m.start() - shift > at:
            break
        if m.start() - shift == at:
            return m.start()
        shift += len(m.group(0)) - 1
    return at + shift


def _place(text: str, at: int) -> str:
    """``line L, column C`` (both from 1) of offset ``at`` in ``text``."""
    line_start = max(text.rfind("\n", 0, at), text.rfind("\r", 0, at)) + 1
    return f"line {text.count(chr(10), 0, at) + 1}, column {at - line_start + 1}"


def _sparql_words(text: str) -> Iterator[tuple[str, int]]:
    """Bare words of a SPARQL text (outside comments, strings and IRIs; not variables or prefixed names)."""
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "#":
            while i < n and text[i] not in "\n\r":
                i += 1
        elif c in "\"'":
            quote = text[i:i + 3] if text[i:i + 3] in ('"""', "'''") else c
            i += len(quote)
            while i < n and not text.startswith(quote, i):
                i += 2 if text[i] == "\\" else 1
            i += len(quote)
        elif c == "<":
            j = i + 1
            while j < n and text[j] not in "<>\"{}|^`\\" and ord(text[j]) > 0x20:
                j += 1
            i = j + 1 if j < n and text[j] == ">" else i + 1  # an IRI, or the operator '<'
        elif c in "?$":
            i += 1
            while i < n and _word_char(text[i]):
                i += 1
        elif _word_start(c):
            j = i + 1
            while j < n and (_word_char(text[j]) or text[j] in "-.:"):
                j += 1
            word = text[i:j].rstrip(".")
            if ":" not in word:
                yield word, i
            i = j
        else:
            i += 1


def _tree_names(tree: Any, out: set[str]) -> set[str]:
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    if isinstance(tree, CompValue):
        out.add(tree.name)
        for value in tree.values():
            _tree_names(value, out)
    elif isinstance(tree, (ParseResults, list, tuple)):
        for value in tree:
            _tree_names(value, out)
    elif isinstance(tree, dict):
        for value in tree.values():
            _tree_names(value, out)
    return out


@functools.lru_cache(maxsize=512)
def _check_sparql(text: str) -> None:
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    expanded = _expand_escapes(text)
    for word, at in _sparql_words(expanded):
        if word.upper() in _SPARQL_REFUSED_WORDS:
            raise _refuse(f"this SPARQL query {_SPARQL_REFUSED_WORDS[word.upper()]}", text, _original_at(text, at))
    try:
        tree = parseQuery(expanded)
    except ParseException as exc:
        try:
            parseUpdate(expanded)
        except ParseException:
            # pyparsing's place is in the expanded text: said as the place in the query as written
            raise ReadOnlyError(f"refused: not one SPARQL query ({_place(text, _original_at(text, exc.loc))}: "
                                f"{exc.msg}); {_READ_ONLY}") from None
        raise ReadOnlyError(f"refused: this SPARQL request is an update (INSERT, DELETE, LOAD, CLEAR, ...); "
                            f"{_READ_ONLY}") from None
    names = _tree_names(tree, set())
    if "ServiceGraphPattern" in names:
        raise ReadOnlyError(f"refused: this SPARQL query {_SPARQL_REFUSED_WORDS['SERVICE']}; {_READ_ONLY}")
    if "DatasetClause" in names:
        raise ReadOnlyError(f"refused: this SPARQL query {_SPARQL_REFUSED_WORDS['FROM']}; {_READ_ONLY}")
    if not names & set(SPARQL_FORMS):
        raise ReadOnlyError(f"refused: only SELECT, ASK, CONSTRUCT and DESCRIBE queries run here; {_READ_ONLY}")


def check(text: str, language: str) -> None:
    """Raise :class:`ReadOnlyError` unless ``text`` is one read-only Cypher or SPARQL query (see above)."""
    if language == "cypher":
        _check_cypher(text)
    elif language == "sparql":
        _check_sparql(text)
    else:
        raise ValueError(f"unknown query language {language!r}")
