"""Which review a document belongs to, and what kind of document it is, from what it says about itself:
the partnership or area, the review number ("DHR-4", "SAR 2019/03"), the pseudonym ('Jean'), dates.

Two documents that give the same area and number, or the same area and pseudonym, belong to one review
(:mod:`graph.build` does the grouping). An explicit ``--review`` key overrides all of this.
"""

from __future__ import annotations

import re
from collections import Counter

from graph.ids import slug
from ingest.dates import parse_date_cell
from ingest.records import Line, ReviewHints

__all__ = ["identify", "review_key", "doc_kind", "area_of"]

_KINDS = [
    ("CSPR", re.compile(r"\b(?:child(?:ren)? safeguarding practice review|l?cspr|serious case review|scr)\b", re.I)),
    ("SAR", re.compile(r"\b(?:safeguarding adults? review|sar)\b", re.I)),
    ("DHR", re.compile(r"\b(?:domestic homicide review|domestic abuse related death review|dhr|dardr)\b", re.I)),
]
_NUMBER_YEAR = re.compile(r"\b(DHR|SAR|CSPR|LCSPR|DARDR)\s*[-–/_ ]?\s*((?:19|20)\d{2})\s*[-–/_ ]\s*(\d{1,3})\b",
                          re.I)
_NUMBER = re.compile(r"\b(DHR|SAR|CSPR|LCSPR|DARDR)\s*[-–_ ]?\s*(?:no\.?\s*|number\s*)?(\d{1,3})(?![\d/.])", re.I)
_PLACE = r"(?:[A-Z][A-Za-z&'’.-]+\s+){0,3}[A-Z][A-Za-z&'’.-]+"
_PARTNERSHIP = re.compile(
    rf"((?:Safer\s+)?{_PLACE})\s+(Community Safety Partnership|Community Safety Board|"
    r"Safeguarding Adults? Board|Safeguarding Children(?:'s)? Partnership|Safeguarding Partnership|"
    r"Partnership Board|Community Safety and Safeguarding Partnership)\b")
_SAFER = re.compile(r"\bSafer\s+([A-Z][A-Za-z]+(?:\s+[A-Z][A-Za-z]+){0,2})\s+(?:Partnership|Board|Communities)")
_AREA_NUMBER = re.compile(r"^(?:the\s+)?([A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2})\s+(?:DHR|SAR|CSPR|LCSPR|DARDR)\b")
_CSP = re.compile(r"\b([A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2})\s+(?:CSP|SAB|SCP)\b")
_QUOTED_NAME = re.compile(r"^['‘\"“]([A-Z][a-z]+(?:\s[A-Z][a-z]+)?)['’\"”]$")
# "Domestic Homicide Review - 'Elsa'", "DHR into the death of 'Ann'": a quoted name in a title line
_QUOTED_IN_TITLE = re.compile(r"(?:review|dhr|sar|cspr|plan|report)\b[^'‘\"“]{0,40}['‘\"“]([A-Z][a-z]{2,})['’\"”]",
                              re.I)
_NAME_CUES = [
    re.compile(r"\b(?:known as|pseudonym(?: of)?|referred to as|called)\s+['‘\"“]([A-Z][a-z]+)['’\"”]"),
    re.compile(r"\b(?:death|homicide|murder|killing) of\s+['‘\"“]?([A-Z][a-z]+)['’\"”]?(?:\s|,|\.|$)"),
    re.compile(r"\b(?:into|concerning|regarding)\s+['‘\"“]([A-Z][a-z]+)['’\"”]"),
]
_OPEN_QUOTES = "'‘\"“"
_NOT_NAMES = {"The", "This", "That", "These", "Each", "Every", "Any", "Panel", "Review", "Report", "Domestic",
              "Action", "Plan", "Overview", "Executive", "Summary", "Appendix", "Her", "His", "Their", "Adult",
              "Child", "Victim", "Perpetrator", "Mr", "Mrs", "Ms", "Miss"}
_DIED = re.compile(r"\b(?:died|date of death|death)\s*:?\s*(?:on\s+|in\s+)?(.{3,30})", re.I)
_DATED = re.compile(r"^(?:date(?:d)?|published|version date|final version)\s*:?\s*(.{3,30})$", re.I)
_REPORT = re.compile(r"\b(?:overview report|executive summary|final report|review report)\b", re.I)


def area_of(partnership: str) -> str:
    """ "Safer Warwickshire Partnership Board" -> "Warwickshire"; "Middlesbrough Community Safety
    Partnership" -> "Middlesbrough"."""
    text = re.sub(r"\b(?:Safer|Community Safety|Safeguarding Adults?|Safeguarding Children(?:'s)?|"
                  r"Safeguarding|Partnership|Board|Communities|and|CSP|SAB|SCP|The|That|This|Each|All|With|"
                  r"From|To|By|Of)\b", " ", partnership)
    return re.sub(r"\s+", " ", text).strip(" -–,") or partnership


def _lines_text(lines: list[Line], limit: int) -> list[str]:
    out = []
    for line in lines[:limit]:
        t = line.clean_text
        if t:
            out.append(t)
    return out


def _partnership_match(text: str) -> re.Match[str] | None:
    """A partnership's name in ``text`` (the cheap word tests only skip lines that cannot match)."""
    if "Partnership" in text or "Board" in text:  # every _PARTNERSHIP name ends in one of these words
        m = _PARTNERSHIP.search(text)
        if m:
            return m
    return _SAFER.search(text) if "Safer" in text else None


def _number_match(text: str) -> str | None:
    """The review number a line gives ("DHR-2019-3", "SAR-4"), or None."""
    low = text.casefold()  # as re.I compares ("ſ" is an "s")
    if "dhr" not in low and "sar" not in low and "cspr" not in low and "dardr" not in low:
        return None  # no kind of review named: neither pattern can match
    m = _NUMBER_YEAR.search(text)
    if m:
        return f"{m.group(1).upper()}-{m.group(2)}-{int(m.group(3))}"
    m = _NUMBER.search(text)
    if m:
        return f"{m.group(1).upper()}-{int(m.group(2))}"
    return None


def identify(lines: list[Line], titles: list[str] | None = None) -> ReviewHints:
    """Hints about the review, from the document's opening lines and its table titles."""
    head = _lines_text(lines, 80)
    titles = titles or []
    probe = head + titles
    rest: list[str] | None = None  # the text of the lines after the first 80, read only when needed

    def after_probe() -> list[str]:
        nonlocal rest
        if rest is None:
            rest = _lines_text(lines[80:], len(lines))
        return rest

    hints = ReviewHints()
    counts = Counter()
    joined = "\n".join(probe)  # no kind pattern spans a line break: one search, the same count
    for kind, pattern in _KINDS:
        counts[kind] = len(pattern.findall(joined))
    if counts and max(counts.values()) > 0:
        hints.review_kind = max(_KINDS, key=lambda k: (counts[k[0]], k[0] == "DHR"))[0]
    hints.number = next((n for t in probe if (n := _number_match(t))), None) or next(
        (n for t in after_probe() if (n := _number_match(t))), None)
    # a line that is the partnership's name (a title or heading) before a name inside a sentence
    found = [(t, m) for t in probe if (m := _partnership_match(t))]
    headings = [(t, m) for t, m in found if len(m.group(0)) >= 0.6 * len(t.strip(" .:-"))]
    first = headings[0][1] if headings else found[0][1] if found else next(
        (m for t in after_probe()[: max(0, 400 - len(probe))] if (m := _partnership_match(t))), None)
    if first is not None:
        hints.partnership = first.group(0).strip()
        hints.area = area_of(hints.partnership) if first.re is _PARTNERSHIP else first.group(1)
    if not hints.area:
        for t in probe:
            m = _AREA_NUMBER.match(t) or (_CSP.search(t) if "CSP" in t or "SAB" in t or "SCP" in t else None)
            if m and area_of(m.group(1)) not in _NOT_NAMES and area_of(m.group(1)):
                hints.area = area_of(m.group(1))
                break
    for t in head[:40]:
        m = _QUOTED_NAME.match(t)
        if m and m.group(1) not in _NOT_NAMES:
            hints.pseudonym = m.group(1)
            break
    if not hints.pseudonym:
        for t in head[:15]:
            m = _QUOTED_IN_TITLE.search(t)
            if m and m.group(1) not in _NOT_NAMES and m.group(1) != hints.area:
                hints.pseudonym = m.group(1)
                break
    if not hints.pseudonym:
        for t in probe:
            quoted = any(q in t for q in _OPEN_QUOTES)
            for pattern in _NAME_CUES:
                # every cue but "death of Ann" needs an opening quote (cheap test first)
                m = pattern.search(t) if quoted or pattern is _NAME_CUES[1] and " of" in t else None
                if m and m.group(1) not in _NOT_NAMES and m.group(1) != hints.area:
                    hints.pseudonym = m.group(1)
                    break
            if hints.pseudonym:
                break
    for t in head[:40]:
        m = _DIED.match(t)
        if m and not hints.death_date:
            d = parse_date_cell(m.group(1)).first
            hints.death_date = d.iso if d else None
        m = _DATED.match(t)
        if m and not hints.date_raw and parse_date_cell(m.group(1)).dates:
            hints.date_raw = m.group(1).strip()
    return hints


def review_key(hints: ReviewHints, sha256: str) -> str:
    """The key two documents of one review share: area and number, else area and pseudonym."""
    if hints.override:
        return slug(hints.override, 80)
    area = slug(hints.area) if hints.area else None
    if hints.number:
        return f"{area or 'unknown-area'}/{slug(hints.number)}"
    if hints.pseudonym:
        return f"{area or 'unknown-area'}/{slug(hints.pseudonym)}"
    return f"{area or 'unknown-area'}/doc-{sha256[:8]}"


def doc_kind(lines: list[Line], has_report_items: bool, has_plans: bool, as_of: bool) -> str:
    head = " ".join(_lines_text(lines, 40))
    if has_plans and not has_report_items:
        return "progress_update" if as_of else "action_plan"
    if re.search(r"\bexecutive summary\b", head, re.I) and not re.search(r"\boverview report\b", head, re.I):
        return "executive_summary"
    if has_report_items or _REPORT.search(head):
        return "overview_report"
    if has_plans:
        return "progress_update" if as_of and re.search(r"\b(?:progress|update)\b", head, re.I) else "action_plan"
    return "unknown"
