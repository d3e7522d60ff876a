"""GEXF 1.2 written as a stream: the text networkx's ``write_gexf(g, f, prettyprint=True)`` gives, without
its element tree.

networkx builds an element per node, edge and attribute value (millions for a large graph: 14 GB at 10,000
generated reviews) and serialises the tree at the end. This writer makes two passes over the nodes and edges
instead: the first finds what the header must declare (each attribute's id and type, in the order networkx
meets them; whether a ``start``/``end`` makes the graph dynamic; edge ids given as attributes), the second
writes each node and edge as it comes, in a few thousand lines at a time. Its memory is that of the
declarations, not of the graph. Escaping is ElementTree's (:mod:`reviewgraph.graph.exports.xmltext`).

Scalar attribute values only (``str``, ``int``, ``float``, ``bool``: what :mod:`reviewgraph.graph.exports.flat`
gives); networkx's structured attributes (``viz``, ``parents``, ``spells``) are refused.

>>> import io
>>> out = io.StringIO()
>>> write_gexf(lambda: iter([("a", {"label": "A & B", "kind": "Agency"}), ("b", {"label": "B"})]),
...            lambda: iter([("a", "b", "T", {"type": "T", "score": 0.5})]), out.write, date="2025-01-31")
>>> print(out.getvalue())  # doctest: +ELLIPSIS
<?xml version='1.0' encoding='utf-8'?>
<gexf xmlns="http://www.gexf.net/1.2draft" ... version="1.2">
  <meta lastmodifieddate="2025-01-31">
    <creator>NetworkX ...</creator>
  </meta>
  <graph defaultedgetype="directed" mode="static" name="">
    <attributes mode="static" class="edge">
      <attribute id="1" title="score" type="double" />
      <attribute id="2" title="networkx_key" type="string" />
    </attributes>
    <attributes mode="static" class="node">
      <attribute id="0" title="kind" type="string" />
    </attributes>
    <nodes>
      <node id="a" label="A &amp; B">
        <attvalues>
          <attvalue for="0" value="Agency" />
        </attvalues>
      </node>
      <node id="b" label="B" />
    </nodes>
    <edges>
      <edge source="a" target="b" id="0" type="T">
        <attvalues>
          <attvalue for="1" value="0.5" />
          <attvalue for="2" value="T" />
        </attvalues>
      </edge>
    </edges>
  </graph>
</gexf>
<BLANKLINE>
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import networkx as nx

from reviewgraph.graph.exports.xmltext import attr_text, cdata_text

__all__ = ["write_gexf"]

NodeItems = Callable[[], Iterable[tuple[Any, dict[str, Any]]]]
EdgeItems = Callable[[], Iterable[tuple[Any, Any, Any, dict[str, Any]]]]

_NS = "http://www.gexf.net/1.2draft"
_HEAD = ("<?xml version='1.0' encoding='utf-8'?>\n"
         f'<gexf xmlns="{_NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
         f'xsi:schemaLocation="{_NS} {_NS}/gexf.xsd" version="1.2">\n')
#: the attribute types networkx's GEXF writer declares for each value type (the last of its table wins)
_XML_TYPE = {bool: "boolean", int: "long", float: "double", str: "string"}
#: node and edge attributes networkx writes on the element itself, in this order, rather than as attvalues
_NODE_OWN = ("id", "label", "pid", "start", "end")
_EDGE_OWN = ("id", "label", "weight", "type", "start", "end")
#: attributes networkx reads as structures (lists, dicts), which a scalar attribute cannot be
_REFUSED = {"node": ("parents", "spells", "viz"), "edge": ("spells", "viz")}
_FLOATS = {"inf": "INF", "nan": "NaN", "-inf": "-INF"}
_BATCH = 4000  # items (nodes or edges) per write


def _value(v: Any) -> str:
    if v is True:
        return "true"
    if v is False:
        return "false"
    text = str(v)
    return _FLOATS.get(text, text) if type(v) is float else text


def _timeformat(v: Any) -> str:
    """The graph's ``timeformat`` for a ``start`` or ``end`` value (networkx's rule)."""
    if isinstance(v, str):
        return "date"
    if isinstance(v, float):
        return "double"
    if isinstance(v, int):
        return "long"
    raise nx.NetworkXError("timeformat should be of the type int, float or str")


def _refuse(what: str, data: dict[str, Any]) -> None:
    for k in _REFUSED[what]:
        if k in data:
            raise ValueError(f"GEXF export: {what} attribute {k!r} is a structure in GEXF; a scalar cannot be written")


class _Declarations:
    """What the header declares, found in a first pass in networkx's order."""

    def __init__(self) -> None:
        self.ids = itertools.count()
        self.attrs: dict[str, dict[str, tuple[str, str]]] = {}  # class -> title -> (id, type), in first-met order
        self.timeformat: str | None = None
        self.edge_ids: set[str] = set()  # edge ids given as attributes
        self.node_ids: dict[Any, str] = {}  # nodes whose "id" attribute is not their key

    def attribute(self, cls: str, title: str, value: Any) -> str:
        table = self.attrs.setdefault(cls, {})
        found = table.get(title)
        if found is None:
            kind = _XML_TYPE.get(type(value))
            if kind is None:
                raise TypeError(f"GEXF export: {cls} attribute {title!r} holds a {type(value).__name__}, "
                                f"not a text, number or true/false")
            found = table[title] = (str(next(self.ids)), kind)
        return found[0]

    def times(self, data: dict[str, Any]) -> None:
        """A ``start`` and then an ``end`` make the graph dynamic, the last one met setting its time format."""
        for k in ("start", "end"):
            if k in data:
                self.timeformat = _timeformat(data[k])

    def scan(self, nodes: Iterable[tuple[Any, dict[str, Any]]],
             edges: Iterable[tuple[Any, Any, Any, dict[str, Any]]]) -> None:
        for node, data in nodes:
            _refuse("node", data)
            if "id" in data and str(data["id"]) != str(node):
                self.node_ids[node] = str(data["id"])
            self.times(data)
            for k, v in data.items():
                if k not in _NODE_OWN:
                    self.attribute("node", "networkx_key" if k == "key" else k, v)
        for _, _, key, data in edges:
            _refuse("edge", data)
            if "id" in data and data["id"] is not None:
                self.edge_ids.add(str(data["id"]))
            self.times(data)
            for k, v in _edge_data(data, key).items():
                if k not in _EDGE_OWN:
                    self.attribute("edge", "networkx_key" if k == "key" else k, v)


def _edge_data(data: dict[str, Any], key: Any) -> dict[str, Any]:
    out = dict(data)
    out["key"] = key
    return out


def _attvalues(cls: dict[str, tuple[str, str]], data: dict[str, Any], own: tuple[str, ...], pad: str) -> str:
    rows = [f'{pad}  <attvalue for="{cls["networkx_key" if k == "key" else k][0]}" '
            f'value="{attr_text(_value(v))}" />\n'
            for k, v in data.items() if k not in own]
    if not rows:
        return ""
    return f"{pad}<attvalues>\n{''.join(rows)}{pad}</attvalues>\n"


def _node_lines(nodes: Iterable[tuple[Any, dict[str, Any]]], decl: _Declarations) -> Iterator[str]:
    cls = decl.attrs.get("node", {})
    for node, data in nodes:
        kw = [f'id="{attr_text(str(data.get("id", node)))}"', f'label="{attr_text(str(data.get("label", node)))}"']
        kw.extend(f'{k}="{attr_text(str(data[k]))}"' for k in ("pid", "start", "end") if k in data)
        inner = _attvalues(cls, data, _NODE_OWN, "        ")
        head = f'      <node {" ".join(kw)}'
        yield f"{head}>\n{inner}      </node>\n" if inner else f"{head} />\n"


def _edge_lines(edges: Iterable[tuple[Any, Any, Any, dict[str, Any]]], decl: _Declarations) -> Iterator[str]:
    cls = decl.attrs.get("edge", {})
    counter = itertools.count()
    for u, v, key, data in edges:
        data = _edge_data(data, key)
        eid = data.get("id")
        if eid is None:
            eid = next(counter)
            while str(eid) in decl.edge_ids:  # a given id is never given again
                eid = next(counter)
        source = decl.node_ids.get(u, u)
        target = decl.node_ids.get(v, v)
        kw = [f'source="{attr_text(str(source))}"', f'target="{attr_text(str(target))}"',
              f'id="{attr_text(str(eid))}"']
        kw.extend(f'{k}="{attr_text(str(data[k]))}"' for k in _EDGE_OWN[1:] if k in data)
        inner = _attvalues(cls, data, _EDGE_OWN, "        ")
        head = f'      <edge {" ".join(kw)}'
        yield f"{head}>\n{inner}      </edge>\n" if inner else f"{head} />\n"


def _section(tag: str, lines: Iterator[str], write: Callable[[str], Any]) -> None:
    first = list(itertools.islice(lines, _BATCH))
    if not first:
        write(f"    <{tag} />\n")
        return
    write(f"    <{tag}>\n" + "".join(first))
    while batch := list(itertools.islice(lines, _BATCH)):
        write("".join(batch))
    write(f"    </{tag}>\n")


def write_gexf(nodes: NodeItems, edges: EdgeItems, write: Callable[[str], Any], *, date: str | None = None) -> None:
    """Write a directed multigraph's GEXF text through ``write``, in pieces.

    ``nodes()`` and ``edges()`` each give a fresh iterator (they are read twice) of ``(node, attributes)``
    and ``(source, target, key, attributes)`` in networkx's order for the graph. ``date`` is the
    ``lastmodifieddate`` (default: today, as networkx writes it)."""
    decl = _Declarations()
    decl.scan(nodes(), edges())
    mode = "static" if decl.timeformat is None else "dynamic"
    graph_attrs = f'defaultedgetype="directed" mode="{mode}" name=""'
    if decl.timeformat is not None:
        graph_attrs += f' timeformat="{decl.timeformat}"'
    head = [_HEAD, f'  <meta lastmodifieddate="{date or time.strftime("%Y-%m-%d")}">\n',
            f"    <creator>{cdata_text(f'NetworkX {nx.__version__}')}</creator>\n", "  </meta>\n",
            f"  <graph {graph_attrs}>\n"]
    for cls in reversed(list(decl.attrs)):  # networkx inserts each new <attributes> first
        head.append(f'    <attributes mode="static" class="{cls}">\n')
        head.extend(f'      <attribute id="{aid}" title="{attr_text(title)}" type="{kind}" />\n'
                    for title, (aid, kind) in decl.attrs[cls].items())
        head.append("    </attributes>\n")
    write("".join(head))
    _section("nodes", _node_lines(nodes(), decl), write)
    _section("edges", _edge_lines(edges(), decl), write)
    write("  </graph>\n</gexf>\n")
