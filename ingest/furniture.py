"""Page furniture: lines repeated on every page (running headers and footers such as "Official
Sensitive", or a whole paragraph repeated under each page), found by repetition, not by their words.
"""

from __future__ import annotations

import re
from collections import Counter

from ingest.normalize import is_page_furniture
from ingest.records import Line

__all__ = ["Furniture", "find_furniture"]

# words that head sections and may legitimately repeat (the learning items of a report each have one)
_STRUCTURAL = re.compile(r"^(?:learning|lessons?(?: learned| learnt)?|narrative|recommendations?|actions?|"
                         r"conclusions?|summary|background|analysis|good practice|findings?|comment)s?:?$",
                         re.I)


# protective markings and circulation notices are page furniture even when they appear once
_MARKING = re.compile(r"^(?:(?:official|government)(?:\s*[-–:]?\s*sensitive)?|protect(?:ed)?|restricted|confidential|"
                      r"not protectively marked|draft|(?:.*\bnot for (?:onward |wider )?(?:distribution|"
                      r"publication|circulation)\b.*))$", re.I)


class Furniture:
    """The repeated lines of one document: short ones are skipped, long ones kept once as notes."""

    def __init__(self, repeated: dict[str, int]) -> None:
        self.repeated = repeated

    def key(self, line: Line) -> str | None:
        lone = line.lone_cell
        return None if lone is None else lone.lower()

    def is_furniture(self, line: Line) -> bool:
        if is_page_furniture(line.text):
            return True
        k = self.key(line)
        if k is None:
            return False
        return k in self.repeated or (len(k.split()) <= 20 and bool(_MARKING.match(k)))

    def is_note(self, line: Line) -> bool:
        """A repeated paragraph (kept once on the Document), rather than a running header."""
        k = self.key(line)
        return k is not None and k in self.repeated and len(k.split()) >= 12


def find_furniture(lines: list[Line], min_repeats: int = 3) -> Furniture:
    counts: Counter[str] = Counter()
    probe = Furniture({})
    for line in lines:
        k = probe.key(line)
        if k and not _STRUCTURAL.match(k) and len(k) >= 3 and not k.replace(".", "").isdigit():
            counts[k] += 1
    return Furniture({k: n for k, n in counts.items() if n >= min_repeats})
