"""Dates as action plans write them: "Jan 2021", "31 st March 2014", "Sept 2019", "Octobe r 2019",
"31/05/14", several in one cell, or words ("Completed", "Ongoing", "TBC").

Candidates are found with patterns and parsed with dateutil; the raw text is always kept. A cell with text
that yields no date and no known word is flagged, as is an impossible date such as 31/02/2021.
"""

from __future__ import annotations

import calendar
import functools
import re
from dataclasses import dataclass, field
from datetime import date, datetime

from dateutil import parser as dparser

__all__ = ["ParsedDate", "DateCell", "parse_date_cell", "normalise_date_text", "MONTH"]

MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
         r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
_MONTH_NAMES = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
                "october", "november", "december"]
_ORD = r"(?:st|nd|rd|th)?"
_PATTERNS = [
    ("day", re.compile(r"\b(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4}|\d{2})\b")),
    ("day", re.compile(rf"\b(\d{{1,2}}){_ORD}\s+(?:of\s+)?{MONTH}\.?,?\s+(\d{{4}})\b", re.I)),
    ("day", re.compile(rf"\b{MONTH}\.?\s+(\d{{1,2}}){_ORD},?\s+(\d{{4}})\b", re.I)),
    ("month", re.compile(rf"\b{MONTH}\.?\s*[-,]?\s*(\d{{4}})\b", re.I)),
    ("month", re.compile(rf"\b{MONTH}\.?\s*['’](\d{{2}})\b", re.I)),
    ("quarter", re.compile(r"\bQ([1-4])\s*[-/]?\s*((?:19|20)\d{2})\b", re.I)),
    ("year", re.compile(r"(?<![\d/.\-£$])\b((?:19|20)\d{2})\b(?![/.\-]\d)")),
]
_WORDS = {
    "complete": re.compile(r"\b(?:complete[d]?|achieved|implemented|done|in place|closed)\b", re.I),
    "ongoing": re.compile(r"\b(?:on\s?-?going|in progress|continuous|rolling|annual(?:ly)?|quarterly|monthly)\b",
                          re.I),
    "tbc": re.compile(r"\b(?:tbc|tba|tbd|to be (?:confirmed|agreed|decided))\b", re.I),
    "immediate": re.compile(r"\b(?:immediate(?:ly)?|asap|with immediate effect)\b", re.I),
    "n/a": re.compile(r"(?:^|\s)n/?a(?:\s|$)", re.I),
}


@dataclass(frozen=True)
class ParsedDate:
    text: str
    iso: str          # first day of the period
    end_iso: str      # last day of the period
    precision: str    # day, month, quarter, year


@dataclass
class DateCell:
    raw: str
    dates: list[ParsedDate] = field(default_factory=list)
    words: list[str] = field(default_factory=list)
    invalid: list[str] = field(default_factory=list)

    @property
    def flagged(self) -> bool:
        """True when the cell says something that is neither a date nor a known word, or an impossible date."""
        if self.invalid:
            return True
        if self.dates:
            return False
        return bool(self.raw.strip()) and not (set(self.words) - {"tbc"})

    @property
    def first(self) -> ParsedDate | None:
        return min(self.dates, key=lambda d: d.iso) if self.dates else None

    @property
    def last(self) -> ParsedDate | None:
        return max(self.dates, key=lambda d: d.end_iso) if self.dates else None


def normalise_date_text(text: str) -> str:
    """Undo extraction damage: "Octobe r 2019" -> "October 2019", "31 st" -> "31st", "July2014" -> "July 2014"."""
    def join_split(m: re.Match[str]) -> str:
        joined = m.group(1) + m.group(2)
        return joined if joined.lower() in _MONTH_NAMES or joined.lower() in ("sept",) else m.group(0)

    text = re.sub(r"\b([A-Za-z]{2,8}) ([a-z]{1,2})\b", join_split, text)
    text = re.sub(r"\b(\d{1,2}) (st|nd|rd|th)\b", r"\1\2", text)
    text = re.sub(rf"({MONTH})(\d{{4}})\b", r"\1 \2", text, flags=re.I)
    return text


def _period(kind: str, d: datetime, quarter: int | None = None) -> tuple[date, date]:
    if kind == "day":
        return d.date(), d.date()
    if kind == "month":
        last = calendar.monthrange(d.year, d.month)[1]
        return date(d.year, d.month, 1), date(d.year, d.month, last)
    if kind == "quarter" and quarter:
        m0 = 3 * (quarter - 1) + 1
        return date(d.year, m0, 1), date(d.year, m0 + 2, calendar.monthrange(d.year, m0 + 2)[1])
    return date(d.year, 1, 1), date(d.year, 12, 31)


def parse_date_cell(raw: str | None) -> DateCell:
    """All dates and date words in a cell (cached: plans repeat the same few strings; do not mutate the
    result).

    >>> [d.iso for d in parse_date_cell("June 2014 October 2014 April 2015").dates]
    ['2014-06-01', '2014-10-01', '2015-04-01']
    >>> parse_date_cell("31/02/2021").flagged
    True
    """
    return _parse_date_cell(raw or "")


@functools.lru_cache(maxsize=16384)
def _dateutil(chunk: str) -> datetime | None:
    """dateutil's reading of one date found in a cell, or None (cached: cells differ, their dates repeat)."""
    try:
        return dparser.parse(chunk, dayfirst=True, default=datetime(1900, 1, 1), fuzzy=False)
    except (ValueError, OverflowError, dparser.ParserError):
        return None


@functools.lru_cache(maxsize=65536)
def _parse_date_cell(raw: str) -> DateCell:
    cell = DateCell(raw=raw)
    if not raw or not raw.strip():
        return cell
    text = normalise_date_text(raw)
    taken: list[tuple[int, int]] = []
    found: list[tuple[int, ParsedDate]] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            chunk = m.group(0)
            try:
                if kind == "quarter":
                    q, year = int(m.group(1)), int(m.group(2))
                    start, end = _period(kind, datetime(year, 1, 1), q)
                else:
                    parsed = _dateutil(chunk.replace("'", " 20").replace("’", " 20"))
                    if parsed is None:
                        raise ValueError(f"not a date: {chunk}")
                    if kind == "year":
                        parsed = datetime(int(m.group(1)), 1, 1)
                    start, end = _period(kind, parsed)
                if not 1950 <= start.year <= 2100:
                    raise ValueError("year out of range")
            except (ValueError, OverflowError, dparser.ParserError):
                cell.invalid.append(chunk)
                continue
            found.append((m.start(), ParsedDate(chunk, start.isoformat(), end.isoformat(), kind)))
    cell.dates = [d for _, d in sorted(found, key=lambda x: x[0])]
    cell.words = [name for name, pattern in _WORDS.items() if pattern.search(text)]
    return cell
