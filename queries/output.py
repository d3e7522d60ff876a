"""Rendering query results: CSV (one header row, plain values), JSON (a list of objects) and a text table.

The values are already plain (see :func:`reviewgraph.queries.engines.plain`); here ``None`` becomes an empty CSV cell,
booleans ``true``/``false``, and a list its items joined by ``"; "``, so CSV from any engine can be compared
line by line. CSV is written by the project's one CSV writer (:func:`reviewgraph.graph.exports.csvtext.csv_text`),
so a cell a spreadsheet would run as a formula gets a leading ``'``; in CSV and JSON a lone surrogate (which
no UTF-8 output can hold) is U+FFFD. The text table shows control and
direction-changing characters as U+FFFD, so a cell cannot move the terminal's cursor or reorder its line.

>>> from reviewgraph.queries.engines import Result
>>> print(to_csv(Result(["id", "n", "ok"], [["a", 1, True], ["b", None, False], ["=1+1", -2, None]])), end="")
id,n,ok
a,1,true
b,,false
'=1+1,-2,
"""

from __future__ import annotations

import json
import re
from typing import Any

from reviewgraph.graph.exports.csvtext import csv_text
from reviewgraph.graph.exports.safetext import REPLACEMENT, UNICODE
from reviewgraph.queries.engines import Result

__all__ = ["cell", "to_csv", "to_json", "to_table", "render", "FORMATS"]

FORMATS = ("table", "csv", "json")


def cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "; ".join(cell(v) for v in value)
    return str(value)


def to_csv(result: Result) -> str:
    return UNICODE.sub(REPLACEMENT, csv_text(result.columns, [[cell(v) for v in row] for row in result.rows]))


def to_json(result: Result) -> str:
    return UNICODE.sub(REPLACEMENT, json.dumps(result.records(), ensure_ascii=False, indent=1) + "\n")


def to_table(result: Result, max_width: int = 60) -> str:
    """A plain-text table (long cells cut at ``max_width`` characters with an ellipsis)."""
    def clip(text: str) -> str:
        text = " ".join(_terminal_safe(text).split())
        return text if len(text) <= max_width else text[: max_width - 1] + "…"

    rows = [[clip(cell(v)) for v in row] for row in result.rows]
    widths = [max([len(c)] + [len(r[i]) for r in rows]) for i, c in enumerate(result.columns)]
    line = "  ".join(c.ljust(w) for c, w in zip(result.columns, widths, strict=True))
    out = [line.rstrip(), "  ".join("-" * w for w in widths)]
    out += ["  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out) + "\n"


#: C0 and C1 controls (an escape sequence starts with ESC or CSI) and the bidirectional controls
_NOT_FOR_TERMINAL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
                               "\ud800-\udfff]")


def _terminal_safe(text: str) -> str:
    r"""Text for a terminal: controls and direction overrides as U+FFFD (tab, line breaks: white space).

    >>> _terminal_safe("a[2Jb‮c	d") == "a�[2Jb�c	d"
    True
    """
    if text.isascii() and text.isprintable():
        return text
    return _NOT_FOR_TERMINAL.sub("\ufffd", text)


def render(result: Result, fmt: str) -> str:
    if fmt == "csv":
        return to_csv(result)
    if fmt == "json":
        return to_json(result)
    if fmt == "table":
        return to_table(result)
    raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
