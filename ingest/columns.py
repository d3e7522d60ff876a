"""Column roles of an action-plan table, found from general header cues, and the alignment of a row's
cells to those columns by what the cells contain.

A header is recognised by the words people use for the columns (Recommendation, Action, Lead / Owner /
Responsible, Target / Timescale, Outcome / Evidence, Progress / Status / RAG, ...), never by a layout.
Text extracted from PDF loses empty cells and shifts the rest to the left; :func:`align` puts each cell
back under the column whose kind of content it fits best (dates under date columns, a scope word under
Scope, a short agency or person under Lead, long text under the text columns), keeping their order.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from reviewgraph.records.dates import MONTH
from reviewgraph.records.normalize import ORG_CUE

if TYPE_CHECKING:
    from reviewgraph.records.parsed import Line

__all__ = ["ROLES", "role_of", "Header", "detect_header", "align", "REC_NUMBER", "match_number",
           "AGENCY_PREFIX", "MAX_COLUMNS", "cell_kind", "find_headers", "header_scope",
           "names_organisation", "names_person", "organisation_in", "organisation_named", "base_role",
           "ref_number", "resolve_roles"]

#: the columns of a table that are read; cells further right are ignored with a warning (a sheet with
#: thousands of formatted columns must not make the alignment, or its caches, grow with them)
MAX_COLUMNS = 64

#: "POLICE: Review timescales ...", "Children's Services: To be shared ...": an action for one agency
AGENCY_PREFIX = re.compile(r"^([A-Z][A-Za-z'’&/ .()-]{1,40}?)\s*:\s+(?=\S)")


# Order matters: the first role whose cue matches a header cell wins ("Actions required to address
# recommendations" is an action column; "Lead agency ... responsible for action" a lead column).
# Three kinds of "who" column: the owner (an organisation: "Lead agency", "Responsible agency", or the
# ambiguous "Lead", "Owner", "Who", decided by what the cells hold), the named person ("Lead officer",
# "Named lead", "Lead individual") and the agencies that help ("Supporting agencies", "Partners").
ROLES: list[tuple[str, re.Pattern[str]]] = [
    ("number", re.compile(r"^(?:no\.?|nos?\.|number|ref(?:erence)?\.?(?:\s*no\.?)?|#|item(?:\s*no\.?)?|"
                          r"id|rec(?:ommendation)?\.?\s*(?:no\.?|number|ref\.?|#|id)|"
                          r"(?:action|rec)\s*(?:ref\.?|id|no\.?|number|#))$",
                          re.I)),
    ("milestones", re.compile(r"\bmilestones?\b", re.I)),
    ("start", re.compile(r"\bstart(?:ing)?\b|\bdate (?:agreed|raised|opened)\b", re.I)),
    # ("Partners", "Partner agencies" are the others that help; "Partner" alone, "Partner agency" name one
    # body per row: the agency column below, and "Lead partner" the lead)
    ("support", re.compile(r"\b(?:support(?:ing|ed by)?|partners|partner agencies|partner organi[sz]ations|"
                           r"other (?:agenc\w*|partners?|organi[sz]ations?|services)|"
                           r"contributing|agencies involved|in (?:partnership|conjunction) with)\b", re.I)),
    ("lead_person", re.compile(r"\b(?:lead|responsible|named|accountable|designated)\s+(?:officers?|"
                               r"individuals?|persons?|people|managers?|names?|contacts?)\b|\bnamed leads?\b|"
                               r"^(?:officer|individual|person|lead person|name)$", re.I)),
    ("lead", re.compile(r"\b(?:lead|leads|owner|owners|ownership|responsib\w*|accountab\w*|by whom|who)\b",
                        re.I)),
    # a column naming the review each row comes from (a tracker of several reviews)
    ("review", re.compile(r"^(?:(?:source|parent|case)\s+)?review(?:\s+(?:name|title|ref(?:erence)?|no\.?|"
                          r"number|id))?$|^case\s+(?:name|title)$", re.I)),
    ("status", re.compile(r"^(?:status|rag|b?rag(?: rating| status)?|current status|complete\??|"
                          r"completed\?|rag/status|status/rag|%\s*(?:complete|done)|(?:percent|per cent|"
                          r"percentage)\s*(?:complete|done)|progress\s*(?:%|\(%\)))$", re.I)),
    # when the row was last brought up to date ("Last updated", "Date updated"): a fact of the progress, not
    # a date the action is due by
    ("progress", re.compile(r"^(?:(?:last|date)\s+)?(?:updated|modified|reviewed)(?:\s+(?:on|date))?$|"
                            r"^date\s+(?:last\s+)?(?:updated|modified|reviewed)$", re.I)),
    ("progress", re.compile(r"\b(?:progress|update|updates|comments?|current position|position statement|"
                            r"notes?|where (?:are )?we are)\b", re.I)),
    ("outcome", re.compile(r"\b(?:outcomes?|evidence|measures?|measured|success|impact|what will change|"
                           r"difference)\b|^how (?:will )?(?:we|you) (?:will )?know\b", re.I)),
    ("scope", re.compile(r"^(?:scope|level|local\s*/\s*regional\s*/\s*national|geograph\w*)\b", re.I)),
    ("action", re.compile(r"\baction|^what (?:we will|will be|is to be|needs to be) done$|"
                          r"^what (?:we|will|the \w+) will do$|^what we will do$|^how\b|^tasks?$|"
                          r"^(?:next )?steps$|"
                          r"^activit(?:y|ies)$|^(?:\w+\s+)?responses?$", re.I)),
    ("target", re.compile(r"\b(?:target|timescales?|time ?frames?|timelines?|deadline|due|completion|"
                          r"end date|by when|date|when)\b", re.I)),
    ("recommendation", re.compile(r"\brecommendations?\b|\brecs?\b", re.I)),
    ("finding", re.compile(r"^(?:key\s+)?(?:learning|findings?|lessons?|issues?|learning points?|"
                           r"learning\s*/\s*findings?|findings?\s*/\s*learning|areas? for (?:development|"
                           r"improvement))$", re.I)),
    ("agency", re.compile(r"^(?:partner\s+)?(?:agency|organisation|organization|service|partner)$", re.I)),
]
TEXT_ROLES = {"recommendation", "action", "milestones", "outcome", "progress", "finding"}
DATE_ROLES = {"start", "target"}

# A recommendation number as written: "1", "1.", "17.3", "17.3.2", "1a", "R1", "Rec 1:", "(3)"
REC_NUMBER = re.compile(r"^\s*(?:rec(?:ommendation)?\.?\s*|r(?=\d))?\(?(\d{1,3}(?:\.\d{1,3}){0,2}[a-z]?)"
                        r"(?:\)|\.(?!\d)|:|\s|$)\s*", re.I)
_SCOPE_WORDS = re.compile(r"^(?:local|regional|national|county|force|area|sub-regional|pan-\w+|"
                          r"local and regional|local/regional|all|cleveland|north east division)\b", re.I)
_DATEISH = re.compile(rf"\b(?:{MONTH}\.?\s*\d{{4}}|\d{{1,2}}[/.\-]\d{{1,2}}[/.\-]\d{{2,4}}|(?:19|20)\d{{2}}|"
                      r"complete[d]?|on\s?-?going|tbc|achieved|already in place|immediate|q[1-4])\b", re.I)


_STATUSISH = re.compile(r"\b(?:complete[d]?|on\s?-?going|in progress|not started|achieved|red|amber|green|"
                        r"blue|open|closed|overdue|outstanding)\b", re.I)


@lru_cache(maxsize=16384)
def role_of(cell: str) -> str | None:
    """The column role a header cell names, by its words; a note in brackets is read only when the words
    outside it name none ("Status (Complete / Ongoing)" is a status column).

    >>> role_of("Lead agency"), role_of("Named lead"), role_of("Status (Complete / Ongoing)")
    ('lead', 'lead_person', 'status')
    """
    text = cell.strip()
    if not text or len(text.split()) > 20:
        return None
    lower = text.lower()
    for role, pattern, gate in _GATED_ROLES:
        if gate:
            for word in gate:
                if word in lower:
                    break
            else:
                continue  # none of the words its cue needs (a substring test, much cheaper than the search)
        if pattern.search(text):
            return role
    if "(" in text or "[" in text:
        bare = _BRACKETED.sub(" ", text).strip()
        if bare and bare != text:
            return role_of(bare)
    if "/" in text:  # "Finding / what we learned": the first alternative that names a role
        for part in text.split("/"):
            role = role_of(part) if part.strip() and part.strip() != text else None
            if role:
                return role
    return None


_BRACKETED = re.compile(r"\s*[(\[][^()\[\]]*[)\]]\s*")
#: for the roles whose cue is searched anywhere in the cell: words (lower case) one of which it needs
_GATES = {
    "milestones": ("milestone",),
    "start": ("start", "date"),
    "support": ("support", "partner", "other", "contributing", "involved", "conjunction"),
    "lead_person": ("lead", "respons", "named", "accountab", "designat", "officer", "individual", "person",
                    "name"),
    "lead": ("lead", "owner", "respons", "accountab", "whom", "who"),
    "progress": ("progress", "update", "comment", "position", "note", "where"),
    "outcome": ("outcome", "evidence", "measure", "success", "impact", "change", "differen", "know"),
    "action": ("action", "what", "how", "task", "step", "activit", "respon"),
    "target": ("target", "timescale", "time", "deadline", "due", "completion", "end date", "when", "date"),
    "recommendation": ("rec",),
    "review": ("review", "case"),
}
_GATED_ROLES = [(role, pattern, _GATES.get(role, ())) for role, pattern in ROLES]


@dataclass(frozen=True)
class Header:
    roles: tuple[str | None, ...]   # one per column, None for a column with no recognised role
    line: int

    @property
    def present(self) -> set[str]:
        return {r for r in self.roles if r}

    def index(self, role: str) -> int | None:
        return self.roles.index(role) if role in self.roles else None


def base_role(role: str | None) -> str | None:
    """The role a column is read as when its content is fitted: a second target is a target, a named person
    or the supporting agencies are read like a lead, a finding like a recommendation."""
    if role is None:
        return None
    base = _BASE_OF.get(role)
    if base is None:
        role = role.rstrip("2")
        base = _READ_AS.get(role, role)
    return base


_READ_AS = {"lead_person": "lead", "support": "lead", "finding": "recommendation"}
_BASE_OF = {name + two: _READ_AS.get(name, name) for name, _ in ROLES for two in ("", "2")}


#: the roles a table found by :func:`find_headers` was given, by its header's cells (set for one document
#: by :func:`header_scope`; :func:`detect_header` answers from it before the header words)
_SCOPE: ContextVar[dict[tuple[str, ...], tuple[str | None, ...]] | None] = ContextVar("header_scope",
                                                                                         default=None)


@contextmanager
def header_scope(headers: dict[tuple[str, ...], tuple[str | None, ...]]) -> Iterator[None]:
    """Within the block, :func:`detect_header` knows the headers :func:`find_headers` resolved (header rows
    whose words alone do not say every column, and rows a reader marked as a table's header)."""
    token = _SCOPE.set(headers or None)
    try:
        yield
    finally:
        _SCOPE.reset(token)


def detect_header(cells: tuple[str, ...], line: int) -> Header | None:
    """A header row: at least three recognised roles, one of them Recommendation or Action, and most of
    its non-empty cells recognised (or a header :func:`find_headers` resolved, inside :func:`header_scope`).
    Only the first :data:`MAX_COLUMNS` columns are read.

    >>> detect_header(("No", "Recommendation", "Lead agency", "Target date", "Progress"), 1).roles
    ('number', 'recommendation', 'lead', 'target', 'progress')
    >>> detect_header(("1.", "That the CSP reviews MARAC", "Local"), 2) is None
    True
    """
    if len(cells) > MAX_COLUMNS:
        cells = cells[:MAX_COLUMNS]
    known = _SCOPE.get()
    if known is not None:
        resolved = known.get(cells)
        if resolved is not None:
            return Header(roles=resolved, line=line)
    if len(cells) < 3:  # most lines: a paragraph or a heading (not worth a cache entry)
        return None
    roles = _header_roles(cells)
    return None if roles is None else Header(roles=roles, line=line)


_DEDUPE = {"outcome": "progress", "progress": "outcome", "target": "target2"}


def _dedupe(roles: list[str | None]) -> tuple[str | None, ...]:
    """The same role twice: keep the first, later ones fold into a neighbouring text role."""
    seen: set[str] = set()
    out: list[str | None] = []
    for r in roles:
        if r and r in seen:
            first = r
            r = _DEDUPE.get(r, r + "2")
            if r in seen:  # ("Progress (RAG)", "Evidence", "Notes": the notes are a second progress column)
                r = first + "2" if first in ("progress", "outcome") and first + "2" not in seen else None
        if r:
            seen.add(r)
        out.append(r)
    return tuple(out)


@lru_cache(maxsize=16384)
def _header_roles(cells: tuple[str, ...]) -> tuple[str | None, ...] | None:
    """The column roles of a header row, or None (a pure function of the cells: cached, since every
    parser asks it of every line and documents repeat their header rows)."""
    non_empty = [c for c in cells if c.strip()]
    if len(non_empty) < 3:
        return None
    # a header cell never starts with a recommendation number, nor runs to a sentence's length
    if REC_NUMBER.match(non_empty[0]) and not non_empty[0].strip().isalpha():
        return None
    if any(len(c) > 60 and c.rstrip().endswith(".") or (any(ch.isdigit() for ch in c) and match_number(c) is not None)
           for c in non_empty[1:]):
        return None  # ("In progress | Sept 2024 | Rec 5 | ... | LVNFT: Embed ...": a row)
    # most of its cells are recognised: stop at the first unrecognised cell too many (a row of data)
    allowed_misses, roles = 0.4 * len(non_empty) + 0.5, []  # (margin: only rows the test below rejects)
    for c in cells:
        role = role_of(c) if c.strip() else None
        if role is None and c.strip():
            allowed_misses -= 1
            if allowed_misses < 0:
                return None
        roles.append(role)
    found = [r for r in roles if r]
    if len(set(found)) < 3 or not ({"recommendation", "action"} & set(found)):
        return None
    if len(found) < 0.6 * len(non_empty):
        return None
    if "recommendation" not in found and "finding" in found:  # the findings are what the actions answer
        roles[roles.index("finding")] = "recommendation"
    return _dedupe(roles)


# -- what a cell holds ---------------------------------------------------------------------------------------

#: a reference as plans write one: "3", "3.1", "R3", "Rec 3", "DHR07-R3", "SAR 2/4"
_REF = re.compile(r"^(?:[A-Za-z]{1,6}\s?-?\s?\d{0,4}\s?[-/.]\s?)?(?:r|rec\.?\s?)?"
                  r"\d{1,3}(?:\.\d{1,3}){0,2}[a-z]?[.):]?$", re.I)
_DATE_CELL = re.compile(rf"\b(?:{MONTH}\.?\s*['’]?\d{{2,4}}|\d{{1,2}}[/.\-]\d{{1,2}}[/.\-]\d{{2,4}}|"
                        r"(?:19|20)\d{2}|q[1-4]\s*[-/]?\s*(?:19|20)?\d{2}|tbc|tba|immediate(?:ly)?|asap|"
                        r"by (?:end of )?(?:spring|summer|autumn|winter))\b", re.I)
_RAG = re.compile(r"^(?:b?rag\s*:?\s*)?(?:red|amber|green|blue|black|grey|gray)"
                  r"(?:\s*[/-]\s*(?:red|amber|green|blue))?\b", re.I)
_PERSON_TITLE = re.compile(r"^(?:mr|mrs|ms|miss|mx|dr|prof|di|dci|dcs|ds|dc|pc|ps|supt|ch\.?\s?supt|insp|"
                           r"sgt|cllr|det\.?)\.?\s+[A-Z]", re.I)
_JOB = re.compile(r"\b(?:head|director|manager|officer|lead|chair(?:person)?|co-?ordinator|superintendent|"
                  r"inspector|sergeant|nurse|practitioner|adviser|advisor|consultant|commander|administrator|"
                  r"worker|analyst|specialist|principal|detective|deputy|assistant|leader|gp lead|designated|"
                  r"named (?:gp|nurse|doctor|professional)|doctor|named \w+ (?:doctor|nurse|gp))s?\b", re.I)
_NAME_SHAPE = re.compile(r"^[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+){1,2}$")
_ACRONYMS = re.compile(r"^(?:[A-Z][A-Za-z0-9&]{0,2}[A-Z0-9&]{1,6}s?|[A-Z]{2,8}s?)(?:\s*(?:[/,&+]|and)\s*"
                       r"(?:[A-Z][A-Za-z0-9&]{0,2}[A-Z0-9&]{1,6}s?|[A-Z]{2,8}s?))*$")
_LIST_SEP = re.compile(r"\s*(?:[,;/&+\n]|\band\b)\s*")
#: the verbs a request starts with ("Review ...", "Deliver ...")
_VERBS = (
    r"(?:review|ensure|develop|deliver|train|provide|"
    r"consider|establish|audit|implement|raise|share|update|create|introduce|agree|write|issue|embed|"
    r"strengthen|improve|promote|commission|undertake|explore|seek|produce|publish|monitor|circulate|"
    r"brief|include|revise|set|identify|assure|hold|run|offer|make|carry|complete|design|amend|refresh|"
    r"map|check|extend|support|encourage|require|disseminate|cascade|conduct|launch|appoint|adopt|"
    r"build|engage|evaluate|re-?launch|rewrite|draft|add|give|use|report|present|inform|remind|notify|"
    r"contact|invite|meet|work|distribute|compile)")
_DIRECTIVE_START = re.compile(r"^(?:that\b|to\s+[a-z]+|(?:all|each|every)\b|" + _VERBS + r"\b)", re.I)
_MODAL = re.compile(r"\b(?:should|must|will|shall|needs? to|is to|are to|to be|ought to|(?:reviews|ensures|"
                    r"develops|delivers|provides|considers|establishes|audits|implements|raises|shares|"
                    r"updates|creates|introduces|agrees|writes|issues|embeds|strengthens|improves|promotes|"
                    r"commissions|undertakes|explores|seeks|produces|publishes|monitors|circulates|"
                    r"includes|revises|identifies|assures))\b", re.I)


_REF_TAIL = re.compile(r"(\d{1,3}(?:\.\d{1,3}){0,2}[a-z]?)[.):]?$", re.I)


def ref_number(cell: str) -> str | None:
    """The recommendation number in a reference with a prefix ("DHR07-R3" -> "3", "SAR 2/4" -> "4").

    >>> ref_number("DHR07-R3"), ref_number("Rec 12"), ref_number("Northmere")
    ('3', '12', None)
    """
    t = cell.strip()
    if len(t.split()) > 2 or not _REF.match(t):
        return None
    m = _REF_TAIL.search(t)
    return m.group(1) if m and m.group(1).split(".")[0] != "0" else None


def names_person(text: str) -> bool:
    """A cell that says it is a person: a title ("DI", "Dr") or a job ("Head of ...", "... Manager"), not
    only a name's shape (a column of organisations holds "Wrenford Homes").

    >>> names_person("DI Jane Ellis"), names_person("Housing Services Manager")
    (True, True)
    >>> names_person("Wrenford Homes")
    False
    """
    t = text.strip()
    return bool(_PERSON_TITLE.match(t) or (_JOB.search(t) and not _ACRONYMS.match(t)))


def names_organisation(text: str) -> bool:
    """A short cell naming one or more organisations (not a person, not a sentence).

    >>> names_organisation("Wrenford Borough Council"), names_organisation("NPS / CRC")
    (True, True)
    >>> names_organisation("Head of Public Protection"), names_organisation("Jane Ellis")
    (False, False)
    """
    return _cell_traits(text.strip())[0] in ("agency", "agencies")


#: nouns that end the name of a body ("... Borough Council", "... NHS Foundation Trust", "Adult Social Care")
_BODY = re.compile(r"^(?:police|constabulary|council|services?|trust|hospitals?|ccg|icb|nhs|partnership|"
                   r"board|group|team|probation|company|crc|nps|agency|authority|practices?|gps?|ambulance|"
                   r"housing|commissioner|opcc|court|cps|prisons?|schools?|college|university|centre|"
                   r"center|unit|department|office|association|charity|aid|refuge|foundation|hub|project|"
                   r"network|care|commission|directorate|division|panel|hmpps|hmcts|csp|sab|lscp|"
                   r"homes)$", re.I)
_ACRONYM_TOKEN = re.compile(r"^[A-Z][A-Z&]{1,7}s?$")
_CONNECTOR = {"of", "and", "for", "&", "the", "in", "on"}
#: a job, and the words it takes after "of" ("Head of Service", "Director of Public Health")
_JOB_TOKEN = re.compile(r"^(?:head|director|manager|officer|lead|chair(?:person)?|co-?ordinator|"
                        r"superintendent|inspector|sergeant|nurse|practitioner|adviser|advisor|consultant|"
                        r"commander|administrator|worker|analyst|specialist|principal|detective|deputy|"
                        r"assistant|leader|designated|named)s?$", re.I)


_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’&.-]*|&")


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _whole_name(text: str, run: str | None) -> str | None:
    """The whole cell where the words after the organisation's run still belong to its name ("NHS England",
    "Wrenford Borough Council – Housing Options", "WBC ASC"): capitalised, no job, not the run's first word
    again (two leads written one after the other); else the run.

    >>> _whole_name("NHS England", "NHS"), _whole_name("Rowan Police Rowan Police", "Rowan Police")
    ('NHS England', 'Rowan Police')
    """
    if not run or not text.startswith(run) or len(text.split()) > 12:
        return run
    first, end = run.split()[0], len(run)
    for m in _TOKEN.finditer(text, len(run)):
        w = m.group(0)
        if not (w[:1].isupper() or w.lower() in _CONNECTOR) or _JOB_TOKEN.match(w) or w == first:
            break  # "NCC ASC the street.": a wrapped line of another cell after the name
        if w[:1].isupper():
            end = m.end()
    return text[:end].strip()


def _org_run(text: str) -> str | None:
    """The first organisation named by a run of words, as written (its punctuation kept: "Wrenford Borough
    Council - Children's Services"): from the first capitalised word to the last body noun before the run
    breaks (a lower-case word, a job, an acronym after a body noun, or the run's first word again: two
    leads written one after the other). Words in capitals are read as a name is written ("WRENFORD
    BOROUGH COUNCIL")."""
    found = [(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    tokens = [t for t, _, _ in found]
    if sum(1 for t in tokens if len(t) >= 4 and t.isupper()) >= 2:
        tokens = [t.title() if len(t) >= 4 and t.isupper() and not _BODY.match(t) else t for t in tokens]
    span = _org_span(tokens)
    return None if span is None else text[found[span[0]][1]: found[span[1]][2]]


def _org_span(tokens: list[str]) -> tuple[int, int] | None:
    for start, tok in enumerate(tokens):
        if not tok[:1].isupper() or _JOB_TOKEN.match(tok):
            continue
        end = None
        for k in range(start, len(tokens)):
            t = tokens[k]
            if k > start and (t == tokens[start] or _JOB_TOKEN.match(t)):
                break
            if k > start and end is not None and _ACRONYM_TOKEN.match(t) and not _BODY.match(t):
                break
            if not (t[:1].isupper() or t[:1].isdigit() or t.lower() in _CONNECTOR or _BODY.match(t)):
                break
            if _BODY.match(t):
                end = k
        if end is not None:
            if end > start and _ACRONYM_TOKEN.match(tok) and not _BODY.match(tok) and \
                    tokens[start + 1][:1].isupper():
                start += 1  # "LMP Lark Moor Police": the acronym, then the name it stands for
            return start, end
        if _ACRONYM_TOKEN.match(tok) and tok.upper() not in _NOT_ORG_ACRONYMS:
            return start, start
    return None


#: capitals that are not organisations: ranks and titles, "DA" (domestic abuse) before a job
_NOT_ORG_ACRONYMS = {"DA", "DV", "DI", "DCI", "DS", "DC", "PC", "PS", "DCS", "MR", "MRS", "MS", "DR",
                     "TBC", "TBA", "TBD", "N/A", "NA", "ASB", "IDVA", "MARAC", "MAPPA", "DASH", "RAG",
                     "Q1", "Q2", "Q3", "Q4"}


@lru_cache(maxsize=8192)
def organisation_in(text: str) -> str | None:
    """The organisation a short cell names, as written: the cell itself when it is an organisation's name
    (the first when two leads run together), else the organisation after a person's name or job
    ("Jane Ellis, Safeguarding Lead, Northmere ICB" -> "Northmere ICB"); None when it names none.

    >>> organisation_in("Wrenford Borough Council"), organisation_in("Head of Public Protection")
    ('Wrenford Borough Council', None)
    >>> organisation_in("Sam Elstow Operations Manager Rowan Levels Police Rowan Levels Police")
    'Rowan Levels Police'
    """
    t = text.strip()
    if not t or len(t.split()) > 30:
        return None
    kind = cell_kind(t)
    if kind == "agencies":
        return t
    found = [(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(t)]
    tokens = [w for w, _, _ in found]
    if kind == "agency":
        head = tokens[:2]
        # "Pat Kimber Safeguarding": a name, and a job cut short, not a body
        named_person = len(tokens) > 2 and all(_NAME_WORD.match(w) and not _BODY.match(w) for w in head) and \
            not any(_BODY.match(w) or _ACRONYM_TOKEN.match(w) for w in tokens[2:])
        if not named_person:
            return _whole_name(t, _org_run(t)) or t
    # a person (a name, a job) with, perhaps, their organisation after it
    segments: list[list[tuple[str, int, int]]] = [[]]
    for tok in found:
        if _JOB_TOKEN.match(tok[0]):
            segments.append([])
        else:
            segments[-1].append(tok)
    for k, seg in enumerate(segments):
        if k > 0 and len(seg) > 1 and seg[0][0].lower() in ("of", "for"):
            seg = seg[2:]  # "Head of Service ...": the job's own words
        if not seg:
            continue
        piece = t[seg[0][1]: seg[-1][2]]
        org = _org_run(piece)
        if org:
            return _whole_name(t, org) if piece == t else org
    return None


_NAME_WORD = re.compile(r"^[A-Z][a-z'’-]+$")
_DELIMITED = re.compile(r"\s*(?:[,;()\[\]]|\s[-–—]\s|\s*[–—]\s*|/)\s*")


@lru_cache(maxsize=8192)
def organisation_named(text: str) -> str | None:
    """The organisation a named-lead cell names where nothing can be mistaken: the whole cell when it is an
    organisation's name, else a part set off by punctuation after the person ("Sam Reed, Safeguarding
    Lead, Northmere ICB", "DI Jane Ellis (Northmere Constabulary)"). A person's name run on into an
    organisation's ("Ann Powell National Probation Service") gives none: where the name ends is a guess.

    >>> organisation_named("Sam Reed, Safeguarding Lead, Northmere ICB"), organisation_named("Northmere ICB")
    ('Northmere ICB', 'Northmere ICB')
    >>> organisation_named("Ann Powell National Probation Service") is None
    True
    """
    t = text.strip()
    if not t or len(t.split()) > 30:
        return None
    found = None
    if _whole_organisation(t):
        found = _org_run(t) or t
    else:
        parts = [p for p in _DELIMITED.split(t) if p and p.strip()]
        for part in parts[1:]:
            part = part.strip(" .")
            if _whole_organisation(part):
                found = _org_run(part) or part
                break
    # capitals alone beside people ("DTVCR", a team's initials) are no name beyond doubt
    return None if found is None or _ACRONYM_TOKEN.match(found) else found


def _whole_organisation(text: str) -> bool:
    """A cell that is an organisation's name, not a person's, nor a person's run on into one."""
    if cell_kind(text) not in ("agency", "agencies") or names_person(text):
        return False
    tokens = _tokens(text)
    if len(tokens) > 3 and all(_NAME_WORD.match(w) and not _BODY.match(w) for w in tokens[:2]) and \
            not _BODY.match(tokens[2]) and len([w for w in tokens[2:] if w.lower() not in _CONNECTOR]) >= 2:
        return False  # "Ann Powell National Probation Service" (but "Wrenford Borough Council ..." is one)
    return True


def cell_kind(text: str) -> str | None:
    """What one cell holds, as far as a column's role goes: "number", "date", "status", "scope", "agency",
    "agencies" (several), "person" (a name or a job title), "directive" (a sentence that asks for
    something), "text" (other sentences), "short" (other short text); None for an empty cell.

    >>> [cell_kind(c) for c in ("R3", "March 2025", "Amber", "Northmere Constabulary", "Police, Housing, NPS",
    ...                         "Head of Public Protection",
    ...                         "Review the MARAC referral pathway with partners")]
    ['number', 'date', 'status', 'agency', 'agencies', 'person', 'directive']
    """
    return _cell_traits(text.strip())[0]


@lru_cache(maxsize=16384)
def _cell_traits(t: str) -> tuple[str | None]:
    if not t:
        return (None,)
    words = t.split()
    nw = len(words)
    if nw <= 2 and (_REF.match(t) or match_number(t)):
        return ("number",)
    if nw <= 4 and (_RAG.match(t) or _STATUSISH.search(t)) and not _DATE_CELL.search(t):
        return ("status",)
    if nw <= 8 and _DATE_CELL.search(t):
        return ("date",)
    if nw <= 4 and _STATUSISH.search(t):
        return ("status",)
    if nw <= 4 and _SCOPE_WORDS.match(t) and not ORG_CUE.search(t):
        return ("scope",)
    body = _request_body(t) if nw >= 4 else t
    if nw >= 3 and (_DIRECTIVE_START.match(t) or (body is not t and _DIRECTIVE_START.match(body))):
        return ("directive",)  # "Deliver training to officers" asks, whoever it names ("1) Embed ...")
    if nw <= 14 and not _END_SENTENCE.search(t):
        if _PERSON_TITLE.match(t) or (_JOB.search(t) and not _ACRONYMS.match(t)):
            return ("person",)
        parts = [p for p in _LIST_SEP.split(t) if p and p.strip()]
        orgs = [p for p in parts if _ACRONYMS.match(p.strip()) or (ORG_CUE.search(p) and _name_like(p))]
        if orgs and len(orgs) >= 0.5 * len(parts):
            return ("agencies",) if len(orgs) >= 2 else ("agency",)
        if _NAME_SHAPE.match(t):
            return ("person",)
    if nw >= 2 and _DIRECTIVE_START.match(t):
        return ("directive",)
    if nw >= 4:
        return ("directive",) if _MODAL.search(t) or _NAMED_TO.match(body) else ("text",)
    return ("short",)


def _request_body(t: str) -> str:
    """A cell's text after a recommendation number and an "Agency:" label ("1) Embed ...", "R2 KDSCP should
    ...", "All agencies: Review ..."): what says whether it asks for something; the cell itself when it
    has neither."""
    body = t
    m = match_number(body)
    if m and m[1]:
        body = m[1]
    else:
        mark = _LIST_MARK.match(body)  # "(a) All agencies should ...", "ii. Review ..."
        if mark:
            body = body[mark.end():]
    p = AGENCY_PREFIX.match(body)
    if p:
        body = body[p.end():]
    else:
        held = _HELD_LABEL.match(body)  # "(All agencies): Establish ...", after "Recommendation 1"
        if held:
            body = body[held.end():]
    return body


_HELD_LABEL = re.compile(r"^\([^()]{1,80}\)\s*[:–—-]\s*(?=\S)")


_LIST_MARK = re.compile(r"^(?:\(?[a-z]{1,4}\)|[a-z]{1,4}\.)\s+(?=[A-Z])", re.I)
#: "Plover Hollow Police to audit ...", "BWA to provide ...": a body named, then what it is to do
_NAMED_TO = re.compile(r"^(?:[A-Z][\w'’&().-]*\s+){1,8}to\s+" + _VERBS + r"\b")


def _name_like(text: str) -> bool:
    """Words of a name: short, most of them capitalised ("Northmere Police", "Children's Services")."""
    words = [w for w in text.split() if w.lower() not in _CONNECTOR]
    named = sum(1 for w in words if w[:1].isupper() or w[:1].isdigit())
    return 0 < len(words) <= 8 and named >= 0.6 * len(words)


_END_SENTENCE = re.compile(r"[.!?]\s+[A-Za-z]|\b(?:should|must|will)\b", re.I)


# -- headers found by their words and the content of the cells under them -------------------------------

#: a lead column named only by "Lead", "Owner", "Who", "Responsible": an organisation or a person,
#: as its cells say
_AMBIGUOUS_LEAD = re.compile(r"^(?:leads?|owners?|who|responsible|responsibility|by whom|accountable|"
                             r"lead\s*/\s*owner|owner\s*/\s*lead|who (?:is )?(?:responsible|leading)|"
                             r"who will (?:lead|do it|do this))\??$", re.I)
_HEADER_CELL_MAX_WORDS = 12
_SAMPLE_ROWS = 20
_SAMPLE_LINES = 60


def _looks_like_header(cells: tuple[str, ...]) -> bool:
    """Cheap test before any content is looked at: at least three short cells, two of them naming a column
    role, and none that reads as data (a sentence, a date, a number, an agency, a person, a status)."""
    if max(map(len, cells)) > 100:  # (every cheap test first: most rows are data, turned away here)
        return False
    non_empty = [c for c in cells if c]
    if len(non_empty) < 3 or non_empty[0][0].isdigit():
        return False
    for c in non_empty:
        if len(c) > 100:
            return False
        words = c.count(" ") + 1
        if words > _HEADER_CELL_MAX_WORDS or (words >= 3 and c[-1] in ".;,") or c[0].isdigit():
            return False
    unnamed = [c for c in non_empty if c.count(" ") >= 8 or role_of(c) is None]
    if len(non_empty) - len(unnamed) < 2:
        return False
    return all(cell_kind(c) in ("short", "text") or _asks_as_header(c) for c in unnamed)


def _asks_as_header(cell: str) -> bool:
    """A header cell that reads as a request only by its modal verb: a question or a phrase naming the
    column ("What needs to change", "Changes that should be made"), short, no sentence, no verb first."""
    return cell.count(" ") <= 5 and cell[:1].isupper() and cell[-1:].isalpha() and \
        not _DIRECTIVE_START.match(cell) and cell_kind(cell) == "directive"


_KEYISH = re.compile(r"^(?:red|amber|green|blue|black|grey|gray|purple|yellow|white|"
                     r"(?:(?:b?rag|status) )?key|legend)\b", re.I)


#: titles of what follows a table in a document: its glossary, an appendix
_AFTER_TABLE = re.compile(r"^(?:\d+(?:\.\d+)*\.?\s+)?(?:glossary|abbreviations|acronyms|appendix|annex|terms used|"
                          r"definitions|key to (?:the )?abbreviations)\b[^.]{0,60}$", re.I)


#: the first header cell of a glossary's table
_GLOSSARY_HEADER = re.compile(r"^(?:abbreviations?|acronyms?|terms?|short ?(?:form|name)|initials)$", re.I)


def _dated(cell: str) -> bool:
    from reviewgraph.records.dates import parse_date_cell
    return len(cell) < 40 and bool(parse_date_cell(cell).dates)


def _sample(lines: list[Line], idx: int, width: int) -> list[tuple[str, ...]]:
    """The rows under the header at ``idx`` (their cleaned cells), up to the next header, for reading
    what each column holds; rows that keep their empty cells first (their positions can be trusted)."""
    full: list[tuple[str, ...]] = []
    other: list[tuple[str, ...]] = []
    for line in lines[idx + 1: idx + 1 + _SAMPLE_LINES]:
        cells = line.clean[:MAX_COLUMNS]
        filled = sum(1 for c in cells if c)
        if filled < 2:
            if filled == 1 and _AFTER_TABLE.match(next(c for c in cells if c)):
                break  # "Abbreviations": its two-cell entries below say nothing of the table's columns
            continue
        if _header_roles(cells) is not None or line.role == "header":
            break
        first = next(c for c in cells if c)
        if filled <= 3 and len(first) < 40 and _KEYISH.match(first):
            continue  # a status key's line ("Red | Not started") says nothing of the table's columns
        positional = line.role == "row" or line.sheet is not None or len(cells) == width or not cells[0]
        (full if positional else other).append(cells)
        if len(full) >= _SAMPLE_ROWS:
            break
    return full or other


def _column_kinds(rows: list[tuple[str, ...]], width: int, need: set[int]) -> list[Counter[str]]:
    """What the cells of the columns ``need`` hold (the others are not read: their words named them)."""
    kinds: list[Counter[str]] = [Counter() for _ in range(width)]
    for row in rows:
        for j, c in enumerate(row[:width]):
            if c and j in need:
                kind = cell_kind(c)
                if kind:
                    kinds[j][kind] += 1
    return kinds


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9(‘'\"“])")


def _asks_by_sentence(rows: list[tuple[str, ...]], j: int) -> bool:
    """Column ``j``'s text read as one run of sentences (its cells may be the wrapped lines of longer
    cells: "Provide written assurance to the" / "Board that officers understand ..."): two or more
    sentences, most of them requests."""
    chunks: list[list[str]] = []
    for row in rows:
        cell = row[j] if j < len(row) else ""
        if not cell:
            continue
        # a line filling most columns starts a row (its other lines fill few: the wrapped text)
        if not chunks or (sum(1 for c in row if c) >= 3 and not cell[:1].islower()):
            chunks.append([])
        chunks[-1].append(cell)
    sentences = [x for chunk in chunks for x in _SENTENCE_END.split(" ".join(chunk)[:5000])
                 if x.count(" ") >= 3]
    if len(sentences) < 2:
        return False
    asks = sum(1 for x in sentences if _cell_traits(x)[0] == "directive")
    return asks >= 0.6 * len(sentences)


def _majority(counter: Counter[str], share: float = 0.5) -> str | None:
    total = sum(counter.values())
    if not total:
        return None
    kind, n = counter.most_common(1)[0]
    if kind in ("agency", "agencies"):  # one agency or several: an organisation column either way
        n = counter["agency"] + counter["agencies"]
        kind = "agencies" if counter["agencies"] > counter["agency"] else "agency"
    return kind if n >= share * total else None


def _reads_as_recommendation(rows: list[tuple[str, ...]], j: int) -> float:
    """How much column ``j``'s cells read as recommendations rather than actions."""
    cells = [row[j] if j < len(row) else "" for row in rows]
    filled = [c for c in cells if c]
    if not filled:
        return 0.0
    asks = sum(1 for c in filled if _MODAL.search(c) or c[:5].lower() == "that ") / len(filled)
    words = sum(c.count(" ") + 1 for c in filled) / len(filled)
    blank = 1 - len(filled) / len(cells)
    return 2 * asks + min(words, 30) / 15 + blank


#: a cell naming a review: its kind ("DHR 9", "SAR 4", "CSPR") or the word
_REVIEW_NAME = re.compile(r"\b(?:DHRs?|SARs?|L?CSPRs?|SCRs?|APRs?|CPRs?|LeDeR)\b|\b(?i:review)\b")


def _names_reviews(rows: list[tuple[str, ...]], j: int) -> bool:
    """Most filled cells of column ``j`` name a review."""
    cells = [row[j] for row in rows if j < len(row) and row[j].strip()]
    named = sum(1 for c in cells if _REVIEW_NAME.search(c) and len(c) <= 120)
    return bool(cells) and named >= 0.8 * len(cells)


def resolve_roles(cells: tuple[str, ...], rows: list[tuple[str, ...]], *,
                  marked: bool = False) -> tuple[str | None, ...] | None:
    """The roles of a header's columns from its words, and, for the columns its words do not name (or
    name ambiguously: "Lead", "Owner", "Who"), from what the cells under them hold. None when the result is
    not an action-plan table (three roles, one of them Recommendation or Action) unless ``marked`` (the
    reader said the row is a table's header, whatever its words).

    >>> resolve_roles(("Ref", "What", "Who", "When"),
    ...               [("R1", "Review the MARAC referral pathway with partners", "Northmere Constabulary",
    ...                 "March 2025")])
    ('number', 'recommendation', 'lead', 'target')
    """
    width = len(cells)
    roles: list[str | None] = [role_of(c) if c else None for c in cells]
    named = sum(1 for r in roles if r)
    twice = {r for r in roles if r and roles.count(r) > 1}
    need = {j for j, r in enumerate(roles)
            if r is None or r in ("lead", "milestones", "recommendation", "review") or r in twice
            or (marked and r in ("progress", "outcome"))}
    kinds = _column_kinds(rows, width, need)
    major = [_majority(k) for k in kinds]
    for j, r in enumerate(roles):
        # "Milestone" over cells that are all dates ("March 2025"): the dates the actions are due by, where
        # no other column gives them; the cells' content wins over the header's word
        if r == "milestones" and "target" not in roles and kinds[j]["date"] and \
                kinds[j]["date"] == sum(kinds[j].values()):
            roles[j] = "target"
    for j, k in enumerate(kinds):
        # long cells some of which ask for something and the rest sentences: requests, some written as
        # statements ("Police to audit ...", "The board reviews ...")
        total = sum(k.values())
        if major[j] in ("text", None) and total and k["directive"] >= 0.4 * total and \
                k["directive"] + k["text"] >= 0.8 * total:
            major[j] = "directive"
        elif major[j] in ("text", "short", None) and roles[j] is None and cells[j] and total >= 3 and \
                _asks_by_sentence(rows, j):
            major[j] = "directive"  # requests wrapped over the lines of a fixed-width table
    for j, c in enumerate(cells):
        # a lead column holding people ("Lead agency including name / role of person" over "Jane Hill
        # Strategic Community Safety Manager") is a named-lead column, whatever its words
        if roles[j] == "lead" and major[j] == "person":
            roles[j] = "lead_person"
    for j, r in enumerate(roles):
        # "Rec" | "Recommendation": the same role twice by the words; cells of references are the numbers.
        # So is a lone "Rec" or "Recommendation" column whose cells are all numbers ("1", "R2"): a response
        # table that refers to the recommendations by number and gives their text elsewhere
        if (r in twice or (r == "recommendation" and kinds[j]["number"] == sum(kinds[j].values()))) and \
                major[j] == "number" and "number" not in roles:
            roles[j] = "number"
    for j, r in enumerate(roles):
        # a "Review" column is the review each row comes from only where its cells name reviews ("Tarnford
        # DHR 9 (Ruth)"); over dates or comments its content decides, as for a column with no header word
        if r == "review" and not _names_reviews(rows, j):
            roles[j] = None
    taken = {r for r in roles if r}
    org_cols = {j for j, m in enumerate(major) if m in ("agency", "agencies")}
    unknown = [j for j, c in enumerate(cells) if c and roles[j] is None]
    dates = [j for j in unknown if major[j] == "date"]
    asks = [j for j in unknown if major[j] == "directive"]
    if len(asks) >= 2 and "recommendation" not in taken and "finding" not in taken:
        # two columns of requests: the recommendation is the one that reads as one ("... should ...",
        # longer, written once over the rows of its actions), whatever the order of the columns
        first = max(asks, key=lambda j: _reads_as_recommendation(rows, j))
        unknown = [first] + [j for j in unknown if j != first]
    for j in unknown:
        kind = major[j]
        role: str | None = None
        if kind == "number" and "number" not in taken:
            role = "number"
        elif kind == "date":
            if "target" in taken:
                role = "start" if j < (roles.index("target")) and "start" not in taken else "target2"
            elif len(dates) >= 2 and j == dates[0] and "start" not in taken:
                role = "start"
            else:
                role = "target"
        elif kind == "status":
            role = "status" if "status" not in taken else "progress"
        elif kind == "scope":
            role = "scope"
        elif kind in ("agency", "agencies"):
            owner = "lead" in taken or "agency" in taken or any(k < j for k in org_cols)
            role = "support" if owner else "lead"
        elif kind == "person":
            role = "lead_person"
        elif kind == "directive":
            role = next((r for r in ("recommendation", "action") if r not in taken), "progress")
            if role == "recommendation" and "finding" in taken:
                role = "action" if "action" not in taken else "progress"
        elif kind == "text":
            role = next((r for r in ("progress", "outcome") if r not in taken), None)
        roles[j] = role
        if role:
            taken.add(role)
    for j, c in enumerate(cells):
        # a column with no header word (a header cell merged across two columns): only content that cannot
        # be mistaken names it
        if c or roles[j] is not None:
            continue
        kind = major[j]
        role = None
        if kind == "number" and "number" not in taken and not any(roles[:j]):
            role = "number"  # the numbers in a first column with no header
        elif kind == "date":
            role = "target" if "target" not in taken else "target2"
        elif kind == "status" and "status" not in taken:
            role = "status"
        elif kind in ("agency", "agencies"):
            role = "support" if ("lead" in taken or "agency" in taken) else "lead"
        elif kind == "person" and "lead_person" not in taken:
            role = "lead_person"
        elif kind == "directive" and "action" not in taken and "recommendation" in taken:
            role = "action"
        roles[j] = role
        if role:
            taken.add(role)
    if "recommendation" not in taken and "finding" in taken:  # the findings are what the actions answer
        roles[roles.index("finding")] = "recommendation"
        taken.add("recommendation")
    if marked and not ({"recommendation", "action"} & taken):
        # a header the reader vouches for: its wordiest column is the recommendation
        texts = [j for j in range(width)
                 if roles[j] in (None, "progress", "outcome") and sum(kinds[j].values())]
        if texts:
            j = max(texts, key=lambda j: sum(len(row[j].split()) for row in rows if j < len(row)))
            roles[j] = "recommendation"
            taken.add("recommendation")
    out = _dedupe(roles)
    found = {r for r in out if r}
    plan_like = {"recommendation", "action"} & found
    if marked:
        return out if plan_like and len(found) >= 2 else None
    non_empty = sum(1 for c in cells if c)
    two = {"recommendation", "action"} <= found  # "Recommendation | Action": a plan, however small
    # (one column named by its words is enough where the cells name the others beyond doubt: numbered
    # requests under "What needs to change", beside "Due")
    sure = named == 1 and len(found) >= 3 and {"number", "recommendation"} <= found
    # "What needs to change" over numbered requests: a header naming the recommendation in other words
    if "recommendation" in found and "change" in cells[out.index("recommendation")].lower() and \
            role_of(cells[out.index("recommendation")]) is None:
        named += 1
    if len(found) == 2 and not two and named == 2 and "recommendation" in found:
        two = _pair_fits(out, rows)  # "By when | Recommendation": requests, and dates beside them
    if not plan_like or (len(found) < 3 and not two) or (named < 2 and not sure) or \
            sum(1 for r in out if r) < 0.6 * non_empty:
        return None
    return out


#: what the cells of a column hold when its role is the one its header word names
_FITS = {"target": ("date",), "start": ("date",), "lead": ("agency", "agencies"), "number": ("number",),
         "status": ("status",), "lead_person": ("person",), "support": ("agency", "agencies")}


def _pair_fits(roles: tuple[str | None, ...], rows: list[tuple[str, ...]]) -> bool:
    """A table of two columns, the recommendation and one other ("By when | Recommendation"): a plan when
    the cells under the recommendation ask for something and those beside them hold what their word says
    (dates under "By when")."""
    if len(rows) < 2:
        return False
    rec = roles.index("recommendation")
    other = next(j for j, r in enumerate(roles) if r and j != rec)
    want = _FITS.get(roles[other].rstrip("2"))  # type: ignore[union-attr]
    if want is None:
        return False
    kinds = _column_kinds(rows, len(roles), {rec, other})
    total = sum(kinds[rec].values())
    return total >= 2 and kinds[rec]["directive"] >= 0.6 * total and \
        sum(kinds[other][k] for k in want) >= 0.6 * sum(kinds[other].values())


def _two_roles(cells: tuple[str, ...]) -> bool:
    """Two header cells and no more, one naming the recommendation and the other another column ("By when
    | Recommendation", "Due | Recommendation from the review")."""
    filled = [c for c in cells if c]
    if len(filled) != 2 or len(filled[0]) > 40 or len(filled[1]) > 40:
        return False
    low = (filled[0] + " " + filled[1]).lower()
    if "rec" not in low and "change" not in low:  # ("What needs to change | By when")
        return False
    roles = [role_of(c) for c in filled]
    if "recommendation" in roles:
        return None not in roles and len(set(roles)) == 2
    # "What needs to change | By when": one cell named by its words, the other read from the rows under it
    return roles.count(None) == 1 and "change" in filled[roles.index(None)].lower()


def _asks_and_acts(cells: tuple[str, ...]) -> bool:
    """Two header cells and no more, naming the recommendation and the action ("Recommendation | What we
    will do")."""
    if cells.count("") != len(cells) - 2:
        return False
    filled = [c for c in cells if c]
    if len(filled[0]) > 40 or len(filled[1]) > 40:
        return False
    a, b = filled[0].lower(), filled[1].lower()
    if not (("rec" in a or "learn" in a or "find" in a) and any(w in b for w in _GATES["action"]) or
            ("rec" in b or "learn" in b or "find" in b) and any(w in a for w in _GATES["action"])):
        return False  # (the words these roles need, before the searches)
    return {role_of(c) for c in filled} in ({"recommendation", "action"}, {"finding", "action"})


def find_headers(lines: list[Line]) -> dict[tuple[str, ...], tuple[str | None, ...]]:
    """Header rows whose roles need the content under them (keyed by their cleaned cells, for
    :func:`header_scope`): rows whose words name some columns but not all, or name a lead ambiguously, and
    rows a reader marked ``role="header"``. Headers the words alone resolve are left to
    :func:`detect_header`."""
    out: dict[tuple[str, ...], tuple[str | None, ...]] = {}
    for idx, line in enumerate(lines):
        marked = line.role == "header"
        if not marked and (len(line.cells) < 2 or line.role in ("heading", "paragraph", "item")):
            continue
        cells = line.clean
        if len(cells) > MAX_COLUMNS:
            cells = cells[:MAX_COLUMNS]
        if cells in out:
            continue
        key = cells
        if "" in cells and any(c.strip() == "#" for c in line.cells[:MAX_COLUMNS]):
            # "#" over the numbers: a header word the cleaning drops as punctuation
            cells = tuple("#" if not c and j < len(line.cells) and line.cells[j].strip() == "#" else c
                          for j, c in enumerate(cells))
        if _GLOSSARY_HEADER.match(next((c for c in cells if c), "")):
            continue  # "Abbreviation | Meaning": a glossary's table, never a plan
        words = _header_roles(cells) if len(cells) >= 3 else None
        if not (marked or words is not None or _looks_like_header(cells) or _asks_and_acts(cells) or
                _two_roles(cells)):
            continue
        if words is not None and not marked and all(cells) and key == cells and \
                all(r for c, r in zip(cells, words) if c) and not {"lead", "review"} & set(words) and \
                not any(r and r.endswith("2") for r in words):
            continue  # every column named by its words, once, and no lead column to read
        if not marked and any(c and (match_number(c) is not None or _dated(c)) for c in cells):
            continue  # a recommendation's number or a date: a row of the table, never its header
        rows = _sample(lines, idx, len(cells))
        if not rows and words is None:
            continue
        roles = resolve_roles(cells, rows, marked=marked)
        if roles is not None and (roles != words or key != cells):
            out[key] = roles
    return out


def match_number(cell: str) -> tuple[str, str] | None:
    """(number, rest of the cell) when a cell starts with a recommendation number.

    >>> match_number("17.3 That NPS provides")
    ('17.3', 'That NPS provides')
    >>> match_number("2019 review") is None
    True
    """
    m = REC_NUMBER.match(cell)
    if not m:
        return None
    number = m.group(1)
    head = number.split(".")[0].rstrip("abcdefghijklmnopqrstuvwxyz")
    if not head.isdigit() or int(head) == 0 or int(head) > 300:
        return None
    rest = cell[m.end():].strip()
    # "18 questions", "24 hours": a count, not a number heading a recommendation
    if rest and rest[0].islower() and not cell.strip()[len(number):].startswith((".", ")", ":")):
        return None
    return number, rest


@lru_cache(maxsize=8192)
def _traits(cell: str) -> tuple[int, bool, bool, bool, bool, bool]:
    """What :func:`_fit` looks at in a cell, found once per cell rather than once per column: (words, a
    date, a status word, a number, a scope word, an "AGENCY:" prefix), each test only where it can count."""
    text = cell.strip()
    words = len(text.split())
    return (words, bool(_DATEISH.search(text)), words <= 4 and bool(_STATUSISH.search(text)),
            words <= 2 and bool(match_number(text)), words <= 6 and bool(_SCOPE_WORDS.match(text)),
            bool(AGENCY_PREFIX.match(text)))


def _fit(cell: str, base: str | None) -> float:
    """How well a cell fits a column whose role (read as :func:`base_role`) is ``base``."""
    if base is None:
        return -0.5
    words, dateish, statusish, number, scope, prefixed = _traits(cell)
    if base in ("progress", "status") and words <= 4 and statusish:
        return 2.0
    if base == "number":
        return 3.0 if number and words <= 2 else -4.0
    if base == "scope":
        return 3.0 if scope and words <= 6 else (-0.5 if words <= 4 else -3.0)
    if base in DATE_ROLES:
        if dateish and words <= 12:
            return 3.0
        return -3.0 if words > 3 else -1.0
    if base == "status":
        return 2.0 if words <= 4 else -1.0
    if base == "lead":
        if words <= 14 and not dateish:
            # a short request ("Review the procedure") is an action, not who leads it
            return 0.3 if words >= 2 and _DIRECTIVE_START.match(cell) else 1.5
        return -2.0 if words > 25 else -0.5
    if base == "agency":
        return 1.5 if words <= 10 else -1.0
    # text columns
    if prefixed:
        return 2.0 if base == "action" else -1.0
    if dateish and words <= 3:
        return -1.5
    return 1.0 if words >= 4 else 0.3


@lru_cache(maxsize=4096)
def _align_cached(texts: tuple[str, ...], positions: tuple[int, ...], roles: tuple[str | None, ...],
                  positional: bool) -> tuple[int, ...]:
    n, m = len(texts), len(roles)
    bases = [_BASE_OF.get(r) if r in _BASE_OF else base_role(r) for r in roles]
    neg = float("-inf")
    best = [[neg] * m for _ in range(n)]
    back = [[-1] * m for _ in range(n)]
    bonus = 5.0 if positional else 0.6
    for i in range(n):
        text, position, row, back_row = texts[i], positions[i], best[i], back[i]
        prev_row = best[i - 1]
        for j in range(i, m - (n - 1 - i)):
            fit = _fit(text, bases[j]) + (bonus if position == j else 0.0)
            if i == 0:
                row[j] = fit
                continue
            prev_best, prev_j = neg, -1
            for k in range(i - 1, j):
                score = prev_row[k] - 0.4 * (j - k - 1)  # prefer cells that sit side by side
                if score > prev_best:
                    prev_best, prev_j = score, k
            if prev_j >= 0:
                row[j] = prev_best + fit
                back_row[j] = prev_j
    j = max(range(m), key=lambda c: best[n - 1][c])
    cols = [0] * n
    for i in range(n - 1, -1, -1):
        cols[i] = j
        j = back[i][j]
    return tuple(cols)


def align(cells: tuple[str, ...], roles: tuple[str | None, ...], *,
          keep_positions: bool = False) -> dict[int, str]:
    """Column index -> text for a row's cells, by content and order.

    Cells keep their order. ``keep_positions`` (a row a reader read from a real table: a spreadsheet, a
    Word table, a CSV record) puts every cell under its own column. Otherwise, when the row keeps its empty
    cells (it starts with a tab, or has as many cells as the header) positions are trusted strongly, and
    else the best fit decides (text extracted from PDF, which loses empty cells). Only the first
    :data:`MAX_COLUMNS` cells are read.

    >>> roles = ("number", "recommendation", "scope", "action", "lead", "start", "target")
    >>> align(("Meetings held in Durham with MARAC", "NPS", "Jan 2010", "April 2021"), roles)
    {3: 'Meetings held in Durham with MARAC', 4: 'NPS', 5: 'Jan 2010', 6: 'April 2021'}
    >>> align(("", "Meetings held in Durham", "NPS"), roles, keep_positions=True)
    {1: 'Meetings held in Durham', 2: 'NPS'}
    """
    if len(cells) > MAX_COLUMNS:
        cells = cells[:MAX_COLUMNS]
    roles = roles[:MAX_COLUMNS]
    items = [(i, c) for i, c in enumerate(cells) if c.strip()]
    if not items:
        return {}
    m = len(roles)
    if keep_positions:
        out: dict[int, str] = {}
        for i, text in items:
            col = min(i, m - 1)  # cells beyond the header's last column join it
            out[col] = f"{out[col]} {text}" if col in out else text
        return out
    if len(items) > m:  # more cells than columns: the surplus joins the last column
        head, tail = items[: m - 1], items[m - 1:]
        items = [*head, (tail[0][0], " ".join(c for _, c in tail))]
    positional = (not cells[0].strip()) or len(cells) == m
    texts = tuple(c for _, c in items)
    positions = tuple(min(i, m - 1) for i, _ in items)
    cols = _align_cached(texts, positions, tuple(roles), positional)
    out = {}
    for col, text in zip(cols, texts, strict=True):
        out[col] = f"{out[col]} {text}" if col in out else text
    return out
