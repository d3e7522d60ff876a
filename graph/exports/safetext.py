"""The one text sanitiser of every export: characters a format cannot hold are replaced and counted.

Two rules, one for each kind of output:

- :data:`XML` (GraphML, GEXF, SVG, the HTML page, the PNG's labels): the characters XML 1.0 forbids, i.e. the
  C0 controls other than tab, line feed and carriage return, U+FFFE, U+FFFF and lone surrogates. A parser
  refuses a document that holds one (lxml, behind networkx's GraphML writer, refuses to write it at all).
- :data:`UNICODE` (JSON, RDF, CSV): lone surrogates only, which no UTF-8 text can hold (a ``graph.json``
  written by hand may carry ``"\\ud800"``; every other character these formats escape or hold as it is).

Each is replaced by U+FFFD (the replacement character, as a decoder shows a bad byte), and the exporters
return how many were replaced so the command can say so.

>>> clean("a\\x00b\\uffffc\\ud800", XML)
('a\\ufffdb\\ufffdc\\ufffd', 3)
>>> clean("tab\\tand \\u202eRLO and \\x00", UNICODE)
('tab\\tand \\u202eRLO and \\x00', 0)
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from reviewgraph.graph.graphdata import ReviewGraph
from reviewgraph.graph.model import Edge

_REFERENCES = frozenset({"review", "recommendation", "action", "doc"})  # node properties holding an id

__all__ = ["XML", "UNICODE", "REPLACEMENT", "clean", "clean_graph", "describe", "written"]

REPLACEMENT = "\ufffd"

#: XML 1.0 ``Char`` is ``#x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]``: its complement
XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
#: what UTF-8 cannot encode: surrogate code points (a Python string may hold them; a file may not)
UNICODE = re.compile("[\ud800-\udfff]")


def clean(text: str, rule: re.Pattern[str] = XML) -> tuple[str, int]:
    """``text`` with every character ``rule`` forbids replaced by U+FFFD, and how many were."""
    return rule.subn(REPLACEMENT, text)


def describe(count: int, fmt: str) -> str:
    """The line a command prints when an export replaced characters (empty when none was)."""
    if not count:
        return ""
    what = "character" if count == 1 else "characters"
    return (f"{count} {what} that {fmt} cannot hold (control characters, U+FFFE/U+FFFF, lone surrogates) "
            f"replaced by U+FFFD")


def _strings(value: Any, out: list[str]) -> None:
    if isinstance(value, str):
        out.append(value)
    elif isinstance(value, (list, tuple)):
        for v in value:
            _strings(v, out)
    elif isinstance(value, dict):
        for k, v in value.items():
            _strings(k, out)
            _strings(v, out)


def _clean_value(value: Any, rule: re.Pattern[str], counter: list[int]) -> Any:
    if isinstance(value, str):
        text, n = rule.subn(REPLACEMENT, value)
        counter[0] += n
        return text
    if isinstance(value, list):
        return [_clean_value(v, rule, counter) for v in value]
    if isinstance(value, tuple):
        return tuple(_clean_value(v, rule, counter) for v in value)
    if isinstance(value, dict):
        return {_clean_value(k, rule, counter): _clean_value(v, rule, counter) for k, v in value.items()}
    return value


def _dirty(graph: ReviewGraph, rule: re.Pattern[str]) -> bool:
    """Whether any text of the graph holds a character ``rule`` forbids: the text gathered in blocks and
    searched in C (the common case, nothing to replace, costs one pass and no copy of the graph)."""
    search = rule.search
    block: list[str] = []
    for node in graph.nodes.values():
        for v in node.__dict__.values():
            if type(v) is str:
                block.append(v)
            elif v is not None and not isinstance(v, (int, float)):
                _strings(v, block)
        if len(block) > 100_000:
            if search("\n".join(block)):
                return True
            block.clear()
    if search("\n".join(block)):
        return True
    edges = graph.edges.values()
    block = [e.doc for e in edges]  # source, target and type are node ids and declared types
    for props in (e.props for e in edges if e.props):
        _strings(props, block)
    return search("\n".join(block)) is not None


def written(graph: ReviewGraph, write: Callable[[ReviewGraph], Any], rule: re.Pattern[str] = UNICODE) -> int:
    """``write(graph)``; when its text cannot be encoded (a lone surrogate: UTF-8 has no form for one), the
    graph cleaned by ``rule`` is written instead. The number of characters replaced (0 on the common path,
    which costs nothing: no scan of the graph first)."""
    try:
        write(graph)
    except UnicodeEncodeError:
        cleaned, replaced = clean_graph(graph, rule)
        write(cleaned)
        return replaced
    return 0


def clean_graph(graph: ReviewGraph, rule: re.Pattern[str] = XML) -> tuple[ReviewGraph, int]:
    """``(graph, 0)`` when no text of ``graph`` holds a character ``rule`` forbids; else a copy with each one
    replaced by U+FFFD, and their number. Ids are cleaned too (kept apart with ``-2``, ``-3``... where two
    would meet), and every reference to an id follows it, so links still join."""
    if not _dirty(graph, rule):
        return graph, 0
    counter = [0]
    ids: dict[str, str] = {}
    taken: set[str] = set()
    for old in sorted(graph.nodes):
        new = _clean_value(old, rule, counter)
        if new != old:
            base, i = new, 2
            while new in taken or (new != old and new in graph.nodes):
                new, i = f"{base}-{i}", i + 1
        ids[old] = new
        taken.add(new)
    out = ReviewGraph()
    for old, node in graph.nodes.items():
        data = {k: (ids[v] if k in _REFERENCES and isinstance(v, str) and v in ids
                    else _clean_value(v, rule, counter))
                for k, v in node.model_dump(mode="python").items() if k != "id"}
        data["id"] = ids[old]
        out.nodes[ids[old]] = type(node).model_validate(data)
    for edge in graph.edges.values():
        e = Edge(source=ids.get(edge.source, edge.source), target=ids.get(edge.target, edge.target),
                 type=edge.type, doc=_clean_value(edge.doc, rule, counter), line_start=edge.line_start,
                 line_end=edge.line_end, props=_clean_value(edge.props, rule, counter))
        out.edges[e.key] = e
    return out, counter[0]
