"""GraphML written as a stream: the bytes networkx's ``write_graphml(g, f, prettyprint=True)`` gives (its
lxml writer), without an lxml element per node, edge and value.

Two passes over the nodes and edges: the first finds the keys the header declares (one per attribute name,
value type and scope, numbered in the order networkx meets them and written last-met first, as it writes
them), the second writes each node and edge as it comes, a few thousand at a time. The text is libxml2's
(lxml's) serialisation; the tests hold it to networkx's writer byte for byte.

Scalar attribute values only (``str``, ``int``, ``float``, ``bool``: what :mod:`reviewgraph.graph.exports.flat`
gives), written with ``str()`` as networkx does (``True``, ``inf``).

>>> import io
>>> out = io.StringIO()
>>> write_graphml(lambda: iter([("a", {"label": "A & B", "n": 2}), ("b", {})]),
...               lambda: iter([("a", "b", "T", {"type": "T"})]), out.write)
>>> print(out.getvalue())  # doctest: +ELLIPSIS
<?xml version='1.0' encoding='utf-8'?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns" ...><key id="d2" for="edge" attr.name="type" attr.type="string"/>
<key id="d1" for="node" attr.name="n" attr.type="long"/>
<key id="d0" for="node" attr.name="label" attr.type="string"/>
<graph edgedefault="directed"><node id="a">
  <data key="d0">A &amp; B</data>
  <data key="d1">2</data>
</node>
<node id="b"/>
<edge source="a" target="b" id="T">
  <data key="d2">T</data>
</edge>
</graph></graphml>
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator
from typing import Any

__all__ = ["write_graphml", "attr_text", "cdata_text"]

NodeItems = Callable[[], Iterable[tuple[Any, dict[str, Any]]]]
EdgeItems = Callable[[], Iterable[tuple[Any, Any, Any, dict[str, Any]]]]

_NS = "http://graphml.graphdrawing.org/xmlns"
_HEAD = ("<?xml version='1.0' encoding='utf-8'?>\n"
         f'<graphml xmlns="{_NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
         f'xsi:schemaLocation="{_NS} {_NS}/1.0/graphml.xsd">')
#: the key types networkx's GraphML writer declares for each value type (the last of its table wins)
_XML_TYPE = {bool: "boolean", int: "long", float: "double", str: "string"}
_BATCH = 4000  # items (nodes or edges) per write


def attr_text(text: str) -> str:
    """An attribute value as libxml2 writes it (``&``, ``<``, ``>``, ``"``, tab, LF and CR escaped).

    >>> attr_text('a<b & "c"\\td')
    'a&lt;b &amp; &quot;c&quot;&#9;d'
    """
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if '"' in text:
        text = text.replace('"', "&quot;")
    if "\t" in text:
        text = text.replace("\t", "&#9;")
    if "\n" in text:
        text = text.replace("\n", "&#10;")
    if "\r" in text:
        text = text.replace("\r", "&#13;")
    return text


def cdata_text(text: str) -> str:
    """Character data as libxml2 writes it (``&``, ``<``, ``>`` and CR escaped).

    >>> cdata_text("a<b & c]]>\\r")
    'a&lt;b &amp; c]]&gt;&#13;'
    """
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if "\r" in text:
        text = text.replace("\r", "&#13;")
    return text


class _Keys:
    """The ``<key>`` declarations: ``(name, value type, scope)`` -> id, in the order networkx meets them."""

    def __init__(self) -> None:
        self.ids: dict[tuple[str, type, str], str] = {}
        self.rows: list[str] = []

    def add(self, name: str, kind: type, scope: str) -> str:
        found = self.ids.get((name, kind, scope))
        if found is None:
            xml_type = _XML_TYPE.get(kind)
            if xml_type is None:
                raise TypeError(f"GraphML export: {scope} attribute {name!r} holds a {kind.__name__}, "
                                f"not a text, number or true/false")
            found = self.ids[(name, kind, scope)] = f"d{len(self.ids)}"
            self.rows.append(f'<key id="{found}" for="{scope}" attr.name="{attr_text(name)}" '
                             f'attr.type="{xml_type}"/>\n')
        return found

    def scan(self, nodes: Iterable[tuple[Any, dict[str, Any]]],
             edges: Iterable[tuple[Any, Any, Any, dict[str, Any]]]) -> None:
        add, seen = self.add, self.ids
        for _, data in nodes:
            for k, v in data.items():
                if (k, type(v), "node") not in seen:
                    add(str(k), type(v), "node")
        for _, _, _, data in edges:
            for k, v in data.items():
                if (k, type(v), "edge") not in seen:
                    add(str(k), type(v), "edge")


def _data(keys: dict[tuple[str, type, str], str], data: dict[str, Any], scope: str) -> str:
    return "".join(f'  <data key="{keys[(k, type(v), scope)]}">{cdata_text(str(v))}</data>\n'
                   for k, v in data.items())


def _lines(nodes: Iterable[tuple[Any, dict[str, Any]]], edges: Iterable[tuple[Any, Any, Any, dict[str, Any]]],
           keys: dict[tuple[str, type, str], str]) -> Iterator[str]:
    for node, data in nodes:
        head = f'<node id="{attr_text(str(node))}"'
        yield f"{head}>\n{_data(keys, data, 'node')}</node>\n" if data else f"{head}/>\n"
    for u, v, key, data in edges:
        head = f'<edge source="{attr_text(str(u))}" target="{attr_text(str(v))}" id="{attr_text(str(key))}"'
        yield f"{head}>\n{_data(keys, data, 'edge')}</edge>\n" if data else f"{head}/>\n"


def write_graphml(nodes: NodeItems, edges: EdgeItems, write: Callable[[str], Any]) -> None:
    """Write a directed multigraph's GraphML text through ``write``, in pieces.

    ``nodes()`` and ``edges()`` each give a fresh iterator (they are read twice) of ``(node, attributes)``
    and ``(source, target, key, attributes)`` in networkx's order for the graph."""
    keys = _Keys()
    keys.scan(nodes(), edges())
    write(_HEAD + "".join(reversed(keys.rows)) + '<graph edgedefault="directed">')
    lines = _lines(nodes(), edges(), keys.ids)
    while batch := list(itertools.islice(lines, _BATCH)):
        write("".join(batch))
    write("</graph></graphml>")
