"""The board report as a document: Word (python-docx) or PDF (ReportLab), with charts (matplotlib).

:func:`write_report` renders a :class:`reviewgraph.queries.board_report.BoardReport` to ``.docx`` or ``.pdf`` bytes or
file; :mod:`reviewgraph.app.board.charts` draws the charts as PNG in memory; :mod:`reviewgraph.app.board.text` holds the words both
formats share (headings, column names, the introduction of each section), so the two documents say the same.
"""

from __future__ import annotations

from pathlib import Path

from reviewgraph.queries.board_report import BoardReport

__all__ = ["FORMATS", "render", "write_report", "format_of"]

#: file suffix -> what the format is called in messages
FORMATS = {".docx": "Word", ".pdf": "PDF"}


def format_of(path: str | Path) -> str:
    """The format a file name asks for (``.docx`` or ``.pdf``); anything else is an error naming the file."""
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise ValueError(f"{path}: the report is written as .docx (Word) or .pdf; give a file name ending "
                         f"in one of them")
    return suffix


def render(report: BoardReport, suffix: str) -> bytes:
    """The document's bytes: ``suffix`` is ``.docx`` or ``.pdf``."""
    from reviewgraph.app.board.charts import draw_charts

    charts = draw_charts(report)
    if format_of(f"report{suffix}") == ".docx":
        from reviewgraph.app.board.word import to_docx

        return to_docx(report, charts)
    from reviewgraph.app.board.pdf import to_pdf

    return to_pdf(report, charts)


def write_report(report: BoardReport, path: str | Path) -> int:
    """Write the document to ``path`` (its suffix chooses the format; written whole or not at all); returns
    the number of bytes written."""
    from reviewgraph.graph.store import atomic_write

    data = render(report, format_of(path))
    atomic_write(Path(path), data)
    return len(data)
