"""The Domestic Homicide Review Dataset (DHRD): its CSV tables read as dataset documents.

DHRD (Cook and Cook, CC BY 4.0) describes every review in the Home Office DHR Library in four linked
tables: ``documents``, ``incidents``, ``victims`` and ``perpetrators``, joined by ``incident_id``. A CSV
whose header is one of them becomes a :class:`ParsedDocument` with ``doc_kind="dataset"``, ``dataset``
naming the table and one :class:`DatasetRow` per record; :mod:`reviewgraph.graph.dhrd_build` turns the rows into
Review nodes with their tags. Blank cells are left out of the rows, so a missing value stays missing.
The tags are the Library's own: FALSE means "not tagged", not "absent".

Whatever shows DHRD data must show :data:`reviewgraph.records.dataset.ATTRIBUTION` (the licence requires it); the dataset's Document
nodes carry it in ``notes``.
"""

from __future__ import annotations

import re

from reviewgraph.records.dataset import ATTRIBUTION
from reviewgraph.records.kinds import DocKind, ReviewKind
from reviewgraph.records.parsed import DatasetRow, Line, ParsedDocument, ReviewHints

__all__ = [
    "TABLES",
    "column_name",
    "parse_dataset",
    "table_of",
]

#: the four tables and the id column each has besides incident_id
TABLES = {"incidents": "incident_id", "documents": "document_id", "victims": "victim_id",
          "perpetrators": "perpetrator_id"}
_INCIDENT_COLUMNS = {"csp", "region", "death_date"}


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
        file_name=file_name, sha256=sha256, doc_kind=DocKind.dataset, reader=reader,
        title=f"Domestic Homicide Review Dataset: {table} ({len(rows)} records)",
        line_count=len(lines), hints=ReviewHints(review_kind=ReviewKind.DHR), notes=[ATTRIBUTION],
        warnings=warnings, placed_lines=len(rows) + 1 if lines else 0, dataset=f"dhrd:{table}", rows=rows)
