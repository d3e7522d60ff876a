"""The text ``ElementTree.write`` gives for a tree of plain elements, written in one walk.

``xml.etree.ElementTree`` serialises in Python with a namespace pass over the whole tree first and several
type checks per attribute; for a tree whose tags and attribute names carry no namespace (``{uri}name``) and
whose values are strings, as networkx's GEXF writer builds, the text is the same as this one walk, using
ElementTree's own escaping. Any other tree is left to ElementTree.

>>> from xml.etree.ElementTree import Element, SubElement, tostring
>>> root = Element("graph", {"mode": "static", "name": 'a "b" & <c>'})
>>> SubElement(root, "node", id="1", label="x\\ty").text = "5 < 6"
>>> SubElement(root, "empty").tail = "\\n"
>>> serialize(root) == tostring(root, encoding="unicode")
True
"""

from __future__ import annotations

import io
from xml.etree.ElementTree import Element, ElementTree

# ElementTree's escaping (private names, there since Python 2.5): the same characters escaped the same way
from xml.etree.ElementTree import _escape_attrib, _escape_cdata  # type: ignore[attr-defined]

__all__ = ["serialize"]


class _Other(Exception):
    """A tree this writer leaves to ElementTree."""


def serialize(root: Element) -> str:
    """``ElementTree(root).write(f, encoding="unicode")``'s text (short empty elements, no declaration)."""
    out: list[str] = []
    try:
        _walk(root, out.append)
    except _Other:
        text = io.StringIO()
        ElementTree(root).write(text, encoding="unicode")
        return text.getvalue()
    return "".join(out)


def _walk(elem: Element, write) -> None:  # noqa: ANN001 - list.append
    tag = elem.tag
    if type(tag) is not str or "{" in tag:  # comments, processing instructions, namespaces
        raise _Other
    items = elem.items()
    if items:
        attrs = []
        for k, v in items:
            if type(k) is not str or type(v) is not str or "{" in k:
                raise _Other
            attrs.append(f' {k}="{_escape_attrib(v)}"')
        write("<" + tag + "".join(attrs))
    else:
        write("<" + tag)
    text, tail = elem.text, elem.tail
    if (text is not None and type(text) is not str) or (tail is not None and type(tail) is not str):
        raise _Other
    if text or len(elem):
        write(">")
        if text:
            write(_escape_cdata(text))
        for child in elem:
            _walk(child, write)
        write("</" + tag + ">")
    else:
        write(" />")
    if tail:
        write(_escape_cdata(tail))
