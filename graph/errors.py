"""Errors for people: any exception as one line saying what went wrong, with which file, and what to do.

The lowest layer that every other one may use: the CLI (:mod:`reviewgraph.app.errors`), the app's pages and
the query sandbox's child process (:mod:`reviewgraph.queries.sandbox`) all word a failure with
:func:`describe`.

>>> describe(FileNotFoundError(2, "No such file or directory", "/data/plan.txt"))
'/data/plan.txt: no such file or directory; check the path'
>>> describe(ValueError("unknown export format 'x'"))
"unknown export format 'x'"
"""

from __future__ import annotations

import errno
import json

__all__ = ["describe", "one_line"]

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
        return one_line(f"{message}; {hint}" if hint else message)
    reason = getattr(exc, "reason", None)
    if reason is not None and type(exc).__name__ == "URLError":
        inner = describe(reason) if isinstance(reason, BaseException) else str(reason)
        return one_line(f"cannot reach the server: {inner}")
    if isinstance(exc, json.JSONDecodeError):
        return one_line(f"a damaged JSON file ({exc.msg} at line {exc.lineno}); restore it or rebuild the store")
    text = str(exc) or type(exc).__name__
    return one_line(text)


def one_line(text: str) -> str:
    """``text`` with every run of white space (new lines included) made one space.

    >>> one_line("no such\\n  file")
    'no such file'
    """
    return " ".join(text.split())
