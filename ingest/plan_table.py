"""The action-plan table parser: one recommendation per recommendation, with its actions, whatever the
layout.

Input is a run of :class:`~ingest.records.Line` (from any reader) starting at a header row found by
:func:`ingest.columns.detect_header`. The parser walks the lines once:

- page furniture and markdown rules are skipped (and reported as skipped);
- a short capitalised line naming an organisation (or followed by a numbered row) is a section heading;
  a heading glued onto the first cell of the next row, or onto the tail of the previous one, is split off;
- a line whose number cell (or the start of its recommendation cell) holds a number starts a row; so does
  a full row with no number (the number was lost), whose number is inferred afterwards from the sequence
  (2, _, 4 -> 3) and marked ``number_inferred``;
- every other line continues the current row, cell by cell under the columns its content fits; a line
  bringing its own lead or dates, or an "AGENCY:" prefix, starts a new action of the same recommendation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from graph.agencies import AgencyRegistry
from ingest.columns import AGENCY_PREFIX, Header, align, detect_header, match_number
from ingest.dates import parse_date_cell
from ingest.furniture import Furniture
from ingest.normalize import is_rule_line
from ingest.records import Line, ParsedAction, ParsedPlan, ParsedRec, Span, Unplaced

__all__ = ["parse_plan", "PlanResult", "heading_like", "ORG_CUE"]

REC_ROLES = {"number", "recommendation", "scope", "agency"}
#: words that make a short phrase the name of an organisation rather than of a person
ORG_CUE = re.compile(
    r"\b(?:police|constabulary|council|services?|trust|hospitals?|ccg|icb|nhs|partnership|board|group|team|"
    r"care|probation|company|crc|nps|agency|agencies|authority|practices?|gps?|ambulance|housing|health|"
    r"social|panel|commissioner|opcc|court|cps|prisons?|schools?|college|university|centre|unit|department|"
    r"office|association|charity|aid|refuge|safeguarding|foundations?|connections|recovering|network|"
    r"providers?|commissioning|division|directorate|hub|project)\b", re.I)
_END_STOP = re.compile(r"[.;,:]\s*$")
_SUBITEM = re.compile(r"^\s*(?:[a-z]|[ivx]{1,4})[.)]\s", re.I)
# digits read as letters by OCR: at least one digit and one of l, I, O, o, and a closing "." or ")"
_OCR_NUMBER = re.compile(r"^\s*(?=[0-9lIOo]{1,3}[.)](?:\s|$))(?=[^\s.)]*\d)(?=[^\s.)]*[lIOo])[0-9lIOo]{1,3}[.)]")
_STOP_HEADINGS = re.compile(r"^\s*(?:appendix|annex|glossary|abbreviations|index)\b", re.I)
_AS_AT = re.compile(r"\b(?:as at|as of|position (?:at|as at)|progress (?:at|as at|update)|updated?)\s*:?\s*"
                    r"(.{3,40})", re.I)


@lru_cache(maxsize=16384)
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
    from ingest.status import classify_status
    if len(words) <= 3 and classify_status(t)[0] != "unknown":
        return False
    return True


@dataclass
class _Act:
    fields: dict[str, list[str]] = field(default_factory=dict)
    span: Span | None = None

    def add(self, role: str, text: str, no: int, page: int | None) -> None:
        self.fields.setdefault(role, []).append(text)
        self.span = Span(line_start=no, line_end=no, page=page) if self.span is None else self.span.cover(no)

    def has(self, role: str) -> bool:
        return bool(self.fields.get(role))

    def text(self, role: str) -> str | None:
        parts = self.fields.get(role)
        return " ".join(parts) if parts else None


@dataclass
class _Row:
    number: str | None
    section: str | None
    span: Span
    rec: dict[str, list[str]] = field(default_factory=dict)
    actions: list[_Act] = field(default_factory=list)
    strength: int = 0  # filled cells on the line that opened it (for resolving inferred numbers)
    inferred: bool = False
    weak: bool = False  # opened by a sub-item ("a. ...") with no number: kept only if the sequence needs it

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
        self.lines = lines
        self.header_idx = header_idx
        self.header: Header = detect_header(lines[header_idx].clean,
                                            lines[header_idx].no)  # type: ignore[assignment]
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

    # -- helpers -----------------------------------------------------------------------------------------
    @property
    def roles(self) -> tuple[str | None, ...]:
        return self.header.roles

    def _role_at(self, col: int) -> str | None:
        return self.roles[col] if col < len(self.roles) else None

    def _next_content(self, idx: int) -> Line | None:
        for line in self.lines[idx + 1: idx + 8]:
            if line.blank or self.furniture.is_furniture(line) or is_rule_line(line.cells):
                continue
            return line
        return None

    def _opens_row(self, line: Line | None) -> bool:
        if line is None:
            return False
        cells = line.clean
        first = next((c for c in cells if c), "")
        return match_number(first) is not None

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
            text = " ".join(c for c in cells if c)
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
                    self._content(i, line, cells, text)
            i += 1
        return n

    def _header_continuation(self, cells: tuple[str, ...], line: Line) -> bool:
        text = " ".join(c for c in cells if c)
        m = _AS_AT.search(text)
        if m and parse_date_cell(m.group(1)).dates:
            self.as_of_raw = m.group(1).strip()
            return True
        return False

    def _content(self, idx: int, line: Line, cells: tuple[str, ...], text: str) -> None:
        no, page = line.no, line.page
        non_empty = [(k, c) for k, c in enumerate(cells) if c]
        first_col = non_empty[0][0]
        rec_col = self.header.index("recommendation")
        num_col = self.header.index("number")
        # 1. a heading line (alone, or with the tail of the previous row glued after it)
        head_col = rec_col if rec_col is not None else 1
        contiguous = all(b[0] - a[0] == 1 for a, b in zip(non_empty, non_empty[1:]))
        joined_short = first_col <= head_col and len(non_empty) <= 3 and contiguous and (
            heading_like(text) or (len(non_empty) == 1 and heading_like(text, 18) and ORG_CUE.search(text)))
        if joined_short and (ORG_CUE.search(text) or self._opens_row(self._next_content(idx))
                             or text.isupper()):
            self._set_section(text)
            self.placed.add(no)
            return
        first_text = non_empty[0][1]
        aligned = align(cells, self.roles)
        number, rest_rec = self._number(aligned, cells, num_col, rec_col)
        if (number is None and first_col <= head_col and len(non_empty) >= 2 and heading_like(first_text)
                and ORG_CUE.search(first_text) and self._role_at(first_col) in (None, "number", "recommendation")
                and self.rows and len(first_text.split()) <= 10 and self._tail_fits(cells, first_col)):
            self._set_section(first_text)
            rest = tuple("" if k <= first_col else c for k, c in enumerate(cells))
            self._continue(rest, no, page)
            self.placed.add(no)
            return
        if number is not None:
            self._open_row(number, aligned, rest_rec, rec_col, num_col, no, page, len(non_empty))
            self.placed.add(no)
            return
        damaged = self._damaged_number(aligned, cells, num_col, rec_col)
        if damaged is not None:
            col, rest = damaged
            aligned = {**aligned, col: rest} if rest else {k: v for k, v in aligned.items() if k != col}
            self._open_row(None, aligned, None, rec_col, num_col, no, page, len(non_empty) + 2)
            self.warnings.append(f"line {no}: recommendation number damaged ({first_text.split()[0]!r}); "
                                 "inferred from the sequence")
            self.placed.add(no)
            return
        starts = self._starts_unnumbered_row(aligned, rec_col)
        if starts:
            self._open_row(None, aligned, None, rec_col, num_col, no, page, len(non_empty))
            self.rows[-1].weak = starts == "weak"
            self.placed.add(no)
            return
        if not self.rows:
            self.title_lines.append(text)
            self.unplaced.append(Unplaced(line=no, page=page, text=line.text,
                                          reason="in the table before its first row"))
            return
        self._continue(cells, no, page, aligned)
        self.placed.add(no)

    def _tail_fits(self, cells: tuple[str, ...], first_col: int) -> bool:
        """The cells after a heading-like first cell look like the tail of a row (not a recommendation)."""
        rest = [c for k, c in enumerate(cells) if k > first_col and c]
        return bool(rest) and not match_number(rest[0])

    def _number(self, aligned: dict[int, str], cells: tuple[str, ...], num_col: int | None,
                rec_col: int | None) -> tuple[str | None, str | None]:
        if num_col is not None and num_col in aligned:
            m = match_number(aligned[num_col])
            if m:
                return m[0], (m[1] or None)
        first = next((c for c in cells if c), "")
        m = match_number(first)
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

    def _starts_unnumbered_row(self, aligned: dict[int, str], rec_col: int | None) -> str | bool:
        """A full row with no number: "strong", or "weak" when it opens with a sub-item ("a. ...")."""
        if rec_col is None or rec_col not in aligned:
            return False
        rec = aligned[rec_col].strip()
        sub = bool(_SUBITEM.match(rec))
        if len(rec.split()) < 6 or not (rec[0].isupper() or rec[0] in "'‘\"“" or sub):
            return False
        others = [c for c, t in aligned.items() if c != rec_col and self._role_at(c) not in REC_ROLES and t]
        if not self.rows:
            return "weak" if sub else "strong"
        if len(others) < 2:
            return False
        cur = self.rows[-1]
        filled = sum(1 for a in cur.actions for r in a.fields if a.fields[r])
        if sub:
            return "weak" if filled >= 3 else False
        return "strong" if filled >= 2 and (bool(re.search(r"[.)]\s*$", cur.rec_text)) or filled >= 3) else False

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
                  rec_col: int | None, num_col: int | None, no: int, page: int | None, strength: int) -> None:
        if number is not None and self.rows and self.pending_section is None:
            prev = self.rows[-1].number
            if prev is not None and _num_value(number) <= _num_value(prev):
                self._split_glued_tail()
        row = _Row(number=number, section=None, span=Span(line_start=no, line_end=no, page=page),
                   strength=strength)
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
            self._put(row, role or "recommendation", text, no, page, new_action=not row.actions)
        if rest_rec and rec_col is not None and rec_col not in aligned:
            row.add_rec("recommendation", rest_rec)
        if number is not None and row.rec.get("recommendation"):
            row.rec["recommendation"][0] = self._split_glued_heading(row.rec["recommendation"][0], number)
        row.section = self.section
        self.pending_section = None
        self.rows.append(row)

    def _put(self, row: _Row, role: str, text: str, no: int, page: int | None, new_action: bool) -> None:
        row.span = row.span.cover(no)
        if role in REC_ROLES:
            row.add_rec(role, text)
            return
        if new_action or not row.actions:
            row.actions.append(_Act())
        row.actions[-1].add(role, text, no, page)

    def _continue(self, cells: tuple[str, ...], no: int, page: int | None,
                  aligned: dict[int, str] | None = None) -> None:
        row = self.rows[-1]
        aligned = aligned if aligned is not None else align(cells, self.roles)
        act_parts = {self._role_at(c) or "recommendation": t for c, t in aligned.items()
                     if (self._role_at(c) or "recommendation") not in REC_ROLES}
        new = self._is_new_action(row, act_parts)
        for col, text in sorted(aligned.items()):
            role = self._role_at(col) or "recommendation"
            self._put(row, role, text, no, page, new_action=new and role not in REC_ROLES)
            if role not in REC_ROLES:
                new = False

    def _is_new_action(self, row: _Row, parts: dict[str, str]) -> bool:
        if not row.actions or "action" not in parts:
            return False
        cur = row.actions[-1]
        action = parts["action"]
        if AGENCY_PREFIX.match(action) and cur.has("action"):
            return True
        if not cur.has("action") or not action[:1].isupper():
            return False
        brings = [r for r in ("lead", "start", "target", "target2") if r in parts]
        return bool(brings) and all(cur.has(r) for r in brings)

    # -- results -----------------------------------------------------------------------------------------
    def recs(self) -> list[ParsedRec]:
        _infer_numbers(self.rows, self.warnings)
        out = []
        for row in self.rows:
            actions = []
            for act in row.actions:
                text = act.text("action") or ""
                lead = act.text("lead")
                m = AGENCY_PREFIX.match(text)
                if m and not lead:
                    lead = m.group(1).strip()
                progress = " ".join(p for p in (act.text("progress"), act.text("progress2")) if p) or None
                outcome = " ".join(p for p in (act.text("outcome"), act.text("outcome2")) if p) or None
                target = " ".join(p for p in (act.text("target"), act.text("target2")) if p) or None
                actions.append(ParsedAction(text=text, lead=lead, milestones=act.text("milestones"),
                                            start_raw=act.text("start"), target_raw=target,
                                            status_raw=act.text("status"), progress=progress, outcome=outcome,
                                            span=act.span or row.span))
            rec_text = row.rec_text.strip()
            if not rec_text and not actions:
                continue
            out.append(ParsedRec(number=row.number, number_inferred=row.inferred, text=rec_text,
                                 section=row.section, scope_raw=" ".join(row.rec.get("scope", [])) or None,
                                 span=row.span, actions=actions))
        return out


def _num_value(number: str) -> float:
    head = re.match(r"\d+", number.split(".")[-1] if "." in number else number)
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
            warnings.append(f"line {row.span.line_start}: recommendation number missing, inferred as {row.number}")
        i = j + 1 if j > i else i + 1


def _merge_into(target: _Row, extra: _Row) -> None:
    for role, parts in extra.rec.items():
        target.rec.setdefault(role, []).extend(parts)
    target.actions.extend(extra.actions)
    target.span = target.span.cover(extra.span.line_start).cover(extra.span.line_end)


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
