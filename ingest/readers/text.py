"""Plain text (the form of text extracted from PDF): decoding and lines of tab-separated cells."""

from __future__ import annotations

import codecs
from pathlib import Path

from ingest.records import Line

__all__ = ["decode", "read_text_lines"]


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding): BOMs first, then UTF-8, then cp1252 (the usual Windows export), never failing."""
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


def read_text_lines(data: bytes, path: Path | None = None) -> list[Line]:
    """Lines (Windows, Unix and old Mac endings), 1-based numbers, cells split on tabs."""
    text, _ = decode(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    return [Line(no=i, cells=tuple(raw.split("\t"))) for i, raw in enumerate(text.split("\n"), 1)]
