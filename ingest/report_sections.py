"""The first pass over an overview report: where its recommendations and learning sections are.

A heading naming recommendations ("17 RECOMMENDATIONS", "5. Recommendations", "Recommendations for the
Partnership", a reader's heading line, a markdown heading) opens a recommendations section; a heading naming
learning ("Lessons learned", "Key findings") a learning section. A section ends at the next heading of the
same or a higher level that is not one of its own sub-sections (an agency, "Local", "National", "Single
agency"), at a numbered heading whose number rises, or at another part of a report (appendix, glossary,
conclusions).
Numbered headings count only when their numbers rise, so a quoted list ("10 Governance") inside section 16
is no section; a contents page opens nothing. Every line outside the sections is placed (a heading), skipped
(layout) or unplaced (narrative) here; the lines inside go to :mod:`reviewgraph.ingest.report_items`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from reviewgraph.graph.agencies import AgencyRegistry
from reviewgraph.ingest.furniture import Furniture
from reviewgraph.records.normalize import is_rule_line
from reviewgraph.ingest.owner_text import is_agency_phrase
from reviewgraph.ingest.plan_table import heading_like
from reviewgraph.ingest.rec_items import (Label, contents_entry, contents_title, end_title, item_label, learning_title,
                              reads_as_recommendation, rec_title, response_label, subsection_kind, successor)
from reviewgraph.records.parsed import Line, Unplaced

if TYPE_CHECKING:
    from reviewgraph.ingest.report_result import ReportResult

__all__ = ["Block", "Part", "RUNS_ON", "find_sections", "line_text"]

_TOP = re.compile(r"^(?:#{1,6}\s*)?(?:(?:section|part|chapter)\s+)?(\d{1,2})\.?\s*[:)\-–—]?\s+"
                  r"([A-Z][A-Za-z ,&'’()/:-]{2,80}?)\s*:?$", re.I)
_DOTTED_HEAD = re.compile(r"^(?:#{1,6}\s*)?(\d{1,2}(?:\.\d{1,2}){1,3})\.?\s+(\S.{2,100})$")
_MD = re.compile(r"^(#{1,6})\s+")
_SECTION_NO = re.compile(r"\d{1,2}(?:\.\d{1,2})*\.?")
_ENTRY_NO = re.compile(r"[\d.\s]+$|^[\d.\s]+")
_PAGE_AFTER = re.compile(r"^\D.{0,100}\s\d{1,3}$|^\d{1,2}(?:\.\d{1,2})*\.?\s+\D.{0,100}\s\d{1,3}$")
_NUM_PREFIX = re.compile(r"^\d{1,2}(?:\.\d{1,2})*\.?\s+")
_BULLET = re.compile(r"^\s*(?:[-•*·▪◦‣●○■□➢➤►✓o]|\u2022)\s+")
_BULLET_FIRST = frozenset("-•*·▪◦‣●○■□➢➤►✓o \u2022")
_MIXED = re.compile(r"\b(?:conclusions?|findings|analysis|learning|lessons)\b", re.I)
#: a line that breaks off in a list of numbers: the number on the next line is its end
RUNS_ON = re.compile(r"(?:[,&:]|\band|\bto|\bor|[-–]|\brecommendations?|\brecs?\.?)$", re.I)
_STRONG_END = re.compile(r"^(?:appendi(?:x|ces)|annexe?s?|glossary|references|bibliography|conclusions?|"
                         r"contents|abbreviations)\b", re.I)
_NUMERIC = ("num", "dotted", "rec")
_HEADING_FIRST = frozenset("0123456789#")
NARRATIVE = "narrative (report text outside recommendations and learning)"


def line_text(line: Line) -> str:
    """A line's cleaned text without a leading bullet sign."""
    t = line.clean_text
    return _BULLET.sub("", t) if t[:1] in _BULLET_FIRST else t


@dataclass
class Part:
    """A content line of a section, with what the first pass saw of it."""

    idx: int
    text: str
    gap: bool  # a blank line before it (page furniture and page breaks are not gaps)
    bullet: bool  # a list item: a bullet sign, or the reader's role "item"
    heading: bool = False  # a heading: the reader's role, markdown, a title naming recommendations/learning
    depth: int = 0  # list nesting (the reader's level of an "item"; 0 outermost)
    paged: bool = False  # a page break (page furniture) stands between it and the line above


@dataclass
class Block:
    kind: str  # "rec" | "learning"
    level: int | None  # its heading's level (1 = top), None where the layout does not say
    parts: list[Part] = field(default_factory=list)
    #: "Conclusions and recommendations" ("narrative"), "Learning and recommendations" ("learning"): numbered
    #: paragraphs are recommendations only when directive, else narrative or learning items
    mixed: str | None = None
    #: opened by a learning item's own heading ("Learning point 1"), with no section heading around it
    headed: bool = False


@dataclass
class _Heading:
    title: str
    level: int | None  # None: a plain title whose level the layout does not give
    top: int = 0  # the number of a rising numbered heading ("17 Recommendations"), else 0


def find_sections(lines: list[Line], tables: dict[int, int], furniture: Furniture, registry: AgencyRegistry,
                  res: ReportResult) -> list[Block]:
    """The recommendations and learning sections of a report, each with its content lines."""
    return _Finder(lines, tables, furniture, registry, res).run()


class _Finder:
    def __init__(self, lines: list[Line], tables: dict[int, int], furniture: Furniture,
                 registry: AgencyRegistry, res: ReportResult) -> None:
        self.lines, self.tables, self.furniture = lines, tables, furniture
        self.registry, self.res = registry, res
        self.blocks: list[Block] = []
        self.block: Block | None = None
        self.top = 0  # the last numbered heading's number
        self.top_had_content = False  # some numbered heading was followed by text (no contents page)
        self.tops = 0  # numbered headings seen (a contents list without page numbers has several)
        self.contents: set[str] | None = None  # the titles of a contents page being read, else None
        self.last_label: Label | None = None  # the last numbered item in the current section
        self.gap = True
        self.paged = False  # page furniture since the last line of text
        self.paged_now = False  # ... before the line being read

    def run(self) -> list[Block]:
        lines, tables, furniture, i = self.lines, self.tables, self.furniture, 0
        while i < len(lines):
            if i in tables:
                self.block, i, self.gap = None, tables[i], True
                continue
            line = lines[i]
            i += 1
            text = line_text(line)
            if line.blank or not text:
                self.gap = True
            elif is_rule_line(line.cells):
                self._skip(line, text)
            elif furniture.is_furniture(line) and not (text[:1] in "BbPpRrTtAaMmOo*_#" and
                                                        response_label(text) is not None):
                # (a "Board response" heading after each recommendation repeats, but is no page furniture)
                self._skip(line, text)
                self.paged = True
            else:
                self.paged_now, self.paged = self.paged, False
                self._text(i - 1, line, text)
        return self.blocks

    def _text(self, idx: int, line: Line, text: str) -> None:
        """A line with text, neither blank nor page furniture."""
        if self.contents is None and line.role != "heading" and not (
                text[0].isdigit() and _learning_head(_NUM_PREFIX.sub("", text))) and (
                len(text) > 120 or line.role in (None, "paragraph") and text[0] not in _HEADING_FIRST and
                not _maybe_title(text)):
            # no heading can be so long, or shaped so: text (outside any section, narrative)
            if self.block is None and text[0] not in "FfLlKk":
                self._narrative(line)
                self.top_had_content = self.top_had_content or self.top > 0
                self.gap = False
            else:
                self._content(idx, line, text)
        else:
            self._line(idx, line, text)

    def _skip(self, line: Line, text: str) -> None:
        """Page furniture and table rules."""
        note = self.furniture.is_note(line)
        if note and text not in self.res.notes:
            self.res.notes.append(text)
        self.res.skipped.append(Unplaced(line=line.no, page=line.page, text=line.text,
                                         reason="repeated paragraph (kept once as a note)" if note
                                         else "page header or footer"))

    def _line(self, idx: int, line: Line, text: str) -> None:
        """A line that may be a heading."""
        if len(text) <= 3 and text.isdigit() and not _next_item(self.last_label, text) and \
                not self._runs_on():
            self.res.skipped.append(Unplaced(line=line.no, page=line.page, text=line.text,
                                             reason="a number alone (page or section number)"))
            return
        cells = [c for c in line.clean if c]
        title_text = text
        if len(cells) == 2 and _SECTION_NO.fullmatch(cells[0]):
            title_text = f"{cells[0]} {cells[1]}"  # "16\tLearning": a numbered heading split into cells
        elif len(cells) > 1:
            title_text = ""
        if self._contents_page(line, text, cells, title_text):
            return
        heading = self._heading(line, text, title_text)
        if heading is None:
            self._content(idx, line, text)
        else:
            self._open_or_close(idx, line, heading)

    def _runs_on(self) -> bool:
        """The section's last line breaks off in a list of numbers ("Linked recommendations: 2,"), so a
        number alone on the next line ends it (not a page number)."""
        block = self.block
        if block is None or not block.parts or self.gap:
            return False
        return bool(RUNS_ON.search(block.parts[-1].text))

    def _contents_page(self, line: Line, text: str, cells: list[str], title_text: str) -> bool:
        """A contents page: its title and entries open nothing; it ends at a line that is no entry, or at a
        title seen again (the body's first heading)."""
        if contents_title(cells[0]) and (len(cells) == 1 or len(cells) == 2 and cells[1].lower() == "page"):
            self.contents = set()
            self.res.placed.add(line.no)
            return True
        if self.contents is None:
            return False
        key = _ENTRY_NO.sub("", text).lower()
        entry = len(cells) > 1 or contents_entry(text) or bool(_PAGE_AFTER.search(text)) or bool(
            title_text and (heading_like(title_text.rstrip(":")) or _TOP.match(title_text)))
        if entry and key not in self.contents:
            self.contents.add(key)
            self._narrative(line, "narrative (contents page)")
            return True
        self.contents = None
        return False

    def _heading(self, line: Line, text: str, title_text: str) -> _Heading | None:
        """The line as a heading, or None when it is text."""
        block, last = self.block, self.last_label
        level = _heading_level(line, text)
        bare = _NUM_PREFIX.sub("", title_text) if title_text else ""
        if bare and _learning_head(bare):
            m_no = _SECTION_NO.match(title_text)
            n = int(m_no.group(0).rstrip(".").split(".")[0]) if m_no and m_no.group(0) != title_text else 0
            return _Heading(bare, level, n if self.top < n <= self.top + 3 else 0)
        m_top = _TOP.match(title_text) if title_text else None
        if m_top and not heading_like(m_top.group(2).rstrip(":"), 12):
            m_top = None
        # "8 Improved response to MARAC", "7.4 Introduction of a protocol": the section's next item
        next_item = block is not None and bool(title_text) and _next_item(last, title_text) and \
            not _strong(_NUM_PREFIX.sub("", title_text))
        if m_top and block is not None and not _strong(m_top.group(2)) and (
                reads_as_recommendation(m_top.group(2)) or next_item):
            m_top = None
        n_top = int(m_top.group(1)) if m_top else 0
        is_top = bool(m_top) and (self.top < n_top <= self.top + 3 or self.top == 0 or
                                  n_top == 1 and not self.top_had_content and self.tops > 1)
        m_dot = _DOTTED_HEAD.match(title_text) if title_text and not m_top else None
        title = m_top.group(2) if is_top and m_top else m_dot.group(2) if m_dot else title_text
        if m_dot and (next_item or not _named(title)):
            m_dot = None
        if m_dot:
            return _Heading(title, m_dot.group(1).count(".") + 1)
        if is_top:
            return _Heading(title, level or 1, n_top)
        if level is not None:
            return _Heading(title, level)
        named = line.role in (None, "paragraph") and _maybe_title(title) and not next_item and (
            rec_title(title) or (learning_title(title) or end_title(title)) and
            heading_like(_NUM_PREFIX.sub("", title).rstrip(":"), 10))
        return _Heading(title, None) if named else None

    def _open_or_close(self, idx: int, line: Line, heading: _Heading) -> None:
        """A heading opens a section, stays inside the current one (a sub-heading), or ends it."""
        block, title, level = self.block, heading.title, heading.level
        if heading.top:
            self.top = heading.top
            self.tops += 1
        if _learning_head(title):
            # "4. Learning point 1" over its paragraph: an item of learning, wherever it stands; a run of
            # them is one learning section, which the next other heading ends
            if block is None or block.kind != "learning":
                block = self.block = Block("learning", level, headed=True)
                self.blocks.append(block)
                self.last_label, self.gap = None, True
            block.parts.append(Part(idx, title, self.gap, False, heading=_title_over_text(title),
                                    paged=self.paged_now))
            self.gap = False
            return
        inside = block is not None and not heading.top and not block.headed and (
            level is None or block.level is None or level > block.level or
            block.kind == "rec" and _subsection(title, self.registry))
        if rec_title(title) and not end_title(title):
            kind: str | None = "rec"
        elif learning_title(title):
            kind = "learning"
        elif not inside or end_title(title):
            self.block, self.last_label, self.gap = None, None, True
            self.res.placed.add(line.no)
            return
        else:
            kind = None
        marker = kind == "learning" and title.strip(" :").lower() == "learning"
        # a second learning title at no deeper level ("Findings", then "Learning points") is a section of
        # its own, read apart; "Local recommendations" under "Recommendations" stays inside
        again = kind == "learning" and block is not None and block.kind == "learning" and not marker and not (
            level is not None and block.level is not None and level > block.level)
        if block is not None and inside and not again and (kind is None or kind == block.kind or marker):
            block.parts.append(Part(idx, title, self.gap, False, heading=True, paged=self.paged_now))
            self.gap = False
            return
        m = _MIXED.search(title) if kind == "rec" else None
        mixed = None if m is None else "narrative" if m.group(0).lower().startswith(("concl", "anal")) else \
            "learning"
        self.block = Block(kind or "rec", level, mixed=mixed)
        self.blocks.append(self.block)
        self.last_label, self.gap = None, True
        self.res.placed.add(line.no)

    def _content(self, idx: int, line: Line, text: str) -> None:
        """A line of text: narrative outside the sections, else a part of the current one."""
        self.top_had_content = self.top_had_content or self.top > 0
        gap, self.gap = self.gap, False
        block = self.block
        if block is not None and block.headed and gap and block.parts and not block.parts[-1].heading and \
                len(text.split()) <= 8 and heading_like(text.rstrip(":")):
            # "Questions for reflection" after the last learning point's paragraph: a heading the layout does
            # not mark, of the same shape as the points' own, ends them
            self.block, self.last_label = None, None
            self.res.placed.add(line.no)
            return
        if block is None and text[0] not in "FfLlKk":
            self._narrative(line)
            return
        label = item_label(text)
        if block is None:
            if label is None or label.kind != "learning" or not label.punct or not label.rest[:1].isupper():
                self._narrative(line)
                return
            # "Finding 3: ..." outside a findings section; "Learning point 2: ..." as a briefing sets it out
            block = self.block = Block("learning", None, headed=_learning_head(text))
            self.blocks.append(block)
        depth = (line.level or 0) if line.role == "item" else 0
        # "Linked recommendations:" / "2": the number ends the line above, no item of its own
        runs_on = label is not None and not label.rest and not gap and bool(block.parts) and \
            bool(RUNS_ON.search(block.parts[-1].text))
        block.parts.append(Part(idx, text, gap, line.role == "item" or bool(_BULLET.match(line.clean_text)),
                                depth=depth, paged=self.paged_now))
        if label is not None and label.kind in _NUMERIC and not depth and not runs_on:
            self.last_label = label

    def _narrative(self, line: Line, reason: str = NARRATIVE) -> None:
        self.res.unplaced.append(Unplaced(line=line.no, page=line.page, text=line.text, reason=reason))


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


def _learning_head(title: str) -> bool:
    """A learning item's label over its text ("Learning point 2", "Lesson 3: Escalation") or before it on one
    line ("Learning point 2: Practitioners should ..."). Findings are left out: "Finding 1" over pages of
    analysis is a chapter, not one lesson."""
    label = item_label(title)
    return label is not None and label.kind == "learning" and \
        title.lstrip("#").strip().lower().startswith(("learning", "key learning", "lesson")) and (
            not label.rest or len(label.rest) <= 80 and heading_like(label.rest.rstrip(" :"), 10) or
            label.punct and label.rest[:1].isupper())


def _title_over_text(title: str) -> bool:
    """A learning label that stands over its text as a title, not before it ("Learning point 2: Practitioners
    should ...")."""
    label = item_label(title)
    return label is not None and (not label.rest or len(label.rest) <= 80 and
                                  heading_like(label.rest.rstrip(" :"), 10))


def _maybe_title(title: str) -> bool:
    """Short enough, and shaped like a title, to be worth the title tests."""
    words = title.split()
    if not words or len(words) > 12 or len(title) > 120 or title.endswith((",", ";")):
        return False
    return (title[0].isupper() or title[0].isdigit() or title[0] in "#(") and not (
        title.endswith(".") and len(words) > 3)


def _named(title: str) -> bool:
    return rec_title(title) or learning_title(title) or end_title(title)


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
