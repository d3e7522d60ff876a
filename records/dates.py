"""Dates as action plans write them: "Jan 2021", "31 st March 2014", "Sept 2019", "Octobe r 2019",
"31/05/14", several in one cell, or words ("Completed", "Ongoing", "TBC").

Candidates are found with patterns and parsed with dateutil; the raw text is always kept. A cell with text
that yields no date and no known word is flagged, as is an impossible date such as 31/02/2021.

Periods as UK plans write them: a quarter written with a financial year ("Q3 2025/26") is a quarter of the
April-March year (Q1 April-June ... Q4 January-March of the second year), one with a calendar year ("Q4
2025") a calendar quarter; "2025/26" alone is the financial year 2025-04-01..2026-03-31; "Dec-25" (a
spreadsheet's month-year) is December 2025; "Summer 2026" is the season (spring March-May, summer June-August,
autumn September-November; winter needs both years, "Winter 2025/26"); Welsh month names are months ("Mawrth
2026"). "End of March 2026" is the day the period ends, "w/c 6 January 2026" the week. A date qualified by
"early", "mid" or "late" keeps the whole period and is flagged: the parser does not guess a part of it.
"""

from __future__ import annotations

import calendar
import functools
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from dateutil import parser as dparser

__all__ = ["ParsedDate", "DateCell", "parse_date_cell", "normalise_date_text", "MONTH"]

MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
         r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
_MONTH_NAMES = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
                "october", "november", "december"]
_ORD = r"(?:st|nd|rd|th)?"
_FY = r"((?:19|20)\d{2})\s*[/\-–]\s*(\d{2}|(?:19|20)\d{2})"  # 2025/26, 2025-26, 2025/2026
_PATTERNS = [
    # a day written year first, as exports and databases write it: "2026-02-28", "2026/02/28",
    # "2026-02-28 00:00:00", "2026-02-28T09:30"
    ("iso", re.compile(r"(?<![\d/.\-])\b(?P<y>(?:19|20)\d{2})(?P<sep>[-/])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})(?!\d)"
                       r"(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?(?![/.\-]\d)")),
    # a quarter of a financial year: "Q3 2025/26", "Q3 FY2025/26", "2025/26 Q3", "Q3 25/26"
    ("fy_quarter", re.compile(rf"\bQ(?P<q>[1-4])\s*[-,]?\s*(?:of\s+)?(?:FY\s*)?(?P<y>(?:19|20)\d{{2}})"
                              rf"\s*[/\-–]\s*"
                              rf"(?P<y2>\d{{2}}|(?:19|20)\d{{2}})\b(?![/.\-]\d)", re.I)),
    ("fy_quarter", re.compile(rf"\b(?:FY\s*)?(?P<y>(?:19|20)\d{{2}})\s*[/\-–]\s*"
                              rf"(?P<y2>\d{{2}}|(?:19|20)\d{{2}})\s*[-,]?\s*"
                              rf"Q(?P<q>[1-4])\b", re.I)),
    ("fy_quarter", re.compile(r"\bQ(?P<q>[1-4])\s*(?:FY\s*)?(?P<y>\d{2})/(?P<y2>\d{2})\b(?![/.\-]\d)", re.I)),
    # a season: "Summer 2026", "Autumn of 2025", "Winter 2025/26"
    ("season", re.compile(r"\b(?P<season>spring|summer|autumn|fall|winter)\s+(?:of\s+)?(?P<y>(?:19|20)\d{2})"
                          r"(?:\s*[/\-–]\s*(?P<y2>\d{2}|(?:19|20)\d{2}))?\b(?![/.\-]\d)", re.I)),
    # a financial year: "2025/26", "2025/2026", "FY 2025-26", "financial year 2025-2026", "FY25/26"
    ("fy", re.compile(r"\b(?:FY|financial year)\s*(?P<y>(?:19|20)\d{2}|\d{2})\s*[/\-–]\s*"
                      r"(?P<y2>\d{2}|(?:19|20)\d{2})\b"
                      r"(?![/.\-]\d)", re.I)),
    ("fy", re.compile(r"(?<![\d/.\-£$])\b(?P<y>(?:19|20)\d{2})/(?P<y2>\d{2}|(?:19|20)\d{2})\b(?![/.\-]\d)")),
    ("fy", re.compile(r"(?<![\d/.\-£$])\b(?P<y>(?:19|20)\d{2})[-–](?P<y2>\d{2})\b(?![/.\-]\d)")),
    # a run of months in one year: "October-December 2025", "June to August 2026"
    ("month_range", re.compile(rf"\b(?P<m1>{MONTH})\.?\s*(?:-|–|to|until)\s*(?P<m2>{MONTH})\.?,?\s*"
                               rf"(?P<y>(?:19|20)\d{{2}})\b"
                               rf"(?![/.\-]\d)", re.I)),
    ("day", re.compile(r"\b(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4}|\d{2})\b")),
    ("day", re.compile(rf"\b(\d{{1,2}}){_ORD}\s+(?:of\s+)?{MONTH}\.?,?\s+(\d{{4}})\b", re.I)),
    ("day", re.compile(rf"\b{MONTH}\.?\s+(\d{{1,2}}){_ORD},?\s+(\d{{4}})\b", re.I)),
    ("month", re.compile(rf"\b{MONTH}\.?\s*[-,]?\s*(\d{{4}})\b", re.I)),
    ("month", re.compile(rf"\b{MONTH}\.?\s*['’](\d{{2}})\b", re.I)),
    # a spreadsheet's month-year: "Dec-25", "Mar-26" (with a space, "Mar 26" may be the 26th: not read)
    ("month_yy", re.compile(rf"\b(?P<mon>{MONTH})-(?P<yy>\d{{2}})\b(?![/.\-]\d)", re.I)),
    ("quarter", re.compile(r"\bQ([1-4])\s*[-/]?\s*((?:19|20)\d{2})\b", re.I)),
    ("year", re.compile(r"(?<![\d/.\-£$])\b((?:19|20)\d{2})\b(?![/.\-]\d)")),
]
_SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
# Welsh month names, and their soft-mutated forms ("o Fawrth 2026"), read as the English month
_WELSH_MONTHS = {"ionawr": "January", "chwefror": "February", "mawrth": "March", "fawrth": "March",
                 "ebrill": "April", "mai": "May", "fai": "May", "mehefin": "June", "fehefin": "June",
                 "gorffennaf": "July", "orffennaf": "July", "awst": "August", "medi": "September",
                 "fedi": "September", "hydref": "October", "tachwedd": "November", "dachwedd": "November",
                 "rhagfyr": "December"}
_WELSH = re.compile(r"\b(" + "|".join(_WELSH_MONTHS) + r")\b(?=\.?,?\s*(?:\d{4}|['’]\d{2}))|"
                    r"(?<=\d )(" + "|".join(_WELSH_MONTHS) + r")\b", re.I)
# words before a period that make it one day ("End of March 2026") or a week ("w/c 6 January 2026"), or
# name a part of it that is not read ("late 2026": flagged)
_END_OF = re.compile(r"\b(?:end|close)\s*(?:of\s+)?(?:the\s+)?(?:financial\s+year\s+)?[-–]?\s*$", re.I)
_START_OF = re.compile(r"\b(?:start|beginning)\s+(?:of\s+)?(?:the\s+)?$", re.I)
_WEEK_OF = re.compile(r"(?:\bw/c|\bw/b|\bw\.c\.|\bweek\s+(?:commencing|beginning|starting)(?:\s+on)?)"
                      r"\s*:?\s*$", re.I)
_VAGUE = re.compile(r"\b(?:early|mid|middle\s+of|late|around|approx(?:imately|\.)?)\s*-?\s*(?:the\s+)?$",
                    re.I)
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
    precision: str    # day, week, month, months, quarter, season, financial_year, year


@dataclass
class DateCell:
    raw: str
    dates: list[ParsedDate] = field(default_factory=list)
    words: list[str] = field(default_factory=list)
    invalid: list[str] = field(default_factory=list)
    vague: list[str] = field(default_factory=list)  # a whole period a word narrows ("late 2026")

    @property
    def flagged(self) -> bool:
        """True when the cell says something that is neither a date nor a known word, an impossible date, or a
        date qualified by a word the parser does not read ("late 2026")."""
        if self.invalid or self.vague:
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


def _months(year: int, month: int, n: int) -> tuple[date, date]:
    """The ``n`` months from ``month`` of ``year`` (running on into the next year)."""
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    end_y, end_m = year + (month + n - 2) // 12, (month + n - 2) % 12 + 1
    return date(year, month, 1), date(end_y, end_m, calendar.monthrange(end_y, end_m)[1])


def _month_number(name: str) -> int:
    """1 for "Jan", "January"; 9 for "Sept"."""
    return next(i for i, n in enumerate(_MONTH_NAMES, 1) if n.startswith(name.lower()[:3]))


def _second_year(first: int, written: str) -> int:
    """The second year of "2025/26" (2026); ValueError unless it is the year after the first."""
    second = int(written) if len(written) == 4 else first // 100 * 100 + int(written)
    if second != first + 1:
        raise ValueError(f"not one year after the other: {first}/{written}")
    return second


def _read(kind: str, m: re.Match[str]) -> tuple[date, date, str]:
    """(first day, last day, precision) of one candidate; ValueError when it is no date."""
    if kind in ("fy", "fy_quarter"):
        y = int(m.group("y"))
        y = 2000 + y if y < 100 else y
        _second_year(y, m.group("y2")[-2:] if len(m.group("y")) == 2 else m.group("y2"))
        if kind == "fy":
            return date(y, 4, 1), date(y + 1, 3, 31), "financial_year"
        start, end = _months(y, 4 + 3 * (int(m.group("q")) - 1), 3)
        return start, end, "quarter"
    if kind == "season":
        y, season = int(m.group("y")), m.group("season").lower()
        if m.group("y2"):
            _second_year(y, m.group("y2"))
            if season != "winter":
                raise ValueError("a season of two years")
        elif season == "winter":
            raise ValueError("winter of one year: December of it, or January and February?")
        start, end = _months(y, _SEASONS[season], 3)
        return start, end, "season"
    if kind == "month_range":
        first, last = _month_number(m.group("m1")), _month_number(m.group("m2"))
        if last <= first:
            raise ValueError("months that run into another year: which year is the first in?")
        start, _ = _months(int(m.group("y")), first, 1)
        _, end = _months(int(m.group("y")), last, 1)
        return start, end, "months"
    if kind == "iso":
        day = date(int(m.group("y")), int(m.group("m")), int(m.group("d")))  # ValueError: no such day
        return day, day, "day"
    if kind == "month_yy":
        start, end = _period("month", datetime(2000 + int(m.group("yy")), _month_number(m.group("mon")), 1))
        return start, end, "month"
    if kind == "quarter":
        start, end = _period(kind, datetime(int(m.group(2)), 1, 1), int(m.group(1)))
        return start, end, kind
    parsed = _dateutil(m.group(0).replace("'", " 20").replace("’", " 20"))
    if parsed is None:
        raise ValueError(f"not a date: {m.group(0)}")
    if kind == "year":
        parsed = datetime(int(m.group(1)), 1, 1)
    start, end = _period(kind, parsed)
    return start, end, kind


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
    text = _WELSH.sub(lambda m: _WELSH_MONTHS[(m.group(1) or m.group(2)).lower()], normalise_date_text(raw))
    taken: list[tuple[int, int]] = []
    found: list[tuple[int, ParsedDate]] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            chunk = m.group(0)
            try:
                start, end, precision = _read(kind, m)
                if not 1950 <= start.year <= 2100:
                    raise ValueError("year out of range")
            except (ValueError, OverflowError, dparser.ParserError):
                if kind == "month_yy":
                    continue  # not a month-year: read as other dates are
                taken.append((m.start(), m.end()))
                cell.invalid.append(chunk)
                continue
            taken.append((m.start(), m.end()))
            before = text[max(0, m.start() - 40):m.start()]
            if _END_OF.search(before):
                start = end
                precision = "day"
            elif _START_OF.search(before):
                end = start
                precision = "day"
            elif precision == "day" and _WEEK_OF.search(before):
                end = start + timedelta(days=6)
                precision = "week"
            elif _VAGUE.search(before):
                cell.vague.append(text[m.start() - len(_VAGUE.search(before).group(0)):m.end()].strip())
            found.append((m.start(), ParsedDate(chunk, start.isoformat(), end.isoformat(), precision)))
    cell.dates = [d for _, d in sorted(found, key=lambda x: x[0])]
    cell.words = [name for name, pattern in _WORDS.items() if pattern.search(text)]
    return cell
