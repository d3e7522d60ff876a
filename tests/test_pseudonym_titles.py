"""A review's pseudonym written unquoted straight after its kind in a title ("SAR Harriet",
"Safeguarding Adults Review: Harriet - Wexcombe SAB"), so the page joins the review's other documents; words
that are no given name ("SAR Report", "DHR Overview Report") are none; a lettered name ("SAR Adult K") is
the pseudonym whole. Invented names only."""

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


@pytest.mark.parametrize("title", ["SAR Report", "DHR Overview Report", "SAR Summary"])
def test_other_words_after_the_kind_are_no_pseudonym(title: str) -> None:
    assert parse_text(rows(title, "", *BODY)).hints.pseudonym is None


@pytest.mark.parametrize("title,name", [("SAR Adult K", "Adult K"), ("SAR Mr Q - Action Tracker", "Mr Q")])
def test_a_lettered_name_is_the_pseudonym_whole(title: str, name: str) -> None:
    """"Adult" or "Mr" alone is no given name; the lettered name whole ("Adult K", "Mr Q") is the review's."""
    assert parse_text(rows(title, "", *BODY)).hints.pseudonym == name
