"""A document's own abbreviations: what "NC", "WBC ASC" or "ICB" mean in *this* document.

Two sources, both checked against the same test (the acronym must abbreviate its expansion):

- a **glossary section**: a heading such as "Glossary", "Glossary of Abbreviations", "Abbreviations",
  "Acronyms", "Key", "Terms used in this report", followed by entries: ``NC<tab>Northmere Constabulary``
  (a table row of two cells, in either order), ``NC  Northmere Constabulary``, ``NC – Northmere
  Constabulary``, ``NC: Northmere Constabulary``, ``Northmere Constabulary (NC)``, ``NC (Northmere
  Constabulary)``. A run of three or more such entries with no heading is a glossary too (an appendix table
  whose heading was lost);
- a **glossary as running text**: the heading and its entries on one line ("Abbreviations: FCHT Fenwick
  Community Health Trust; FDAS Fenwick Domestic Abuse Service.", "Abbreviations used: FCHT (...), FDAS
  (...)", "Glossary - FCHT: .... FDAS: ...."), or a heading then a paragraph of entries. The text is cut at
  semicolons, sentence ends and commas only where every piece then is an entry (:func:`running_entries`);
  a text that cannot be read whole gives nothing;
- **inline definitions** anywhere in the text: "Northmere Constabulary (NC)", "Northmere Constabulary
  (hereafter NC)", "Wrenford Borough Council Adult Social Care ('WBC ASC')".

The test (:func:`abbreviates`): the acronym's letters are the initials of the expansion's words in order;
small words ("of", "and", "the") and a few generic ones ("NHS", "Foundation", "Trust") may be skipped or
give their initial; a word may give more than its initial where the acronym goes on in lower case ("OASys"
Offender Assessment System) or where the word is itself in capitals ("NHSE" NHS England); every other word
must give at least its initial. So "UK United Kingdom" is an entry, but "IT was down" or "OK then" is not,
and neither is "NC  Wrenford Borough Council".

Where one acronym is given two different expansions, the glossary section's wins (else the first), with a
warning. :func:`reviewgraph.records.glossary.expand` reads an owner cell through the glossary (the graph's
owner rule uses it): "WBC ASC" -> "Wrenford Borough Council Adult Social Care".

>>> from reviewgraph.records.parsed import Line
>>> g = find_glossary([Line(no=1, cells=("Abbreviations",)), Line(no=2, cells=("NC", "Northmere Constabulary")),
...                    Line(no=3, cells=("The Wrenford Borough Council (WBC) met.",))])
>>> g.terms
{'NC': 'Northmere Constabulary', 'WBC': 'Wrenford Borough Council'}
>>> sorted(g.lines)
[1, 2]
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from reviewgraph.records.glossary import PUNCT_EDGE, QUOTES, is_acronym
from reviewgraph.records.parsed import Line

__all__ = ["Glossary", "abbreviates", "find_glossary", "glossary", "running_entries"]

#: words an acronym may skip or take the initial of ("Department for Education" DfE, "Terms of Reference" ToR)
_SMALL = frozenset("of and the for & in on to with at by a an de du la le upon under into or its".split())
#: words of organisations' names their acronyms often leave out ("South Warwickshire NHS Foundation Trust" SWFT)
_GENERIC = frozenset("nhs foundation trust ltd limited plc cic".split())

_TOKEN = r"[A-Z][A-Za-z&./-]{0,11}"
_ACR_SEQ = rf"{_TOKEN}(?: {_TOKEN}){{0,3}}"
_ACR_FULL = re.compile(rf"^{_ACR_SEQ}$")

_HEADING = re.compile(
    r"^(?:(?:appendix|annex|annexe|section)\s+[A-Z0-9]{1,3}\b\s*[:.–—-]?\s*|\d{1,2}(?:\.\d{1,2})?\.?\s+)?"
    r"(?:glossary|(?:list|table|index)\s+of\s+(?:abbreviations|acronyms|terms)|abbreviations|acronyms|key|"
    r"terms\s+used|definitions)\b[\w ,&'’()/-]{0,50}:?$", re.I)
# "NC – Northmere Constabulary", "NC: ...", "NC = ...", "NC  Northmere Constabulary" (two spaces, as the cell
# is written), "NC Northmere Constabulary" (one space: only inside a glossary section)
_ACR_SEP_EXP = re.compile(rf"^(?P<acr>{_ACR_SEQ})\s*(?:[:=–—]|\s-|-\s|\s{{2,}})\s*(?P<exp>\S.*)$")
_ACR_SPACE_EXP = re.compile(rf"^(?P<acr>{_ACR_SEQ}) (?P<exp>[A-Za-z].*)$")
_EXP_PAREN_ACR = re.compile(rf"^(?P<exp>.+?)\s*\(\s*[{QUOTES}]?(?P<acr>{_ACR_SEQ})[{QUOTES}]?\s*\)\s*[.,;]?$")
_ACR_PAREN_EXP = re.compile(rf"^(?P<acr>{_ACR_SEQ})\s*\((?P<exp>[^()]+)\)\s*[.,;]?$")
_EXP_SEP_ACR = re.compile(rf"^(?P<exp>.+?)\s*(?:[:=–—]|\s-)\s*(?P<acr>{_ACR_SEQ})$")

# inline: "(NC)", "('WBC ASC')", "(hereafter NC)", "(hereinafter referred to as 'NC')", "(known as the NC)"
_PAREN = re.compile(r"\(([^()\n]{1,160})\)")
_INLINE_CUE = re.compile(  # (no re.I: a case-blind pattern is several times slower)
    r"^(?:(?:[Hh]ere(?:in)?after|[Hh]enceforth)(?:\s+(?:referred\s+to|known)\s+as)?\s+|"
    r"(?:[Rr]eferred\s+to|[Kk]nown)\s+as\s+)?"
    rf"(?:[Tt]he\s+)?[{QUOTES}]?(?P<acr>{_ACR_SEQ})[{QUOTES}]?$")
_WORD_SPLIT = re.compile(r"[\s/]+")
_END_PAREN = re.compile(r"\s*\([^()]*\)\s*$")
#: "(Ashby Vale Council)": a parenthesis naming an organisation
_HOLDER = re.compile(r"^\s*\((?:[A-Z][\w'’&.-]*\s+){1,6}(?:Council|Authority|Trust|Police|Constabulary)\)\s*$")


@dataclass
class Glossary:
    """What :func:`find_glossary` found: the terms, the source lines of the glossary section (heading and
    entries, which count as placed), where each term came from, and warnings (one acronym, two expansions)."""

    terms: dict[str, str] = field(default_factory=dict)
    lines: set[int] = field(default_factory=set)
    #: the text of each line read (where a reader gives many lines one number, a one-line HTML page, the
    #: number alone does not say which of them the glossary read)
    texts: set[str] = field(default_factory=set)
    sources: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


# --- the test: does the acronym abbreviate the expansion? -----------------------------------------------------


@functools.lru_cache(maxsize=16384)
def _is_acronym_seq(text: str) -> bool:
    return bool(_ACR_FULL.match(text)) and all(is_acronym(t) for t in text.split())


def _words(expansion: str) -> tuple[tuple[str, bool, bool], ...]:
    """The expansion's words as (word, may be skipped, is in capitals); a hyphenated word's later parts may
    be skipped ("Co-ordinated"), possessives lose their "'s"."""
    out = []
    for raw in _WORD_SPLIT.split(expansion):
        raw = raw.strip(PUNCT_EDGE)
        raw = re.sub(r"['’]s$", "", raw)
        if not raw:
            continue
        for k, part in enumerate(p for p in re.split(r"[-–]", raw) if p):
            part = part.strip(PUNCT_EDGE)
            if not part or not any(c.isalnum() for c in part):
                continue
            low = part.casefold()
            optional = low in _SMALL or low in _GENERIC or k > 0 or part == "&"
            out.append((part, optional, len(part) > 1 and part.isupper()))
    return tuple(out)


def _fits(letters: str, words: tuple[tuple[str, bool, bool], ...], lead_skip: bool) -> bool:
    """Whether ``letters`` are the initials (and more, see :func:`abbreviates`) of ``words`` in order."""

    @functools.cache
    def fit(i: int, j: int) -> bool:
        if j == len(words):
            return i == len(letters)
        word, optional, capitals = words[j]
        if (optional or (lead_skip and i == 0 and word.casefold() == "the")) and fit(i, j + 1):
            return True
        if i == len(letters) or letters[i].casefold() != word[0].casefold():
            return False
        if fit(i + 1, j + 1):
            return True
        # more than the initial: a word in capitals gives any of its letters in order ("NHS" in NHSE); another
        # word only the lower-case letters that follow (OASys: "Sys" of System)
        k = 1
        while i + k < len(letters) and k < len(word) and letters[i + k].casefold() == word[k].casefold() and (
                capitals or letters[i + k].islower()):
            k += 1
            if fit(i + k, j + 1):
                return True
        return False

    return fit(0, 0)


@functools.lru_cache(maxsize=8192)
def abbreviates(acronym: str, expansion: str, *, lead_skip: bool = True, loose: bool = False) -> bool:
    """Whether ``acronym`` plausibly abbreviates ``expansion`` (see the module's docstring). ``loose`` (an
    entry of a glossary section, where the document says the two go together): the acronym may abbreviate
    the core of the expansion, after up to four words of a place and before up to two more words ("CSP"
    Wrenford Community Safety Partnership, "ICB" NHS Northmere and Wrenford Integrated Care Board, "DASH"
    Domestic Abuse, Stalking and Harassment risk checklist), the core being at least half its words.

    >>> abbreviates("WBC ASC", "Wrenford Borough Council Adult Social Care")
    True
    >>> abbreviates("HMICFRS", "Her Majesty's Inspectorate of Constabulary and Fire and Rescue Services")
    True
    >>> abbreviates("OASys", "Offender Assessment System"), abbreviates("NHSE", "NHS England")
    (True, True)
    >>> abbreviates("NC", "Wrenford Borough Council"), abbreviates("IT", "was down for a week")
    (False, False)
    >>> abbreviates("CSP", "Wrenford Community Safety Partnership", loose=True)
    True
    """
    acr = acronym[:-1] if len(acronym) > 2 and acronym.endswith("s") and acronym[-2].isupper() else acronym
    letters = "".join(c for c in acr if c.isalnum())
    words = _words(expansion)
    if len(letters) < 2 or not words or len(words) > 2 * len(letters) + 4:
        return False
    if all(w[1] for w in words):  # nothing but small words
        return False
    if _fits(letters, words, lead_skip):
        return True
    if not loose:
        return False
    significant = [k for k, w in enumerate(words) if not w[1]]
    n = len(words)
    first = letters[0].casefold()
    for i in range(n):
        if sum(1 for k in significant if k < i) > 4:
            break
        word, optional, _ = words[i]
        if optional or word[0].casefold() != first:
            continue
        if not all(w[0][0].isupper() or w[1] for w in words[:i]):  # only a place's words before the core
            break
        for j in range(n, max(i, n - 3), -1):
            core = sum(1 for k in significant if i <= k < j)
            if core >= 2 and 2 * core >= len(significant) and _fits(letters, words[i:j], False):
                return True
    return False


# --- entries --------------------------------------------------------------------------------------------------


def _tidy_expansion(text: str) -> str:
    end = _END_PAREN.search(text)
    if end and not text.startswith("(") and not _HOLDER.match(end.group(0)):
        # "Clinical Commissioning Group (now ICB)"; but "Children's Social Care (Ashby Vale Council)" names
        # the organisation the department belongs to, and stays
        text = text[: end.start()]
    text = text.strip().strip(QUOTES + ".,;:–—- ").strip()
    return re.sub(r"^(?:the|The)\s+", "", text)


def _pair(acr: str, exp: str, lead_skip: bool = True, loose: bool = False) -> tuple[str, str] | None:
    acr = acr.strip().strip(QUOTES).strip()
    exp = _tidy_expansion(exp)
    if not acr or not exp or len(exp) > 160 or not _is_acronym_seq(acr):
        return None
    if _is_acronym_seq(exp) and exp.replace(" ", "") != exp:  # two acronyms side by side, not an entry
        return None
    core = exp[: exp.rindex("(")].strip() if exp.endswith(")") and "(" in exp else exp  # the holder aside
    return (acr, exp) if abbreviates(acr, core, lead_skip=lead_skip, loose=loose) else None


_TWO_SPACES = re.compile(rf"^\s*({_ACR_SEQ})(?:\s{{2,}}|\u00a0\s*)(\S.*)$")


def _cells(line: Line) -> list[str]:
    cells = [c for c in line.clean if c]
    if len(cells) == 1:
        if "|" in cells[0]:  # a markdown table row read as one cell
            cells = [c.strip() for c in cells[0].strip("| ").split("|") if c.strip()]
        else:  # "NC   Northmere Constabulary": cells set apart by spaces (cleaning collapses them)
            raw = next(c for c in line.cells if c.strip())
            m = _TWO_SPACES.match(raw) if "  " in raw or "\u00a0" in raw else None
            if m:
                cells = [m.group(1), cells[0][len(m.group(1)):].strip()]
    return cells


def _entry(line: Line, loose: bool) -> tuple[str, str] | None:
    """The (acronym, expansion) a glossary line gives, or None. ``loose``: inside a glossary section, where
    "NC Northmere Constabulary" (one space) counts too, and an acronym may abbreviate the core of its
    expansion (:func:`abbreviates`)."""
    cells = _cells(line)
    if not cells:
        return None
    if len(cells) >= 2:
        a, b = cells[0], cells[1]
        found = _pair(a, b, loose=loose) or _pair(b, a, loose=loose)
        if found or len(cells) > 2:
            return found
        cells = [f"{a} {b}"]
    text = cells[0]
    if len(text) > 200:
        return None
    patterns = [_ACR_SEP_EXP, _EXP_PAREN_ACR, _ACR_PAREN_EXP, _EXP_SEP_ACR]
    for pattern in patterns:
        m = pattern.match(text)
        if m and (found := _pair(m.group("acr"), m.group("exp"), loose=loose)):
            return found
    if loose:
        m = _ACR_SPACE_EXP.match(text)
        if m:
            # the acronym is the longest run of acronym tokens the rest abbreviates ("DTV CRC Durham and ...")
            tokens = text.split(" ")
            n = 0
            while n < len(tokens) - 1 and n < 4 and is_acronym(tokens[n]):
                n += 1
            for k in range(n, 0, -1):
                if found := _pair(" ".join(tokens[:k]), " ".join(tokens[k:]), loose=True):
                    return found
    return None


def _heading_words(text: str) -> bool:
    low = text.lower()  # (a chain of ``in`` tests: several times faster than one case-blind regex)
    return "gloss" in low or "abbrev" in low or "acronym" in low or "key" in low or "terms" in low or (
        "definition" in low)


def _is_heading(line: Line) -> bool:
    text = line.lone_cell
    if text is None:
        cells = [c for c in line.clean if c]
        # a heading with a page number after it is a contents line, not the section
        if len(cells) != 1:
            return False
        text = cells[0]
    return len(text) <= 70 and _heading_words(text) and bool(_HEADING.match(text.strip(" *#")))


def _is_new_section(line: Line) -> bool:
    """A line that ends a glossary: a heading the reader marked, or a numbered heading ("12 Appendix C")."""
    if line.role == "heading":
        return True
    text = line.clean_text
    return bool(re.match(r"^(?:\d{1,2}(?:\.\d{1,2})*\.?|appendix\s+[A-Z0-9]{1,3}\b)\s+[A-Z]", text, re.I)) and len(
        text) < 80


def _section(lines: list[Line], start: int, gl: Glossary, entries: list[tuple[str, str, int]]) -> int:
    """Read the entries after the heading at ``lines[start]``; returns the index after its last entry (the
    lines after it are read again as text)."""
    i = start + 1
    misses = 0
    found = 0
    after = start + 1
    while i < len(lines):
        line = lines[i]
        if line.blank or _furniture(line):  # a page's footer and the next one's header: the list goes on
            i += 1
            continue
        entry = _entry(line, loose=True)
        if entry is None and (many := _running_line(line)):
            # "FCHT Fenwick Community Health Trust; FDAS Fenwick Domestic Abuse Service.": entries as running text
            entries.extend((*e, line.no) for e in many)
            _take(gl, line)
            found += len(many)
            misses = 0
            after = i + 1
            i += 1
            continue
        if entry is None and i + 1 < len(lines) and not lines[i + 1].blank:
            # an expansion wrapped onto the next line ("HMICFRS  Her Majesty's Inspectorate of" / "Constabulary")
            nxt = lines[i + 1]
            if _entry(nxt, loose=True) is None and len(nxt.clean_text) < 80:
                joined = Line(no=line.no, cells=(f"{line.clean_text} {nxt.clean_text}",))
                entry = _entry(joined, loose=True)
                if entry:
                    _take(gl, nxt)
                    i += 1
        if entry is not None:
            entries.append((*entry, line.no))
            _take(gl, line)
            found += 1
            misses = 0
            after = i + 1
        else:
            if (found and _is_new_section(line)) or _is_heading(line):
                break
            misses += 1
            if misses >= (2 if found else 3):
                break
        i += 1
    if found:
        _take(gl, lines[start])
    return after


def _running_line(line: Line) -> list[tuple[str, str]] | None:
    """Two or more entries written as running text on one line of a glossary section (one cell)."""
    cells = [c for c in line.clean if c]
    if len(cells) != 1 or not _PARTS.search(cells[0]):
        return None
    many = running_entries(cells[0])
    return many if many and len(many) >= 2 else None


def _take(gl: Glossary, line: Line) -> None:
    gl.lines.add(line.no)
    gl.texts.add(line.text)


def _furniture(line: Line) -> bool:
    """A page number or a protective marking ("Page 2", "OFFICIAL - SENSITIVE")."""
    from reviewgraph.ingest.furniture import is_marking
    from reviewgraph.records.normalize import is_page_furniture
    text = line.clean_text
    return len(text) < 60 and (is_page_furniture(text) or is_marking(text))


# --- a glossary written as running text ------------------------------------------------------------------------

#: a line opening with a glossary's heading and then its entries on the same line: "Abbreviations: ...",
#: "Abbreviations used in this tracker - ...", "Glossary – ...", "Key to acronyms: ..."
_LEAD_IN = re.compile(
    r"^(?:(?:list|table|index)\s+of\s+|key\s+to\s+(?:the\s+)?)?"
    r"(?:glossary|abbreviations|acronyms|key|terms\s+used|definitions)\b"
    r"(?P<words>[\w ,'’()/&]{0,50}?)\s*(?::|\s[-–—]|[–—])\s*(?P<body>\S.*)$", re.I)
#: where running text may part two entries: a semicolon, a sentence's end, a comma (each with what follows)
_PARTS = re.compile(r"(;\s*|\.\s+|,\s+)")
_MAX_PARTS = 40
_LEAD_WORDS = ("gloss", "abbrev", "acronym", "key", "terms", "definition", "list of", "table of", "index of")
#: the first characters a line opening with a glossary's heading may have (a cheap test, asked of every line)
_LEAD_FIRST = frozenset("GgAaKkTtDdLlIi*#")


def _lead_in(line: Line) -> str | None:
    """The entries after a glossary's heading on the same line ("Abbreviations: FCHT Fenwick Community
    Health Trust; FDAS ..."), or, in a row of two cells, after a heading in the first ("Abbreviations" |
    "FCHT ..."); None for a line that does not open so."""
    cells = [c for c in line.clean if c]
    if len(cells) == 2 and len(cells[0]) <= 70 and _heading_words(cells[0]) and _HEADING.match(cells[0].strip(" *#")):
        return cells[1]
    if len(cells) != 1:
        return None
    head = cells[0].lstrip(" *#")[:20].lower()
    if not head.startswith(_LEAD_WORDS):
        return None
    m = _LEAD_IN.match(cells[0].strip(" *#"))
    if m is None or (m.group("words").strip() and not _heading_words(m.group("words")) and not re.fullmatch(
            r"\s*(?:\(?\s*(?:used|as used)\b[\w ,'’/&]*\)?|in\s+(?:this|the)\s+\w+(?:\s+\w+)?)\s*",
            m.group("words"))):
        return None
    return m.group("body")


def running_entries(text: str, loose: bool = True) -> list[tuple[str, str]] | None:
    """The entries of a glossary written as running text, or None when the text does not read as entries
    from end to end. The text is cut at semicolons, sentence ends and commas only where every piece then is
    an entry (:func:`abbreviates` holds for each); of several such readings, the one with the most entries.
    Nothing is taken from a text that cannot be read whole, so no pair is guessed from a sentence.

    >>> running_entries("FCHT Fenwick Community Health Trust; FDAS Fenwick Domestic Abuse Service.")
    [('FCHT', 'Fenwick Community Health Trust'), ('FDAS', 'Fenwick Domestic Abuse Service')]
    >>> running_entries("DASH Domestic Abuse, Stalking and Harassment, MAPPA Multi-Agency Public Protection Arrangements")
    [('DASH', 'Domestic Abuse, Stalking and Harassment'), ('MAPPA', 'Multi-Agency Public Protection Arrangements')]
    >>> running_entries("The FCHT nurse visited the family on 3 May.") is None
    True
    """
    text = text.strip().rstrip(".;, ")
    if not text or len(text) > 4000:
        return None
    bits = _PARTS.split(text)
    pieces, seps = bits[0::2], bits[1::2]
    if len(pieces) > _MAX_PARTS:
        return None
    n = len(pieces)

    @functools.cache
    def entry(i: int, j: int) -> tuple[str, str] | None:
        piece = "".join(p + s for p, s in zip(pieces[i:j - 1], seps[i:j - 1])) + pieces[j - 1]
        if not piece or len(piece) > 200:
            return None
        return _entry(Line(no=0, cells=(piece,)), loose=loose)

    # best[i]: the most entries that read pieces[i:] whole, and that reading
    best: list[tuple[int, list[tuple[str, str]]] | None] = [None] * (n + 1)
    best[n] = (0, [])
    for i in range(n - 1, -1, -1):
        for j in range(i + 1, n + 1):
            rest = best[j]
            if rest is None or (e := entry(i, j)) is None:
                continue
            if best[i] is None or rest[0] + 1 > best[i][0]:  # type: ignore[index]
                best[i] = (rest[0] + 1, [e, *rest[1]])
    return best[0][1] if best[0] else None


# a line that could be a glossary entry on its own: an acronym then a separator, or a closing bracket at its end
_FIRST_ACR = re.compile(rf"[{QUOTES}]?[A-Z][a-z&./]?[A-Z]")
_ENTRY_SHAPE = re.compile(rf"[{QUOTES}]?{_ACR_SEQ}[{QUOTES}]?\s*(?:[:=–—(]|\s-)")


def _could_be_entry(line: Line) -> bool:
    cells = line.clean
    n = 0
    for c in cells:
        if c:
            n += 1
            if n == 1:
                first = c
            elif n == 2:
                second = c
    if n == 0:
        return False
    if n >= 2:  # a table row: one of its first two cells an acronym
        return (len(first) <= 40 and _is_acronym_seq(first.strip(QUOTES))) or (
            len(second) <= 40 and _is_acronym_seq(second.strip(QUOTES)))
    if len(first) > 200:
        return False
    if "|" in first or first.rstrip(" .,;").endswith(")"):
        return True
    if not _FIRST_ACR.match(first):
        return False
    raw = next(c for c in line.cells if c.strip())
    if "  " in raw.strip() or "\u00a0" in raw:
        return True
    return bool(_ENTRY_SHAPE.match(first))


_ACR_TAIL = re.compile(rf"(?:^|[\s(]){_ACR_SEQ}$")


def _inline(text: str, prev: str) -> list[tuple[str, str]]:
    """Inline definitions in one line of text ("Northmere Constabulary (NC)", "NC (Northmere Constabulary)");
    ``prev`` is the line before, for a name wrapped over a line break."""
    out = []
    for m in _PAREN.finditer(text):
        inner = m.group(1).strip()
        if not inner or not (inner[0].isupper() or inner[0] in QUOTES or inner[0] in "hHkKrRtT"):
            continue
        cue = _INLINE_CUE.match(inner) if len(inner) <= 60 else None
        if cue and _is_acronym_seq(cue.group("acr")):
            acr = cue.group("acr")
            n_letters = sum(1 for c in acr if c.isalnum())
            words = text[max(0, m.start() - 30 * n_letters - 60): m.start()].split()
            if len(words) < n_letters and prev:
                words = prev.split()[-2 * n_letters:] + words
            words = words[-(2 * n_letters + 4):]
            # the shortest run of the words just before that the acronym abbreviates, from a word with its initial
            first = acr[0].casefold()
            for k in range(len(words) - 1, -1, -1):
                w = words[k].strip(PUNCT_EDGE)
                if not w or w[0].casefold() != first or w.casefold() in _SMALL:
                    continue
                cand = " ".join(words[k:]).strip(PUNCT_EDGE)
                if abbreviates(acr, cand, lead_skip=False):
                    if found := _pair(acr, cand, lead_skip=False):
                        out.append(found)
                    break
            continue
        # "NC (Northmere Constabulary)": an acronym just before the brackets, their content its expansion
        if not inner[0].isupper() or " " not in inner:
            continue
        head = text[max(0, m.start() - 60): m.start()].rstrip()
        if not head or not head[-1].isupper():
            continue
        tail = _ACR_TAIL.search(head)
        if tail:
            parts = tail.group(0).strip(" (").split()
            # the longest acronym sequence the content abbreviates ("WBC ASC (...)" before "ASC (...)")
            for k in range(len(parts)):
                cand = " ".join(parts[k:])
                if _is_acronym_seq(cand) and (found := _pair(cand, inner)):
                    out.append(found)
                    break
    return out


@functools.lru_cache(maxsize=4096)
def _norm(s: str) -> str:
    s = s.casefold().replace("&", " and ")
    s = re.sub(r"['’]s\b", "", s)
    return re.sub(r"[^0-9a-z]+", "", re.sub(r"\b(?:the|and|of)\b", " ", s))


def _same(a: str, b: str) -> bool:
    """Two expansions that differ only in case, punctuation, "the", "and"/"&", "of" or a plural."""
    if a == b:
        return True
    na, nb = _norm(a), _norm(b)
    return na == nb or na.rstrip("s") == nb.rstrip("s")


def find_glossary(lines: list[Line]) -> Glossary:
    """The document's abbreviations (see the module's docstring), with the glossary section's lines."""
    gl = Glossary()
    section: list[tuple[str, str, int]] = []
    inline: list[tuple[str, str]] = []
    run: list[tuple[str, str, int]] = []
    run_lines: list[Line] = []

    def close_run() -> None:
        if len(run) >= 3:  # a glossary table with no heading
            section.extend(run)
            for ln in run_lines:
                _take(gl, ln)
        run.clear()
        run_lines.clear()

    prev = ""
    i, n = 0, len(lines)
    while i < n:
        line = lines[i]
        text = line.clean_text
        if not text:
            i += 1
            continue
        if len(text) <= 70 and _heading_words(text) and _is_heading(line):
            before = len(section)
            end = _section(lines, i, gl, section)
            if len(section) > before:
                close_run()
                i, prev = end, ""
                continue
        c0 = text[0]
        if c0 in _LEAD_FIRST and text.lstrip(" *#")[:16].lower().startswith(_LEAD_WORDS) and (
                body := _lead_in(line)) is not None and (
                found := running_entries(body)):
            # "Abbreviations: FCHT Fenwick Community Health Trust; FDAS ...": a glossary in one line of text
            close_run()
            section.extend((*e, line.no) for e in found)
            _take(gl, line)
            prev = text
            i += 1
            continue
        entry = None
        if (c0.isupper() or c0 in QUOTES or text[-1] == ")") and _could_be_entry(line):
            entry = _entry(line, loose=False)
        if entry is not None:
            run.append((*entry, line.no))
            run_lines.append(line)
        else:
            if run:
                close_run()
            if "(" in text:
                inline.extend(_inline(text, prev))
        prev = text
        i += 1
    close_run()

    def add(acr: str, exp: str, no: int | None) -> None:
        have = gl.terms.get(acr)
        if have is None:
            gl.terms[acr] = exp
            if no is not None:
                gl.sources[acr] = no
            return
        if _same(have, exp):
            return
        where = f"line {no}" if no is not None else "the text"
        kept = f"line {gl.sources[acr]}" if acr in gl.sources else "the text"
        gl.warnings.append(f"glossary: {acr} is '{have}' ({kept}) and '{exp}' ({where}); kept '{have}'")

    for acr, exp, no in section:  # the glossary section first: its expansions win
        add(acr, exp, no)
    for acr, exp in inline:
        add(acr, exp, None)
    return gl


def glossary(lines: list[Line]) -> dict[str, str]:
    """acronym -> expansion, as :func:`find_glossary` finds them."""
    return find_glossary(lines).terms
