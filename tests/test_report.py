"""Overview reports in layouts other than the samples' (synthetic text)."""

from tests.parsing import parse_text, rows


def test_plain_numbered_lessons_and_recommendations():
    doc = parse_text(rows(
        "Safer Holloway Cross Partnership", "Domestic Homicide Review into the death of 'Mae'", "",
        "Lessons learned", "",
        "1. Agencies did not share the history of violence. (see Recommendation 2)",
        "2. The GP did not ask about abuse. Recommendations 3 and 4 apply.", "",
        "Recommendations", "",
        "Recommendation 1: The partnership commissions an audit of MARAC referrals.",
        "Recommendation 2: Police share call history with probation within 24 hours.",
        "Recommendation 3: GPs complete routine enquiry training.",
        "Recommendation 4: The CCG audits GP records for disclosures.",
    ))
    assert [r.number for r in doc.report_recs] == ["1", "2", "3", "4"]
    assert doc.report_recs[1].text == "Police share call history with probation within 24 hours."
    assert [(i.number, i.applies) for i in doc.learning] == [("1", ["2"]), ("2", ["3", "4"])]
    assert doc.hints.pseudonym == "Mae" and doc.hints.area == "Holloway Cross"


def test_a_quoted_numbered_list_inside_a_learning_item_is_not_a_new_item():
    doc = parse_text(rows(
        "16 Learning", "",
        "16.1 Narrative Recommendation 1 applies",
        "The panel quoted the principles:",
        "10 Governance",
        "There is effective leadership.",
        "Learning",
        "Agencies must understand each other's processes.", "",
        "17 Recommendations", "",
        "17.1 That the partnership reviews its MARAC protocol.",
    ))
    assert [i.number for i in doc.learning] == ["16.1"]
    assert doc.learning[0].text == "Agencies must understand each other's processes."
    assert [r.number for r in doc.report_recs] == ["17.1"]
    assert doc.learning[0].applies == ["1"]


def test_an_agency_heading_straight_after_a_recommendation_starts_a_section():
    doc = parse_text(rows(
        "16 Recommendations", "",
        "16.1 That the partnership audits referrals.",
        "Single agency recommendations",
        "Northmere Homes", "",
        "16.2 Carers to be reviewed to ensure requests are processed in line with guidance.",
        "Northmere Partnership NHS Trust",
        "16.3 Guidance to be reissued to staff on stalking.",
    ))
    assert [(r.number, r.section, r.level) for r in doc.report_recs] == [
        ("16.1", None, "panel"), ("16.2", "Northmere Homes", "single_agency"),
        ("16.3", "Northmere Partnership NHS Trust", "single_agency")]
    assert doc.report_recs[1].text.endswith("in line with guidance.")
