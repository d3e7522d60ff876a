"""Reading the items of a report's recommendations and learning sections (found by :mod:`reviewgraph.ingest.report`).

A recommendations section: each labelled paragraph ("17.3", "3.", "R4", "Recommendation 4:", "(a)") is an
item, its text continued over the following lines, blank lines and page breaks until the next item or
heading; lettered sub-items under a numbered item, and bullets under it, are part of it. Unnumbered
paragraphs and list items are recommendations when they read as one ("X should ...", "Ensure ..."); numbered
paragraphs about the review itself ("17.1 The panel considered ...") are narrative. Sub-headings give the
agency ("Northmere Constabulary"), the level ("Single agency recommendations") or the scope ("National
recommendations"). Owners: a label first, then the sentence's subject, then the agency sub-heading.

A learning section: numbered items ("16.3", "1.", "Finding 2", "Learning point 3:"), or, where nothing is
numbered, each sub-heading (or bullet) one item; "Learning" inside an item marks where its lesson starts.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, utils

from reviewgraph.graph.agencies import AgencyRegistry
from reviewgraph.ingest.owner_text import find_owner, is_agency_phrase, lead_label, split_owner_label, subject_owner
from reviewgraph.ingest.plan_table import heading_like
from reviewgraph.ingest.rec_items import (DIRECTIVE_VERBS, Label, is_background, is_section_note, item_label,
                              reads_as_recommendation, response_label, subsection_kind, successor)
from reviewgraph.ingest.rec_links import applies_to
from reviewgraph.records.kinds import Level
from reviewgraph.records.parsed import Line, ParsedLearning, ParsedRec, Span, Unplaced

from reviewgraph.ingest.report_sections import RUNS_ON

if TYPE_CHECKING:
    from reviewgraph.ingest.report_result import ReportResult
    from reviewgraph.ingest.report_sections import Block, Part

__all__ = ["Reader"]

_NUMERIC = ("num", "dotted", "rec")
_LEARNING_LABELS = ("learning", "theme", "num", "dotted", "letter", "roman")
_FOOTNOTE = re.compile(r"^[\u00b9\u00b2\u00b3\u2070-\u2079]+\s*\S")
_ENDS = re.compile(r"[.;:!?)\"”’]\s*$")
_PUBLISHER = re.compile(r"\b(?:partnership|board|csp|sab|lscp|lscb|panel)$", re.I)
_GENERIC = re.compile(r"^the\s+(?:force|trust|council|service|department|hospital|agency|organisation|"
                      r"organization|authority|practice|team|company|crc|ccg|icb)$", re.I)
_NARRATIVE = re.compile(r"^narrative\s+", re.I)
_NUMBER_MARK = re.compile(r"^\(?[\dA-Za-z]{1,4}(?:\.\d{1,3})*([.):]?)")
_SHORT_ACRONYM = re.compile(r"^[A-Z][A-Z&]{1,2}$")
#: a learning section's own label: a few words and a number ("Practice issue 1:", "Area for development 2 -")
_WORDED = re.compile(r"^(?P<word>[A-Z][A-Za-z]+(?:\s+[a-z][A-Za-z]+){0,2})\s+(?P<num>\d{1,2})\s*[:.)\-–—]\s*"
                     r"(?P<rest>\S.*)$")
_NOT_WORDED = re.compile(r"^(?:section|page|appendix|table|figure|chapter|part|paragraph|recommendations?|"
                         r"stage|"
                         r"phase|step|year|day|week|month|in|on|at|by|since|from|until|during|the|a)\b", re.I)
_DASH = re.compile(r"\s+[-–—]\s+")
_LEAD_FIRST = frozenset("LlOoAaTtRr(")
#: "Recommendation: text", "Action: text": a field holding the item's text
_FIELD_TEXT = re.compile(r"^(?:recommendation|rec|action|what\s+needs\s+to\s+change)\s*:\s*(\S.*)$", re.I)
_COLUMN_GAP = re.compile(r"^\s*(\S.{1,80}?\S)\s{3,}(\S.*)$")
_MARKER_INLINE = re.compile(r"^(?:learning|lessons?(?: learn[et]d?)?|key learning)\s*:\s*(\S.*)$", re.I)
_INTRO = re.compile(r"^(?:this|the\s+following)\s+(?:section|chapter|part|learning|findings|lessons)\b", re.I)
_MARKER = re.compile(r"^(?:learning|lessons?(?: learn[et]d?)?|key learning)\s*:?$", re.I)
RESPONSE = ("a response to the recommendation above, not part of its text (the graph keeps recommendations "
            "and their actions, not responses)")
NARRATIVE_AFTER = "narrative (a heading and its text after a response: no recommendation or learning)"


@dataclass
class _Item:
    kind: str  # "rec" | "learning" | "para" (the report's narrative: no record) | "response" (to a rec)
    label: Label | None
    page: int | None
    lines: list[tuple[int, str]] = field(default_factory=list)
    section: str | None = None
    level: Level | None = None
    scope: str | None = None
    owner: str | None = None  # from a label line ("Lead agency: X", "Recommendation 4" then "X")
    head: str = ""  # the first line as written, label and all
    bullet: bool = False  # an unnumbered list item
    more: int | None = None  # where a second paragraph that reads as no recommendation starts
    sub: Label | None = None  # its last lettered sub-item ("... assurance that:" / "(a) ..." / "(b) ...")
    titled: str | None = None  # the label's line, when it gave the owner ("Recommendation 2: Wrenford BC")
    number: str | None = None
    learning_from: int | None = None
    links: list[str] = field(default_factory=list)  # recommendations set out under a finding
    owner_how: str = "label"
    mixed: str | None = None  # read in a mixed section (see report_sections.Block.mixed)
    block: int = 0  # which section it was read in
    reason: str = "narrative (recommendations section: not a recommendation)"

    @property
    def text(self) -> str:
        return " ".join(t for _, t in self.lines if t).strip()

    def ended(self) -> bool:
        t = self.text
        if not t:
            return False
        if _ENDS.search(t):
            return True
        # "Provide training. Lead agency: Wrenford Borough Council": a lead named after the text ends it
        return "ead" in t[-90:] and lead_label(t)[0] is not None


class Reader:
    """Reads the sections of one report into records; :meth:`finish` writes them to the result."""

    def __init__(self, lines: list[Line], registry: AgencyRegistry, res: ReportResult) -> None:
        self.lines = lines
        self.registry = registry
        self.res = res
        self.items: list[_Item] = []
        self.learning_count = 0
        self.seen: dict[int, Line] = {}  # the lines read, by number (for reporting narrative ones)
        self.block_no = 0


    def _agency(self, text: str) -> bool:
        return is_agency_phrase(text, self.registry)

    def _unplaced(self, line: Line, reason: str) -> None:
        self.res.unplaced.append(Unplaced(line=line.no, page=line.page, text=line.text, reason=reason))

    def _new(self, kind: str, part: Part, label: Label | None, text: str, **kw: object) -> _Item:
        line = self.lines[part.idx]
        item = _Item(kind, label, line.page, [(line.no, text)], number=label.number if label else None,
                     block=self.block_no, head=part.text, **kw)
        self.items.append(item)
        return item

    def read(self, block: Block) -> None:
        self.block_no += 1
        if block.kind == "rec":
            self._recs(block)
        else:
            self._learning(block)

    # --- recommendations --------------------------------------------------------------------------------

    def _heading(self, part: Part, label: Label | None, cur: _Item | None, text: str) -> str | None:
        """The title, when this line (``text``) is a sub-heading of the section (an agency, a level, a
        scope)."""
        if part.heading:
            return None if label is not None and label.kind in ("rec", "learning") else text
        if part.bullet:
            return None
        if label is not None and label.kind == "theme":
            return text  # "Theme 2: Information sharing" among recommendations: a topic
        if label is not None:
            rest = label.rest.rstrip(" :")
            if label.kind == "dotted" and rest and len(rest) <= 100 and heading_like(rest, 10) and \
                    not reads_as_recommendation(rest) and (
                        subsection_kind(rest, self._agency)[0] != "other" or self._agency(rest)):
                return rest  # "5.1 Local recommendations", "5.2 Northmere Constabulary"
            return None
        if cur is not None and (not cur.text and cur.kind == "rec" or not (part.gap or cur.ended())):
            return None  # the line after a bare "Recommendation 4" is its text; a wrapped line goes on
        t = text.rstrip(" :")
        if _SHORT_ACRONYM.match(t) and self._agency(t):
            return t  # "TP", "SP": an agency's initials (too short for a title's words)
        if len(t) > 140 or not heading_like(t) or self._reads(t) or \
                text.endswith(":") and len(t.split()) > 6:
            return None
        return t

    def _set_heading(self, title: str, state: dict[str, str | None]) -> None:
        kind, value = subsection_kind(title, self._agency)
        if kind == "scope":
            state.update(scope=value, section=None)
        elif kind == "level":
            state.update(level=Level(value), section=None)
        elif kind == "agency" or self._agency(title) or self.registry.is_agency_heading(title):
            section = value if kind == "agency" else title
            state.update(section=section, level=Level.panel if _PUBLISHER.search(section or "") and
                         state["level"] != Level.single_agency else Level.single_agency)

    def _recs(self, block: Block) -> None:
        state: dict[str, str | None] = {"section": None, "level": None, "scope": None}
        cur: _Item | None = None
        prev: Label | None = None  # the label of the last numbered item
        roman = False  # the items are numbered i, ii, iii ... ("v" and "x" read alone as letters)
        finding: _Item | None = None  # a finding being read (layouts that mix findings and recommendations)
        pending: tuple[str, _Item | None] | None = None  # "Agency: X" above its item, and the item before it
        parts = block.parts
        for k, part in enumerate(parts):
            line, text = self.lines[part.idx], part.text
            self.seen[line.no] = line
            if part.paged and part.gap and cur is not None and not cur.ended():
                part = replace(part, gap=False)  # a sentence broken by a page break goes on
            if pending is not None and cur is not pending[1] and cur is not None and cur.kind == "rec":
                cur.owner, pending = cur.owner or pending[0], None
            if _FOOTNOTE.match(text) or text.startswith(("http", "<http")):
                self._unplaced(line, "footnote or link")
                continue
            if (taken := self._response(part, cur, text)) is not None:
                cur = taken
                continue
            who, rest = lead_label(text) if text[:1] in _LEAD_FIRST else (None, text)
            if who and not rest:  # "Lead agency: Northmere Constabulary"
                if cur is None or cur.kind != "rec" or _names_next(cur, part, parts[k + 1:k + 2]):
                    pending = (who, cur)  # above its item: "Agency: X" / "Recommendation: text"
                    self.res.placed.add(line.no)
                    continue
                if cur.titled is not None:  # it says more surely than a title that reads as an agency
                    cur.lines[0], cur.owner, cur.titled = (cur.lines[0][0], cur.titled), None, None
                cur.owner = cur.owner or who  # under the item
                cur.lines.append((line.no, ""))
                continue
            m = _FIELD_TEXT.match(text)
            if m:  # "Recommendation: GP practices should ...": a field's label, the item's text after it
                cur = self._paragraph(part, m.group(1), state, force=True)
                continue
            text = self._column_label(line, text)
            label = item_label(text)
            title = self._heading(part, label, cur, text)
            if title is not None and not part.heading and k + 1 < len(parts) and not parts[k + 1].gap and \
                    parts[k + 1].text[:1].islower():
                title = None  # a line of a sentence that goes on below it
            if title is not None and cur is not None and cur.kind == "learning" and not part.heading and \
                    subsection_kind(title, self._agency)[0] == "other" and not self._agency(title):
                title = None  # a sub-heading inside a finding's narrative
            if title is not None:
                self._set_heading(title, state)
                self.res.placed.add(line.no)
                cur = None
                continue
            if label is not None and label.kind == "learning":
                cur = finding = self._new("learning", part, label, label.rest)
                continue
            if label is not None and cur is not None and cur.kind == "rec" and cur.label is not None and (
                    label.kind in ("letter", "roman") and cur.label.kind in _NUMERIC and
                    not is_background(cur.text)
                    or _nested(cur.label, label, roman)
                    or label.kind == "dotted" and label.number.startswith(cur.label.number + ".")):
                cur.lines.append((line.no, text))  # "a. ..." under "3. ...": part of it
                continue
            if label is not None and label.kind in ("letter", "roman") and cur is not None and cur.kind == "rec" \
                    and cur.label is None and (cur.sub is None and cur.text.endswith(":") or
                                               cur.sub is not None and successor(cur.sub, label)):
                cur.sub = label  # "The Board should seek assurance that:" / "(a) ..." / "(b) ...": its sub-items
                cur.lines.append((line.no, text))
                continue
            if label is not None and not part.depth:
                follows = prev is not None and successor(prev, label)
                starts = label.kind == "rec" or cur is None or part.bullet or part.gap or cur.ended() or \
                    follows
                if label.kind == "num" and not label.punct and not follows and cur is not None and \
                        not part.gap:
                    starts = False  # "24 hours": a count in wrapped text
                if starts:
                    inner = item_label(label.rest) if label.kind != "rec" else None
                    if inner is not None and inner.kind == "rec":  # "3. Recommendation 3: ..."
                        label = Label(label.number, label.kind, inner.rest, inner.owner, label.punct)
                    cur = self._new("rec", part, label, label.rest, **state)
                    cur.mixed = block.mixed
                    self._first_line_owner(cur, line)
                    roman = label.kind == "roman" or roman and prev is not None and successor(prev, label) \
                        and label.kind == "letter"
                    prev = label
                    if finding is not None:
                        finding.links.append(label.number)
                    continue
            if cur is not None and cur.kind == "rec" and not cur.text and heading_like(text) and \
                    self._agency(text) and not reads_as_recommendation(text):
                cur.owner = cur.owner or text  # "Recommendation 4" / "Northmere Constabulary" / text
                cur.lines.append((line.no, ""))
                continue
            numbered_parent = cur is not None and cur.label is not None and cur.kind != "para"
            if part.depth and cur is not None and cur.kind == "rec":
                cur.lines.append((line.no, text))  # a nested list item: part of the item above
                continue
            if part.bullet and not numbered_parent:
                cur = self._paragraph(part, text, state)
                continue
            if cur is not None and cur.label is None and not part.gap and cur.ended() and self._opens(text):
                cur = self._paragraph(part, text, state)  # paragraphs with no blank line between them
                continue
            if cur is not None and (part.bullet or not part.gap or text[:1].islower() or not cur.ended()
                                    or cur.kind == "learning"):
                cur.lines.append((line.no, text))
                continue
            if is_background(text):
                cur = self._new("para", part, None, text)
            elif numbered_parent:
                if cur.more is None and cur.kind == "rec" and not self._reads(text):
                    cur.more = len(cur.lines)
                cur.lines.append((line.no, text))  # a second paragraph of a numbered recommendation
            else:
                cur = self._paragraph(part, text, state)
        if pending is not None and cur is not pending[1] and cur is not None and cur.kind == "rec":
            cur.owner = cur.owner or pending[0]

    def _response(self, part: Part, cur: _Item | None, text: str) -> _Item | None:
        """A response to the recommendation above ("Board response: Accepted ...", or a heading "Board
        response" over its paragraph), and the paragraphs of it: kept out of the recommendation's text and
        listed as unplaced, with what they are. The item that took ``text``, else None."""
        if cur is not None and cur.kind == "response" and not part.heading and item_label(text) is None and \
                response_label(text) is None:
            if part.gap and cur.ended() and heading_like(text.rstrip(" :"), 10):
                # "What happens next" after the last response: a heading the layout does not mark; it and
                # its text are the report's narrative, no part of the response or of the item above
                return self._new("para", part, None, text, reason=NARRATIVE_AFTER)
            if not part.gap or not cur.ended() or not self._reads(text):
                cur.lines.append((self.lines[part.idx].no, text))  # the response goes on
                return cur
        if not (part.gap or part.heading or cur is None or cur.ended()) or response_label(text) is None:
            return None
        return self._new("response", part, None, text, reason=RESPONSE)

    def _opens(self, text: str) -> bool:
        """A line that opens a recommendation of its own: "That ...", an imperative, an agency as subject."""
        if not text[:1].isupper():
            return False
        first = text.split()[0].lower().strip(",:")
        return first in ("that", "to") or first in DIRECTIVE_VERBS and reads_as_recommendation(text) or \
            subject_owner(text, self.registry) is not None or \
            split_owner_label(text, self.registry)[0] is not None and self._reads(text)  # "Agency — text"

    def _first_line_owner(self, item: _Item, line: Line) -> None:
        """"Recommendation 2: Wrenford Borough Council" with the text below, or a table row whose last cell
        is the agency ("1 | The protocol is reviewed | Northmere Constabulary")."""
        first = item.lines[0][1]
        if first and heading_like(first.rstrip(" :"), 10) and self._agency(first.rstrip(" :")) and \
                not reads_as_recommendation(first):
            item.owner, item.lines[0] = first.rstrip(" :"), (item.lines[0][0], "")
            item.titled = first
            return
        cells = [c for c in line.clean if c]
        if len(cells) >= 2 and not (item.label is not None and item.label.rest == cells[-1]):
            last = cells[-1]
            if len(last.split()) <= 8 and heading_like(last) and self._agency(last) and first.endswith(last):
                item.owner, item.owner_how = last, "column"
                item.lines[0] = (item.lines[0][0], first[: -len(last)].strip())

    def _reads(self, text: str) -> bool:
        """The text reads as a recommendation, after any owner label ("Northmere Constabulary — Treat
        repeated reports ...")."""
        if reads_as_recommendation(text):
            return True
        who, rest = split_owner_label(text, self.registry)
        # an agency named as the label of a sentence is what a recommendation to it looks like
        return who is not None and (reads_as_recommendation(rest) or len(rest.split()) >= 4 and
                                    rest[:1].isupper() and not is_background(rest))

    def _column_label(self, line: Line, text: str) -> str:
        """An agency in a column of its own before the text ("Northmere Constabulary      Review the DVDS
        process ...", as pdftotext -layout sets a two-column table, or two cells) written as a label
        ("Northmere Constabulary — Review ...")."""
        cells = [c for c in line.cells if c.strip()]
        if len(cells) == 2:
            who, rest = cells[0].strip(), cells[1].strip()
        elif len(cells) == 1 and "   " in cells[0].strip():
            m = _COLUMN_GAP.match(cells[0])
            if not m:
                return text
            who, rest = m.group(1), m.group(2)
        else:
            return text
        if not rest[:1].isupper() or len(who.split()) > 8 or not heading_like(who, 8) or \
                not self._agency(who):
            return text
        return f"{who} — {' '.join(rest.split())}"

    def _paragraph(self, part: Part, text: str, state: dict[str, str | None], force: bool = False) -> _Item:
        """An unnumbered paragraph or list item: a recommendation when it reads as one."""
        if force or self._reads(text) and not is_background(text):
            item = self._new("rec", part, None, text, bullet=part.bullet, **state)
            self._first_line_owner(item, self.lines[part.idx])
            return item
        return self._new("para", part, None, text, bullet=part.bullet, **state)

    # --- learning ---------------------------------------------------------------------------------------

    def _learning(self, block: Block) -> None:
        start = len(self.items)
        cur: _Item | None = None
        style: tuple[str, int] | None = None  # the first item's kind and depth: later items must match
        finding: _Item | None = None  # the learning item being read
        before: list[Part] = []
        worded: str | None = None  # the section's own label words ("Practice issue 1:", "Key message 2")
        for part in block.parts:
            line, text = self.lines[part.idx], part.text
            self.seen[line.no] = line
            if part.paged and part.gap and cur is not None and not cur.ended():
                part = replace(part, gap=False)  # a sentence broken by a page break goes on
            if _FOOTNOTE.match(text) or text.startswith(("http", "<http")):
                self._unplaced(line, "footnote or link")
                continue
            if (taken := self._response(part, cur, text)) is not None:
                cur = taken
                continue
            label = item_label(text)
            if label is None and text[:1].isupper() and (m := _WORDED.match(text)) and \
                    not _NOT_WORDED.match(m.group("word")) and (
                        m.group("word").lower() == worded or m.group("num") == "1" and worded is None):
                worded = m.group("word").lower()
                label = Label(m.group("num"), "learning", m.group("rest").strip())
            if label is not None and label.kind == "rec" and (part.gap or cur is None or cur.ended()):
                cur = self._new("rec", part, label, label.rest)  # a recommendation set out under a finding
                if finding is not None:
                    finding.links.append(label.number)
                continue
            if label is not None and not label.rest and cur is not None and not part.gap and \
                    RUNS_ON.search(cur.text):
                label = None  # "(see Recommendation" / "3.)": the number ends the line above
            numbered = label is not None and label.kind in _LEARNING_LABELS
            key = (label.kind, label.number.count(".")) if label is not None and numbered else None
            if key and style is None and (label.punct or label.kind != "num" or label.number == "1" and
                                          (part.gap or cur is None)):  # "1     Agencies did not ..."
                style = key
            if key and key == style and (cur is None or part.gap or cur.ended() or
                                         label.kind in ("learning", "theme") or
                                         finding is not None and finding.label is not None and
                                         successor(finding.label, label) and
                                         _mark(text) == _mark(finding.head)):
                cur = finding = self._new("learning", part, label, label.rest)
                continue
            if cur is None:
                before.append(part)
                continue
            if cur.kind == "learning" and _MARKER.match(text):
                cur.learning_from = len(cur.lines)
            elif cur.kind == "learning" and cur.learning_from is None and text[:1] in "LlKk" and \
                    (m := _MARKER_INLINE.match(text)):
                cur.learning_from = len(cur.lines)  # "Learning: abuse of a parent ... is domestic abuse"
                cur.lines.append((line.no, ""))
                text = m.group(1)
            cur.lines.append((line.no, text))
        if len(self.items) == start:
            self._learning_by_headings(before)
            return
        for part in before:
            self._unplaced(self.lines[part.idx], "narrative (learning section, before its first item)")

    def _learning_by_headings(self, parts: list[Part]) -> None:
        """No numbered items: each sub-heading is one learning item; with none, each bullet; with none,
        each paragraph (an introduction to the list, "The review identified the following learning:", is
        narrative)."""
        heads = [p for k, p in enumerate(parts) if not p.bullet and _title_part(p, parts[k + 1:k + 2])]
        bullets = not heads and any(p.bullet for p in parts)
        paragraphs = not heads and not bullets
        cur: _Item | None = None
        for part in parts:
            line = self.lines[part.idx]
            self.seen[line.no] = line
            if paragraphs and (part.gap or cur is None or cur.ended()) and _introduces(part.text):
                cur = None
                self._unplaced(line, "narrative (learning section, before its first item)")
                continue
            starts = part in heads or bullets and part.bullet or paragraphs and (
                cur is None or part.gap and (cur.ended() or part.text[:1].isupper()))
            if starts:
                cur = self._new("learning", part, None, "" if part in heads else part.text)
                self.learning_count += 1
                cur.number = f"{self.learning_count}"
                if part in heads:
                    cur.learning_from = 0
                    cur.lines[0] = (line.no, part.text.rstrip(" :"))
                continue
            if cur is None:
                self._unplaced(line, "narrative (learning section, before its first item)")
            else:
                cur.lines.append((line.no, part.text))

    # --- records ----------------------------------------------------------------------------------------

    def _styles(self) -> dict[int, Counter[tuple[str, int]]]:
        """The numbering styles of each section's recommendations (background paragraphs aside)."""
        mixed: dict[int, set[tuple[str, int]]] = {}
        for it in self.items:
            if it.kind == "rec" and it.label is not None:
                mixed.setdefault(it.block, set()).add(_style(it.label))
        styles: dict[int, Counter[tuple[str, int]]] = {}
        for it in self.items:  # only sections numbered in more than one style need counting
            if it.kind == "rec" and it.label is not None and len(mixed[it.block]) > 1 and \
                    not is_background(it.text):
                styles.setdefault(it.block, Counter())[_style(it.label)] += 1
        return styles

    def _bullets_alike(self) -> None:
        """The items of one bulleted list under a recommendations heading are of one kind: where most read
        as recommendations, the others are recommendations too ("A review of the hoarding protocol is
        carried out"), unless they speak of the review or its recommendations or tell of past events."""
        count: Counter[tuple[int, str]] = Counter()
        maybe: list[_Item] = []
        for it in self.items:
            if not it.bullet or it.label is not None:
                continue
            if it.kind == "para":
                text = it.text
                if len(text.split()) < 4 or not text[:1].isupper() or is_background(text) or \
                        _introduces(text):
                    continue
                maybe.append(it)
            count[it.block, it.kind] += 1
        for it in maybe:
            if count[it.block, "rec"] >= 2 and count[it.block, "rec"] > count[it.block, "para"]:
                it.kind = "rec"

    def _closing(self) -> None:
        """A paragraph after a section's numbered list ("The Partnership will publish the action plan ..."):
        where only the last item would have a second paragraph, and it reads as no recommendation, it is
        the section's closing narrative, not part of that item."""
        last: dict[int, _Item] = {}
        other_more: set[int] = set()
        for it in self.items:
            if it.kind == "rec" and it.label is not None:
                if it.block in last and last[it.block].more is not None:
                    other_more.add(it.block)
                last[it.block] = it
        for block, it in last.items():
            if it.more is None or block in other_more or \
                    sum(1 for x in self.items if x.block == block and x.label is not None) < 2:
                continue
            tail = it.lines[it.more:]
            del it.lines[it.more:]
            it.more = None
            closing = _Item("para", None, it.page, tail, block=block)
            self.items.append(closing)

    def finish(self) -> None:
        recs: list[tuple[int, ParsedRec]] = []  # (block, record)
        self._closing()
        styles = self._styles()
        self._bullets_alike()
        for it in self.items:
            span = Span(line_start=it.lines[0][0], line_end=it.lines[-1][0], page=it.page)  # read in order
            if it.kind == "rec" and it.label is not None and it.mixed == "learning" and \
                    not reads_as_recommendation(it.text) and not is_section_note(it.text):
                it.kind = "learning"  # a numbered lesson in "Learning and recommendations"
            elif it.kind == "rec" and it.label is not None and (
                    is_background(it.text) or it.mixed and not reads_as_recommendation(it.text) or
                    _odd_style(it.label, styles.get(it.block)) and not reads_as_recommendation(it.text)):
                it.kind = "para"
                it.reason = ("narrative (numbered paragraph in the recommendations section, not a "
                             "recommendation)")
            if it.kind == "rec" and it.text:
                rec = self._rec(it, span)
                # set out twice (an executive summary, then the section): the later, fuller one is kept
                twice = next((k for k, (b, r) in enumerate(recs) if b != it.block and _same(rec, r)), None)
                if twice is not None:
                    rec.owner_raw = rec.owner_raw or recs[twice][1].owner_raw
                    rec.owner_how = rec.owner_how or recs[twice][1].owner_how
                    del recs[twice]
                recs.append((it.block, rec))
            elif it.kind == "learning" and (it.text or it.links):
                self.res.learning.append(self._learn(it, span))
            else:
                for no, _ in it.lines:
                    self._unplaced(self.seen[no], it.reason)
                continue
            self.res.placed.update(n for n, _ in it.lines)
        self.res.recs.extend(r for _, r in recs)

    def _rec(self, it: _Item, span: Span) -> ParsedRec:
        text, owner, how = it.text, None, None
        label_owner = it.label.owner if it.label else None
        if label_owner and self._agency(label_owner):
            owner, how = label_owner, "label"
        elif label_owner and label_owner.lower() in ("local", "national", "regional"):
            it.scope = label_owner.capitalize()
        elif it.owner:
            owner, how = it.owner, it.owner_how
        if owner is None:
            title, body = self._title_and_body(it)
            owner, how, body = find_owner(body, self.registry)
            text = f"{title} {body}".strip() if title else body
        else:
            text = lead_label(text)[1] or text
        if it.section and (owner is None or how == "subject" and _GENERIC.match(owner)):
            owner, how = it.section, "heading"  # "The Trust should ..." under "Ashby Vale NHS Trust"
        if owner is None and it.section:
            owner, how = it.section, "heading"
        level = it.level or (Level.panel if it.section is None else Level.single_agency)
        written = it.label.written if it.label is not None and it.number == it.label.number else None
        return ParsedRec(number=written or it.number, text=text.strip(), section=it.section, level=level,
                         scope_raw=it.scope, owner_raw=owner, owner_how=how, span=span)

    def _title_and_body(self, it: _Item) -> tuple[str, str]:
        """("Information sharing", the text below it) for an item whose first line is a short title; the
        owner is looked for in the text below ("1. Information sharing" / "Northmere Constabulary should").
        A first line that breaks off inside a name ("Wrenford Borough Council - Adult" / "Social Care
        should ...") is no title."""
        texts = [t for _, t in it.lines if t]
        if len(texts) > 1 and heading_like(texts[0], 8) and not reads_as_recommendation(texts[0]) and \
                texts[1][:1].isupper():
            first = texts[0]
            named = self._agency(_DASH.split(first)[0])
            who = subject_owner(" ".join(texts), self.registry) if named else None
            if who is None or len(who) <= len(first) or not who.startswith(first):
                return first, " ".join(texts[1:])
        return "", " ".join(texts)

    def _sentences(self, lines: list[tuple[int, str]]) -> str:
        """The lines' text joined; a heading the reader marked ("Finding 1: Self-neglect was not recognised"
        over its paragraph) ends as a sentence does, not run into the paragraph's first words."""
        out = ""
        for k, (no, text) in enumerate(lines):
            if k:
                line = self.seen.get(lines[k - 1][0])
                heading = line is not None and line.role == "heading" and out[-1:] not in ".:;?!"
                out += ". " if heading else " "
            out += text
        return out.strip()

    def _learn(self, it: _Item, span: Span) -> ParsedLearning:
        full = " ".join(t for _, t in it.lines if t)
        nums, raw = applies_to(full)
        if not nums and it.links:
            nums, raw = list(dict.fromkeys(it.links)), None
        chosen = it.lines[it.learning_from + 1:] if it.learning_from is not None else it.lines
        body = self._sentences([(no, t) for no, t in chosen if t]) or full
        if it.learning_from is None:
            body = _NARRATIVE.sub("", body)
        return ParsedLearning(number=it.number or str(len(self.res.learning) + 1), text=body, applies=nums,
                              applies_raw=raw, span=span)


def _names_next(cur: _Item, part: Part, after: list[Part]) -> bool:
    """A lead line ("Agency: X") names the owner of the item below it, not of the one above: set apart
    from the text above and close to the text below, or, where the layout sets every line apart (or none),
    followed by a field holding the next item's text ("Recommendation: ...") when the item above is not
    written so."""
    nxt = after[0] if after else None
    below, above = nxt is not None and not nxt.gap, not part.gap
    if above != below:
        return below
    return nxt is not None and bool(_FIELD_TEXT.match(nxt.text)) and not _FIELD_TEXT.match(cur.head)


def _mark(text: str) -> str:
    """The stop after an item's number, as written: "." of "2.", ")" of "2)", "" of "2"."""
    m = _NUMBER_MARK.match(text)
    return m.group(1) if m else ""


def _style(label: Label) -> tuple[str, int]:
    kind = "alpha" if label.kind in ("letter", "roman") else label.kind
    return kind, label.number.count(".")


def _odd_style(label: Label, styles: Counter[tuple[str, int]] | None) -> bool:
    """A numbered paragraph in a numbering style other than the section's recommendations' ("8.3 The
    Partnership will publish the action plan ..." after recommendations i to x)."""
    if not styles or len(styles) < 2:
        return False
    mine = styles[_style(label)]
    return mine < max(styles.values())


def _nested(parent: Label, label: Label, roman: bool) -> bool:
    """Letters under a roman-numbered item ("v. Improve the recording by: (a) ensuring ... (b) ..."), or
    roman numerals under a lettered one: sub-items of it, not items of their own.

    >>> from reviewgraph.ingest.rec_items import item_label as lab
    >>> _nested(lab("v. Improve by:"), lab("(a) ensuring"), True), _nested(lab("v. A"), lab("vi. B"), True)
    (True, False)
    >>> _nested(lab("(c) Audit"), lab("(i) records"), False), _nested(lab("(h) A"), lab("(i) B"), False)
    (True, False)
    """
    alpha = ("letter", "roman")
    if parent.kind not in alpha or label.kind not in alpha or successor(parent, label):
        return False
    if roman:
        return True
    return label.kind == "roman"


def _title_part(part: Part, after: list[Part]) -> bool:
    """A sub-heading of a learning section: the reader's heading, or a short title standing on its own (a
    wrapped line of a sentence, "Practitioners accepted explanations at face value and did not ask", goes
    on in the line below it)."""
    text = part.text
    if _MARKER.match(text) or reads_as_recommendation(text) or is_section_note(text):
        return False
    if part.heading:
        return True
    if not heading_like(text.rstrip(" :")):
        return False
    nxt = after[0] if after else None
    return nxt is None or nxt.gap or nxt.heading or nxt.text[:1].isupper() and len(text.split()) <= 8


def _introduces(text: str) -> bool:
    """A paragraph that introduces the learning rather than being one ("The review identified the
    following learning:", "This section sets out ...")."""
    t = text.strip()
    return t.endswith(":") or is_section_note(t) or bool(_INTRO.match(t))


def _same(a: ParsedRec, b: ParsedRec) -> bool:
    """The same recommendation set out twice (an executive summary and the report's own section): the same
    words, or the one's words all in the other (a summary shortens)."""
    ta, tb = a.text.lower(), b.text.lower()
    if ta == tb:
        return True
    if a.number == b.number and fuzz.ratio(ta, tb) >= 90:
        return True
    return min(len(ta), len(tb)) >= 0.5 * max(len(ta), len(tb)) and \
        fuzz.token_set_ratio(ta, tb, processor=utils.default_process) >= 95
