"""Plain text (the form of text extracted from PDF): decoding and lines of tab-separated cells.

Decoding never fails: byte-order marks first, then UTF-16 without a mark (every other byte zero), then
UTF-8, then Windows-1252 (the usual Windows export). A file that mixes UTF-8 and Windows-1252 lines (two
exports pasted together) is decoded line by line, with a warning naming the first Windows-1252 line.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from reviewgraph.ingest.readers.base import Reader, Reading, Sample
from reviewgraph.ingest.readers.text_layout import layout_lines
from reviewgraph.records.parsed import Line

__all__ = ["READER", "decode", "decode_lines", "read_text", "read_text_lines", "sniff"]


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding): BOMs first, then UTF-8, then cp1252 (the usual Windows export), never failing.

    >>> decode("Zoë".encode("cp1252"))
    ('Zoë', 'cp1252')
    """
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"),
                     (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"),
                     (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(enc, errors="replace"), enc
    if len(data) >= 4 and data[1:4:2] == b"\x00\x00" and data[0] and data[2]:
        return data.decode("utf-16-le", errors="replace"), "utf-16-le"
    if len(data) >= 4 and data[0:4:2] == b"\x00\x00" and data[1] and data[3]:
        return data.decode("utf-16-be", errors="replace"), "utf-16-be"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("utf-8", errors="replace"), "utf-8 (with replacements)"


def decode_lines(data: bytes) -> tuple[str, str, int | None]:
    """(text, encoding, first cp1252 line): like :func:`decode`, but a file whose lines are partly UTF-8
    and partly Windows-1252 is decoded line by line (``encoding`` is then ``"mixed"``).

    >>> decode_lines("café\\n".encode() + "Zoë\\n".encode("cp1252"))
    ('café\\nZoë\\n', 'mixed', 2)
    """
    text, encoding = decode(data)
    if encoding not in ("cp1252", "utf-8 (with replacements)"):
        return text, encoding, None
    out, utf8_seen, first_other = [], False, None
    for no, raw in enumerate(data.split(b"\n"), 1):
        try:
            line = raw.decode("utf-8")
            utf8_seen = utf8_seen or not raw.isascii()
        except UnicodeDecodeError:
            line = raw.decode("cp1252", errors="replace")
            first_other = first_other or no
        out.append(line)
    if not utf8_seen:
        return text, encoding, None
    return "\n".join(out), "mixed", first_other


def read_text(path: Path, data: bytes) -> Reading:
    """The lines of a text file, with warnings for odd encodings and removed null bytes; text beyond the
    text limit is never decoded (:func:`reviewgraph.ingest.readers.limits.text_head`)."""
    from reviewgraph.ingest.readers.limits import text_cut_warning, text_head

    data, cut = text_head(data)
    text, encoding, first_other = decode_lines(data)
    warnings = []
    if encoding == "mixed":
        warnings.append(f"{path.name}: line {first_other}: mixed text encodings (UTF-8 and Windows-1252 lines); "
                        "each line decoded on its own: check accented names")
    nulls = text.count("\x00") if not encoding.startswith("utf-16") else 0
    if nulls:
        first = text[: text.index("\x00")].count("\n") + 1
        warnings.append(f"{path.name}: line {first}: {nulls} null byte(s) removed (a damaged or partly "
                        "binary file?)")
    lines = _lines(text)
    if cut:
        warnings.append(text_cut_warning(path, lines[-1].no if lines else None))
    return Reading(reader="text", lines=lines, warnings=warnings)


def read_text_lines(data: bytes, path: Path | None = None) -> list[Line]:
    """Lines (Windows, Unix and old Mac endings), 1-based numbers, cells split on tabs; pipe, fixed-width
    and "Field: value" tables as lines of cells, form feeds as pages (:mod:`reviewgraph.ingest.readers.text_layout`)."""
    return _lines(decode_lines(data)[0])


def _lines(text: str) -> list[Line]:
    if "\r" in text:  # (a search for one character is cheap; replacing scans and copies the text)
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        text = text.replace("\x00", "")
    return layout_lines(text)


def sniff(sample: Sample) -> bool:
    """Any text file: what no other reader took (asked last)."""
    return True


READER = Reader(name="text", label="a text file", suffixes=(".txt", ".text", ".md", ""), rank=90, reads_text=True,
                sniff=sniff, read=read_text)
