"""Text machinery of the agency resolver: tokens, the alias index, fuzzy scoring and the heuristics that
tell a person or a role from an organisation. :mod:`reviewgraph.graph.agencies` holds the registry and the public API.

Matching works on word tokens, so "&" and "and", "Children's" and "Childrens", line breaks and double spaces
make no difference. A match never runs across a sentence or cell break (``. ; : | tab ( ) /`` or a blank
line).
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import NamedTuple

from rapidfuzz import fuzz, process

__all__ = [
    "post_spans",
    "Token",
    "Alias",
    "AliasIndex",
    "tokens",
    "norm_token",
    "squash",
    "clean",
    "guess_sector",
    "type_keywords",
    "given_names",
    "person_spans",
    "english_words",
    "case_ok",
    "KEYWORDS",
    "FUZZY_THRESHOLD",
    "ROLE_WORDS",
    "TITLES",
    "SECTION_WORDS",
    "NON_ORG_WORDS",
    "FUNCTION_WORDS",
    "place_words",
]

#: minimum rapidfuzz ``ratio`` (0-100) of a fuzzy match between a mention and a registry name, both
#: lower-cased with spaces and punctuation removed (see docs/agencies.md for the calibration)
FUZZY_THRESHOLD = 72.0

TOKEN_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*['’]?|&")
BREAK_RE = re.compile(r"[.;:|\t()\[\]/<>\"•·]|\n\s*\n")
HTML_RE = re.compile(r"<[^>]{0,200}>")


class Token(NamedTuple):
    raw: str
    norm: str
    start: int
    end: int
    brk: bool  # a break (cell, sentence, bracket) separates this token from the previous one


@dataclass(frozen=True)
class Alias:
    agency_id: str
    text: str
    mode: str  # "acronym" (case-sensitive), "strict" (capitalised or capitals only) or "name"
    raw: tuple[str, ...]


@lru_cache(maxsize=65536)
def norm_token(raw: str) -> str:
    if raw == "&":
        return "and"
    text = unicodedata.normalize("NFKD", raw).encode("ascii", "ignore").decode().lower()
    return text.replace("'", "")


def tokens(text: str, limit: int | None = None) -> list[Token]:
    """The words of ``text`` (the first ``limit`` of them when given)."""
    out: list[Token] = []
    prev = 0
    for m in itertools.islice(TOKEN_RE.finditer(text), limit):
        raw = m.group()
        start, end = m.span()
        out.append(Token(raw, norm_token(raw), start, end, not out or _is_break(text[prev:start])))
        prev = end
    return out


@lru_cache(maxsize=4096)
def _is_break(gap: str) -> bool:
    """Does the text between two words break a name (most gaps are one space: asked once)?"""
    return bool(BREAK_RE.search(gap))


def squash(words: list[str] | tuple[str, ...]) -> str:
    return "".join(words)


def clean(text: str) -> str:
    """Strip HTML tags, markdown table rules, bullets and surrounding punctuation; collapse whitespace."""
    text = HTML_RE.sub(" ", text)
    text = re.sub(r"-{3,}|\|", " ", text)
    text = re.sub(r"\s+", " ", text)
    return text.strip(" .:;,-–—•·*\u00a0")


def _strip_possessive(raw: str) -> str:
    return re.sub(r"['’]s?$", "", raw)


def case_ok(alias: Alias, raw: list[str]) -> bool:
    """Does the text ``raw`` (tokens) satisfy the alias's case rule?"""
    if alias.mode == "name":
        return True
    if alias.mode == "strict":
        return all(r == a or (r.isupper() and r == a.upper()) for r, a in zip(raw, alias.raw))
    last = len(raw) - 1
    for i, (r, a) in enumerate(zip(raw, alias.raw)):
        r2 = _strip_possessive(r)
        if r2 != a and not (i == last and r2 == a + "s"):
            return False
    return True


class AliasIndex:
    """Every alias of every agency, keyed by its normalised token tuple (an n-gram dictionary scan)."""

    def __init__(self) -> None:
        self.keys: dict[tuple[str, ...], list[Alias]] = {}
        self.primary: dict[tuple[str, ...], set[str]] = {}
        self.first_len: dict[str, int] = {}
        self._fuzzy: list[tuple[str, Alias, frozenset[str]]] = []
        self._kw_words: dict[Alias, tuple[str, ...]] = {}
        self._choices: list[str] = []
        #: acronyms with their letters run together, case kept ("DTVCRC"), for OCR-split acronyms ("DTV C RC")
        self.squashed_acronyms: dict[str, Alias] = {}

    def _put(self, key: tuple[str, ...], alias: Alias) -> None:
        bucket = self.keys.setdefault(key, [])
        if alias not in bucket:
            bucket.append(alias)
        self.first_len[key[0]] = max(self.first_len.get(key[0], 0), len(key))

    def add(self, agency_id: str, text: str, mode: str) -> None:
        toks = tokens(text)
        if not toks:
            return
        key = tuple(t.norm for t in toks)
        alias = Alias(agency_id, text, mode, tuple(t.raw for t in toks))
        self.primary.setdefault(key, set()).add(agency_id)
        self._put(key, alias)
        if mode == "acronym":
            self.squashed_acronyms.setdefault(squash(alias.raw).replace("&", ""), alias)
            # "DTV CRC" is also written "DTVCRC"; a plural or possessive "CCGs", "CCG's" is allowed
            if len(key) > 1:
                self._put((squash(key),), Alias(agency_id, text, mode, (squash(alias.raw),)))
            self._put(key[:-1] + (key[-1] + "s",), alias)
        elif len(squash(key)) >= 5:
            self._fuzzy.append((squash(key), alias, type_keywords(key)))
            self._kw_words[alias] = tuple(w for w in key if type_keywords([w]))

    def duplicates(self) -> dict[tuple[str, ...], set[str]]:
        """Aliases (normalised) claimed by more than one agency."""
        return {k: v for k, v in self.primary.items() if len(v) > 1}

    def scan(self, toks: list[Token]) -> list[tuple[int, int, Alias]]:
        """Leftmost-longest matches as (first token, last token + 1, alias); no overlaps."""
        out = []
        i, n = 0, len(toks)
        while i < n:
            maxlen = self.first_len.get(toks[i].norm, 0)
            hit = None
            if maxlen:
                run = 1
                while run < maxlen and i + run < n and not toks[i + run].brk:
                    run += 1
                for length in range(run, 0, -1):
                    cands = self.keys.get(tuple(t.norm for t in toks[i : i + length]))
                    if not cands:
                        continue
                    raw = [t.raw for t in toks[i : i + length]]
                    hit = next(
                        (
                            a
                            for a in cands
                            if case_ok(a, raw)
                            and not (a.mode == "strict" and _inside_longer_name(toks, i, i + length))
                        ),
                        None,
                    )
                    if hit:
                        out.append((i, i + length, hit))
                        i += length
                        break
            if not hit:
                i += 1
        return out

    def fuzzy(
        self, words: list[str], raw: list[str] | None = None, threshold: float | None = None
    ) -> tuple[Alias, float] | None:
        """Best registry name for ``words`` (normalised tokens; ``raw`` as written) by squashed ratio.

        Guards: the mention's type words must be the candidate's ("Durham County Council" is no "Durham
        Constabulary"); the candidate's type words must show in the mention, if OCR-damaged ("Foundations" is
        no "NHS Foundation Trust"); and each distinctive word (a place, a proper name) of either side must be
        found in the other: word against word at DISTINCT_CLEAN for clean text ("Northshire County Council" is
        no "Monmouthshire County Council"), within the squashed name at DISTINCT_OCR where the text shows OCR
        damage (see :func:`distinctive_ok`).
        """
        query = squash(words)
        if len(query) < 5 or not self._fuzzy:
            return None
        threshold = FUZZY_THRESHOLD if threshold is None else threshold
        kws = type_keywords(words)
        ocr = ocr_damaged(raw if raw is not None else words)
        if len(self._choices) != len(self._fuzzy):
            self._choices = [c[0] for c in self._fuzzy]
        hits = process.extract(query, self._choices, scorer=fuzz.ratio, score_cutoff=threshold, limit=12)
        for _, score, idx in hits:
            cand, alias, alias_kws = self._fuzzy[idx]
            if not kws <= alias_kws or not all(
                fuzz.partial_ratio(w, query) >= 75 for w in self._kw_words[alias]
            ):
                continue
            if distinctive_ok(words, query, alias, cand, ocr):
                return alias, float(score)
        return None


#: how well each distinctive word must show in the other name: plain ratio against a word for clean text,
#: partial ratio against the squashed name for OCR-damaged text
DISTINCT_CLEAN = 80.0
DISTINCT_OCR = 55.0
_FILLERS = frozenset(
    "of and the for in nhs county borough city district metropolitan university hm her his "
    "majestys royal".split()
)


def _generic(word: str) -> bool:
    return word in _FILLERS or bool(type_keywords([word]))


def _near(word: str, words: list[str], squashed: str, ocr: bool) -> float:
    """How well ``word`` shows in the other name: in clean text, the best plain ratio against one of its
    words or two run together; in OCR-damaged text, the best partial ratio against the whole squashed name."""
    if ocr:
        return fuzz.partial_ratio(word, squashed)
    pool = words + [a + b for a, b in zip(words, words[1:])]
    return max((fuzz.ratio(word, x) for x in pool), default=0.0)


def distinctive_ok(words: list[str], query: str, alias: Alias, cand: str, ocr: bool) -> bool:
    """Every distinctive word of the registry name shows in the mention and every distinctive word of the
    mention shows in the name (words of three letters or more, five in OCR-damaged text, that are not type
    words or fillers), at DISTINCT_OCR when the mention shows OCR damage, else DISTINCT_CLEAN."""
    bar = DISTINCT_OCR if ocr else DISTINCT_CLEAN
    cand_words = [norm_token(w) for w in alias.raw]
    for w in cand_words:
        if len(w) >= 3 and not _generic(w) and _near(w, words, query, ocr) < bar:
            return False
    shortest = 5 if ocr else 3  # OCR leaves short fragments ("Trai" of "War") behind
    for w in words:
        if (
            len(w) >= shortest
            and not _generic(w)
            and w not in cand_words
            and _near(w, cand_words, cand, ocr) < bar
        ):
            return False
    return True


def ocr_damaged(raw: list[str]) -> bool:
    """Signs of OCR damage: a stray letter ("i Tobation"), a digit inside a word ("C0nstabulary"), a capital
    inside a word ("CouneiI"), or a lower-case word among capitalised ones ("Trai wickstille")."""
    caps = sum(1 for w in raw if w[:1].isupper())
    for w in raw:
        if (
            len(w) <= 2
            and w.isalpha()
            and w.lower() not in {"a", "of", "to", "in", "on", "by", "at", "hm", "uk"}
        ):
            return True
        if re.search(r"[a-z][0-9]|[0-9][a-z]|[a-z][A-Z]", w):
            return True
        if caps >= 2 and w[:1].islower() and w not in _FILLERS and len(w) > 3:
            return True
    return False


def _proper(tok: Token) -> bool:
    return tok.raw[:1].isupper() and tok.norm not in ROLE_WORDS and tok.norm not in FUNCTION_WORDS


def _inside_longer_name(toks: list[Token], i: int, j: int) -> bool:
    """A common-word name ("Refuge", "Harbour", "Police") inside a longer proper name ("Cedar House Refuge
    Project", "Harbour Lights Hostel", "Zedland Police") is not that agency."""
    before = i > 0 and not toks[i].brk and _proper(toks[i - 1])
    after = j < len(toks) and not toks[j].brk and _proper(toks[j])
    return before or after


_KIND_WORDS = frozenset(
    """
clinical commissioning community rehabilitation safeguarding domestic abuse ambulance hospital hospitals
recovering adults adult children childrens safer partnership probation police constabulary fire rescue
criminal justice health care
""".split()
)


def place_words(names: list[str]) -> frozenset[tuple[str, ...]]:
    """The places registry names begin with ("Cleveland" of "Cleveland Police", "South Tees" of "South Tees
    Clinical Commissioning Group"): a cell holding only a place names no organisation."""
    out = set()
    for name in names:
        run: list[str] = []
        for t in tokens(name):
            if (
                t.norm in KEYWORDS
                or t.norm in _KW_SYNONYMS
                or t.norm in _KIND_WORDS
                or t.norm in ("nhs", "county", "borough", "city", "district", "council", "metropolitan")
            ):
                if run:
                    out.add(tuple(run))
                break
            if (
                t.norm in ROLE_WORDS
                and t.norm not in ("and", "of")
                or not t.raw[:1].isupper()
                and t.raw not in ("and", "of", "upon", "on")
            ):
                break
            run.append(t.norm)
    return frozenset(out)


# --- organisation type keywords, sector guessing ---------------------------------------------------------

_KW_SYNONYMS = {
    "constabulary": "police",
    "services": "service",
    "hospitals": "hospital",
    "courts": "court",
    "boards": "board",
    "partnerships": "partnership",
    "trusts": "trust",
    "councils": "council",
    "groups": "group",
    "teams": "team",
    "companies": "company",
    "foundations": "foundation",
    "councill": "council",
}
KEYWORDS = {
    "police",
    "council",
    "trust",
    "hospital",
    "ccg",
    "icb",
    "partnership",
    "board",
    "service",
    "probation",
    "crc",
    "company",
    "group",
    "commission",
    "commissioner",
    "office",
    "department",
    "ministry",
    "agency",
    "authority",
    "aid",
    "nhs",
    "housing",
    "court",
    "prison",
    "university",
    "college",
    "school",
    "team",
    "unit",
    "charity",
    "foundation",
    "association",
    "project",
    "centre",
    "ambulance",
    "fire",
    "inspectorate",
    "safeguarding",
}


def type_keywords(words: list[str] | tuple[str, ...]) -> frozenset[str]:
    found = set()
    for w in words:
        w = _KW_SYNONYMS.get(w, w)
        if w in KEYWORDS:
            found.add(w)
    return frozenset(found)


_SECTOR_RULES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(p, re.I), s)
    for p, s in [
        (r"\bpolice\b|\bconstabulary\b", "police"),
        (r"\bprobation\b|\bcrcs?\b|rehabilitation compan", "probation"),
        (r"\bnhs\b|hospital|\bccgs?\b|\bicb\b|\bgps?\b|health|clinical|ambulance|medical|surgery|maternity|"
         r"midwi|\bcamhs\b", "health"),
        (
            r"women'?s aid|\brefuge\b|recovery|charit|foundations?\b|\baid\b|advocacy|victim|support|project|"
            r"domestic (?:abuse|violence) (?:service|project|charity)|\bidva\b",
            "voluntary",
        ),
        (r"substance misuse|drug and alcohol|\bdrugs? service|alcohol service", "health"),
        (r"\btrust\b", "health"),
        (
            r"council|social care|children'?s services|local authorit|adult services|social services",
            "local_authority",
        ),
        (r"partnership|\bboard\b|\bcsps?\b|forum|marac", "partnership"),
        (r"\bcounty\b|\bborough\b|\bdistrict\b|\bcity\b", "local_authority"),
        (r"housing|\bhomes\b|landlord", "housing"),
        (r"\bcourts?\b|prosecution|prison|justice|youth offending", "criminal_justice"),
        (r"school|college|academy|university|education", "education"),
        (r"ministry|department|government|commissioner|inspectorate|home office", "national_body"),
    ]
]


def guess_sector(text: str) -> str:
    """A sector (graph.model.Sector value) for an organisation the registry does not know."""
    for pattern, sector in _SECTOR_RULES:
        if pattern.search(text):
            return sector
    return "other"


# --- people, roles and section headings -------------------------------------------------------------------

TITLES = frozenset(
    "mr mrs ms miss mx dr prof sir dame rev revd cllr councillor di dci dsi ds dc pc ps sgt insp "
    "supt ch det acc dcc".split()
)
ROLE_WORDS = frozenset(
    """
director directors deputy assistant associate interim acting head heads manager managers management lead leads
leader leaders officer officers chair chairman chairperson vice coordinator coordinators co ordinator
ordinators
team teams staff operational operations regional senior strategic strategy named designated safeguarding
practice practices practitioner practitioners adviser advisers advisor advisors worker workers nurse nurses
doctor doctors social chief executive superintendent inspector inspectors sergeant constable detective of and
for the a an to in within with on by at da dv dva single point contact review reviews area areas quality
development offender community safety public integration all clinical specialist principal business support
administrator admin secretary partner partners agency agencies relevant responsible person individual lead's
each every other hub operation case cases service services professional professionals coordination unit
commissioning commissioner commissioners governance policy performance learning training improvement
transformation programme project strategic partnership liaison
""".split()
)
FUNCTION_WORDS = frozenset(
    """
the a an this that these those all each both any every our their its his her your my we they it he she i
local national regional new former old following previous current recent
""".split()
)
#: words of table headers and of topics: a cell made only of these (and role words) names no organisation
NON_ORG_WORDS = frozenset(
    """
evidence achievement achievements expected end date dates key milestone milestones achieved enacting outcome
outcomes progress target start status scope measure measures anticipated update updates comment comments rag
ref no number what will change lead agency individual responsible person name role recommendation
recommendations action actions required address addressing completion complete completed ongoing
substance misuse domestic abuse violence mental health alcohol drugs drug safety community risk training
policy policies procedure procedures guidance information sharing north south east west central division
divisions region regions district
""".split()
)
SECTION_WORDS = frozenset(
    """
recommendation recommendations learning lesson lessons action actions plan plans appendix section summary
conclusion conclusions single agency multi panel dhr dhrs sar sars cspr review overview executive glossary
chronology introduction terms reference references wide further additional specific individual local
national regional
""".split()
)


@cache
def given_names() -> frozenset[str]:
    text = resources.files("reviewgraph.graph").joinpath("data/given_names.txt").read_text(encoding="utf-8")
    words = []
    for line in text.splitlines():
        if not line.startswith("#"):
            words.extend(line.split())
    return frozenset(w.lower() for w in words)


@cache
def english_words() -> frozenset[str]:
    """Webster's Second International word list (the ``english-words`` package, ``web2``): the words it
    writes in lower case (its proper nouns are capitalised, so "downes" and "zoe" are not here)."""
    from english_words import get_english_words_set

    return frozenset(w for w in get_english_words_set(["web2"], alpha=True) if w.islower())


#: words a post's title may begin with ("Head of Service", "Safeguarding Lead", "Detective Inspector"); not
#: "Service", "Team" or "Unit", which end organisations' names as often ("Recovery Service Manager")
POST_START = frozenset(
    """
head lead leader manager director deputy assistant associate interim acting senior principal chief named
designated safeguarding strategic operations operational regional detective specialist clinical officer
coordinator chair chairperson inspector superintendent
""".split()
)
#: the words that make a run of role words a post someone holds ("Head", "Lead", "Manager", "Inspector")
POST_HEAD = frozenset(
    """
head lead leads leader manager director officer coordinator ordinator chair chairman chairperson inspector
superintendent sergeant constable nurse doctor adviser advisor worker practitioner commissioner executive
administrator secretary
""".split()
)


def _post_at(toks: list[Token], j: int, anywhere: bool = False) -> bool:
    """Does a post's title start at ``toks[j]``, in the same cell (or, ``anywhere``, after a break too):
    capitalised role words, the first one a word a post begins with, one of them a post holder's word
    ("Head of Service", "Safeguarding Lead")?"""
    if j >= len(toks) or (toks[j].brk and not anywhere) or toks[j].norm not in POST_START or \
            not toks[j].raw[:1].isupper():
        return False
    k = j
    while k < len(toks) and toks[k].norm in ROLE_WORDS and (k == j or not toks[k].brk):
        if toks[k].norm in POST_HEAD:
            return True
        k += 1
    return False


def post_spans(toks: list[Token], people: set[int], anywhere: bool = False) -> set[int]:
    """Indexes of the tokens of posts' titles in a cell ("Named Nurse for Safeguarding Adults", "Safeguarding
    Lead", "Head of Housing"): from where a post starts (:func:`_post_at`) over its role words; and, where the
    title straight follows an organisation's name and has "for" or "of" in it ("Kestrel Vale Council Head
    of Housing"), over the words after it, which name the post's remit, to the end of the cell's run (up to
    a break or an acronym, which may be another organisation's), when they hold one proper word at most.
    "Head of Adult Social Care" with nothing before it keeps "Adult Social Care", and "Head of Service
    Wrenmere Recovery Service" the service. ``anywhere``: a title may also start a cell or follow a break
    ("Head of Service" alone).

    >>> toks = tokens("NHFT Named Nurse for Safeguarding Adults")
    >>> [toks[i].raw for i in sorted(post_spans(toks, set()))]
    ['Named', 'Nurse', 'for', 'Safeguarding', 'Adults']
    """
    out: set[int] = set()
    j = 0
    while j < len(toks):
        if j in people or j in out or not _post_at(toks, j, anywhere):
            j += 1
            continue
        k = j
        while k < len(toks) and toks[k].norm in ROLE_WORDS and (k == j or not toks[k].brk):
            k += 1
        # the organisation's name straight before the title, in the same run (not a person's: "Ezra
        # Quillfeather Head of Service Pellow Housing" may be Pellow Housing's head, and stays unread)
        after_org = j > 0 and not toks[j].brk and j - 1 not in people and j - 1 not in out and \
            toks[j - 1].norm not in ROLE_WORDS and toks[j - 1].norm not in FUNCTION_WORDS
        if after_org and ({"for", "of"} & {toks[i].norm for i in range(j, k)}):
            end = k
            while end < len(toks) and not toks[end].brk and not (len(toks[end].raw) > 1 and toks[end].raw.isupper()):
                end += 1
            # a remit is a word or so ("Housing", "Safeguarding Adults"); two proper words or more are
            # more likely an organisation's name ("... Head of Service Brackenhaven Police"), left to be read
            proper = sum(1 for i in range(k, end) if toks[i].raw[:1].isupper() and toks[i].norm not in ROLE_WORDS)
            if proper <= 1:
                k = end
        out.update(range(j, k))
        j = k
    return out


def _name_word(tok: Token) -> bool:
    """A word that may be part of a person's name: capitalised, not in capitals, no digits, no word of a
    role, of an organisation's kind or of a sector ("Recovery", "Health", "Police")."""
    return (tok.raw[:1].isupper() and not (len(tok.raw) > 1 and tok.raw.isupper())
            and not any(c.isdigit() for c in tok.raw) and tok.norm not in ROLE_WORDS
            and tok.norm not in FUNCTION_WORDS and tok.norm not in KEYWORDS and tok.norm not in _KW_SYNONYMS
            and tok.norm not in _KIND_WORDS and guess_sector(tok.raw) == "other")


_NAME_JOINERS = frozenset("of and for the upon on in at".split())


def _named_before_post(toks: list[Token], blocked: set[int]) -> set[int]:
    """Names the given-name list does not know, read from their place: two or three name words, not joined
    to the words before them ("Head of Kestrel Vale"), straight before a post's title, the last of them no
    English word ("Drew Brockhurst Safeguarding Lead", "WDAS Sandy Elstow Head of Service"). "Domestic Abuse
    Strategic Lead" and "Lark Moor Recovery Safeguarding Lead" are not names; a surname that is an English
    word ("Pat Farthing") is missed, as a name is better missed here than a body's name taken for one."""
    out: set[int] = set()
    i = 0
    while i < len(toks):
        j = i
        while j < len(toks) and j not in blocked and _name_word(toks[j]) and (j == i or not toks[j].brk):
            j += 1
        if j == i:
            i += 1
            continue
        opens = i == 0 or toks[i].brk or toks[i - 1].norm not in _NAME_JOINERS  # not "Head of Kestrel Vale"
        if opens and 2 <= j - i <= 3 and _post_at(toks, j) and toks[j - 1].norm not in english_words():
            out.update(range(i, j))
        i = j
    return out


def person_spans(toks: list[Token], blocked: set[int] = frozenset()) -> set[int]:
    """Indexes of tokens that belong to a person's name: title or given name + capitalised surname(s), or two
    or three name words straight before a post's title (:func:`_named_before_post`).

    ``blocked`` tokens (already matched as an agency) are never part of a name.
    """
    names = given_names()
    out: set[int] = _named_before_post(toks, set(blocked))
    i = 0
    while i < len(toks):
        t = toks[i]
        starts = i not in blocked and (t.norm in TITLES or (t.norm in names and t.raw[:1].isupper()))
        if starts:
            j = i + 1
            # a surname after a given name; a given name and a surname after a title ("DCI Jayne Downes")
            limit = 2 if t.norm in TITLES else 1
            while (
                j < len(toks)
                and j - i <= limit
                and j not in blocked
                and not toks[j].brk
                and toks[j].raw[:1].isupper()
                and toks[j].norm not in ROLE_WORDS
                and not toks[j].raw.isupper()
            ):
                j += 1
            if j > i + 1 or t.norm in TITLES:
                out.update(range(i, j))
                i = j
                continue
        i += 1
    return out
