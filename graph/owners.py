"""Who owns a recommendation: one rule, in the order the documents give the answer.

1. **The lead / owner column or field** of an action plan ("Lead agency", "Responsible agency", "Owner"):
   its cell names the owner; a blank cell, "TBC", "N/A" or "-" in that column means the plan gives **no
   owner** (a gap to show), never the partnership by default.
2. **An inline label**: "Recommendation 4 (Northmere Constabulary):", "Northmere Constabulary: text".
3. **The subject of the sentence**: "Northmere Constabulary should ...", "That the Partnership ..." ("the
   Board", "the Partnership", "the Panel" are the board or partnership that published the review).
4. **The agency heading** the recommendation sits under.

Acronyms resolve through the document's own glossary first, then the registry. A department stays a
department: "Wrenford Borough Council - Children's Services" is owned by Children's Services, which is
linked to the council (``MEMBER_OF``). Collective owners ("All agencies") stay collective. A name that
reads as a person or a job title ("Head of Safeguarding") is not an owner.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from reviewgraph.graph.agency_text import POST_HEAD, english_words, person_spans, post_spans, tokens, type_keywords
from reviewgraph.graph.agencies import Resolution, shared_of
from reviewgraph.graph.ids import agency_id
from reviewgraph.graph.model import Agency
from reviewgraph.records.glossary import expand
from reviewgraph.records.normalize import ORG_CUE

__all__ = ["OwnerSource", "decide_owner", "english_side", "lead_agency", "NO_OWNER", "department_of", "is_publisher", "subject_of"]

#: what a lead cell says when it names nobody
NO_OWNER = re.compile(r"^\s*(?:|-+|–|—|n/?a|tbc|tbd|tba|none|not applicable|not known|unknown|\?+|"
                      r"to be (?:confirmed|agreed|decided))\s*\.?\s*$", re.I)
#: "the Board", "the Partnership", "the Panel", "the SAB", "the CSP": the body that published the review
_PUBLISHER = re.compile(r"^(?:the\s+)?(?:(?:review|dhr|sar|cspr)\s+)?(?:board|partnership|panel|csp|sab|"
                        r"lscp|scp|safeguarding (?:adults|children) (?:board|partnership)|"
                        r"community safety partnership|safeguarding partnership|(?:dhr|review) panel)$", re.I)
_DEPARTMENT = re.compile(
    r"\b(?:services?|social care|social work|department|directorate|division|team|unit|public health|"
    r"housing|education|safeguarding|community safety|substance misuse|early help|commissioning|"
    r"children|adults?|mental health|health visiting|school nursing|sub-?groups?|committee|panel|"
    r"protection|options)\b", re.I)
#: the organisations a department belongs to
_PARENT = re.compile(r"\b(?:council|authority|trust|police|constabulary|board)\b|"
                     r"(?-i:\b(?:SAB|LSCP|SCP|ICB|CSP)\b)|"
                     r"(?-i:\b[A-Z]{0,3}(?:BC|CC|DC)\b)", re.I)  # "Wrenford BC", "NCC": a council
#: "Department (Organisation)"
_HELD_BY = re.compile(r"^([^()]+?)\s*\(([^()]+)\)$")
_SPLIT = re.compile(r"\s+[-–—:/]\s+|\s*[–—]\s*|,\s+")
#: the last word of a team's or a function's name inside an organisation ("Housing Options Team")
_TEAM_WORDS = frozenset("team teams service services unit department directorate hub desk function".split())
#: a note in brackets after a glossary's expansion, in lower case ("(mental health)"); "(Ashby Vale Council)"
#: says whose department it is, and stays
_NOTE_AFTER = re.compile(r"\s*\((?=[a-z])[^()]*\)\s*$")
_LIST_SEP = re.compile(r"\s*(?:/|,|&|\band\b)\s*")
_ACRONYM = re.compile(r"^[A-Z][A-Z&]{1,7}(?:\s+[A-Z][A-Z&]{1,7}){0,3}$")
_PERSONISH = re.compile(r"^(?:head|manager|director|chair|lead|officer|coordinator|co-ordinator|chief|"
                        r"deputy|assistant|senior|principal|designated|named|mr|mrs|ms|miss|dr|dci|di|ds|"
                        r"supt|superintendent|inspector|detective|professor)\b", re.I)


_OPENING = re.compile(r"^(?:[-•*·▪◦]\s*|\(?[0-9ivxa-h]{1,4}[.)]\s+)?(?:(?:it is|we|the (?:review|panel|board) "
                      r"(?:recommends?|recommended))\s+that\s+|recommend(?:ed|s)? that\s+|that\s+)?", re.I)
_VERB = re.compile(
    r"\b(?:should|must|will|shall|needs? to|is to|are to|to|(?:ensure|review|provide|develop|consider|seek|"
    r"undertake|implement|raise|share|deliver|put|write|work|commission|establish|promote|produce|audit|"
    r"update|agree|continue|make|take|introduce|include|circulate|disseminate|target|direct|strengthen|"
    r"improve|embed|adopt|explore|assure|reinforce|revise|monitor|report|identify|engage|lead|create|"
    r"require|publish|hold|offer|support|check|carry|set|give|receive|satisfy|conduct|build|extend)s?)\b",
    re.I)
#: a capitalised name followed by a verb in the third person: "Wrenford BC - Housing Services embeds ..."
_NAME_THEN_VERB = re.compile(r"^(?:the\s+)?[A-Z][\w'’&.()-]*(?:\s+(?:[A-Z0-9][\w'’&.()-]*|of|and|for|the|&|-|–|—|"
                             r"upon|on|in))*?(?=\s+[a-z]+(?<![su])s\b)")
_LABEL = re.compile(r"^((?:[A-Z][\w'’&.()-]*|of|and|for|the|&)(?:\s+(?:[A-Z][\w'’&.()-]*|of|and|for|the|&|-|–)){0,9})"
                    r"\s*[:–—]\s+(?=[A-Z])")
_MODAL = re.compile(r"(?:should|must|will|shall|needs? to|is to|are to|to)$", re.I)
_COLLECTIVE = re.compile(r"^(?:all|each|every)(?: (?:of the|relevant|partner|constituent|member|statutory|"
                         r"participating|involved|other))* (?:agenc(?:y|ies)|organisations?|partners?|services)\b",
                         re.I)


def subject_of(text: str) -> str | None:
    """The owner a recommendation names as the subject of its sentence, as written; None when its subject
    is no organisation ("Ensure that ...", "Staff should ...").

    >>> subject_of("That Northmere Constabulary should review its training.")
    'Northmere Constabulary'
    >>> subject_of("The Board to seek assurance from partners.")
    'The Board'
    >>> subject_of("That each constituent agency of the Partnership provides assurance.")
    'All agencies'
    >>> subject_of("Ensure that staff are trained.") is None
    True
    """
    body = _OPENING.sub("", text.strip(), count=1)
    if _COLLECTIVE.match(body):
        return "All agencies"
    label = _LABEL.match(body)  # "TWA: Ensure that ...", "All agencies: Strengthen ...": a label before the text
    if label:
        body = label.group(1) + " should"
    verb, name = _VERB.search(body[:200]), _NAME_THEN_VERB.match(body[:200])
    if verb and _MODAL.match(verb.group(0)) and len(body[: verb.start()].split()) <= 14:
        name = None  # "GP practices should ...": the modal ends the subject, not "practices"
    ends = ([verb.start()] if verb else []) + ([name.end()] if name else [])
    if not ends or min(ends) == 0:
        return None
    subject = body[: min(ends)].split(",")[0].strip(" ,;:")
    words = [w for w in subject.split() if any(c.isalnum() for c in w)]
    if not 1 <= len(words) <= 14:
        return None
    if _COLLECTIVE.match(subject):
        return "All agencies"
    if is_publisher(subject):
        return subject
    # a name: its words capitalised (small words and a leading "the" aside); whether it names an
    # organisation is for the resolver (a registry name, an organisation's words, an acronym)
    named = [w for w in words if w.lower() not in _STOP]
    if named and all(w[0].isupper() or w[0].isdigit() for w in named):
        return subject
    return None


@dataclass(frozen=True)
class OwnerSource:
    """One candidate answer: the text as written and where it came from ("column", "label", "subject",
    "heading"); ``text`` None for a lead column left blank (or "TBC")."""

    how: str
    text: str | None


def is_publisher(text: str) -> bool:
    """'the Board', 'The Partnership', 'the DHR Panel': the body that published the review.

    >>> is_publisher("the Safeguarding Adults Board"), is_publisher("Northmere Police")
    (True, False)
    """
    return bool(_PUBLISHER.match(re.sub(r"\s+", " ", text.strip().strip(".,:;"))))


def department_of(text: str) -> tuple[str, str] | None:
    """(organisation, department) of "Wrenford Borough Council - Children's Services", else None.

    >>> department_of("Wrenford Borough Council - Children's Services")
    ('Wrenford Borough Council', "Children's Services")
    >>> department_of("Children's Social Care (Ashby Vale Council)")
    ('Ashby Vale Council', "Children's Social Care")
    >>> department_of("Northmere Constabulary") is None
    True
    >>> department_of("Northmere NHS Foundation Trust - Leslie Stanlow Safeguarding Lead") is None
    True
    """
    parts = [p.strip(" .") for p in _SPLIT.split(text.strip(), maxsplit=1)]
    held = _HELD_BY.match(text.strip())
    if held:  # "Children's Social Care (Ashby Vale Council)"
        parts = [held.group(2), held.group(1)]
    if len(parts) != 2 or not all(parts):
        # no separator: "Northmere County Council Adult Social Care", "SAB Policy and Procedures Subgroup"
        for m in reversed(list(_PARENT.finditer(text))):
            org, dept = text[: m.end()].strip(), text[m.end():].strip(" .")
            if dept and dept[:1].isupper():
                parts = [org, dept]
                break
        else:
            return None
    org, dept = parts
    if (_PARENT.search(org) and _DEPARTMENT.search(dept) and not _PARENT.search(dept) and len(dept) <= 80
            and len(dept.split()) <= 8 and not _names_someone(dept)):
        return org, dept
    return None


def _names_someone(text: str) -> bool:
    """Whether a would-be department names a person or a post ("Leslie Stanlow Safeguarding Lead",
    "Head of Service"): a department node must never carry a person's name, nor a post's title."""
    toks = tokens(text)
    people = person_spans(toks)
    return bool(people or post_spans(toks, people, anywhere=True))


def decide_owner(sources: Iterable[OwnerSource], resolve: Callable[[str], Resolution | None],
                 publisher: Resolution | None, glossary: dict[str, str]) -> tuple[Resolution | None, str | None]:
    """The owner and how it was found, from the candidate ``sources`` (in any order; the rule's order is
    applied here). ``resolve`` turns a name into an agency (the registry and the unknown organisations met),
    ``publisher`` is the board or partnership that published the review."""
    by_how: dict[str, list[str | None]] = {}
    for s in sources:
        by_how.setdefault(s.how, []).append(s.text)
    for how in ORDER:
        texts = by_how.get(how)
        if not texts:
            continue
        # "TBC" is no owner, unless the document's glossary says it is a body (Thistlecombe Borough Council)
        named = [t for t in texts if t and (not NO_OWNER.match(t) or t.strip(" .") in glossary)]
        if how == "column" and not named:
            return None, "column"  # the plan has a lead column and leaves it blank: no owner
        for text in named:
            res = _owner(text, resolve, publisher, glossary)
            if res is None:
                continue
            if how in ("label", "subject"):
                # the heading above may name the same body more fully ("The Probation Trust" under
                # "Warwickshire Probation Trust", "Children's Services" under "X Council - Children's Services")
                fuller = _fuller_heading(res, text, by_how.get("heading", []), resolve, publisher, glossary)
                if fuller is not None:
                    return fuller, "heading"
            if how == "column":
                said = _said_to(res, by_how.get("subject", []), resolve, publisher, glossary)
                if said is not None:
                    return said, "subject"
            return res, how
    return None, None


def _said_to(column: Resolution, subjects: list[str | None], resolve: Callable[[str], Resolution | None],
             publisher: Resolution | None, glossary: dict[str, str]) -> Resolution | None:
    """The bodies the recommendation's own sentence is addressed to, where the plan's lead column names one
    of them ("Ostley Police and Ostley Community Health Services should ..." led by the police: both own it).
    One body other than the lead is left to the lead column: mostly it names a part of that body or the same
    body otherwise ("Saltmarsh Borough Council should ..." led by "Adult Social Care")."""
    for text in subjects:
        if not text or is_publisher(text) or _COLLECTIVE.match(text):
            continue
        said = _owner(text, resolve, publisher, glossary)
        if said is not None and said.shared and column.agency.id in {p.agency.id for p in said.parts}:
            return said
    return None


_STOP = frozenset("the and of for & a an in".split())


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9']+", text.lower().replace("’", "'")) if w not in _STOP}


def _fuller_heading(res: Resolution, written: str, headings: list[str | None],
                    resolve: Callable[[str], Resolution | None], publisher: Resolution | None,
                    glossary: dict[str, str]) -> Resolution | None:
    """The heading's agency where it is the body ``res`` names (its words all in the heading's), else None."""
    if res.shared:
        return _parts_named_by(res, headings, resolve, publisher, glossary)
    for heading in headings:
        if not heading:
            continue
        head = _owner(heading, resolve, publisher, glossary)
        if head is None or head.shared or head.agency.id == res.agency.id:
            continue
        around = _words(heading) | _words(head.agency.name) | {w for a in head.agency.aliases for w in _words(a)}
        if head.department_of is not None:
            around |= _words(head.department_of.agency.name)
        if (_words(written) <= around or _words(res.agency.name) <= around) and _words(written):
            return head
    return None


def lead_agency(text: str | None, resolve: Callable[[str], Resolution | None], publisher: Resolution | None,
                glossary: dict[str, str]) -> Resolution | None:
    """The organisation an action's lead cell names, read as a recommendation's owner is (the document's
    glossary, a council's department, the organisation's part of a cell that names a person or a post), or
    None. An organisation nobody registered is taken only where the words say it is one (a body's kind:
    "Police", "Trust", "Service"), the glossary gave it, or it is a department of one that is: a lead cell
    is often a post ("DI", "CEO") or a team."""
    if not text:
        return None
    res = _owner(text, resolve, publisher, glossary)
    if res is None:
        return None
    if res.resolved or res.shared or res.department_of is not None or ORG_CUE.search(res.agency.name) or \
            res.agency.name in glossary.values():
        return res
    return None


def _owner(text: str, resolve: Callable[[str], Resolution | None], publisher: Resolution | None,
           glossary: dict[str, str]) -> Resolution | None:
    text = re.sub(r"^the\s+", "", re.sub(r"\s+", " ", text).strip(" .,:;"), flags=re.I)
    if not text:
        return None
    text = english_side(text)
    expanded = _expand(text, glossary) or _fuller_entry(text, glossary)  # the document's own words first
    # ("SCP" may be a police force; "Children's Social Care" may be defined as a council's department)
    if not expanded and is_publisher(text):
        return _which_publisher(text, publisher)
    if _COLLECTIVE.match(text):  # "each constituent agency of the CSP", "all partner agencies"
        text = "All agencies"
    if expanded:
        expanded = _NOTE_AFTER.sub("", expanded)  # "North Lowmarsh Foundation Trust (mental health)": a note
        listed = _listed(text, resolve, publisher, glossary)
        if listed is not None:
            return listed
        res = _owner(expanded, resolve, publisher, {})
        return _keep_alias(res, text) if res is not None else None
    split = department_of(text)
    if split:
        org, dept = split
        # the organisation's part reads as one already (department_of checked it names a council, a trust...)
        parent = _owner(org, resolve, publisher, glossary) or resolve(_expand(org, glossary) or org)
        if parent is not None and not parent.shared:
            return _department(parent, dept, text)
    if _PERSONISH.match(text):
        return None
    res = resolve(text)
    if res is None:
        return None
    if not res.resolved and not res.shared and _post_of_a_team(text, res.agency.name):
        return None
    if not res.resolved and not res.shared and len(res.agency.name) < len(text) and res.agency.name in text:
        # the organisation's part of a cell that also names a person ("Drew Brockhurst Safeguarding Lead
        # WDAS"): read as written alone, so the document's glossary expands it
        part = _owner(res.agency.name, resolve, publisher, glossary)
        if part is not None:
            return part
    if res.resolved or res.shared or _looks_organisation(res.agency.name) or _ACRONYM.match(text):
        return res
    return None


def _post_of_a_team(text: str, name: str) -> bool:
    """A post in a team nobody names ("Tenancy Services Manager", "Housing Options Team Leader"): the words
    left when the post's title is taken off are common words and kinds of body only, with no name, place or
    acronym that would say whose team it is. Such a cell names a person's job, not an organisation."""
    words, left = text.split(), name.split()
    if len(left) >= len(words) or words[:len(left)] != left or not {w.lower() for w in words[len(left):]} & POST_HEAD:
        return False  # the post after the team's words; "Head of Service Egret Cross Recovery Service" is the service's
    if not left or left[-1].lower() not in _TEAM_WORDS:
        return False  # "Kestrel Vale Housing Manager": a place's words may be common words too
    common = english_words()
    return all(w.islower() or not w.isupper() and (
        w.lower() in common or w.lower().endswith("s") and w.lower()[:-1] in common or type_keywords([w.lower()]))
        for w in left)


#: the order of the rule; "lead" (an organisation leading one of the actions, where the plan has no lead
#: column of organisations) comes last
ORDER = ("column", "label", "subject", "heading", "lead")


def _parts_named_by(res: Resolution, headings: list[str | None], resolve: Callable[[str], Resolution | None],
                    publisher: Resolution | None, glossary: dict[str, str]) -> Resolution | None:
    """A joint owner ("The CCG and Local Area Team") whose part the heading names more fully ("North
    Warwickshire Clinical Commissioning Group"): the same joint owner with that part named so."""
    for heading in headings:
        head = _owner(heading, resolve, publisher, glossary) if heading else None
        if head is None or head.shared:
            continue
        around = _words(heading or "") | _words(head.agency.name) | {w for a in head.agency.aliases
                                                                     for w in _words(a)}
        parts = [head if _words(p.agency.name) <= around and p.agency.id != head.agency.id else p
                 for p in res.parts]
        if any(p is head for p in parts):
            name = " / ".join(p.agency.name for p in parts)
            agency = res.agency.model_copy(update={"id": agency_id(name), "name": name})
            return replace(res, agency=agency, parts=tuple(parts))
    return None


def _which_publisher(text: str, publisher: Resolution | None) -> Resolution | None:
    """The body "the Board" or "the Partnership" means: of a joint review's two publishers (a partnership
    and a board), the one of that kind."""
    if publisher is None or not publisher.shared or not publisher.parts:
        return publisher
    kind = next((w for w in ("board", "partnership", "panel") if w in text.lower()), None)
    if kind is None and re.search(r"\b(?:SAB|LSCP|SCP)\b", text):
        kind = "board"
    if kind is None and re.search(r"\bCSP\b", text):
        kind = "partnership"
    chosen = [p for p in publisher.parts if kind and kind in p.agency.name.lower()]
    return chosen[0] if len(chosen) == 1 else publisher


#: words of Welsh bodies' names ("Cyngor Sir ...", "Heddlu ...", "Bwrdd Iechyd Prifysgol ...")
_WELSH = frozenset("""cyngor sir heddlu bwrdd iechyd prifysgol gwasanaeth gwasanaethau ymddiriedolaeth cymdeithasol
plant oedolion llywodraeth cymru diogelu tan tân achub ambiwlans bwrdeistref dinas partneriaeth rhanbarthol
cenedlaethol gofal""".split())
_TWO_NAMES = re.compile(r"^(?P<a>[^()/]+?)\s*(?:/|\((?P<b2>[^()]+)\)$)\s*(?P<b>[^()/]*)$")


def english_side(text: str) -> str:
    """A body named in Welsh and English ("Cyngor Sir Cwm Aderyn / Cwm Aderyn County Council", "Bwrdd Iechyd
    Prifysgol Cwm Aderyn (Cwm Aderyn University Health Board)", either order): the English name, so that both
    spellings are one body; any other text as it is.

    >>> english_side("Heddlu Cwm Aderyn / Cwm Aderyn Police"), english_side("Northmere Police / NPS")
    ('Cwm Aderyn Police', 'Northmere Police / NPS')
    """
    m = _TWO_NAMES.match(text)
    if m is None:
        return text
    a, b = m.group("a").strip(), (m.group("b2") or m.group("b")).strip()
    if not a or not b:
        return text
    welsh_a, welsh_b = (bool({w.lower() for w in x.split()} & _WELSH) for x in (a, b))
    if welsh_a and not welsh_b:
        return b
    if welsh_b and not welsh_a:
        return a
    return text


def _listed(text: str, resolve: Callable[[str], Resolution | None], publisher: Resolution | None,
            glossary: dict[str, str]) -> Resolution | None:
    """Acronyms the glossary defines, listed ("NLFT and CAMHS", "HPol / HCS", "LCS, LWP & BHT"): each body on
    its own, together the owner (not one body named by their expansions run together, nor the second a
    department of the first)."""
    pieces = [p for p in _LIST_SEP.split(text.strip()) if p]
    if len(pieces) < 2 or not all(p in glossary for p in pieces):
        return None
    parts: list[Resolution] = []
    for piece in pieces:
        res = _owner(piece, resolve, publisher, glossary)
        if res is None or res.shared:
            return None
        if all(p.agency.id != res.agency.id for p in parts):
            parts.append(res)
    return shared_of(parts, text) if len(parts) > 1 else parts[0]


def _looks_organisation(name: str) -> bool:
    return bool(ORG_CUE.search(name))


def _expand(text: str, glossary: dict[str, str]) -> str | None:
    """The glossary's expansion of an acronym, or of a sequence of them ("WBC ASC", "NC / WBC")."""
    return expand(text, glossary) if glossary else None


def _fuller_entry(text: str, glossary: dict[str, str]) -> str | None:
    """The glossary's entry a name is the head of: "Children's Social Care" in "CSC: Children's Social Care
    (Ashby Vale Council)" gives the entry, which names the organisation the department belongs to."""
    key = text.lower()
    for value in glossary.values():
        held = _HELD_BY.match(value.strip())
        if held and held.group(1).lower() == key:
            return value
    return None


def _keep_alias(res: Resolution, alias: str) -> Resolution:
    if alias in res.agency.aliases or alias == res.agency.name:
        return res
    return replace(res, agency=res.agency.model_copy(update={"aliases": [*res.agency.aliases, alias]}))


def _department(parent: Resolution, dept: str, written: str) -> Resolution:
    """An agency node for the department, a part of its organisation (``MEMBER_OF`` it), named with its
    organisation ("Northmere County Council Adult Social Care"): beside other councils' departments, and the
    registry's generic "Adult Social Care", a bare "Adult Social Care" would not say whose it is."""
    org = parent.agency
    name = f"{org.name} {dept}"
    dept_agency = Agency(id=f"{agency_id(org.name)}/{agency_id(dept).split(':', 1)[1]}", name=name,
                         aliases=[written] if written != name else [], sector=org.sector,
                         doc=org.doc, line_start=org.line_start, line_end=org.line_end)
    return Resolution(agency=dept_agency, score=parent.score, resolved=parent.resolved, department_of=parent)
