"""The overview-report parser: numbered recommendations, learning items with the recommendations they
inform, and any action-plan table the report carries (an appendix), from the lines of any reader.

Sections are found by their headings ("17 RECOMMENDATIONS", "Learning", "Lessons learned"), numbered
headings only counting when their numbers rise (a quoted list "10 Governance" inside section 16 is not a
section). Inside a recommendations section, each numbered paragraph ("17.3 ...", "3. ...",
"Recommendation 3: ...") is a recommendation; short headings between them name the agency ("Cleveland
Police") or the level ("Single agency recommendations"). Inside a learning section each numbered item
("16.3 Narrative Recommendations 3 and 4 apply") is a learning item; its text is what follows a
"Learning" sub-heading when there is one, and "Recommendation(s) N (and M) apply" gives the links.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from graph.agencies import AgencyRegistry
from ingest.columns import detect_header
from ingest.furniture import Furniture
from ingest.normalize import is_rule_line
from ingest.plan_table import PlanResult, heading_like, parse_plan
from ingest.records import Line, ParsedLearning, ParsedRec, Span, Unplaced

__all__ = ["parse_report", "ReportResult", "applies_to"]

_TOP = re.compile(r"^(?:#{1,6}\s*)?(\d{1,2})\.?\s+([A-Z][A-Za-z ,&'’()/-]{2,80}?)\s*$")
_REC_TITLE = re.compile(r"\brecommendations?\b", re.I)
_LEARN_TITLE = re.compile(r"\b(?:learning|lessons?)\b", re.I)
_END_TITLE = re.compile(r"^(?:appendix|annex|glossary|abbreviations|references|bibliography)\b", re.I)
_BULLET = re.compile(r"^\s*(?:[-•*·▪◦]|\u2022)\s+")
_ITEM = re.compile(r"^(?:recommendation\s+|rec\.?\s*|learning(?: point)?\s+|lesson\s+)?"
                   r"(\d{1,2}(?:\.\d{1,3}){1,2}|\d{1,3}(?=[.):]|\s))[.):]?\s+(\S.*)$",
                   re.I)
_FOOTNOTE = re.compile(r"^[\u00b9\u00b2\u00b3\u2070-\u2079]+\s*\S")
_APPLIES = re.compile(r"\brecommendations?\s+((?:\d+(?:\.\d+)*)(?:\s*(?:,|and|&|to|-|–)\s*\d+(?:\.\d+)*)*)"
                      r"\s*(?:also\s+)?(?:appl(?:y|ies)|relates?|refers?)", re.I)
_SEE_REC = re.compile(r"\(\s*(?:see\s+)?recommendations?\s+(\d+(?:\.\d+)*(?:\s*(?:,|and|&)\s*\d+(?:\.\d+)*)*)\s*\)",
                      re.I)


def applies_to(text: str) -> tuple[list[str], str | None]:
    """Recommendation numbers a learning item says apply.

    >>> applies_to("16.3 Narrative Recommendations 3 and 4 apply")
    (['3', '4'], 'Recommendations 3 and 4 apply')
    >>> applies_to("Recommendations 1 to 3 apply")[0]
    ['1', '2', '3']
    """
    m = _APPLIES.search(text) or _SEE_REC.search(text)
    if not m:
        return [], None
    nums: list[str] = []
    spec = m.group(1)
    for a, b in re.findall(r"(\d+(?:\.\d+)*)\s*(?:to|-|–)\s*(\d+(?:\.\d+)*)", spec):
        if "." not in a and "." not in b and int(a) <= int(b) <= int(a) + 50:
            nums.extend(str(k) for k in range(int(a), int(b) + 1))
    spec_rest = re.sub(r"(\d+(?:\.\d+)*)\s*(?:to|-|–)\s*(\d+(?:\.\d+)*)", " ", spec)
    nums.extend(re.findall(r"\d+(?:\.\d+)*", spec_rest))
    seen: list[str] = []
    for n in nums:
        if n not in seen:
            seen.append(n)
    return seen, m.group(0).strip()


@dataclass
class ReportResult:
    recs: list[ParsedRec] = field(default_factory=list)
    learning: list[ParsedLearning] = field(default_factory=list)
    plans: list[PlanResult] = field(default_factory=list)
    placed: set[int] = field(default_factory=set)
    skipped: list[Unplaced] = field(default_factory=list)
    unplaced: list[Unplaced] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class _Item:
    number: str
    lines: list[tuple[int, str]]
    page: int | None
    section: str | None = None
    level: str | None = None
    learning_from: int | None = None  # index in lines where a "Learning" sub-heading starts the text


def _text(line: Line) -> str:
    return _BULLET.sub("", line.clean_text)


def parse_report(lines: list[Line], furniture: Furniture, registry: AgencyRegistry | None = None,
                 skip_from: int = 0) -> ReportResult:
    registry = registry or AgencyRegistry.load()
    res = ReportResult()
    tables: dict[int, int] = {}  # start index -> end index of each action-plan table
    i = skip_from
    while i < len(lines):
        cells = lines[i].clean
        if detect_header(cells, lines[i].no) is not None:
            title = _title_before(lines, i)
            plan = parse_plan(lines, i, furniture, registry, title=title)
            res.plans.append(plan)
            res.placed |= plan.placed
            res.skipped.extend(plan.skipped)
            res.unplaced.extend(plan.unplaced)
            res.notes.extend(n for n in plan.notes if n not in res.notes)
            tables[i] = max(plan.end, i + 1)
            i = tables[i]
            continue
        i += 1

    mode: str | None = None       # "rec" | "learning" | None
    top = 0
    item: _Item | None = None
    section: str | None = None
    level: str | None = None
    items: list[tuple[str, _Item]] = []
    prev_blank = True
    learning_style: bool | None = None  # True: dotted items ("16.3"); False: plain ("3.", "Lesson 3")
    i = 0
    while i < len(lines):
        if i in tables:
            if item:
                items.append((mode or "", item))
                item = None
            mode = None
            i = tables[i]
            continue
        line = lines[i]
        i += 1
        if line.blank:
            prev_blank = True
            continue
        text = _text(line)
        if not text:
            prev_blank = True
            continue
        if is_rule_line(line.cells) or furniture.is_furniture(line):
            if furniture.is_note(line) and text not in res.notes:
                res.notes.append(text)
            res.skipped.append(Unplaced(line=line.no, page=line.page, text=line.text,
                                        reason="page header or footer" if not furniture.is_note(line)
                                        else "repeated paragraph (kept once as a note)"))
            continue
        multi = len([c for c in line.cells if c.strip()]) > 1
        m_top = _TOP.match(text) if not multi else None
        # numbered sections rise one by one (a gap of two allowed for a lost heading)
        is_top = bool(m_top and (top < int(m_top.group(1)) <= top + 3 or top == 0))
        plain_title = (not multi and heading_like(text, 6) and
                       (_REC_TITLE.fullmatch(text.strip()) or _LEARN_TITLE.match(text) and len(text.split()) <= 4
                        and mode is None or _END_TITLE.match(text)))
        if is_top or plain_title:
            title = m_top.group(2) if is_top and m_top else text
            if is_top and m_top:
                top = int(m_top.group(1))
            if item:
                items.append((mode or "", item))
                item = None
            if _REC_TITLE.search(title) and not _END_TITLE.match(title):
                mode, section, level = "rec", None, None
            elif _LEARN_TITLE.search(title) and not _END_TITLE.match(title) and not _REC_TITLE.search(title):
                mode = "learning"
                learning_style = None
            elif not (plain_title and mode == "learning" and _LEARN_TITLE.match(title)):
                mode = None
            res.placed.add(line.no)
            prev_blank = False
            continue
        if mode is None:
            res.unplaced.append(Unplaced(line=line.no, page=line.page, text=line.text,
                                         reason="narrative (report text outside recommendations and learning)"))
            prev_blank = False
            continue
        if _FOOTNOTE.match(text) or text.startswith("<http") or text.startswith("http"):
            res.unplaced.append(Unplaced(line=line.no, page=line.page, text=line.text, reason="footnote or link"))
            continue
        m_item = _ITEM.match(text)
        if m_item and mode == "learning":
            # the first item sets the style: "16.3 ..." items, or "3. ..." / "Lesson 3 ..." items
            dotted = "." in m_item.group(1)
            if learning_style is None and (dotted or re.match(r"^(?:learning|lesson)|\d{1,3}[.):]\s", text, re.I)):
                learning_style = dotted
            if learning_style is None or dotted != learning_style:
                m_item = None
        if m_item and mode in ("learning", "rec"):
            if item:
                items.append((mode, item))
            item = _Item(number=m_item.group(1), lines=[(line.no, m_item.group(2))], page=line.page,
                         section=section, level=level)
            res.placed.add(line.no)
            prev_blank = False
            continue
        if mode == "rec":
            after_sentence = bool(item) and bool(re.search(r"[.;:!?)]\s*$", item.lines[-1][1]))
            if item and (not prev_blank or text[:1].islower()) and not (after_sentence and heading_like(text)):
                item.lines.append((line.no, text))
                res.placed.add(line.no)
            elif heading_like(text):
                if re.search(r"\bsingle[- ]agency\b", text, re.I):
                    level, section = "single_agency", None
                elif re.search(r"\b(?:panel|multi[- ]agency|partnership[- ]wide|overarching)\b", text, re.I) \
                        and not registry.find_mentions(text):
                    level, section = "panel", None
                else:
                    section = text
                    level = level or "single_agency"
                    if level == "panel":
                        level = "single_agency"
                if item:
                    items.append((mode, item))
                    item = None
                res.placed.add(line.no)
            else:
                res.unplaced.append(Unplaced(line=line.no, page=line.page, text=line.text,
                                             reason="text in the recommendations section that is not a "
                                                    "numbered recommendation"))
            prev_blank = False
            continue
        # learning
        if item is None:
            res.unplaced.append(Unplaced(line=line.no, page=line.page, text=line.text,
                                         reason="narrative (learning section, before its first item)"))
            continue
        if _LEARN_TITLE.fullmatch(text.strip(" :")):
            item.learning_from = len(item.lines)
        item.lines.append((line.no, text))
        res.placed.add(line.no)
        prev_blank = False
    if item:
        items.append((mode or "", item))

    for kind, it in items:
        span = Span(line_start=it.lines[0][0], line_end=it.lines[-1][0], page=it.page)
        if kind == "rec":
            body = " ".join(t for _, t in it.lines).strip()
            res.recs.append(ParsedRec(number=it.number, text=body, section=it.section, level=it.level or "panel"
                                      if it.section is None else it.level or "single_agency", span=span))
        elif kind == "learning":
            full = " ".join(t for _, t in it.lines)
            nums, raw = applies_to(full)
            chosen = it.lines[it.learning_from + 1:] if it.learning_from is not None else it.lines
            body = " ".join(t for _, t in chosen).strip() or full
            body = re.sub(r"^(?:narrative\s+)?", "", body, flags=re.I) if it.learning_from is None else body
            res.learning.append(ParsedLearning(number=it.number, text=body, applies=nums, applies_raw=raw,
                                               span=span))
    return res


def _title_before(lines: list[Line], idx: int) -> str | None:
    for line in reversed(lines[max(0, idx - 4):idx]):
        t = _text(line)
        if t:
            return t[:200]
    return None
