"""Which review a document belongs to, and what kind of document it is, from what it says about itself:
the partnership or area, the review number ("DHR-4", "SAR 2019/03"), the pseudonym ('Jean'), dates.

Two documents that give the same area and number, or the same area and pseudonym, belong to one review
(:mod:`reviewgraph.graph.build` does the grouping). An explicit ``--review`` key overrides all of this.
"""

from __future__ import annotations

import re
from collections import Counter

from reviewgraph.graph.agency_text import given_names
from reviewgraph.records.dates import parse_date_cell
from reviewgraph.records.kinds import DocKind, ReviewKind
from reviewgraph.records.parsed import Line, ReviewHints

__all__ = ["identify", "doc_kind", "area_of", "review_override"]

# The kind of review, counted without regular expressions over the text (``str.find`` is many times faster
# than a case-blind pattern over a whole report): each "review" with the words before it, and each acronym
# standing as a word ("SAR", "SARs", "DHR-4"; not "SARA", "SARC", "SARS").
_PHRASE_ENDS = (("domestic homicide", "DHR"), ("domestic abuse related death", "DARDR"),
                ("safeguarding adults", "SAR"), ("safeguarding adult", "SAR"), ("adult safeguarding", "SAR"),
                ("safeguarding practice", "CSPR"), ("serious case", "SCR"),
                # Wales: an Adult Practice Review is its Safeguarding Adults Review, a Child Practice Review its
                # Child Safeguarding Practice Review
                ("adult practice", "APR"), ("child practice", "CPR"))
_ACRONYMS = (("DHR", "DHR"), ("DARDR", "DARDR"), ("SAR", "SAR"), ("CSPR", "CSPR"), ("SCR", "SCR"))
#: the kind each counted form belongs to (the review kinds of the data model: DHR, SAR, CSPR)
_FAMILY = {"DHR": "DHR", "DARDR": "DHR", "SAR": "SAR", "CSPR": "CSPR", "SCR": "CSPR", "APR": "SAR", "CPR": "CSPR"}
# a joint review: "DHR/SAR", "joint DHR and SAR", "Domestic Homicide Review and Safeguarding Adults Review",
# "Domestic Homicide and Safeguarding Adults Review" (read on lower-cased text)
_DHR_W = r"(?:\bdhr\b|\bdardr\b|domestic homicide review|domestic abuse related death review)"
_SAR_W = r"(?:\bsar\b|safeguarding adults? review|adult safeguarding review)"
_JOINT = re.compile(rf"{_DHR_W}\s*(?:/|\+|&|and|-|–)\s*(?:an?\s+|the\s+)?{_SAR_W}|"
                    rf"{_SAR_W}\s*(?:/|\+|&|and|-|–)\s*(?:an?\s+|the\s+)?{_DHR_W}|"
                    r"domestic homicide\s*(?:/|&|and)\s*safeguarding adults?\s+review|"
                    r"safeguarding adults?\s*(?:/|&|and)\s*domestic homicide\s+review")
_KIND_NUM = r"(DHR\s*/\s*SAR|SAR\s*/\s*DHR|DHR|SAR|CSPR|LCSPR|SCR|DARDR)"
_NUMBER_YEAR = re.compile(
    rf"\b{_KIND_NUM}\s*[-–/_ ]?\s*(?:no\.?\s*)?((?:19|20)\d{{2}})\s*[-–/_ ]\s*(\d{{1,3}})\b", re.I)
# "CSPR 21-004": a year of two digits, then a serial of three
_NUMBER_YY = re.compile(rf"\b{_KIND_NUM}\s*[-–/_ ]?\s*(?:no\.?\s*)?([12]\d)\s*[-–/_]\s*(\d{{3}})\b", re.I)
_NUMBER = re.compile(rf"\b{_KIND_NUM}\s*[-–_ ]?\s*(?:no\.?\s*|number\s*)?(\d{{1,3}})(?![\d/.])", re.I)
# a kind written out, for a number in a title ("Safeguarding Adults Review 2022/03", "DOMESTIC HOMICIDE REVIEW 05")
_PHRASE_KIND = re.compile(
    r"\b(?:(domestic homicide)|(domestic abuse related death)|(safeguarding adults?|adult safeguarding)|"
    r"((?:local\s+)?child(?:ren)?(?:'s)?\s+safeguarding\s+practice)|(serious case))\s+review\b(?!s)", re.I)
_PHRASE_ACR = ("DHR", "DARDR", "SAR", "CSPR", "SCR")
# "SAR Adult C", "LCSPR: Child Q", "Child Q", "Baby T": a lettered review name (case as written)
_LETTERED = re.compile(
    r"(?:\b(DHR\s*/\s*SAR|DHR|SAR|CSPR|LCSPR|SCR)\s*[-–:]?\s*(?:into\s+|for\s+|concerning\s+)?)?"
    r"\b(Adult|Child|Baby|Infant|Young Person|Family|Sibling|Mr|Mrs|Ms|Miss|Mx)\s+([A-Z]{1,2})(?![\w-])(?!['’]\w)"
    # (a closing quote may follow, not a possessive "Child Q's"; "Mr J Smith" is a person's name, not "Mr J")
    r"(?!\s+[A-Z][a-z])")
#: a lettered review name as a number gives it ("CSPR-Child-Q", "SAR-Mr-D"): the name is its pseudonym too
_LETTERED_NUMBER = re.compile(r"^[A-Z/]+-((?:Adult|Child|Baby|Infant|Young-Person|Family|Sibling|Mr|Mrs|Ms|Miss|"
                              r"Mx)-[A-Z]{1,2})$")
#: "Tarnford DHR 9 (Ruth)", "SAR 4 - George": a given name straight after the review's kind and number
_NUMBER_THEN_NAME = re.compile(r"\b(?:DHR|SAR|CSPR|LCSPR|DARDR|APR|CPR)\s*[-–]?\s*\d{1,3}\s*"
                               r"(?:\(\s*['‘\"“]?([A-Z][a-z]{2,})['’\"”]?\s*\)|[-–—:]\s*['‘\"“]?([A-Z][a-z]{2,})['’\"”]?"
                               r"(?=\s*$|\s+[-–—|]))")
#: the words of the name of a board or partnership that commissions each kind of review
_COMMISSIONS = {"SAR": re.compile(r"\bAdults?\b"), "CSPR": re.compile(r"\bChild(?:ren)?(?:'s)?\b"),
                "DHR": re.compile(r"^(?!.*\b(?:Adults?|Child(?:ren)?(?:'s)?)\b)"),
                "DHR/SAR": re.compile(r"\bAdults?\b|Community Safety|\bSafer\b")}
_PLACE = r"(?:[A-Z][A-Za-z&'’.-]+\s+){0,3}[A-Z][A-Za-z&'’.-]+"
_PARTNERSHIP = re.compile(
    rf"((?:Safer\s+)?{_PLACE})\s+(Community Safety Partnership|Community Safety Board|"
    r"Safeguarding Adults? (?:Partnership )?Board|Adult Safeguarding (?:Partnership )?Board|"
    r"Safeguarding Adults? Partnership|Safeguarding Children(?:'s)? (?:Partnership|Board)|"
    r"Children(?:'s)? Safeguarding (?:Partnership|Board)|Safeguarding Partnership|"
    r"Partnership Board|Community Safety and Safeguarding Partnership|Safeguarding Board)\b")
_TWO_PLACES = re.compile(r"^((?:[A-Z][A-Za-z'’.-]+\s+){1,3}and\s+)(.+)$")
_SAFER = re.compile(r"\bSafer\s+([A-Z][A-Za-z]+(?:\s+[A-Z][A-Za-z]+){0,2})\s+(?:Partnership|Board|Communities)")
_AREA_NUMBER = re.compile(r"^(?:the\s+)?([A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2})\s+(?:DHR|SAR|CSPR|LCSPR|DARDR)\b")
_CSP = re.compile(r"\b([A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2})\s+(?:CSP|SAB|SCP)\b")
_QUOTED_NAME = re.compile(r"^['‘\"“]([A-Z][a-z]+(?:\s[A-Z][a-z]+)?)['’\"”]$")
# "Domestic Homicide Review - 'Elsa'", "DHR into the death of 'Ann'": a quoted name in a title line
_QUOTED_IN_TITLE = re.compile(r"(?:review|dhr|sar|cspr|plan|report)\b[^'‘\"“]{0,40}['‘\"“]([A-Z][a-z]{2,})['’\"”]",
                              re.I)
# "SAR Harriet", "Safeguarding Adults Review: Harriet - Wexcombe SAB": a given name alone straight after the
# review's kind at the start of a title line (checked against the given-name list, so "SAR Report" is none)
_KIND_THEN_NAME = re.compile(
    r"^(?:[A-Z][a-z]+\s+){0,3}(?:SAR|DHR|CSPR|LCSPR|DARDR|Safeguarding Adults? Review|Domestic Homicide Review|"
    r"(?:Local )?Child Safeguarding Practice Review)\s*[:\-–—]?\s*(?:into|of|for|concerning)?\s*([A-Z][a-z]+)"
    r"(?:\s+[-–—|:]\s+.*|\s*[.:]?)$")
_NAME_CUES = [
    re.compile(r"\b(?:known as|pseudonym(?: of)?|referred to as|called)\s+['‘\"“]([A-Z][a-z]+)['’\"”]"),
    re.compile(r"\b(?:death|homicide|murder|killing) of\s+['‘\"“]?([A-Z][a-z]+)['’\"”]?(?:\s|,|\.|$)"),
    re.compile(r"\b(?:into|concerning|regarding)\s+['‘\"“]([A-Z][a-z]+)['’\"”]"),
]
#: words each cue cannot match without (the patterns are slow to search over a long line)
_CUE_WORDS = [("known as", "pseudonym", "referred to as", "called"),
              ("death of", "homicide of", "murder of", "killing of"), ("into", "concerning", "regarding")]
_OPEN_QUOTES = "'‘\"“"
_NOT_NAMES = {"The", "This", "That", "These", "Each", "Every", "Any", "Panel", "Review", "Report", "Domestic",
              "Action", "Plan", "Overview", "Executive", "Summary", "Appendix", "Her", "His", "Their", "Adult",
              "Child", "Victim", "Perpetrator", "Mr", "Mrs", "Ms", "Miss"}
_DIED = re.compile(r"\b(?:died|date of death|death)\s*:?\s*(?:on\s+|in\s+)?(.{3,30})", re.I)
_DATED = re.compile(r"^(?:date(?:d)?|published|version date|final version)\s*:?\s*(.{3,30})$", re.I)
_REPORT = re.compile(r"\b(?:overview report|executive summary|final report|review report)\b", re.I)


def area_of(partnership: str) -> str:
    """ "Safer Warwickshire Partnership Board" -> "Warwickshire"; "Middlesbrough Community Safety
    Partnership" -> "Middlesbrough"."""
    text = re.sub(r"\b(?:Safer|Community Safety|Safeguarding Adults?|Adult Safeguarding|Safeguarding Children(?:'s)?|"
                  r"Children(?:'s)? Safeguarding|Local|Regional|Safeguarding|Partnership|Board|Communities|CSP|SAB|"
                  r"SCP|LSCB|The|That|This|Each|All|With|"
                  r"From|To|By|Of)\b", " ", partnership)
    text = re.sub(r"\s+", " ", text).strip(" -–,")
    # "and" only between two places ("Coldbeck and Easterleigh"), not left over from the words taken out
    text = re.sub(r"^(?:and\s+)+|(?:\s+and)+$", "", re.sub(r"\band(?:\s+and)+\b", "and", text)).strip(" -–,")
    return text or partnership


def _lines_text(lines: list[Line], limit: int) -> list[str]:
    out = []
    for line in lines[:limit]:
        t = line.clean_text
        if t:
            out.append(t)
    return out


def _partnership_match(text: str) -> re.Match[str] | None:
    """A partnership's name in ``text`` (the cheap word tests only skip lines that cannot match)."""
    if "Partnership" in text or "Board" in text:  # every _PARTNERSHIP name ends in one of these words
        m = _PARTNERSHIP.search(text)
        if m and not (m.group(2) == "Safeguarding Board" and area_of(m.group(0)) == m.group(0)):
            return m  # (a "Safeguarding Board" with no place before it names no area)
    return _SAFER.search(text) if "Safer" in text else None


def _capitals_match(text: str) -> re.Match[str] | None:
    """A partnership's name in a title in capitals ("WRENFORD COMMUNITY SAFETY PARTNERSHIP")."""
    if not ("PARTNERSHIP" in text or "BOARD" in text) or not text.isupper() or len(text) > 120:
        return None
    words = [w.lower() if w in ("AND", "OF", "THE", "UPON", "ON") else w[:1] + w[1:].lower() for w in text.split()]
    return _partnership_match(" ".join(words))


def _quoted_in_title(text: str) -> re.Match[str] | None:
    """``_QUOTED_IN_TITLE.search(text)``, tried only around each opening quote (the pattern ends in a quoted
    name no more than 40 characters after its word; a case-blind search of a whole long line is slow)."""
    starts = []
    for q in _OPEN_QUOTES:
        i = text.find(q)
        while i >= 0:
            starts.append(i)
            i = text.find(q, i + 1)
    for i in sorted(starts):
        m = _QUOTED_IN_TITLE.search(text, max(0, i - 47), i + 64)
        if m:
            return m
    return None


def _number_prefix(kind: str) -> str:
    kind = re.sub(r"\s+", "", kind.upper())
    return {"LCSPR": "CSPR", "DHR/SAR": "DHR-SAR", "SAR/DHR": "DHR-SAR"}.get(kind, kind)


def _kind_starts(low: str) -> list[int]:
    """Where a kind of review's acronym may begin in the lower-cased line (sorted; with a word boundary
    before it: every number pattern starts with ``\\b`` and a kind)."""
    starts = []
    for acr in ("dhr", "sar", "cspr", "scr", "dardr"):
        i = low.find(acr)
        while i >= 0:
            if acr == "cspr" and i and low[i - 1] == "l":  # "LCSPR"
                if i == 1 or not low[i - 2].isalnum():
                    starts.append(i - 1)
            elif not i or not low[i - 1].isalnum():
                starts.append(i)
            i = low.find(acr, i + 1)
    return sorted(starts)


def _first_match(pattern: re.Pattern[str], text: str, starts: list[int] | None) -> re.Match[str] | None:
    """``pattern.search(text)`` for a pattern that can only begin at ``starts`` (None: anywhere)."""
    if starts is None:
        return pattern.search(text)
    for i in starts:
        m = pattern.match(text, i)
        if m:
            return m
    return None


def _number_match(text: str) -> str | None:
    """The review number a line gives ("DHR-2019-3", "SAR-4", "CSPR-2021-4" for "CSPR 21-004"), or None."""
    low = text.casefold()  # as re.I compares ("ſ" is an "s")
    if "dhr" not in low and "sar" not in low and "cspr" not in low and "dardr" not in low and "scr" not in low:
        return None  # no kind of review named: no pattern can match
    # each pattern is tried only where a kind begins (a search of a long line with a case-blind pattern is
    # slow); where case-folding changed the line's length, the positions do not hold, so search it whole
    starts = _kind_starts(low) if len(low) == len(text) else None
    if starts == []:
        return None
    m = _first_match(_NUMBER_YEAR, text, starts)
    if m:
        return f"{_number_prefix(m.group(1))}-{m.group(2)}-{int(m.group(3))}"
    m = _first_match(_NUMBER_YY, text, starts)
    if m:
        return f"{_number_prefix(m.group(1))}-20{m.group(2)}-{int(m.group(3))}"
    m = _first_match(_NUMBER, text, starts)
    if m:
        return f"{_number_prefix(m.group(1))}-{int(m.group(2))}"
    return None


def _title_number(texts: list[str]) -> str | None:
    """A number after the kind written out, in the title lines ("Domestic Homicide Review 3 ('Tom')")."""
    for t in texts:
        if "eview" in t or "EVIEW" in t:
            short = _PHRASE_KIND.sub(lambda m: _PHRASE_ACR[m.lastindex - 1], t)  # type: ignore[operator]
            if short != t and (n := _number_match(short)):
                return n
    return None


def _lettered(texts: list[str], kind: str, named_only: bool) -> str | None:
    """A lettered review name ("SAR Adult C" -> "SAR-Adult-C", "Child Q" -> "CSPR-Child-Q"); with
    ``named_only`` only one with the kind of review written beside it."""
    for t in texts:
        if "Adult" not in t and "Child" not in t and "Baby" not in t and "Infant" not in t and (
                "Young" not in t and "Family" not in t and "Sibling" not in t and
                "Mr" not in t and "Ms" not in t and "Miss" not in t and "Mx" not in t):
            continue
        for m in _LETTERED.finditer(t):
            if m.group(1) or not named_only:
                prefix = _number_prefix(m.group(1) or kind)
                return f"{prefix}-{m.group(2).replace(' ', '-')}-{m.group(3)}"
    return None


def _count_kinds(text: str, glossary: dict[str, str] | None = None) -> Counter[str]:
    """How often ``text`` names each kind of review ("DHR", "DARDR", "SAR", "CSPR", "SCR"): as a phrase
    ("Safeguarding Adults Review") or as an acronym standing as a word. An acronym the document's glossary
    gives another meaning ("SAR" Subject Access Request) is not counted."""
    counts: Counter[str] = Counter()
    for anchor in ("review", "Review", "REVIEW"):
        i = text.find(anchor)
        while i >= 0:
            before = text[max(0, i - 34):i].lower().rstrip()
            for end, kind in _PHRASE_ENDS:
                if before.endswith(end):
                    counts[kind] += 1
                    break
            i = text.find(anchor, i + 6)
    for acr, kind in _ACRONYMS:
        meaning = glossary.get(acr) if glossary else None
        if meaning is not None and "review" not in meaning.lower():
            continue
        n = len(acr)
        i = text.find(acr)
        while i >= 0:
            j = i + n
            before = text[i - 1] if i else " "
            if before == "L" and acr == "CSPR":  # "LCSPR"
                before = text[i - 2] if i > 1 else " "
            after = text[j:j + 1]
            if after == "s":
                after = text[j + 1:j + 2]
            if not before.isalnum() and not after.isalpha():
                counts[kind] += 1
            i = text.find(acr, j)
    return counts


def _family(counts: Counter[str]) -> Counter[str]:
    out: Counter[str] = Counter()
    for kind, n in counts.items():
        out[_FAMILY[kind]] += n
    return out


def _decided(counts: Counter[str], margin: float) -> str | None:
    """The kind that outnumbers every other at least ``margin`` times over, or None."""
    fam = _family(counts)
    ranked = sorted(fam.items(), key=lambda kv: (-kv[1], kv[0] != "DHR"))
    if not ranked or ranked[0][1] == 0:
        return None
    if len(ranked) > 1 and ranked[0][1] < margin * ranked[1][1]:
        return None
    return ranked[0][0]


_PARAGRAPH = re.compile(r"^\d{1,2}\.\d{1,2}\.?\s")


def _title_lines(head: list[str]) -> list[str]:
    """The title lines: the opening lines (up to 15) before the first that reads as running text (a numbered
    paragraph "1.1 ...", a sentence of six words or more, a long line such as a table row)."""
    out = []
    for t in head[:15]:
        if len(t) > 120 or _PARAGRAPH.match(t) or (t.endswith(".") and t.count(" ") >= 5):
            break
        out.append(t)
    return out


def _review_kind(lines: list[Line], head: list[str], titles: list[str],
                 glossary: dict[str, str] | None) -> tuple[ReviewKind, str | None]:
    """The kind of review (DHR, SAR, CSPR) and, where the document names a finer one, that name ("DHR/SAR"
    for a joint review, "SCR" for a Serious Case Review, "DARDR"), from the title first, then the opening
    pages, then the whole document: the kind that dominates, not one passing mention (a DHR that mentions
    "a previous SAR" stays a DHR)."""
    title = _title_lines(head) + titles
    title_text = "\n".join(title)
    head_text = "\n".join(head + titles)
    t_counts = _count_kinds(title_text, glossary)
    h_counts = _count_kinds(head_text, glossary)
    # a joint review: named as one in the title, or twice in the opening pages with both kinds well present
    t_fam, h_fam = _family(t_counts), _family(h_counts)
    if "eview" in title_text or "EVIEW" in title_text or "/" in title_text:
        # each title line, and each two together (a title wrapped over two lines)
        pairs = [f"{a} {b}" for a, b in zip(title, title[1:])]
        if any(len(t) <= 150 and _JOINT.search(t.lower()) for t in title + pairs):
            return ReviewKind.DHR, "DHR/SAR"
    kind = _decided(t_counts, 1.01) or _decided(h_counts, 2.0)
    counts = t_counts + h_counts
    if kind is None:
        whole = _count_kinds("\n".join(t for line in lines if (t := line.clean_text)), glossary)
        counts = whole + h_counts + t_counts  # the opening pages and the title count again
        kind = _decided(counts, 1.0)
    if h_fam["DHR"] and h_fam["SAR"] and kind in ("DHR", "SAR", None) and not t_fam["CSPR"]:
        low, high = sorted((h_fam["DHR"], h_fam["SAR"]))
        if 3 * low >= high and len(_JOINT.findall(head_text.lower())) >= 2:
            return ReviewKind.DHR, "DHR/SAR"
    kind = kind or "DHR"
    raw = None
    if kind == "CSPR" and counts["SCR"] > counts["CSPR"]:
        raw = "SCR"
    elif kind == "DHR" and counts["DARDR"] > counts["DHR"]:
        raw = "DARDR"
    elif kind == "SAR" and counts["APR"] > counts["SAR"]:
        raw = "APR"  # an Adult Practice Review (Wales), as the document calls it
    elif kind == "CSPR" and counts["CPR"] > counts["CSPR"] + counts["SCR"]:
        raw = "CPR"  # a Child Practice Review (Wales)
    return ReviewKind(kind), raw


def identify(lines: list[Line], titles: list[str] | None = None,
             glossary: dict[str, str] | None = None) -> ReviewHints:
    """Hints about the review, from the document's opening lines and its table titles (and, for the kind of
    review when those do not settle it, the whole text); ``glossary`` is the document's own abbreviations."""
    head = _lines_text(lines, 80)
    titles = titles or []
    probe = head + titles
    rest: list[str] | None = None  # the text of the lines after the first 80, read only when needed

    def after_probe() -> list[str]:
        nonlocal rest
        if rest is None:
            rest = _lines_text(lines[80:], len(lines))
        return rest

    hints = ReviewHints()
    hints.review_kind, hints.review_kind_raw = _review_kind(lines, head, titles, glossary)
    title = _title_lines(head) + titles
    kind_prefix = hints.review_kind_raw or hints.review_kind
    hints.number = next((n for t in probe if (n := _number_match(t))), None) or _title_number(title) or _lettered(
        title, kind_prefix, False) or _lettered(probe, kind_prefix, True) or next(
        (n for t in after_probe() if (n := _number_match(t))), None)
    # a line that is the partnership's name (a title or heading) before a name inside a sentence
    found = [(t, m) for t in probe if (m := _partnership_match(t) or _capitals_match(t))]
    headings = [(t, m) for t, m in found if len(m.group(0)) >= 0.6 * len(t.strip(" .:-"))]
    # of several, the board or partnership that commissions this kind of review (a SAR's Safeguarding Adults
    # Board before the Community Safety Partnership its text also names)
    fits = _COMMISSIONS.get(hints.review_kind_raw or "") or _COMMISSIONS.get(hints.review_kind)
    line, first = next(((t, m) for t, m in headings if fits and fits.search(m.group(0))), None) or (
        headings[0] if headings else None) or next(
        ((t, m) for t, m in found if fits and fits.search(m.group(0))), None) or (
        found[0] if found else None) or next(
        ((t, m) for t in after_probe()[: max(0, 400 - len(probe))] if (m := _partnership_match(t))), ("", None))
    if first is not None:
        hints.partnership = first.group(0).strip()
        hints.area = area_of(hints.partnership) if first.re is _PARTNERSHIP else first.group(1)
        # a heading that names two places: "Coldbeck and Easterleigh Community Safety Partnership"
        two = _TWO_PLACES.match(first.string.strip())  # (the line as matched: in capitals, converted)
        if two and two.group(2) == hints.partnership and first.re is _PARTNERSHIP:
            hints.partnership = f"{two.group(1)}{hints.partnership}"
            hints.area = area_of(hints.partnership)
        if hints.review_kind_raw == "DHR/SAR":  # a joint review: both commissioning bodies, when both head it
            other = next((m.group(0).strip() for _, m in headings
                          if (m.group(0).strip() != hints.partnership and _COMMISSIONS["SAR"].search(m.group(0))
                              != _COMMISSIONS["SAR"].search(hints.partnership))), None)
            if other:
                hints.partnership = f"{hints.partnership} and {other}"
        if hints.review_kind == "CSPR" and hints.review_kind_raw == "SCR" and _COMMISSIONS["SAR"].search(
                hints.partnership):
            hints.review_kind = ReviewKind.SAR  # a Serious Case Review of a Safeguarding Adults Board (before SARs, 2015)
    if not hints.area:
        for t in probe:
            m = _AREA_NUMBER.match(t) or (_CSP.search(t) if "CSP" in t or "SAB" in t or "SCP" in t else None)
            if m and area_of(m.group(1)) not in _NOT_NAMES and area_of(m.group(1)):
                hints.area = area_of(m.group(1))
                break
    for t in head[:40]:
        m = _QUOTED_NAME.match(t)
        if m and m.group(1) not in _NOT_NAMES:
            hints.pseudonym = m.group(1)
            break
    if not hints.pseudonym:
        for t in head[:15]:
            m = _quoted_in_title(t)
            if m and m.group(1) not in _NOT_NAMES and m.group(1) != hints.area:
                hints.pseudonym = m.group(1)
                break
    if not hints.pseudonym:
        for t in head[:15]:
            m = _KIND_THEN_NAME.match(t)
            if m and m.group(1) not in _NOT_NAMES and m.group(1) != hints.area and \
                    m.group(1).lower() in given_names():
                hints.pseudonym = m.group(1)
                break
    if not hints.pseudonym:
        for t in probe:
            quoted = "'" in t or "‘" in t or '"' in t or "“" in t  # any of _OPEN_QUOTES
            for pattern, words in zip(_NAME_CUES, _CUE_WORDS):
                # every cue but "death of Ann" needs an opening quote, and each its words (cheap tests first)
                if not any(w in t for w in words):
                    continue
                m = pattern.search(t) if quoted or pattern is _NAME_CUES[1] else None
                if m and m.group(1) not in _NOT_NAMES and m.group(1) != hints.area:
                    hints.pseudonym = m.group(1)
                    break
            if hints.pseudonym:
                break
    if not hints.pseudonym:
        for t in head[:15]:
            m = _NUMBER_THEN_NAME.search(t) if "(" in t or "-" in t or "–" in t or ":" in t else None
            name = (m.group(1) or m.group(2)) if m else None
            if name and name not in _NOT_NAMES and name != hints.area and name.lower() in given_names():
                hints.pseudonym = name  # "Tarnford DHR 9 (Ruth)"
                break
    if not hints.pseudonym and hints.number and (m := _LETTERED_NUMBER.match(hints.number)):
        hints.pseudonym = m.group(1).replace("-", " ")  # "Child Q", "Mr D": the review's name as written
    for t in head[:40]:
        m = _DIED.match(t)
        if m and not hints.death_date:
            d = parse_date_cell(m.group(1)).first
            hints.death_date = d.iso if d else None
        m = _DATED.match(t)
        if m and not hints.date_raw and parse_date_cell(m.group(1)).dates:
            hints.date_raw = m.group(1).strip()
    return hints


def doc_kind(lines: list[Line], has_report_items: bool, has_plans: bool, as_of: bool) -> DocKind:
    head = " ".join(_lines_text(lines, 40))
    if has_plans and not has_report_items:
        return DocKind.progress_update if as_of else DocKind.action_plan
    if re.search(r"\bexecutive summary\b", head, re.I) and not re.search(r"\boverview report\b", head, re.I):
        return DocKind.executive_summary
    if has_report_items or _REPORT.search(head):
        return DocKind.overview_report
    if has_plans:
        return DocKind.progress_update if as_of and re.search(r"\b(?:progress|update)\b", head, re.I) else DocKind.action_plan
    return DocKind.unknown


def review_override(text: str | None) -> str | None:
    """The review a user names for every document (``--review``, the Ingest page) as the key documents filed
    by themselves get: "area/number" as written, or a name read as a title is ("Northby DHR-1" is the
    review numbered DHR-1 of Northby: ``northby/dhr-1``); other text as it is (slugged by the graph).

    >>> review_override("Northby DHR-1"), review_override("northby/dhr-1"), review_override("Ada's review")
    ('Northby/DHR-1', 'northby/dhr-1', "Ada's review")
    """
    if not text or not text.strip():
        return None
    text = " ".join(text.split())
    if "/" in text:
        return text
    number = _number_match(text)
    m = _AREA_NUMBER.match(text)
    if number and m:
        return f"{m.group(1)}/{number}"
    return text
