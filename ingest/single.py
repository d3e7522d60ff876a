"""Ingest one file: read it by its content, parse it, and say what became of it.

:func:`ingest_file` gives an :class:`IngestResult` whose :attr:`~IngestResult.state` says what became of
the file (:class:`IngestState`). A file that cannot be read gives one clear error naming it; what could be
read from a damaged file still lands. The pool (:mod:`reviewgraph.ingest.parallel`) runs this in its
workers and the pipeline (:mod:`reviewgraph.ingest.pipeline`) runs either; neither imports the other's
caller.

Every message is one line naming the file (control characters and undecodable bytes in names escaped),
so a hostile or odd file name cannot forge or split the report.
"""

from __future__ import annotations

import hashlib
import os
import stat
import time
from collections.abc import Container
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from reviewgraph.ingest import dhrd
from reviewgraph.ingest.parse import parse_lines
from reviewgraph.ingest.readers import ReadError, open_document
from reviewgraph.ingest.readers.limits import LimitError
from reviewgraph.records.parsed import Line, ParsedDocument

__all__ = ["IngestState", "IngestResult", "ingest_file", "unparsed", "memory_error", "shown", "one_line",
           "document_warnings", "MAX_TEXT_CHARS", "PARSE_MEMORY_MB"]

#: the most text read from one document (characters; ``$REVIEWGRAPH_MAX_TEXT_MB`` overrides, in millions).
#: A 300-page overview report is about 1 MB of text; more than this is not a review document.
MAX_TEXT_CHARS = 8_000_000

#: the memory cap of the parse running in this process, in MB (set in the workers of :mod:`reviewgraph.ingest.parallel`)
PARSE_MEMORY_MB = 0


class IngestState(Enum):
    """What became of one file.

    ``FAILED`` and ``OUT_OF_MEMORY`` are the failures (``error`` says why); the others are read. A file is
    ``KNOWN`` (its bytes already in the store: hashed, not parsed) or ``PARSED``; an ingest into a store
    (:func:`reviewgraph.ingest.pipeline.ingesting`) moves a parsed file whose document it added to
    ``STORED``. A parsed or stored result holds its document (``doc``) until the ingest that stored it ends.
    """

    FAILED = "failed"
    OUT_OF_MEMORY = "out of memory"  # its parse ran out of memory (the pool ends that worker and may retry)
    KNOWN = "known"
    PARSED = "parsed"
    STORED = "stored"


#: what each state requires of a result (checked when one is made)
_FAILURES = frozenset({IngestState.FAILED, IngestState.OUT_OF_MEMORY})


@dataclass
class IngestResult:
    """What became of one file (``state``), with what the user is told about it.

    A result made with an ``error`` and no state is ``FAILED``; a failure needs an ``error``, a parsed one
    its ``doc`` and a known one its ``sha256``.

    >>> IngestResult(Path("plan.txt"), error="plan.txt: empty file").state
    <IngestState.FAILED: 'failed'>
    """

    path: Path
    state: IngestState = IngestState.FAILED
    doc: ParsedDocument | None = None
    error: str | None = None
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)
    exception: BaseException | None = None   # an unexpected failure (a bug), kept for --debug
    sha256: str | None = None   # of the file's bytes, once read

    def __post_init__(self) -> None:
        if self.state in _FAILURES and not self.error:
            raise ValueError(f"{shown(self.path)}: a failed result needs an error")
        if self.state is IngestState.PARSED and self.doc is None:
            raise ValueError(f"{shown(self.path)}: a parsed result needs its document")
        if self.state is IngestState.KNOWN and not self.sha256:
            raise ValueError(f"{shown(self.path)}: a known result needs the hash of its bytes")

    @property
    def ok(self) -> bool:
        """Read: parsed now (and perhaps stored), or already in the store."""
        return self.state not in _FAILURES

    @property
    def new(self) -> bool:
        """Added to the store by this ingest (``STORED``)."""
        return self.state is IngestState.STORED

    @property
    def messages(self) -> list[str]:
        """Everything to tell the user about this file, one line each."""
        return [one_line(m) for m in ([self.error] if self.error else []) + self.warnings]


def one_line(message: str) -> str:
    """``message`` on one line: control characters (a newline in a file name) escaped, and the undecodable
    bytes of a file name (lone surrogates) shown as ``\\xNN``.

    >>> one_line("plan\\nforged.txt: \\udcff")
    'plan\\\\nforged.txt: \\\\xff'
    """
    out = []
    for ch in message:
        code = ord(ch)
        if 0xDC80 <= code <= 0xDCFF:
            out.append(f"\\x{code - 0xDC00:02x}")
        elif code < 32 or code == 127 or 0xD800 <= code <= 0xDFFF or ch in "\u2028\u2029\x85":
            out.append(ch.encode("unicode_escape").decode("ascii") if code != 9 else " ")
        else:
            out.append(ch)
    return "".join(out)


def shown(path: Path) -> str:
    """A path as the messages print it (one line, printable)."""
    return one_line(str(path))


def _safe_name(path: Path) -> str:
    """The file name as stored: undecodable bytes (surrogate escapes) replaced, so JSON can hold it."""
    return path.name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


class _Unread(Exception):
    """The file cannot be read or holds nothing to ingest: the message says why (one line)."""


def _refuse(path: Path) -> str | None:
    """Why ``path`` cannot be opened as a document (without blocking on a pipe or device), or None."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        if path.is_symlink():
            return f"{shown(path)}: a symbolic link to {shown(Path(os.readlink(path)))}, which does not exist"
        return f"{shown(path)}: no such file; check the path"
    except OSError as exc:
        return f"{shown(path)}: cannot open ({exc.strerror or exc}); check the file's permissions"
    if stat.S_ISDIR(st.st_mode):
        return None
    if not stat.S_ISREG(st.st_mode):
        what = "a named pipe" if stat.S_ISFIFO(st.st_mode) else "a socket" if stat.S_ISSOCK(st.st_mode) \
            else "a device"
        return f"{shown(path)}: {what}, not a document; skipped"
    return None


def _limit() -> int:
    env = os.environ.get("REVIEWGRAPH_MAX_TEXT_MB")
    try:
        return int(float(env) * 1_000_000) if env else MAX_TEXT_CHARS
    except ValueError:
        return MAX_TEXT_CHARS


def _cap(lines: list[Line], path: Path, warnings: list[str]) -> list[Line]:
    """The lines up to the text limit; a warning says where reading stopped."""
    limit, total = _limit(), 0
    if sum(sum(map(len, line.cells)) for line in lines) <= limit:
        return lines  # the usual case: all of it
    for i, line in enumerate(lines):
        total += sum(len(c) for c in line.cells)
        if total > limit:
            where = f"line {line.no}" + (f" (page {line.page})" if line.page else "")
            warnings.append(f"{shown(path)}: more than {limit / 1e6:g} million characters of text; read up to "
                            f"{where} and ignored the rest ({len(lines) - i} lines): split the document or "
                            "set REVIEWGRAPH_MAX_TEXT_MB")
            return lines[:i]
    return lines


def ingest_file(path: Path, review: str | None = None, known: Container[str] = ()) -> IngestResult:
    """Read and parse one file. A file whose sha256 is in ``known`` (the store's documents) is not parsed
    again: its result is ``KNOWN`` (re-ingesting a folder costs a hash per unchanged file)."""
    started = time.perf_counter()
    sha: str | None = None
    warnings: list[str] = []
    try:
        data, sha = _read(path)
        if sha in known:
            result = IngestResult(path, IngestState.KNOWN, sha256=sha)
        else:
            doc = _parse(path, data, sha, review, warnings)
            result = IngestResult(path, IngestState.PARSED, doc=doc, sha256=sha, warnings=warnings)
    except _Unread as exc:
        result = IngestResult(path, IngestState.FAILED, error=str(exc), sha256=sha, warnings=warnings)
    except MemoryError:
        result = IngestResult(path, IngestState.OUT_OF_MEMORY, error=memory_error(path, PARSE_MEMORY_MB),
                              sha256=sha, warnings=warnings)
    except Exception as exc:  # noqa: BLE001 - one file's failure never stops the batch
        result = IngestResult(path, IngestState.FAILED, exception=exc, sha256=sha, warnings=warnings,
                              error=f"{shown(path)}: could not be read ({type(exc).__name__}: {exc}); this is a "
                                    "bug in reviewgraph: please report it (run with --debug for the traceback)")
    result.seconds = time.perf_counter() - started
    return result


def memory_error(path: Path, cap_mb: int = 0, ended: bool = False) -> str:
    """The error of a document whose parse ran out of memory under a cap of ``cap_mb`` (``ended``: the
    process reading it ended, as a library that cannot allocate may end it, rather than raise)."""
    how = "the process reading it ended; it most likely " if ended else ""
    if cap_mb:
        amount = f"{cap_mb // 1024} GB" if cap_mb % 1024 == 0 else f"{cap_mb} MB"
        return (f"{shown(path)}: {how}needed more than {amount} of memory and was stopped; split the "
                "document, or raise REVIEWGRAPH_PARSE_MEMORY_MB")
    return f"{shown(path)}: {how}ran out of memory while being read; split the document"


def unparsed(path: Path, known: Container[str]) -> IngestResult | None:
    """The result of a file that needs no parsing (it cannot be read, is empty, or its bytes are ``known``:
    already in the store), or None for a file to parse. Costs a read and a hash."""
    started = time.perf_counter()
    try:
        _, sha = _read(path)
    except _Unread as exc:
        result = IngestResult(path, IngestState.FAILED, error=str(exc))
    except Exception:  # noqa: BLE001 - a bug: ingest_file reports it
        return None
    else:
        if sha not in known:
            return None
        result = IngestResult(path, IngestState.KNOWN, sha256=sha)
    result.seconds = time.perf_counter() - started
    return result


def _read(path: Path) -> tuple[bytes, str]:
    """The file's bytes and their sha256; :class:`_Unread` saying why not."""
    refused = _refuse(path)
    if refused:
        raise _Unread(refused)
    try:
        data, sha = _bytes_of(path)
    except IsADirectoryError:
        raise _Unread(f"{shown(path)}: a folder, not a document") from None
    except LimitError as exc:
        raise _Unread(one_line(str(exc))) from None
    except OSError as exc:
        raise _Unread(f"{shown(path)}: cannot read ({exc.strerror or exc}); check the file's permissions") from None
    if not data.strip():
        raise _Unread(f"{shown(path)}: empty file; nothing to ingest")
    return data, sha or hashlib.sha256(data).hexdigest()


_CHUNK = 1 << 20


def _bytes_of(path: Path) -> tuple[bytes, str | None]:
    """The bytes of ``path`` to read, and their sha256 when it had to be computed apart (``None``: hash the
    bytes). A file within the file limit is read whole. A larger one is never held whole: a PDF or Office
    file (which the readers need whole) is refused after its first bytes, and of a text, CSV or HTML file
    only the bytes the text limit can use are kept, the rest hashed as it streams past."""
    from reviewgraph.ingest.readers.limits import limit, over

    with open(path, "rb") as fh:
        size = os.fstat(fh.fileno()).st_size
        if size <= limit("file_bytes"):
            return fh.read(), None
        head = fh.read(8192)
        if b"%PDF-" in head[:1024] or head.startswith((b"PK\x03\x04", b"PK\x05\x06", b"\xd0\xcf\x11\xe0")):
            raise over(path, "file_bytes", found=f"{size / 1e6:,.0f} MB")
        from reviewgraph.ingest.readers.html import MAX_SOURCE_CHARS, looks_like_html

        keep = bytearray(head)
        # the most any text reader decodes: the text limit in UTF-32, or an HTML page's source in UTF-16
        want = 2 * MAX_SOURCE_CHARS + 8 if looks_like_html(head) else 4 * limit("text_chars") + 8
        digest = hashlib.sha256(head)
        while chunk := fh.read(_CHUNK):
            digest.update(chunk)
            if len(keep) < want:
                keep += chunk[: want - len(keep)]
        return bytes(keep), digest.hexdigest()


def _parse(path: Path, data: bytes, sha: str, review: str | None, warnings: list[str]) -> ParsedDocument:
    """The parse of the file's bytes (its warnings added to ``warnings``); :class:`_Unread` when it holds
    nothing to ingest."""
    try:
        reading = open_document(path, data)
    except ReadError as exc:
        raise _Unread(one_line(str(exc))) from None
    warnings.extend(one_line(w) for w in reading.warnings)
    lines = _cap(reading.lines, path, warnings)
    if not any(not line.blank for line in lines):
        why = f" ({warnings.pop(0).split(': ', 1)[-1]})" if warnings else ""
        raise _Unread(f"{shown(path)}: no text in the document{why}; nothing to ingest")
    table = dhrd.table_of(lines, path.name) if reading.reader == "csv" else None
    if table:  # a table of the DHR dataset: records, not a document to parse
        doc = dhrd.parse_dataset(lines, file_name=_safe_name(path), sha256=sha, reader=reading.reader, table=table)
    else:
        doc = parse_lines(lines, file_name=_safe_name(path), sha256=sha, reader=reading.reader, review=review)
    doc.warnings[:0] = reading.warnings
    warnings.extend(document_warnings(doc, shown(path)))
    if not (doc.report_recs or doc.learning or doc.plans or doc.rows):
        header = _header_line(lines)
        if header is None:
            hint = "a table needs a header row such as No, Recommendation, Action, Lead"
        elif not any(not line.blank for line in lines if line.no > header):
            hint = f"line {header}: a table header with no rows under it"
        else:  # rows the parser could not read as recommendations: say what starts one
            hint = (f"line {header}: a table header, but no row under it starts a recommendation (a row "
                    f"starts one with its number, '1' or 'R1', with 'Recommendation 1: ...', or with words "
                    f"under a Recommendation column)")
        warnings.append(f"{shown(path)}: no action-plan table or numbered recommendations found "
                        f"({len(doc.unplaced)} lines listed as unplaced, see --report FILE); kept as a "
                        f"document: {hint}")
    return doc


def _header_line(lines: list[Line]) -> int | None:
    from reviewgraph.ingest.columns import detect_header

    for line in lines[:5000]:
        if len(line.cells) > 2 and detect_header(line.clean, line.no):
            return line.no
    return None


def document_warnings(doc: ParsedDocument, name: str, limit: int = 20) -> list[str]:
    """What the parse found odd, one line each naming the file and the line: numbers inferred or given
    twice, dates that are neither a date nor a known word ("TBC", "Ongoing" are not warned about). At most
    ``limit`` lines, then a count of the rest.
    """
    from reviewgraph.records.dates import parse_date_cell

    out = [f"{name}: {w}" for w in doc.warnings if w.startswith("line ")]
    for plan in doc.plans:
        seen: dict[str, int] = {}
        for rec in plan.recs:
            if rec.number and not rec.number_inferred:
                key = f"{rec.section or ''}\x00{rec.number}"
                if key in seen:
                    out.append(f"{name}: line {rec.span.line_start}: recommendation {rec.number} appears twice "
                               f"(also line {seen[key]}); both kept")
                seen.setdefault(key, rec.span.line_start)
            for action in rec.actions:
                for what, raw in (("start date", action.start_raw), ("target date", action.target_raw)):
                    cell = parse_date_cell(raw) if raw else None
                    if cell is not None and (cell.invalid or not (cell.dates or cell.words)):
                        why = "is not a real date" if cell.invalid else "gives no date"
                        out.append(f"{name}: line {action.span.line_start}: {what} {raw!r} {why}; kept as written")
    if len(out) > limit:
        out = out[:limit] + [f"{name}: {len(out) - limit} more warnings (see --report FILE)"]
    return out
