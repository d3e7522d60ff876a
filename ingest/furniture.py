"""Page furniture: lines repeated on every page (running headers and footers such as "Official
Sensitive", or a whole paragraph repeated under each page), found by repetition, not by their words.

Where the pages are known (PDF, text with form feeds), a line at the top (bottom) of a page is a running
header (footer) when the same words, numbers aside ("SSAB action plan v3   1", "v3   2"), stand at the
top (bottom) of other pages: on two pages at least, and on half the pages. The tail of a wrapped sentence
("review.") is never counted as repeated, however often it recurs.
"""

from __future__ import annotations

import re
from collections import Counter

from reviewgraph.records.normalize import is_page_furniture
from reviewgraph.records.parsed import Line

__all__ = ["Furniture", "find_furniture", "is_marking"]

# words that head sections and may legitimately repeat (the learning items of a report each have one)
_STRUCTURAL = re.compile(r"^(?:learning|lessons?(?: learned| learnt)?|narrative|recommendations?|actions?|"
                         r"conclusions?|summary|background|analysis|good practice|findings?|comment)s?:?$",
                         re.I)


# protective markings and circulation notices are page furniture even when they appear once
_MARKING = re.compile(r"^(?:(?:official|government)(?:\s*[-–:]?\s*sensitive)?|protect(?:ed)?|restricted|confidential|"
                      r"not protectively marked|draft|(?:.*\bnot for (?:onward |wider )?(?:distribution|"
                      r"publication|circulation)\b.*))$", re.I)


#: a line that opens with a protective marking set apart from the rest by spaces: a running header
_MARKED_HEADER = re.compile(r"^\s*(?:official(?:\s*[-–:]?\s*sensitive)?|protect(?:ed)?|restricted|confidential)"
                            r"(?:\s{2,}|\t)\S", re.I)


def is_marking(text: str) -> bool:
    """A protective marking or circulation notice ("OFFICIAL - SENSITIVE", "Not for publication").

    >>> is_marking("OFFICIAL - SENSITIVE"), is_marking("Official Sensitive"), is_marking("Northmere Police")
    (True, True, False)
    """
    k = " ".join(text.split()).lower()
    return len(k.split()) <= 20 and bool(_MARKING.match(k))


class Furniture:
    """The repeated lines of one document: short ones are skipped, long ones kept once as notes."""

    def __init__(self, repeated: dict[str, int],
                 edges: frozenset[tuple[int | None, int]] = frozenset()) -> None:
        self.repeated = repeated
        self.edges = edges  # (page, line) of the running headers and footers found by their place

    def key(self, line: Line) -> str | None:
        lone = line.lone_cell
        return None if lone is None else lone.lower()

    def is_furniture(self, line: Line) -> bool:
        if self.edges and (line.page, line.no) in self.edges:
            return True
        if is_page_furniture(line.text):
            return True
        lone = line.lone_cell
        if lone is not None and lone[:1] in "OoPpRrCc" and _MARKED_HEADER.match(line.cells[0] or lone):
            return True  # "OFFICIAL - SENSITIVE   Domestic Homicide Review 12": a running header
        k = self.key(line)
        if k is None:
            return False
        return k in self.repeated or is_marking(k)

    def is_note(self, line: Line) -> bool:
        """A repeated paragraph (kept once on the Document), rather than a running header."""
        k = self.key(line)
        return k is not None and k in self.repeated and len(k.split()) >= 12


def find_furniture(lines: list[Line], min_repeats: int = 3) -> Furniture:
    counts: Counter[str] = Counter()
    probe = Furniture({})
    before: Line | None = None  # the line just above, when no blank line stands between
    for line in lines:
        k = probe.key(line)
        if k and not (k[-1] in ".;:!?" and _tail(line, before)) and not _STRUCTURAL.match(k) and len(k) >= 3 \
                and not k.replace(".", "").isdigit():
            counts[k] += 1
        before = None if line.blank else line
    return Furniture({k: n for k, n in counts.items() if n >= min_repeats}, _page_edges(lines))


def _tail(line: Line, before: Line | None) -> bool:
    """The end of a wrapped sentence ("review.", "Safeguarding Adults Board."): it starts in lower case, or
    goes on from the line above (which ends in a word); the same words may end several paragraphs."""
    if (line.lone_cell or line.clean_text).lstrip()[:1].islower():
        return True
    above = before.clean_text if before is not None else ""
    return above[-1:].isalpha()


_DIGITS = re.compile(r"\d+")
#: the end of a sentence wrapped onto its own line: lower case first, a stop last, no address in it
_SENTENCE_END = re.compile(r"^[a-z][^/@]*[.;:!?)]$")


def _page_edges(lines: list[Line]) -> frozenset[tuple[int | None, int]]:
    """(page, line) of the lines of one or two cells among the first (or the last) two lines with text of
    a page whose words, numbers aside, stand there, at the top (or the bottom), on at least two pages and half
    the pages (a title at the top of page 1 and a heading that falls at the foot of page 2 are no running
    header or footer)."""
    if not any(line.page is not None for line in lines) or any(line.sheet is not None for line in lines):
        return frozenset()
    by_page: dict[int, list[Line]] = {}
    for line in lines:
        if line.page is not None and not line.blank:
            by_page.setdefault(line.page, []).append(line)
    if len(by_page) < 2:
        return frozenset()
    where: dict[tuple[str, str], list[Line]] = {}  # (top or bottom, words) -> lines
    for page_lines in by_page.values():
        for end, lines_at in (("top", page_lines[:2]), ("bottom", page_lines[-2:])):
            for line in lines_at:
                if sum(1 for c in line.cells if c.strip()) > 2 or not line.clean_text:
                    continue
                key = _DIGITS.sub("#", line.clean_text.lower())
                if _STRUCTURAL.match(key) or _SENTENCE_END.match(line.clean_text):
                    continue  # ("closed." at the foot of two pages ends a wrapped cell there, twice)
                where.setdefault((end, key), []).append(line)
    out = set()
    for found in where.values():
        pages = {ln.page for ln in found}
        if len(pages) >= 2 and len(pages) >= 0.5 * len(by_page):
            out.update((ln.page, ln.no) for ln in found)
    return frozenset(out)
