"""Uploaded files to disk, one at a time, under names the file system takes.

The browser sends a name with each file, and that name is not to be trusted: ``..``, a path, control or
direction-changing characters, or more than the 255 bytes a file name may have. :func:`upload_name` makes it
a plain file name (the last part of any path, invisible characters removed, shortened to fit with its
extension kept) or refuses it in one line naming it; :func:`save_upload` writes each upload in a folder of
its own, so two uploads of one name never meet. A refused or unwritable upload fails alone.

>>> upload_name("../../etc/plan.txt")
('plan.txt', None)
>>> upload_name("..")
Traceback (most recent call last):
...
ValueError: '..': not a usable file name; rename the file and upload it again
>>> name, note = upload_name("a" * 300 + ".docx")
>>> len(name.encode()), name.endswith(".docx"), note
(255, True, 'its name was shortened to fit the file system')
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

__all__ = ["MAX_NAME_BYTES", "save_upload", "shown_name", "upload_name"]

MAX_NAME_BYTES = 255  # NAME_MAX on Linux, macOS and Windows file systems
_BIDI = {"\u200e", "\u200f", "\u061c", *map(chr, range(0x202A, 0x202F)), *map(chr, range(0x2066, 0x206A))}


def shown_name(raw: str) -> str:
    """``raw`` as it can be shown on one line: control characters as escapes, at most 120 characters."""
    out = "".join(c if c.isprintable() and c not in _BIDI else f"\\x{ord(c):02x}" if ord(c) < 256
                  else f"\\u{ord(c):04x}" for c in raw)
    return out if len(out) <= 120 else out[:117] + "..."


def upload_name(raw: str) -> tuple[str, str | None]:
    """``(file name, note)`` for an upload called ``raw``: the last part of any path, without control or
    direction characters, shortened (keeping the extension) to :data:`MAX_NAME_BYTES`; ``note`` says what
    was changed that the user should know. Raises ValueError, naming the upload, when nothing usable is left
    (``..``, ``.``, an empty name)."""
    text = str(raw).encode("utf-8", "replace").decode("utf-8")  # lone surrogates become U+FFFD
    last = text.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(c for c in last if unicodedata.category(c) != "Cc" and c not in _BIDI).strip()
    if not name.strip("."):
        raise ValueError(f"'{shown_name(raw)}': not a usable file name; rename the file and upload it again")
    if len(name.encode("utf-8")) <= MAX_NAME_BYTES:
        return name, None
    stem, dot, ext = name.rpartition(".")
    suffix = f".{ext}" if dot and stem and len(ext.encode("utf-8")) <= 16 else ""
    head = name[: len(name) - len(suffix)] if suffix else name
    room = MAX_NAME_BYTES - len(suffix.encode("utf-8"))
    head = head.encode("utf-8")[:room].decode("utf-8", "ignore")  # never half a character
    return head + suffix, "its name was shortened to fit the file system"


def save_upload(folder: Path, index: int, name: str, data: bytes) -> Path:
    """Write ``data`` as ``folder/<index>/<name>`` (``name`` from :func:`upload_name`) and return the path."""
    own = folder / str(index)
    own.mkdir()
    path = own / name
    path.write_bytes(data)
    return path
