"""The recommendations a learning item or finding says it leads to, in the words reports use:
"Recommendation 1 applies", "Recommendations 3 and 4 apply", "(Recommendations 1, 7 and 9)", "(see
Recommendation 2)", "Linked recommendations: 1, 2", "This finding relates to recommendations 3 and 4",
"See R2, R5". Numbers are kept as written (without an "R"); ranges ("1 to 3") are expanded.
"""

from __future__ import annotations

import re

__all__ = ["applies_to"]

_N = r"(?:R|Rec\.?\s*)?\d{1,3}(?:\.\d{1,3})*"
# recommendations numbered with letters or roman numerals ("Recommendations i, v and viii apply", "(see
# recommendation (c))"): a letter or numeral standing alone, never the start of a word ("a review", "in")
_L = r"(?:\(\s*(?:[ivxl]{1,6}|[a-z])\s*\)|\b(?:[ivxl]{1,6}|[a-z])\b(?!['’.]\w))"
_JOIN = r"\s*(?:,|and|&|to|-|–|or)\s*"
_LETTERS = _L + r"(?:" + _JOIN + _L + r")*(?=\s*(?:[.;,)\]]|$|appl|relat|refer|are\b|is\b))"
_SPEC = r"(?:" + _N + r"(?:" + _JOIN + _N + r")*|" + _LETTERS + r")"
# each wording, with the words it cannot match without (tried only where one of them is near)
_LINKS: list[tuple[tuple[str, ...], re.Pattern[str]]] = [
    (("appl", "relat", "refer", "address", "respond", "follow", "aris"),
     re.compile(r"\brecommendations?\s+(?:no\.?\s*|numbers?\s+)?(?P<spec>" + _SPEC + r")\s*(?:also\s+)?"
                r"(?:appl(?:y|ies)|relates?|refers?|address(?:es)?|responds?|follows?|arises?)\b", re.I)),
    (("(", "["),
     re.compile(r"[(\[]\s*(?:see\s+(?:also\s+)?)?(?:recommendations?|recs?\.?)\s*(?:no\.?\s*)?:?\s*"
                r"(?P<spec>" +
                _SPEC + r")\s*[)\]]", re.I)),
    (("linked", "related", "relevant", "associated", "corresponding", "connected", "applicable"),
     re.compile(r"\b(?:linked|related|relevant|associated|corresponding|connected|applicable)\s+"
                r"recommendations?\s*[:\-–]?\s*(?P<spec>" + _SPEC + r")", re.I)),
    ((" to ",),
     re.compile(r"\b(?:relates?|relating|linked|links?|leads?|led|referred|refers?|connected|contributes?|"
                r"responded|appl(?:y|ies)|applicable|relevant|pertains?)\s+to\s+(?:the\s+)?recommendations?\s+"
                r"(?P<spec>" + _SPEC + r")", re.I)),
    (("see", "inform", "addressed", "underpin"),
     re.compile(r"\b(?:see|informs?|addressed\s+(?:by|in)|underpins?)\s+(?:also\s+)?recommendations?\s+"
                r"(?P<spec>" + _SPEC + r")", re.I)),
    (("see", "inform", "addressed"),
     re.compile(r"\b(?:see|informs?|addressed\s+(?:by|in))\s+(?:also\s+)?(?P<spec>(?-i:R)\d{1,3}(?:\s*(?:,|and|&)"
                r"\s*(?-i:R)\d{1,3})*)\b", re.I)),
    ((":",),
     re.compile(r"^recommendations?\s*:\s*(?P<spec>" + _SPEC + r")\s*\.?$", re.I)),
    (("(", "["),
     re.compile(r"[(\[]\s*(?:see\s+(?:also\s+)?)?(?P<spec>(?-i:R)\d{1,3}(?:\s*(?:,|and|&|to|-|–)\s*"
                r"(?-i:R)\d{1,3})*)\s*[)\]]", re.I)),
]
_NUMBERS = re.compile(r"\d+(?:\.\d+)*")
_NUMBER_NEAR = re.compile(r"rec(?:ommendations?|s)?\.?\s*(?:no\.?\s*|numbers?\s+)?[:\-–]?\s*"
                          r"(?:(?:r|rec\.?\s*)?\d|\(?(?:[ivxl]{1,6}|[a-z])\b)")
_TOKENS = re.compile(r"[a-z]+", re.I)
_LETTER_RANGE = re.compile(r"\b([a-z]+)\s*(?:to|-|–)\s*\(?([a-z]+)\b", re.I)
_ROMAN = re.compile(r"^(?=[ivxl])l?x{0,3}(?:ix|iv|v?i{0,3})$", re.I)
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50}
_RANGE = re.compile(r"(\d+(?:\.\d+)*)\s*(?:to|-|–)\s*(?:R|Rec\.?\s*)?(\d+(?:\.\d+)*)", re.I)


def _roman(s: str) -> int:
    vals = [_ROMAN_VALUES[c] for c in s.lower()]
    return sum(-v if k + 1 < len(vals) and vals[k + 1] > v else v for k, v in enumerate(vals))


def _letters(spec: str) -> list[str]:
    """Recommendations numbered with letters or roman numerals, as written ("i, v and viii", "(c) to (e)")."""
    tokens = [t for t in _TOKENS.findall(spec) if t.lower() not in ("and", "or", "to")]
    roman = all(_ROMAN.match(t) for t in tokens) and any(len(t) > 1 or t.lower() in "ivx" for t in tokens)
    out: list[str] = []
    ranges = {(a, b) for a, b in _LETTER_RANGE.findall(spec)}
    for t in tokens:
        out.append(t)
        nxt = next((b for a, b in ranges if a == t), None)
        if nxt is None:
            continue
        if roman and _ROMAN.match(nxt) and _roman(t) < _roman(nxt) <= _roman(t) + 20:
            upper = t.isupper()
            out.extend(_to_roman(k, upper) for k in range(_roman(t) + 1, _roman(nxt)))
        elif not roman and len(t) == len(nxt) == 1 and ord(t) < ord(nxt):
            out.extend(chr(k) for k in range(ord(t) + 1, ord(nxt)))
    return list(dict.fromkeys(out))


def _to_roman(n: int, upper: bool) -> str:
    out = ""
    for value, numeral in ((50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out += numeral
            n -= value
    return out.upper() if upper else out


def _numbers(spec: str) -> list[str]:
    if not any(c.isdigit() for c in spec):
        return _letters(spec)
    nums: list[str] = []
    for a, b in _RANGE.findall(spec):
        if "." not in a and "." not in b and int(a) <= int(b) <= int(a) + 50:
            nums.extend(str(k) for k in range(int(a), int(b) + 1))
        else:
            nums.extend((a, b))
    nums.extend(_NUMBERS.findall(_RANGE.sub(" ", spec)))
    return nums


def _windows(text: str) -> list[tuple[int, int]]:
    """The stretches of text around each "recommendation(s) N", "rec N" or "R2" (a link always has a number
    next to its word), merged."""
    lower = text.lower()
    starts = []
    k = text.find("R")
    while k >= 0:  # "R2"
        if text[k + 1:k + 2].isdigit() and (k == 0 or not text[k - 1].isalnum()):
            starts.append(k)
        k = text.find("R", k + 1)
    k = lower.find("rec")
    while k >= 0:
        if (k == 0 or not lower[k - 1].isalpha()) and _NUMBER_NEAR.match(lower, k):
            starts.append(k)
        k = lower.find("rec", k + 3)
    out: list[tuple[int, int]] = []
    for k in sorted(starts):
        lo, hi = max(0, k - 45), min(len(text), k + 110)
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], hi)
        else:
            out.append((lo, hi))
    return out


def applies_to(text: str) -> tuple[list[str], str | None]:
    """Recommendation numbers a learning item says apply, and the words that said so (the first of them).

    >>> applies_to("16.3 Narrative Recommendations 3 and 4 apply")
    (['3', '4'], 'Recommendations 3 and 4 apply')
    >>> applies_to("Recommendations 1 to 3 apply")[0], applies_to("Staff lacked curiosity (Recs 1, "
    ...     "7 and 9).")[0], applies_to("See R2, R5.")[0]
    (['1', '2', '3'], ['1', '7', '9'], ['2', '5'])
    >>> applies_to("Nobody asked about the children (R3, R4).")[0]
    ['3', '4']
    >>> applies_to("This finding relates to recommendations 3 and 4.")[0], applies_to("Recommended by NICE")
    (['3', '4'], ([], None))
    >>> applies_to("Practitioners did not consider capacity; this applies to recommendation 4.1.")[0]
    ['4.1']
    """
    found: list[tuple[int, int, str]] = []
    for lo, hi in _windows(text):
        part = text[lo:hi]
        low = part.lower()
        for cues, pattern in _LINKS:
            if not any(c in low for c in cues):
                continue
            for m in pattern.finditer(part):
                s, e = lo + m.start(), lo + m.end()
                if not any(a <= s < b or s <= a < e for a, b, _ in found):
                    found.append((s, e, m.group("spec")))
    if not found:
        return [], None
    found.sort()
    seen: list[str] = []
    for _, _, spec in found:
        for n in _numbers(spec):
            if n not in seen:
                seen.append(n)
    start, end, _ = found[0]
    return seen, text[start:end].strip(" ()[]")
