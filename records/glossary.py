"""Reading a name through a document's own glossary (``ParsedDocument.glossary``: acronym -> expansion).

The parser finds the glossary (:mod:`reviewgraph.ingest.glossary`); the graph's owner rule
(:mod:`reviewgraph.graph.owners`) reads an owner cell through it with :func:`expand`.
"""

from __future__ import annotations

import re

__all__ = ["QUOTES", "PUNCT_EDGE", "is_acronym", "expand"]

#: the quotation marks a glossary entry may wear
QUOTES = "'‘’\"“”"
#: what is stripped from the edges of an acronym or an expansion
PUNCT_EDGE = f"{QUOTES}.,;:()[]*•·–—-"


def is_acronym(token: str) -> bool:
    """An acronym as written: 2 to 12 characters, at least two capitals, capitals at least half its letters
    ("NC", "OASys", "MoJ", "IMRs", "A&E"); not a capitalised word ("Police") or a name ("McDonald")."""
    letters = [c for c in token if c.isalpha()]
    upper = sum(1 for c in letters if c.isupper())
    return 2 <= len(token) <= 12 and upper >= 2 and 2 * upper >= len(letters)


_SEPARATORS = re.compile(r"(\s*(?:/|&|\+|,|;)\s*|\s+(?:and|or)\s+|\s+)")


def _lookup(token: str, terms: dict[str, str]) -> str | None:
    token = token.strip(PUNCT_EDGE)
    if not token:
        return None
    if token in terms:
        return terms[token]
    folded = {k.casefold().replace(" ", ""): v for k, v in terms.items()}
    key = token.casefold().replace(" ", "")
    if key in folded and is_acronym(token):
        return folded[key]
    if token.endswith("s") and token[:-1] in terms:  # "IMRs"
        return terms[token[:-1]]
    return None


def expand(text: str, glossary: dict[str, str]) -> str | None:
    """The expansion of an owner cell that is an acronym or a sequence of acronyms, by the document's own
    glossary; None when the cell is anything else or the glossary does not have every acronym in it.

    >>> g = {"WBC": "Wrenford Borough Council", "ASC": "Adult Social Care", "NC": "Northmere Constabulary"}
    >>> expand("WBC ASC", g), expand("NC and WBC", g), expand("NC Safeguarding Team", g), expand("ICB", g)
    ('Wrenford Borough Council Adult Social Care', 'Northmere Constabulary and Wrenford Borough Council', None, None)
    """
    if not glossary or not text:
        return None
    text = text.strip().strip(PUNCT_EDGE).strip()
    if not text or len(text) > 60:
        return None
    whole = _lookup(text, glossary)
    if whole is not None:
        return whole
    parts = _SEPARATORS.split(text)
    out = []
    for k, part in enumerate(parts):
        if k % 2:  # a separator, kept as written (one space for a run of spaces)
            out.append(" " if not part.strip() else part)
            continue
        if not part:
            return None
        exp = _lookup(part, glossary)
        if exp is None:
            return None
        out.append(exp)
    return "".join(out) if len(parts) > 1 else None
