"""Welsh reviews: an Adult Practice Review is Wales's Safeguarding Adults Review (kind SAR) and a Child
Practice Review its Child Safeguarding Practice Review (kind CSPR), the name as written kept as the finer kind
("APR", "CPR"); a regional "<Place> Safeguarding Board" names the review's area. Titles in English, in two
languages, and over one or two lines. Invented boards and places only."""

from __future__ import annotations

import pytest

from reviewgraph.ingest.identify import identify
from reviewgraph.records.kinds import ReviewKind
from reviewgraph.records.parsed import Line

BODY = ["1. Introduction", "1.1 This review looks at the support given to the family over two years.",
        "2. Recommendations", "2.1 Glan Hafren County Council should review its carers assessments."]


def _hints(title_lines: list[str]):  # type: ignore[no-untyped-def]
    lines = [Line(no=k, cells=(t,)) for k, t in enumerate(title_lines + BODY, 1)]
    return identify(lines)


@pytest.mark.parametrize("board", ["Glan Hafren Safeguarding Board", "Glan Hafren Regional Safeguarding Board",
                                   "Bwrdd Diogelu Glan Hafren / Glan Hafren Safeguarding Board",
                                   "Glan Hafren Safeguarding Adults Board"])
@pytest.mark.parametrize("title,kind,raw", [
    ('Adult Practice Review "Eira" - Action Plan', ReviewKind.SAR, "APR"),
    ("Adult Practice Review: Eira. Overview report", ReviewKind.SAR, "APR"),
    ('Adolygiad Ymarfer Oedolion "Eira" / Adult Practice Review "Eira"', ReviewKind.SAR, "APR"),
    ('Child Practice Review "Baby M" - Action Plan', ReviewKind.CSPR, "CPR"),
    ("Child Practice Review Report: Child T", ReviewKind.CSPR, "CPR"),
    ('Adolygiad Ymarfer Plant / Child Practice Review "Elis"', ReviewKind.CSPR, "CPR"),
])
def test_welsh_practice_reviews(board, title, kind, raw) -> None:
    if kind is ReviewKind.CSPR and "Adults" in board:
        board = board.replace("Adults", "Children")
    hints = _hints([board, title])
    assert (hints.review_kind, hints.review_kind_raw) == (kind, raw)
    assert hints.area == "Glan Hafren"
    assert hints.partnership is not None and hints.partnership.endswith("Board")


def test_english_kinds_stay_as_they_were() -> None:
    hints = _hints(["Glan Hafren Safeguarding Adults Board", "Safeguarding Adults Review: Eira"])
    assert (hints.review_kind, hints.review_kind_raw) == (ReviewKind.SAR, None)
    hints = _hints(["Glan Hafren Community Safety Partnership", "Domestic Homicide Review: Eira"])
    assert (hints.review_kind, hints.review_kind_raw, hints.area) == (ReviewKind.DHR, None, "Glan Hafren")


def test_a_safeguarding_board_with_no_place_names_no_area() -> None:
    hints = _hints(["The Safeguarding Board", "Adult Practice Review: Eira"])
    assert hints.review_kind is ReviewKind.SAR
    assert hints.area != "The Safeguarding Board" and hints.partnership != "The Safeguarding Board"
