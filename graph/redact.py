"""Redaction: named individuals taken out of a graph before it is shown or exported.

The names are the reviews' pseudonyms (from their metadata) and any list the user gives (one name a line;
family members, professionals named in the text). :func:`redact_graph` returns a copy of the graph in which
every occurrence of a name (whole words, any case) in any text property, list item, edge property and node
id is replaced by ``[redacted]`` (ids get ``redacted``, numbered where two would meet, consistently, so
edges still join). The original is not
changed. Every exporter and every page that is given the redacted copy shows no listed name.

>>> redact_text("Ada's GP saw ada twice; Adam did not.", ["Ada"])
"[redacted]'s GP saw [redacted] twice; Adam did not."
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from graph.graphdata import ReviewGraph
from graph.ids import slug
from graph.model import Edge

__all__ = ["MASK", "lead_names", "names_for", "read_names", "redact", "redact_graph", "redact_text"]

MASK = "[redacted]"
_ID_MASK = "redacted"
_MIN_LEN = 2


def read_names(path: str | Path) -> list[str]:
    """Names from a text file: one a line; blank lines and lines starting with ``#`` are ignored."""
    out = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return out


_TITLES = ("Mr", "Mrs", "Ms", "Miss", "Mx", "Dr")


def lead_names(graph: ReviewGraph) -> list[str]:
    """People named in the actions' lead cells ("Claire Moore DA lead", "DCI Jayne Downes"): a given name
    or a title followed by capitalised surnames, never words of an agency's name or a role.

    >>> from graph.model import Action
    >>> g = ReviewGraph()
    >>> g.nodes["a"] = Action(id="act", review="r", recommendation="rec", ordinal=1, doc="d", line_start=1,
    ...                       line_end=1, lead="Claire Moore DA lead / Ashcombe Police")
    >>> lead_names(g)
    ['Claire Moore']
    """
    from graph.agency_text import tokens
    from graph.agency_text import person_spans

    found: set[str] = set()
    for action in graph.of_kind("Action"):
        lead = getattr(action, "lead", None)
        if not lead:
            continue
        toks = tokens(lead)
        picked = sorted(person_spans(toks))
        groups: list[list[int]] = []
        for i in picked:
            if groups and groups[-1][-1] == i - 1 and not toks[i].brk:
                groups[-1].append(i)
            else:
                groups.append([i])
        for group in groups:
            words = [toks[i].raw for i in group]
            full = lead[toks[group[0]].start:toks[group[-1]].end]
            if len(words) >= 2:
                found.add(full)
            if len(words) >= 3 and words[0].upper() == words[0]:  # "DCI Jayne Downes": the name without the rank
                found.add(lead[toks[group[1]].start:toks[group[-1]].end])
    return sorted(found)


def names_for(graph: ReviewGraph, extra: Iterable[str] = (), *, leads: bool = True) -> list[str]:
    """The reviews' pseudonyms, the people named in lead cells (``leads``) and ``extra``, with "Mr Moore"
    style forms of each two-word name, longest first (so "Ann Smith" goes before "Ann")."""
    names = {n.strip() for n in extra if n and n.strip()}
    for review in graph.of_kind("Review"):
        pseudonym = getattr(review, "pseudonym", None)
        if pseudonym:
            names.add(pseudonym.strip())
    if leads:
        people = lead_names(graph)
        names.update(people)
        names.update(f"{title} {name.split()[-1]}" for name in people for title in _TITLES)
    return sorted((n for n in names if len(n) >= _MIN_LEN), key=lambda n: (-len(n), n.lower()))


def _pattern(names: list[str]) -> re.Pattern[str] | None:
    if not names:
        return None
    # any run of spaces, a line break or a non-breaking space between the words of a name
    alternatives = "|".join(r"\s+".join(re.escape(w) for w in n.split()) for n in names)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def redact_text(text: str, names: list[str]) -> str:
    pattern = _pattern(names)
    return pattern.sub(MASK, text) if pattern else text


def _redact_value(value: Any, pattern: re.Pattern[str]) -> Any:
    if isinstance(value, str):
        return pattern.sub(MASK, value)
    if isinstance(value, list):
        return [_redact_value(v, pattern) for v in value]
    if isinstance(value, dict):
        return {k: _redact_value(v, pattern) for k, v in value.items()}
    return value


def redact_graph(graph: ReviewGraph, names: Iterable[str]) -> ReviewGraph:
    """A copy of ``graph`` with every listed name replaced (text, lists, edge properties and ids)."""
    names = sorted({n for n in names if n and len(n.strip()) >= _MIN_LEN}, key=lambda n: (-len(n), n.lower()))
    pattern = _pattern(names)
    if pattern is None:
        return graph.subgraph(graph.nodes)
    slugs = sorted({slug(n) for n in names} - {"x"}, key=len, reverse=True)
    id_pattern = re.compile(rf"(?<![a-z0-9])(?:{'|'.join(re.escape(s) for s in slugs)})(?![a-z0-9])") \
        if slugs else None

    def new_id(old: str) -> str:
        out = pattern.sub(_ID_MASK, old)
        return id_pattern.sub(_ID_MASK, out) if id_pattern else out

    out = ReviewGraph()
    ids = {old: new_id(old) for old in sorted(graph.nodes)}
    taken: dict[str, list[str]] = {}
    for old, new in ids.items():
        taken.setdefault(new, []).append(old)
    for new, olds in taken.items():
        if len(olds) > 1 and any(o != new for o in olds):  # two names redacted to one id: number them
            for i, old in enumerate(o for o in olds if o != new):
                ids[old] = f"{new}-{i + 1}"
    for old, node in graph.nodes.items():
        data = node.model_dump(mode="json")
        data = {k: (_redact_value(v, pattern) if k not in ("doc", "sources") else v) for k, v in data.items()}
        data["id"] = ids[old]
        for ref in ("review", "recommendation", "action"):
            if isinstance(data.get(ref), str) and data[ref] in ids:
                data[ref] = ids[data[ref]]
        out.nodes[data["id"]] = type(node).model_validate(data)
    for edge in graph.edges.values():
        e = Edge(source=ids.get(edge.source, edge.source), target=ids.get(edge.target, edge.target),
                 type=edge.type, doc=edge.doc, line_start=edge.line_start, line_end=edge.line_end,
                 props=_redact_value(edge.props, pattern))
        out.edges[e.key] = e
    return out


#: the name the export command and the reliability tests use
redact = redact_graph
