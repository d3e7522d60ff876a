"""Derived engine stores kept beside the store's ``graph.json``, rebuilt lazily when it changes.

A derived store lives in ``<store>/derived/<engine>/<stamp>/`` where the stamp is a hash of ``graph.json``
and of the sink's own version. Asking for it (:func:`fresh_dir`) builds it when no complete directory has
the current stamp, so every ingest (which rewrites ``graph.json``) is followed by a rebuild the next time an
engine is used, and re-ingesting the same documents (same ``graph.json``) reuses what is there. The build
goes to a temporary directory renamed into place, and ``<stamp>.complete`` is written last, so a killed
build is never used; older stamps are removed after a successful build (a server still reading one keeps
its open files).
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

from graph.graphdata import ReviewGraph
from graph.store import GRAPH, Store

__all__ = ["graph_stamp", "fresh_dir"]


def graph_stamp(store: Store, version: str) -> str:
    """Hash of ``graph.json`` (empty when the store has no graph yet) and the sink version."""
    h = hashlib.sha256(version.encode())
    try:
        with open(store.path / GRAPH, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                h.update(block)
    except FileNotFoundError:
        h.update(b"<no graph>")
    return h.hexdigest()[:20]


@contextlib.contextmanager
def _lock(path: Path) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def fresh_dir(store: Store, engine: str, version: str,
              build: Callable[[ReviewGraph, Path], None]) -> Path:
    """The directory of ``engine``'s derived store for the current graph, building it if needed.

    ``build(graph, directory)`` fills an empty, existing directory.
    """
    root = store.derived_dir / engine
    with _lock(store.derived_dir / f".{engine}.lock"):
        stamp = graph_stamp(store, version)
        target = root / stamp
        done = root / f"{stamp}.complete"
        if target.is_dir() and done.exists():
            return target
        graph = store.graph()  # may write graph.json when only the documents were there
        stamp = graph_stamp(store, version)
        target, done = root / stamp, root / f"{stamp}.complete"
        tmp = root / f".tmp-{stamp}"
        shutil.rmtree(tmp, ignore_errors=True)
        shutil.rmtree(target, ignore_errors=True)
        tmp.mkdir(parents=True)
        build(graph, tmp)
        tmp.rename(target)
        done.write_text(stamp + "\n", encoding="utf-8")
        for old in root.iterdir():
            if old.name not in (stamp, done.name):
                if old.is_dir():
                    shutil.rmtree(old, ignore_errors=True)
                else:
                    old.unlink(missing_ok=True)
        return target
