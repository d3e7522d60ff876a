"""Saved queries: one file a query, ``queries/cypher/*.cypher`` and ``queries/sparql/*.rq``.

Each file starts with a header of comment lines (``//`` in Cypher, ``#`` in SPARQL)::

    // title: Actions open or overdue as of a date
    // description: Actions not yet complete, and whether their target date has passed on the date given.
    // param: as_of: date = today -- the date to judge against (ISO, or "today")

A line indented under a key (``//   more words``) continues it. Parameters have a name, a type (``string``,
``integer``, ``float``, ``boolean``, ``date``), a default (optional: without one the parameter is
required) and a description. In the query a parameter is ``$name`` in Cypher and ``?name`` in SPARQL;
its value is always bound by the engine, never written into the query text.

>>> q = parse("// title: T\\n// description: D\\n// param: n: integer = 2 -- at least\\nRETURN $n AS n\\n",
...           "cypher", "demo")
>>> q.title, q.params[0].name, q.coerce({})
('T', 'n', {'n': 2})
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any

__all__ = ["Param", "SavedQuery", "QueryError", "parse", "load_file", "saved_queries", "find", "LANGUAGES",
           "PARAM_TYPES"]

LANGUAGES = {"cypher": ("cypher", ".cypher", "//"), "sparql": ("sparql", ".rq", "#")}
PARAM_TYPES = ("string", "integer", "float", "boolean", "date")
_PARAM = re.compile(r"^(?P<name>[A-Za-z_]\w*)\s*:\s*(?P<type>\w+)\s*(?:=\s*(?P<default>.*?))?\s*"
                    r"(?:--\s*(?P<desc>.*))?$")


class QueryError(ValueError):
    """A saved query that is malformed, missing, or given a bad parameter."""


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    default: str | None = None
    description: str = ""

    def coerce(self, raw: Any) -> Any:
        """Turn a raw value (a CLI string, or already typed) into the parameter's Python value."""
        try:
            if self.type == "string":
                return str(raw)
            if self.type == "integer":
                return int(raw)
            if self.type == "float":
                return float(raw)
            if self.type == "boolean":
                if isinstance(raw, bool):
                    return raw
                text = str(raw).strip().lower()
                if text in ("true", "yes", "1"):
                    return True
                if text in ("false", "no", "0"):
                    return False
                raise ValueError(raw)
            if self.type == "date":
                if isinstance(raw, dt.date):
                    return raw
                text = str(raw).strip()
                return dt.date.today() if text == "today" else dt.date.fromisoformat(text)
        except ValueError:
            article = "an" if self.type[0] in "aeiou" else "a"
            raise QueryError(f"parameter {self.name!r} must be {article} {self.type}, not {raw!r}") from None
        raise QueryError(f"parameter {self.name!r} has unknown type {self.type!r}")


@dataclass(frozen=True)
class SavedQuery:
    name: str
    language: str
    text: str
    title: str
    description: str
    params: tuple[Param, ...] = ()
    path: str = field(default="", compare=False)

    def coerce(self, given: dict[str, Any]) -> dict[str, Any]:
        """Typed values for every declared parameter (defaults filled in); unknown names are refused."""
        declared = {p.name: p for p in self.params}
        unknown = sorted(set(given) - set(declared))
        if unknown:
            known = ", ".join(declared) or "none"
            raise QueryError(f"{self.name}: unknown parameter(s) {', '.join(unknown)} (declared: {known})")
        out: dict[str, Any] = {}
        for p in self.params:
            if p.name in given:
                out[p.name] = p.coerce(given[p.name])
            elif p.default is not None:
                out[p.name] = p.coerce(p.default)
            else:
                raise QueryError(f"{self.name}: parameter {p.name!r} is required (--param {p.name}=...)")
        return out


def parse(text: str, language: str, name: str, path: str = "") -> SavedQuery:
    """Parse a query file's header; raise :class:`QueryError` when the title or description is missing."""
    if language not in LANGUAGES:
        raise QueryError(f"unknown query language {language!r}")
    marker = LANGUAGES[language][2]
    meta: dict[str, str] = {}
    params: list[Param] = []
    last: str | None = None
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith(marker):
            break
        body = stripped[len(marker):]
        m = re.match(r"^\s?(title|description|param)\s*:\s*(.*)$", body)
        if m:
            key, value = m.group(1), m.group(2).strip()
            if key == "param":
                pm = _PARAM.match(value)
                if not pm or pm.group("type") not in PARAM_TYPES:
                    raise QueryError(f"{name}: bad parameter line {value!r} (name: type = default -- text)")
                default = pm.group("default")
                if default is not None and len(default) >= 2 and default[0] == default[-1] == '"':
                    default = default[1:-1]
                params.append(Param(pm.group("name"), pm.group("type"), default, pm.group("desc") or ""))
                last = None
            else:
                meta[key] = value
                last = key
        elif last and body.startswith("  "):
            meta[last] = f"{meta[last]} {body.strip()}"
    for key in ("title", "description"):
        if not meta.get(key):
            raise QueryError(f"{name}: the header has no {key} (a '{marker} {key}: ...' line)")
    return SavedQuery(name=name, language=language, text=text, title=meta["title"],
                      description=meta["description"], params=tuple(params), path=path)


def load_file(path: str | Path, language: str | None = None) -> SavedQuery:
    """An ad-hoc query file; the language comes from the extension when not given. Header optional."""
    p = Path(path)
    if language is None:
        by_ext = {ext: lang for lang, (_, ext, _) in LANGUAGES.items()}
        language = by_ext.get(p.suffix)
        if language is None:
            raise QueryError(f"{p}: cannot tell the language from {p.suffix!r}; use .cypher or .rq")
    text = p.read_text(encoding="utf-8")
    try:
        return parse(text, language, p.stem, str(p))
    except QueryError:
        marker = LANGUAGES[language][2]
        # the header is read with a title and description put before it, but the text run is the file's own,
        # so an engine's or the read-only check's "line N" is the file's line N
        return replace(parse(f"{marker} title: {p.stem}\n{marker} description: ad-hoc query from {p}\n{text}",
                             language, p.stem, str(p)), text=text)


def saved_queries(language: str | None = None) -> list[SavedQuery]:
    """Every saved query shipped in the package, sorted by language then name."""
    out = []
    for lang, (folder, ext, _) in sorted(LANGUAGES.items()):
        if language and lang != language:
            continue
        base = resources.files("reviewgraph.queries") / folder
        for entry in sorted(base.iterdir(), key=lambda e: e.name):
            if entry.name.endswith(ext):
                out.append(parse(entry.read_text(encoding="utf-8"), lang, entry.name[: -len(ext)],
                                 f"queries/{folder}/{entry.name}"))
    return out


def find(name: str, language: str) -> SavedQuery:
    for q in saved_queries(language):
        if q.name == name:
            return q
    names = ", ".join(q.name for q in saved_queries(language))
    raise QueryError(f"no saved {language} query {name!r}; saved: {names}")
