"""ElementTree's escaping of XML text, for the writers that write XML text themselves (the GEXF stream,
:mod:`reviewgraph.graph.exports.gexf`): the same characters escaped the same way as ``ElementTree.write``.

The characters XML 1.0 forbids are not escaped here (XML has no escape for them): they are replaced before
writing (:mod:`reviewgraph.graph.exports.safetext`).

>>> from xml.etree.ElementTree import Element, tostring
>>> value = 'a "b" & <c>\\tor\\n'
>>> tostring(Element("x", v=value), encoding="unicode") == f'<x v="{attr_text(value)}" />'
True
>>> cdata_text("5 < 6 & 7 > 2")
'5 &lt; 6 &amp; 7 &gt; 2'
"""

from __future__ import annotations

# ElementTree's escaping (private names, there since Python 2.5): the same characters escaped the same way
from xml.etree.ElementTree import _escape_attrib, _escape_cdata  # type: ignore[attr-defined]

__all__ = ["attr_text", "cdata_text"]

#: an attribute value's text as ElementTree writes it (``&``, ``<``, ``>``, ``"``, CR, LF and tab escaped)
attr_text = _escape_attrib
#: character data as ElementTree writes it (``&``, ``<`` and ``>`` escaped)
cdata_text = _escape_cdata
