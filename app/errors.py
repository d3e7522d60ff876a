"""Errors for people: every failure of a command becomes one line saying what, which file, what to do.

:func:`reviewgraph.app.cli.main` prints :func:`describe` (:mod:`reviewgraph.graph.errors`, where the query
sandbox can use it too) of any exception (``--debug`` shows the traceback instead), and
:func:`usage_line` of a usage error (a missing option, a bad value) instead of Click's boxed panel.
"""

from __future__ import annotations

from typing import Any

from reviewgraph.graph.errors import describe, one_line

__all__ = ["click_exceptions", "describe", "usage_line"]


def click_exceptions() -> Any:
    """The module of Click's exception classes as Typer raises them (Typer vendors Click as typer._click)."""
    try:
        from typer._click import exceptions
    except ImportError:  # a Typer that uses Click itself
        from click import exceptions
    return exceptions


def usage_line(exc: Any) -> str:
    """A Click usage error as one line: the command, the problem, and where the help is."""
    ctx = getattr(exc, "ctx", None)
    names: list[str] = []
    while ctx is not None and ctx.parent is not None:  # the command's names below the root program
        names.insert(0, ctx.info_name or "")
        ctx = ctx.parent
    path = " ".join(["reviewgraph", *names])
    return one_line(f"{path}: {exc.format_message().rstrip('.')}; see `{path} --help`")
