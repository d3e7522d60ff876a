"""A review's pseudonym written unquoted straight after its kind in a title ("SAR Harriet",
"Safeguarding Adults Review: Harriet - Wexcombe SAB"), so the page joins the review's other documents; words
that are no given name ("SAR Report", "DHR Overview Report", "SAR Adult K") are none. Invented names only."""

from __future__ import annotations

import pytest

from tests.parsing import parse_text, rows

BODY = ("Published by Wexcombe Safeguarding Adults Board, February 2025.", "",
        "1. Wexcombe Council should review its carers' assessments.")


@pytest.mark.parametrize("title", ["SAR Harriet", "Safeguarding Adults Review: Harriet",
                                   "SAR Harriet - Wexcombe Safeguarding Adults Board", "Wexcombe SAR Harriet",
                                   "Domestic Homicide Review into Harriet"])
def test_a_name_after_the_kind_is_the_pseudonym(title: str) -> None:
    assert parse_text(rows(title, "", *BODY)).hints.pseudonym == "Harriet"


@pytest.mark.parametrize("title", ["SAR Report", "DHR Overview Report", "SAR Adult K", "SAR Summary",
                                   "SAR Mr Q - Action Tracker"])
def test_other_words_after_the_kind_are_no_pseudonym(title: str) -> None:
    assert parse_text(rows(title, "", *BODY)).hints.pseudonym is None
