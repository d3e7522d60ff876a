"""Rendering query results: CSV (one header row, plain values), JSON (a list of objects) and a text table.

The values are already plain (see :func:`queries.engines.plain`); here ``None`` becomes an empty CSV cell,
booleans ``true``/``false``, and a list its items joined by ``"; "``, so CSV from any engine can be compared
line by line.

>>> from queries.engines import Result
>>> print(to_csv(Result(["id", "n", "ok"], [["a", 1, True], ["b", None, False]])), end="")
id,n,ok
a,1,true
b,,false
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from queries.engines import Result

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
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(result.columns)
    for row in result.rows:
        writer.writerow([cell(v) for v in row])
    return buf.getvalue()


def to_json(result: Result) -> str:
    return json.dumps(result.records(), ensure_ascii=False, indent=1) + "\n"


def to_table(result: Result, max_width: int = 60) -> str:
    """A plain-text table (long cells cut at ``max_width`` characters with an ellipsis)."""
    def clip(text: str) -> str:
        text = " ".join(text.split())
        return text if len(text) <= max_width else text[: max_width - 1] + "…"

    rows = [[clip(cell(v)) for v in row] for row in result.rows]
    widths = [max([len(c)] + [len(r[i]) for r in rows]) for i, c in enumerate(result.columns)]
    line = "  ".join(c.ljust(w) for c, w in zip(result.columns, widths, strict=True))
    out = [line.rstrip(), "  ".join("-" * w for w in widths)]
    out += ["  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out) + "\n"


def render(result: Result, fmt: str) -> str:
    if fmt == "csv":
        return to_csv(result)
    if fmt == "json":
        return to_json(result)
    if fmt == "table":
        return to_table(result)
    raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
