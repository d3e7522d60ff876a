"""Column roles of an action-plan table, found from general header cues, and the alignment of a row's
cells to those columns by what the cells contain.

A header is recognised by the words people use for the columns (Recommendation, Action, Lead / Owner /
Responsible, Target / Timescale, Outcome / Evidence, Progress / Status / RAG, ...), never by a layout.
Text extracted from PDF loses empty cells and shifts the rest to the left; :func:`align` puts each cell
back under the column whose kind of content it fits best (dates under date columns, a scope word under
Scope, a short agency or person under Lead, long text under the text columns), keeping their order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ingest.dates import MONTH

__all__ = ["ROLES", "role_of", "Header", "detect_header", "align", "REC_NUMBER", "match_number",
           "AGENCY_PREFIX"]

#: "POLICE: Review timescales ...", "Children's Services: To be shared ...": an action for one agency
AGENCY_PREFIX = re.compile(r"^([A-Z][A-Za-z'’&/ .()-]{1,40}?)\s*:\s+(?=\S)")

# Order matters: the first role whose cue matches a header cell wins ("Actions required to address
# recommendations" is an action column; "Lead agency ... responsible for action" a lead column).
ROLES: list[tuple[str, re.Pattern[str]]] = [
    ("number", re.compile(r"^(?:no\.?|nos?\.|number|ref(?:erence)?\.?|#|item|rec(?:ommendation)?\.?\s*"
                          r"(?:no\.?|number|ref\.?|#))$", re.I)),
    ("milestones", re.compile(r"\bmilestones?\b", re.I)),
    ("start", re.compile(r"\bstart(?:ing)?\b|\bdate (?:agreed|raised|opened)\b", re.I)),
    ("lead", re.compile(r"\b(?:lead|leads|owner|owners|ownership|responsib\w*|accountab\w*|by whom|who)\b", re.I)),
    ("status", re.compile(r"^(?:status|rag|b?rag(?: rating| status)?|current status|complete\??|"
                          r"completed\?)$", re.I)),
    ("progress", re.compile(r"\b(?:progress|update|updates|comments?|current position|position statement)\b",
                            re.I)),
    ("outcome", re.compile(r"\b(?:outcomes?|evidence|measures?|success|impact|what will change)\b", re.I)),
    ("scope", re.compile(r"^(?:scope|level|local\s*/\s*regional\s*/\s*national|geograph\w*)\b", re.I)),
    ("action", re.compile(r"\baction", re.I)),
    ("target", re.compile(r"\b(?:target|timescales?|deadline|due|completion|end date|by when|date)\b", re.I)),
    ("recommendation", re.compile(r"\brecommendations?\b|\brecs?\b", re.I)),
    ("agency", re.compile(r"^(?:agency|organisation|organization|service)$", re.I)),
]
TEXT_ROLES = {"recommendation", "action", "milestones", "outcome", "progress"}
DATE_ROLES = {"start", "target"}

# A recommendation number as written: "1", "1.", "17.3", "17.3.2", "1a", "R1", "Rec 1:", "(3)"
REC_NUMBER = re.compile(r"^\s*(?:rec(?:ommendation)?\.?\s*|r(?=\d))?\(?(\d{1,3}(?:\.\d{1,3}){0,2}[a-z]?)"
                        r"(?:\)|\.(?!\d)|:|\s|$)\s*", re.I)
_SCOPE_WORDS = re.compile(r"^(?:local|regional|national|county|force|area|sub-regional|pan-\w+|"
                          r"local and regional|local/regional|all|cleveland|north east division)\b", re.I)
_DATEISH = re.compile(rf"\b(?:{MONTH}\.?\s*\d{{4}}|\d{{1,2}}[/.\-]\d{{1,2}}[/.\-]\d{{2,4}}|(?:19|20)\d{{2}}|"
                      r"complete[d]?|on\s?-?going|tbc|achieved|already in place|immediate|q[1-4])\b", re.I)


_STATUSISH = re.compile(r"\b(?:complete[d]?|on\s?-?going|in progress|not started|achieved|red|amber|green|"
                        r"blue|open|closed|overdue|outstanding)\b", re.I)


@lru_cache(maxsize=16384)
def role_of(cell: str) -> str | None:
    text = cell.strip()
    if not text or len(text.split()) > 20:
        return None
    for role, pattern in ROLES:
        if pattern.search(text):
            return role
    return None


@dataclass(frozen=True)
class Header:
    roles: tuple[str | None, ...]   # one per column, None for a column with no recognised role
    line: int

    @property
    def present(self) -> set[str]:
        return {r for r in self.roles if r}

    def index(self, role: str) -> int | None:
        return self.roles.index(role) if role in self.roles else None


def detect_header(cells: tuple[str, ...], line: int) -> Header | None:
    """A header row: at least three recognised roles, one of them Recommendation or Action, and most of
    its non-empty cells recognised.

    >>> detect_header(("No", "Recommendation", "Lead agency", "Target date", "Progress"), 1).roles
    ('number', 'recommendation', 'lead', 'target', 'progress')
    >>> detect_header(("1.", "That the CSP reviews MARAC", "Local"), 2) is None
    True
    """
    if len(cells) < 3:  # most lines: a paragraph or a heading (not worth a cache entry)
        return None
    roles = _header_roles(cells)
    return None if roles is None else Header(roles=roles, line=line)


@lru_cache(maxsize=16384)
def _header_roles(cells: tuple[str, ...]) -> tuple[str | None, ...] | None:
    """The column roles of a header row, or None (a pure function of the cells: cached, since every
    parser asks it of every line and documents repeat their header rows)."""
    non_empty = [c for c in cells if c.strip()]
    if len(non_empty) < 3:
        return None
    # a header cell never starts with a recommendation number
    if REC_NUMBER.match(non_empty[0]) and not non_empty[0].strip().isalpha():
        return None
    # most of its cells are recognised: stop at the first unrecognised cell too many (a row of data)
    allowed_misses, roles = 0.4 * len(non_empty) + 0.5, []  # (margin: only rows the test below rejects)
    for c in cells:
        role = role_of(c) if c.strip() else None
        if role is None and c.strip():
            allowed_misses -= 1
            if allowed_misses < 0:
                return None
        roles.append(role)
    found = [r for r in roles if r]
    if len(set(found)) < 3 or not ({"recommendation", "action"} & set(found)):
        return None
    if len(found) < 0.6 * len(non_empty):
        return None
    # the same role twice: keep the first, later ones fold into a neighbouring text role
    seen: set[str] = set()
    out: list[str | None] = []
    for r in roles:
        if r and r in seen:
            r = {"outcome": "progress", "progress": "outcome", "target": "target2"}.get(r, r + "2")
            if r in seen:
                r = None
        if r:
            seen.add(r)
        out.append(r)
    return tuple(out)


def match_number(cell: str) -> tuple[str, str] | None:
    """(number, rest of the cell) when a cell starts with a recommendation number.

    >>> match_number("17.3 That NPS provides")
    ('17.3', 'That NPS provides')
    >>> match_number("2019 review") is None
    True
    """
    m = REC_NUMBER.match(cell)
    if not m:
        return None
    number = m.group(1)
    head = number.split(".")[0].rstrip("abcdefghijklmnopqrstuvwxyz")
    if not head.isdigit() or int(head) == 0 or int(head) > 300:
        return None
    rest = cell[m.end():].strip()
    # "18 questions", "24 hours": a count, not a number heading a recommendation
    if rest and rest[0].islower() and not cell.strip()[len(number):].startswith((".", ")", ":")):
        return None
    return number, rest


@lru_cache(maxsize=8192)
def _traits(cell: str) -> tuple[int, bool, bool, bool, bool, bool]:
    """What :func:`_fit` looks at in a cell, found once per cell rather than once per column: (words, a
    date, a status word, a number, a scope word, an "AGENCY:" prefix), each test only where it can count."""
    text = cell.strip()
    words = len(text.split())
    return (words, bool(_DATEISH.search(text)), words <= 4 and bool(_STATUSISH.search(text)),
            words <= 2 and bool(match_number(text)), words <= 6 and bool(_SCOPE_WORDS.match(text)),
            bool(AGENCY_PREFIX.match(text)))


def _fit(cell: str, role: str | None) -> float:
    if role is None:
        return -0.5
    words, dateish, statusish, number, scope, prefixed = _traits(cell)
    base = role.rstrip("2")
    if base in ("progress", "status") and words <= 4 and statusish:
        return 2.0
    if base == "number":
        return 3.0 if number and words <= 2 else -4.0
    if base == "scope":
        return 3.0 if scope and words <= 6 else (-0.5 if words <= 4 else -3.0)
    if base in DATE_ROLES:
        if dateish and words <= 12:
            return 3.0
        return -3.0 if words > 3 else -1.0
    if base == "status":
        return 2.0 if words <= 4 else -1.0
    if base == "lead":
        return 1.5 if words <= 14 and not dateish else (-2.0 if words > 25 else -0.5)
    if base == "agency":
        return 1.5 if words <= 10 else -1.0
    # text columns
    if prefixed:
        return 2.0 if base == "action" else -1.0
    if dateish and words <= 3:
        return -1.5
    return 1.0 if words >= 4 else 0.3


_MAX_ALIGN_WORK = 4_000_000  # cells x candidate columns^2 the content fit may take for one row


@lru_cache(maxsize=4096)
def _align_cached(texts: tuple[str, ...], positions: tuple[int, ...], roles: tuple[str | None, ...],
                  positional: bool) -> tuple[int, ...]:
    n, m = len(texts), len(roles)
    neg = float("-inf")
    best = [[neg] * m for _ in range(n)]
    back = [[-1] * m for _ in range(n)]
    bonus = 5.0 if positional else 0.6
    for i in range(n):
        for j in range(i, m - (n - 1 - i)):
            fit = _fit(texts[i], roles[j]) + (bonus if positions[i] == j else 0.0)
            if i == 0:
                best[i][j] = fit
                continue
            prev_best, prev_j = neg, -1
            for k in range(i - 1, j):
                score = best[i - 1][k] - 0.4 * (j - k - 1)  # prefer cells that sit side by side
                if score > prev_best:
                    prev_best, prev_j = score, k
            if prev_j >= 0:
                best[i][j] = prev_best + fit
                back[i][j] = prev_j
    j = max(range(m), key=lambda c: best[n - 1][c])
    cols = [0] * n
    for i in range(n - 1, -1, -1):
        cols[i] = j
        j = back[i][j]
    return tuple(cols)


def align(cells: tuple[str, ...], roles: tuple[str | None, ...]) -> dict[int, str]:
    """Column index -> text for a row's cells, by content and order.

    Cells keep their order. When the row keeps its empty cells (it starts with a tab, or has as many cells
    as the header) positions are trusted strongly; otherwise the best fit decides.

    >>> roles = ("number", "recommendation", "scope", "action", "lead", "start", "target")
    >>> align(("Meetings held in Durham with MARAC", "NPS", "Jan 2010", "April 2021"), roles)
    {3: 'Meetings held in Durham with MARAC', 4: 'NPS', 5: 'Jan 2010', 6: 'April 2021'}
    """
    items = [(i, c) for i, c in enumerate(cells) if c.strip()]
    if not items:
        return {}
    m = len(roles)
    if len(items) > m:  # more cells than columns: the surplus joins the last column
        head, tail = items[: m - 1], items[m - 1:]
        items = [*head, (tail[0][0], " ".join(c for _, c in tail))]
    positional = (not cells[0].strip()) or len(cells) == m
    texts = tuple(c for _, c in items)
    positions = tuple(min(i, m - 1) for i, _ in items)
    span = m - len(items) + 1
    if len(items) * span * span > _MAX_ALIGN_WORK:
        # a table of thousands of columns: the fit is cubic, so trust the positions (never hang on a row)
        cols = positions if len(set(positions)) == len(positions) else tuple(range(len(items)))
    else:
        cols = _align_cached(texts, positions, tuple(roles), positional)
    out: dict[int, str] = {}
    for col, text in zip(cols, texts, strict=True):
        out[col] = f"{out[col]} {text}" if col in out else text
    return out
