"""CSV reader: one :class:`Line` per record, a cell per field; delimiter sniffed, encoding detected.

``Line.no`` is the record's 1-based position in the file (records, not physical lines: a quoted cell may
span several lines). Cells keep their text; newlines inside a quoted cell become spaces.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from reviewgraph.ingest.readers.base import ReadError, Reader, Reading, Sample
from reviewgraph.ingest.readers.text import decode
from reviewgraph.records.parsed import Line

__all__ = ["READER", "read_document", "rows_from_text", "sniff", "sniff_delimiter"]

_DELIMITERS = ",;\t|"


def sniff_delimiter(sample: str, suffix: str = ".csv") -> str:
    """The delimiter of ``sample``: a tab for ``.tsv``; else the one of ``, ; TAB |`` that splits the most
    records into the same number (two or more) of fields. The csv module's Sniffer gives up on action
    plans, whose title rows have one field and whose cells are full of commas.

    >>> sniff_delimiter('Title\\nNo;Action;Lead\\n1;Train, then audit;Police\\n')
    ';'
    """
    if suffix == ".tsv":
        return "\t"
    best, best_score = ",", (0, 0)
    for delim in _DELIMITERS:
        try:
            counts = [len(row) for row in csv.reader(io.StringIO(sample, newline=""), delimiter=delim)][:200]
        except csv.Error:
            continue
        counts = [n for n in counts if n > 1]
        if not counts:
            continue
        mode = max(set(counts), key=lambda n: (counts.count(n), n))
        score = (counts.count(mode), mode)
        if score > best_score:
            best, best_score = delim, score
    return best


def rows_from_text(text: str, suffix: str = ".csv", *, max_cells: int | None = None,
                   path: Path | None = None) -> list[Line]:
    """Lines of CSV ``text``; more than ``max_cells`` cells raise the limit's error naming ``path``.

    >>> [ln.cells for ln in rows_from_text('No;Action\\n1;"Train staff;\\nthen audit"\\n')]
    [('No', 'Action'), ('1', 'Train staff; then audit')]
    """
    first = 1
    hint = re.match(r"sep=(.)\r?\n", text)  # Excel's "sep=;" first line names the delimiter
    if hint:
        delimiter, text, first = hint.group(1), text[hint.end():], 2
    else:
        delimiter = sniff_delimiter(text[:50_000], suffix)
    out: list[Line] = []
    cells_read = 0
    for no, row in enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), start=first):
        cells_read += len(row)
        if max_cells is not None and cells_read > max_cells:
            from reviewgraph.ingest.readers.limits import over

            raise over(path or Path("the CSV file"), "cells", where=f"record {no}")
        cells = tuple(re.sub(r"\s*[\r\n]+\s*", " ", c).strip() for c in row)
        while cells and not cells[-1]:
            cells = cells[:-1]
        if cells or (out and not out[-1].blank):  # an empty record is a blank line, as in text
            # a record is a whole row, its cells in their columns (a quoted cell may run over lines)
            out.append(Line(no=no, cells=cells, role="row" if cells else None))
    while out and out[-1].blank:
        out.pop()
    return out


def read_document(path: Path, data: bytes) -> Reading:
    """The records of a CSV file: text beyond the text limit is never decoded, and the cells are counted as
    they are read (:mod:`reviewgraph.ingest.readers.limits`)."""
    from reviewgraph.ingest.readers.limits import limit, text_cut_warning, text_head

    data, cut = text_head(data)
    text, encoding = decode(data)
    warnings = [] if encoding.startswith("utf") else [f"{path.name}: not UTF-8; read as {encoding}"]
    try:
        lines = rows_from_text(text, path.suffix.lower(), max_cells=limit("cells"), path=path)
    except csv.Error as exc:
        raise ReadError(f"{path.name}: not a readable CSV file ({exc})") from None
    if cut:
        warnings.append(text_cut_warning(path, lines[-1].no if lines else None))
    return Reading(reader="csv", lines=lines, warnings=warnings)


def sniff(sample: Sample) -> bool:
    """A CSV (or TSV) file: text, named so (its content is told from plain text by its name only)."""
    return sample.path.suffix.lower() in READER.suffixes


READER = Reader(name="csv", label="a CSV file", suffixes=(".csv", ".tsv"), rank=20, reads_text=True, sniff=sniff,
                read=read_document)
