"""Readers: one module per file format, each turning a file into :class:`reviewgraph.records.parsed.Line` rows.

Every reader feeds the same parser (:func:`reviewgraph.ingest.parse.parse_lines`); none of them parses.
Each reader module declares one :class:`~reviewgraph.ingest.readers.base.Reader` as ``READER`` (its name,
the suffixes its files carry, how to recognise one, how to read it); :data:`READERS` finds them all with
:func:`reviewgraph.graph.plugins.discover`, so a new format is one new module here. The reader is
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

import logging
from pathlib import Path

from reviewgraph.graph.plugins import discover
from reviewgraph.ingest.readers.base import ReadError, Reader, Reading, Sample
from reviewgraph.records.parsed import Line

__all__ = ["EXTENSIONS", "HELPERS", "READERS", "ReadError", "Reader", "Reading", "detect", "looks_binary",
           "open_document", "read"]

log = logging.getLogger("reviewgraph.ingest")

#: the modules here that hold what the readers share, and declare no reader
HELPERS = frozenset({"base", "docx_numbering", "limits", "pdf_fast", "text_layout"})

#: every reader, by name (each module's ``READER``)
READERS: dict[str, Reader] = discover(__name__, Reader, "READER", helpers=HELPERS)

#: the extensions each reader's files usually carry (for the mislabelled-file warning)
EXTENSIONS: dict[str, tuple[str, ...]] = {name: r.suffixes for name, r in READERS.items()}

_BY_RANK = sorted(READERS.values(), key=lambda r: (r.rank, r.name))
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_OOXML = "EncryptedPackage".encode("utf-16-le")


def _refuse_zip(sample: Sample) -> ReadError:
    """Why a zip archive no reader took cannot be read (a PowerPoint file, an OpenDocument file...)."""
    name, names, mimetype = sample.path.name, sample.zip_names, sample.zip_mimetype
    if any(n.startswith("ppt/") for n in names):
        return ReadError(f"{name}: a PowerPoint file; reviewgraph reads PDF, Word (.docx), "
                         "Excel (.xlsx), CSV, HTML and text: save it as PDF")
    if "opendocument" in mimetype:
        target = ".xlsx" if "spreadsheet" in mimetype else ".docx"
        return ReadError(f"{name}: an OpenDocument file ({mimetype}) is not supported; "
                         f"save it as {target} and ingest that")
    return ReadError(f"{name}: a zip archive that is neither a Word (.docx) document nor an "
                     "Excel (.xlsx) workbook (no word/document.xml or xl/workbook.xml inside)")


def detect(path: str | Path, data: bytes | None = None) -> str:
    """The reader for ``path`` (whose bytes are ``data``) chosen by content: the first reader (by rank) whose
    ``sniff`` recognises it; readers of text are asked only once the file is not a zip archive, an old
    Office file, RTF or binary. Raises :class:`ReadError` for formats that cannot be read, saying what to do.
    """
    path = Path(path)
    sample = Sample(path, _bytes(path, data))
    head = sample.head
    if not head:
        raise ReadError(f"{path.name}: the file is empty")
    for reader in _BY_RANK:
        if not reader.reads_text and reader.sniff(sample):
            return reader.name
    if sample.is_zip:
        raise _refuse_zip(sample)
    if head.startswith(_OLE2):
        if _ENCRYPTED_OOXML in sample.data[: 1 << 20]:
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
    for reader in _BY_RANK:
        if reader.reads_text and reader.sniff(sample):
            return reader.name
    raise ReadError(f"{path.name}: no reader recognises this file; reviewgraph reads "
                    f"{', '.join(READERS)}")


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


def open_document(path: str | Path, data: bytes | None = None) -> Reading:
    """Read ``path`` with the reader its content calls for; warnings say what was odd about it."""
    path = Path(path)
    data = _bytes(path, data)
    kind = detect(path, data)
    suffix = path.suffix.lower()
    expected = [k for k, exts in EXTENSIONS.items() if suffix and suffix in exts]
    mislabelled = None
    if expected and kind not in expected and not (kind == "text" and "csv" in expected):
        label = READERS[kind].label
        mislabelled = (f"{path.name}: named {suffix} but its content is {label}; "
                       f"reading it as {label.split(' ', 1)[1]}")
    reading = READERS[kind].read(path, data)
    if mislabelled:
        reading.warnings.insert(0, mislabelled)
    for w in reading.warnings:
        log.debug(w)  # the caller reports them (ingest prints each as a warning)
    return reading


def read(path: Path, data: bytes | None = None) -> tuple[str, list[Line]]:
    """``(reader_name, lines)`` for ``path``; :func:`open_document` gives the warnings too."""
    reading = open_document(path, data)
    return reading.reader, reading.lines
