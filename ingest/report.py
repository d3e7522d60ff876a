"""The overview-report parser: recommendations, learning items with the recommendations they inform, and
any action-plan table the report carries (an appendix), from the lines of any reader, in any partnership's
layout.

Two passes. The first finds the sections (:func:`_sections`): a heading naming recommendations ("17
RECOMMENDATIONS", "5. Recommendations", "Recommendations for the Partnership", a reader's heading line)
opens a recommendations section, a heading naming learning ("Lessons learned", "Key findings") a learning
section; either ends at the next heading of the same or a higher level that is not one of its own
sub-sections, or at an appendix, glossary or other part of a report. Numbered headings count only when their
numbers rise (a quoted list "10 Governance" inside section 16 is not a section); a contents page does not
open anything. The second pass reads each section's items (:class:`_Reader`): labels in any style
(:func:`ingest.rec_items.item_label`), text continued over lines and page breaks, sub-items folded into their
parent, unnumbered directive paragraphs, the report's own narrative left out, owners from labels, subjects
or agency sub-headings (:mod:`ingest.owner_text`), and learning links (:mod:`ingest.rec_links`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from graph.agencies import AgencyRegistry
from ingest.columns import detect_header
from ingest.furniture import Furniture
from ingest.normalize import is_rule_line
from ingest.owner_text import is_agency_phrase
from ingest.plan_table import PlanResult, heading_like, parse_plan
from ingest.rec_items import (Label, contents_entry, contents_title, end_title, item_label, learning_title,
                              reads_as_recommendation, rec_title, subsection_kind, successor)
from ingest.rec_links import applies_to
from ingest.records import Line, ParsedLearning, ParsedRec, Unplaced
from ingest.report_items import Reader

__all__ = ["parse_report", "ReportResult", "applies_to"]

_TOP = re.compile(r"^(?:#{1,6}\s*)?(?:(?:section|part|chapter)\s+)?(\d{1,2})\.?\s*[:)\-–—]?\s+"
                  r"([A-Z][A-Za-z ,&'’()/:-]{2,80}?)\s*:?$", re.I)
_DOTTED_HEAD = re.compile(r"^(?:#{1,6}\s*)?(\d{1,2}(?:\.\d{1,2}){1,3})\.?\s+(\S.{2,100})$")
_MD = re.compile(r"^(#{1,6})\s+")
_SECTION_NO = re.compile(r"\d{1,2}(?:\.\d{1,2})*\.?")
_ENTRY_NO = re.compile(r"[\d.\s]+$|^[\d.\s]+")
_PAGE_AFTER = re.compile(r"^\D.{0,100}\s\d{1,3}$|^\d{1,2}(?:\.\d{1,2})*\.?\s+\D.{0,100}\s\d{1,3}$")
_NARRATIVE = "narrative (report text outside recommendations and learning)"
_NUM_PREFIX = re.compile(r"^\d{1,2}(?:\.\d{1,2})*\.?\s+")
_BULLET = re.compile(r"^\s*(?:[-•*·▪◦‣●○■□➢➤►✓o]|\u2022)\s+")
_BULLET_FIRST = frozenset("-•*·▪◦‣●○■□➢➤►✓o \u2022")
_MIXED = re.compile(r"\b(?:conclusions?|findings|analysis|learning|lessons)\b", re.I)
_NUMERIC = ("num", "dotted", "rec")


def _text(line: Line) -> str:
    t = line.clean_text
    return _BULLET.sub("", t) if t[:1] in _BULLET_FIRST else t


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
class Part:
    """A content line of a section, with what the first pass saw of it."""

    idx: int
    text: str
    gap: bool  # a blank line before it (page furniture and page breaks are not gaps)
    bullet: bool  # a list item: a bullet sign, or the reader's role "item"
    heading: bool = False  # a heading by the reader's role, markdown, or a title naming recommendations/learning
    depth: int = 0  # list nesting (the reader's level of an "item"; 0 outermost)


@dataclass
class Block:
    kind: str  # "rec" | "learning"
    level: int | None  # its heading's level (1 = top), None where the layout does not say
    parts: list[Part] = field(default_factory=list)
    mixed: bool = False  # "Conclusions and recommendations": numbered paragraphs count only when directive


def parse_report(lines: list[Line], furniture: Furniture, registry: AgencyRegistry | None = None,
                 skip_from: int = 0) -> ReportResult:
    registry = registry or AgencyRegistry.load()
    res = ReportResult()
    tables: dict[int, int] = {}  # start index -> end index of each action-plan table
    i = skip_from
    while i < len(lines):
        if detect_header(lines[i].clean, lines[i].no) is not None:
            plan = parse_plan(lines, i, furniture, registry, title=_title_before(lines, i))
            res.plans.append(plan)
            res.placed |= plan.placed
            res.skipped.extend(plan.skipped)
            res.unplaced.extend(plan.unplaced)
            res.notes.extend(n for n in plan.notes if n not in res.notes)
            tables[i] = max(plan.end, i + 1)
            i = tables[i]
            continue
        i += 1
    blocks = _sections(lines, tables, furniture, registry, res)
    reader = Reader(lines, registry, res)
    for block in blocks:
        reader.read(block)
    reader.finish()
    return res


def _heading_level(line: Line, text: str) -> int | None:
    """The level a reader or markdown gives a heading; None for "Recommendation 4" or "Finding 2" set as a
    heading (an item, whatever its style)."""
    if line.role != "heading" and not line.clean_text.startswith("#"):
        return None
    m = _MD.match(line.clean_text)
    if line.role != "heading" and not m:
        return None
    label = item_label(_MD.sub("", text))
    if label is not None and label.kind in ("rec", "learning"):
        return None
    return (line.level or 1) if line.role == "heading" else len(m.group(1)) if m else None


def _sections(lines: list[Line], tables: dict[int, int], furniture: Furniture, registry: AgencyRegistry,
              res: ReportResult) -> list[Block]:
    """The recommendations and learning sections, each with its content lines; every other line is placed
    (a heading), skipped (layout) or unplaced (narrative) here."""
    blocks: list[Block] = []
    block: Block | None = None
    top = 0
    top_had_content = False  # some numbered heading was followed by text (so the run is no contents page)
    contents: set[str] | None = None  # the titles of a contents page being read, else None
    last_label: Label | None = None  # the last numbered item in the current section
    gap = True

    def narrative(line: Line, reason: str = _NARRATIVE):
        res.unplaced.append(Unplaced(line=line.no, page=line.page, text=line.text, reason=reason))

    def content(block: Block | None, line: Line, text: str, gap: bool,
                last: Label | None) -> tuple[Block | None, Label | None]:
        """A line of text: narrative outside the sections, else a part of the current one."""
        lab = item_label(text) if block is not None or text[:1] in "FfLlKk" else None
        if block is None and lab is not None and lab.kind == "learning" and lab.punct and lab.rest[:1].isupper():
            block = Block("learning", None)  # "Finding 3: ..." in a section of another name: its findings
            blocks.append(block)
        if block is None:
            narrative(line)
            return block, last
        depth = (line.level or 0) if line.role == "item" else 0
        block.parts.append(Part(i - 1, text, gap, line.role == "item" or bool(_BULLET.match(line.clean_text)),
                                depth=depth))
        return block, lab if lab and lab.kind in _NUMERIC and not depth else last

    i = 0
    while i < len(lines):
        if i in tables:
            block, i, gap = None, tables[i], True
            continue
        line = lines[i]
        i += 1
        text = _text(line)
        if line.blank or not text:
            gap = True
            continue
        if is_rule_line(line.cells) or furniture.is_furniture(line):
            if furniture.is_note(line) and text not in res.notes:
                res.notes.append(text)
            res.skipped.append(Unplaced(line=line.no, page=line.page, text=line.text,
                                        reason="page header or footer" if not furniture.is_note(line)
                                        else "repeated paragraph (kept once as a note)"))
            continue
        if len(text) > 120 and line.role != "heading" and contents is None:  # a paragraph: no heading
            if block is None and text[0] not in "FfLlKk":
                res.unplaced.append(Unplaced(line=line.no, page=line.page, text=line.text, reason=_NARRATIVE))
            else:
                block, last_label = content(block, line, text, gap, last_label)
            top_had_content = top_had_content or top > 0
            gap = False
            continue
        if contents is None and line.role is None and not (text[0].isdigit() or text[0] == "#") and \
                not _maybe_title(text):  # no heading can start so or be so long: text
            block, last_label = content(block, line, text, gap, last_label)
            top_had_content = top_had_content or top > 0
            gap = False
            continue
        if text.isdigit() and len(text) <= 3 and not _next_item(last_label, text):
            res.skipped.append(Unplaced(line=line.no, page=line.page, text=line.text, reason="a number alone (page or section number)"))
            continue
        cells = [c for c in line.clean if c]
        title_text = text
        if len(cells) == 2 and _SECTION_NO.fullmatch(cells[0]):
            title_text = f"{cells[0]} {cells[1]}"  # "16\tLearning": a numbered heading split into cells
        elif len(cells) > 1:
            title_text = ""
        # a contents page: its entries open nothing; it ends at a line that is no entry, or a title seen again
        if contents_title(cells[0]) and (len(cells) == 1 or len(cells) == 2 and cells[1].lower() == "page"):
            contents = set()
            res.placed.add(line.no)
            continue
        if contents is not None:
            key = _ENTRY_NO.sub("", text).lower()
            entry = len(cells) > 1 or contents_entry(text) or bool(_PAGE_AFTER.search(text)) or bool(
                title_text and (heading_like(title_text.rstrip(":")) or _TOP.match(title_text)))
            if entry and key not in contents:
                contents.add(key)
                narrative(line, "narrative (contents page)")
                continue
            contents = None
        level = _heading_level(line, text)
        m_top = _TOP.match(title_text) if title_text else None
        if m_top and not heading_like(m_top.group(2).rstrip(":"), 12):
            m_top = None
        # "8 Improved response to MARAC", "7.4 Introduction of a protocol": the section's next item
        next_item = block is not None and bool(title_text) and _next_item(last_label, title_text) and \
            not _strong(_NUM_PREFIX.sub("", title_text))
        if m_top and block is not None and not _strong(m_top.group(2)) and (
                reads_as_recommendation(m_top.group(2)) or next_item):
            m_top = None
        n_top = int(m_top.group(1)) if m_top else 0
        is_top = bool(m_top) and (top < n_top <= top + 3 or top == 0 or n_top == 1 and not top_had_content)
        m_dot = _DOTTED_HEAD.match(title_text) if title_text and not m_top else None
        title = m_top.group(2) if is_top else m_dot.group(2) if m_dot else title_text
        if m_dot and (next_item or not _named(title)):
            m_dot = None
        if m_dot:
            level = m_dot.group(1).count(".") + 1
        elif is_top:
            level = level or 1
        named = _maybe_title(title) and not next_item and (rec_title(title) or (learning_title(title) or end_title(title))
                                                   and (level is not None or
                                                        heading_like(_NUM_PREFIX.sub("", title).rstrip(":"), 10)))
        if not (is_top or m_dot or level is not None or named and not line.role):
            block, last_label = content(block, line, text, gap, last_label)
            top_had_content = top_had_content or top > 0
            gap = False
            continue
        # a heading: does it open, stay inside, or end the current section?
        if is_top:
            top = n_top
        inside = block is not None and not is_top and (
            level is None or block.level is None or level > block.level or
            block.kind == "rec" and _subsection(title, registry))
        if rec_title(title) and not end_title(title):
            kind = "rec"
        elif learning_title(title):
            kind = "learning"
        elif not inside or end_title(title):
            block, last_label = None, None
            res.placed.add(line.no)
            gap = True
            continue
        else:
            kind = None
        if inside and (kind is None or kind == block.kind or kind == "learning" and
                       title.strip(" :").lower() == "learning"):
            block.parts.append(Part(i - 1, title, gap, False, heading=True))
            gap = False
            continue
        block = Block(kind or "rec", level, mixed=kind == "rec" and bool(_MIXED.search(title)))
        blocks.append(block)
        last_label = None
        res.placed.add(line.no)
        gap = True
    return blocks


def _maybe_title(title: str) -> bool:
    """Short enough, and shaped like a title, to be worth the title tests."""
    words = title.split()
    if not words or len(words) > 12 or len(title) > 120 or title.endswith((",", ";")):
        return False
    return (title[0].isupper() or title[0].isdigit() or title[0] in "#(") and not (
        title.endswith(".") and len(words) > 3)


def _named(title: str) -> bool:
    return rec_title(title) or learning_title(title) or end_title(title)


_STRONG_END = re.compile(r"^(?:appendi(?:x|ces)|annexe?s?|glossary|references|bibliography|conclusions?|contents|"
                         r"abbreviations)\b", re.I)


def _strong(title: str) -> bool:
    """A title that is a heading even where the section's next item number would stand before it."""
    return rec_title(title) or learning_title(title) or bool(_STRONG_END.match(title.strip()))


def _next_item(last: Label | None, text: str) -> bool:
    """The label on ``text`` is the next in the sequence of ``last``, at the same depth (7 -> 8)."""
    label = item_label(text)
    return last is not None and label is not None and label.number.count(".") == last.number.count(".") and \
        successor(last, label)


def _subsection(title: str, registry: AgencyRegistry) -> bool:
    """A heading that stays inside a recommendations section whatever its level: an agency, "Local",
    "National", "Single agency", "Panel" recommendations."""
    kind, _ = subsection_kind(title, lambda t: is_agency_phrase(t, registry))
    return kind != "other" or registry.is_agency_heading(title) or is_agency_phrase(title, registry)


def _title_before(lines: list[Line], idx: int) -> str | None:
    for line in reversed(lines[max(0, idx - 4):idx]):
        t = _text(line)
        if t:
            return t[:200]
    return None

