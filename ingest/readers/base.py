"""What every reader returns, and the one error they raise (imported by the readers and the registry)."""

from __future__ import annotations

from dataclasses import dataclass, field

from reviewgraph.records.parsed import Line

__all__ = ["ReadError", "Reading"]


class ReadError(ValueError):
    """A file that no reader can read; the message names the file and says what to do."""


@dataclass
class Reading:
    """What a reader got out of one file: its lines, and warnings naming the file (one line each)."""

    reader: str
    lines: list[Line]
    warnings: list[str] = field(default_factory=list)
    pages: int | None = None
