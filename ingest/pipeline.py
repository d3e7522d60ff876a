"""Ingest files and folders: read each by its content, parse it, and report per document.

A file that cannot be read gives one clear error naming it and never stops the others; what could be
read from a damaged file still lands. Parsing never touches the store: :func:`ingest_into` hands whole
parsed documents to :class:`graph.store.Store`.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ingest import dhrd
from ingest.parse import parse_lines
from ingest.readers import ReadError, open_document
from ingest.records import ParsedDocument

__all__ = ["IngestResult", "iter_files", "ingest_file", "ingest_paths", "ingest_into"]

SKIP_NAMES = {".DS_Store", "Thumbs.db", "desktop.ini"}


@dataclass
class IngestResult:
    path: Path
    doc: ParsedDocument | None = None
    error: str | None = None
    seconds: float = 0.0
    new: bool = False
    warnings: list[str] = field(default_factory=list)  # from the reader: a mislabelled file, pages without text

    @property
    def ok(self) -> bool:
        return self.doc is not None


def iter_files(paths: list[Path], errors: list[IngestResult]) -> Iterator[Path]:
    """Files under the given paths (folders recursively, hidden files skipped, symlink loops survived)."""
    for path in paths:
        if path.is_dir():
            seen: set[tuple[int, int]] = set()
            for root, dirs, files in os.walk(path, followlinks=True, onerror=None):
                st = os.stat(root)
                if (st.st_dev, st.st_ino) in seen:
                    dirs[:] = []
                    errors.append(IngestResult(Path(root), error=f"{root}: folder visited twice (symlink loop); "
                                                                 "skipped"))
                    continue
                seen.add((st.st_dev, st.st_ino))
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.startswith(".") or name in SKIP_NAMES or name.endswith(".json"):
                        continue
                    yield Path(root) / name
        elif path.exists() or path.is_symlink():
            yield path
        else:
            errors.append(IngestResult(path, error=f"{path}: no such file or folder"))


def ingest_file(path: Path, review: str | None = None) -> IngestResult:
    started = time.perf_counter()
    try:
        data = path.read_bytes()
    except OSError as exc:
        return IngestResult(path, error=f"{path}: cannot read ({exc.strerror or exc}); check the file's "
                                        "permissions", seconds=time.perf_counter() - started)
    if not data.strip():
        return IngestResult(path, error=f"{path}: empty file; nothing to ingest",
                            seconds=time.perf_counter() - started)
    try:
        reading = open_document(path, data)
    except ReadError as exc:
        return IngestResult(path, error=str(exc), seconds=time.perf_counter() - started)
    sha = hashlib.sha256(data).hexdigest()
    table = dhrd.table_of(reading.lines, path.name) if reading.reader == "csv" else None
    if table:  # a table of the DHR dataset: records, not a document to parse
        doc = dhrd.parse_dataset(reading.lines, file_name=path.name, sha256=sha, reader=reading.reader, table=table)
    else:
        doc = parse_lines(reading.lines, file_name=path.name, sha256=sha, reader=reading.reader, review=review)
    doc.warnings[:0] = reading.warnings
    result = IngestResult(path, doc=doc, seconds=time.perf_counter() - started, warnings=reading.warnings)
    if not (doc.report_recs or doc.learning or doc.plans or doc.rows):
        result.error = (f"{path}: no action-plan table or numbered recommendations found "
                        f"({len(doc.unplaced)} lines listed as unplaced); kept as a document")
    return result


def ingest_paths(paths: list[Path], review: str | None = None) -> list[IngestResult]:
    errors: list[IngestResult] = []
    results = [ingest_file(p, review) for p in iter_files(paths, errors)]
    return errors + results


def ingest_into(store, paths: list[Path], review: str | None = None) -> list[IngestResult]:  # type: ignore[no-untyped-def]
    """Parse every file, then add the readable ones to ``store`` (already-ingested ones change nothing)."""
    results = ingest_paths(paths, review)
    docs = [r.doc for r in results if r.doc is not None]
    unique: dict[str, ParsedDocument] = {}
    for d in docs:
        unique.setdefault(d.sha256, d)
    new = {d.sha256 for d in store.add(list(unique.values()))}
    for r in results:
        if r.doc is not None and r.doc.sha256 in new:
            r.new = True
            new.discard(r.doc.sha256)
    return results
