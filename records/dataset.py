"""The DHRD dataset's cells as the graph reads them: booleans, dates at the precision given, and the
attribution its licence requires.

:mod:`reviewgraph.ingest.dhrd` reads the dataset's CSV tables into :class:`~reviewgraph.records.parsed.DatasetRow`
records; :mod:`reviewgraph.graph.dhrd_build` interprets their cells with :func:`parse_bool` and
:func:`parse_date`. Whatever shows DHRD data must show :data:`ATTRIBUTION` (one place: use this).
"""

from __future__ import annotations

import re

__all__ = ["ATTRIBUTION", "DOI", "LICENSE", "parse_bool", "parse_date"]

DOI = "10.5281/zenodo.21108268"
LICENSE = "CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)"
#: the attribution the licence requires wherever DHRD data is shown or redistributed (one place: use this)
ATTRIBUTION = (f"Domestic Homicide Review Dataset (DHRD), Cook and Cook, licensed under {LICENSE}, "
               f"https://doi.org/{DOI}. Tags come from the Home Office DHR Library.")

_TRUE = {"true", "t", "yes", "y", "1"}
_FALSE = {"false", "f", "no", "n", "0"}
_MONTHS = {m: i for i, m in enumerate(["january", "february", "march", "april", "may", "june", "july", "august",
                                        "september", "october", "november", "december"], start=1)}


def parse_bool(value: str | None) -> bool | None:
    """``True``/``False`` for the dataset's booleans; ``None`` when blank or not a boolean.

    >>> parse_bool("True"), parse_bool("FALSE"), parse_bool(""), parse_bool("unknown")
    (True, False, None, None)
    """
    v = (value or "").strip().lower()
    return True if v in _TRUE else False if v in _FALSE else None


def parse_date(value: str | None) -> str | None:
    """An ISO date at the precision given: ``"September 2018"`` -> ``"2018-09"``, ``"2018"`` -> ``"2018"``.

    >>> parse_date("September 2018"), parse_date("2018"), parse_date("3 Sept 2019"), parse_date("")
    ('2018-09', '2018', '2019-09-03', None)
    """
    v = re.sub(r"\s+", " ", (value or "").strip().lower().replace(",", " "))
    if not v:
        return None
    if m := re.fullmatch(r"((?:19|20)\d\d)(?:-(\d\d)(?:-(\d\d))?)?", v):
        return "-".join(p for p in m.groups() if p)
    if m := re.fullmatch(r"(?:(\d{1,2})(?:st|nd|rd|th)? )?([a-z]+)\.? ((?:19|20)\d\d)", v):
        month = next((n for name, n in _MONTHS.items() if len(m.group(2)) >= 3 and name.startswith(m.group(2))),
                     None)
        if month is None:
            return None
        day = f"-{int(m.group(1)):02d}" if m.group(1) else ""
        return f"{m.group(3)}-{month:02d}{day}"
    if m := re.fullmatch(r"(\d{1,2})/(\d{1,2})/((?:19|20)\d\d)", v):
        return f"{m.group(3)}-{int(m.group(2)):02d}-{int(m.group(1)):02d}"
    return None
