"""The persistent local store: one directory holding every ingested document's parse and the built graph.

Layout of a store directory::

    manifest.json        which documents are in the store (sha256 -> file name, review override)
    docs/<sha256>.json   the ParsedDocument of each document (what the ingestor read, with provenance)
    graph.json           the merged graph as node-link JSON, rebuilt from docs/ after every change
    graph.stamp          the sha256 of the manifest graph.json was built from (written after graph.json), and
                         the sha256 of graph.json with the format it was written in (see _read_graph)
    derived/             engine stores built from graph.json (embedded SPARQL, embedded Cypher)
    orphans/             stored parses found in docs/ that the manifest does not list (an entry removed by
                         hand), set aside with a note (orphans/NOTE.txt) instead of being deleted
    .pending             while an ingest writes new document files: their hashes (removed after the manifest)

Every write is write-to-temporary-then-rename, and the manifest is written after the documents, so a process
killed in the middle of an ingest leaves the store as it was or with whole documents only; a graph.json older
than the manifest (killed between the two) is rebuilt on the next open, and the temporary and unfinished
document files a killed writer leaves (those ``.pending`` names) are swept by the next writer. The graph is
always a pure function of the documents in the manifest: ingesting the same documents again changes nothing.

graph.json is used only when graph.stamp vouches for it (built from this manifest, with these bytes, in this
version's format); any other graph.json (edited, emptied, truncated, from another version) is rebuilt from
the documents. A store that cannot be written (a read-only disk or folder, a full disk) still answers: the
graph is built in memory and :attr:`Store.notices` (and the ``tell`` callback) says once why it was not
saved.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import json
import os
import re
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from reviewgraph.graph.collector import collector_paused
from reviewgraph.graph.graphdata import ReviewGraph, json_format
from reviewgraph.records.parsed import ParsedDocument

__all__ = ["Store", "StoreError", "default_db_path", "atomic_write", "atomic_file", "cannot_write"]

MANIFEST = "manifest.json"
PENDING = ".pending"
ORPHANS = "orphans"
# atomic_write's temporary files
_ROOT_TEMP = re.compile(r"^\.(?:manifest\.json|graph\.json|graph\.stamp|\.pending)\.[A-Za-z0-9_]+$")
_DOC_TEMP = re.compile(r"^\.[0-9a-f]{64}\.json\.[A-Za-z0-9_]+$")
_DOC_FILE = re.compile(r"^[0-9a-f]{64}\.json$")
_UMASK = os.umask(0)
os.umask(_UMASK)
GRAPH = "graph.json"
STAMP = "graph.stamp"


#: errors that mean "this store cannot be written now" (a read-only disk or folder, a full disk or quota):
#: the store then answers from memory
_CANNOT_WRITE = frozenset({errno.EROFS, errno.EACCES, errno.EPERM, errno.ENOSPC, errno.EDQUOT})


def cannot_write(exc: BaseException) -> bool:
    """``exc`` says the store cannot be written now (read-only, no permission, disk or quota full).

    >>> cannot_write(OSError(errno.EROFS, "Read-only file system")), cannot_write(FileNotFoundError())
    (True, False)
    """
    return isinstance(exc, OSError) and exc.errno in _CANNOT_WRITE


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


def _write_unsynced(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file renamed into place, without waiting for the disk:
    for many files made durable together afterwards (:func:`_sync_files`)."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o666 & ~_UMASK)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def _sync_files(folder: Path, paths: list[Path]) -> None:
    """Wait until the files ``paths`` in ``folder`` (and their names) are on the disk: one ``syncfs`` of the
    folder's file system on Linux (one journal commit; an fsync per file cost about 2 to 4 ms each, 20,000 of
    them at 10,000 reviews), else an fsync of each file and of the folder."""
    if not paths:
        return
    libc = _libc()
    if libc is not None:
        fd = os.open(folder, os.O_RDONLY)
        try:
            if libc.syncfs(fd) == 0:
                return
        finally:
            os.close(fd)
    for path in paths:
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    with contextlib.suppress(OSError):  # a folder cannot be opened for fsync on every system
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _libc():  # type: ignore[no-untyped-def]
    """The C library when it has ``syncfs`` (Linux), else None."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        return libc if hasattr(libc, "syncfs") else None
    except (OSError, AttributeError):
        return None


class Store:
    """A store directory (see the module's docstring for its layout).

    ``tell(message)`` is called once with each thing the store has to say while it answers (a graph.json
    changed by hand and rebuilt, parses set aside, a graph that could not be saved); they are also kept in
    :attr:`notices`. ``waiting(message)`` is called when a write has to wait for another process's."""

    def __init__(self, path: str | os.PathLike[str] | None = None, *,
                 tell: Callable[[str], None] | None = None,
                 waiting: Callable[[str], None] | None = None) -> None:
        self.path = Path(path) if path is not None else default_db_path()
        self.docs_dir = self.path / "docs"
        self.derived_dir = self.path / "derived"
        self._graph: ReviewGraph | None = None
        self.tell = tell
        self.waiting = waiting
        #: what the store said while answering, each message once
        self.notices: list[str] = []
        #: seconds the last write waited for another process's lock (0.0 when it did not wait)
        self.waited = 0.0

    def _notice(self, message: str) -> None:
        if message not in self.notices:
            self.notices.append(message)
            if self.tell is not None:
                self.tell(message)

    # -- locking ---------------------------------------------------------------------------------------
    @contextlib.contextmanager
    def lock(self, doing: str = "write") -> Iterator[None]:
        """An exclusive lock for writers: two ingests into one store wait for each other, and the one that
        waits says so (``waiting``), naming what the other one is doing and its process. ``doing`` is what
        this one does, as the other would name it ("ingest", "rebuild of the graph")."""
        self.path.mkdir(parents=True, exist_ok=True)
        self.waited = 0.0
        with open(self.path / ".lock", "a+", encoding="utf-8") as fh:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                fh.seek(0)
                pid, _, what = fh.read(200).strip().partition(" ")
                other = f"another {what} (process {pid})" if pid.isdigit() and what else "another process"
                if self.waiting is not None:
                    self.waiting(f"{other} is writing to the store in {self.path}: waiting for it to finish")
                started = time.monotonic()
                fcntl.flock(fh, fcntl.LOCK_EX)
                self.waited = time.monotonic() - started
            try:
                with contextlib.suppress(OSError):  # who holds the lock, for a writer that has to wait
                    fh.truncate(0)
                    fh.write(f"{os.getpid()} {doing}\n")
                    fh.flush()
                yield
            finally:
                with contextlib.suppress(OSError):
                    fh.truncate(0)
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

    def add(self, docs: Iterable[ParsedDocument]) -> list[ParsedDocument]:
        """Add parsed documents (whole documents only) and rebuild the graph; returns those that were new.
        ``docs`` is read, never changed (:meth:`adding` is the same with a block before the build)."""
        docs = list(docs)
        with self.adding(docs) as new:
            pass
        return [d for d in docs if d.sha256 in new]

    @contextlib.contextmanager
    def adding(self, docs: Iterable[ParsedDocument],
               built: Callable[[ReviewGraph], Callable[[bool], None]] | None = None) -> Iterator[frozenset[str]]:
        """Add parsed documents (whole documents only) under the store's lock. The ``with`` block runs once
        the documents are written and the manifest names them, and is given the hashes of those that were
        new; when it ends, the graph is built (from the new documents as they are in memory) and written.

        ``docs`` is iterated once and never changed. The store holds the new documents until the graph is
        built and lets each go once its review is built, so a caller whose own references are gone when
        the block ends (it gave a generator, or its holders let go inside the block) has their memory back
        during the build (at 10,000 reviews the parsed documents take about a gigabyte, which the graph
        then reuses). A block that raises leaves the documents added and graph.json behind the manifest:
        the next command rebuilds it.

        A full disk while the graph is written leaves the documents added, the last graph.json in place and
        the new graph in memory (:attr:`notices` says so); the next command that has room saves it.

        ``built(graph)``, when given, is called with the new graph as soon as it is built, before graph.json
        is written (to start work that needs only the graph: the derived stores); what it returns is called
        once graph.json is written, with True when graph.json and its stamp were saved, False when not (to
        finish that work, or drop it)."""
        with self.lock("ingest"):
            self._sweep_locked()
            new = self._write_locked(docs)
            yield frozenset(new)
            if new:
                # reading the new documents back would hold every document twice while the graph is built
                self._rebuild_locked(new, built)

    def _write_locked(self, docs: Iterable[ParsedDocument]) -> dict[str, ParsedDocument]:
        """Write the documents the manifest does not list, then the manifest; the new ones, by hash (the
        same bytes twice: the last one written, as in the manifest)."""
        manifest = self.manifest()
        docs = list(docs)
        fresh = sorted({d.sha256 for d in docs if d.sha256 not in manifest})
        if fresh:  # should this writer die before the manifest names them, the next one deletes them
            atomic_write(self.path / PENDING, "\n".join(fresh) + "\n")
        new: dict[str, ParsedDocument] = {}
        written: list[Path] = []
        if fresh:
            self.docs_dir.mkdir(parents=True, exist_ok=True)
        for doc in docs:
            if doc.sha256 not in manifest:
                # renamed into place, made durable all at once before the manifest names them: a crash before
                # that leaves them named in .pending, for the next writer to remove
                path = self.docs_dir / f"{doc.sha256}.json"
                _write_unsynced(path, doc.model_dump_json().encode("utf-8"))
                written.append(path)
                new[doc.sha256] = doc
        _sync_files(self.docs_dir, written)
        for sha, doc in new.items():
            manifest[sha] = {"file_name": doc.file_name, "doc_kind": doc.doc_kind.value,
                             "review_override": doc.hints.override}
        if new:
            atomic_write(self.path / MANIFEST, json.dumps(manifest, indent=1, sort_keys=True))
        if fresh:
            with contextlib.suppress(FileNotFoundError):
                (self.path / PENDING).unlink()
        return new

    def remove(self, sha256: str) -> bool:
        with self.lock("removal"):
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

    def parsed_documents(self) -> list[ParsedDocument]:
        """Every document in the store, in hash order."""
        return list(self._documents())

    def _documents(self, known: dict[str, ParsedDocument] | None = None) -> Iterator[ParsedDocument]:
        """Every document in the store, in hash order, read as they are asked for; those in ``known`` (the
        store's own, just written, by hash) are taken out of it rather than read back, so that whoever
        consumes this holds the only reference to each."""
        for sha in sorted(self.manifest()):
            if known and sha in known:
                yield known.pop(sha)
                continue
            path = self.docs_dir / f"{sha}.json"
            try:
                doc = ParsedDocument.model_validate_json(path.read_text(encoding="utf-8"))
            except FileNotFoundError:
                raise StoreError(f"{path}: missing, though the manifest lists it; restore the store from a "
                                 "backup, or ingest that document again into a new store") from None
            except ValueError as exc:  # pydantic's ValidationError (bad JSON or a changed model)
                first = str(exc).splitlines()[1:2] or [str(exc)]
                raise StoreError(f"{path}: damaged or from an incompatible version ({first[0].strip()}); "
                                 "ingest the documents again into a new store") from None
            yield doc

    # -- the graph -------------------------------------------------------------------------------------
    def rebuild(self) -> ReviewGraph:
        with self.lock("rebuild of the graph"):
            return self._rebuild_locked()

    def _rebuild_locked(self, known: dict[str, ParsedDocument] | None = None,
                        built: Callable[[ReviewGraph], Callable[[bool], None]] | None = None) -> ReviewGraph:
        """Build the graph and write graph.json. ``known``: the store's own documents in memory, by hash
        (just written), which are not read back; the build takes them (see :meth:`_documents`) and frees
        each once its review is built. A graph.json that cannot be written (disk full, read-only) leaves
        the last one in place and the new graph in memory, with a notice."""
        from reviewgraph.graph.build import build_graph  # late import: build depends on the registry data

        stamp = self._manifest_digest()
        digest = hashlib.sha256()
        # the collector stays paused while graph.json is written too: the write makes millions of short-lived
        # records, and with the collector back on, each collection walks the whole new graph
        finish: Callable[[bool], None] | None = None
        saved = False
        with collector_paused():
            graph = build_graph(self._documents(known))
            if built is not None:
                finish = built(graph)
            try:
                with atomic_file(self.path / GRAPH) as fh:  # a few thousand items at a time, hashed as written

                    def write(text: str) -> None:
                        data = text.encode("utf-8")
                        digest.update(data)
                        fh.write(data)

                    graph.write_json(write)
                # last: graph.json is current only when the stamp matches
                atomic_write(self.path / STAMP, f"{stamp}\n{_vouch(digest.hexdigest())}\n")
                saved = True
            except OSError as exc:
                if not cannot_write(exc):
                    raise
                self._notice(f"the new graph could not be saved in {self.path} ({_reason(exc)}): this "
                             f"command answers from the graph built in memory; {_fix(exc)}")
            finally:
                self._graph = graph
                if finish is not None:
                    finish(saved)
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
            lines = (self.path / STAMP).read_text(encoding="ascii", errors="replace").split("\n")
        except FileNotFoundError:
            return None
        return lines[0].strip(), (lines[1].strip() if len(lines) > 1 else "")

    def _graph_state(self) -> str:
        """How graph.json stands against graph.stamp: "current" (built from the manifest as it is now, with
        the bytes and format the stamp recorded), "missing", "behind" (built from another manifest: a
        process killed between the manifest and the graph, or a manifest edited by hand), "changed" (its
        bytes are not those written: edited, emptied or truncated) or "other version" (written in another
        format, or stamped before stamps carried the hash). Only a current graph.json is used as it is."""
        path = self.path / GRAPH
        stamp = self._stamp()
        if not path.exists():
            return "missing"
        if stamp is None or stamp[0] != self._manifest_digest():
            return "behind"
        try:
            if stamp[1] == _vouch(_file_sha256(path)):
                return "current"
        except FileNotFoundError:
            return "missing"
        return "changed" if stamp[1].endswith(f" format {json_format()}") else "other version"

    def _pending(self) -> set[str]:
        try:
            return set((self.path / PENDING).read_text(encoding="ascii", errors="replace").split())
        except FileNotFoundError:
            return set()

    def _sweep_locked(self) -> None:
        """Tidy what a killed writer left: its temporary files (``.manifest.json.XXXX``, ...) and the document
        files it wrote before the manifest named them (those in ``.pending``) are removed. Any other
        document file the manifest does not list (an entry removed by hand) is a stored parse: it is set
        aside in ``orphans/``, never deleted. Only names the store itself writes are touched, so a store kept
        in a folder with other files leaves them alone."""
        manifest = self.manifest()
        pending = self._pending()
        aside: list[Path] = []
        for folder, temp in ((self.path, _ROOT_TEMP), (self.docs_dir, _DOC_TEMP)):
            if not folder.is_dir():
                continue
            for p in folder.iterdir():
                orphan = folder == self.docs_dir and _DOC_FILE.match(p.name) and p.stem not in manifest
                if not p.is_file() or not (temp.match(p.name) or orphan):
                    continue
                if orphan and p.stem not in pending:
                    aside.append(p)
                    continue
                with contextlib.suppress(OSError):
                    p.unlink()
        if aside:
            self._set_aside(sorted(aside))
        if pending:
            with contextlib.suppress(OSError):
                (self.path / PENDING).unlink()

    def _set_aside(self, files: list[Path]) -> None:
        """Move stored parses the manifest does not list into ``orphans/``, each with a line in
        ``orphans/NOTE.txt`` giving the manifest entry that would put it back."""
        folder = self.path / ORPHANS
        lines: list[str] = []
        for p in files:
            try:
                folder.mkdir(exist_ok=True)
                data = p.read_bytes()
                target = folder / p.name
                n = 1
                while target.exists():
                    if target.read_bytes() == data:  # already kept, byte for byte
                        break
                    n += 1
                    target = folder / f"{p.stem}.{n}.json"
                if target.exists():
                    p.unlink()
                    continue
                os.rename(p, target)
            except OSError:  # cannot move it (read-only, ...): it stays where it is, and is never deleted
                continue
            lines.append(_orphan_line(p.stem, target.name, data))
        if not lines:
            return
        note = folder / "NOTE.txt"
        with contextlib.suppress(OSError):
            head = "" if note.exists() else _ORPHANS_NOTE.format(store=self.path)
            with open(note, "a", encoding="utf-8") as fh:
                fh.write(head + "".join(lines))
        plural = "s" if len(lines) != 1 else ""
        self._notice(f"{len(lines)} stored document parse{plural} in {self.docs_dir} not listed in {MANIFEST} "
                     f"set aside in {folder} (not deleted; {note.name} there says how to put them back)")

    def graph(self) -> ReviewGraph:
        """The built graph: graph.json when graph.stamp vouches for it, else rebuilt from the documents (a
        graph.json missing, older than the manifest, changed by hand or from another version). A store that
        cannot be written answers from a graph built in memory, and says so once."""
        if self._graph is None:
            self._graph = self._load_graph()
        return self._graph

    def _load_graph(self) -> ReviewGraph:
        if self._stamp() is None and not self.manifest():
            return self._graph_on_its_own()
        state = self._graph_state()
        if state == "current":
            graph = self._read_trusted()
            if graph is not None:
                return graph
        try:
            with self.lock("rebuild of the graph"):
                state = self._graph_state()  # another process may have rebuilt it while we waited
                if state == "current" and (graph := self._read_trusted()) is not None:
                    return graph
                if state in ("changed", "current"):
                    self._notice(f"{self.path / GRAPH}: changed after it was written (its hash is not the "
                                 f"one in {STAMP}); rebuilt from the documents")
                self._sweep_locked()
                return self._rebuild_locked()
        except OSError as exc:
            if not cannot_write(exc):
                raise
            return self._graph_in_memory(state, exc)

    def _graph_in_memory(self, state: str, failure: OSError) -> ReviewGraph:
        """For a store we may read but not write: the graph built from the documents in memory, with a
        notice saying why it was not saved."""
        from reviewgraph.graph.build import build_graph

        why = {"missing": "has no graph.json", "behind": "has a graph.json older than its manifest",
               "changed": "has a graph.json changed after it was written",
               "other version": "has a graph.json written by another version"}.get(
                   state, "has a damaged graph.json")
        self._notice(f"the store in {self.path} {why} and cannot be written ({_reason(failure)}): this "
                     f"command answers from the graph built from the documents in memory; {_fix(failure)}")
        with collector_paused():
            return build_graph(self._documents())

    def _read_trusted(self) -> ReviewGraph | None:
        """graph.json, which the stamp vouches for, without validating every item again (None when it
        cannot be read after all: it changed under us)."""
        try:
            return ReviewGraph.read_json(self.path / GRAPH, trusted=True)
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def _graph_on_its_own(self) -> ReviewGraph:
        """A graph.json in a store with no documents and no stamp (put there by hand, or by a test): every
        node and edge validated, and refused in one line when it does not fit the model."""
        path = self.path / GRAPH
        how = ("restore it from a backup, or ingest the documents again "
               f"(reviewgraph ingest FILES --db {self.path})")
        try:
            return ReviewGraph.read_json(path)
        except FileNotFoundError:
            return ReviewGraph()
        except json.JSONDecodeError as exc:
            raise StoreError(f"{path}: damaged ({exc.msg} at line {exc.lineno}) and the store has no "
                             f"documents to rebuild it from; {how}") from None
        except (ValueError, KeyError, TypeError, AttributeError) as exc:  # ValidationError, GraphError, shape
            first = str(exc).splitlines()[1:2] if "validation error" in str(exc) else [str(exc)]
            detail = " ".join((first or [type(exc).__name__])[0].split())[:160]
            raise StoreError(f"{path}: not a graph this version can read ({type(exc).__name__}: {detail}) "
                             f"and the store has no documents to rebuild it from; {how}") from None

    def graph_mtime(self) -> float:
        try:
            return (self.path / GRAPH).stat().st_mtime
        except FileNotFoundError:
            return 0.0


_ORPHANS_NOTE = """\
Stored document parses set aside by reviewgraph.

Each file here was a stored parse in {store}/docs/ that manifest.json did not list (an entry removed from
the manifest by hand, for instance). The store no longer counted it, so it was moved here rather than
deleted. To put one back: ingest its original file again (reviewgraph ingest FILE --db {store}), or move
the file back into docs/ under the name <sha256>.json and add its line below to manifest.json, inside the
braces; the next command rebuilds the graph. To drop one for good, delete it here.

"""


def _orphan_line(sha: str, name: str, data: bytes) -> str:
    """One line of orphans/NOTE.txt: when, which file, and the manifest entry that would put it back."""
    try:
        doc = json.loads(data)
        entry = {"file_name": doc.get("file_name"), "doc_kind": doc.get("doc_kind"),
                 "review_override": (doc.get("hints") or {}).get("override")}
    except (ValueError, AttributeError):
        return f"{time.strftime('%Y-%m-%d %H:%M:%S')}  {name}: unreadable as a parse\n"
    return (f"{time.strftime('%Y-%m-%d %H:%M:%S')}  {name}: {entry['file_name']} ({entry['doc_kind']}); "
            f"manifest line: {json.dumps(sha)}: {json.dumps(entry, sort_keys=True)}\n")


def _reason(exc: OSError) -> str:
    return (exc.strerror or type(exc).__name__).lower()


def _fix(exc: OSError) -> str:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return "free some disk space: the next command then saves it"
    return "it is saved by the next command run where the store can be written"
