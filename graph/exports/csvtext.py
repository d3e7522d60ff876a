"""The one CSV writer: every CSV reviewgraph writes goes through :func:`csv_text`.

That is the export's ``nodes.csv`` and ``edges.csv`` (:mod:`reviewgraph.graph.exports.tables`), ``query run --format
csv`` and ``themes | gaps | recurrence --format csv`` (:func:`reviewgraph.queries.output.to_csv`) and the app's gap
download. A cell that a spreadsheet would run as a formula is written with a ``'`` before it (OWASP's advice
on CSV injection): text whose first character, or first after leading white space, is ``=``, ``+``, ``-``,
``@``, a tab or a carriage return (or the full-width ``＝ ＋ － ＠`` some spreadsheets also take as a formula),
unless the whole cell is a number ("-3", "+44", "1e-3"). The text is the caller's to encode (a lone
surrogate, which UTF-8 cannot hold, is :mod:`reviewgraph.graph.exports.safetext`'s). Rows end in ``\\n``; quoting is the csv module's (a cell holding a comma, a quote, a line feed or a
carriage return is quoted).

>>> print(csv_text(["a", "b"], [["=HYPERLINK(\\"http://x\\")", "-2"], [" @SUM(A1)", None]]), end="")
a,b
"'=HYPERLINK(""http://x"")",-2
' @SUM(A1),
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any


__all__ = ["FORMULA_STARTS", "formula_safe", "csv_text"]

#: characters that make a spreadsheet read a cell as a formula (or, tab and CR, hide one after them)
FORMULA_STARTS = frozenset("=+-@\t\r\uff1d\uff0b\uff0d\uff20")


#: a plain decimal number, which a spreadsheet reads as that number ("-3", "+44", "-1.5e3"; not "-inf", "-1_0")
_NUMBER = re.compile(r"[ ]*[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?[ ]*")


#: the last code point Unicode calls white space (U+3000, ideographic space); scanning to it instead of to
#: U+10FFFF makes importing this module take about a millisecond, not 0.3-0.9 s (a test checks the full range)
_LAST_SPACE = 0x3000

#: first characters that send a cell through :func:`formula_safe`: the formula characters and white space
_SUSPECT = FORMULA_STARTS | frozenset(chr(c) for c in range(_LAST_SPACE + 1) if chr(c).isspace())


def formula_safe(value: Any) -> str:
    """The text of a cell (``None`` is empty) that no spreadsheet runs as a formula.

    >>> [formula_safe(v) for v in ("=1+1", "+cmd|' /C calc'!A0", "\\t=1", "  -x", "-1.5", "a=b", 7, None)]
    ["'=1+1", "'+cmd|' /C calc'!A0", "'\\t=1", "'  -x", '-1.5', 'a=b', '7', '']
    """
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    if not text:
        return text
    first = text[0]
    if first not in FORMULA_STARTS and first.isspace():
        stripped = text.lstrip()
        first = stripped[:1]
    if first in FORMULA_STARTS and first and not _NUMBER.fullmatch(text):
        text = "'" + text
    return text


class _Lines:
    """A file for ``csv.writer``, which writes each row with one ``write`` call: the rows, their ``\\r\\n``
    cut off."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def write(self, line: str) -> None:
        self.lines.append(line[:-2])


def csv_text(columns: Sequence[str], rows: Iterable[Sequence[Any]],
             text: Callable[[Any], Any] | None = None) -> str:
    """A header row and ``rows`` as CSV text, every cell (the header's too) through :func:`formula_safe`;
    ``text`` turns a value that is neither a string nor ``None`` into its cell's text first (by default
    ``str``).

    The csv module quotes a cell holding a character of the line terminator; with ``"\\n"`` alone a cell
    holding a bare carriage return would go unquoted (and a reader would split the row there), so the rows
    are written with ``"\\r\\n"`` and end in ``"\\n"`` here.

    >>> csv_text(["a"], [["x\\ry"]])
    'a\\n"x\\ry"\\n'
    """
    out = _Lines()
    writer = csv.writer(out, lineterminator="\r\n")
    safe, suspect = formula_safe, _SUSPECT
    if text is not None:
        convert = text

        def safe(v: Any) -> str:
            return formula_safe(v if type(v) is str else convert(v))

    writer.writerow([safe(c) for c in columns])
    # the common cell (ASCII text starting with neither a formula character nor white space) as it is
    writer.writerows([[v if type(v) is str and v[:1] not in suspect and v.isascii()
                       else "" if v is None else safe(v) for v in row] for row in rows])
    return "\n".join(out.lines) + "\n"
