"""The persistent local store: one directory holding every ingested document's parse and the built graph.

Layout of a store directory::

    manifest.json        which documents are in the store (sha256 -> file name, review override)
    docs/<sha256>.json   the ParsedDocument of each document (what the ingestor read, with provenance)
    graph.json           the merged graph as node-link JSON, rebuilt from docs/ after every change
    graph.stamp          the sha256 of the manifest graph.json was built from (written after graph.json), and
                         the sha256 of graph.json with the format it was written in (see _read_graph)
    derived/             engine stores built from graph.json (embedded SPARQL, embedded Cypher)

Every write is write-to-temporary-then-rename, and the manifest is written after the documents, so a process
killed in the middle of an ingest leaves the store as it was or with whole documents only; a graph.json older
than the manifest (killed between the two) is rebuilt on the next open, and the temporary and orphaned
document files a killed writer leaves are swept by the next writer. The graph is always a pure
function of the documents in the manifest: ingesting the same documents again changes nothing.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import re
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from graph.collector import collector_paused
from graph.graphdata import ReviewGraph, json_format
from ingest.records import ParsedDocument

__all__ = ["Store", "StoreError", "default_db_path", "atomic_write", "atomic_file"]

MANIFEST = "manifest.json"
_ROOT_TEMP = re.compile(r"^\.(?:manifest\.json|graph\.json|graph\.stamp)\.[A-Za-z0-9_]+$")  # atomic_write's
_DOC_TEMP = re.compile(r"^\.[0-9a-f]{64}\.json\.[A-Za-z0-9_]+$")
_DOC_FILE = re.compile(r"^[0-9a-f]{64}\.json$")
_UMASK = os.umask(0)
os.umask(_UMASK)
GRAPH = "graph.json"
STAMP = "graph.stamp"


def _vouch(graph_sha256: str) -> str:
    """The stamp's second line: graph.json's hash and the format it was written in."""
    return f"graph.json sha256 {graph_sha256} format {json_format()}"


def _file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while block := fh.read(1 << 20):
            h.update(block)
    return h.hexdigest()


class StoreError(ValueError):
    """A store that cannot be used as it is; the message names the file and says what to do."""


def default_db_path() -> Path:
    """``$REVIEWGRAPH_DB``, else ``$XDG_DATA_HOME/reviewgraph`` (``~/.local/share/reviewgraph``)."""
    env = os.environ.get("REVIEWGRAPH_DB")
    if env:
        return Path(env).expanduser()
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return Path(base) / "reviewgraph"


@contextlib.contextmanager
def atomic_file(path: Path) -> Iterator[Any]:
    """A binary file to write ``path`` through, renamed into place when the block ends without an error, so
    readers see the old or the new file, never half of one (for outputs written in a stream)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_UMASK)  # mkstemp makes 0600; give the file the mode open() would
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def atomic_write(path: Path, data: str | bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old or the new file, never half of one."""
    with atomic_file(path) as fh:
        fh.write(data.encode("utf-8") if isinstance(data, str) else data)


class Store:
    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        self.path = Path(path) if path is not None else default_db_path()
        self.docs_dir = self.path / "docs"
        self.derived_dir = self.path / "derived"
        self._graph: ReviewGraph | None = None

    # -- locking ---------------------------------------------------------------------------------------
    @contextlib.contextmanager
    def lock(self) -> Iterator[None]:
        """An exclusive lock for writers (two ingests into one store wait for each other)."""
        self.path.mkdir(parents=True, exist_ok=True)
        with open(self.path / ".lock", "w") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    # -- manifest --------------------------------------------------------------------------------------
    def manifest(self) -> dict[str, dict[str, Any]]:
        path = self.path / MANIFEST
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except json.JSONDecodeError as exc:
            raise StoreError(f"{path}: damaged ({exc.msg} at line {exc.lineno}); restore the store from a "
                             "backup, or ingest the documents again into a new store") from None

    def has(self, sha256: str) -> bool:
        return sha256 in self.manifest()

    def is_empty(self) -> bool:
        return not self.manifest()

    def add(self, docs: list[ParsedDocument]) -> list[ParsedDocument]:
        """Add parsed documents (whole documents only); returns those that were new."""
        new = self.take(list(docs))
        return [d for d in docs if d.sha256 in new]

    def take(self, docs: list[ParsedDocument], stored: Callable[[set[str]], None] | None = None) -> set[str]:
        """:meth:`add` for a caller that gives the documents up: ``docs`` is emptied and, if the caller holds
        no other reference to them, the build frees each document once its review is built (at 10,000
        reviews the parsed documents take about a gigabyte, which the graph then reuses). ``stored(hashes)``
        is called with the hashes of the new documents once they are written, before the graph is built.
        Returns those hashes."""
        with self.lock():
            self._sweep_locked()
            manifest = self.manifest()
            new: dict[str, ParsedDocument] = {}
            for doc in docs:
                if doc.sha256 not in manifest:
                    atomic_write(self.docs_dir / f"{doc.sha256}.json", doc.model_dump_json())
                    new[doc.sha256] = doc  # the same bytes twice: the last one written, as in the manifest
            docs.clear()
            for sha, doc in new.items():
                manifest[sha] = {"file_name": doc.file_name, "doc_kind": doc.doc_kind,
                                 "review_override": doc.hints.override}
            hashes = set(new)
            if new:
                atomic_write(self.path / MANIFEST, json.dumps(manifest, indent=1, sort_keys=True))
            if stored is not None:
                stored(hashes)
            if new:
                # the graph is built from the new documents as they are in memory (what was just written;
                # reading them back would hold every document twice while the graph is built)
                self._rebuild_locked(new)
            return hashes

    def remove(self, sha256: str) -> bool:
        with self.lock():
            manifest = self.manifest()
            if sha256 not in manifest:
                return False
            del manifest[sha256]
            atomic_write(self.path / MANIFEST, json.dumps(manifest, indent=1, sort_keys=True))
            with contextlib.suppress(FileNotFoundError):
                (self.docs_dir / f"{sha256}.json").unlink()
            self._rebuild_locked()
            return True

    def document(self, sha256: str) -> ParsedDocument | None:
        """The stored parse of the document with this hash, or None when it is not in the store (or its file
        cannot be read: the caller then parses the document again)."""
        if sha256 not in self.manifest():
            return None
        return self.read_document(sha256)

    def read_document(self, sha256: str) -> ParsedDocument | None:
        """:meth:`document` for a hash the caller already found in the manifest (reading the manifest once
        per document made re-ingest quadratic: 20,000 documents read a 2 MB manifest 20,000 times)."""
        try:
            return ParsedDocument.model_validate_json((self.docs_dir / f"{sha256}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def parsed_documents(self, known: dict[str, ParsedDocument] | None = None) -> list[ParsedDocument]:
        """Every document in the store, in hash order; those in ``known`` (by hash) are not read again."""
        out = []
        for sha in sorted(self.manifest()):
            if known and sha in known:
                out.append(known[sha])
                continue
            path = self.docs_dir / f"{sha}.json"
            try:
                out.append(ParsedDocument.model_validate_json(path.read_text(encoding="utf-8")))
            except FileNotFoundError:
                raise StoreError(f"{path}: missing, though the manifest lists it; restore the store from a "
                                 "backup, or ingest that document again into a new store") from None
            except ValueError as exc:  # pydantic's ValidationError (bad JSON or a changed model)
                first = str(exc).splitlines()[1:2] or [str(exc)]
                raise StoreError(f"{path}: damaged or from an incompatible version ({first[0].strip()}); "
                                 "ingest the documents again into a new store") from None
        return out

    # -- the graph -------------------------------------------------------------------------------------
    def rebuild(self) -> ReviewGraph:
        with self.lock():
            return self._rebuild_locked()

    def _rebuild_locked(self, known: dict[str, ParsedDocument] | None = None) -> ReviewGraph:
        """Build the graph and write graph.json. ``known`` (documents in memory, by hash) is emptied: the
        build holds the only reference to each document it reads, and frees it once its review is built."""
        from graph.build import build_graph  # late import: build depends on the registry data

        stamp = self._manifest_digest()
        docs = self.parsed_documents(known)
        if known:
            known.clear()
        digest = hashlib.sha256()
        # the collector stays paused while graph.json is written too: the write makes millions of short-lived
        # records, and with the collector back on, each collection walks the whole new graph
        with collector_paused():
            graph = build_graph(docs, release=True)
            with atomic_file(self.path / GRAPH) as fh:  # a few thousand items at a time, hashed as written

                def write(text: str) -> None:
                    data = text.encode("utf-8")
                    digest.update(data)
                    fh.write(data)

                graph.write_json(write)
        # last: graph.json is current only when the stamp matches
        atomic_write(self.path / STAMP, f"{stamp}\n{_vouch(digest.hexdigest())}\n")
        self._graph = graph
        return graph

    def _manifest_digest(self) -> str:
        try:
            return hashlib.sha256((self.path / MANIFEST).read_bytes()).hexdigest()
        except FileNotFoundError:
            return ""

    def _stamp(self) -> tuple[str, str] | None:
        """graph.stamp's two lines (the manifest's hash; graph.json's hash and format, "" in a stamp written
        before it carried them), or None when there is no stamp."""
        try:
            lines = (self.path / STAMP).read_text(encoding="ascii").split("\n")
        except FileNotFoundError:
            return None
        return lines[0].strip(), (lines[1].strip() if len(lines) > 1 else "")

    def _graph_is_current(self) -> bool:
        """graph.json was built from the manifest as it is now (a process killed between writing the
        manifest and the graph leaves an older graph.json behind: it is rebuilt on the next open)."""
        stamp = self._stamp()
        return stamp is not None and stamp[0] == self._manifest_digest() and (self.path / GRAPH).exists()

    def _sweep_locked(self) -> None:
        """Remove what a killed writer left: its temporary files (``.manifest.json.XXXX``, ...) and document
        files the manifest never got. Only names the store itself writes are touched, so a store kept in a
        folder with other files leaves them alone."""
        manifest = self.manifest()
        for folder, temp in ((self.path, _ROOT_TEMP), (self.docs_dir, _DOC_TEMP)):
            if not folder.is_dir():
                continue
            for p in folder.iterdir():
                orphan = folder == self.docs_dir and _DOC_FILE.match(p.name) and p.stem not in manifest
                if (temp.match(p.name) or orphan) and p.is_file():
                    with contextlib.suppress(OSError):
                        p.unlink()

    def graph(self) -> ReviewGraph:
        """The built graph (read from ``graph.json``; rebuilt when it is missing or older than the manifest)."""
        if self._graph is None:
            if not self.manifest():  # no documents: a graph.json put there on its own, or nothing
                try:
                    data = json.loads((self.path / GRAPH).read_text(encoding="utf-8"))
                except FileNotFoundError:
                    data = None
                except json.JSONDecodeError as exc:
                    raise StoreError(f"{self.path / GRAPH}: damaged ({exc.msg} at line {exc.lineno}) and no "
                                     "documents to rebuild it from; restore it or export it again") from None
                self._graph = ReviewGraph.from_node_link(data) if data is not None else ReviewGraph()
            elif self._graph_is_current() and self._read_graph() is not None:
                pass
            else:
                try:
                    with self.lock():
                        # another process may have rebuilt it while we waited
                        if not (self._graph_is_current() and self._read_graph() is not None):
                            self._sweep_locked()
                            self._graph = self._rebuild_locked()
                except PermissionError:  # a store we may read but not write: build it in memory
                    from graph.build import build_graph

                    self._graph = build_graph(self.parsed_documents())
        return self._graph

    def _read_graph(self) -> ReviewGraph | None:
        """graph.json as the graph, or None when it is damaged (then it is rebuilt from the documents).

        Its nodes and edges are taken as they are, without validating them again, when the stamp vouches
        for it: graph.json's bytes have the sha256 the stamp recorded when this program wrote it, in the
        format (layout and model) this version writes. Any other graph.json (edited, from another version,
        a stamp of an older version) is validated item by item."""
        path = self.path / GRAPH
        try:
            stamp = self._stamp()
            trusted = stamp is not None and stamp[1] == _vouch(_file_sha256(path))
            self._graph = ReviewGraph.read_json(path, trusted=trusted)
        except (FileNotFoundError, json.JSONDecodeError):
            return None
        return self._graph

    def graph_mtime(self) -> float:
        try:
            return (self.path / GRAPH).stat().st_mtime
        except FileNotFoundError:
            return 0.0
