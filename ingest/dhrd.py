"""The Domestic Homicide Review Dataset (DHRD): its CSV tables read as dataset documents.

DHRD (Cook and Cook, CC BY 4.0) describes every review in the Home Office DHR Library in four linked
tables: ``documents``, ``incidents``, ``victims`` and ``perpetrators``, joined by ``incident_id``. A CSV
whose header is one of them becomes a :class:`ParsedDocument` with ``doc_kind="dataset"``, ``dataset``
naming the table and one :class:`DatasetRow` per record; :mod:`reviewgraph.graph.dhrd_build` turns the rows into
Review nodes with their tags. Blank cells are left out of the rows, so a missing value stays missing.
The tags are the Library's own: FALSE means "not tagged", not "absent".

Whatever shows DHRD data must show :data:`ATTRIBUTION` (the licence requires it); the dataset's Document
nodes carry it in ``notes``.
"""

from __future__ import annotations

import re

from reviewgraph.ingest.records import DatasetRow, Line, ParsedDocument, ReviewHints

__all__ = [
    "ATTRIBUTION",
    "DOI",
    "LICENSE",
    "TABLES",
    "column_name",
    "parse_bool",
    "parse_dataset",
    "parse_date",
    "table_of",
]

DOI = "10.5281/zenodo.21108268"
LICENSE = "CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)"
#: the attribution the licence requires wherever DHRD data is shown or redistributed (one place: use this)
ATTRIBUTION = (f"Domestic Homicide Review Dataset (DHRD), Cook and Cook, licensed under {LICENSE}, "
               f"https://doi.org/{DOI}. Tags come from the Home Office DHR Library.")

#: the four tables and the id column each has besides incident_id
TABLES = {"incidents": "incident_id", "documents": "document_id", "victims": "victim_id",
          "perpetrators": "perpetrator_id"}
_INCIDENT_COLUMNS = {"csp", "region", "death_date"}

_TRUE = {"true", "t", "yes", "y", "1"}
_FALSE = {"false", "f", "no", "n", "0"}
_MONTHS = {m: i for i, m in enumerate(["january", "february", "march", "april", "may", "june", "july", "august",
                                        "september", "october", "november", "december"], start=1)}


def column_name(cell: str) -> str:
    """Header cell as a column name: ``"Death date "`` -> ``"death_date"``."""
    return re.sub(r"[^a-z0-9]+", "_", cell.strip().lower()).strip("_")


def table_of(lines: list[Line], file_name: str = "") -> str | None:
    """Which DHRD table a CSV holds, from its header (and its file name when the header is ambiguous)."""
    if not lines:
        return None
    header = {column_name(c) for c in lines[0].cells}
    if "incident_id" not in header:
        return None
    stem = file_name.lower()
    for table, id_col in TABLES.items():
        if table != "incidents" and (id_col in header or table in stem):
            return table
    if header & _INCIDENT_COLUMNS:
        return "incidents"
    return None


def parse_dataset(lines: list[Line], *, file_name: str, sha256: str, reader: str = "csv",
                  table: str | None = None) -> ParsedDocument:
    """A DHRD table as a dataset document: one :class:`DatasetRow` per record, blank cells left out."""
    table = table or table_of(lines, file_name) or "unknown"
    columns: list[str] = []
    for cell in lines[0].cells if lines else ():
        name = column_name(cell) or f"column_{len(columns) + 1}"
        columns.append(name if name not in columns else f"{name}_{len(columns) + 1}")
    rows = []
    for line in lines[1:]:
        values = {col: cell.strip() for col, cell in zip(columns, line.cells) if cell.strip()}
        if values:
            rows.append(DatasetRow(line=line.no, values=values))
    warnings = []
    short = [r.line for r in lines[1:] if len(r.cells) > len(columns)]
    if short:
        warnings.append(f"{file_name}: {len(short)} rows have more cells than the header; extra cells ignored")
    return ParsedDocument(
        file_name=file_name, sha256=sha256, doc_kind="dataset", reader=reader,
        title=f"Domestic Homicide Review Dataset: {table} ({len(rows)} records)",
        line_count=len(lines), hints=ReviewHints(review_kind="DHR"), notes=[ATTRIBUTION],
        warnings=warnings, placed_lines=len(rows) + 1 if lines else 0, dataset=f"dhrd:{table}", rows=rows)


def parse_bool(value: str | None) -> bool | None:
    """``True``/``False`` for the dataset's booleans; ``None`` when blank or not a boolean.

    >>> parse_bool("True"), parse_bool("FALSE"), parse_bool(""), parse_bool("unknown")
    (True, False, None, None)
    """
    v = (value or "").strip().lower()
    return True if v in _TRUE else False if v in _FALSE else None


def parse_date(value: str | None) -> str | None:
    """An ISO date at the precision given: ``"September 2018"`` -> ``"2018-09"``, ``"2018"`` -> ``"2018"``.

    >>> parse_date("September 2018"), parse_date("2018"), parse_date("3 Sept 2019"), parse_date("")
    ('2018-09', '2018', '2019-09-03', None)
    """
    v = re.sub(r"\s+", " ", (value or "").strip().lower().replace(",", " "))
    if not v:
        return None
    if m := re.fullmatch(r"((?:19|20)\d\d)(?:-(\d\d)(?:-(\d\d))?)?", v):
        return "-".join(p for p in m.groups() if p)
    if m := re.fullmatch(r"(?:(\d{1,2})(?:st|nd|rd|th)? )?([a-z]+)\.? ((?:19|20)\d\d)", v):
        month = next((n for name, n in _MONTHS.items() if len(m.group(2)) >= 3 and name.startswith(m.group(2))),
                     None)
        if month is None:
            return None
        day = f"-{int(m.group(1)):02d}" if m.group(1) else ""
        return f"{m.group(3)}-{month:02d}{day}"
    if m := re.fullmatch(r"(\d{1,2})/(\d{1,2})/((?:19|20)\d\d)", v):
        return f"{m.group(3)}-{int(m.group(2)):02d}-{int(m.group(1)):02d}"
    return None
