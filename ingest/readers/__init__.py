"""Readers: each turns a file into :class:`~ingest.records.Line` rows of cells, with provenance.

``read(path)`` picks the reader by content. Only text is handled here so far; the native formats
(PDF, DOCX, XLSX, CSV) register in this package as they land.
"""

from __future__ import annotations

from pathlib import Path

from ingest.readers.text import read_text_lines
from ingest.records import Line

__all__ = ["read", "ReadError"]


class ReadError(ValueError):
    """A file that no reader can read; the message names the file and says what to do."""


def read(path: Path, data: bytes | None = None) -> tuple[str, list[Line]]:
    data = path.read_bytes() if data is None else data
    return "text", read_text_lines(data, path)
