"""Who a recommendation is addressed to, from its own words: an inline label ("Northmere Constabulary: ...",
"Northmere Constabulary — ...", "(Lead: Wrenford Council)", a "Lead agency: X" line) or the subject of its
sentence ("Northmere Constabulary should ...", "That Wrenford Borough Council reviews ...", "The Board
should ...", "All agencies should ..."). An imperative with no subject ("Ensure that ...") has no owner.

Used by the report parser and usable on a table cell ("Agency: text"). A phrase counts as an organisation
when the agency registry knows it, when its head word names a kind of body (Police, Council, Trust, Board,
Partnership, CCG, ...), or when it is made of acronyms; nothing else is guessed.

>>> from reviewgraph.graph.agencies import AgencyRegistry
>>> reg = AgencyRegistry.load()
>>> split_owner_label("Northmere Constabulary: Review the DVDS process.", reg)
('Northmere Constabulary', 'Review the DVDS process.')
>>> subject_owner("That Wrenford Borough Council reviews its protocol.", reg)
'Wrenford Borough Council'
>>> subject_owner("Ensure that staff are trained.", reg) is None
True
"""

from __future__ import annotations

import re

from reviewgraph.graph.agencies import AgencyRegistry
from reviewgraph.ingest.rec_items import MODALS, SUBJECT_VERBS

__all__ = ["is_agency_phrase", "split_owner_label", "lead_label", "subject_owner", "find_owner",
           "trailing_owner"]

#: head words that make a phrase an organisation ("Northmere Constabulary", "the local authority")
_ORG_WORDS = frozenset("""
police constabulary force forces council councils service services trust trusts hospital hospitals ccg ccgs
icb icbs nhs nhse partnership partnerships board boards group team care probation company crc nps agency
agencies authority authorities practice practices gp gps surgery ambulance housing homes health social panel
commissioner commissioners opcc court courts cps prison prisons school schools college university centre unit
department departments office offices association charity refuge safeguarding foundation network provider
providers commissioning division directorate hub project executive ministry government sab lscp lscb csp
aid forum committee commission inspectorate alliance consortium federation ltd limited plc cic llp
""".split())
_PREPOSITIONS = frozenset("of for in within across at".split())
_ACRONYM = re.compile(r"^\(?[A-Z][A-Z&]{1,5}s?\)?$")
_COLLECTIVE = re.compile(r"^(?:all|each|every)\s+(?:(?:relevant|partner|member|statutory|constituent|"
                         r"participating|involved|local|other)\s+)*(?:agencies|agency|organisations?|"
                         r"partners|services|bodies|providers)\b", re.I)
_SPLIT = re.compile(r"\s*(?:,|\band\b|&|/)\s*", re.I)
_LEAD_LINE = re.compile(r"^\(?\s*(?:lead(?:\s+(?:agency|agencies|organisation|partner|body|officer))?|"
                        r"owner|agency|(?:addressed\s+)?to|"
                        r"organisation|"
                        r"responsible\s+(?:agency|body|organisation|lead)|responsibility|accountable\s+(?:body|"
                        r"agency)|agency\s+responsible)\s*[:\-–—]\s*(?P<who>[^()]{2,120}?)\s*\)?\.?$", re.I)
_LEAD_INLINE = re.compile(r"\s*[(\[]\s*(?:lead(?:\s+(?:agency|agencies|organisation|partner|body))?|owner|"
                          r"responsible(?:\s+agency)?)\s*[:\-–—]\s*(?P<who>[^()\[\]]{2,120}?)\s*[)\]]\.?",
                          re.I)
_LEAD_END = re.compile(r"(?<=[.;])\s+(?:lead(?:\s+(?:agency|organisation|body))?|owner|responsible\s+agency)"
                       r"\s*:\s*"
                       r"(?P<who>[^.;:()]{2,80}?)\.?$", re.I)
_LEAD_WORDS = ("lead", "owner", "responsib", "accountab")
_LABEL_COLON = re.compile(r"(?:agency|organisation)\s*:")
_LABEL = re.compile(r"^(?P<who>[A-Z(][^:;.!?—–]{1,80}?)\s*(?::|\s[-–—]\s|[–—])\s*(?P<rest>\S.*)$")
_TRAILING = re.compile(r"\s*\((?P<who>[^()]{3,80})\)\s*\.?$")
_REC_FOR = re.compile(r"^recommendations?\s+(?:for|to)\s+", re.I)
_DEPT_LABEL = re.compile(r"^(?P<who>[A-Z][^:;.!?]{1,60}?\s[-–—]\s[A-Z][^:;.!?\-–—]{1,40}?)\s*:\s*"
                         r"(?P<rest>\S.*)$")
_RECOMMENDS_THAT = re.compile(r"^(?:that\s+)?(?:it\s+is\s+recommended\s+that|(?:the\s+)?(?:panel|review|"
                              r"dhr|sar|author|chair|reviewer)s?\s+recommends?\s+that|we\s+recommend\s+that)\s+",
                              re.I)
_THAT = re.compile(r"^that\s+", re.I)
_ASKED = frozenset("asked requested invited encouraged expected required".split())
_PASSIVE = re.compile(r"^(?:not\s+)?be\s+\w+(?:ed|en|wn|t)\b")
_ASKED_PASSIVE = re.compile(r"^be\s+(?:asked|required|invited|expected|encouraged|supported)\b")
_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.I)
_SPACES = re.compile(r"\s+")
_SPACE_PUNCT = re.compile(r"\s+([.,;:])")
_TOPIC = re.compile(r"^[A-Z][\w'’ -]{0,40}:\s+(?=\S)")
_FUNCTION = frozenset("the a an of for and in on at to by with within across its their his her".split())


def _one_agency(phrase: str, registry: AgencyRegistry) -> bool:
    p = phrase.strip(" ,.;:()")
    words = p.split()
    if not words or len(words) > 10 or len(p) > 100:
        return False
    head = words[-1]
    for k, w in enumerate(words[1:], 1):  # the head noun: the last word before "of", "for", "in" ...
        if w.lower() in _PREPOSITIONS:
            head = words[k - 1]
            break
    head = head.strip("(),").lower()
    if head in _ORG_WORDS or head.endswith(("'s", "’s")) and head[:-2] in _ORG_WORDS:
        return True
    if _COLLECTIVE.match(p) or all(_ACRONYM.match(w) for w in words):
        return True
    if _ACRONYM.match(words[-1]) and all(w[:1].isupper() or w.lower() in _FUNCTION for w in words):
        return True  # "Northmere ICB", "Ashby Vale SAB"
    core = _ARTICLE.sub("", p)
    mention = registry.leading_agency(core)
    return mention is not None and mention.end >= len(core.rstrip(" .")) - 1


def is_agency_phrase(phrase: str, registry: AgencyRegistry) -> bool:
    """An organisation, a list of them ("NPS and DTV CRC"), or all of them ("All agencies").

    >>> reg = AgencyRegistry.load()
    >>> [is_agency_phrase(p, reg) for p in ("Northmere Constabulary", "NPS and DTV CRC", "The Board",
    ...  "All agencies", "The Board's procedures", "Staff", "Information sharing")]
    [True, True, True, True, False, False, False]
    """
    p = phrase.strip()
    if not p or not any(c.isalpha() for c in p):
        return False
    if _one_agency(p, registry):
        return True
    parts = [x for x in _SPLIT.split(p) if x.strip()]
    return len(parts) > 1 and all(_one_agency(x, registry) for x in parts)


def _tidy(owner: str) -> str:
    o = _SPACES.sub(" ", owner).strip(" ,;:-–—")
    return o[:1].upper() + o[1:] if o else o


def split_owner_label(text: str, registry: AgencyRegistry) -> tuple[str | None, str]:
    """(owner, text without it) for "Agency: text", "Agency — text", "Agency - text"; (None, text) when the
    label is not an organisation ("Training: ...", "Note: ...").
    """
    head = text[:90]
    if ":" not in head and "–" not in head and "—" not in head and " - " not in head:
        return None, text
    t = text.strip()
    m = _DEPT_LABEL.match(t)  # "Wrenford Borough Council - Public Health: text": the department whole
    if m and is_agency_phrase(m.group("who"), registry) and not _THAT.match(m.group("who")):
        return _tidy(m.group("who")), m.group("rest").strip()
    m = _LABEL.match(t)
    if not m:
        return None, text
    who, rest = _REC_FOR.sub("", m.group("who").strip()), m.group("rest").strip()  # "Recommendation for X:"
    if len(who.split()) > 10 or _THAT.match(who) or not is_agency_phrase(who, registry):
        return None, text
    sep = text.strip()[len(m.group("who")):].lstrip()[:1]
    if sep != ":" and _named_subject(rest, registry):
        return None, text  # "Wrenford Borough Council - Public Health should ...": a department, the subject
    return _tidy(who), rest


def trailing_owner(text: str, registry: AgencyRegistry) -> tuple[str | None, str]:
    """(owner, text without it) for an organisation named in brackets at the end ("Review the pre-birth
    assessment (Wrenford Children's Services)."); not an abbreviation after a name ("... the National
    Probation Service (NPS).") nor a single word.

    >>> reg = AgencyRegistry.load()
    >>> trailing_owner("Train health visitors to ask about fathers (Ashby Vale Health Services).", reg)
    ('Ashby Vale Health Services', 'Train health visitors to ask about fathers.')
    >>> trailing_owner("Refer cases to the National Probation Service (NPS).", reg)[0] is None
    True
    """
    t = text.rstrip()
    if not t.endswith((")", ").")):
        return None, text
    m = _TRAILING.search(t)
    if not m:
        return None, text
    who, before = m.group("who").strip(), t[:m.start()].rstrip()
    last = before.split()[-1] if before.split() else ""
    if len(who.split()) < 2 or last[:1].isupper() or not is_agency_phrase(who, registry):
        return None, text
    return _tidy(who), before + ("." if t.endswith(".") or not before.endswith(".") else "")


def _named_subject(rest: str, registry: AgencyRegistry) -> bool:
    """The text after a dash opens with a name of its own as subject ("Public Health should ..."), not an
    imperative ("Treat ...") nor a pronoun-like "The force should ..."."""
    if not rest[:1].isupper() or _ARTICLE.match(rest) or _COLLECTIVE.match(rest):
        return False
    who = subject_owner(rest, registry)
    return who is not None and len(who.split()) <= 5 and all(
        w[:1].isupper() or w.lower() in _FUNCTION for w in who.split())


def lead_label(text: str) -> tuple[str | None, str]:
    """(owner, text without it) for "(Lead: X)" inside a text or a whole "Lead agency: X" line (then the
    text left is "").

    >>> lead_label("Review the protocol (Lead: Wrenford Council).")
    ('Wrenford Council', 'Review the protocol.')
    >>> lead_label("Lead agency: Northmere Constabulary")
    ('Northmere Constabulary', '')
    >>> lead_label("Audit the referrals. Lead: Wrenford Council")
    ('Wrenford Council', 'Audit the referrals.')
    """
    t = text.strip()
    low = t.lower()
    if not any(w in low for w in _LEAD_WORDS) and not low.startswith(("to", "addressed")) and not (
            ("agency" in low or "organisation" in low) and _LABEL_COLON.search(low)):
        return None, text
    m = _LEAD_LINE.match(t)
    if m:
        return _tidy(m.group("who")), ""
    m = _LEAD_INLINE.search(t) or _LEAD_END.search(t)
    if m:
        rest = (t[:m.start()] + t[m.end():]).strip()
        if t[m.end() - 1:m.end()] == "." and not rest.endswith("."):
            rest += "."
        rest = _SPACE_PUNCT.sub(r"\1", rest)
        return _tidy(m.group("who")), rest
    return None, text


def subject_owner(text: str, registry: AgencyRegistry) -> str | None:
    """The organisation a recommendation's sentence names as its subject, else None: "X should / must /
    will / needs to / to review ...", "That X reviews ...", "X is asked to ...", "The panel recommends that X
    ...". A passive ("The policy should be reviewed") or a subject that is no organisation gives None.

    >>> reg = AgencyRegistry.load()
    >>> [subject_owner(t, reg) for t in ("Northmere Constabulary should review its policy.", "All agencies "
    ...  "should train staff.", "The Board's procedures should be updated.",
    ...  "NPS and DTV CRC provide training.",
    ...  "The Home Office is asked to amend the guidance.")]
    ['Northmere Constabulary', 'All agencies', None, 'NPS and DTV CRC', 'The Home Office']
    """
    t = text.strip()
    if ":" in t[:45]:
        t = _TOPIC.sub("", t, count=1)  # "Training: all agencies to ...": a topic label, not the subject
    if "ecommend" in t[:80]:
        t = _RECOMMENDS_THAT.sub("", t, count=1)
    if t[:5].lower() == "that ":
        t = t[5:].lstrip()
    tokens = t.split(None, 17)[:17]
    low = [w.lower() for w in tokens]
    if not low or low[0] in SUBJECT_VERBS:
        return None  # an imperative ("Ensure that the Forum reviews ..."): no subject of its own
    for k in range(1, min(len(tokens), 16)):
        if not tokens[k][:1].islower():
            continue
        w = low[k].strip(",;:")
        if w not in MODALS and w not in SUBJECT_VERBS:
            continue
        nxt = low[k + 1].strip(",;:.") if k + 1 < len(low) else ""
        if w in ("is", "are", "has", "have"):
            if nxt in _ASKED or nxt == "to":
                return _subject(tokens[:k], registry)  # "X is asked to", "X is to"
            return None  # "X is reviewed", "X has been": a statement, not a subject taking action
        if w in ("needs", "need", "ought") and nxt != "to" or w == "to" and nxt not in SUBJECT_VERBS:
            continue
        if w in SUBJECT_VERBS and nxt in ("of", "and", "for", "by", "was", "were", "is", "are"):
            continue  # "reviews of", "audits and": a noun
        after = " ".join(low[k + 1:k + 3])
        if _PASSIVE.match(after) and not _ASKED_PASSIVE.match(after):
            return None  # passive: the subject is what is acted on
        return _subject(tokens[:k], registry)
    return None


def _subject(tokens: list[str], registry: AgencyRegistry) -> str | None:
    subject = " ".join(tokens).strip(" ,")
    if len(tokens) > 12 or not is_agency_phrase(subject, registry):
        return None
    return _tidy(subject)


def find_owner(text: str, registry: AgencyRegistry) -> tuple[str | None, str | None, str]:
    """(owner_raw, owner_how, text without any label): a "Lead:" label or an "Agency: text" label first
    ("label"), else the sentence's subject ("subject"), else an organisation in brackets at the end
    ("label"), else (None, None, text).

    >>> find_owner("Wrenford Council — Ensure the protocol is updated.", AgencyRegistry.load())
    ('Wrenford Council', 'label', 'Ensure the protocol is updated.')
    """
    who, rest = lead_label(text)
    if who:
        return who, "label", rest
    who, rest = split_owner_label(text, registry)
    if who:
        return who, "label", rest
    who = subject_owner(text, registry)
    if who:
        return who, "subject", text
    who, rest = trailing_owner(text, registry)  # after the subject: "... to the IDVA service (Women's Aid)"
    if who:
        return who, "label", rest
    return None, None, text
