"""Parse a synthetic document given as a string (cells separated by tabs, as text extracted from PDF)."""

from __future__ import annotations

import hashlib

from reviewgraph.ingest.parse import parse_lines
from reviewgraph.ingest.readers.text import read_text_lines
from reviewgraph.records.parsed import ParsedDocument, ParsedRec


def parse_text(text: str, name: str = "synthetic.txt", review: str | None = None) -> ParsedDocument:
    data = text.encode("utf-8")
    return parse_lines(read_text_lines(data), file_name=name, sha256=hashlib.sha256(data).hexdigest(),
                       review=review)


def plan_recs(doc: ParsedDocument) -> list[ParsedRec]:
    return [r for p in doc.plans for r in p.recs]


def rows(*cells_per_line: tuple[str, ...] | str) -> str:
    """Lines from tuples of cells (joined by tabs) or plain strings."""
    return "\n".join(c if isinstance(c, str) else "\t".join(c) for c in cells_per_line) + "\n"
