"""The limits on what one document may hold, and the counting the readers do against them.

A review document is at most a few hundred pages: a few thousand paragraphs, a few hundred table rows, a
million characters. A file far beyond that (a zip that unpacks to gigabytes, a page of four million text
operators, a spreadsheet of millions of strings) is no review; read whole it would take the machine's memory.
So each reader counts as it reads and stops at the first limit passed, with a :class:`LimitError` (a
:class:`~ingest.readers.base.ReadError`: one line naming the file, the limit, and the variable that raises
it). The text limit is the exception: text beyond it is left with a warning (the document's start is read).

Every limit is set by an environment variable; ``0`` or a negative value is not allowed (the default is kept).

>>> limit("pages") == LIMITS["pages"].default
True
>>> print(over("plan.pdf", "pages", found="5,001"))
plan.pdf: more than 5,000 pages (5,001), the most reviewgraph reads from one document; split the document, or raise REVIEWGRAPH_MAX_PAGES
"""

from __future__ import annotations

import os
import zipfile
from dataclasses import dataclass
from pathlib import Path

from reviewgraph.ingest.readers.base import ReadError

__all__ = ["LIMITS", "Limit", "LimitError", "check_zip", "count_elements", "limit", "over"]


@dataclass(frozen=True)
class Limit:
    """One limit: its default, the variable that changes it, and what it counts (plural, for messages)."""

    default: int
    env: str
    counts: str
    scale: int = 1          # the variable's unit: 1_000_000 for "_MB" (megabytes or millions)
    applies: str = ""       # where it applies, for docs/reliability.md


LIMITS: dict[str, Limit] = {
    "text_chars": Limit(8_000_000, "REVIEWGRAPH_MAX_TEXT_MB", "characters of text", 1_000_000,
                        "every format: text beyond it is left, with a warning"),
    "file_bytes": Limit(256_000_000, "REVIEWGRAPH_MAX_FILE_MB", "bytes", 1_000_000,
                        "PDF, Word, Excel (read whole); a larger text, CSV or HTML file is read up to the text limit"),
    "unpacked_bytes": Limit(256_000_000, "REVIEWGRAPH_MAX_UNPACKED_MB", "bytes unpacked", 1_000_000,
                            "Word, Excel: the sizes the zip declares for its parts, added up, before unpacking"),
    "zip_ratio": Limit(200, "REVIEWGRAPH_MAX_ZIP_RATIO", "times its packed size",
                       applies="Word, Excel: a part over 4 MB unpacked that packs smaller than this (a zip bomb)"),
    "xml_part_bytes": Limit(64_000_000, "REVIEWGRAPH_MAX_XML_PART_MB", "bytes unpacked", 1_000_000,
                            "Word, Excel: one XML part (document.xml, a sheet, the shared strings)"),
    "paragraphs": Limit(200_000, "REVIEWGRAPH_MAX_PARAGRAPHS", "paragraphs and table rows",
                        applies="Word: counted in document.xml, streamed, before python-docx loads it"),
    "xml_elements": Limit(5_000_000, "REVIEWGRAPH_MAX_XML_ELEMENTS", "XML elements",
                          applies="Word: elements of document.xml, counted (in C) before they are read"),
    "shared_strings": Limit(1_000_000, "REVIEWGRAPH_MAX_SHARED_STRINGS", "shared strings",
                            applies="Excel: the shared-strings table, counted streamed before openpyxl loads it"),
    "cells": Limit(2_000_000, "REVIEWGRAPH_MAX_CELLS", "cells",
                   applies="Excel (the empty cells a sheet pads its rows with included), CSV: counted as read"),
    "pages": Limit(5_000, "REVIEWGRAPH_MAX_PAGES", "pages", applies="PDF"),
    "page_content_bytes": Limit(8_000_000, "REVIEWGRAPH_MAX_PAGE_CONTENT_MB", "bytes of drawing instructions",
                                1_000_000, "PDF: a page's content streams unpacked (about a million text "
                                           "operators), counted before the page is parsed"),
    "page_chars": Limit(200_000, "REVIEWGRAPH_MAX_PAGE_CHARS", "characters",
                        applies="PDF: one page's characters (a dense page holds about 10,000)"),
}


def limit(name: str) -> int:
    """The value of limit ``name``: its variable when set to a positive number, else its default."""
    spec = LIMITS[name]
    env = os.environ.get(spec.env, "").strip()
    if env:
        try:
            value = float(env)
        except ValueError:
            value = 0
        if value > 0:
            return max(1, int(value * spec.scale))
    return spec.default


class LimitError(ReadError):
    """A file past one of the :data:`LIMITS`; the message names the file, the place, the limit and its variable."""


def _shown(value: int, scale: int) -> str:
    if scale == 1_000_000:
        return f"{value / 1e6:g} MB" if value >= 1_000_000 else f"{value:,} bytes"
    return f"{value:,}"


def over(path: str | Path, name: str, where: str = "", found: str = "") -> LimitError:
    """The error for ``path`` past limit ``name`` (``where``: the page, row or part; ``found``: what it holds)."""
    spec = LIMITS[name]
    value = limit(name)
    place = f"{where}: " if where else ""
    if spec.counts.startswith("bytes"):
        amount = _shown(value, spec.scale) + spec.counts.removeprefix("bytes")
    else:
        amount = f"{value:,} {spec.counts}"
    found = f" ({found})" if found else ""
    return LimitError(f"{Path(path).name}: {place}more than {amount}{found}, the most reviewgraph reads from one "
                      f"document; split the document, or raise {spec.env}")


_RATIO_FROM = 4_000_000   # parts smaller than this unpacked are never refused for their ratio


def check_zip(path: Path, zf: zipfile.ZipFile) -> None:
    """Refuse a .docx or .xlsx whose parts declare more than the limits, before anything is unpacked: the
    sizes added up, one XML part, or a part that packs more tightly than any document does (a zip bomb).
    :mod:`zipfile` never unpacks more than a part declares, so the declared sizes bound what is read."""
    total, max_total = 0, limit("unpacked_bytes")
    max_part, max_ratio = limit("xml_part_bytes"), limit("zip_ratio")
    for info in zf.infolist():
        total += info.file_size
        if total > max_total:
            raise over(path, "unpacked_bytes", found=f"{info.filename} takes it past")
        if info.filename.lower().endswith((".xml", ".rels")) and info.file_size > max_part:
            raise over(path, "xml_part_bytes", where=info.filename,
                       found=f"it declares {info.file_size / 1e6:,.0f} MB")
        if info.file_size > _RATIO_FROM and info.file_size > max_ratio * max(info.compress_size, 1):
            raise over(path, "zip_ratio", where=info.filename,
                       found=f"{info.file_size / 1e6:,.0f} MB from {info.compress_size / 1e3:,.0f} KB")


def count_elements(path: Path, zf: zipfile.ZipFile, member: str, tags: dict[str, str]) -> dict[str, int]:
    """Count the elements of XML part ``member`` whose Clark names are the keys of ``tags``, against the
    limit each names (tags naming the same limit count together), streamed: each element is dropped once
    counted, so memory stays flat whatever the part holds. Raises :func:`over` as soon as a count passes
    its limit; returns the counts by limit name. (Only the counted elements reach Python: a part of a
    few thousand paragraphs costs a few milliseconds.)"""
    from lxml import etree

    counts = dict.fromkeys(tags.values(), 0)
    caps = {name: limit(name) for name in counts}
    with zf.open(member) as fh:
        # no entity expansion and no network: a billion-laughs part costs nothing here either
        context = etree.iterparse(fh, events=("end",), tag=tuple(tags), resolve_entities=False,
                                  no_network=True, huge_tree=True)
        for _event, el in context:
            name = tags[el.tag]
            counts[name] += 1
            if counts[name] > caps[name]:
                raise over(path, name, where=member)
            el.clear()  # counted: drop it, and the siblings counted before it, so the tree never grows
            while el.getprevious() is not None:
                del el.getparent()[0]
    return counts


def text_head(data: bytes, max_chars: int | None = None) -> tuple[bytes, bool]:
    """``(head, cut)``: the first bytes of a text file that hold at most ``max_chars`` characters (the text
    limit by default), cut at the end of a line, so that what is beyond the limit is never decoded. The
    width of a character is taken from the encoding's least (4 bytes in UTF-32, 2 in UTF-16, else 1).

    >>> text_head(b"one\\ntwo\\nthree\\n", 9)
    (b'one\\ntwo\\n', True)
    >>> text_head(b"one\\n", 9)
    (b'one\\n', False)
    """
    chars = limit("text_chars") if max_chars is None else max_chars
    head = data[:4]
    if head.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        unit = 4
    elif head.startswith((b"\xff\xfe", b"\xfe\xff")) or (len(data) >= 4 and (data[1:4:2] == b"\x00\x00"
                                                                            or data[0:4:2] == b"\x00\x00")):
        unit = 2
    else:
        unit = 1
    most = chars * unit + 4
    if len(data) <= most:
        return data, False
    if unit == 1:
        end = data.rfind(b"\n", 0, most) + 1
        if end <= 0:  # one line longer than the limit: cut between characters (never inside a UTF-8 one)
            end = most
            while end > 0 and data[end] & 0xC0 == 0x80:
                end -= 1
    else:
        end = most - most % unit
    return data[:end], True


def text_cut_warning(path: Path, last_line: int | None) -> str:
    """The warning for a text file read up to the text limit."""
    where = f"read up to line {last_line} and ignored the rest" if last_line else "ignored what follows"
    return (f"{path.name}: more than {limit('text_chars') / 1e6:g} million characters of text; {where}: split "
            f"the document or set {LIMITS['text_chars'].env}")
