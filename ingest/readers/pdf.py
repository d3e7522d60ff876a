"""PDF reader (pdfplumber): tables by their ruling lines, columns by word positions, text lines otherwise.

On each page, in reading order from the top:

- a table drawn with ruling lines (pdfplumber's table finder, ``lines`` strategy) gives one :class:`Line`
  per table row with one cell per column (a cell's wrapped lines joined with spaces);
- other text is grouped into lines by position; within a line, a gap wider than about one em splits it into
  segments, and segments are placed in the page's columns (found from the left edges of segments that
  recur on several lines), so a table without ruling lines comes out like a tab-separated text file: a
  wrapped line of the third column has two empty cells before it;
- plain prose is one cell per line; a gap wider than most of a line's height (a paragraph break) and the
  space round a table give a blank line, as in text extracted from PDF.

``Line.page`` is the 1-based page, ``Line.no`` a running line number through the document. A PDF with no
text layer (a scan) raises :class:`ReadError`: OCR is out of scope (run ``ocrmypdf`` first).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from statistics import median
from typing import Any

from reviewgraph.ingest.readers.base import ReadError, Reader, Reading, Sample
from reviewgraph.ingest.readers.pdf_fast import FastPages, TooManyChars
from reviewgraph.records.parsed import Line

__all__ = ["READER", "Layout", "page_rows", "read_document", "sniff"]

_RULED = {"vertical_strategy": "lines", "horizontal_strategy": "lines", "snap_tolerance": 3,
          "intersection_tolerance": 3}
_LINE_TOL = 3.0      # words whose tops differ by less than this (points) are on one line
_COL_TOL = 6.0       # segment left edges within this distance belong to one column
_BLANK = ("",)       # a blank line


def _clean(text: str | None) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def _inside(word: dict[str, Any], boxes: list[tuple[float, float, float, float]]) -> bool:
    cx, cy = (word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2
    return any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)


def _open_sided(bbox: tuple[float, float, float, float], words: list[dict[str, Any]]) -> bool:
    """Words level with a table and just beside it: the table's outer ruling lines are missing."""
    x0, top, x1, bottom = bbox
    for w in words:
        cy = (w["top"] + w["bottom"]) / 2
        if top < cy < bottom and (x0 - 60 < w["x1"] <= x0 + 1 or x1 - 1 <= w["x0"] < x1 + 60):
            return True
    return False


def _text_lines(words: list[dict[str, Any]]) -> list[tuple[float, list[dict[str, Any]]]]:
    """Words grouped into physical lines (top, words left to right)."""
    lines: list[tuple[float, list[dict[str, Any]]]] = []
    for w in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if lines and abs(lines[-1][0] - w["top"]) <= _LINE_TOL:
            lines[-1][1].append(w)
        else:
            lines.append((w["top"], [w]))
    return [(top, sorted(ws, key=lambda w: w["x0"])) for top, ws in lines]


def _segments(words: list[dict[str, Any]]) -> list[tuple[float, float, str]]:
    """Split one line's words where the gap is wider than about one em: (left, right, text) per segment."""
    size = median(w["bottom"] - w["top"] for w in words) or 10.0
    gap = max(6.0, 0.9 * size)
    segs: list[list[dict[str, Any]]] = [[words[0]]]
    for prev, w in pairwise(words):
        if w["x0"] - prev["x1"] > gap:
            segs.append([w])
        else:
            segs[-1].append(w)
    return [(s[0]["x0"], s[-1]["x1"], " ".join(w["text"] for w in s)) for s in segs]


def _columns(lines: list[list[tuple[float, float, str]]]) -> list[float]:
    """Column left edges: edges of segments on multi-segment lines that recur (or head a 3+ column line)."""
    edges = sorted(x for segs in lines if len(segs) > 1 for x, _, _ in segs)
    clusters: list[list[float]] = []
    for x in edges:
        if clusters and x - clusters[-1][-1] <= _COL_TOL:
            clusters[-1].append(x)
        else:
            clusters.append([x])
    wide = max((len(s) for s in lines), default=0)
    keep = [min(c) for c in clusters if len(c) >= 2 or wide >= 3]
    return keep


def _place(segs: list[tuple[float, float, str]], cols: list[float], in_table: bool) -> tuple[str, ...]:
    """Cells of one line: each segment in the column whose left edge is nearest at or before it.

    A single segment stays one cell when it is not inside a table (just below a row of several columns),
    starts in the first column, or crosses a column edge (a title, a paragraph).
    """
    if len(cols) < 2:
        return tuple(t for _, _, t in segs)
    if len(segs) == 1:
        x0, x1, text = segs[0]
        if not in_table or x0 <= cols[0] + _COL_TOL or any(x0 + _COL_TOL < c < x1 - _COL_TOL for c in cols):
            return (text,)
    cells = [""] * len(cols)
    for x, _, text in segs:
        idx = max((i for i, c in enumerate(cols) if c <= x + _COL_TOL), default=0)
        cells[idx] = f"{cells[idx]} {text}".strip()
    while cells and not cells[-1]:
        cells.pop()
    return tuple(cells)


class Placed(tuple):  # type: ignore[type-arg]
    """The cells of a line of an unruled table, each placed under its column by its words' position (a line,
    not a whole row: a row's cells may wrap onto the lines below)."""

    __slots__ = ()


@dataclass
class Layout:
    """What one page tells the next: the columns of an unruled table, and whether a table was running."""

    cols: list[float] = field(default_factory=list)
    in_table: bool = False


def page_rows(page: Any, layout: Layout | None = None) -> list[tuple[str, ...]]:
    """Rows of cells on one pdfplumber page, top to bottom; ``layout`` carries columns across pages."""
    layout = layout if layout is not None else Layout()
    all_words = page.extract_words(x_tolerance=1.5, y_tolerance=3, keep_blank_chars=False)
    # a box drawn round a paragraph or the whole page is one cell, not a table; a grid without its outer lines
    # leaves its first and last columns outside what the finder sees: both are read from word positions
    tables = [t for t in page.find_tables(table_settings=_RULED)
              if (len(t.rows) > 1 or len(t.columns) > 1) and not _open_sided(t.bbox, all_words)]
    boxes = [t.bbox for t in tables]
    items: list[tuple[float, int, tuple[str, ...]]] = []
    for t in tables:  # a table is set apart by blank lines, as in text
        items.append((t.bbox[1] - 0.01, 0, _BLANK))
        for i, row in enumerate(t.extract()):
            cells = tuple(_clean(c) for c in row)
            if any(cells):
                items.append((t.bbox[1] + i * 0.001, 0, cells))
        items.append((t.bbox[3], 0, _BLANK))
    words = [w for w in all_words if not _inside(w, boxes)]
    items.extend(_text_items(words, layout))
    items.sort(key=lambda it: (it[0], it[1]))
    return [cells for _, _, cells in items]


def word_rows(words: list[dict[str, Any]], layout: Layout) -> list[tuple[str, ...]]:
    """Rows of cells of a page that holds no ruled table, from its words (the fast path)."""
    items = _text_items(words, layout)
    items.sort(key=lambda it: (it[0], it[1]))
    return [cells for _, _, cells in items]


def _text_items(words: list[dict[str, Any]], layout: Layout) -> list[tuple[float, int, tuple[str, ...]]]:
    items: list[tuple[float, int, tuple[str, ...]]] = []
    lines = _text_lines(words)
    segs = [_segments(ws) for _, ws in lines]
    cols = _columns(segs)
    if len(cols) >= 2:
        layout.cols = cols
    prev_bottom: float | None = None
    for (top, ws), s in zip(lines, segs):
        height = max(w["bottom"] - w["top"] for w in ws)
        gap = top - prev_bottom if prev_bottom is not None else 0.0
        if gap > 0.5 * height:  # a paragraph break (line spacing leaves ~0.2 em): a blank line, as in text
            items.append((top - 0.01, 1, _BLANK))
        if gap > 1.5 * height:
            layout.in_table = False  # a wide gap ends a table without ruling lines
        cells = _place(s, layout.cols, layout.in_table)
        if len(cells) > 1:
            cells = Placed(cells)  # each cell under its column: the parser may trust the positions
            layout.in_table = True
        prev_bottom = max(w["bottom"] for w in ws)
        items.append((top, 1, cells))
    return items


def _open(path: Path, data: bytes) -> Any:
    import pdfplumber
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        return pdfplumber.open(io.BytesIO(data))
    except PdfminerException as exc:
        _reraise_memory(exc)
        raise ReadError(_explain(path, exc)) from None


def _reraise_memory(exc: BaseException) -> None:
    """Out of memory, wrapped by pdfplumber or not, is no damaged file: raise it for the caller to say so."""
    inner = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else exc
    if isinstance(inner, MemoryError):
        raise inner


def _explain(path: Path, exc: BaseException) -> str:
    inner = exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else exc
    name = type(inner).__name__
    if "Password" in name or "Encrypt" in name:
        return (f"{path.name}: the PDF is password-protected; open it, remove the password "
                "(or print it to a new PDF) and ingest that")
    return (f"{path.name}: a damaged or truncated PDF ({name}: {inner}); download or export it again")


def _content_size(page: Any, cap: int) -> int:
    """The bytes of drawing instructions of a pdfplumber ``page`` once unpacked, counted up to just past
    ``cap`` without holding them (a Flate stream is inflated a megabyte at a time and let go)."""
    import zlib

    from pdfminer.pdftypes import LITERALS_FLATE_DECODE, PDFStream, resolve1

    total = 0
    for ref in getattr(page.page_obj, "contents", None) or []:
        stream = resolve1(ref)
        if not isinstance(stream, PDFStream):
            continue
        if stream.data is not None or stream.rawdata is None or stream.decipher:
            total += len(stream.get_data())
        else:
            filters = stream.get_filters()
            if not filters:
                total += len(stream.rawdata)
            elif len(filters) == 1 and filters[0][0] in LITERALS_FLATE_DECODE:
                inflate, rest = zlib.decompressobj(), stream.rawdata
                try:
                    while rest and total <= cap:
                        total += len(inflate.decompress(rest, 1 << 20))
                        rest = inflate.unconsumed_tail
                except zlib.error:
                    pass  # damaged: the page's parse says so
            else:
                total += len(stream.get_data())
        if total > cap:
            break
    return total


def _rows(pages: list[Any], fast: FastPages | None, path: Path = Path("document.pdf"),
          ) -> Iterable[tuple[int, tuple[str, ...], bool]]:
    from reviewgraph.ingest.readers.limits import limit, over

    layout = Layout()
    max_content, max_chars = limit("page_content_bytes"), limit("page_chars")
    for number, page in enumerate(pages, start=1):
        size = _content_size(page, max_content)
        if size > max_content:  # refused before any parser builds the page's objects
            raise over(path, "page_content_bytes", where=f"page {number}")
        try:
            quick = fast.words(number - 1, max_chars) if fast is not None else None
        except TooManyChars as exc:
            raise over(path, "page_chars", where=f"page {number}", found=f"{exc.args[0]:,}") from None
        if quick is None and fast is None and len(page.chars) > max_chars:
            raise over(path, "page_chars", where=f"page {number}", found=f"{len(page.chars):,}")
        if quick is not None:  # no vector graphics on the page, so no ruled table: pdfium's words suffice
            words, images = quick
            rows = word_rows(words, layout)
            scan = not words and images
        else:
            rows = page_rows(page, layout)
            scan = not rows and not page.chars and bool(page.images)
        page.close()  # free the page's parsed objects: long reports stay in bounded memory
        for cells in rows:
            yield number, cells, True
        if not rows:
            yield number, (), not scan  # no text but images: a scan


def read_document(path: Path, data: bytes, *, fast: bool = True) -> Reading:
    """Lines of a PDF; ``fast=False`` reads every page with pdfplumber (the fast path gives the same lines)."""
    from reviewgraph.ingest.readers.limits import limit, over

    lines: list[Line] = []
    scanned_pages: list[int] = []
    warnings: list[str] = []
    max_text, text = limit("text_chars"), 0
    quick = FastPages.open(data) if fast else None
    if quick is not None and len(quick.doc) > limit("pages"):  # (pdfium counts them without building any)
        found = len(quick.doc)
        quick.close()
        raise over(path, "pages", found=f"{found:,}")
    try:
        opened = _open(path, data)
    except BaseException:
        if quick is not None:
            quick.close()
        raise
    with opened as pdf:
        try:
            n_pages = len(pdf.pages)
            if n_pages > limit("pages"):
                raise over(path, "pages", found=f"{n_pages:,}")
            for page_no, cells, has_text in _rows(pdf.pages, quick, path):
                if not cells:
                    if not has_text:
                        scanned_pages.append(page_no)
                    continue
                if cells == _BLANK and (not lines or lines[-1].blank):
                    continue
                text += sum(map(len, cells))
                if text > max_text:  # the text limit: the pages after this one are never parsed
                    warnings.append(f"{path.name}: more than {max_text / 1e6:g} million characters of text; read "
                                    f"up to page {page_no} and ignored the rest: split the document or set "
                                    "REVIEWGRAPH_MAX_TEXT_MB")
                    break
                lines.append(Line(no=len(lines) + 1, cells=tuple(cells), page=page_no,
                                  role="part" if isinstance(cells, Placed) else None))
            while lines and lines[-1].blank:
                lines.pop()
        except (ReadError, MemoryError):  # (out of memory is not a damaged file: the caller says what it is)
            raise
        except Exception as exc:  # noqa: BLE001 - pdfminer raises many kinds on damaged files
            _reraise_memory(exc)
            raise ReadError(_explain(path, exc)) from None
        finally:
            if quick is not None:
                quick.close()
    if n_pages == 0:
        raise ReadError(f"{path.name}: the PDF has no pages; download or export it again")
    if not lines:
        raise ReadError(f"{path.name}: the PDF has no text layer (a scanned image?); OCR is out of scope "
                          "for reviewgraph: run it through OCR first (e.g. ocrmypdf) and ingest the result")
    if scanned_pages:
        shown = ", ".join(map(str, scanned_pages[:10])) + (" ..." if len(scanned_pages) > 10 else "")
        warnings.append(f"{path.name}: {len(scanned_pages)} of {n_pages} pages have no text layer "
                        f"(scanned?): page {shown}; OCR is out of scope, so their text is missing")
    return Reading(reader="pdf", lines=lines, warnings=warnings, pages=n_pages)


def sniff(sample: Sample) -> bool:
    """A PDF: ``%PDF-`` in its first kilobyte (a few bytes of junk may come before it)."""
    return b"%PDF-" in sample.head[:1024]


READER = Reader(name="pdf", label="a PDF", suffixes=(".pdf",), rank=10, sniff=sniff, read=read_document)
