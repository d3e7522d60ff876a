"""What a reader is, what every reader returns, and the one error they raise (imported by the readers and
the registry, :mod:`reviewgraph.ingest.readers`).

A reader module ends with one declaration, found by :func:`reviewgraph.graph.plugins.discover`::

    READER = Reader(name="pdf", label="a PDF", suffixes=(".pdf",), rank=10, sniff=sniff, read=read_document)
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from reviewgraph.records.parsed import Line

__all__ = ["ReadError", "Reader", "Reading", "Sample"]


class ReadError(ValueError):
    """A file that no reader can read; the message names the file and says what to do."""


@dataclass
class Reading:
    """What a reader got out of one file: its lines, and warnings naming the file (one line each)."""

    reader: str
    lines: list[Line]
    warnings: list[str] = field(default_factory=list)
    pages: int | None = None


@dataclass
class Sample:
    """A file as the readers' ``sniff`` sees it: its name, its bytes, its first 8 KB, and, for a zip
    archive, the names of its parts (read once, whichever reader asks first).

    >>> Sample(Path("plan.txt"), b"No\\tRecommendation\\n").zip_names
    frozenset()
    """

    path: Path
    data: bytes

    @cached_property
    def head(self) -> bytes:
        return self.data[:8192]

    @property
    def is_zip(self) -> bool:
        return self.head.startswith((b"PK\x03\x04", b"PK\x05\x06"))

    @cached_property
    def zip_names(self) -> frozenset[str]:
        """The parts of a zip archive (empty for any other file); a damaged zip raises :class:`ReadError`."""
        return self._zip[0]

    @cached_property
    def zip_mimetype(self) -> str:
        """An OpenDocument archive's ``mimetype`` part ('' when there is none)."""
        return self._zip[1]

    @cached_property
    def _zip(self) -> tuple[frozenset[str], str]:
        if not self.is_zip:
            return frozenset(), ""
        try:
            with zipfile.ZipFile(io.BytesIO(self.data)) as zf:
                names = frozenset(zf.namelist())
                mimetype = zf.read("mimetype").decode("ascii", "replace") if "mimetype" in names else ""
        except zipfile.BadZipFile as exc:
            raise ReadError(f"{self.path.name}: a damaged or truncated zip file ({exc}); "
                            "save the document again and re-ingest it") from None
        return names, mimetype


@dataclass(frozen=True)
class Reader:
    """One file format: how to recognise a file of it by content, and how to read one.

    ``sniff`` looks at a :class:`Sample` and says whether the file is of this format; readers are asked in
    order of ``rank`` (then name), those with ``reads_text`` only once the file is known to be text (not a
    zip, an old Office file, RTF or binary). ``suffixes`` are the extensions such files usually carry (a
    file whose content is another format's gets a warning); ``label`` names the format in those warnings
    ("a PDF"); ``read(path, data)`` returns the file's lines.
    """

    name: str
    label: str
    suffixes: tuple[str, ...]
    sniff: Callable[[Sample], bool]
    read: Callable[[Path, bytes], Reading]
    rank: int = 50
    reads_text: bool = False
