"""Ingest files and folders: every file under the paths given, read one by one or by a pool of workers,
then added to a store.

:func:`ingest_paths` reads and parses every file (:func:`reviewgraph.ingest.single.ingest_file`, in this
process or in the workers of :mod:`reviewgraph.ingest.parallel`); a file that cannot be read gives one
clear error naming it and never stops the others. :func:`ingesting` then hands the parsed documents to
:class:`reviewgraph.graph.store.Store` and holds them for the length of a ``with`` block; parsing never
touches the store.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Container, Iterable, Iterator
from pathlib import Path

from reviewgraph.graph.collector import collector_paused
from reviewgraph.graph.workers import wanted_workers
from reviewgraph.ingest import parallel
from reviewgraph.ingest.single import (MAX_TEXT_CHARS, IngestResult, IngestState, document_warnings, ingest_file,
                                       one_line, shown, unparsed)
from reviewgraph.records.parsed import ParsedDocument

__all__ = ["IngestResult", "IngestState", "iter_files", "ingest_file", "ingest_isolated", "ingest_paths",
           "ingesting", "ingest_into", "shown", "document_warnings", "one_line", "MAX_TEXT_CHARS"]

SKIP_NAMES = {".DS_Store", "Thumbs.db", "desktop.ini"}

#: workers for a batch smaller than ingest.parallel.MIN_FILES (each starts in a few milliseconds, forked)
SMALL_BATCH_WORKERS = 2


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


def ingest_isolated(path: Path, review: str | None = None, known: Container[str] = ()) -> IngestResult:
    """:func:`ingest_file` in a worker process under the memory cap and the time limit
    (:func:`reviewgraph.ingest.parallel.ingest_isolated`): for a long-lived process, such as the app, that one document
    must not take down."""
    return parallel.ingest_isolated(path, review, known)


def ingest_paths(paths: list[Path], review: str | None = None, known: Container[str] = (),
                 progress: Callable[[int, int], None] | None = None) -> list[IngestResult]:
    """Read and parse every file under ``paths`` (:func:`ingest_file`), on every core for a large batch
    (:mod:`reviewgraph.ingest.parallel`); results in the order of the files, after the errors of paths that could not
    be listed. ``progress(done, total)`` is called as files finish."""
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
    workers = parallel.workers_for(len(todo))
    here, away = (todo, []) if workers == 1 else ([], todo)
    if parallel.memory_cap_mb() and here:  # every parse under the memory cap: in this process only what may be
        here = [i for i in todo if parallel.parsed_here(files[i])]
        away = sorted(set(todo) - set(here))
        workers = max(1, min(wanted_workers(), len(away), SMALL_BATCH_WORKERS))
    if away:
        before = done
        parsed = parallel.parse_files([files[i] for i in away], review, known, workers,
                                      progress and (lambda d, _: progress(before + d, total)))
        for i, r in zip(away, parsed, strict=True):
            results[i] = r
        done += len(away)
    one = parallel.ingest_here if parallel.memory_cap_mb() else ingest_file
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


@contextlib.contextmanager
def ingesting(store, paths: list[Path], review: str | None = None,  # type: ignore[no-untyped-def]
              progress: Callable[[int, int], None] | None = None,
              stores: Iterable[str] = ()) -> Iterator[list[IngestResult]]:
    """Parse every file, add the readable ones to ``store`` (already-ingested ones change nothing), and
    give every file's result to the ``with`` block, before the graph is built.

    In the block, the documents are written and the manifest names them (under the store's lock); a result
    is ``STORED`` when its document was added now, ``PARSED`` when the store had its bytes already (the
    same file twice in one batch), ``KNOWN`` when its bytes were in the store before (only hashed: read its
    parse with ``store.read_document(result.sha256)`` if needed) and failed otherwise; a parsed or stored
    result holds its document (``doc``). When the block ends, the results let go of their documents and
    the store builds the graph, freeing each document once its review is built (the ingest's peak memory,
    at scale). A block that raises leaves the documents added and the graph to be rebuilt by the next
    command that opens the store. When every file is known or failed, the store is not touched at all.

    ``stores`` names derived stores (``"oxigraph"``, ``"ladybug"``) to build for the new graph as part of the
    ingest, from the graph in memory, the first ones starting as soon as it is built
    (:class:`reviewgraph.graph.sinks.derived.EarlyBuilds`); otherwise they are built when first asked for.

    Python's cyclic collector is paused throughout (:mod:`reviewgraph.graph.collector`)."""
    with collector_paused():
        results = ingest_paths(paths, review, set(store.manifest()), progress)
        if not any(r.doc is not None for r in results):
            yield results
            return
        built = None
        if stores:
            from reviewgraph.graph.sinks.derived import EarlyBuilds

            built = EarlyBuilds(store, tuple(stores))
        with store.adding(_distinct(results), built) as added:
            new = set(added)
            for r in results:
                if r.doc is not None and r.doc.sha256 in new:
                    r.state = IngestState.STORED
                    new.discard(r.doc.sha256)
            yield results
            for r in results:  # the store holds the documents now, and frees each once its review is built
                r.doc = None


def _distinct(results: list[IngestResult]) -> Iterator[ParsedDocument]:
    """The parsed documents of ``results``, each set of bytes once (the first file that had them)."""
    seen: set[str] = set()
    for r in results:
        if r.doc is not None and r.doc.sha256 not in seen:
            seen.add(r.doc.sha256)
            yield r.doc


def ingest_into(store, paths: list[Path], review: str | None = None,  # type: ignore[no-untyped-def]
                progress: Callable[[int, int], None] | None = None,
                stores: Iterable[str] = ()) -> list[IngestResult]:
    """:func:`ingesting` with nothing to look at before the graph is built: every file's result, the graph
    built (and the derived ``stores`` named). The results hold no documents (a stored one is read back with
    ``store.read_document(sha256)``)."""
    with ingesting(store, paths, review, progress, stores) as results:
        pass
    return results
