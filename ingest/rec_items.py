"""What the lines of a report's recommendations and learning sections say, by their words alone: section
titles, item labels in any numbering style, and whether a sentence reads as a recommendation or as the
report's own narrative. No partnership's layout is assumed; :mod:`reviewgraph.ingest.report` puts these together.

>>> item_label("Recommendation 4 (Northmere Constabulary): Review the policy.")
Label(number='4', kind='rec', rest='Review the policy.', owner='Northmere Constabulary', punct=True, written=None)
>>> item_label("R4 Review the policy.").written
'R4'
>>> item_label("(iv) audit the referrals").kind, item_label("17.3 That the CSP reviews").number
('roman', '17.3')
>>> reads_as_recommendation("Northmere Constabulary should review its policy."), is_background(
...     "The panel considered whether the policy was followed.")
(True, True)
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["Label", "item_label", "successor", "reads_as_recommendation", "is_background", "is_section_note",
           "rec_title",
           "learning_title", "end_title", "contents_title", "contents_entry", "subsection_kind",
           "response_label", "one_label", "DIRECTIVE_VERBS"]

#: verbs a recommendation opens with (imperative) or that follow its subject ("That X reviews ...")
DIRECTIVE_VERBS = frozenset("""
adopt agree amend appoint arrange ask assure audit brief bring build carry check circulate clarify collaborate
commission communicate complete conduct confirm consider consult continue convene create deliver design
develop disseminate embed encourage engage ensure establish evaluate examine expand explore extend facilitate
formalise formalize fund give highlight identify implement improve include inform introduce invite issue lead
liaise lobby maintain make map monitor obtain offer promote produce provide publicise publicize publish put
raise receive refresh reiterate reissue re-issue remind report request require research respond revise
review scope seek set share strengthen support take train undertake update use work write treat assess
escalate refer notify recognise recognize reinforce prioritise prioritize revisit standardise standardize
coordinate co-ordinate enable enhance investigate allocate signpost""".split())
_VERB_S = {("carries" if v == "carry" else "clarifies" if v == "clarify" else "identifies" if v == "identify"
            else "lobbies" if v == "lobby" else v + "es" if v.endswith(("sh", "ch", "ss", "x")) else v + "s")
           for v in DIRECTIVE_VERBS}
#: a verb form that ends the subject of a recommendation ("X should", "X to review", "That X reviews")
SUBJECT_VERBS = frozenset(DIRECTIVE_VERBS | _VERB_S)
MODALS = frozenset("should must shall will needs need ought is are has have to".split())

_NUMBER = r"\d{1,3}(?:\.\d{1,3}){0,3}"
_WORDS = ("one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
          "seventeen eighteen nineteen twenty").split()
_WORD_LABEL = re.compile(
    r"^(?P<word>recommendations?|recs?\.?|(?-i:R)|(?:key\s+)?findings?|(?:key\s+)?learning(?:\s+points?)?|"
    r"lessons?(?:\s+learn[et]d?)?|learning\s+outcomes?|(?:learning\s+)?themes?|"
    # Welsh: Argymhelliad (recommendation), Canfyddiad (finding), Dysgu (learning), Gwers (lesson), Pwynt dysgu
    r"argymhelliad|canfyddiad|dysgu|gwersi?|pwynt\s+dysgu)"
    r"\s*(?:no\.?|number|#)?\s*(?P<num>" + _NUMBER + r"[a-z]?(?![\d.]*\d)|(?:" + "|".join(_WORDS) + r")\b)"
    r"(?:\s*\((?P<owner>[^()]{2,80})\))?\s*(?P<p>[.:)\-–—]+)?(?:\s+|$)(?P<rest>.*)$", re.I)
_NUM_LABEL = re.compile(r"^(?P<open>\()?(?P<num>" + _NUMBER + r")(?(open)\)|(?P<p>[.):]?))(?:\s+|$)"
                        r"(?P<rest>.*)$")
_LETTER_LABEL = re.compile(r"^(?P<open>\()?(?P<num>[a-zA-Z]|[ivx]{1,5}|[IVX]{1,5})(?(open)\)|[.)])\s+"
                           r"(?P<rest>\S.*)$")
_ROMAN = re.compile(r"^(?=[ivx])x{0,3}(?:ix|iv|v?i{0,3})$", re.I)
_MONTH = re.compile(r"^(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
                    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s+(?:19|20)\d\d\b",
                    re.I)
_IS_THAT = re.compile(r"^is\s+that\s+", re.I)
_DIGITS = re.compile(r"\d+")
_NOT_WORD = re.compile(r"[^a-z-]")
_SPACES = re.compile(r"\s+")
_LINK_AFTER = re.compile(r"^(?:and|&|to|apply|applies|relates?|refers?|also|is\s+(?:linked|relevant)|,)\b",
                         re.I)


@dataclass(frozen=True)
class Label:
    """An item's label: ``number`` as written without its word ("4", "17.3", "a", "iv"); ``kind`` one of
    "rec" (Recommendation 4, Rec 4, R4), "learning" (Finding 1, Learning point 2, Lesson 3), "theme" (Theme 2:
    learning in a learning section, a topic among recommendations), "num" (1. 1)
    (1) 1), "dotted" (17.3), "letter" (a. (b)), "roman" (iv. (iv)); ``owner`` a bracketed label after the
    number ("Recommendation 4 (Northmere Constabulary)"); ``punct`` when a stop, bracket or colon follows."""

    number: str
    kind: str
    rest: str
    owner: str | None = None
    punct: bool = True
    #: the number as the document writes it where it differs from ``number`` ("R4")
    written: str | None = None


@lru_cache(maxsize=16384)
def item_label(text: str) -> Label | None:
    """The label an item opens with, in any numbering style, else None.

    >>> item_label("Rec 4: Ensure staff are trained").rest
    'Ensure staff are trained'
    >>> item_label("R12 Northmere Police should").number, item_label("b) audit").kind
    ('12', 'letter')
    >>> item_label("Recommendation Three: The Board should").number
    '3'
    >>> [item_label(t) for t in ("Recommendations 3 and 4 apply", "24 May 2019 the police", "2019 review")]
    [None, None, None]
    >>> item_label("15.8 Marram Downs Borough Council to develop a policy").number
    '15.8'
    """
    t = text.strip()
    if not t:
        return None
    if t[0].isalpha():
        if "/" in t[:100]:
            pair = _pair(t)
            if pair is not None:
                return pair
        m = _WORD_LABEL.match(t)
        if m:
            word = m.group("word").lower()
            rest = m.group("rest").strip()
            if word.endswith("s") and word.startswith("rec") or _LINK_AFTER.match(rest) and not m.group("p"):
                return None  # "Recommendations 3 and 4 apply": a link, not a label
            kind = "rec" if word.startswith(("r", "argymh")) else "theme" if "theme" in word else "learning"
            rest = _IS_THAT.sub("", rest) if kind == "rec" else rest
            num = m.group("num")
            num = str(_WORDS.index(num.lower()) + 1) if num.lower() in _WORDS else num
            written = "R" + num if m.group("word") in ("R", "r") and t[1:2].isdigit() else None  # "R4" as written
            return Label(num, kind, rest, (m.group("owner") or "").strip() or None, bool(m.group("p")), written)
        m = _LETTER_LABEL.match(t)
        if m:
            num = m.group("num")
            if len(num) > 1 and not _ROMAN.match(num):
                return None
            kind = "roman" if _ROMAN.match(num) and (len(num) > 1 or num in "iI") else "letter"
            return Label(num, kind, m.group("rest").strip())
        return None
    if t[0] == "(":
        m = _LETTER_LABEL.match(t)
        if m and (len(m.group("num")) == 1 or _ROMAN.match(m.group("num"))):
            num = m.group("num")
            kind = "roman" if _ROMAN.match(num) and (len(num) > 1 or num in "iI") else "letter"
            return Label(num, kind, m.group("rest").strip())
    m = _NUM_LABEL.match(t)
    if not m:
        return None
    num, rest = m.group("num"), m.group("rest").strip()
    head = num.split(".")[0]
    if int(head) == 0 or int(head) > 300 or _MONTH.match(rest):
        return None
    punct = bool(m.group("open") or m.group("p"))
    if not punct and "." not in num and rest[:1].islower():
        return None  # "24 hours", "18 questions": a count in wrapped text
    return Label(num, "dotted" if "." in num else "num", rest, None, punct)


#: a label in two languages, the same number on each side: "Argymhelliad 1 / Recommendation 1: text"
_PAIR = re.compile(r"^(?P<a>[^\W\d_][\w'’-]*(?:\s+[^\W\d_][\w'’-]*){0,3})\s*(?P<n>" + _NUMBER + r"[a-z]?)\s*/\s*"
                   r"(?P<b>[^\W\d_][\w'’-]*(?:\s+[^\W\d_][\w'’-]*){0,3})\s*(?P<m>" + _NUMBER + r"[a-z]?)"
                   r"(?P<tail>(?:\s*\([^()]{2,80}\))?\s*[.:)\-–—]*(?:\s.*)?)$", re.I | re.S)


def _pair(t: str) -> Label | None:
    """The label of "Argymhelliad 1 / Recommendation 1: text" (either order, either side a word this module
    knows): as one label, the text after both."""
    m = _PAIR.match(t)
    if m is None or m.group("n").lower() != m.group("m").lower():
        return None
    for side in (m.group("b"), m.group("a")):
        label = _WORD_LABEL.match(f"{side} {m.group('n')}{m.group('tail')}")
        if label is not None:
            return item_label(f"{side} {m.group('n')}{m.group('tail')}")
    return None


def one_label(text: str) -> str:
    """A cell that opens with a recommendation's label in two languages, with the label written once, in
    English ("Argymhelliad 1 / Recommendation 1: text" -> "Recommendation 1: text"), for readers that know
    the English label only; any other text as it is.

    >>> one_label("Argymhelliad 2 / Recommendation 2: The Health Board should offer consultations in Welsh.")
    'Recommendation 2: The Health Board should offer consultations in Welsh.'
    >>> one_label("Recommendation 3 / Argymhelliad 3 (Heddlu Cwm Aderyn) - Review the policy")
    'Recommendation 3 (Heddlu Cwm Aderyn) - Review the policy'
    """
    t = text.lstrip()
    if not t[:1].isalpha() or "/" not in t[:100]:
        return text
    m = _PAIR.match(t)
    label = _pair(t) if m is not None else None
    if label is None or label.kind != "rec":
        return text
    return f"Recommendation {m.group('n')}{m.group('tail')}"  # type: ignore[union-attr]


def _roman_value(s: str) -> int:
    vals = {"i": 1, "v": 5, "x": 10}
    s = s.lower()
    total = 0
    for a, b in zip(s, s[1:] + " ", strict=True):
        v = vals[a]
        total += -v if b != " " and vals.get(b, 0) > v else v
    return total


def successor(prev: Label, new: Label) -> bool:
    """``new`` is the label that follows ``prev`` in its sequence (17.3 -> 17.4, 3 -> 4, R3 -> R4, c -> d,
    iii -> iv, 17.3 -> 17.3.1 -> 17.3.2 -> 17.4).

    >>> successor(item_label("17.3 a"), item_label("17.4 b"))
    True
    >>> successor(item_label("3. a"), item_label("5. b"))
    False
    """
    if prev.kind in ("letter", "roman") or new.kind in ("letter", "roman"):
        if prev.kind == "roman" and new.kind in ("roman", "letter") and _ROMAN.match(new.number):
            return _roman_value(new.number) == _roman_value(prev.number) + 1
        if new.kind == "roman" and len(new.number) > 1 and _ROMAN.match(prev.number):  # "v" -> "vi"
            return _roman_value(new.number) == _roman_value(prev.number) + 1
        if len(prev.number) == 1 and len(new.number) == 1:
            return ord(new.number.lower()) == ord(prev.number.lower()) + 1
        return False
    a = [int(x) for x in _DIGITS.findall(prev.number)]
    b = [int(x) for x in _DIGITS.findall(new.number)]
    if not a or not b:
        return False
    if len(b) == len(a) + 1:
        return b[:-1] == a and b[-1] == 1
    if len(b) <= len(a):
        return b[:-1] == a[:len(b) - 1] and b[-1] == a[len(b) - 1] + 1
    return False


# --- sentences ----------------------------------------------------------------------------------------------

_THAT = re.compile(r"^(?:that|it\s+is\s+recommended\s+that|we\s+recommend\s+that)\b", re.I)
_RECOMMENDS = re.compile(r"^(?:\S+\s+){0,8}?(?:recommends?|recommended|recommendation\s+is)\s+that\b", re.I)
_MODAL = re.compile(r"\b(?:should|must|shall|needs?\s+to|ought\s+to|(?:is|are)\s+to|has\s+to|have\s+to|"
                    r"to\s+be\s+\w+ed\b|to\s+be\s+\w+en\b)", re.I)
_TO_VERB = re.compile(r"\bto\s+(?P<verb>[a-z-]+)", re.I)
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")


def first_sentence(text: str) -> str:
    m = _SENTENCE_END.search(text, 0, 401)
    return text[:m.start() + 1] if m else text[:400]


@lru_cache(maxsize=8192)
def reads_as_recommendation(text: str) -> bool:
    """A modal or directive sentence: "X should ...", "X must ...", "X to ensure ...", "That X ...",
    "Ensure ...", "Review ..." (an imperative verb first), "The panel recommends that ...".

    >>> [reads_as_recommendation(t) for t in ("Ensure that staff are trained.", "Review of the policy",
    ...  "That Wrenford Borough Council reviews its protocol.", "The panel met six times.")]
    [True, False, True, False]
    """
    s = first_sentence(text.strip())
    if not s:
        return False
    if _THAT.match(s) or _RECOMMENDS.match(s):
        return True
    words = s.split()
    first = _NOT_WORD.sub("", words[0].lower())
    if first == "to" and len(words) > 1:
        first = _NOT_WORD.sub("", words[1].lower())
        words = words[1:]
    nxt = words[1].lower() if len(words) > 1 else ""
    if first in DIRECTIVE_VERBS and nxt not in ("of", "and", "for", "by", "was", "were", "is", "has"):
        return True
    head = " ".join(words[:20])
    if _MODAL.search(head):
        return True
    for m in _TO_VERB.finditer(head):
        if m.group("verb").lower() in DIRECTIVE_VERBS:
            return True
    return False


_HARD_BACKGROUND = re.compile(
    r"^(?:(?:these|the\s+following|the\s+above|the\s+below|all\s+(?:of\s+)?(?:the|these))\s+(?:\w+\s+){0,2}?"
    r"recommendations\b|recommendations\s+(?:are|were|have|will|made|in\s+this)\b|the\s+(?:panel|review|dhr|"
    r"sar|report|chair|author)(?:'s)?\s+(?:\w+\s+){0,3}?recommendations\s+(?:are|were|have|has|will)\b)",
    re.I)
_LIST_INTRO = re.compile(r"\b(?:following|these|below)\b[^.]{0,60}:$|\brecommendations?\s*:$|"
                         r"^(?:\S+\s+){0,4}(?:recommends?|recommended)\s+that\s*:$", re.I)
#: "The Board has accepted the following recommendations and ...": a list of them is announced
_FOLLOWING = re.compile(r"\bthe\s+following\s+(?:\w+\s+){0,2}?(?:recommendations|actions|learning|"
                        r"findings|lessons)\b", re.I)
_MACHINERY = re.compile(
    r"^(?:the|this|our)\s+(?:(?:independent|overview|review|dhr|sar|cspr)\s+)?(?:review|panel|dhr|sar|"
    r"lcspr|cspr|chair|author|report|reviewers?|overview\s+report|terms\s+of\s+reference)(?:'s)?\b", re.I)
_DATE_START = re.compile(r"^(?:on|in|during|by|between|from)\s+(?:\d{1,2}(?:st|nd|rd|th)?\s+)?"
                         r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|"
                         r"^(?:on|in|during)\s+(?:19|20)\d\d\b", re.I)
_ABOUT_RECS = re.compile(r"\brecommendations\b|\bappendix\b", re.I)
_PAST = re.compile(r"^(?:\S+\s+){0,10}?(?:was|were|had|did)\b|"
                   r"^(?:\S+\s+){1,2}(?:considered|found|noted|concluded|"
                   r"felt|heard|met|accepted|agreed|acknowledged|recogni[sz]ed|identified|received|discussed)\b",
                   re.I)


def is_section_note(text: str) -> bool:
    """The report talking about its recommendations or asking its questions: "The review makes the following
    recommendations:", "These recommendations are ...", "What did agencies know?"."""
    s = first_sentence(text.strip())
    return bool(_HARD_BACKGROUND.match(s) or _LIST_INTRO.search(s) or s.endswith("?") or
                _FOLLOWING.search(s))


@lru_cache(maxsize=8192)
def is_background(text: str) -> bool:
    """The report's own narrative in a recommendations section: about the review or its recommendations
    ("The panel considered ...", "The review makes the following recommendations:", "These recommendations
    are ..."), a question (terms of reference), or events in the past tense.

    >>> [is_background(t) for t in ("The review makes the following recommendations:",
    ...  "These recommendations are made to the Board.", "What did agencies know about the abuse?",
    ...  "The panel recommends that Northmere Police reviews its policy.", "Improved response to MARAC")]
    [True, True, True, False, False]
    """
    t = text.strip()
    s = first_sentence(t)
    if not s:
        return False
    if is_section_note(s):
        return True
    if reads_as_recommendation(s):
        return False
    return bool(_MACHINERY.match(s) or _DATE_START.match(s) or _PAST.match(s) or _ABOUT_RECS.search(s))


# --- titles -------------------------------------------------------------------------------------------

_TITLE_PREFIX = re.compile(r"^(?:#{1,6}\s*)?"
                           r"(?:(?:section|part|chapter|appendix|annexe?)\s+(?:[A-Z]\b|\d{1,2}\b)?)?"
                           r"(?:\d{1,2}(?:\.\d{1,2})*\.?\s*[:)\-–—]?\s*|(?:[A-Z]|[ivx]{1,4})\s*[.:)\-–—]\s+|"
                           r"\s*[:.\-–—]\s*)?", re.I)
_QUALIFIER = (r"(?:(?:local|national|regional|single[- ]agency|multi[- ]agency|partnership[- ]wide|panel|"
              r"agency|individual|imr|dhr|sar|cspr|lcspr|review|overview\s+report|key|main|summary\s+of(?:\s+the)?|"
              r"list\s+of|the|our|further|other|additional|specific|strategic|system|practice|overarching|"
              r"cross[- ]cutting|general|final|\w+[- ]level)\s+)")
_REC_TITLE = re.compile(
    r"^" + _QUALIFIER + r"{0,3}recommendations?(?:\s+(?:and|&)\s+(?:actions?|action\s+plan|next\s+steps|"
    r"learning|lessons(?:\s+learn[et]d?)?|findings))?"
    r"(?:\s+(?:for|to|of|from|made\s+(?:to|by)|arising(?:\s+from)?|by|at)\s+[^.;]{1,80})?"
    r"|^(?:conclusions?|findings|learning|lessons(?:\s+learn[et]d?)?|key\s+findings|analysis)\s+(?:and|&)\s+"
    r"recommendations$|^" + _QUALIFIER + r"{0,3}recommendations\s*/\s*\w+(?:\s+\w+)?$", re.I)
_NO_LABEL = Label("", "", "")


def _says(title: str) -> bool:
    """"Recommendation for X: review the pre-birth assessment": a label and its text, not a title."""
    head, colon, after = title.partition(":")
    after = after.strip()
    return bool(colon) and bool(after) and (after[:1].islower() or reads_as_recommendation(after))
#: "Linked recommendations: h, i": a learning item's links, not a title
_LINK_LIST = re.compile(r"\brecommendations?(?:\s*:\s*|\s+)(?:\(?(?:[a-z]|[ivx]{1,5})\)?|\d[\d.]*)"
                        r"(?:\s*(?:,|and|&)\s*(?:\(?(?:[a-z]|[ivx]{1,5})\)?|\d[\d.]*))*\s*,?$", re.I)
_OTHER_RECS = re.compile(r"\b(?:previous|earlier|other|prior|past|progress|implementation|implementing|"
                         r"status|"
                         r"update)\b", re.I)
_NOT_TITLE = re.compile(r"\b(?:is|are|was|were|be|been|has|have|had|made|makes|make|will|should|must|can|"
                        r"would|could|may|did|do|does|this|these|those|which|that|following|applies?|see|not|no)\b|"
                        r"[.;?!]|\d", re.I)
_LEARN_WORD = re.compile(r"learn|lesson|finding|theme|found|message", re.I)
_LEARN_TITLE = re.compile(
    r"^(?:(?:key|main|summary\s+of(?:\s+the)?|the|our|overall|system|practice|wider|areas?\s+(?:of|for)|what|"
    r"emerging|(?:the\s+)?review(?:'s)?)\s+)*"
    r"(?:learning(?:\s+(?:points?|themes?|outcomes?|from\s+(?:this|the)\s+review|identified|arising(?:\s+from"
    r"\s+(?:this|the)\s+review)?))?|lessons?(?:\s+(?:to\s+be\s+)?learn[et]d?)?(?:\s+from\s+(?:this|the)\s+review)?|"
    r"findings(?:\s+(?:of|from)\s+(?:this|the)\s+review)?|(?:key\s+)?findings|lessons\s+identified|"
    r"was\s+learned|we\s+learned)"
    r"(?:\s+(?:and|&)\s+(?:good\s+practice|learning|lessons(?:\s+learn[et]d?)?|findings|conclusions?))?$"
    r"|^(?:conclusions?|analysis|good\s+practice)\s+(?:and|&)\s+(?:lessons(?:\s+(?:to\s+be\s+)?learn[et]d?)?|"
    r"learning|key\s+findings)$"
    # "What the review learned", "What we found", "What has been learnt", "Learning for the partnership"
    r"|^what\s+(?:(?:the|this)\s+(?:review|panel|sar|dhr|cspr)|we|agencies|professionals)\s+"
    r"(?:has\s+|have\s+)?"
    r"(?:learn[et]d?|found|identified)(?:\s+from\s+\S+(?:\s+\S+)?)?$"
    r"|^what\s+(?:has\s+been|was|can\s+be|should\s+be|is\s+there\s+to\s+be)\s+learn[et]d?$"
    r"|^(?:key\s+)?(?:learning|lessons)\s+(?:for|from)\s+(?:the\s+|this\s+)?(?:partnership|board|agencies|"
    r"practice|practitioners|case|system|services)$"
    r"|^(?:key\s+)?(?:practice\s+)?(?:learning|lessons|messages)\s+for\s+practice$"
    r"|^key\s+(?:lessons|messages)$",
    re.I)
_END_TITLE = re.compile(
    r"^(?:appendi(?:x|ces)|annexe?s?|glossary|abbreviations|acronyms|references|bibliography|sources|"
    r"acknowledge?ments?|sign[- ]?off|signatures?|signed|distribution|dissemination|contents|index|"
    r"table\s+of\s+contents|introduction|background|chronology|methodology|terms\s+of\s+reference|"
    r"conclusions?|concluding\s+(?:remarks|comments)|summary|executive\s+summary|analysis|"
    r"(?:the\s+)?review\s+(?:panel|process|team)|equality(?:\s+and\s+diversity)?|family\s+involvement|"
    r"involvement\s+of\s+family|good\s+practice|next\s+steps|action\s+plans?|timescales?|confidentiality|"
    r"parallel\s+reviews|contributors(?:\s+to\s+the\s+review)?|genogram|case\s+summary|the\s+facts|"
    r"key\s+(?:events|practice\s+episodes)|(?:overview|narrative)\s+of\s+\w+)\b", re.I)
_APPENDIX = re.compile(r"^(?:#{1,6}\s*)?(?:\d{1,2}(?:\.\d{1,2})*\.?\s+)?(?:appendi(?:x|ces)|annexe?s?)\b",
                       re.I)
_CONTENTS = re.compile(r"^(?:table\s+of\s+)?contents?(?:\s+page)?$|^index(?:\s+page)?$", re.I)
_CONTENTS_ENTRY = re.compile(r"(?:\.{3,}|…+|\s\.\s\.\s)\s*\d{1,3}$|\s{2,}\d{1,3}$")


#: Welsh titles: Argymhellion (recommendations); Gwersi a Ddysgwyd (lessons learned), Dysgu (learning),
#: Canfyddiadau (findings); Atodiad (appendix), Geirfa (glossary), Casgliad(au) (conclusion(s)), Cyflwyniad
#: (introduction), Cefndir (background), Crynodeb (summary), Cyfeiriadau (references)
_WELSH_REC = re.compile(r"(?:prif\s+)?argymhellion(?:\s+\w+){0,2}", re.I)
_WELSH_LEARN = re.compile(r"gwersi\s+a\s+ddysgwyd|(?:prif\s+)?(?:dysgu|canfyddiadau)(?:\s+allweddol)?", re.I)
_WELSH_END = re.compile(r"^(?:atodiad|geirfa|casgliad(?:au)?|cyflwyniad|cefndir|crynodeb|cyfeiriadau|"
                        r"cylch\s+gorchwyl)\b", re.I)
#: a title in two languages: "Gwersi a Ddysgwyd / Lessons Learned", "3. Argymhellion / Recommendations"
_TWO_SIDES = re.compile(r"^(\S.{1,70}?)\s+/\s+(\S.{1,70})$")


def _sides(text: str) -> tuple[str, str] | None:
    """The two sides of a title written in two languages, else None: a title that is either side's."""
    m = _TWO_SIDES.match(_title_text(text))
    return (m.group(1), m.group(2)) if m else None


@lru_cache(maxsize=8192)
def _title_text(text: str) -> str:
    t = _SPACES.sub(" ", text.strip()).rstrip(" :.")
    return _TITLE_PREFIX.sub("", t, count=1).strip() if t else t


@lru_cache(maxsize=16384)
def rec_title(text: str) -> bool:
    """A heading naming recommendations, numbered or not ("5. RECOMMENDATIONS", "Recommendations for the
    Partnership", "Local recommendations", "Section 7: Recommendations").

    >>> [rec_title(t) for t in ("5. RECOMMENDATIONS", "Recommendations for the Partnership", "Local "
    ...  "recommendations", "The panel made three recommendations to the police",
    ...  "7. Recommendations ..... 34", "Appendix 2: Recommendations",
    ...  "Individual Management Review Recommendations", "Recommendation 4 applies")]
    [True, True, True, False, False, True, True, False]
    """
    if len(text) > 140 or contents_entry(text):
        return False
    if "/" in text and (sides := _sides(text)) is not None:
        return any(rec_title(side) for side in sides)
    low = text.lower()
    if "ecommend" not in low:
        return "argymhell" in low and bool(_WELSH_REC.fullmatch(_title_text(text)))
    t = _title_text(text)
    if _OTHER_RECS.search(t) or (item_label(t) or _NO_LABEL).kind == "rec" or _LINK_LIST.search(t) or \
            _says(t):
        return False  # "Recommendations from previous reviews", "Progress on recommendations", "... h, i"
    if _REC_TITLE.fullmatch(t):
        return True
    # any other short title naming recommendations, with no verb ("The Review's Recommendations",
    # "Individual Management Review Recommendations", "Recommendations: Northmere Constabulary")
    words = t.lower().replace("’", "'").split()
    return 1 < len(words) <= 7 and any(w.strip(":,") in ("recommendations", "recommendation")
                                       for w in words) \
        and not _NOT_TITLE.search(t) and t[:1].isupper()


@lru_cache(maxsize=16384)
def learning_title(text: str) -> bool:
    """A heading naming learning ("Lessons learned", "Key findings", "Learning from this review"), not
    "Learning disabilities".

    >>> [learning_title(t) for t in ("Findings", "16 LEARNING", "Learning points", "Learning disability")]
    [True, True, True, False]
    """
    if len(text) > 100 or contents_entry(text):
        return False
    if "/" in text and (sides := _sides(text)) is not None:
        return any(learning_title(side) for side in sides)
    if not _LEARN_WORD.search(text):
        return bool(_WELSH_LEARN.fullmatch(_title_text(text)))
    return bool(_LEARN_TITLE.fullmatch(_title_text(text)))


@lru_cache(maxsize=16384)
def end_title(text: str) -> bool:
    """A heading of another part of a report ("Appendix A", "Glossary", "Conclusions", "Terms of
    reference")."""
    if len(text) > 100 or contents_entry(text):
        return False
    if "/" in text and (sides := _sides(text)) is not None:
        return any(end_title(side) for side in sides) and not rec_title(text) and not learning_title(text)
    t = _title_text(text)
    if _WELSH_END.match(t) and len(t.split()) <= 4:
        return True
    if _APPENDIX.match(text):
        return not rec_title(text) and not learning_title(text)
    if not (_END_TITLE.match(t) or "ecommendation" in t and _OTHER_RECS.search(t)):
        return False
    if len(t.split()) > 8 or _NOT_TITLE.search(t) or not t[:1].isupper():
        return False  # "Analysis of the data shows that ...": a sentence, not a title
    return not rec_title(text) and not learning_title(text)


def contents_title(text: str) -> bool:
    """"Contents", "Table of contents", "Index"."""
    if len(text) > 30 or text[:1] not in "CcTtIi#":
        return False
    return bool(_CONTENTS.match(_SPACES.sub(" ", text.strip()).rstrip(" :")))


def contents_entry(text: str) -> bool:
    """A line of a contents page: a title with dot leaders or a spaced page number ("7. Recommendations
    ..... 34")."""
    t = text.rstrip()
    return t[-1:].isdigit() and bool(_CONTENTS_ENTRY.search(t))


_SCOPE = re.compile(r"^(?P<scope>local|national|regional|sub-?regional)(?:\s+(?:level|recommendations?|"
                    r"learning))*$", re.I)
_SINGLE = re.compile(r"\bsingle[- ]agency\b|\bagency[- ]specific\b|\bindividual agency\b|\bimr\b", re.I)
_PANEL = re.compile(r"\b(?:panel|multi[- ]agency|partnership[- ]wide|overarching|cross[- ]cutting)\b|"
                    r"^(?:strategic|system(?:[- ]wide)?|overview\s+report|dhr|sar|cspr|lcspr|review|"
                    r"general)\s+"
                    r"recommendations?$", re.I)
_FOR_AGENCY = re.compile(r"^(?:\w+\s+){0,2}?recommendations?\s+(?:for|to|made\s+to|of)\s+(?:the\s+)?"
                         r"(?P<who>.+)$"
                         r"|^(?P<who2>.+?)\s+recommendations?$", re.I)


def subsection_kind(text: str, is_agency: Callable[[str], bool]) -> tuple[str, str | None]:
    """What a sub-heading inside a recommendations section sets: ("scope", "National"), ("level",
    "single_agency" | "panel"), ("agency", name) for "Recommendations for Northmere Constabulary" or
    "Northmere Constabulary recommendations", or ("other", None) (the caller decides whether a plain
    heading names an agency).

    >>> agency = lambda t: t.endswith("Council")
    >>> subsection_kind("National recommendations", agency), subsection_kind("Recommendations for Wrenford "
    ...     "Council", agency), subsection_kind("Key recommendations", agency)
    (('scope', 'National'), ('agency', 'Wrenford Council'), ('level', 'panel'))
    """
    t = _title_text(text)
    m = _SCOPE.match(t)
    if m:
        return "scope", m.group("scope").capitalize()
    if _SINGLE.search(t):
        return "level", "single_agency"
    m = _FOR_AGENCY.match(t)
    who = (m.group("who") or m.group("who2")) if m else None
    if who and not _PANEL.search(who) and is_agency(who.strip()):
        return "agency", who.strip()
    if _PANEL.search(t) or rec_title(text):
        return "level", "panel"
    return "other", None


# --- responses ----------------------------------------------------------------------------------------

#: who responds: a board, a partnership, an agency ("Board response", "Quenby SAB's response", "Response
#: from the Partnership", "Management response")
_RESPONDER = (r"(?:board|partnership|panel|agency|agencies|management|council|trust|service|commissioners?|"
              r"executive|organisation(?:al)?|organization(?:al)?|sab|scp|lscp|lscb|csp|cssp|sscp|icb|"
              r"safeguarding\s+(?:adults|children)\s+(?:board|partnership)|community\s+safety\s+partnership)")
_RESPONSE = re.compile(
    r"^[*_]*(?:(?:the|our)\s+)?(?:(?:[A-Z][\w&-]*\s+){0,4}?" + _RESPONDER + r"(?:['’]s)?\s+)?(?:formal\s+|initial\s+)?"
    r"response(?:\s+to\s+(?:the\s+|this\s+)?recommendations?(?:\s+\d{1,3}(?:\.\d{1,3})*)?)?(?:\s+(?:from|of|by)\s+(?:the\s+)?(?:[A-Z][\w&'’-]*\s*){0,5}" + _RESPONDER + r"?)?"
    r"(?:\s*\([^()]{1,40}\))?\s*[*_]*\s*(?:(?::|[-–—]\s)[*_]*\s*(?P<rest>.*))?$", re.I)


def response_label(text: str) -> str | None:
    """A board's or agency's response to the recommendation above, set out after it ("Board response:
    Accepted ...", "*Partnership response:* ...", a heading "Board response" over its paragraph): the text
    after the label ("" for the label alone), else None. A response is no part of the recommendation's
    words.

    >>> response_label("*Board response:* Accepted in part."), response_label("Board response")
    ('Accepted in part.', '')
    >>> response_label("Response from the Safeguarding Adults Board: agreed")
    'agreed'
    >>> [response_label(t) for t in ("Improve the response to self-neglect", "Emergency response",
    ...                              "The response was slow.", "Review the Board response times")]
    [None, None, None, None]
    """
    t = text.strip().lstrip("#").strip()
    if not t or len(t) > 2000 or "espons" not in t[:90] or not (t[0].isupper() or t[0] in "*_"):
        return None
    m = _RESPONSE.match(t)
    if m is None:
        return None
    rest = (m.group("rest") or "").strip()
    if not rest and ":" not in t and len(t.split()) > 6:
        return None
    return rest
