"""Word (.docx) reader (python-docx): the body in document order, paragraphs and table rows as lines.

- A paragraph (headings included: they carry the agency sections) is a one-cell :class:`Line`, its
  automatic list number ("17.3.") put back in front of the text (:mod:`reviewgraph.ingest.readers.docx_numbering`).
- A table row is one Line with a cell per grid column (a one-column table, a box drawn round content,
  is read as body instead): a horizontally merged cell gives its text once and
  empty cells for the columns it spans; a vertically merged cell gives its text on its first row only
  (like a text file, where the next rows continue it); a cell's paragraphs and nested tables are joined.
- Tracked changes are read as accepted: inserted text (``w:ins``, ``w:moveTo``) is kept, deleted text
  (``w:del``, ``w:moveFrom``) and deleted rows are skipped.

``Line.no`` is the index of the paragraph or table row in the body (1-based), the document's provenance.
Headers, footers, footnotes and comments are not read.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from lxml import etree

from reviewgraph.ingest.readers.base import ReadError, Reader, Reading, Sample
from reviewgraph.ingest.readers.docx_numbering import ListItem, Numbering, W
from reviewgraph.records.parsed import Line

__all__ = ["READER", "body_lines", "read_document", "sniff"]

_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_NS = {"w": W, "mc": _MC}
_NOT_DELETED = "not(ancestor::w:del) and not(ancestor::w:moveFrom) and not(ancestor::mc:Fallback)"
_RUN_TEXT = etree.XPath(
    f".//w:r/w:t[{_NOT_DELETED}] | .//w:r/w:tab[{_NOT_DELETED}] | .//w:r/w:br[{_NOT_DELETED}]"
    f" | .//w:r/w:cr[{_NOT_DELETED}] | .//w:r/w:noBreakHyphen[{_NOT_DELETED}]", namespaces=_NS)
_WRAPPERS = {f"{{{W}}}sdt", f"{{{W}}}sdtContent", f"{{{W}}}customXml", f"{{{W}}}ins", f"{{{W}}}moveTo"}


def _q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _para_text(p: Any, numbering: Numbering | None) -> str:
    parts = []
    for el in _RUN_TEXT(p):
        tag = etree.QName(el).localname
        if tag == "t":
            parts.append(el.text or "")
        else:
            parts.append("-" if tag == "noBreakHyphen" else " ")
    text = _clean("".join(parts))
    label = numbering.label(p) if numbering is not None else ""
    return f"{label} {text}".strip() if label and text else text


def _children(el: Any, tags: set[str]) -> Iterator[Any]:
    """Children of ``el`` with the given tags, looking through content controls and tracked insertions."""
    for child in el:
        if child.tag in tags:
            yield child
        elif child.tag in _WRAPPERS:
            yield from _children(child, tags)


def _cell_text(tc: Any, numbering: Numbering) -> str:
    parts = []
    for child in _children(tc, {_q("p"), _q("tbl")}):
        if child.tag == _q("p"):
            parts.append(_para_text(child, numbering))
        else:  # a nested table: its rows, cells joined
            for _, cells in _table_rows(child, numbering):
                parts.append(" ".join(c for c in cells if c))
    return _clean(" ".join(p for p in parts if p))


def _int_prop(el: Any, path: tuple[str, ...]) -> int:
    for tag in path:
        el = el.find(_q(tag)) if el is not None else None
    val = el.get(_q("val")) if el is not None else None
    return int(val) if val and val.isdigit() else 0


def _table_rows(tbl: Any, numbering: Numbering) -> Iterator[tuple[Any, tuple[str, ...]]]:
    """(row element, cells) of a table: one cell per grid column, merged cells given once."""
    for tr in _children(tbl, {_q("tr")}):
        trpr = tr.find(_q("trPr"))
        if trpr is not None and trpr.find(_q("del")) is not None:
            continue  # a deleted row (tracked change): accepted, so gone
        cells: list[str] = [""] * _int_prop(trpr, ("gridBefore",))
        for tc in _children(tr, {_q("tc")}):
            tcpr = tc.find(_q("tcPr"))
            span = max(1, _int_prop(tcpr, ("gridSpan",)))
            vmerge = tcpr.find(_q("vMerge")) if tcpr is not None else None
            continued = vmerge is not None and vmerge.get(_q("val"), "continue") == "continue"
            cells.append("" if continued else _cell_text(tc, numbering))
            cells.extend([""] * (span - 1))
        while cells and not cells[-1]:
            cells.pop()
        yield tr, tuple(cells)


def _is_box(tbl: Any) -> bool:
    """A one-column table (a frame or layout box round content): its content is read as body."""
    rows = list(_children(tbl, {_q("tr")}))
    return bool(rows) and all(len(list(_children(tr, {_q("tc")}))) == 1 for tr in rows) and not any(
        _int_prop(tc.find(_q("tcPr")), ("gridSpan",)) > 1 for tr in rows for tc in _children(tr, {_q("tc")}))


def _blocks(el: Any, numbering: Numbering) -> Iterator[tuple[str, tuple[str, ...], ListItem | None]]:
    """(``"p"`` or the table's id, cells, the paragraph's list level and indent if it is a list item) of each
    paragraph and table row under ``el`` in document order; a box's content is body."""
    for block in _children(el, {_q("p"), _q("tbl")}):
        if block.tag == _q("p"):
            text = _para_text(block, numbering)
            yield "p", (text,), numbering.item
        elif _is_box(block):
            for tr in _children(block, {_q("tr")}):
                for tc in _children(tr, {_q("tc")}):
                    yield from _blocks(tc, numbering)
        else:
            for _, cells in _table_rows(block, numbering):
                yield f"t{id(block)}", cells, None


def _depth(stack: list[int], item: ListItem) -> int:
    """How deep a list paragraph sits in the run of list paragraphs it belongs to: the number of list
    paragraphs above it in the run indented less (by their indent, else their list level), as "List Number
    2" sits under "List Number" and a lettered level under its numbered one. A label that holds its parents'
    numbers ("17.1" under a numbered heading, "17.1.1") is read whole by the parser and nested in nothing
    here. ``stack`` holds the open indents and is updated."""
    ilvl, indent, _, embeds = item
    at = indent if indent is not None else 360 * (ilvl + 1)
    if embeds:
        stack[:] = [at]
        return 0
    while stack and stack[-1] >= at:
        stack.pop()
    depth = len(stack)
    stack.append(at)
    return depth


def body_lines(document: Any) -> list[Line]:
    """Lines of a python-docx ``Document``'s body, in document order (``no``: the block's index).

    Paragraphs are set apart by a blank line (numbered like the line before it), as blank lines set
    paragraphs apart in text, so a short paragraph reads as a heading and not as the end of the one above;
    the rows of one table follow each other without one. A list paragraph nested in another (a deeper list
    level, or a list indented further than the list paragraph above it) is ``role="item"`` with its
    ``level``, as an HTML list's nested items are.
    """
    numbering = Numbering.from_document(document)
    lines: list[Line] = []
    prev = ""
    indents: list[int] = []  # the list indents open above, in the current run of list paragraphs
    opened: int | None = None  # the depth of the numbered item above that ends in a colon, if any
    for index, (kind, cells, item) in enumerate(_blocks(document.element.body, numbering), start=1):
        if not any(cells):
            if kind == "p" and lines and not lines[-1].blank:
                lines.append(Line(no=index, cells=()))  # an empty paragraph: a blank line
            continue
        if lines and not lines[-1].blank and (kind == "p" or kind != prev):
            lines.append(Line(no=lines[-1].no, cells=()))
        depth = _depth(indents, item) if item is not None else 0
        if item is None:
            indents.clear()
            opened = None
        elif not item[2]:
            # a numbered item ending in a colon ("... should seek assurance from:") opens the bullets under it
            opened = depth if cells[0].rstrip().endswith(":") else None
        elif opened is not None and depth <= opened:
            depth = opened + 1  # its bullets, though Word set them no further in
        # a list item inside another (a sub-item, a nested list): an item, as an HTML list's <li> is
        lines.append(Line(no=index, cells=cells, role="item", level=depth) if depth
                     else Line(no=index, cells=cells))
        prev = kind
    return lines


def _within_limits(path: Path, data: bytes) -> None:
    """Refuse, before python-docx loads it, a file past the limits (:mod:`reviewgraph.ingest.readers.limits`): parts
    that declare too much, or a body of too many paragraphs and table rows (counted streamed)."""
    from reviewgraph.ingest.readers.limits import check_zip, count_elements

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            check_zip(path, zf)
            if "word/document.xml" in zf.namelist():
                count_elements(path, zf, "word/document.xml", {_q("p"): "paragraphs", _q("tr"): "paragraphs"})
    except (zipfile.BadZipFile, etree.XMLSyntaxError, EOFError, zlib.error) as exc:
        raise ReadError(f"{path.name}: not a readable Word document ({exc}); open it in Word or "
                        "LibreOffice and save it as .docx") from None


def read_document(path: Path, data: bytes) -> Reading:
    import docx

    from reviewgraph.ingest.readers.limits import limit, over

    _within_limits(path, data)
    try:
        document = docx.Document(io.BytesIO(data))
    except (ValueError, KeyError, zipfile.BadZipFile, etree.XMLSyntaxError) as exc:
        raise ReadError(f"{path.name}: not a readable Word document ({exc}); open it in Word or "
                          "LibreOffice and save it as .docx") from None
    elements = int(document.element.xpath("count(//*)"))  # counted in C, before any is read in Python
    if elements > limit("xml_elements"):
        raise over(path, "xml_elements", where="word/document.xml", found=f"{elements:,}")
    lines = body_lines(document)
    warnings = [] if lines else [f"{path.name}: the Word document has no text in its body"]
    return Reading(reader="docx", lines=lines, warnings=warnings)


def sniff(sample: Sample) -> bool:
    """A Word document: a zip archive holding ``word/document.xml``."""
    return sample.is_zip and "word/document.xml" in sample.zip_names


READER = Reader(name="docx", label="a Word (.docx) document", suffixes=(".docx", ".docm", ".dotx"), rank=20,
                sniff=sniff, read=read_document)
