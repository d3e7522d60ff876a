"""Readers: one module per file format, each turning a file into :class:`reviewgraph.records.parsed.Line` rows.

Every reader feeds the same parser (:func:`reviewgraph.ingest.parse.parse_lines`); none of them parses. The reader is
chosen by the file's content (magic bytes, the parts inside a zip, an HTML doctype or tags), not by its name: a PDF named
``plan.docx`` is read as a PDF, with a warning saying so. Formats reviewgraph cannot read (old binary
``.doc``/``.xls``, password-protected files, scanned PDFs without a text layer) raise :class:`ReadError`,
whose message is one line naming the file and saying what to do.

>>> from pathlib import Path
>>> import tempfile
>>> p = Path(tempfile.mkdtemp()) / "plan.txt"
>>> _ = p.write_text("No\\tRecommendation\\n1.\\tShare the learning\\n")
>>> reader, lines = read(p)
>>> reader, lines[1].cells
('text', ('1.', 'Share the learning'))
"""

from __future__ import annotations

import io
import logging
import zipfile
from collections.abc import Callable
from pathlib import Path

from reviewgraph.ingest.readers.base import ReadError, Reading
from reviewgraph.records.parsed import Line

__all__ = ["EXTENSIONS", "READERS", "ReadError", "Reading", "detect", "looks_binary", "open_document", "read"]

log = logging.getLogger("reviewgraph.ingest")


#: the extensions each reader's files usually carry (for the mislabelled-file warning and `ingest` globs)
EXTENSIONS: dict[str, tuple[str, ...]] = {
    "pdf": (".pdf",),
    "docx": (".docx", ".docm", ".dotx"),
    "xlsx": (".xlsx", ".xlsm", ".xltx"),
    "csv": (".csv", ".tsv"),
    "html": (".html", ".htm", ".xhtml"),
    "text": (".txt", ".text", ".md", ""),
}

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_OOXML = "EncryptedPackage".encode("utf-16-le")
_LABEL = {"pdf": "a PDF", "docx": "a Word (.docx) document", "xlsx": "an Excel (.xlsx) workbook",
          "csv": "a CSV file", "html": "an HTML page", "text": "a text file"}


def _zip_kind(path: Path, data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
            mimetype = zf.read("mimetype").decode("ascii", "replace") if "mimetype" in names else ""
    except zipfile.BadZipFile as exc:
        raise ReadError(f"{path.name}: a damaged or truncated zip file ({exc}); "
                        "save the document again and re-ingest it") from None
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if any(n.startswith("ppt/") for n in names):
        raise ReadError(f"{path.name}: a PowerPoint file; reviewgraph reads PDF, Word (.docx), "
                          "Excel (.xlsx), CSV, HTML and text: save it as PDF")
    if "opendocument" in mimetype:
        target = ".xlsx" if "spreadsheet" in mimetype else ".docx"
        raise ReadError(f"{path.name}: an OpenDocument file ({mimetype}) is not supported; "
                          f"save it as {target} and ingest that")
    raise ReadError(f"{path.name}: a zip archive that is neither a Word (.docx) document nor an "
                      "Excel (.xlsx) workbook (no word/document.xml or xl/workbook.xml inside)")


def detect(path: str | Path, data: bytes | None = None) -> str:
    """The reader for ``path`` (whose bytes are ``data``) chosen by content: ``pdf``, ``docx``, ``xlsx``,
    ``csv``, ``html`` (a doctype, ``<html>``, or a start made of HTML tags) or ``text``. Raises :class:`ReadError` for formats that cannot be read, saying what to do.
    """
    path = Path(path)
    data = _bytes(path, data)
    head = data[:8192]
    if not head:
        raise ReadError(f"{path.name}: the file is empty")
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _zip_kind(path, data)
    if head.startswith(_OLE2):
        if _ENCRYPTED_OOXML in data[: 1 << 20]:
            raise ReadError(f"{path.name}: a password-protected Office file; remove the password "
                            "(File > Info > Protect) and save it again")
        raise ReadError(f"{path.name}: an old binary Word (.doc) or Excel (.xls) file, which is not "
                        "supported; open it and save it as .docx or .xlsx")
    if head.lstrip().startswith(b"{\\rtf"):
        raise ReadError(f"{path.name}: a Rich Text (.rtf) file is not supported; save it as .docx")
    utf16 = head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00\x00" not in head[:64] and (
        head[1:8:2] == b"\x00" * 4 or head[0:8:2] == b"\x00" * 4)
    if not utf16 and looks_binary(head):
        raise ReadError(f"{path.name}: a binary file reviewgraph cannot read; it reads PDF, Word (.docx), "
                        "Excel (.xlsx), CSV, HTML and text")
    from reviewgraph.ingest.readers.html import looks_like_html

    if looks_like_html(head):
        return "html"
    return "csv" if path.suffix.lower() in EXTENSIONS["csv"] else "text"


_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13)) + b"\x7f"


def looks_binary(head: bytes) -> bool:
    """More than 5% control bytes (nulls and the like) in the first bytes: not text. A text file with a few
    stray null bytes is still text (the text reader removes them, with a warning).

    >>> looks_binary(b"No\\tRecommendation\\n1.\\tShare the\\x00 learning\\n" * 20)
    False
    >>> looks_binary(bytes(range(256)))
    True
    """
    if not head:
        return False
    controls = sum(head.count(b) for b in _CONTROL)
    return controls > 0.05 * len(head)


def _bytes(path: Path, data: bytes | None) -> bytes:
    if data is not None:
        return data
    try:
        return path.read_bytes()
    except IsADirectoryError:
        raise ReadError(f"{path.name}: a directory, not a document") from None


def _reader(kind: str) -> Callable[[Path, bytes], Reading]:
    if kind == "pdf":
        from reviewgraph.ingest.readers import pdf as mod
    elif kind == "docx":
        from reviewgraph.ingest.readers import docx as mod
    elif kind == "xlsx":
        from reviewgraph.ingest.readers import xlsx as mod
    elif kind == "csv":
        from reviewgraph.ingest.readers import csv as mod
    elif kind == "html":
        from reviewgraph.ingest.readers import html as mod
    else:
        return _read_text
    return mod.read_document


def _read_text(path: Path, data: bytes) -> Reading:
    from reviewgraph.ingest.readers.text import read_text

    return read_text(path, data)


READERS = ("pdf", "docx", "xlsx", "csv", "html", "text")


def open_document(path: str | Path, data: bytes | None = None) -> Reading:
    """Read ``path`` with the reader its content calls for; warnings say what was odd about it."""
    path = Path(path)
    data = _bytes(path, data)
    kind = detect(path, data)
    suffix = path.suffix.lower()
    expected = [k for k, exts in EXTENSIONS.items() if suffix and suffix in exts]
    mislabelled = None
    if expected and kind not in expected and not (kind == "text" and "csv" in expected):
        mislabelled = (f"{path.name}: named {suffix} but its content is {_LABEL[kind]}; "
                       f"reading it as {_LABEL[kind].split(' ', 1)[1]}")
    reading = _reader(kind)(path, data)
    if mislabelled:
        reading.warnings.insert(0, mislabelled)
    for w in reading.warnings:
        log.debug(w)  # the caller reports them (ingest prints each as a warning)
    return reading


def read(path: Path, data: bytes | None = None) -> tuple[str, list[Line]]:
    """``(reader_name, lines)`` for ``path``; :func:`open_document` gives the warnings too."""
    reading = open_document(path, data)
    return reading.reader, reading.lines
