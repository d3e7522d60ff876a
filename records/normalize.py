"""Cleaning of cells and lines: the noise of text extracted from PDF and Word, removed the same way for
every reader. Pure functions, no state.
"""

from __future__ import annotations

import functools
import html
import re

__all__ = ["clean_cell", "is_rule_line", "is_page_furniture", "collapse", "strip_markup", "ORG_CUE"]

_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]{0,400})?/?>")
_BLOCK_TAG = re.compile(r"</?(?:p|li|ul|ol|br|div|tr|td|th|h[1-6])\b[^<>]{0,400}>", re.I)
_INVISIBLE = re.compile("[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u00ad\u200b-\u200f\u202a-\u202e"
                        "\u2060-\u2064\u2066-\u2069\ufeff\ufffe]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_MD_EMPH = re.compile(r"(\*\*|__)(.+?)\1")
_RULE_CELL = re.compile(r"^\s*(?:\|?\s*:?-{2,}:?\s*)+\|?\s*$")
_PAGE = re.compile(r"^\s*(?:page\s+\d+(?:\s*(?:of|/)\s*\d+)?|\d+\s*(?:of|/)\s*\d+|-\s*\d+\s*-)\s*$", re.I)


def collapse(text: str) -> str:
    """Collapse runs of whitespace to one space and strip."""
    return _SPACES.sub(" ", text).strip()


def strip_markup(text: str) -> str:
    """Remove HTML tags (block tags become spaces), entities, and markdown emphasis."""
    if "<" in text:
        text = _BLOCK_TAG.sub(" ", text)
        text = _TAG.sub("", text)
    if "&" in text:
        text = html.unescape(text)
    if "*" in text or "__" in text:
        text = _MD_EMPH.sub(r"\2", text)
    return text


@functools.lru_cache(maxsize=262144)
def clean_cell(text: str) -> str:
    """One cell's text as a person would read it.

    >>> clean_cell("<p>Briefing&nbsp;issued</p> <ul><li>to staff</li></ul>\\u200b")
    'Briefing issued to staff'
    """
    text = _INVISIBLE.sub("", text)
    text = strip_markup(text)
    text = _INVISIBLE.sub("", text)
    text = collapse(text)
    return text if any(ch.isalnum() for ch in text) else ""


def is_rule_line(cells: tuple[str, ...] | list[str]) -> bool:
    """A markdown table rule (``--\\t---\\t---``) or a line of dashes.

    >>> is_rule_line(("---", " :---: ", "")), is_rule_line(("Recommendation", "---")), is_rule_line(("", ""))
    (True, False, False)
    """
    seen = False
    for c in cells:
        s = c.strip()
        if not s:
            continue
        if s[0] not in "|:-" or not _RULE_CELL.match(c):  # a rule cell starts with one of these
            return False
        seen = True
    return seen


def is_page_furniture(text: str) -> bool:
    """"Page 3 of 20", "3/20", "- 3 -"."""
    return bool(_PAGE.match(text))


#: words that make a short phrase the name of an organisation rather than of a person
ORG_CUE = re.compile(
    r"\b(?:police|constabulary|council|services?|trust|hospitals?|ccg|icb|nhs|partnership|board|group|team|"
    r"care|probation|company|crc|nps|agency|agencies|authority|practices?|gps?|ambulance|housing|health|"
    r"social|panel|commissioner|opcc|court|cps|prisons?|schools?|college|university|centre|unit|department|"
    r"office|association|charity|aid|refuge|safeguarding|foundations?|connections|recovering|network|"
    r"providers?|commissioning|division|directorate|hub|project|homes|federation|alliance|consortium|"
    r"society)\b", re.I)
