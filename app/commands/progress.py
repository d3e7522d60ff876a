"""A progress display for long commands: on stderr, only on a terminal, only once the work has taken more
than a couple of seconds (a quick ingest prints exactly what it printed before)."""

from __future__ import annotations

import time
from types import TracebackType

from typing import TYPE_CHECKING

from rich.console import Console

if TYPE_CHECKING:
    from rich.progress import Progress

__all__ = ["IngestProgress"]


class IngestProgress:
    """``progress(done, total)`` for :func:`reviewgraph.ingest.pipeline.ingest_into`: a bar of documents read, then a
    spinner while the store adds them and rebuilds the graph. Use as a context manager."""

    def __init__(self, delay: float = 2.0, console: Console | None = None) -> None:
        self.console = console or Console(stderr=True)
        self.delay = delay
        self.started = time.monotonic()
        self.bar: Progress | None = None
        self.task = None

    def __call__(self, done: int, total: int) -> None:
        if self.bar is None:
            if not self.console.is_terminal or time.monotonic() - self.started < self.delay:
                return
            from rich.progress import (BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn,
                                       TimeElapsedColumn)

            self.bar = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                                MofNCompleteColumn(), TimeElapsedColumn(), console=self.console, transient=True)
            self.task = self.bar.add_task("reading documents", total=total)
            self.bar.start()
        self.bar.update(self.task, completed=done, total=total)  # type: ignore[arg-type]
        if done >= total:
            self.bar.update(self.task, description="adding to the store, building the graph")  # type: ignore[arg-type]

    def __enter__(self) -> IngestProgress:
        self.started = time.monotonic()
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self.bar is not None:
            self.bar.stop()
            self.bar = None
