"""The action-plan table parser: one recommendation per recommendation, with its actions, whatever the
layout.

Input is a run of :class:`~reviewgraph.records.parsed.Line` (from any reader) starting at a header row found by
:func:`reviewgraph.ingest.columns.detect_header`. The parser walks the lines once:

- page furniture and markdown rules are skipped (and reported as skipped);
- a short capitalised line naming an organisation (or followed by a numbered row) is a section heading;
  a heading glued onto the first cell of the next row, or onto the tail of the previous one, is split off;
- a line whose number cell (or the start of its recommendation cell) holds a number starts a row; so does
  a full row with no number (the number was lost), whose number is inferred afterwards from the sequence
  (2, _, 4 -> 3) and marked ``number_inferred``;
- every other line continues the current row, cell by cell under the columns its content fits; a line
  bringing its own lead or dates, or an "AGENCY:" prefix, starts a new action of the same recommendation;
- a table with no numbers at all starts a recommendation at each row whose recommendation cell is filled
  (a whole row: a spreadsheet's, or one a reader joined from its lines; a line of text when it is full and
  the row above ended its sentence or it brings its own lead or dates), and a row with that cell blank
  continues it; "4 (continued)" or "4 cont." continues recommendation 4;
- a status key ("Key: Red = not started, Amber = in progress ...") is layout, not a recommendation: it is
  skipped and says what the plan's colours mean.

Rows a reader read from a table it knows (``Line.role`` "row" or "header", or a spreadsheet's) keep their
cells' positions; only text from PDF, which lost its empty cells, is aligned by content. The owner of each
recommendation is the cell of its first row in the owner column (an organisation: "Lead agency", "Owner",
"Who"), else in a named-lead column when that cell names an organisation ("owner_how" "column"; a blank or
"TBC" cell leaves ``owner_raw`` None); supporting agencies are never the owner.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from reviewgraph.graph.agencies import AgencyRegistry
from reviewgraph.ingest.columns import (AGENCY_PREFIX, MAX_COLUMNS, Header, align, detect_header, match_number,
                            names_person, organisation_in, organisation_named, ref_number, role_of)
from reviewgraph.records.dates import MONTH, parse_date_cell
from reviewgraph.ingest.furniture import Furniture
from reviewgraph.records.normalize import ORG_CUE, is_rule_line
from reviewgraph.ingest.rec_items import reads_as_recommendation
from reviewgraph.records.parsed import Line, ParsedAction, ParsedPlan, ParsedRec, Span, Unplaced

__all__ = ["parse_plan", "PlanResult", "heading_like", "StatusKey", "apply_key", "imply_brag", "is_key_sheet",
           "KEY_STARTS"]

REC_ROLES = {"number", "recommendation", "scope", "agency", "review"}
#: the roles of an action's cells that reach its fields; another (the second of a kind, "number2" of an
#: "Action ID" beside "No") is reported, never dropped
_READ_ROLES = {"action", "lead", "lead_person", "milestones", "start", "target", "target2", "status", "status2",
               "progress", "progress2", "outcome", "outcome2", "support", "support2"}
#: the cells that say who, not what: alone on a row they make no action
_WHO_ROLES = {"lead", "lead_person", "support", "support2"}
_SECOND_COLUMN = "in a second column of the same kind (a reference or a repeated column): not read into the graph"
_END_STOP = re.compile(r"[.;,:]\s*$")
_DIGITS = re.compile(r"\d+")
_MONTH_START = re.compile(rf"^{MONTH}\b\.?(?:\s+\d{{2,4}}\b|\s*$)", re.I)
_INNER_STOP = re.compile(r"[.;:]\s+\S")
#: words that make a phrase a request, never a heading ("Housing officers should be trained to ...")
_ASKS = re.compile(r"\b(?:should|must|will|shall|needs? to|to be)\b", re.I)
_SUBITEM = re.compile(r"^\s*(?:[a-z]|[ivx]{1,4})[.)]\s", re.I)
# digits read as letters by OCR: at least one digit and one of l, I, O, o, and a closing "." or ")"
_OCR_NUMBER = re.compile(r"^\s*(?=[0-9lIOo]{1,3}[.)](?:\s|$))(?=[^\s.)]*\d)(?=[^\s.)]*[lIOo])[0-9lIOo]{1,3}[.)]")
_GROUP_HEADING = re.compile(r"^([A-Z][A-Za-z]+(?:\s+[a-z]+){0,2})\s+(?:\d{1,2}|[IVX]{1,4}|[A-H])\s*[:.–—-]\s+"
                            r"[A-Z0-9'‘\"“]")
#: a number cell holding a number and a letter: "1a", "1(a)", "1.a", "1 (b)", "R1a", "Rec 2.b"
_LETTERED_REF = re.compile(r"^\s*(?:rec(?:ommendation)?\.?\s*|r)?(\d{1,3}(?:\.\d{1,3}){0,2})(?:\s*\.\s*|\s*)"
                           r"(?:\(([a-z])\)|([a-z])\)?)\.?\s*$", re.I)
#: why a line under a plan's header, above its first recommendation, is left out: what would start one
BEFORE_FIRST_ROW = ("in the table before its first recommendation: a recommendation starts at a row with its "
                    "number ('1', 'R1', '1.1') in a number column or at the start of a cell, a row "
                    "'Recommendation 1: ...', or words in a Recommendation column")
#: a cell opening with its label and number: "Recommendation 1: ...", "Rec 2 - ..."
_REC_LABEL = re.compile(r"^\s*(?:recommendation|rec\.?)\s*\d", re.I)
#: a number cell of one letter: "(a)", "b)", "c.", "D"
_LETTER_NUMBER = re.compile(r"^\s*\(?([a-zA-Z])(?:\)|\.)?\s*$")
#: "(a) ", "b) ", "c. " before a capital: a lettered item
_LETTER_MARK = re.compile(r"^\s*\(?([a-z])[.)]\s+(?=[A-Z'‘\"“])")
_STOP_HEADINGS = re.compile(r"^\s*(?:appendix|annex|glossary|abbreviations|index)\b", re.I)
#: "4 (continued)", "4 cont.", "Rec 4 contd": the rest of recommendation 4 after a page break
_CONTINUED = re.compile(r"^\s*(?:rec(?:ommendation)?\.?\s*|r(?=\d))?\(?(\d{1,3}(?:\.\d{1,3}){0,2}[a-z]?)\)?"
                        r"\.?\s*[(\[]?\s*(?:cont(?:inued|inuation|['’]?d)?)\b\.?\s*"
                        r"(?:(?:from|on) (?:the )?(?:previous|last) page|overleaf|from above)?\s*[)\]]?\s*"
                        r"[:.\-–]?\s*", re.I)
_CONTINUED_ALONE = re.compile(r"^[(\[]?\s*(?:cont(?:inued|inuation|['’]?d)?)\b\.?\s*(?:(?:from|on) (?:the )?"
                              r"(?:previous|last) page|overleaf|from above)?\s*[)\]]?\s*$", re.I)
#: an owner cell that names no owner
#: a note about the plan itself, below its table
_ABOUT_PLAN = re.compile(r"\bthis (?:action )?plan\b", re.I)
#: a recommendation cell opening with its owner in brackets and a colon, after its number or not
_PAREN_LABEL = re.compile(r"^(?:(?i:recommendation|rec\.?)\s*[\w.]*\s*)?\((?P<who>[A-Z][^()]{1,80})\)\s*[:–—]\s*"
                          r"(?P<rest>\S.*)$", re.S)
_NO_OWNER = re.compile(r"^(?:tbc|tba|tbd|n/?a|none|nil|no one|nobody|unknown|not known|not applicable|"
                       r"unassigned|not (?:yet )?(?:assigned|allocated|agreed|confirmed)|no lead|"
                       r"to be (?:confirmed|agreed|decided|identified|allocated|assigned))\.?$", re.I)
_COLOUR = r"(?:red|amber|green|blue|black|grey|gray|purple|yellow|white)"
#: "Key", "Key:", "RAG key", "Key to RAG ratings: ...", "Legend"
_KEY_TITLE = re.compile(r"^(?:(?:b?rag|status|colour|color)\s+)?(?:key|legend)(?:\s+to\s+(?:the\s+)?(?:b?rag|"
                        r"status(?:es)?|colou?rs?|ratings?)(?:\s+ratings?)?)?\s*(?:[:\-–]\s*(.*))?$|"
                        r"^b?rag\s+(?:rating|status)s?(?:\s+(?:key|guide))?\s*(?::\s*(.*))?$", re.I)
_KEY_SEP = r"(?:=|:|–|—|-|\bmeans\b|\bis\b)"
#: a colour, or its initial in capitals ("R = not started or overdue", "G = complete")
_KEY_COLOUR = rf"(?:{_COLOUR}|(?-i:[RAGB]))"
_KEY_DEF = re.compile(rf"\b({_KEY_COLOUR})\b\s*({_KEY_SEP})\s*(.+?)"
                      rf"(?=\s*[,;|]?\s*\b{_KEY_COLOUR}\b\s*{_KEY_SEP}|\s*[,;.]?\s*$)", re.I)
_COLOUR_CELL = re.compile(rf"^{_COLOUR}$", re.I)
_KEY_MAX_CHARS = 400
#: how a line of a status key starts (its title, or a colour)
KEY_STARTS = ("red", "amber", "green", "blue", "black", "grey", "gray", "purple", "yellow", "white", "key",
               "legend", "rag", "brag", "status", "colour", "color", "r =", "a =", "g =", "b =", "r:", "a:",
               "g:", "b:", "r -", "a -", "g -", "b -")
_KEY_SHEET = re.compile(r"^(?:(?:b?rag|status)\s*)?(?:key|legend)s?$|^key\b|\bkey$", re.I)
_AS_AT = re.compile(r"\b(?:as at|as of|position (?:at|as at)|progress (?:at|as at|update)|updated?)\s*:?\s*"
                    r"(.{3,40})", re.I)


@lru_cache(maxsize=16384)
def _a_note(text: str) -> bool:
    """A row's words that say something about the plan ("To be agreed at the next board", "Actions
    reviewed at the March meeting"), not the name of a section: a verb's past participle in lower case, or
    "to be" at the start."""
    words = text.split()
    return text.lower().startswith("to be ") or any(
        w.islower() and len(w) > 4 and w.rstrip(".,;:").endswith("ed") for w in words[1:])


def heading_like(text: str, max_words: int = 14) -> bool:
    """A section heading: a short capitalised phrase, no sentence, no date, no number."""
    t = text.strip()
    words = t.split()
    if not words or len(words) > max_words or len(t) > 10 * max_words:
        return False
    letters = sum(ch.isalpha() for ch in t)
    if letters < 0.6 * len(t.replace(" ", "")) or not any(sum(ch.isalpha() for ch in w) >= 3 for w in words):
        return False
    if not (t[0].isupper() or t[0] in "'‘\"“("):
        return False
    if _END_STOP.search(t) or match_number(t) or parse_date_cell(t).dates or AGENCY_PREFIX.match(t):
        return False
    from reviewgraph.records.status import classify_status
    if len(words) <= 3 and classify_status(t)[0] != "unknown":
        return False
    return True


@dataclass
class StatusKey:
    """What a plan's status colours mean, from its key: a "Key:" / "RAG key" line with its definitions
    ("Red = not started, Amber = in progress, Green = complete, Blue = complete and embedded"), on one line
    or on the lines after it, in one cell or a colour and its meaning in two cells."""

    meanings: dict[str, str] = field(default_factory=dict)
    active: bool = False  # after a key's title, lines of definitions belong to it

    def read(self, cells: tuple[str, ...]) -> bool:
        """True when the line (cleaned cells) is part of a status key; its definitions are taken."""
        first = next((c for c in cells if c), "")
        # a key line starts with its title or a colour, and is short (not a row of progress text)
        if not first[:8].lower().startswith(KEY_STARTS):
            self.active = False
            return False
        non_empty = [c for c in cells if c]
        if sum(len(c) for c in non_empty) > _KEY_MAX_CHARS:
            self.active = False
            return False
        m = _KEY_TITLE.match(non_empty[0]) if len(non_empty[0]) <= 200 else None
        if m:
            rest = " ".join(x for x in m.groups() if x)
            parts = [rest, *non_empty[1:]] if rest else non_empty[1:]
            defs = _definitions(parts, loose=True) if parts else {}
            if defs is None:
                return False
            self.meanings.update(defs)
            self.active = True
            return True
        defs = _definitions(non_empty, loose=self.active)
        if defs is None:
            self.active = False
            return False
        self.meanings.update(defs)
        return True


def _definitions(cells: list[str], loose: bool) -> dict[str, str] | None:
    """colour -> meaning when every cell is made of definitions ("Red = not started", or "Red" then
    "Not started" in the next cell); None otherwise. Out of a key (``loose`` False) a line needs two
    definitions, or one written with "=" or "means"."""
    defs: dict[str, str] = {}
    explicit = 0
    i = 0
    while i < len(cells):
        c = cells[i].strip()
        if len(c) > 300:
            return None
        nxt = cells[i + 1].strip() if i + 1 < len(cells) else ""
        if _COLOUR_CELL.match(c) and nxt and not _COLOUR_CELL.match(nxt) and len(nxt.split()) <= 12:
            defs[c.lower()] = nxt.strip(" .;,")
            i += 2
            continue
        found = list(_KEY_DEF.finditer(c))
        if not found or c[: found[0].start()].strip() or any(len(f.group(3).split()) > 12 for f in found):
            return None
        for f in found:
            colour = f.group(1).lower()
            defs[_RAG_LETTERS.get(colour, colour)] = f.group(3).strip(" .;,")
            explicit += f.group(2).lower() in ("=", "means")
        i += 1
    if not defs or (not loose and len(defs) < 2 and not explicit):
        return None
    return defs


def is_key_sheet(name: str | None) -> bool:
    """A sheet that holds the status key ("Key", "RAG key", "Legend")."""
    return bool(name) and bool(_KEY_SHEET.search(name.strip()))  # type: ignore[union-attr]


_ON_TRACK = re.compile(r"\bon (?:track|target|schedule)\b", re.I)
_EMBEDDED = re.compile(r"\b(?:embedded|signed off|business as usual)\b", re.I)


def _with_meaning(raw: str, meaning: str) -> str:
    """"Green" -> "Green (complete and embedded)", so that the status read from it is the key's."""
    from reviewgraph.records.status import classify_status

    text = f"{raw} ({meaning})"
    want = classify_status(meaning)[0]
    if want == "unknown":
        if _ON_TRACK.search(meaning):
            want = "in_progress"
        elif _EMBEDDED.search(meaning):
            want = "complete"
    if want != "unknown" and classify_status(text)[0] != want:
        text = f"{raw} ({meaning}: {want.replace('_', ' ')})"
    return text


_RAG_LETTERS = {"r": "red", "a": "amber", "g": "green", "b": "blue"}
_LETTER_NAMED = re.compile(r"^([RAGB]) \((Red|Amber|Green|Blue)\)$")


_FILL_NOTE = re.compile(r"\s*\(cell colou?r\)$", re.I)


def _colour_of(raw: str) -> tuple[str, str] | None:
    """(what was written, the colour) of a status that is a colour alone: "Green", "G", or "G (Green)", or a
    spreadsheet cell's fill read as its rating ("Green (cell colour)")."""
    text = _FILL_NOTE.sub("", raw.strip().rstrip("."))
    m = _LETTER_NAMED.match(text)
    if m:
        return m.group(1), m.group(2).lower()
    low = text.lower()
    if _COLOUR_CELL.match(low):
        return text, low
    if low in _RAG_LETTERS:
        return text, _RAG_LETTERS[low]
    return None


def status_text(raw: str | None, meanings: dict[str, str]) -> str | None:
    """A status cell as the plan means it: a colour given the key's meaning ("Blue (complete and
    embedded)"), a RAG letter its colour ("G (Green)"); anything else as written."""
    if not raw:
        return raw
    found = _colour_of(raw)
    if found is None:
        return raw
    written, colour = found
    meaning = meanings.get(colour)
    if meaning:
        return _with_meaning(written, meaning)
    if written.lower() in _RAG_LETTERS:
        return f"{written.upper()} ({colour.title()})"
    return raw


def imply_brag(recs: list[ParsedRec], meanings: dict[str, str]) -> dict[str, str]:
    """The key a plan implies when it gives none for green: where any of its statuses is Blue alone, the
    plan rates by BRAG, in which Blue is complete and Green on track (not complete, as Green alone reads
    in a RAG plan without Blue). ``meanings`` itself where it says what green means, or no status is Blue."""
    if "green" in meanings:
        return meanings
    for rec in recs:
        for action in rec.actions:
            raw = action.status_raw or ""
            found = _colour_of(raw.split(" (", 1)[0])  # ("Blue (complete)": a sheet's own pass gave it words)
            if found and found[1] == "blue":
                return {"blue": "complete", **meanings, "green": "on track"}
    return meanings


def apply_key(recs: list[ParsedRec], meanings: dict[str, str]) -> None:
    """Give each action whose status is a colour alone the key's meaning of it."""
    if not meanings:
        return
    for rec in recs:
        for action in rec.actions:
            action.status_raw = status_text(action.status_raw, meanings)


class _Extent:
    """The lines a row or an action was read from, grown in place as lines join it (a Span, immutable
    and validated, is made once at the end)."""

    __slots__ = ("start", "end", "page")

    def __init__(self, start: int, end: int, page: int | None) -> None:
        self.start, self.end, self.page = start, end, page

    def extend(self, no: int, end: int | None = None) -> None:
        end = no if end is None or end < no else end
        if no < self.start:
            self.start = no
        if end > self.end:
            self.end = end

    def to_span(self) -> Span:
        return Span.model_construct(line_start=self.start, line_end=self.end, page=self.page)


@dataclass
class _Act:
    fields: dict[str, list[str]] = field(default_factory=dict)
    span: _Extent | None = None
    #: the Agency column's cells on its lines (a column of the recommendation's too: kept apart from the
    #: action's own cells, which say whether a line starts a new row)
    agency: list[str] = field(default_factory=list)

    def add(self, role: str, text: str, no: int, page: int | None, end: int | None = None) -> None:
        self.fields.setdefault(role, []).append(text)
        if self.span is None:
            self.span = _Extent(no, no if end is None or end < no else end, page)
        else:
            self.span.extend(no, end)

    def has(self, role: str) -> bool:
        return bool(self.fields.get(role))

    def text(self, role: str) -> str | None:
        parts = self.fields.get(role)
        return " ".join(parts) if parts else None


@dataclass
class _Row:
    number: str | None
    section: str | None
    span: _Extent
    rec: dict[str, list[str]] = field(default_factory=dict)
    actions: list[_Act] = field(default_factory=list)
    strength: int = 0  # filled cells on the line that opened it (for resolving inferred numbers)
    inferred: bool = False
    weak: bool = False  # opened by a sub-item ("a. ...") with no number: kept only if the sequence needs it
    roles: frozenset[str] = frozenset()  # the columns of the header it was read under
    #: the cells of the line that opened it, by role, where that line keeps its columns (a whole row, or a
    #: line with as many cells as the header); None for a line of text that may have lost empty cells
    opening: dict[str, str] | None = None
    #: the number as the document writes it where it carries letters ("R3", "DHR07-R3"); ``number`` is the
    #: bare number the sequence rules work on
    written: str | None = None

    def add_rec(self, role: str, text: str) -> None:
        self.rec.setdefault(role, []).append(text)

    @property
    def rec_text(self) -> str:
        return " ".join(self.rec.get("recommendation", []))


@dataclass
class PlanResult:
    plan: ParsedPlan
    placed: set[int]
    skipped: list[Unplaced]
    unplaced: list[Unplaced]
    notes: list[str]
    warnings: list[str]
    end: int  # index (into the lines given) where the table ended


class _Parser:
    def __init__(self, lines: list[Line], header_idx: int, furniture: Furniture, registry: AgencyRegistry,
                 section: str | None = None) -> None:
        self.header_idx = header_idx
        self.header: Header = detect_header(lines[header_idx].clean,
                                            lines[header_idx].no)  # type: ignore[assignment]
        num_col = self.header.index("number")
        self.lines = _mend_broken_numbers(lines, header_idx + 1, num_col) if num_col is not None else lines
        self.furniture = furniture
        self.registry = registry
        self.section = section
        self.pending_section: str | None = None
        self.rows: list[_Row] = []
        self.placed: set[int] = {lines[header_idx].no}
        self.skipped: list[Unplaced] = []
        self.unplaced: list[Unplaced] = []
        self.notes: list[str] = []
        self.warnings: list[str] = []
        self.as_of_raw: str | None = None
        self.title_lines: list[str] = []
        self.key = StatusKey()
        self.wide_warned = False
        self.numbered_rows = 0  # rows opened by a number so far
        self._line_cells: dict[int, str] = {}  # the cells of the line being read, by column
        self._line_agency: list[str] = []  # its Agency cell, for the action it brings
        self._prev_cells: dict[int, str] = {}  # and of the line before it (empty after a whole row)
        self._present_for: Header | None = None
        self._present_roles: frozenset[str] = frozenset()

    # -- helpers -----------------------------------------------------------------------------------------
    @property
    def roles(self) -> tuple[str | None, ...]:
        return self.header.roles

    def _present(self) -> frozenset[str]:
        """The roles of the current header's columns (made once per header)."""
        header = self.header
        if self._present_for is not header:
            self._present_for, self._present_roles = header, frozenset(header.present)
        return self._present_roles

    def _role_at(self, col: int) -> str | None:
        roles = self.header.roles
        return roles[col] if col < len(roles) else None

    def _next_content(self, idx: int) -> Line | None:
        for line in self.lines[idx + 1: idx + 8]:
            if line.blank or self.furniture.is_furniture(line) or is_rule_line(line.cells):
                continue
            return line
        return None

    def _prev_roles(self) -> set[str | None]:
        """The columns the line before filled (none after a whole row)."""
        return {self._role_at(c) for c, t in self._prev_cells.items() if t}

    def _known_body(self, text: str) -> bool:
        """The text is the name (or an acronym) of one body the agency registry knows ("SafeLives", "DfE")."""
        if len(text.split()) > 8:
            return False
        res = self.registry.resolve(text)
        return res is not None and res.resolved and not res.shared

    def _opens_row(self, line: Line | None) -> bool:
        if line is None:
            return False
        cells = line.clean
        first = next((c for c in cells if c), "")
        if match_number(first) is not None:
            return True
        if not _whole_row(line):
            return False
        # a whole row keeps its columns: the number in its own column, or opening the recommendation's
        for role in ("number", "recommendation"):
            col = self.header.index(role)
            if col is not None and col < len(cells) and cells[col] and (
                    match_number(cells[col]) is not None or role == "number" and _LETTER_NUMBER.match(cells[col])
                    and len(cells[col].strip()) > 1  # "(k)", "k)": a letter as number, not "A" (a status)
                    or role == "recommendation" and _LETTER_MARK.match(cells[col])):  # "(b) Establish ..."
                return True
        return False

    def _set_section(self, text: str) -> None:
        self.section = text
        self.pending_section = text

    # -- main loop ---------------------------------------------------------------------------------------
    def run(self) -> int:
        i = self.header_idx + 1
        n = len(self.lines)
        while i < n:
            line = self.lines[i]
            if line.blank:
                i += 1
                continue
            cells = line.clean
            if len(cells) > MAX_COLUMNS:
                self._wide(line)
                cells = cells[:MAX_COLUMNS]
                text = " ".join(c for c in cells if c)
            else:
                text = line.clean_text  # (made once per line, and the report parser has asked for it)
            if is_rule_line(line.cells):
                self.skipped.append(Unplaced(line=line.no, page=line.page, text=line.text, reason="table rule"))
            elif self.furniture.is_furniture(line):
                reason = "repeated paragraph (kept once as a note)" if self.furniture.is_note(line) else \
                    "page header or footer"
                if self.furniture.is_note(line) and text not in self.notes:
                    self.notes.append(text)
                self.skipped.append(Unplaced(line=line.no, page=line.page, text=line.text, reason=reason))
            elif not text:
                pass
            elif self._key_line(text, cells):
                self.skipped.append(Unplaced(line=line.no, page=line.page, text=line.text,
                                             reason="status key (what the colours mean)"))
            elif len([c for c in cells if c]) == 1 and _STOP_HEADINGS.match(text) and self.rows:
                return i
            else:
                header = detect_header(cells, line.no)
                if header is not None:
                    if header.roles != self.header.roles:
                        self.header = header
                    self.placed.add(line.no)
                elif not self.rows and self._header_continuation(cells, line):
                    self.placed.add(line.no)
                else:
                    self._line_cells = {}
                    self._content(i, line, cells, text)
                    # the columns this line filled: a cell below a filled one, in a line of a row wrapped
                    # over several, continues it
                    self._prev_cells = {} if _whole_row(line) else self._line_cells
            i += 1
        return n

    def _key_line(self, text: str, cells: tuple[str, ...]) -> bool:
        """A line of a status key (read into ``self.key``); the cheap test on its start first."""
        if not text[:8].lower().startswith(KEY_STARTS):
            self.key.active = False
            return False
        return self.key.read(cells)

    def _wide(self, line: Line) -> None:
        if not self.wide_warned and any(c.strip() for c in line.cells[MAX_COLUMNS:]):
            self.wide_warned = True
            self.warnings.append(f"line {line.no}: {len(line.cells)} columns; only the first {MAX_COLUMNS} "
                                 "are read (cells further right are ignored)")

    def _header_continuation(self, cells: tuple[str, ...], line: Line) -> bool:
        """A line under the header saying the plan's date ("As at 30 June 2015"): short, a cell or two, not
        a row whose progress says "No update received" beside a date."""
        if sum(1 for c in cells if c) > 2:
            return False
        text = " ".join(c for c in cells if c)
        if len(text) > 80:
            return False
        m = _AS_AT.search(text)
        if m and parse_date_cell(m.group(1)).dates:
            self.as_of_raw = m.group(1).strip()
            return True
        return False

    def _content(self, idx: int, line: Line, cells: tuple[str, ...], text: str) -> None:
        no, page = line.no, line.page
        positional, whole = _positional(line), _whole_row(line)
        non_empty = [(k, c) for k, c in enumerate(cells) if c]
        first_col = non_empty[0][0]
        rec_col = self.header.index("recommendation")
        num_col = self.header.index("number")
        # 1. a heading line (alone, or with the tail of the previous row glued after it)
        head_col = rec_col if rec_col is not None else 1
        contiguous = all(b[0] - a[0] == 1 for a, b in zip(non_empty, non_empty[1:]))
        # (a section row of a table read as a table is one cell; a sentence inside is no heading)
        most = 1 if positional else 3
        if len(non_empty) == 1 and rec_col is not None and self._group_heading(text):
            self.placed.add(no)  # "Theme 1: Mental capacity": a heading over the rows, no recommendation
            return
        joined_short = first_col <= head_col and len(non_empty) <= most and contiguous and (
            len(non_empty) == 1 or not _INNER_STOP.search(text)) and (
            heading_like(text) or (len(non_empty) == 1 and heading_like(text, 18) and ORG_CUE.search(text)))
        # an organisation's name alone in a column that holds no names (a date's, a status's): a section
        # row whose writer put it beside a narrow first column
        if not joined_short and len(non_empty) == 1 and (whole or line.role == "heading" or len(line.cells) in (
                1, len(self.header.roles))) and \
                first_col <= head_col and _ACRONYM_CELL.match(text) and self._opens_row(self._next_content(idx)):
            joined_short = True  # "TP", "MP": an agency's acronym over its rows (heading_like wants 3 letters)
        if not joined_short and len(non_empty) == 1 and (whole or len(line.cells) == len(self.header.roles)) and \
                first_col > head_col and \
                self._role_at(first_col) in _NAMELESS_ROLES and heading_like(text, 18) and \
                (ORG_CUE.search(text) or _ACRONYM_CELL.match(text)) and not reads_as_recommendation(text) and (
                    self._role_at(first_col) in _SHORT_ROLES or self._opens_row(self._next_content(idx))):
            joined_short = True
        if joined_short and line.role == "part" and "recommendation" in self._prev_roles() and self.rows and \
                not _ENDS_SENTENCE.search(self.rows[-1].rec_text):
            joined_short = False  # the line below a recommendation in mid-sentence goes on with it
        if joined_short and _a_note(text) and not self._known_body(text):
            joined_short = False  # "To be agreed at the next board": a note across the table, not a section
        if joined_short and (ORG_CUE.search(text) or self._opens_row(self._next_content(idx))
                             or text.isupper() or self._known_body(text)):
            self._set_section(text)
            self.placed.add(no)
            return
        first_text = non_empty[0][1]
        aligned = align(cells, self.roles, keep_positions=positional)
        self._line_cells = aligned
        if "ont" in text and self._continued(aligned, cells, num_col, rec_col, line):
            self.placed.add(no)
            return
        number, rest_rec = self._number(aligned, cells, num_col, rec_col, positional)
        if (number is None and first_col <= head_col and len(non_empty) >= 2 and heading_like(first_text)
                and ORG_CUE.search(first_text) and self._role_at(first_col) in (None, "number", "recommendation")
                and self.rows and len(first_text.split()) <= 10 and self._tail_fits(cells, first_col)
                and not _ASKS.search(first_text) and not positional and self._numbered()):
            self._set_section(first_text)
            rest = tuple("" if k <= first_col else c for k, c in enumerate(cells))
            self._continue(rest, line)
            self.placed.add(no)
            return
        if number is not None and self._sub_action(number, aligned, rec_col):
            # "1.1", "1.2" under recommendation 1, the recommendation cell blank: its actions
            rest = {k: v for k, v in aligned.items() if k != num_col}
            self._continue(cells, line, rest, new_action=True)
            self.placed.add(no)
            return
        if number is not None:
            self._open_row(number, aligned, rest_rec, rec_col, num_col, line, len(non_empty))
            self.placed.add(no)
            return
        damaged = self._damaged_number(aligned, cells, num_col, rec_col)
        if damaged is not None:
            col, rest = damaged
            aligned = {**aligned, col: rest} if rest else {k: v for k, v in aligned.items() if k != col}
            self._open_row(None, aligned, None, rec_col, num_col, line, len(non_empty) + 2)
            self.warnings.append(f"line {no}: recommendation number damaged ({first_text.split()[0]!r}); "
                                 "inferred from the sequence")
            self.placed.add(no)
            return
        if whole and self.rows and rec_col is not None and rec_col in aligned and \
                aligned[rec_col].strip() == (self.rows[-1].rec.get("recommendation") or [""])[0].strip():
            # a merged cell written out on every row it spans: the same recommendation, another action
            aligned = {k: v for k, v in aligned.items() if k != rec_col}
        starts = self._starts_unnumbered_row(aligned, rec_col, line, whole)
        if starts:
            self._open_row(None, aligned, None, rec_col, num_col, line, len(non_empty))
            self.rows[-1].weak = starts == "weak"
            self.placed.add(no)
            return
        if not self.rows:
            self.title_lines.append(text)
            self.unplaced.append(Unplaced(line=no, page=page, text=line.text,
                                          reason=BEFORE_FIRST_ROW))
            return
        if not positional and rec_col is not None and len(non_empty) == 1 and rec_col not in aligned and \
                self.rows[-1].rec_text and not _ENDS_SENTENCE.search(self.rows[-1].rec_text) and \
                (first_text[:1].islower() or _ENDS_SENTENCE.search(first_text)):
            # "Safety Partnership." under a recommendation in mid-sentence: the end of its sentence, not
            # an organisation for the lead column
            aligned = {rec_col: first_text}
        if len(non_empty) == 1 and {self._role_at(c) for c in aligned} == {"number"} and \
                self.rows[-1].number is not None and len(first_text.split()) > 3:
            # words alone in the number column under a numbered row ("Notes: tracker reviewed quarterly by
            # the Board" in the first column below the last row) are no part of its number: reported
            self.unplaced.append(Unplaced(line=no, page=page, text=line.text,
                                          reason="words alone in the number column, under a numbered row"))
            return
        self._continue(cells, line, aligned)
        self.placed.add(no)

    @staticmethod
    def _group_heading(text: str) -> bool:
        """A heading that groups the rows under a label and its number ("Theme 1: Mental capacity",
        "Priority area B – Carers"), in a table with a recommendation column of its own: the label names no
        column ("Recommendation 1:" across a table is a recommendation, "Finding 2:" a finding)."""
        m = _GROUP_HEADING.match(text)
        if m is None or len(text.split()) > 18 or _END_STOP.search(text) or _ASKS.search(text):
            return False
        return role_of(m.group(1)) is None

    def _continued(self, aligned: dict[int, str], cells: tuple[str, ...], num_col: int | None,
                   rec_col: int | None, line: Line) -> bool:
        """"4 (continued)" / "4 cont.": the line continues recommendation 4 (True once it has)."""
        first = next((k for k, c in enumerate(cells) if c), None)
        for col in (num_col, rec_col, first):
            if col is None or col not in aligned:
                continue
            if self.rows and _CONTINUED_ALONE.match(aligned[col]):  # "(continued)": the row above goes on
                rest = {k: v for k, v in aligned.items() if k != col}
                if rest:
                    self._continue(cells, line, rest)
                row = self.rows[-1]
                row.span.extend(line.no, _end(line))
                return True
            m = _CONTINUED.match(aligned[col])
            if not m:
                continue
            number = m.group(1)
            row = next((r for r in reversed(self.rows) if r.number == number), None)
            if row is None:
                return False
            rest = aligned[col][m.end():].strip()
            aligned = {**aligned, col: rest} if rest else {k: v for k, v in aligned.items() if k != col}
            if aligned:
                self._continue(cells, line, aligned, row=row)
            row.span.extend(line.no, _end(line))
            return True
        return False

    def _across(self, cells: tuple[str, ...]) -> bool:
        """A recommendation written across the table, in no one column: one cell where the header has
        several (an HTML ``colspan``, a merged Word cell), or, in a table with no Recommendation column,
        "Recommendation 1: ..." alone in the first cell of a row of blanks (Markdown, a spreadsheet)."""
        if _spans_row(cells, self.roles):
            return True
        if self.header.index("recommendation") is not None or not cells or not _REC_LABEL.match(cells[0]):
            return False
        return not any(c.strip() for c in cells[1:])

    def _numbered(self) -> bool:
        """The table numbers its recommendations (a number column, or a numbered row so far)."""
        return self.header.index("number") is not None or self.numbered_rows > 0

    def _tail_fits(self, cells: tuple[str, ...], first_col: int) -> bool:
        """The cells after a heading-like first cell look like the tail of a row (not a recommendation)."""
        rest = [c for k, c in enumerate(cells) if k > first_col and c]
        return bool(rest) and not match_number(rest[0])

    def _number(self, aligned: dict[int, str], cells: tuple[str, ...], num_col: int | None,
                rec_col: int | None, positional: bool = False) -> tuple[str | None, str | None]:
        if num_col is not None and num_col in aligned:
            lettered = _LETTERED_REF.match(aligned[num_col])
            if lettered and lettered.group(1).split(".")[0].lstrip("0"):  # "1(a)", "1.a", "R1 (b)": as "1a"
                return f"{lettered.group(1)}{(lettered.group(2) or lettered.group(3)).lower()}", None
            m = match_number(aligned[num_col])
            if m:
                return m[0], (m[1] or None)
            ref = ref_number(aligned[num_col])
            if ref:
                return ref, None
            letter = _LETTER_NUMBER.match(aligned[num_col])
            if letter:  # "(a)" in the number column: the first, written as a letter (see _written)
                return str(ord(letter.group(1).lower()) - 96), None
        first_col = next((k for k, c in enumerate(cells) if c), 0)
        # the first cell's number, where that cell is no date or lead ("31 December 2025" is no number 31)
        # (a full row, or a row of a table a reader knows: its first cell sits in its own column)
        # (not a cell spanning the row, as an HTML colspan or a merged Word cell is read: "Recommendation 1:
        # ..." across a table of actions sits in no column)
        trusted = (positional or len(cells) >= len(self.roles)) and not self._across(cells)
        m = match_number(cells[first_col]) if not trusted or self._role_at(first_col) in _NUMBERED_ROLES \
            else None
        if m and m[1] and _MONTH_START.match(m[1]):
            m = None  # "31 December 2025", "1 April": a date, not recommendation 31
        if m and (m[1] or num_col is not None):
            return m[0], m[1] or None
        if rec_col is not None and rec_col in aligned:
            m = match_number(aligned[rec_col])
            if m and m[1] and (m[1][0].isupper() or m[1][0] in "'‘\"“"):
                return m[0], m[1]
        return None, None

    def _damaged_number(self, aligned: dict[int, str], cells: tuple[str, ...], num_col: int | None,
                        rec_col: int | None) -> tuple[int, str] | None:
        """A number OCR has damaged ("l7.", "1O", "I2)"): (its column, the rest of the cell)."""
        for col in (num_col, rec_col):
            if col is None or col not in aligned:
                continue
            m = _OCR_NUMBER.match(aligned[col])
            if m:
                return col, aligned[col][m.end():].strip()
        return None

    def _starts_unnumbered_row(self, aligned: dict[int, str], rec_col: int | None, line: Line,
                               whole: bool) -> str | bool:
        """A full row with no number: "strong", or "weak" when it opens with a sub-item ("a. ...")."""
        if rec_col is None or rec_col not in aligned:
            return False
        rec = aligned[rec_col].strip()
        sub = bool(_SUBITEM.match(rec))
        if whole:  # a whole row of a table whose recommendation cell is filled: a recommendation
            return "weak" if sub else "strong"
        capital = rec[:1].isupper() or rec[:1] in "'‘\"“"
        others = [c for c, t in aligned.items() if c != rec_col and self._role_at(c) not in REC_ROLES and t]
        # a table that numbers nothing: a full row whose recommendation cell starts a sentence, when the
        # one before ended its own
        unnumbered = not self._numbered()
        full = len(line.cells) >= len(self.roles) and not sub
        lettered = _LETTER_MARK.match(rec)  # "(a) All agencies should ...": a sentence after its letter
        if lettered and unnumbered:
            capital = rec[lettered.end():][:1].isupper()
        if unnumbered and full and capital and others and len(rec.split()) >= 2 and (
                not self.rows or _ENDS_SENTENCE.search(self.rows[-1].rec_text) or self._brings_own(aligned)):
            return "strong"
        if len(rec.split()) < 6 or not (capital or sub):
            return False
        if not self.rows:
            return "weak" if sub else "strong"
        if len(others) < 2:
            return False
        cur = self.rows[-1]
        filled = sum(1 for a in cur.actions for r in a.fields if a.fields[r])
        if sub:
            return "weak" if filled >= 3 else False
        # (the row above in mid-sentence: a new row only where the line brings a cell of its own, not the
        # wrapped tail of the cells above it)
        return "strong" if filled >= 2 and (bool(re.search(r"[.)]\s*$", cur.rec_text)) or (
            filled >= 3 and self._brings_own(aligned))) else False

    def _sub_action(self, number: str, aligned: dict[int, str], rec_col: int | None) -> bool:
        """An action reference under the current row's number ("1.2" or "1a" under "1"), on a row whose
        recommendation cell is blank and whose action cell is filled: an action of the current row."""
        if not self.rows or self.rows[-1].number is None:
            return False
        ref = action_ref(number)
        if ref is None or ref[0] != self.rows[-1].number:
            return False
        if rec_col is not None and aligned.get(rec_col):
            return False
        return any(self._role_at(c) == "action" for c in aligned)

    def _brings_own(self, aligned: dict[int, str]) -> bool:
        """The line fills a lead or date column that the current row's last action has filled already: the
        first line of a new row, not the wrapped tail of the one above."""
        if not self.rows or not self.rows[-1].actions:
            return False
        cur = self.rows[-1].actions[-1]
        prev = self._prev_roles()
        brings = [r for r in (self._role_at(c) for c in aligned) if r in _OWN_ROLES and r not in prev]
        return bool(brings) and all(cur.has(r) for r in brings)

    def _split_glued_heading(self, rec_text: str, number: str) -> str:
        """"Cleveland Police The process in which ..." -> section "Cleveland Police", text "The process ...",
        where a new section can start: the numbering restarts, or a first recommendation follows others."""
        restart = self.rows and self.rows[-1].number is not None and _num_value(number) <= _num_value(
            self.rows[-1].number)
        if not (restart or self.pending_section is None and _num_value(number) == 1 and self.rows):
            return rec_text  # (asked first: the agency lookup is the costly part)
        mention = self.registry.leading_agency(rec_text)
        if mention is None:
            return rec_text
        rest = rec_text[mention.end:].strip()
        if not rest or not rest[0].isupper():
            return rec_text
        self._set_section(rec_text[: mention.end].strip())
        return rest

    def _split_glued_tail(self) -> None:
        """An agency heading glued onto the end of the previous row ("... over team.  National Probation
        Service") when the next row restarts the numbering."""
        if not self.rows:
            return
        row = self.rows[-1]
        for container in [row.rec, *(a.fields for a in row.actions)]:
            for role, parts in container.items():
                if not parts:
                    continue
                last = parts[-1]
                m = re.search(r"[.!?]\s{1,3}([A-Z][^.!?]{2,80})$", last)
                if m and heading_like(m.group(1)) and (ORG_CUE.search(m.group(1)) or any(
                        x.end == len(m.group(1)) for x in self.registry.find_mentions(m.group(1)))):
                    parts[-1] = last[: m.start(1)].rstrip()
                    self._set_section(m.group(1).strip())
                    return

    def _open_row(self, number: str | None, aligned: dict[int, str], rest_rec: str | None,
                  rec_col: int | None, num_col: int | None, line: Line, strength: int) -> None:
        no, page = line.no, line.page
        if number is not None and self.rows and self.pending_section is None:
            prev = self.rows[-1].number
            if prev is not None and _num_value(number) <= _num_value(prev):
                self._split_glued_tail()
        self._line_agency = []
        row = _Row(number=number, section=None, span=_Extent(no, _end(line), page),
                   strength=strength, roles=self._present(), written=_written(number, line))
        if (_positional(line) or len(line.cells) >= len(self.roles)) and not self._across(line.clean):
            row.opening = {r: t for c, t in aligned.items() if (r := self._role_at(c)) is not None}
        if rec_col is None and rest_rec and len(aligned) == 1:
            # "Recommendation 1: ..." across a table of actions: the recommendation, its actions below
            row.add_rec("recommendation", rest_rec)
            aligned = {}
        for col, text in sorted(aligned.items()):
            role = self._role_at(col)
            if col == num_col:
                continue
            if role == "recommendation" and number is not None and rest_rec is not None and col == rec_col:
                text = rest_rec if match_number(text) else text
            if role in (None, "recommendation") and number is not None and match_number(text) and \
                    col != rec_col and num_col is None:
                text = match_number(text)[1]  # type: ignore[index]
            if not text:
                continue
            self._put(row, role or "recommendation", text, line, new_action=not row.actions)
        self._agency_to_action(row, line)
        if rest_rec and rec_col is not None and rec_col not in aligned:
            row.add_rec("recommendation", rest_rec)
        if number is not None and row.rec.get("recommendation"):
            row.rec["recommendation"][0] = self._split_glued_heading(row.rec["recommendation"][0], number)
        row.section = self.section
        self.pending_section = None
        self.rows.append(row)
        self.numbered_rows += number is not None

    def _put(self, row: _Row, role: str, text: str, line: Line, new_action: bool) -> None:
        end = line.no_end if line.no_end is not None and line.no_end > line.no else line.no
        row.span.extend(line.no, end)
        if role in REC_ROLES:
            row.add_rec(role, text)
            if role == "agency":  # the body of this line's action too (attached once the line is placed)
                self._line_agency.append(text)
            return
        if new_action or not row.actions:
            row.actions.append(_Act())
        row.actions[-1].add(role, text, line.no, line.page, end)

    def _agency_to_action(self, row: _Row, line: Line) -> None:
        """The Agency cell of a line that brought or continued an action: that action's body (the
        recommendation keeps it too, for its owner). A line of the recommendation alone leaves it there."""
        if self._line_agency and row.actions:
            row.actions[-1].agency.extend(self._line_agency)
        self._line_agency = []

    def _continue(self, cells: tuple[str, ...], line: Line, aligned: dict[int, str] | None = None, *,
                  row: _Row | None = None, new_action: bool = False) -> None:
        row = row if row is not None else self.rows[-1]
        if aligned is None:
            aligned = align(cells, self.roles, keep_positions=_positional(line))
        act_parts = {self._role_at(c) or "recommendation": t for c, t in aligned.items()
                     if (self._role_at(c) or "recommendation") not in REC_ROLES}
        new = new_action or self._is_new_action(row, act_parts, _whole_row(line))
        self._line_agency = []
        for col, text in sorted(aligned.items()):
            role = self._role_at(col) or "recommendation"
            self._put(row, role, text, line, new_action=new and role not in REC_ROLES)
            if role not in REC_ROLES:
                new = False
        self._agency_to_action(row, line)

    def _is_new_action(self, row: _Row, parts: dict[str, str], whole: bool = False) -> bool:
        if not row.actions or "action" not in parts:
            return False
        cur = row.actions[-1]
        action = parts["action"]
        if whole and cur.has("action"):  # a whole row of a table: its own action
            return True
        if AGENCY_PREFIX.match(action) and cur.has("action"):
            return True
        if not cur.has("action") or not action[:1].isupper():
            return False
        # cells that do not wrap onto a second line (a lead, a date, a status, the supporting agencies)
        brings = [r for r in _OWN_ROLES if r in parts]
        if brings and all(cur.has(r) for r in brings):
            return True
        # a date or a status of its own where the action above has one (its lead left blank, say)
        return any(r in _SHORT_ROLES and cur.has(r) for r in brings)

    def _notes_below(self) -> None:
        """Rows after the last numbered one, in a table whose rows all carry their numbers, that fill one
        cell and nothing else ("Progress against this plan will be monitored by the Board ..."): a note
        below the table, not a recommendation; left out and reported as unplaced."""
        numbered = [k for k, r in enumerate(self.rows) if r.number is not None]
        if not numbered:
            # a table that numbers nothing: the last rows alone in one cell below rows of several, talking
            # about the plan itself ("Progress against this plan will be monitored ...")
            last = len(self.rows)
            while last > 0 and self.rows[last - 1].strength == 1 and _ABOUT_PLAN.search(self.rows[last - 1].rec_text):
                last -= 1
            if last < 2 or last == len(self.rows) or any(r.strength < 2 for r in self.rows[:last]):
                return
            numbered = [last - 1]
        elif len(numbered) < 2 or numbered[0] != 0 or len(numbered) != numbered[-1] + 1:
            return
        tail = self.rows[numbered[-1] + 1:]
        if not tail or any(r.strength > 1 or r.actions and any(a.has(role) for a in r.actions
                                                               for role in _OWN_ROLES) for r in tail):
            return
        for row in tail:
            self.unplaced.append(Unplaced(line=row.span.start, page=None, text=row.rec_text or "(blank)",
                                          reason="a note below the table: one cell, no number, after the "
                                                 "last numbered row"))
            self.placed.discard(row.span.start)
        del self.rows[numbered[-1] + 1:]

    # -- results -----------------------------------------------------------------------------------------
    def _several_reviews(self) -> None:
        """A Review column naming more than one review (a tracker of several): a warning naming them and
        their lines, since the document is filed under one review."""
        lines: dict[str, list[int]] = {}
        for row in self.rows:
            review = _review_of(row)
            if review:
                lines.setdefault(review, []).append(row.span.start)
        if len(lines) < 2:
            return
        where = "; ".join(f"{name!r} (line{'s' if len(nos) > 1 else ''} {', '.join(map(str, nos))})"
                          for name, nos in lines.items())
        self.warnings.append(f"line {min(min(v) for v in lines.values())}: the Review column names "
                             f"{len(lines)} reviews: {where}. Their recommendations are kept apart (the same "
                             "number in two reviews is two recommendations), but all are filed under one "
                             "review; give each review a file of its own to file them apart")

    def recs(self) -> list[ParsedRec]:
        self._notes_below()
        unnumbered = bool(self.rows) and all(r.number is None for r in self.rows)
        inferred: list[str] = []
        _infer_numbers(self.rows, inferred)
        if unnumbered and _lettered(self.rows):
            pass  # "(a)", "(b)", "(c)": lettered, the letters kept as written
        elif unnumbered:  # nothing was lost: the table numbers nothing
            self.warnings.append(f"line {self.rows[0].span.start}: the table numbers no recommendation; "
                                 f"numbered 1 to {len(self.rows)} in order")
        else:
            self.warnings.extend(inferred)
        out = []
        written: dict[tuple[str | None, str, str], ParsedRec] = {}  # each numbered recommendation by its words
        numbered: dict[tuple[str | None, str], ParsedRec] = {}  # the first by its number
        references = False  # whether the number column turned out to hold the actions' references
        bare: dict[int, str | None] = {}  # each recommendation's number as the sequence rules read it ("1a")
        # the rows of one section and, in a tracker of several reviews, of one review: numbers repeat only
        # within a group ("1" of the DHR is not "1" of the SAR)
        group_of: dict[int, tuple[str | None, str | None]] = {}
        self._several_reviews()
        for row in self.rows:
            group = (row.section, _review_of(row))
            actions = []
            for act in row.actions:
                text = act.text("action") or ""
                if not text and not act.agency and not set(act.fields) - _WHO_ROLES:
                    continue  # the owner cell of a row that names no action: its owner, no action of its own
                # the lead column (an organisation), else the named lead where the table has no lead column
                lead = act.text("lead") if "lead" in row.roles else act.text("lead_person")
                # an Agency column names the body of each action: its lead where no cell names one, else
                # beside the named person ("Jenna Morrow, Principal Social Worker" | "Pellingford Council")
                agency = _owner_cell(" ".join(act.agency))
                if agency is not None and not lead:
                    lead, agency = agency, None
                elif agency is not None and agency.casefold() in lead.casefold():  # type: ignore[union-attr]
                    agency = None  # the lead cell names it already
                m = AGENCY_PREFIX.match(text)
                if m and not lead:
                    lead = m.group(1).strip()
                progress = " ".join(p for p in (act.text("progress"), act.text("progress2")) if p) or None
                outcome = " ".join(p for p in (act.text("outcome"), act.text("outcome2")) if p) or None
                target = " ".join(p for p in (act.text("target"), act.text("target2")) if p) or None
                support = " ".join(p for p in (act.text("support"), act.text("support2")) if p) or None
                for role, texts in act.fields.items():
                    if role not in _READ_ROLES:  # a second column of one kind ("No" and "Action ID"): unread
                        span = act.span or row.span
                        self.unplaced.extend(Unplaced(line=span.start, page=span.page, text=t,
                                                      reason=_SECOND_COLUMN) for t in texts)
                # (the parser's own str fields: constructed, not validated a second time field by field)
                actions.append(ParsedAction.model_construct(
                    text=text, lead=lead, support=support, milestones=act.text("milestones"),
                    start_raw=act.text("start"), target_raw=target,
                    status_raw=status_text(" ".join(p for p in (act.text("status"), act.text("status2")) if p)
                                           or None, self.key.meanings), progress=progress,
                    outcome=outcome, agency=agency, span=(act.span or row.span).to_span()))
            rec_text = row.rec_text.strip()
            if not rec_text and not actions:
                continue
            borrowed = False
            if not rec_text and not ({"recommendation", "finding"} & row.roles):
                rec_text = actions[0].text  # a plan of actions alone: each row's action is what it asks
                borrowed = True
            owner_raw, owner_how = _owner(row)
            label = _PAREN_LABEL.match(rec_text)
            if label and owner_how is None:  # "(All agencies): Commission ...", "Recommendation 3 (NC): ..."
                owner_raw, owner_how, rec_text = label.group("who").strip(), "label", label.group("rest")
            number = row.written or row.number
            if number and not row.inferred:
                # the recommendation's number and words written again on each of its action rows ("1 |
                # Police to improve DASH quality | Deliver training", "1 | Police to ... | Dip-sample forms"),
                # or its number alone in a table of actions: one recommendation, these its actions; the
                # same number with other words stays apart
                words = " ".join(rec_text.split())
                key = (group, number, "" if borrowed else words.casefold())
                same = written.get(key)
                if same is None and not words and actions:
                    # no words of its own: another action of the recommendation of its number
                    same = numbered.get((group, number))
                # "1.2" under "1.1", with no words of its own or the same words: another action of the
                # recommendation above, whose "1.1" was its first action's reference, not its number
                if same is None and actions and out and group_of[id(out[-1])] == group and \
                        (not words or words == " ".join(out[-1].text.split())):
                    ref = action_ref(row.number or "")
                    prefix = ref[0] if ref else ""
                    if ref and bare.get(id(out[-1])) in (first_ref(prefix, ref[1]), prefix):
                        same = out[-1]
                        first = action_ref(bare[id(same)] or "")  # ("1", "a") of the first action's "R1a"
                        if first is not None:
                            same.number = _parent_written(same.number, *first)
                        bare[id(same)] = prefix
                        numbered[(group, same.number)] = same
                        references = True
                if same is not None:
                    same.actions.extend(actions)
                    continue
            out.append(ParsedRec.model_construct(
                number=row.written or row.number, number_inferred=row.inferred, text=rec_text, section=row.section,
                level=None, scope_raw=" ".join(row.rec.get("scope", [])) or None, owner_raw=owner_raw,
                owner_how=owner_how, span=row.span.to_span(), actions=actions, text_from_action=borrowed))
            bare[id(out[-1])] = row.number
            group_of[id(out[-1])] = group
            if number and not row.inferred:
                written[key] = out[-1]
                numbered.setdefault((group, number), out[-1])
        if references:
            # the table numbers actions ("1.1", "1.2"): a recommendation with one action is "2", not "2.1"
            taken = {(group_of[id(r)], bare[id(r)]) for r in out}
            for r in out:
                ref = action_ref(bare[id(r)] or "")
                if ref and bare[id(r)] == first_ref(*ref) and (group_of[id(r)], ref[0]) not in taken:
                    r.number = _parent_written(r.number, *ref)
        return out


#: an action's reference under its recommendation's number: "1.2" (under "1"), "1a", "17.3b"
_ACTION_REF = re.compile(r"^(\d{1,3}(?:\.\d{1,3}){0,2})(?:\.(\d{1,3})|([a-z]))$")


def action_ref(number: str) -> tuple[str, str] | None:
    """(the recommendation's number, the action's part) of a reference written under it, else None.

    >>> action_ref("1.2"), action_ref("1a"), action_ref("17.3b"), action_ref("3")
    (('1', '2'), ('1', 'a'), ('17.3', 'b'), None)
    """
    m = _ACTION_REF.match(number)
    if m is None:
        return None
    return m.group(1), m.group(2) or m.group(3)


def first_ref(prefix: str, part: str) -> str:
    """The first action's reference in the style of ``part``: "1.1" beside "1.2", "1a" beside "1b"."""
    return f"{prefix}.1" if part.isdigit() else f"{prefix}a"


def _parent_written(written: str | None, prefix: str, part: str) -> str:
    """The recommendation's number as the document writes it, from its first action's reference: "R1" of
    "R1A", "DHR07-R3" of "DHR07-R3.1", else the bare ``prefix``."""
    w = (written or "").strip()
    if w.lower().endswith(part.lower()):
        w = w[: len(w) - len(part)].rstrip(" .(")
    return w if w and w != prefix and w.lower().endswith(prefix.lower()) else prefix


def _mend_broken_numbers(lines: list[Line], start: int, col: int) -> list[Line]:
    """A number broken in a narrow column with no hyphen ("Recommendati" above "on 1"): glued back onto the
    first line, the second line's cell left blank (a PDF's lines, where the reader cannot tell a wrapped
    cell from a new row)."""
    out: list[Line] | None = None
    k = start
    while k < len(lines) - 1:
        a, b = lines[k], lines[k + 1]
        if col >= len(a.cells) or col >= len(b.cells) or not a.cells[col] or not b.cells[col]:
            k += 1
            continue
        x, y = a.cells[col].strip(), b.cells[col].strip()
        if x and y and x[-1:].isalpha() and y[:1].islower() and match_number(x) is None:
            m = match_number(x + y)
            if m is not None and not m[1]:
                if out is None:
                    out = list(lines)
                out[k] = Line(no=a.no, cells=(*a.cells[:col], x + y, *a.cells[col + 1:]), page=a.page,
                              sheet=a.sheet, role=a.role, level=a.level, no_end=a.no_end)
                out[k + 1] = Line(no=b.no, cells=(*b.cells[:col], "", *b.cells[col + 1:]), page=b.page,
                                  sheet=b.sheet, role=b.role, level=b.level, no_end=b.no_end)
                k += 2
                continue
        k += 1
    return out if out is not None else lines


def _positional(line: Line) -> bool:
    """A line a reader read from a table it knows (a Word or HTML table, a spreadsheet, a fixed-width or
    pipe table in text): its cells keep their columns, so they are not re-aligned by content."""
    return line.role in ("row", "header") or line.sheet is not None or (line.role == "part" and len(line.cells) >= 2)


def _spans_row(cells: tuple[str, ...], roles: tuple[str | None, ...]) -> bool:
    """One cell across a table of several columns, as a reader gives an HTML ``colspan`` or a merged Word
    cell ("Recommendation 1: ..." over its actions): a cell under no one column."""
    return len(cells) == 1 < len(roles)


def _whole_row(line: Line) -> bool:
    """A whole row of a table, not one line of cells wrapped over several (``role="part"``, or text with no
    role): a row a reader says is one (``role="row"``: Word, HTML, a pipe table, a fixed-width row joined
    from its lines), or a spreadsheet's. A filled recommendation cell on it starts a recommendation, a
    filled action cell an action."""
    return line.role == "row" or line.sheet is not None


def _end(line: Line) -> int:
    return line.no_end if line.no_end is not None and line.no_end > line.no else line.no


_OWN_ROLES = ("lead", "lead_person", "start", "target", "target2", "status", "support")
_SHORT_ROLES = {"start", "target", "target2", "status"}
#: columns whose cell never holds an organisation's name alone (a date, a status, an action, an outcome)
_NAMELESS_ROLES = _SHORT_ROLES | {"action", "outcome", "outcome2", "progress", "progress2", "milestones"}
_ACRONYM_CELL = re.compile(r"^(?=(?:[^A-Z]*[A-Z]){2})[A-Z][A-Za-z&]{0,6}[A-Z]$")  # "TP", "OCSP", "DfE", "MoJ"
#: the columns whose first words may be a recommendation's number
_NUMBERED_ROLES = {None, "number", "recommendation", "finding", "agency", "scope"}
_ENDS_SENTENCE = re.compile(r"[.!?)]['\"”’]?\s*$")


def _review_of(row: _Row) -> str | None:
    """The review a row's Review column names (its first cell there), else None."""
    parts = row.rec.get("review")
    return " ".join(parts[0].split()) if parts else None


def _owner_cell(text: str | None) -> str | None:
    """An owner cell's text, None when it names no owner (blank, "TBC", "N/A", "-", "None")."""
    t = (text or "").strip()
    return None if not t or _NO_OWNER.match(t) else t


def _owner(row: _Row) -> tuple[str | None, str | None]:
    """(owner_raw, owner_how) of a row: its first row's cell in the owner column (an organisation column:
    "Lead agency", "Owner", "Who", or "Agency"), else in a named-lead column when that cell names an
    organisation. ``owner_how`` is "column" whenever the table has such a column, even where the cell is
    blank or "TBC" (``owner_raw`` None): the recommendation has no owner, which is not the same as a plan
    that gives none. A cell naming only a person ("Jane Ellis, Head of Service") says nothing of the owner
    (both None); a person with an organisation gives the organisation."""
    first = row.actions[0] if row.actions else None
    opening = row.opening
    if opening is not None and not any(r not in REC_ROLES for r in opening):
        opening = None  # a row of the recommendation alone ("1 | The partnership should ..."): its actions below
    if "lead" in row.roles:
        # the first row's cell: blank there is blank, whatever the rows below it bring
        cell = first.text("lead") if first and (opening is None or "lead" in opening) else None
    elif "agency" in row.roles:
        parts = row.rec.get("agency", [])
        cell = (opening.get("agency") if opening is not None else " ".join(parts)) if parts else None
    elif "lead_person" in row.roles:
        cell = first.text("lead_person") if first else None
    else:
        return None, None
    cell = _owner_cell(cell)
    if "lead" not in row.roles and "agency" not in row.roles:
        # a named-lead column: the owner only where its cell names an organisation beyond doubt
        org = organisation_named(cell) if cell else None
        return (org, "column") if org else (None, None)
    if cell is None:  # a blank owner cell: no owner
        return None, "column"
    org = organisation_in(cell)
    if org is not None:
        return org, "column"
    return (None, None) if names_person(cell) else (cell, "column")


@lru_cache(maxsize=4096)
def _written(number: str | None, line: Line) -> str | None:
    """The number as a cell of the line writes it, where letters are glued to it: "R3", "DHR07-R3" (a
    reference); None for "3", "3.", "Rec 3" (a word before the number is no part of it).

    >>> _written("3", Line(no=1, cells=("R3", "Review the policy"))), _written("3", Line(no=1, cells=("3.",)))
    ('R3', None)
    """
    if number is None:
        return None
    tail = re.compile(r"^\s*((?:[A-Za-z]{2,}\d*[-/ ]?)?R" + re.escape(number) + r")(?![\d.])", re.I)
    letter = chr(96 + int(number)) if number.isdigit() and 0 < int(number) <= 26 else None
    for cell in line.cells[:4]:
        m = tail.match(cell)
        if m:
            return m.group(1).upper() if len(m.group(1)) <= 4 else m.group(1)
        if letter is not None:
            m = _LETTER_NUMBER.match(cell)  # "(a)", "a)", "a." (not "A" alone: a RAG status)
            if m and m.group(1).lower() == letter and cell.strip() != m.group(1):
                return cell.strip()
    return None


def _num_value(number: str) -> float:
    head = _DIGITS.match(number.split(".")[-1] if "." in number else number)
    return float(head.group(0)) if head else 0.0


def _infer_numbers(rows: list[_Row], warnings: list[str]) -> None:
    """Fill lost numbers from the sequence: 2, _, 4 gives 3. Runs longer than the gap keep the strongest."""
    i = 0
    while i < len(rows):
        if rows[i].number is not None:
            i += 1
            continue
        j = i
        while j < len(rows) and rows[j].number is None:
            j += 1
        before = rows[i - 1].number if i > 0 else None
        after = rows[j].number if j < len(rows) else None
        simple = [x for x in (before, after) if x is not None]
        if any(not re.fullmatch(r"\d+\.?", x) for x in simple):
            prefix = (before or after or "").rsplit(".", 1)[0] + "." if "." in (before or after or "") else ""
        else:
            prefix = ""
        lo = int(_num_value(before)) if before else 0
        hi = int(_num_value(after)) if after else lo + (j - i) + 1
        if after and before and hi <= lo:  # numbering restarts after the gap
            hi = lo + (j - i) + 1
        gap = hi - lo - 1
        run = rows[i:j]
        if after is None:
            gap = sum(1 for r in run if not r.weak)
        if gap < len(run) and gap >= 0:
            # too many candidates: the weakest are continuations of the row before them
            keep = sorted(sorted(range(len(run)), key=lambda k: (run[k].weak, -run[k].strength))[:gap])
            for k in range(len(run) - 1, -1, -1):
                if k not in keep and (i + k) > 0:
                    _merge_into(rows[i + k - 1], run[k])
                    rows.pop(i + k)
            j = i + len(keep)
            run = rows[i:j]
        for k, row in enumerate(run):
            row.number = f"{prefix}{lo + k + 1}"
            row.inferred = True
            warnings.append(f"line {row.span.start}: recommendation number missing, inferred as {row.number}")
        i = j + 1 if j > i else i + 1


def _lettered(rows: list[_Row]) -> bool:
    """Rows of a table that numbers nothing whose recommendations open "(a)", "(b)", "(c)" ... in order
    (two or more): the letters are their numbers, as written, and no part of the text."""
    if len(rows) < 2:
        return False
    marks = []
    for k, row in enumerate(rows):
        parts = row.rec.get("recommendation")
        m = _LETTER_MARK.match(parts[0]) if parts else None
        if m is None or m.group(1).lower() != chr(97 + k % 26) or k >= 26:
            return False
        marks.append(m)
    for row, m in zip(rows, marks):
        parts = row.rec["recommendation"]
        parts[0] = parts[0][m.end():]
        row.written = m.group(0).strip()
        row.inferred = False
    return True


def _merge_into(target: _Row, extra: _Row) -> None:
    for role, parts in extra.rec.items():
        target.rec.setdefault(role, []).extend(parts)
    target.actions.extend(extra.actions)
    target.span.extend(extra.span.start, extra.span.end)


def parse_plan(lines: list[Line], header_idx: int, furniture: Furniture,
               registry: AgencyRegistry | None = None, title: str | None = None) -> PlanResult:
    """Parse the table whose header is ``lines[header_idx]``, up to the end of ``lines`` or a heading
    such as "Appendix B" / "Glossary"."""
    parser = _Parser(lines, header_idx, furniture, registry or AgencyRegistry.load())
    end = parser.run()
    recs = parser.recs()
    last = max((r.span.line_end for r in recs), default=lines[header_idx].no)
    as_of = parser.as_of_raw
    if as_of is None and title:
        dated = parse_date_cell(title).last
        as_of = dated.text if dated else None
    plan = ParsedPlan(title=title, as_of_raw=as_of, columns=[r or "" for r in parser.header.roles],
                      recs=recs, span=Span(line_start=lines[header_idx].no, line_end=last))
    return PlanResult(plan=plan, placed=parser.placed, skipped=parser.skipped, unplaced=parser.unplaced,
                      notes=parser.notes, warnings=parser.warnings, end=end)
