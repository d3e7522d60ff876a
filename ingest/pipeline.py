"""Ingest files and folders: read each by its content, parse it, and report per document.

A file that cannot be read gives one clear error naming it and never stops the others; what could be
read from a damaged file still lands. Parsing never touches the store: :func:`ingest_into` hands whole
parsed documents to :class:`reviewgraph.graph.store.Store`.

Every message is one line naming the file (control characters and undecodable bytes in names escaped),
so a hostile or odd file name cannot forge or split the report.
"""

from __future__ import annotations

import hashlib
import os
import stat
import time
from collections.abc import Callable, Container, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from reviewgraph.ingest import dhrd
from reviewgraph.ingest.parse import parse_lines
from reviewgraph.ingest.readers import ReadError, open_document
from reviewgraph.ingest.readers.limits import LimitError
from reviewgraph.records.parsed import Line, ParsedDocument

__all__ = ["IngestResult", "iter_files", "ingest_file", "ingest_isolated", "ingest_paths", "ingest_into", "shown",
           "document_warnings", "one_line", "MAX_TEXT_CHARS"]

SKIP_NAMES = {".DS_Store", "Thumbs.db", "desktop.ini"}

#: the most text read from one document (characters; ``$REVIEWGRAPH_MAX_TEXT_MB`` overrides, in millions).
#: A 300-page overview report is about 1 MB of text; more than this is not a review document.
MAX_TEXT_CHARS = 8_000_000


@dataclass
class IngestResult:
    path: Path
    doc: ParsedDocument | None = None
    error: str | None = None
    seconds: float = 0.0
    new: bool = False
    warnings: list[str] = field(default_factory=list)
    exception: BaseException | None = None   # an unexpected failure (a bug), kept for --debug
    sha256: str | None = None   # of the file's bytes, once read
    known: bool = False   # the store already holds these bytes: not parsed again (``doc`` stays None)
    released: bool = False   # parsed and stored, then ``doc`` let go (see ingest_into's ``inspect``)
    memory: bool = False   # its parse ran out of memory (the parse's memory cap: ingest.parallel)

    @property
    def ok(self) -> bool:
        """Read: parsed now, or already in the store."""
        return self.doc is not None or self.known or self.released

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


def iter_files(paths: list[Path], errors: list[IngestResult]) -> Iterator[Path]:
    """Files under the given paths (folders recursively, hidden files skipped, symlink loops survived)."""
    for path in paths:
        if path.is_dir():
            seen: set[tuple[int, int]] = set()

            def walk_error(exc: OSError, path: Path = path) -> None:
                where = Path(exc.filename) if exc.filename else path
                errors.append(IngestResult(where, error=f"{shown(where)}: cannot open the folder "
                                                        f"({exc.strerror or exc}); check its permissions"))

            for root, dirs, files in os.walk(path, followlinks=True, onerror=walk_error):
                st = os.stat(root)
                if (st.st_dev, st.st_ino) in seen:
                    dirs[:] = []
                    errors.append(IngestResult(Path(root), error=f"{shown(Path(root))}: folder visited twice "
                                                                 "(a symbolic link loop); skipped"))
                    continue
                seen.add((st.st_dev, st.st_ino))
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    # hidden files, Office lock files ("~$plan.docx" while Word has it open), stores' JSON
                    if name.startswith((".", "~$")) or name in SKIP_NAMES or name.endswith((".json", ".jsonl")):
                        continue
                    yield Path(root) / name
        elif path.exists() or path.is_symlink():
            yield path
        else:
            errors.append(IngestResult(path, error=f"{shown(path)}: no such file or folder; check the path"))


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
    again: its result says ``known`` (re-ingesting a folder costs a hash per unchanged file)."""
    started = time.perf_counter()
    result = IngestResult(path)
    try:
        data = _read(path, result)
        if data is not None and result.sha256 in known:
            result.known = True
        elif data is not None:
            _parse(path, data, review, result)
    except MemoryError:
        result.doc, result.memory = None, True
        result.error = memory_error(path, PARSE_MEMORY_MB)
    except Exception as exc:  # noqa: BLE001 - one file's failure never stops the batch
        result.doc = None
        result.exception = exc
        result.error = (f"{shown(path)}: could not be read ({type(exc).__name__}: {exc}); this is a bug in "
                        "reviewgraph: please report it (run with --debug for the traceback)")
    result.seconds = time.perf_counter() - started
    return result


#: workers for a batch smaller than ingest.parallel.MIN_FILES (each starts in a few milliseconds, forked)
SMALL_BATCH_WORKERS = 2

#: the memory cap of the parse running in this process, in MB (set in the workers of :mod:`reviewgraph.ingest.parallel`)
PARSE_MEMORY_MB = 0


def memory_error(path: Path, cap_mb: int = 0, ended: bool = False) -> str:
    """The error of a document whose parse ran out of memory under a cap of ``cap_mb`` (``ended``: the
    process reading it ended, as a library that cannot allocate may end it, rather than raise)."""
    how = "the process reading it ended; it most likely " if ended else ""
    if cap_mb:
        amount = f"{cap_mb // 1024} GB" if cap_mb % 1024 == 0 else f"{cap_mb} MB"
        return (f"{shown(path)}: {how}needed more than {amount} of memory and was stopped; split the "
                "document, or raise REVIEWGRAPH_PARSE_MEMORY_MB")
    return f"{shown(path)}: {how}ran out of memory while being read; split the document"


def ingest_isolated(path: Path, review: str | None = None, known: Container[str] = ()) -> IngestResult:
    """:func:`ingest_file` in a worker process under the memory cap and the time limit
    (:func:`reviewgraph.ingest.parallel.ingest_isolated`): for a long-lived process, such as the app, that one document
    must not take down."""
    from reviewgraph.ingest.parallel import ingest_isolated as isolated

    return isolated(path, review, known)


def unparsed(path: Path, known: Container[str]) -> IngestResult | None:
    """The result of a file that needs no parsing (it cannot be read, is empty, or its bytes are ``known``:
    already in the store), or None for a file to parse. Costs a read and a hash."""
    started = time.perf_counter()
    result = IngestResult(path)
    try:
        data = _read(path, result)
    except Exception:  # noqa: BLE001 - a bug: ingest_file reports it
        return None
    if data is not None and result.sha256 not in known:
        return None
    result.known = data is not None
    result.seconds = time.perf_counter() - started
    return result


def _read(path: Path, result: IngestResult) -> bytes | None:
    """The file's bytes (``result.sha256`` set), or None with ``result.error`` saying why not."""
    refused = _refuse(path)
    if refused:
        result.error = refused
        return None
    try:
        data, sha = _bytes_of(path)
    except IsADirectoryError:
        result.error = f"{shown(path)}: a folder, not a document"
        return None
    except LimitError as exc:
        result.error = one_line(str(exc))
        return None
    except OSError as exc:
        result.error = f"{shown(path)}: cannot read ({exc.strerror or exc}); check the file's permissions"
        return None
    if not data.strip():
        result.error = f"{shown(path)}: empty file; nothing to ingest"
        return None
    result.sha256 = sha or hashlib.sha256(data).hexdigest()
    return data


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



def _parse(path: Path, data: bytes, review: str | None, result: IngestResult) -> None:
    sha = result.sha256
    assert sha is not None
    try:
        reading = open_document(path, data)
    except ReadError as exc:
        result.error = one_line(str(exc))
        return
    result.warnings.extend(one_line(w) for w in reading.warnings)
    lines = _cap(reading.lines, path, result.warnings)
    if not any(not line.blank for line in lines):
        why = f" ({result.warnings.pop(0).split(': ', 1)[-1]})" if result.warnings else ""
        result.error = f"{shown(path)}: no text in the document{why}; nothing to ingest"
        return
    table = dhrd.table_of(lines, path.name) if reading.reader == "csv" else None
    if table:  # a table of the DHR dataset: records, not a document to parse
        doc = dhrd.parse_dataset(lines, file_name=_safe_name(path), sha256=sha, reader=reading.reader, table=table)
    else:
        doc = parse_lines(lines, file_name=_safe_name(path), sha256=sha, reader=reading.reader, review=review)
    doc.warnings[:0] = reading.warnings
    result.doc = doc
    result.warnings.extend(document_warnings(doc, shown(path)))
    if not (doc.report_recs or doc.learning or doc.plans or doc.rows):
        header = _header_line(lines)
        hint = (f"line {header}: a table header with no rows under it" if header is not None else
                "a table needs a header row such as No, Recommendation, Action, Lead")
        result.warnings.append(f"{shown(path)}: no action-plan table or numbered recommendations found "
                               f"({len(doc.unplaced)} lines listed as unplaced, see --report FILE); kept as a "
                               f"document: {hint}")


def _header_line(lines: list[Line]) -> int | None:
    from reviewgraph.ingest.columns import detect_header

    for line in lines[:5000]:
        if len(line.cells) > 2 and detect_header(line.clean, line.no):
            return line.no
    return None


def document_warnings(doc: ParsedDocument, name: str, limit: int = 20) -> list[str]:
    """What the parse found odd, one line each naming the file and the line: numbers inferred or given
    twice, dates that are neither a date nor a known word ("TBC", "Ongoing" are not warned about). At most ``limit`` lines, then a count of the rest.
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


def ingest_paths(paths: list[Path], review: str | None = None, known: Container[str] = (),
                 progress: Callable[[int, int], None] | None = None) -> list[IngestResult]:
    """Read and parse every file under ``paths`` (:func:`ingest_file`), on every core for a large batch
    (:mod:`reviewgraph.ingest.parallel`); results in the order of the files, after the errors of paths that could not
    be listed. ``progress(done, total)`` is called as files finish."""
    from reviewgraph.graph.workers import wanted_workers
    from reviewgraph.ingest.parallel import ingest_here, memory_cap_mb, parse_files, parsed_here, workers_for

    errors: list[IngestResult] = []
    files = list(iter_files(paths, errors))
    total, done = len(files), 0
    results: list[IngestResult | None] = [None] * total
    if known:  # re-ingest: files already in the store (most, often all) are only hashed, here
        for i, path in enumerate(files):
            results[i] = unparsed(path, known)
            if results[i] is not None:
                done += 1
                if progress and (done == 1 or done % 64 == 0):
                    progress(done, total)
    todo = [i for i, r in enumerate(results) if r is None]
    workers = workers_for(len(todo))
    here, away = (todo, []) if workers == 1 else ([], todo)
    if memory_cap_mb() and here:  # every parse under the memory cap: in this process only what may be
        here = [i for i in todo if parsed_here(files[i])]
        away = sorted(set(todo) - set(here))
        workers = max(1, min(wanted_workers(), len(away), SMALL_BATCH_WORKERS))
    if away:
        before = done
        parsed = parse_files([files[i] for i in away], review, known, workers,
                             progress and (lambda d, _: progress(before + d, total)))
        for i, r in zip(away, parsed, strict=True):
            results[i] = r
        done += len(away)
    one = ingest_here if memory_cap_mb() else ingest_file
    for i in here:
        if progress and done == 0:
            progress(0, total)
        results[i] = one(files[i], review, known)
        done += 1
        if progress:
            progress(done, total)
    if progress and total and not todo:
        progress(total, total)
    return errors + results  # type: ignore[operator]


def ingest_into(store, paths: list[Path], review: str | None = None,  # type: ignore[no-untyped-def]
                progress: Callable[[int, int], None] | None = None,
                inspect: Callable[[list[IngestResult]], None] | None = None) -> list[IngestResult]:
    """Parse every file, then add the readable ones to ``store`` (already-ingested ones change nothing).

    A file whose bytes the store already holds is only hashed: its result is ``known`` and carries no
    document (read it with ``store.read_document(result.sha256)`` if needed). When every file is known, the
    store is not touched at all.

    ``inspect(results)``, when given, is called once the new documents are stored (``new`` set) and before
    the graph is built; the results then let go of their documents (``doc`` None, ``released`` True) so the
    build can free each one once its review is built (the ingest's peak memory, at scale).

    Python's cyclic collector is paused throughout (:mod:`reviewgraph.graph.collector`)."""
    from reviewgraph.graph.collector import collector_paused

    with collector_paused():
        return _ingest_into(store, paths, review, progress, inspect)


def _ingest_into(store, paths: list[Path], review: str | None,  # type: ignore[no-untyped-def]
                 progress: Callable[[int, int], None] | None,
                 inspect: Callable[[list[IngestResult]], None] | None) -> list[IngestResult]:
    results = ingest_paths(paths, review, set(store.manifest()), progress)
    unique: dict[str, ParsedDocument] = {}
    for r in results:
        if r.doc is not None:
            unique.setdefault(r.doc.sha256, r.doc)
    if not unique:
        if inspect is not None:
            inspect(results)
        return results

    def stored(new: set[str]) -> None:
        for r in results:
            if r.doc is not None and r.doc.sha256 in new:
                r.new = True
                new.discard(r.doc.sha256)
        if inspect is not None:
            inspect(results)
            for r in results:
                if r.doc is not None:
                    r.doc, r.released = None, True

    docs = list(unique.values())
    unique.clear()
    store.take(docs, stored)
    return results
