"""Status of an action from what a plan writes: a Status/RAG column, progress text ("on going",
"COMPLETE", "No response received to date"), or words in a date cell ("Completed").

The last status statement in a text wins, since progress updates are appended to the end of a cell.
"""

from __future__ import annotations

import re

__all__ = ["classify_status", "STATUS_WORDS"]

_NEG = r"(?<!to be )(?<!will be )(?<!not )(?<!not yet )(?<!in)(?<!partially )"
STATUS_WORDS: list[tuple[str, re.Pattern[str]]] = [
    ("not_started", re.compile(r"\b(?:not (?:yet )?(?:started|begun|commenced|complete[d]?|implemented|achieved)|"
                               r"no response(?: received)?|no progress|no update|outstanding|overdue|"
                               r"not actioned|red)\b", re.I)),
    ("in_progress", re.compile(r"\b(?:on\s?-?going|in progress|under\s?way|progressing|partially (?:complete[d]?|"
                               r"implemented|achieved)|being (?:developed|reviewed|drafted|implemented|progressed)|"
                               r"awaiting|pending|in development|amber|started)\b", re.I)),
    ("complete", re.compile(_NEG + r"\b(?:complete[d]?|achieved|implemented|done|closed|signed off|"
                            r"already in place|in place|delivered|green|blue)\b", re.I)),
]


def classify_status(*texts: str | None) -> tuple[str, str | None]:
    """(status, the words that decided it) from the first text that says anything.

    >>> classify_status("Letter sent. No response received to date.")
    ('not_started', 'No response received')
    >>> classify_status("Audit to be completed by April. COMPLETE")
    ('complete', 'COMPLETE')
    >>> classify_status("Work not started")
    ('not_started', 'not started')
    >>> classify_status("Ongoing The review will measure")
    ('in_progress', 'Ongoing')
    """
    for text in texts:
        if not text:
            continue
        hits = [(m.start(), m.end(), status, m.group(0))
                for status, pattern in STATUS_WORDS for m in pattern.finditer(text)]
        # a match inside a longer one ("started" in "not started") does not count
        hits = [h for h in hits if not any(o[0] <= h[0] and h[1] <= o[1] and (o[1] - o[0]) > (h[1] - h[0])
                                           for o in hits)]
        if hits:
            _, _, status, words = max(hits, key=lambda h: (h[0], h[1]))
            return status, words
    return "unknown", None
