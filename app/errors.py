"""Errors for people: every failure of a command becomes one line saying what, which file, what to do.

:func:`reviewgraph.app.cli.main` prints :func:`describe` of any exception (``--debug`` shows the traceback instead), and
:func:`usage_line` of a usage error (a missing option, a bad value) instead of Click's boxed panel.

>>> describe(FileNotFoundError(2, "No such file or directory", "/data/plan.txt"))
'/data/plan.txt: no such file or directory; check the path'
>>> describe(ValueError("unknown export format 'x'"))
"unknown export format 'x'"
"""

from __future__ import annotations

import errno
import json
from typing import Any

__all__ = ["click_exceptions", "describe", "usage_line"]


def click_exceptions() -> Any:
    """The module of Click's exception classes as Typer raises them (Typer vendors Click as typer._click)."""
    try:
        from typer._click import exceptions
    except ImportError:  # a Typer that uses Click itself
        from click import exceptions
    return exceptions

_HINTS = {
    errno.ENOENT: "check the path",
    errno.EACCES: "check its permissions (or run as the user who owns it)",
    errno.EPERM: "check its permissions",
    errno.ENOTDIR: "a file is in the way where a folder is expected: check the path",
    errno.EISDIR: "give a file, not a folder",
    errno.EEXIST: "a file is in the way where a folder is expected: choose another path",
    errno.ENOSPC: "free some disk space and run it again",
    errno.EROFS: "the disk is read-only: choose another place",
    errno.ECONNREFUSED: "is the server running, and is the address right?",
}


def describe(exc: BaseException) -> str:
    """One line for ``exc``: its file where it has one, what went wrong, and what to do where we know."""
    if isinstance(exc, OSError) and exc.strerror:
        hint = _HINTS.get(exc.errno or 0)
        where = f"{exc.filename}: " if exc.filename else ""
        message = f"{where}{exc.strerror[:1].lower()}{exc.strerror[1:]}"
        return _one(f"{message}; {hint}" if hint else message)
    reason = getattr(exc, "reason", None)
    if reason is not None and type(exc).__name__ == "URLError":
        inner = describe(reason) if isinstance(reason, BaseException) else str(reason)
        return _one(f"cannot reach the server: {inner}")
    if isinstance(exc, json.JSONDecodeError):
        return _one(f"a damaged JSON file ({exc.msg} at line {exc.lineno}); restore it or rebuild the store")
    text = str(exc) or type(exc).__name__
    return _one(text)


def usage_line(exc: Any) -> str:
    """A Click usage error as one line: the command, the problem, and where the help is."""
    ctx = getattr(exc, "ctx", None)
    names: list[str] = []
    while ctx is not None and ctx.parent is not None:  # the command's names below the root program
        names.insert(0, ctx.info_name or "")
        ctx = ctx.parent
    path = " ".join(["reviewgraph", *names])
    return _one(f"{path}: {exc.format_message().rstrip('.')}; see `{path} --help`")


def _one(text: str) -> str:
    return " ".join(text.split())
