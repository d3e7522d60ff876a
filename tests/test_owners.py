"""The owner rule (graph.owners): column, label, subject, heading; glossary first; departments; no guess."""

from __future__ import annotations

import pytest

from reviewgraph.graph.agencies import AgencyRegistry
from reviewgraph.graph.owners import OwnerSource, decide_owner, subject_of

REGISTRY = AgencyRegistry.load()
PUBLISHER = REGISTRY.resolve("Safer Northmere Partnership")


def owner(*sources: tuple[str, str | None], glossary: dict[str, str] | None = None):
    res, how = decide_owner([OwnerSource(h, t) for h, t in sources], REGISTRY.resolve, PUBLISHER, glossary or {})
    return (res.agency.name if res else None), how


@pytest.mark.parametrize("blank", [None, "", "TBC", "N/A", "-", "tbc.", "To be confirmed"])
def test_a_blank_lead_cell_is_no_owner_never_the_partnership(blank):
    assert owner(("column", blank), ("heading", "Northmere Constabulary")) == (None, "column")


def test_the_rule_goes_column_label_subject_heading():
    assert owner(("heading", "Wrenford Borough Council"), ("subject", "Northmere Constabulary"),
                 ("label", "Ashby Vale Hospitals Trust"), ("column", "Home Office"))[0] == "Home Office"
    assert owner(("heading", "Wrenford Borough Council"), ("subject", "Northmere Constabulary"),
                 ("label", "Ashby Vale Hospitals Trust"))[0] == "Ashby Vale Hospitals Trust"
    assert owner(("heading", "Wrenford Borough Council"), ("subject", "Northmere Constabulary")) == (
        "Northmere Constabulary", "subject")
    assert owner(("heading", "Wrenford Borough Council")) == ("Wrenford Borough Council", "heading")
    assert owner() == (None, None)


def test_the_glossary_comes_before_the_registry():
    gl = {"NC": "Northmere Constabulary", "WBC": "Wrenford Borough Council", "ASC": "Adult Social Care"}
    assert owner(("column", "NC"), glossary=gl)[0] == "Northmere Constabulary"
    res, _ = decide_owner([OwnerSource("column", "WBC ASC")], REGISTRY.resolve, PUBLISHER, gl)
    # a department of the council the glossary names, named with it (a bare "Adult Social Care" says not whose)
    assert res.agency.name == "Wrenford Borough Council Adult Social Care"
    assert res.department_of.agency.name == "Wrenford Borough Council"


def test_a_department_stays_a_department():
    res, how = decide_owner([OwnerSource("column", "Wrenford Borough Council - Children's Services")],
                            REGISTRY.resolve, PUBLISHER, {})
    assert res is not None and res.agency.name == "Wrenford Borough Council Children's Services"
    assert res.department_of is not None and res.department_of.agency.name == "Wrenford Borough Council"


def test_the_board_is_the_publisher_and_all_agencies_stay_collective():
    assert owner(("subject", "The Partnership"))[0] == PUBLISHER.agency.name
    name = owner(("subject", "All agencies"))[0]
    assert name == "All agencies"
    assert owner(("subject", "Each constituent agency of Middlesbrough CSP"))[0] == "All agencies"


def test_a_capitalised_subject_that_names_no_organisation_is_no_owner():
    assert owner(("subject", "Staff")) == (None, None)
    assert owner(("subject", "Training")) == (None, None)


def test_a_person_or_job_title_is_no_owner():
    assert owner(("column", "Head of Safeguarding")) == (None, None)
    assert owner(("column", "DCI Jane Example")) == (None, None)


def test_a_subject_names_the_heading_body_more_fully_under_its_heading():
    assert owner(("subject", "The Probation Trust"), ("heading", "Northmere Probation Trust"))[0] == \
        "Northmere Probation Trust"


@pytest.mark.parametrize("text, subject", [
    ("That Northmere Constabulary should review its training.", "Northmere Constabulary"),
    ("Wrenford Borough Council, as commissioner, reviews the service.", "Wrenford Borough Council"),
    ("The SAB to seek assurance.", "The SAB"),
    ("All partner agencies should share the learning.", "All agencies"),
    ("Improved enforcement practice of Court Orders to be evidenced.", None),
    ("Staff should complete training.", "Staff"),  # a name, but of no organisation (see below)
    ("Ensure that the policy is updated.", None),
    ("All agencies: Strengthen case recording.", "All agencies"),  # a label before the text
    ("TWA: Ensure that social workers escalate concerns.", "TWA"),
    ("Training: all agencies to promote the helpline.", None),
])
def test_subject_of(text, subject):
    assert subject_of(text) == subject


def test_a_department_without_a_dash_and_a_board_subgroup():
    res, _ = decide_owner([OwnerSource("column", "Northmere County Council Adult Social Care")],
                          REGISTRY.resolve, PUBLISHER, {})
    assert (res.agency.name, res.department_of.agency.name) == ("Northmere County Council Adult Social Care",
                                                                "Northmere County Council")
    assert owner(("column", "Wrenford Mental Health Partnership NHS Trust"))[0] == \
        "Wrenford Mental Health Partnership NHS Trust"


def test_the_board_of_a_joint_review_is_its_board():
    joint = REGISTRY.publisher("Ashby Vale Community Safety Partnership and Ashby Vale Safeguarding Adults Board")
    assert joint is not None and joint.shared
    for said, want in (("the Board", "Ashby Vale Safeguarding Adults Board"),
                       ("The Partnership", "Ashby Vale Community Safety Partnership")):
        res, _ = decide_owner([OwnerSource("subject", said)], REGISTRY.resolve, joint, {})
        assert res.agency.name == want


def test_an_acronym_the_glossary_defines_is_that_body_even_tbc_or_a_publisher_word():
    gl = {"TBC": "Thistlecombe Borough Council", "SCP": "Saltmarsh Coast Police"}
    assert owner(("column", "TBC"), glossary=gl)[0] == "Thistlecombe Borough Council"
    assert owner(("subject", "SCP"), glossary=gl)[0] == "Saltmarsh Coast Police"
    assert owner(("column", "TBC")) == (None, "column")  # without the glossary: to be confirmed


# --- a lead cell naming a person with a post: the organisation is the owner, the person never is --------


@pytest.mark.parametrize("cell, expected", [
    # surnames no given-name list holds, read from their place before a post's title
    ("Morwenna Treloar Head of Service Tamsin Vale Recovery Service", "Tamsin Vale Recovery Service"),
    ("Ezra Quillfeather Detective Inspector Pellow Constabulary", "Pellow Constabulary"),
    ("Tamsin Vale Recovery Service  Ezra Quillfeather Operations Manager", "Tamsin Vale Recovery Service"),
])
def test_a_person_and_post_in_a_lead_cell_leave_the_organisation(cell, expected):
    name, how = owner(("column", cell))
    assert (name, how) == (expected, "column")


def test_the_organisation_beside_a_person_is_read_through_the_glossary():
    gl = {"TVDAS": "Tamsin Vale Domestic Abuse Service"}
    cell = "TVDAS  Ezra Quillfeather Safeguarding Lead TVDAS"
    assert owner(("column", cell), glossary=gl) == ("Tamsin Vale Domestic Abuse Service", "column")
    res, _ = decide_owner([OwnerSource("column", cell)], REGISTRY.resolve, PUBLISHER, gl)
    assert not any("Quillfeather" in a for a in [res.agency.name, *res.agency.aliases])


@pytest.mark.parametrize("cell", [
    "Domestic Abuse Strategic Lead",        # a post with its topic, no person, no organisation
    "Early Help Strategic Lead",
    "Ezra Quillfeather Safeguarding Lead",  # a person alone
])
def test_a_post_or_a_person_alone_is_no_owner(cell):
    assert owner(("column", cell))[0] is None


def test_two_organisations_either_side_of_a_person_are_not_guessed_between():
    assert REGISTRY.resolve("Tamsin Vale Recovery Service Ezra Quillfeather Head of Service Pellow Housing") is None


GLOSSARY = {"NLFT": "North Lowmarsh Foundation Trust (mental health)", "BHT": "Burnside Hospitals Trust",
            "HPol": "Hallowmere Police", "HCS": "Hallowmere Children's Services",
            "CSC": "Children's Social Care (Ashby Vale Council)"}


@pytest.mark.parametrize("how", ["column", "subject"])
@pytest.mark.parametrize("written, parts", [
    ("NLFT and BHT", ["North Lowmarsh Foundation Trust", "Burnside Hospitals Trust"]),
    ("HPol / HCS", ["Hallowmere Police", "Hallowmere Children's Services"]),
    ("HCS / HPol", ["Hallowmere Children's Services", "Hallowmere Police"]),
    ("BHT, HPol & NLFT", ["Burnside Hospitals Trust", "Hallowmere Police", "North Lowmarsh Foundation Trust"]),
])
def test_listed_acronyms_are_each_a_body_together_the_owner(how, written, parts):
    """Not one body named by the expansions run together, nor the second a department of the first ("HPol /
    HCS" is not the police's children's services); a lower-case note after a glossary's name is no part of it."""
    res, _ = decide_owner([OwnerSource(how, written)], REGISTRY.resolve, PUBLISHER, GLOSSARY)
    assert res is not None and res.shared and res.department_of is None
    assert [p.agency.name for p in res.parts] == parts


def test_one_acronym_keeps_what_its_glossary_entry_says():
    assert owner(("column", "NLFT"), glossary=GLOSSARY)[0] == "North Lowmarsh Foundation Trust"
    res, _ = decide_owner([OwnerSource("column", "CSC")], REGISTRY.resolve, PUBLISHER, GLOSSARY)
    assert res.department_of is not None and res.department_of.agency.name == "Ashby Vale Council"


@pytest.mark.parametrize("welsh, english", [
    ("Heddlu Cwm Aderyn", "Cwm Aderyn Police"),
    ("Cyngor Sir Cwm Aderyn", "Cwm Aderyn County Council"),
    ("Bwrdd Iechyd Prifysgol Cwm Aderyn", "Cwm Aderyn University Health Board"),
])
@pytest.mark.parametrize("form", ["{w} / {e}", "{e} / {w}", "{w} ({e})", "{e} ({w})"])
def test_a_body_named_in_welsh_and_english_is_its_english_name(welsh, english, form):
    written = form.format(w=welsh, e=english)
    assert owner(("subject", written))[0] == english
    assert owner(("column", written))[0] == owner(("column", english))[0]


def test_two_english_names_stay_two():
    res, _ = decide_owner([OwnerSource("column", "Northmere Police / Northmere Council")],
                          REGISTRY.resolve, PUBLISHER, {})
    assert res.shared and len(res.parts) == 2
