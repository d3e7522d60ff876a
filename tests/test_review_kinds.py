"""Review kinds beyond DHRs (ingest/identify.py): SARs, CSPRs (and the older Serious Case Reviews), joint
DHR/SARs, from the title, the opening pages and the words that dominate; their numbers and commissioning
boards and partnerships. Invented places and agencies only."""

from __future__ import annotations

import pytest

from reviewgraph.graph.model import ReviewKind
from reviewgraph.graph.merge import review_key
from reviewgraph.ingest.identify import identify
from reviewgraph.ingest.readers.text import read_text_lines
from tests.parsing import parse_text, rows

NARRATIVE = "The panel met six times and read the chronologies of every agency that had contact with the family."


def hints_of(*lines: str | tuple[str, ...]):  # type: ignore[no-untyped-def]
    return identify(read_text_lines(rows(*lines).encode("utf-8")))


def test_review_kinds_are_the_models() -> None:
    kinds = {k.value for k in ReviewKind}
    assert kinds >= {"DHR", "SAR", "CSPR"}
    for text in ("Safeguarding Adults Review", "Serious Case Review: Child T", "Joint DHR/SAR"):
        assert hints_of(text).review_kind in kinds


@pytest.mark.parametrize("title", ["Safeguarding Adults Review", "Safeguarding Adult Review",
                                   "Adult Safeguarding Review", "SAR Overview Report", "SAFEGUARDING ADULTS REVIEW"])
def test_a_safeguarding_adults_review(title: str) -> None:
    h = hints_of("Northmere Safeguarding Adults Board", title, "'Mr T'", NARRATIVE)
    assert (h.review_kind, h.review_kind_raw) == ("SAR", None)
    assert h.partnership == "Northmere Safeguarding Adults Board" and h.area == "Northmere"


@pytest.mark.parametrize("title", ["Child Safeguarding Practice Review", "Local Child Safeguarding Practice Review",
                                   "LCSPR overview report", "CSPR: findings and recommendations"])
def test_a_child_safeguarding_practice_review(title: str) -> None:
    h = hints_of("Wrenford Safeguarding Children Partnership", title, NARRATIVE)
    assert (h.review_kind, h.review_kind_raw) == ("CSPR", None)
    assert h.partnership == "Wrenford Safeguarding Children Partnership" and h.area == "Wrenford"


def test_a_serious_case_review_is_a_cspr_with_its_raw_kind() -> None:
    h = hints_of("Ashby Vale Local Safeguarding Children Board", "Serious Case Review: Child T", NARRATIVE,
                 "The SCR panel was chaired independently.")
    assert (h.review_kind, h.review_kind_raw) == ("CSPR", "SCR")
    assert h.partnership == "Ashby Vale Local Safeguarding Children Board" and h.area == "Ashby Vale"
    assert h.number == "SCR-Child-T"
    # before 2015 adults boards held Serious Case Reviews too
    adult = hints_of("Saltmarsh Safeguarding Adults Board", "Serious Case Review: Mrs B", NARRATIVE)
    assert (adult.review_kind, adult.review_kind_raw) == ("SAR", "SCR")


@pytest.mark.parametrize("title", ["Joint Domestic Homicide Review and Safeguarding Adults Review",
                                   "Domestic Homicide and Safeguarding Adults Review", "Joint DHR/SAR",
                                   "DHR / SAR Overview Report", "Safeguarding Adults Review and Domestic Homicide Review"])
def test_a_joint_dhr_sar(title: str) -> None:
    h = hints_of("Ashby Vale Community Safety Partnership", "Ashby Vale Safeguarding Adults Board", "", title,
                 "'Stella'", NARRATIVE)
    assert h.review_kind == "DHR" and h.review_kind_raw == "DHR/SAR"  # the model has no DHR/SAR kind
    assert h.partnership == "Ashby Vale Community Safety Partnership and Ashby Vale Safeguarding Adults Board"
    assert h.area == "Ashby Vale" and h.pseudonym == "Stella"


def test_a_joint_review_named_only_in_its_opening_pages() -> None:
    h = hints_of("Overview report into the death of 'Stella'", NARRATIVE, NARRATIVE,
                 "1.1 This joint DHR/SAR was commissioned by the Ashby Vale Community Safety Partnership.",
                 "1.2 The DHR and SAR processes were combined so that the family met one panel.",
                 "1.3 The SAR chair and the DHR chair agreed the terms of reference.")
    assert (h.review_kind, h.review_kind_raw) == ("DHR", "DHR/SAR")


def test_a_dhr_that_mentions_a_sar_stays_a_dhr() -> None:
    h = hints_of(
        "Wrenford Community Safety Partnership",
        "Domestic Homicide Review",
        "Overview Report into the death of 'Maya'",
        NARRATIVE,
        "1.1 A previous Safeguarding Adults Review (SAR) in 2017 had looked at the care of Maya's mother.",
        "1.2 The learning of that SAR was shared with the panel of this DHR.",
    )
    assert (h.review_kind, h.review_kind_raw) == ("DHR", None)
    assert h.partnership == "Wrenford Community Safety Partnership"


def test_the_words_that_dominate_when_the_title_names_no_kind() -> None:
    body = [f"{i}. The learning from this SAR is shared with {agency}." for i, agency in
            enumerate(["Northmere Constabulary", "Kettleby Recovery Service", "the ICB", "adult social care"], 1)]
    h = hints_of("Action plan", "Version 2, March 2024", *body, "6. The DHR of 2019 is also relevant.")
    assert h.review_kind == "SAR"
    # far into the document, beyond the opening pages
    long_body = [NARRATIVE] * 90 + ["The recommendations of this Child Safeguarding Practice Review are below."] * 3
    assert hints_of("Findings and recommendations", *long_body).review_kind == "CSPR"
    assert hints_of("Action plan", NARRATIVE).review_kind == "DHR"  # no kind named: the default


def test_an_acronym_the_document_defines_otherwise_does_not_count() -> None:
    text = rows(
        "Action plan",
        ("No", "Recommendation", "Lead", "Target date"),
        ("1", "Police to answer a Subject Access Request (SAR) within one month.", "Northmere Constabulary",
         "March 2024"),
        ("2", "Every SAR to be logged on receipt; SAR replies checked by a manager.", "Northmere Constabulary",
         "June 2024"),
        ("3", "The learning of this DHR to be shared with all staff.", "Wrenford Borough Council", "May 2024"),
    )
    doc = parse_text(text)
    assert doc.glossary.get("SAR") == "Subject Access Request"
    assert doc.hints.review_kind == "DHR"


@pytest.mark.parametrize(("line", "number"), [
    ("SAR 2019/03 action plan", "SAR-2019-3"),
    ("Safeguarding Adults Review 2022/03 - 'Mr T'", "SAR-2022-3"),
    ("CSPR 21-004", "CSPR-2021-4"),
    ("LCSPR 3 action plan", "CSPR-3"),
    ("SAR Adult C: action plan", "SAR-Adult-C"),
    ("Child Q", "CSPR-Child-Q"),
    ("DOMESTIC HOMICIDE REVIEW 05 ('JOAN') – ACTION PLAN", "DHR-5"),
    ("DHR-4 Panel Recommendations", "DHR-4"),
])
def test_review_numbers(line: str, number: str) -> None:
    kind = "CSPR" if "Child" in line else None
    h = hints_of(line, "Local Child Safeguarding Practice Review" if kind else NARRATIVE)
    assert h.number == number


def test_a_lettered_name_in_the_body_counts_only_beside_its_kind() -> None:
    body = [NARRATIVE] * 16
    assert hints_of("Safeguarding Adults Review", *body, "Child A was at school that day.").number is None
    assert hints_of("Safeguarding Adults Review", *body, "This SAR (Adult D) was commissioned in 2022.").number is None
    assert hints_of("Safeguarding Adults Review", *body, "This is SAR Adult D.").number == "SAR-Adult-D"


@pytest.mark.parametrize(("name", "area"), [
    ("Northmere Safeguarding Adults Board", "Northmere"),
    ("Wrenford Safeguarding Children Partnership", "Wrenford"),
    ("Ashby Vale Community Safety Partnership", "Ashby Vale"),
    ("Safer Ashby Vale Partnership", "Ashby Vale"),
    ("Kettleby Children's Safeguarding Partnership", "Kettleby"),
    ("Saltmarsh Safeguarding Adults Partnership Board", "Saltmarsh"),
    ("Coldbeck and Easterleigh Community Safety Partnership", "Coldbeck and Easterleigh"),
])
def test_commissioning_boards_and_partnerships(name: str, area: str) -> None:
    h = hints_of(name, "Review report", NARRATIVE)
    assert (h.partnership, h.area) == (name, area)
    upper = hints_of(name.upper(), "Review report", NARRATIVE)
    assert upper.area == area


def test_the_board_that_commissions_the_kind_is_preferred() -> None:
    h = hints_of("Safeguarding Adults Review: Mr K", "Published by the Saltmarsh Community Safety Partnership",
                 "Saltmarsh Safeguarding Adults Board", NARRATIVE)
    assert h.partnership == "Saltmarsh Safeguarding Adults Board"


def test_the_report_and_plan_of_a_lettered_review_share_a_key() -> None:
    report = hints_of("Wrenford Safeguarding Children Partnership", "Local Child Safeguarding Practice Review",
                      "Child Q", NARRATIVE)
    plan = hints_of("Wrenford Safeguarding Children Partnership", "LCSPR Child Q: action plan",
                    ("No", "Recommendation", "Lead"))
    assert report.number == plan.number == "CSPR-Child-Q"
    assert review_key(report, "a" * 64) == review_key(plan, "b" * 64) == "wrenford/cspr-child-q"


def test_a_joint_review_whose_title_wraps_over_two_lines() -> None:
    h = hints_of("OFFICIAL", "", "Joint Domestic Homicide Review and Safeguarding", "Adults Review: 'Ada'", "",
                 "Executive Summary - Wrenford Community Safety Partnership and Wrenford Safeguarding Adults Board")
    assert h.review_kind_raw == "DHR/SAR"
