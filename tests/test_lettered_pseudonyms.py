"""Review names made of a title and a letter ("Mr D", "Adult K", "Child P", "Baby M"), quoted or not, are
the review's pseudonym (and, as before, its number: "SAR-Mr-D"); a given name in brackets or after a dash
straight after the review's kind and number ("Tarnford DHR 9 (Ruth)") is its pseudonym. A person named in
full in a title line ("Mr J Smith") is none. Invented boards, places and people only."""

from __future__ import annotations

import pytest

from reviewgraph.ingest.identify import identify
from reviewgraph.records.parsed import Line

BODY = ["1. Introduction", "1.1 This review looks at the support agencies gave before the death.",
        "2. Recommendations", "2.1 Harrowby Borough Council should review its hoarding protocol."]


def _hints(title_lines: list[str]):  # type: ignore[no-untyped-def]
    lines = [Line(no=k, cells=(t,)) for k, t in enumerate(title_lines + BODY, 1)]
    return identify(lines)


@pytest.mark.parametrize("title,pseudonym,number", [
    ('Safeguarding Adults Review: "Mr D" - Overview Report, June 2025', "Mr D", "SAR-Mr-D"),
    ("Safeguarding Adults Review concerning Mrs B", "Mrs B", "SAR-Mrs-B"),
    ("SAR Adult K: Overview report", "Adult K", "SAR-Adult-K"),
    ("Child Safeguarding Practice Review: Child P", "Child P", "CSPR-Child-P"),
    ("Local Child Safeguarding Practice Review - 'Baby M'", "Baby M", "CSPR-Baby-M"),
    ("Harrowby DHR 9 (Ruth) - Action plan", "Ruth", "DHR-9"),
    ("Harrowby SAR 4 - George", "George", "SAR-4"),
    ('Domestic Homicide Review 3 ("Ruth")', "Ruth", "DHR-3"),
])
def test_review_names(title, pseudonym, number) -> None:
    board = "Harrowby Safeguarding Children Partnership" if "Child" in title or "Baby" in title else \
        "Harrowby Safeguarding Adults Board" if "SAR" in title or "Adults" in title else \
        "Harrowby Community Safety Partnership"
    hints = _hints([board, title])
    assert (hints.pseudonym, hints.number, hints.area) == (pseudonym, number, "Harrowby")


def test_a_person_named_in_full_is_no_review_name() -> None:
    hints = _hints(["Harrowby Safeguarding Adults Board", "Safeguarding Adults Review: Overview report",
                    "Independent reviewer: Mr J Smith"])
    assert hints.number is None and hints.pseudonym is None


def test_a_number_in_brackets_is_no_name() -> None:
    hints = _hints(["Harrowby Community Safety Partnership", "Harrowby DHR 9 (Final) - Action plan"])
    assert hints.number == "DHR-9" and hints.pseudonym is None
