"""Excel (.xlsx) reader (openpyxl, read-only): each visible sheet's rows as lines, dates as text.

- ``Line.sheet`` is the sheet's name, ``Line.page`` its 1-based position among the sheets read and
  ``Line.no`` the spreadsheet row number (what a person sees at the left of the sheet).
- A merged range holds its value in its top-left cell only, so a recommendation merged down over its
  action rows comes out once, the rows below continuing it, as in a text action plan.
- Date cells (datetime values) become "31 March 2025"; a bare number in a column whose header names a date
  ("Target date", "Deadline", "By when") is read as an Excel date serial and converted the same way.
- Formulas give their last calculated value; hidden sheets are skipped with a warning.
"""

from __future__ import annotations

import colorsys
import datetime as dt
import io
import re
import zipfile
import zlib
from pathlib import Path
from typing import Any

from reviewgraph.ingest.readers.base import ReadError, Reader, Reading, Sample
from reviewgraph.records.parsed import Line

__all__ = ["DATE_HEADER", "READER", "cell_text", "read_document", "sniff"]

#: a header cell naming a column of dates
DATE_HEADER = re.compile(r"\b(date|target|deadline|timescale|by when|due|completion|review by)\b", re.IGNORECASE)
#: other header cells: a row with a date header and one of these is a header row
_HEADER_CUE = re.compile(r"^(no\.?|ref|recommendations?|actions?( to take)?|lead.*|owner|agency|status|progress"
                         r"|outcome.*|scope|key milestones.*|rag)$", re.IGNORECASE)
_SERIAL_RANGE = (20000, 73051)  # 1954-10-03 .. 2099-12-31: a plausible date for a review
#: a header cell naming a column of statuses, whose empty cells may say it by their colour alone
_STATUS_HEADER = re.compile(r"^(?:b?rag(?:\s*(?:rating|status))?|status(?:\s*\(?b?rag\)?)?|current status|"
                            r"rag\s*/\s*status|status\s*/\s*rag|progress\s*\(?b?rag\)?)$", re.IGNORECASE)


def fill_colour(cell: Any) -> str | None:
    """The name of a cell's solid fill as a RAG rating reads it ("Red", "Amber", "Green", "Blue"), from its
    RGB colour's hue; None for no fill, a theme colour, white, grey or black.

    >>> class C: pass
    >>> c = C(); c.fill = C(); c.fill.fill_type = "solid"; c.fill.fgColor = C(); c.fill.fgColor.type = "rgb"
    >>> c.fill.fgColor.rgb = "FF00B050"; fill_colour(c)
    'Green'
    """
    fill = getattr(cell, "fill", None)
    if fill is None or getattr(fill, "fill_type", None) != "solid":
        return None
    colour = getattr(fill, "fgColor", None)
    rgb = getattr(colour, "rgb", None) if getattr(colour, "type", None) == "rgb" else None
    if not isinstance(rgb, str) or len(rgb) not in (6, 8):
        return None
    r, g, b = (int(rgb[-6:][k:k + 2], 16) / 255 for k in (0, 2, 4))
    hue, sat, val = colorsys.rgb_to_hsv(r, g, b)
    if sat < 0.35 or val < 0.35:
        return None
    deg = hue * 360
    if deg < 15 or deg >= 340:
        return "Red"
    if deg < 65:
        return "Amber"
    if deg < 170:
        return "Green"
    if 180 <= deg < 260:
        return "Blue"
    return None


def _date_text(value: dt.date | dt.datetime) -> str:
    return f"{value.day} {value:%B %Y}"


def cell_text(value: Any, *, date_column: bool = False, epoch: dt.datetime | None = None) -> str:
    """Text of one cell value, as a person reading the sheet would write it.

    >>> cell_text(dt.datetime(2025, 3, 31)), cell_text(17.3), cell_text(3.0), cell_text(45747, date_column=True)
    ('31 March 2025', '17.3', '3', '31 March 2025')
    """
    if value is None:
        return ""
    if isinstance(value, (dt.datetime, dt.date)):
        return _date_text(value)
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float)):
        if date_column and _SERIAL_RANGE[0] <= value <= _SERIAL_RANGE[1]:
            from openpyxl.utils.datetime import CALENDAR_WINDOWS_1900, from_excel

            return _date_text(from_excel(value, epoch or CALENDAR_WINDOWS_1900))
        if float(value).is_integer():
            return str(int(value))
        return repr(round(float(value), 9))
    return re.sub(r"\s+", " ", str(value)).strip()


class _Cells:
    """The cells read so far from one workbook (empty cells a sheet pads its rows with included)."""

    def __init__(self, path: Path) -> None:
        from reviewgraph.ingest.readers.limits import limit

        self.path, self.count, self.cap = path, 0, limit("cells")

    def add(self, n: int, ws: Any, row: int) -> None:
        self.count += max(n, 1)
        if self.count > self.cap:
            from reviewgraph.ingest.readers.limits import over

            raise over(self.path, "cells", where=f"sheet {ws.title!r}, row {row}")


def _sheet_lines(ws: Any, page: int, epoch: dt.datetime | None, cells_read: _Cells | None = None) -> list[Line]:
    lines: list[Line] = []
    date_cols: set[int] = set()
    status_cols: set[int] = set()
    for i, row in enumerate(ws.iter_rows(), start=1):
        if cells_read is not None:
            cells_read.add(len(row), ws, i)
        no = next((c.row for c in row if getattr(c, "row", None)), i)
        values = [getattr(c, "value", None) for c in row]
        cells = [cell_text(v, date_column=j in date_cols, epoch=epoch) for j, v in enumerate(values)]
        for j in status_cols:
            # a RAG column rated by colour alone: the colour's name, said to be one ("Red (cell colour)")
            if j < len(cells) and not cells[j] and any(cells) and (name := fill_colour(row[j])):
                cells[j] = f"{name} (cell colour)"
        while cells and not cells[-1]:
            cells.pop()
        if lines and not lines[-1].blank and (not cells or no > lines[-1].no + 1):
            # an empty row is a blank line: it sets paragraphs and tables apart, as in text
            lines.append(Line(no=no if not cells else no - 1, cells=(), page=page, sheet=ws.title))
        if not cells:
            continue
        texts = [j for j, v in enumerate(values) if isinstance(v, str) and v.strip()]
        if len(texts) >= 2 and all(len(values[j]) < 60 for j in texts):
            found = {j for j in texts if DATE_HEADER.search(values[j])}
            if found and any(_HEADER_CUE.match(values[j].strip()) for j in texts):
                date_cols = found
            rated = {j for j in texts if _STATUS_HEADER.match(values[j].strip())}
            if rated and any(_HEADER_CUE.match(values[j].strip()) for j in texts if j not in rated):
                status_cols = rated
        lines.append(Line(no=no, cells=tuple(cells), page=page, sheet=ws.title))
    while lines and lines[-1].blank:
        lines.pop()
    return lines


_SST = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}si"


def _within_limits(path: Path, data: bytes) -> None:
    """Refuse, before openpyxl reads it, a workbook past the limits (:mod:`reviewgraph.ingest.readers.limits`): parts
    that declare too much, or a shared-strings table of too many strings (openpyxl holds it all in memory;
    counted here streamed)."""
    from lxml import etree

    from reviewgraph.ingest.readers.limits import check_zip, count_elements

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            check_zip(path, zf)
            for name in zf.namelist():
                if name.lower().endswith("sharedstrings.xml"):
                    count_elements(path, zf, name, {_SST: "shared_strings"})
    except (zipfile.BadZipFile, etree.XMLSyntaxError, EOFError, zlib.error) as exc:
        raise ReadError(f"{path.name}: not a readable Excel workbook ({exc}); open it in Excel or "
                        "LibreOffice and save it as .xlsx") from None


def read_document(path: Path, data: bytes) -> Reading:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    _within_limits(path, data)
    cells_read = _Cells(path)
    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, KeyError, ValueError, zipfile.BadZipFile, OSError) as exc:
        raise ReadError(f"{path.name}: not a readable Excel workbook ({exc}); open it in Excel or "
                          "LibreOffice and save it as .xlsx") from None
    lines: list[Line] = []
    warnings: list[str] = []
    try:
        epoch = getattr(wb, "epoch", None)
        page = 0
        for ws in wb.worksheets:
            if ws.sheet_state != "visible":
                warnings.append(f"{path.name}: sheet {ws.title!r} is hidden and was not read")
                continue
            if not hasattr(ws, "iter_rows"):  # a chart sheet
                continue
            page += 1
            lines.extend(_sheet_lines(ws, page, epoch, cells_read))
    finally:
        wb.close()
    if not lines:
        warnings.append(f"{path.name}: the workbook's visible sheets are empty")
    return Reading(reader="xlsx", lines=lines, warnings=warnings, pages=page)


def sniff(sample: Sample) -> bool:
    """An Excel workbook: a zip archive holding ``xl/workbook.xml``."""
    return sample.is_zip and "xl/workbook.xml" in sample.zip_names


READER = Reader(name="xlsx", label="an Excel (.xlsx) workbook", suffixes=(".xlsx", ".xlsm", ".xltx"), rank=20,
                sniff=sniff, read=read_document)
