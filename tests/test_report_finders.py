"""Recommendations and learning found in overview reports of many layouts, by general rules (issue 14).

A development set: one small synthetic report per layout (invented partnerships: Northmere, Wrenford,
Ashby Vale), each asserting the numbers, texts, owners and learning links it must give, and negatives
(narrative numbered paragraphs, "recommended" in narrative, contents pages, terms of reference questions).
"""

from __future__ import annotations

import hashlib

from reviewgraph.ingest.parse import parse_lines
from reviewgraph.records.parsed import Line, ParsedDocument
from tests.parsing import parse_text, rows

INTRO = ["Northmere Community Safety Partnership", "Domestic Homicide Review into the death of 'Ada'",
         "Overview Report", ""]


def recs(doc: ParsedDocument) -> list[tuple[str | None, str]]:
    return [(r.number, r.text) for r in doc.report_recs]


def owners(doc: ParsedDocument) -> list[tuple[str | None, str | None, str | None]]:
    return [(r.number, r.owner_raw, r.owner_how) for r in doc.report_recs]


def links(doc: ParsedDocument) -> list[tuple[str, list[str]]]:
    return [(i.number, i.applies) for i in doc.learning]


def parse_structured(items: list[tuple[str, str | None, int | None]]) -> ParsedDocument:
    """A document from a reader that knows its structure: (text, role, level) per line."""
    lines = [Line(no=k, cells=(text,) if text else (), role=role, level=level)
             for k, (text, role, level) in enumerate(items, 1)]
    sha = hashlib.sha256(repr(items).encode()).hexdigest()
    return parse_lines(lines, file_name="structured.docx", sha256=sha, reader="docx")


# --- recommendations: numbering styles ------------------------------------------------------------------

def test_plain_numbered_list_under_a_plain_heading_with_subject_owners():
    doc = parse_text(rows(
        *INTRO,
        "Recommendations", "",
        "1. Northmere Constabulary should review its policy on repeat callers.",
        "2. That Wrenford Borough Council reviews its housing allocation protocol for victims of",
        "domestic abuse.",
        "3. All agencies should remind staff of the routine enquiry guidance.",
        "4. Ensure that the MARAC referral form asks about children in the household.",
        "5. The Partnership should commission a public awareness campaign.", "",
        "Glossary", "",
        "MARAC\tMulti-Agency Risk Assessment Conference",
    ))
    assert recs(doc) == [
        ("1", "Northmere Constabulary should review its policy on repeat callers."),
        ("2", "That Wrenford Borough Council reviews its housing allocation protocol for victims of domestic "
              "abuse."),
        ("3", "All agencies should remind staff of the routine enquiry guidance."),
        ("4", "Ensure that the MARAC referral form asks about children in the household."),
        ("5", "The Partnership should commission a public awareness campaign.")]
    assert owners(doc) == [("1", "Northmere Constabulary", "subject"),
                           ("2", "Wrenford Borough Council", "subject"), ("3", "All agencies", "subject"),
                           ("4", None, None), ("5", "The Partnership", "subject")]


def test_numbered_section_heading_dotted_items_local_and_national_subsections():
    doc = parse_text(rows(
        *INTRO,
        "4. Analysis", "",
        "4.1 Northmere Constabulary attended the address on three occasions.", "",
        "5. RECOMMENDATIONS", "",
        "5.1 The review makes the following recommendations:", "",
        "Local recommendations", "",
        "5.2 Northmere Constabulary should audit its response to repeat calls.",
        "5.3 Ashby Vale Integrated Care Board must ensure that GPs record disclosures of abuse.", "",
        "National recommendations", "",
        "5.4 The Home Office should amend the statutory guidance on reviews.", "",
        "6. Conclusion", "",
        "6.1 The panel hopes that this review improves practice.",
    ))
    assert [n for n, _ in recs(doc)] == ["5.2", "5.3", "5.4"]
    assert [r.scope_raw for r in doc.report_recs] == ["Local", "Local", "National"]
    assert owners(doc) == [("5.2", "Northmere Constabulary", "subject"),
                           ("5.3", "Ashby Vale Integrated Care Board", "subject"),
                           ("5.4", "The Home Office", "subject")]
    assert any(u.text.startswith("5.1 The review makes") for u in doc.unplaced)
    assert not any("hopes" in r.text or "attended" in r.text for r in doc.report_recs)


def test_recommendation_n_labels_with_bracketed_owner_and_text_on_following_lines():
    doc = parse_text(rows(
        *INTRO,
        "7 Recommendations", "",
        "Recommendation 1 (Northmere Constabulary): Review the DVDS disclosure process.", "",
        "Recommendation 2", "",
        "Wrenford Borough Council", "",
        "Provide training on coercive control to housing officers", "",
        "and audit its effect after six months.", "",
        "Recommendation 3:", "",
        "Ashby Vale Hospital Trust to ensure that emergency staff ask about domestic abuse.",
        "Lead agency: Ashby Vale Hospital Trust", "",
        "Recommendation 4: Ensure that IDVA capacity meets demand (Lead: Northmere CSP).", "",
        "8 Appendix A", "",
        "Recommendation 9: not a recommendation of this report.",
    ))
    assert recs(doc) == [
        ("1", "Review the DVDS disclosure process."),
        ("2", "Provide training on coercive control to housing officers and audit its effect after six "
              "months."),
        ("3", "Ashby Vale Hospital Trust to ensure that emergency staff ask about domestic abuse."),
        ("4", "Ensure that IDVA capacity meets demand.")]
    assert owners(doc) == [("1", "Northmere Constabulary", "label"),
                           ("2", "Wrenford Borough Council", "label"),
                           ("3", "Ashby Vale Hospital Trust", "label"), ("4", "Northmere CSP", "label")]


def test_r_and_rec_labels_with_agency_prefix_labels():
    doc = parse_text(rows(
        *INTRO,
        "Recommendations", "",
        "R1 Northmere Constabulary — Refresh DASH training for call handlers.",
        "R2 Wrenford Borough Council: Review the allocation of emergency housing.",
        "R3 Training: all agencies to promote the Respect helpline.", "",
        "Summary of recommendations", "",
        "Rec 4: Ashby Vale Safeguarding Adults Board should seek assurance on MARAC attendance.",
        "Rec. 5 - Establish a protocol for information sharing with GPs.",
    ))
    assert recs(doc) == [  # numbers as written: "R1" keeps its R, "Rec 4" is recommendation 4
        ("R1", "Refresh DASH training for call handlers."),
        ("R2", "Review the allocation of emergency housing."),
        ("R3", "Training: all agencies to promote the Respect helpline."),
        ("4", "Ashby Vale Safeguarding Adults Board should seek assurance on MARAC attendance."),
        ("5", "Establish a protocol for information sharing with GPs.")]
    assert owners(doc) == [("R1", "Northmere Constabulary", "label"),
                           ("R2", "Wrenford Borough Council", "label"), ("R3", "All agencies", "subject"),
                           ("4", "Ashby Vale Safeguarding Adults Board", "subject"),
                           ("5", None, None)]


def test_bracketed_numbers_letters_under_numbers_and_roman_items():
    doc = parse_text(rows(
        *INTRO,
        "Recommendations", "",
        "1) Northmere Constabulary should improve its handling of stalking reports by:",
        "a. using the stalking screening tool;",
        "b. referring every victim to the advocacy service.",
        "2) Wrenford Borough Council should publish its domestic abuse strategy.", "",
        "Recommendations for Ashby Vale NHS Foundation Trust", "",
        "(i) Routine enquiry about abuse is made at every antenatal appointment.",
        "(ii) Safeguarding supervision is offered to all midwives.",
        "(iii) Staff record the names of partners who attend appointments.",
        "(iv) The trust audits compliance annually.", "",
        "Appendix 1: Terms of reference",
    ))
    assert recs(doc) == [
        ("1", "Northmere Constabulary should improve its handling of stalking reports by: a. using the "
              "stalking screening tool; b. referring every victim to the advocacy service."),
        ("2", "Wrenford Borough Council should publish its domestic abuse strategy."),
        ("i", "Routine enquiry about abuse is made at every antenatal appointment."),
        ("ii", "Safeguarding supervision is offered to all midwives."),
        ("iii", "Staff record the names of partners who attend appointments."),
        ("iv", "The trust audits compliance annually.")]
    assert [r.section for r in doc.report_recs][2:] == ["Ashby Vale NHS Foundation Trust"] * 4
    assert owners(doc)[2] == ("i", "Ashby Vale NHS Foundation Trust", "heading")
    assert owners(doc)[:2] == [("1", "Northmere Constabulary", "subject"), ("2", "Wrenford Borough Council",
                                                                               "subject")]


def test_lettered_items_when_nothing_is_numbered():
    doc = parse_text(rows(
        *INTRO,
        "Recommendations to the Partnership", "",
        "a) The Partnership should review the MARAC operating protocol.",
        "b) The Partnership should evaluate the IDVA service.",
    ))
    assert [n for n, _ in recs(doc)] == ["a", "b"]
    assert owners(doc) == [("a", "The Partnership", "subject"), ("b", "The Partnership", "subject")]


def test_text_continues_across_a_page_break_and_page_furniture():
    page_head = "Northmere DHR Ada Overview Report"
    doc = parse_text(rows(
        page_head, *INTRO, "Introduction", "", "The review began in 2021.", "Page 1 of 3", "\f" + page_head,
        "Recommendations", "",
        "17.1 That Northmere Constabulary reviews how officers record the presence of children at",
        "Page 2 of 3",
        "\f" + page_head, "",
        "domestic abuse incidents and shares it with children's services.",
        "17.2 That the Board seeks assurance from all agencies that staff understand coercive control.",
        "Page 3 of 3",
    ))
    assert recs(doc) == [
        ("17.1", "That Northmere Constabulary reviews how officers record the presence of children at "
                 "domestic abuse incidents and shares it with children's services."),
        ("17.2", "That the Board seeks assurance from all agencies that staff understand coercive control.")]
    assert owners(doc) == [("17.1", "Northmere Constabulary", "subject"), ("17.2", "The Board", "subject")]


def test_agency_subheadings_give_section_level_and_heading_owner():
    doc = parse_text(rows(
        *INTRO,
        "14 Recommendations", "",
        "Panel recommendations", "",
        "14.1 The Partnership should seek assurance that the MARAC protocol is understood.", "",
        "Single agency recommendations", "",
        "Northmere Constabulary", "",
        "14.2 Review of control room tasking of domestic incidents.",
        "14.3 Domestic abuse policy to be updated.", "",
        "Wrenford Housing", "",
        "14.4 Tenancy officers to be trained in recognising abuse.", "",
        "15 Appendix A Action plan",
    ))
    assert [(r.number, r.section, r.level) for r in doc.report_recs] == [
        ("14.1", None, "panel"), ("14.2", "Northmere Constabulary", "single_agency"),
        ("14.3", "Northmere Constabulary", "single_agency"), ("14.4", "Wrenford Housing", "single_agency")]
    assert owners(doc) == [("14.1", "The Partnership", "subject"),
                           ("14.2", "Northmere Constabulary", "heading"),
                           ("14.3", "Northmere Constabulary", "heading"),
                           ("14.4", "Wrenford Housing", "heading")]


def test_unnumbered_bullets_and_paragraphs_that_read_as_recommendations():
    doc = parse_text(rows(
        *INTRO,
        "Recommendations for the Partnership", "",
        "The panel agreed the following recommendations at its final meeting.", "",
        "• The Partnership should publish a guide for family and friends.",
        "• Ensure that the Domestic Abuse Forum reviews the learning from this review.",
        "• These recommendations will be monitored through the action plan.", "",
        "Wrenford Borough Council must review its anti-social behaviour procedure so that",
        "domestic abuse is considered at every report.", "",
        "Northmere Constabulary has already begun work on this.", "",
        "Appendix B Glossary",
    ))
    assert recs(doc) == [
        (None, "The Partnership should publish a guide for family and friends."),
        (None, "Ensure that the Domestic Abuse Forum reviews the learning from this review."),
        (None, "Wrenford Borough Council must review its anti-social behaviour procedure so that domestic "
               "abuse is considered at every report.")]
    assert owners(doc) == [(None, "The Partnership", "subject"), (None, None, None),
                           (None, "Wrenford Borough Council", "subject")]
    narrative = {u.text for u in doc.unplaced}
    assert "• These recommendations will be monitored through the action plan." in narrative
    assert "Northmere Constabulary has already begun work on this." in narrative


def test_structured_reader_headings_and_list_items():
    doc = parse_structured([
        ("Ashby Vale Safeguarding Adults Board", "paragraph", None),
        ("Safeguarding Adults Review: 'Bea'", "heading", 1),
        ("Findings", "heading", 1),
        ("Agencies did not share information about self-neglect (Recommendations 1 and 3).", "item", 0),
        ("Care Act assessments were not offered. Linked recommendations: 2", "item", 0),
        ("Recommendations", "heading", 1),
        ("Recommendations for the Board", "heading", 2),
        ("The Board should commission a self-neglect audit.", "item", 0),
        ("The Board should refresh its self-neglect policy.", "item", 0),
        ("Northmere Adult Social Care", "heading", 2),
        ("Review the use of Care Act section 42 enquiries for self-neglect.", "item", 0),
        ("Background", "heading", 2),
        ("The review was commissioned in May 2022.", "paragraph", None),
        ("Next steps", "heading", 1),
        ("The Board should publish the review.", "paragraph", None),
    ])
    assert recs(doc) == [(None, "The Board should commission a self-neglect audit."),
                         (None, "The Board should refresh its self-neglect policy."),
                         (None, "Review the use of Care Act section 42 enquiries for self-neglect.")]
    assert owners(doc) == [(None, "The Board", "subject"), (None, "The Board", "subject"),
                           (None, "Northmere Adult Social Care", "heading")]
    assert links(doc) == [("1", ["1", "3"]), ("2", ["2"])]


# --- learning --------------------------------------------------------------------------------------------

def test_findings_numbered_with_bracketed_links():
    doc = parse_text(rows(
        *INTRO,
        "Findings", "",
        "Finding 1: Professionals did not recognise coercive control (Recommendations 1, 7 and 9).", "",
        "Finding 2", "The GP was not told of the MARAC referral.",
        "This finding relates to recommendations 3 and 4.", "",
        "Recommendations", "",
        "1. Northmere Constabulary should train officers in coercive control.",
    ))
    assert links(doc) == [("1", ["1", "7", "9"]), ("2", ["3", "4"])]
    assert doc.learning[1].text.startswith("The GP was not told of the MARAC referral.")
    assert recs(doc) == [("1", "Northmere Constabulary should train officers in coercive control.")]


def test_lessons_learned_plain_numbers_with_linked_recommendations_lines():
    doc = parse_text(rows(
        *INTRO,
        "9. Lessons learned", "",
        "1. Risk was assessed on the incident, not the history.",
        "Linked recommendations: 1, 2", "",
        "2. Nobody asked the children.",
        "Linked recommendations: 3", "",
        "10. Recommendations", "",
        "10.1 Northmere Constabulary should assess risk on the history.",
    ))
    assert links(doc) == [("1", ["1", "2"]), ("2", ["3"])]
    assert [i.text for i in doc.learning] == ["Risk was assessed on the incident, not the history. Linked "
                                              "recommendations: 1, 2", "Nobody asked the children. Linked "
                                              "recommendations: 3"]


def test_key_learning_subheadings_are_one_item_each():
    doc = parse_text(rows(
        *INTRO,
        "Key learning", "",
        "This section sets out what the review learned.", "",
        "Professional curiosity", "",
        "Practitioners accepted explanations at face value. See R2, R5.", "",
        "Information sharing", "",
        "Records were not shared between the hospital and the GP. Recommendation 3 applies.", "",
        "Recommendations", "",
        "R1 Wrenford Borough Council should review its training.",
    ))
    assert links(doc) == [("1", ["2", "5"]), ("2", ["3"])]
    assert doc.learning[1].text.startswith("Records were not shared")


def test_learning_points_and_learning_from_this_review():
    doc = parse_text(rows(
        *INTRO,
        "Learning from this review", "",
        "Learning point 1: Agencies did not see the pattern of abuse. Recommendation 2 applies.",
        "Learning point 2: The victim's family knew and did not know where to go. See R4.", "",
        "Recommendations", "",
        "1. Northmere Constabulary should review call history before attending.",
    ))
    assert links(doc) == [("1", ["2"]), ("2", ["4"])]


def test_dotted_learning_with_narrative_and_learning_subheadings():
    doc = parse_text(rows(
        *INTRO,
        "16 Learning", "",
        "16.1 Narrative Recommendation 1 applies", "",
        "The perpetrator was managed under MAPPA at level 1.", "",
        "Learning", "",
        "Processes must be understood by every professional.", "",
        "16.2 Narrative Recommendations 2 and 3 apply", "",
        "Learning", "",
        "Reports of noise can mask abuse.", "",
        "17 Recommendations", "",
        "17.1 That Northmere CSP reviews its MARAC protocol.",
    ))
    assert links(doc) == [("16.1", ["1"]), ("16.2", ["2", "3"])]
    assert [i.text for i in doc.learning] == ["Processes must be understood by every professional.",
                                              "Reports of noise can mask abuse."]


# --- negatives ---------------------------------------------------------------------------------------------

def test_contents_page_and_terms_of_reference_open_nothing():
    doc = parse_text(rows(
        *INTRO,
        "Contents", "",
        "1. Introduction ..... 3",
        "2. Terms of reference ..... 5",
        "7. Recommendations ..... 34",
        "8. Appendix ..... 40", "",
        "1. Introduction", "",
        "It was recommended that the review should begin in May.",
        "The chair recommended that agencies provide chronologies.", "",
        "2. Terms of reference", "",
        "1. What did agencies know about the abuse?",
        "2. Should agencies have shared information sooner?",
        "3. Were the MARAC procedures followed?", "",
        "3. Recommendations", "",
        "3.1 Northmere Constabulary should review its stalking policy.",
    ))
    assert recs(doc) == [("3.1", "Northmere Constabulary should review its stalking policy.")]


def test_contents_page_without_page_numbers():
    doc = parse_text(rows(
        *INTRO,
        "1 Introduction",
        "2 Analysis",
        "3 Recommendations",
        "4 Appendix", "",
        "1 Introduction", "",
        "1.1 The review was commissioned by Northmere CSP.", "",
        "2 Analysis", "",
        "2.1 Agencies should have shared information sooner, the panel found.", "",
        "3 Recommendations", "",
        "3.1 Northmere CSP should review its commissioning of IDVAs.",
    ))
    assert recs(doc) == [("3.1", "Northmere CSP should review its commissioning of IDVAs.")]


def test_background_numbered_paragraphs_in_the_section_are_narrative():
    doc = parse_text(rows(
        *INTRO,
        "17 Recommendations", "",
        "17.1 The panel considered whether national recommendations were needed and decided they were not.",
        "17.2 These recommendations are made to the agencies on the panel.",
        "17.3 Northmere Constabulary should review its domestic abuse policy.",
    ))
    assert recs(doc) == [("17.3", "Northmere Constabulary should review its domestic abuse policy.")]
    reasons = {u.text[:4]: u.reason for u in doc.unplaced}
    assert reasons["17.1"].startswith("narrative") and reasons["17.2"].startswith("narrative")


def test_recommendations_repeated_in_an_executive_summary_are_found_once():
    body = ["1. Northmere Constabulary should review its stalking policy.",
            "2. Wrenford Borough Council should audit its homelessness assessments."]
    doc = parse_text(rows(
        *INTRO,
        "Executive summary", "", "The review found missed opportunities.", "",
        "Recommendations", "", *body, "",
        "1 Introduction", "", "1.1 The review was commissioned in 2022.", "",
        "2 Recommendations", "", *body, "",
        "3 Appendix",
    ))
    assert [n for n, _ in recs(doc)] == ["1", "2"]


def test_a_numbered_top_heading_after_items_is_the_next_item_when_it_follows():
    doc = parse_text(rows(
        *INTRO,
        "7 Recommendations", "",
        "1 Northmere Constabulary should audit its DVPN use.", "",
        "8 Improved response to MARAC referrals", "",
        "9 Conclusion", "",
        "9.1 The panel thanks the family.",
    ))
    # "8" after "1" is no successor: a section heading; "1" alone is the only recommendation
    assert recs(doc) == [("1", "Northmere Constabulary should audit its DVPN use.")]


# --- more layouts ------------------------------------------------------------------------------------------

def test_number_words_owner_on_the_label_line_and_bare_page_numbers():
    doc = parse_text(rows(
        *INTRO,
        "Section 6: Recommendations", "",
        "Recommendation One: Wrenford Borough Council", "",
        "Review the homelessness assessment so that it asks about abuse.", "",
        "14", "",
        "Recommendation Two – Northmere Constabulary",
        "Refresh the guidance on Clare's Law disclosures.", "",
        "Recommendations from previous reviews", "",
        "Recommendation 3: The Partnership should publish its DHR tracker.",
    ))
    assert recs(doc) == [("1", "Review the homelessness assessment so that it asks about abuse."),
                         ("2", "Refresh the guidance on Clare's Law disclosures.")]
    assert owners(doc) == [("1", "Wrenford Borough Council", "label"),
                           ("2", "Northmere Constabulary", "label")]
    assert any(s.text == "14" and s.reason.startswith("a number alone") for s in doc.skipped)


def test_recommendations_in_an_appendix_and_a_table_without_header():
    doc = parse_text(rows(
        *INTRO,
        "Conclusions", "", "The death was not predictable.", "",
        "Appendix 2: Recommendations", "",
        ("1", "The protocol for repeat referrals is reviewed.", "Northmere Constabulary"),
        ("2", "Housing staff are trained in coercive control.", "Wrenford Borough Council"), "",
        "Appendix 3: Glossary",
    ))
    assert recs(doc) == [("1", "The protocol for repeat referrals is reviewed."),
                         ("2", "Housing staff are trained in coercive control.")]
    assert owners(doc) == [("1", "Northmere Constabulary", "column"),
                           ("2", "Wrenford Borough Council", "column")]


def test_conclusions_and_recommendations_keep_only_directive_numbered_paragraphs():
    doc = parse_text(rows(
        *INTRO,
        "8. Conclusions and recommendations", "",
        "8.1 Agencies missed opportunities to protect Ada.",
        "8.2 Ada's family were not asked about the abuse they had seen.",
        "8.3 Northmere Constabulary should ensure that families are asked about abuse.",
        "8.4 That Ashby Vale ICB commissions training for GPs on routine enquiry.", "",
        "9. Appendix",
    ))
    assert [n for n, _ in recs(doc)] == ["8.3", "8.4"]
    assert owners(doc) == [("8.3", "Northmere Constabulary", "subject"), ("8.4", "Ashby Vale ICB", "subject")]


def test_findings_and_recommendations_together_link_each_finding_to_its_recommendations():
    doc = parse_text(rows(
        "Ashby Vale Safeguarding Adults Board", "Safeguarding Adults Review 'Cal'", "",
        "Findings and recommendations", "",
        "Finding 1: Self-neglect was not recognised", "",
        "The panel found that agencies saw Cal's refusal of care as a lifestyle choice.", "",
        "Why this matters", "",
        "Self-neglect can be fatal.", "",
        "Recommendation 1: The Board should publish self-neglect guidance.",
        "Recommendation 2: Wrenford Adult Social Care should audit self-neglect cases.", "",
        "Finding 2: Mental capacity was assumed", "",
        "Nobody assessed Cal's capacity to decide about care.", "",
        "Recommendation 3: The Board should seek assurance on capacity assessments.", "",
        "Appendix 1: Terms of reference",
    ))
    assert [n for n, _ in recs(doc)] == ["1", "2", "3"]
    assert links(doc) == [("1", ["1", "2"]), ("2", ["3"])]
    assert "Self-neglect can be fatal." in doc.learning[0].text
    assert owners(doc)[1] == ("2", "Wrenford Adult Social Care", "subject")


def test_findings_labelled_inside_an_analysis_section():
    doc = parse_text(rows(
        *INTRO,
        "5 Analysis", "",
        "5.1 Agencies had contact with Ada on nine occasions.", "",
        "Finding 1: Agencies did not ask about abuse at home (Recommendation 2).", "",
        "5.2 The GP saw Ada twice.", "",
        "Finding 2: Information was not shared with the GP. See R3.", "",
        "6 Recommendations", "",
        "R2 Ashby Vale ICB should audit routine enquiry.",
        "R3 Northmere Constabulary should share incident reports with GPs.",
    ))
    assert links(doc) == [("1", ["2"]), ("2", ["3"])]
    assert [n for n, _ in recs(doc)] == ["R2", "R3"]


def test_executive_summary_with_other_numbers_gives_the_section_numbers():
    doc = parse_text(rows(
        *INTRO,
        "Executive summary", "",
        "Recommendations", "",
        "1. Northmere Constabulary should review its stalking policy.",
        "2. Wrenford Borough Council should audit homelessness assessments.", "",
        "1 Introduction", "", "1.1 The review began in 2022.", "",
        "2 Recommendations", "",
        "2.1 Northmere Constabulary should review its stalking policy.",
        "2.2 Wrenford Borough Council should audit homelessness assessments for domestic abuse.", "",
        "3 Appendix",
    ))
    assert [n for n, _ in recs(doc)] == ["2.1", "2.2"]


def test_nested_list_items_from_a_structured_reader_belong_to_their_item():
    doc = parse_structured([
        ("Recommendations", "heading", 1),
        ("The Board should seek assurance that:", "item", 0),
        ("self-neglect is recognised;", "item", 1),
        ("capacity is assessed.", "item", 1),
        ("Ensure that hoarding is screened at every visit.", "item", 0),
        ("Appendix A", "heading", 1),
    ])
    assert recs(doc) == [(None, "The Board should seek assurance that: self-neglect is recognised; capacity "
                                "is assessed."),
                         (None, "Ensure that hoarding is screened at every visit.")]


def test_paragraphs_without_blank_lines_between_them():
    doc = parse_text(rows(
        *INTRO,
        "RECOMMENDATIONS",
        "The Partnership should commission an audit of",
        "MARAC referrals from GPs. It should report to the board.",
        "Northmere Constabulary should review its",
        "response to calls about stalking.",
        "Ensure that victims are told of the outcome.",
        "CONCLUSIONS",
        "Ada's death was not predictable.",
    ))
    assert recs(doc) == [
        (None, "The Partnership should commission an audit of MARAC referrals from GPs. It should report to "
               "the board."),
        (None, "Northmere Constabulary should review its response to calls about stalking."),
        (None, "Ensure that victims are told of the outcome.")]


def test_items_set_as_headings_by_the_reader():
    doc = parse_structured([
        ("Recommendations", "heading", 1),
        ("Recommendation 1", "heading", 1),
        ("The Board should publish guidance on self-neglect.", "paragraph", None),
        ("Recommendation 2", "heading", 2),
        ("Northmere Adult Social Care should audit its section 42 enquiries.", "paragraph", None),
        ("Learning points", "heading", 1),
        ("1. Self-neglect was seen as a choice.", "paragraph", None),
        ("2. Capacity was not assessed. Recommendation 2 applies.", "paragraph", None),
    ])
    assert recs(doc) == [("1", "The Board should publish guidance on self-neglect."),
                         ("2", "Northmere Adult Social Care should audit its section 42 enquiries.")]
    assert links(doc) == [("1", []), ("2", ["2"])]


def test_home_office_template_with_titled_recommendations():
    doc = parse_text(rows(
        *INTRO,
        "6. Lessons to be learned", "",
        "6.1 Agencies did not consider the victim's age as a risk factor (Recommendation 2).", "",
        "7. Recommendations", "",
        "7.1 IMR recommendations", "",
        "The single agency recommendations are set out in the action plan at Appendix 2.", "",
        "7.2 Overview report recommendations", "",
        "Recommendation 1 – Information sharing",
        "Northmere Constabulary should share domestic abuse reports with the GP within 7 days.", "",
        "Recommendation 2 – Older victims",
        "The Community Safety Partnership should raise awareness of abuse of older people.",
        "Agency: Northmere Community Safety Partnership", "",
        "8. Appendix 1", "",
    ))
    assert recs(doc) == [
        ("1", "Information sharing Northmere Constabulary should share domestic abuse reports with the GP "
              "within 7 days."),
        ("2", "Older victims The Community Safety Partnership should raise awareness of abuse of older "
              "people.")]
    assert owners(doc) == [("1", "Northmere Constabulary", "subject"),
                           ("2", "Northmere Community Safety Partnership", "label")]
    assert links(doc) == [("6.1", ["2"])]


def test_an_item_that_starts_with_a_section_word_is_still_an_item():
    doc = parse_text(rows(
        *INTRO,
        "7 Recommendations", "",
        "7.1 Northmere Constabulary should review its DVPN guidance.",
        "7.2 Introduction of a routine enquiry protocol in Wrenford GP practices", "",
        "8. Introduction of a new MARAC chair", "",
        "Conclusions", "",
        "7.3 The panel thanks the family.",
    ))
    assert [n for n, _ in recs(doc)] == ["7.1", "7.2"]


def test_standing_together_style_with_an_introduction_and_appendix_note():
    doc = parse_text(rows(
        *INTRO,
        "6. RECOMMENDATIONS", "",
        "6.1 The Review Panel makes the following recommendations from this DHR:", "",
        "Recommendation 1: Northmere Community Safety Partnership to audit the use of DVPNs.",
        "Recommendation 2: Wrenford GP practices to ask about abuse at every review. Lead: Ashby Vale ICB",
        "",
        "6.2 The IMR authors also made single agency recommendations, which are set out in Appendix 2.", "",
    ))
    assert recs(doc) == [("1", "Northmere Community Safety Partnership to audit the use of DVPNs."),
                         ("2", "Wrenford GP practices to ask about abuse at every review.")]
    assert owners(doc) == [("1", "Northmere Community Safety Partnership", "subject"),
                           ("2", "Ashby Vale ICB", "label")]


def test_themes_are_learning_items_in_learning_and_topics_among_recommendations():
    doc = parse_text(rows(
        "Northmere Safeguarding Children Partnership", "Child Safeguarding Practice Review: 'Dee'", "",
        "Learning themes", "",
        "Theme 1: Hearing the child", "Dee's views were not sought (R1, R2).", "",
        "Theme 2: Neglect", "Neglect was not recognised over time. Recommendation 3 applies.", "",
        "Recommendations", "",
        "Theme 1: Hearing the child", "",
        "R1 The Partnership should ensure that children are seen alone.",
        "R2 Northmere Children's Services should audit direct work.", "",
        "Theme 2: Neglect", "",
        "R3 The Partnership should relaunch the neglect toolkit.",
    ))
    assert links(doc) == [("1", ["1", "2"]), ("2", ["3"])]
    assert [n for n, _ in recs(doc)] == ["R1", "R2", "R3"]
    assert owners(doc)[1] == ("R2", "Northmere Children's Services", "subject")
    assert all(r.section is None for r in doc.report_recs)


def test_markdown_export_with_agency_subheadings_and_tabbed_numbers():
    doc = parse_text(rows(
        "# Domestic Homicide Review: 'Eve'", "", "Wrenford Community Safety Partnership", "",
        "## 6. Lessons to be learned", "",
        "**Lesson 1:** The risk was assessed one incident at a time (Recommendations 1 and 4).", "",
        "**Lesson 2:** Eve's employer was not asked what they knew (Recommendation 5).", "",
        "## 7. Recommendations", "",
        "### Multi-agency recommendations", "",
        ("1.", "The Community Safety Partnership should review how MARAC records repeat victims."),
        ("2.", "The Community Safety Partnership should raise awareness of stalking among employers."), "",
        "### Wrenford Police", "",
        ("3.", "**Recommendation 3**: The force should introduce a stalking screening tool."),
        ("4.", "Supervisors must review every domestic abuse crime before it is closed."), "",
        "### Ashby Vale NHS Trust", "",
        ("5.", "Ensure that emergency department staff ask about domestic abuse in private."), "",
        "## 8. Glossary", "",
        ("DASH", "Domestic Abuse, Stalking and Harassment"),
    ))
    assert [n for n, _ in recs(doc)] == ["1", "2", "3", "4", "5"]
    assert recs(doc)[2] == ("3", "The force should introduce a stalking screening tool.")
    assert owners(doc) == [("1", "The Community Safety Partnership", "subject"),
                           ("2", "The Community Safety Partnership", "subject"),
                           ("3", "Wrenford Police", "heading"), ("4", "Wrenford Police", "heading"),
                           ("5", "Ashby Vale NHS Trust", "heading")]
    assert links(doc) == [("1", ["1", "4"]), ("2", ["5"])]


def test_safeguarding_adults_review_with_findings_and_wrapped_recommendations():
    doc = parse_text(rows(
        "Ashby Vale Safeguarding Adults Board", "Safeguarding Adults Review", "'Mr B'",
        "Contents", "1. Introduction 3", "2. Findings 9", "3. Recommendations 12",
        "Appendix 1: Terms of Reference 14",
        "",
        "1. Introduction",
        "1.1 The Board commissioned this review under section 44 of the Care Act 2014. It was",
        "recommended in 2019 that Mr B be offered a care assessment.", "",
        "2. Findings",
        "Finding 1: Self-neglect was not recognised as a safeguarding concern",
        "Practitioners saw Mr B's refusal of services as a lifestyle choice. (Recommendations",
        "1 and 2)",
        "Finding 2: Mental capacity assessments were not completed",
        "No agency assessed Mr B's capacity. This links to recommendation 3.",
        "Ashby Vale SAR Mr B\tPage 10 of 14",
        "3. Recommendations",
        "The Board is asked to consider the following recommendations:",
        "1. The Board should seek assurance from partners that its self-neglect policy is",
        "understood by front-line staff.",
        "2. Northmere Adult Social Care should audit cases closed as 'lifestyle choice' in",
        "the last year.",
        "3. Ashby Vale ICB and Northmere Adult Social Care should jointly deliver training",
        "on the Mental Capacity Act.",
        "4. Develop a multi-agency hoarding protocol.",
        "Appendix 1: Terms of Reference",
        "1. What did each agency know about Mr B's self-neglect?",
    ))
    assert recs(doc) == [
        ("1", "The Board should seek assurance from partners that its self-neglect policy is understood by "
              "front-line staff."),
        ("2", "Northmere Adult Social Care should audit cases closed as 'lifestyle choice' in the last "
              "year."),
        ("3", "Ashby Vale ICB and Northmere Adult Social Care should jointly deliver training on the Mental "
              "Capacity Act."),
        ("4", "Develop a multi-agency hoarding protocol.")]
    assert [o for _, o, _ in owners(doc)] == ["The Board", "Northmere Adult Social Care",
                                               "Ashby Vale ICB and Northmere Adult Social Care", None]
    assert links(doc) == [("1", ["1", "2"]), ("2", ["3"])]


def test_a_two_column_table_of_unnumbered_recommendations_with_their_agencies():
    doc = parse_text(rows(
        *INTRO,
        "Recommendations", "",
        ("Recommendation", "Agency"),
        ("Review the DVDS process so that requests are answered within 28 days.", "Northmere Constabulary"),
        ("Ensure that housing officers are trained in coercive control.", "Wrenford Borough Council"), "",
        "Glossary",
    ))
    assert recs(doc) == [(None, "Review the DVDS process so that requests are answered within 28 days."),
                         (None, "Ensure that housing officers are trained in coercive control.")]
    assert owners(doc) == [(None, "Northmere Constabulary", "column"),
                           (None, "Wrenford Borough Council", "column")]


def test_learning_and_recommendations_in_one_section():
    doc = parse_text(rows(
        *INTRO,
        "9. Learning and recommendations", "",
        "9.1 Agencies saw each incident alone and not the pattern of abuse (Recommendation 2).",
        "9.2 Northmere Constabulary should review incidents as a history, not one at a time.",
        "9.3 Ada's family knew of the abuse but not where to turn.",
        "9.4 The Partnership should publicise the domestic abuse helpline to families.",
        "To: Northmere Community Safety Partnership", "",
        "10. Appendix",
    ))
    assert [n for n, _ in recs(doc)] == ["9.2", "9.4"]
    assert owners(doc)[1] == ("9.4", "Northmere Community Safety Partnership", "label")
    assert links(doc) == [("9.1", ["2"]), ("9.3", [])]


def test_a_title_written_as_a_plain_paragraph_in_a_structured_document():
    doc = parse_structured([
        ("Analysis", "heading", 1),
        ("Agencies worked in silos.", "paragraph", None),
        ("Recommendations", "paragraph", None),  # bold text, not a heading style
        ("1. Northmere Constabulary should review its DVPN guidance.", "paragraph", None),
        ("2. Ensure that GPs ask about abuse.", "paragraph", None),
        ("Glossary", "paragraph", None),
        ("1. DVPN: Domestic Violence Protection Notice", "paragraph", None),
    ])
    assert [n for n, _ in recs(doc)] == ["1", "2"]


# --- round two: learning in any layout, lettered sub-items, roman links, agency labels ---------------------

def test_learning_items_numbered_from_one_under_a_numbered_heading_in_fixed_width_text():
    # pdftotext -layout: "7. LEARNING POINTS" then "1.    ..." is the first item, not a new section 1
    doc = parse_text(rows(
        "                 Northmere Safeguarding Adults Board",
        "                    Safeguarding Adults Review 'Bea'", "",
        "ABBREVIATIONS", "",
        "NCC       Northmere County Council", "",
        "7. LEARNING POINTS", "",
        "1.    Agencies held information about the risk from the son that was",
        "      not shared, and no single agency had the full picture. Recommendations",
        "      R1 and R2 apply.", "",
        "2.    Policies on carers' assessments were not followed. Recommendation R3 applies.", "",
        "8. RECOMMENDATIONS", "",
        "R1    Wrenford Borough Council should review its carers' assessment policy.",
        "R2    Northmere Constabulary should share incident reports with adult social care.",
        "R3    Ensure that every carer is offered an assessment.",
    ))
    assert links(doc) == [("1", ["1", "2"]), ("2", ["3"])]
    assert doc.learning[0].text.startswith("Agencies held information about the risk")
    assert [n for n, _ in recs(doc)] == ["R1", "R2", "R3"]


def test_learning_sub_headings_without_blank_lines_and_wrapped_text():
    doc = parse_text(rows(
        *INTRO,
        "Key learning",
        "Professional curiosity",
        "Practitioners accepted explanations at face value and did not ask",
        "about the relationship. Recommendation 1 applies.",
        "Information sharing",
        "Records held by Ashby Vale Hospital were not shared with the GP.",
        "Recommendations 2 and 3 apply.",
        "Recommendations",
        "1. Northmere Constabulary should review its policy on repeat callers.",
        "2. Wrenford Borough Council should audit its housing assessments.",
        "3. The Partnership should publish a guide for families.",
    ))
    assert links(doc) == [("1", ["1"]), ("2", ["2", "3"])]
    assert doc.learning[0].text.startswith("Practitioners accepted explanations at face value and did not "
                                           "ask about the relationship.")


def test_a_learning_section_of_plain_paragraphs_with_an_introduction():
    doc = parse_text(rows(
        *INTRO,
        "LESSONS LEARNED", "",
        "The review identified the following learning:", "",
        "Practitioners accepted explanations at face value and did not ask",
        "about the relationship between Ada and her son. Recommendation 1 applies.", "",
        "Records held by the hospital were not shared with the GP, so the GP did",
        "not know of the injuries. Recommendations 2 and 3 apply.", "",
        "Ada's family knew of the abuse but did not know where to go for help.", "",
        "RECOMMENDATIONS", "",
        "1. Northmere Constabulary should review its policy on repeat callers.",
        "2. Wrenford Borough Council should audit its housing assessments.",
        "3. The Partnership should publish a guide for families.",
    ))
    assert links(doc) == [("1", ["1"]), ("2", ["2", "3"]), ("3", [])]
    assert [i.text[:30] for i in doc.learning] == ["Practitioners accepted explana",
                                                   "Records held by the hospital w",
                                                   "Ada's family knew of the abuse"]
    assert any(u.text.startswith("The review identified") for u in doc.unplaced)


def test_two_learning_sections_lettered_findings_then_bulleted_learning_points():
    doc = parse_text(rows(
        *INTRO,
        "Findings", "",
        "(a) Practitioners accepted explanations at face value and did not ask",
        "about the relationship (Recommendation 1).", "",
        "(b) Records held by the hospital were not shared with the GP",
        "(Recommendations 2 and 3).", "",
        "Learning points", "",
        "• Ada's family knew of the abuse but did not know where to go.",
        "• Nobody asked Ada's employer what they knew.", "",
        "Recommendations", "",
        "1. Northmere Constabulary should review its policy on repeat callers.",
        "2. Wrenford Borough Council should audit its housing assessments.",
        "3. The Partnership should publish a guide for families.",
    ))
    assert links(doc) == [("a", ["1"]), ("b", ["2", "3"]), ("1", []), ("2", [])]
    assert doc.learning[3].text == "Nobody asked Ada's employer what they knew."


def test_html_accordion_of_learning_with_button_titles():
    from reviewgraph.ingest.readers.html import html_lines

    page = """<html><body><main><h1>Ashby Vale Safeguarding Adults Board: SAR 'Cal'</h1>
    <h2>What we learned</h2>
    <div class="accordion">
      <h3><button aria-expanded="false">Transition to adulthood</button></h3>
      <div><p>Planning for adulthood began too late for Cal. Recommendation 1 applies.</p></div>
      <h3><button aria-expanded="false">Exploitation</button></h3>
      <div><p>Cuckooing of adults was not recognised by the police.</p></div>
      <button class="accordion__toggle" aria-controls="p3">Repeated concerns</button>
      <div id="p3"><p>Each concern was triaged on its own facts.</p></div>
    </div>
    <h2>Recommendations</h2>
    <ol><li>Wrenford Borough Council should start transition planning at 16.</li></ol>
    <div class="feedback"><p>Was this page helpful?</p><button>Yes</button><button>No</button></div>
    </main></body></html>"""
    lines, _ = html_lines(page)
    doc = parse_lines(lines, file_name="cal.html", sha256=hashlib.sha256(page.encode()).hexdigest(),
                      reader="html")
    assert [i.text for i in doc.learning] == [
        "Planning for adulthood began too late for Cal. Recommendation 1 applies.",
        "Cuckooing of adults was not recognised by the police.", "Each concern was triaged on its own facts."]
    assert links(doc)[0] == ("1", ["1"])
    assert not any(t in ("Yes", "No") for ln in lines for t in ln.cells)


def test_lettered_sub_items_under_roman_items_a_closing_paragraph_and_roman_links():
    doc = parse_text(rows(
        *INTRO,
        "7. Lessons learned", "",
        "Lesson 1 – Adult family violence is domestic abuse", "",
        "Learning: abuse of a parent by an adult child is domestic abuse.",
        "Recommendations i, ii and iv apply.", "",
        "Lesson 2 – Economic abuse", "",
        "Learning: debt can be the visible sign of economic abuse. Recommendations ii to iv apply.", "",
        "8. Recommendations", "",
        "8.1 The panel makes four recommendations, numbered with roman numerals.", "",
        "i.   That the Partnership commissions training on adult family violence.", "",
        "Northmere Constabulary", "",
        "ii.  Improve the recording of incidents of adult family violence by:",
        "     (a) ensuring that incidents between relatives are flagged as domestic",
        "         abuse;",
        "     (b) reminding officers to complete the DASH checklist with the victim",
        "         alone; and",
        "     (c) auditing DASH risk assessments every six months.", "",
        "iii. Review the handling of repeat calls.", "",
        "iv.  That the Home Office includes adult family violence in its guidance.", "",
        "8.2 The Community Safety Partnership will publish the action plan with this report and will",
        "receive a progress report every six months.", "",
        "Appendix: Glossary",
    ))
    assert [n for n, _ in recs(doc)] == ["i", "ii", "iii", "iv"]
    assert recs(doc)[1][1].startswith("Improve the recording of incidents of adult family violence by: (a) "
                                      "ensuring")
    assert recs(doc)[1][1].endswith("(c) auditing DASH risk assessments every six months.")
    assert links(doc) == [("1", ["i", "ii", "iv"]), ("2", ["ii", "iii", "iv"])]
    assert doc.learning[0].text.startswith("abuse of a parent by an adult child")  # after "Learning:"
    assert any(u.text.startswith("8.2 The Community Safety Partnership") for u in doc.unplaced)


def test_single_agency_recommendations_written_agency_dash_text_and_agency_colon_text():
    doc = parse_text(rows(
        *INTRO,
        "3. Recommendations", "",
        "Recommendation 1 (Northmere Safeguarding Adults Board): Develop a joint protocol for carers.", "",
        "Single-agency recommendations", "",
        "Ashby Vale Hospitals NHS Foundation Trust — Ensure that a safeguarding referral recommended by a",
        "ward is sent before the patient is discharged.", "",
        "Northmere Constabulary — Treat repeated reports of bruising on an older person as a pattern.", "",
        "Wrenford Home Care Ltd: Remind care workers that unexplained bruising is a safeguarding", "concern.",
        "",
        "4. Conclusion", "",
        "The panel concludes that the death was not predictable.",
    ))
    assert recs(doc) == [
        ("1", "Develop a joint protocol for carers."),
        (None, "Ensure that a safeguarding referral recommended by a ward is sent before the patient is "
               "discharged."),
        (None, "Treat repeated reports of bruising on an older person as a pattern."),
        (None, "Remind care workers that unexplained bruising is a safeguarding concern.")]
    assert [o for _, o, _ in owners(doc)] == ["Northmere Safeguarding Adults Board",
                                              "Ashby Vale Hospitals NHS Foundation Trust",
                                              "Northmere Constabulary", "Wrenford Home Care Ltd"]
    assert [r.level for r in doc.report_recs][1:] == ["single_agency"] * 3


def test_an_introduction_announcing_the_recommendations_is_narrative():
    doc = parse_structured([
        ("Recommendations", "heading", 1),
        ("The Board has accepted the following recommendations and has asked each organisation to report "
         "back within six months.", "paragraph", None),
        ("That the Board seeks assurance that discharge is planned with the hostel.", "paragraph", None),
        ("Ensure that a safe storage plan for medication is agreed before discharge.", "paragraph", None),
        ("What happens next", "heading", 1),
    ])
    assert [t[:20] for _, t in recs(doc)] == ["That the Board seeks", "Ensure that a safe s"]


def test_a_lead_agency_line_says_the_owner_more_surely_than_a_title():
    doc = parse_structured([
        ("Recommendations", "heading", 2),
        ("Recommendation 5: Housing enforcement and safeguarding", "heading", 3),
        ("Before serving a notice on a tenant with a known disability, the housing officer should check "
         "whether the tenant has an allocated worker.", "paragraph", None),
        ("Lead agency: Wrenford and District Housing Trust", "paragraph", None),
    ])
    assert owners(doc) == [("5", "Wrenford and District Housing Trust", "label")]
    assert recs(doc)[0][1].startswith("Housing enforcement and safeguarding Before serving")


def test_a_department_written_after_its_council_is_the_owner_whole():
    doc = parse_text(rows(
        *INTRO,
        "Recommendations", "",
        "1. Wrenford Borough Council - Public Health: Deliver training to health visitors on coercion.",
        "2. Wrenford Borough Council - Housing Services should review its allocation policy.",
        "3. That Ashby Vale County Council - Adult Social Care audits its section 42 enquiries.",
        "4. Northmere Constabulary — Treat repeated reports of bruising as a pattern.",
    ))
    assert owners(doc) == [("1", "Wrenford Borough Council - Public Health", "label"),
                           ("2", "Wrenford Borough Council - Housing Services", "subject"),
                           ("3", "Ashby Vale County Council - Adult Social Care", "subject"),
                           ("4", "Northmere Constabulary", "label")]
    assert recs(doc)[0] == ("1", "Deliver training to health visitors on coercion.")


def test_agency_initials_as_sub_headings():
    doc = parse_text(rows(
        *INTRO,
        "Abbreviations", "",
        "NP\tNorthmere Police",
        "WBC\tWrenford Borough Council", "",
        "6. Recommendations", "",
        "NP", "",
        "(a) Review the handling of repeat calls.", "",
        "WBC", "",
        "(b) Audit the housing assessments of victims.", "",
    ))
    assert owners(doc) == [("a", "NP", "heading"), ("b", "WBC", "heading")]


def test_links_wrapped_onto_the_next_line_and_letter_links_are_no_title():
    doc = parse_text(rows(
        *INTRO,
        "Lessons learned", "",
        "1. Practitioners lacked confidence in risk to older victims. (Recommendations a and",
        "2)",
        "2. Nobody asked the children. Linked recommendations: b, c",
        "3. The risk was assessed one incident at a time. Linked recommendations: a,",
        "c", "",
        "Recommendations", "",
        "(a) Northmere Constabulary should train officers.",
        "(b) Wrenford Borough Council should audit assessments.",
        "(c) The Partnership should publish a guide.",
    ))
    assert [n for n, _ in links(doc)] == ["1", "2", "3"]
    assert links(doc)[1:] == [("2", ["b", "c"]), ("3", ["a", "c"])]
    assert [n for n, _ in recs(doc)] == ["a", "b", "c"]


def test_a_wrapped_sentence_tail_repeated_is_text_and_a_heading_at_a_page_foot_is_no_footer():
    doc = parse_text(rows(
        "Northmere Safeguarding Adults Board", "Safeguarding Adults Review 'Bea'", "",
        "Recommendations", "",
        "Update the carers' policy within six months of the publication of this",
        "review.", "",
        "Review the guidance on hoarding within six months of the publication of this",
        "review.", "",
        "Northmere Safeguarding Adults Board", "",
        "Page 1 of 3", "\fOFFICIAL", "",
        "Audit the referrals closed without contact within six months of the publication of this",
        "review.", "",
        "Page 2 of 3", "\fOFFICIAL", "",
        "Ensure that carers are offered an assessment.", "",
        "Page 3 of 3",
    ))
    assert [t for _, t in recs(doc)][:3] == [
        "Update the carers' policy within six months of the publication of this review.",
        "Review the guidance on hoarding within six months of the publication of this review.",
        "Audit the referrals closed without contact within six months of the publication of this review."]
    assert [r.section for r in doc.report_recs][2:] == ["Northmere Safeguarding Adults Board"] * 2


def test_unnumbered_items_with_their_leads_after_them_in_a_web_page():
    from reviewgraph.ingest.readers.html import html_lines

    page = """<html><body><main><h1>Wrenford Safeguarding Adults Board: SAR 'Dot'</h1>
    <h2>Recommendations</h2>
    <ul>
    <li>Review the hoarding protocol so that fire risk is assessed at the first visit.</li>
    <li>Lead agency: Wrenford Fire and Rescue Service</li>
    <li>Audit the referrals closed without contact with the adult. (Lead: Northmere Adult Social Care)</li>
    <li>Provide training on self-neglect to housing officers.<br>Lead agency: Wrenford Borough Council</li>
    </ul>
    <p>Ensure that GPs record carers on the patient record.</p>
    <p>Lead agency: NHS Ashby Vale ICB</p>
    <h2>Glossary</h2>
    </main></body></html>"""
    lines, _ = html_lines(page)
    doc = parse_lines(lines, file_name="dot.html", sha256=hashlib.sha256(page.encode()).hexdigest(),
                      reader="html")
    assert recs(doc) == [(None, "Review the hoarding protocol so that fire risk is assessed at the first "
                                "visit."),
                         (None, "Audit the referrals closed without contact with the adult."),
                         (None, "Provide training on self-neglect to housing officers."),
                         (None, "Ensure that GPs record carers on the patient record.")]
    assert [o for _, o, _ in owners(doc)] == ["Wrenford Fire and Rescue Service",
                                              "Northmere Adult Social Care", "Wrenford Borough Council",
                                              "NHS Ashby Vale ICB"]


def test_the_bullets_of_a_list_of_recommendations_are_all_recommendations():
    doc = parse_text(rows(
        *INTRO,
        "Recommendations", "",
        "• Northmere Adult Social Care should review the hoarding protocol.",
        "• A multi-agency audit of self-neglect cases is carried out by the Board.",
        "• Ensure that GPs record carers on the patient record.",
        "• These recommendations will be monitored by the Board.", "",
        "Glossary",
    ))
    assert [t[:12] for _, t in recs(doc)] == ["Northmere Ad", "A multi-agen", "Ensure that "]


def test_learning_numbers_without_stops_and_roman_learning_items():
    doc = parse_text(rows(
        "                 Northmere Community Safety Partnership", "",
        "5     KEY FINDINGS", "",
        "1     Agencies did not share information about the risk posed by the",
        "      perpetrator. Recommendations 1 and 2 apply.", "",
        "2     The victim's family were not asked what they knew. Recommendation",
        "      3 applies.", "",
        "6     LESSONS TO BE LEARNED", "",
        "i.    Nobody asked Ada's employer what they knew.",
        "ii.   The GP did not know of the MARAC referral (Recommendation 2).", "",
        "7     RECOMMENDATIONS", "",
        "1     Northmere Constabulary should review its policy on repeat callers.", "",
        "2     Wrenford Borough Council should audit its housing assessments.", "",
        "3     The Partnership should publish a guide for families.",
    ))
    assert links(doc) == [("1", ["1", "2"]), ("2", ["3"]), ("i", []), ("ii", ["2"])]
    assert doc.learning[0].text.startswith("Agencies did not share")
    assert [n for n, _ in recs(doc)] == ["1", "2", "3"]


def test_agencies_in_a_column_of_their_own_and_agency_fields_above_their_items():
    doc = parse_text(rows(
        *INTRO,
        "8. RECOMMENDATIONS", "",
        "Single agency recommendations", "",
        "Northmere Constabulary      Review the DVDS process so that requests are",
        "                            answered within 28 days.", "",
        "Ashby Vale ICB              GP practices should ask about domestic abuse",
        "                            at every medication review.", "",
        "Agency: Wrenford Borough Council",
        "Recommendation: Ensure that housing officers are trained in coercive control.", "",
        "Agency: Wrenford Police",
        "Recommendation: The force should audit its DVPN applications.", "",
        "9. CONCLUSIONS",
    ))
    assert recs(doc) == [
        (None, "Review the DVDS process so that requests are answered within 28 days."),
        (None, "GP practices should ask about domestic abuse at every medication review."),
        (None, "Ensure that housing officers are trained in coercive control."),
        (None, "The force should audit its DVPN applications.")]
    assert [o for _, o, _ in owners(doc)] == ["Northmere Constabulary", "Ashby Vale ICB",
                                              "Wrenford Borough Council", "Wrenford Police"]


def test_learning_under_labels_of_the_reports_own_words_and_owners_in_brackets_or_for_phrases():
    doc = parse_text(rows(
        "Wrenford Safeguarding Children Partnership", "Child Safeguarding Practice Review 'Finn'", "",
        "5. Key practice learning", "",
        "Practice issue 1: Fathers were invisible to agencies (Recommendation 6.1).",
        "Practice issue 2: Neglect was not recognised over time (Recommendations 6.2 and 6.3).", "",
        "6. Recommendations", "",
        "6.1 Recommendation for Wrenford Children's Services: review the pre-birth assessment.",
        "6.2 Train health visitors to ask about fathers (Ashby Vale Community Health Services).",
        "6.3 The Partnership should relaunch its toolkit (Wrenford Safeguarding Children Partnership).",
        "6.4 Refer families to the National Probation Service (NPS).",
    ))
    assert links(doc) == [("1", ["6.1"]), ("2", ["6.2", "6.3"])]
    assert doc.learning[0].text == "Fathers were invisible to agencies (Recommendation 6.1)."
    assert owners(doc) == [("6.1", "Wrenford Children's Services", "label"),
                           ("6.2", "Ashby Vale Community Health Services", "label"),
                           ("6.3", "The Partnership", "subject"), ("6.4", None, None)]
    assert recs(doc)[:2] == [("6.1", "review the pre-birth assessment."),
                             ("6.2", "Train health visitors to ask about fathers.")]


def test_a_sentence_broken_by_a_page_break_goes_on_and_links_broken_after_their_word():
    doc = parse_text(rows(
        "Northmere Safeguarding Adults Board", "Safeguarding Adults Review 'Bea'", "",
        "Learning points", "",
        "1. Carers were not asked about their own safety. Linked recommendations:",
        "2", "",
        "2. Nobody saw the pattern (see Recommendation",
        "3.)", "",
        "Recommendations", "",
        "Recommendation 1: Ensure that hospital discharge is planned with the hostel and reported to the",
        "Safeguarding Adults Board.", "",
        "Recommendation 2: Provide written assurance to the Safeguarding Adults", "",
        "Page 1 of 2", "\fOFFICIAL", "",
        "Board that carers are offered an assessment and report progress to the",
        "Safeguarding Adults Board.", "",
        "Recommendation 3: Audit the referrals closed without contact and report to the",
        "Safeguarding Adults Board.", "",
        "Page 2 of 2",
    ))
    assert links(doc) == [("1", ["2"]), ("2", ["3"])]
    assert recs(doc)[1] == ("2", "Provide written assurance to the Safeguarding Adults Board that carers are "
                                 "offered an assessment and report progress to the Safeguarding Adults "
                                 "Board.")
    assert [n for n, _ in recs(doc)] == ["1", "2", "3"]


def test_a_first_line_that_breaks_off_inside_a_department_name_is_no_title():
    doc = parse_text(rows(
        *INTRO,
        "6. Recommendations", "",
        "6.1   Wrenford Borough Council - Adult",
        "      Social Care should review its carers' assessments.", "",
        "6.2   Information sharing",
        "      Northmere Constabulary should share incident reports with GPs.", "",
    ))
    assert owners(doc) == [("6.1", "Wrenford Borough Council - Adult Social Care", "subject"),
                           ("6.2", "Northmere Constabulary", "subject")]


def test_learning_titled_in_plain_words_and_a_table_of_agencies_and_their_recommendations():
    doc = parse_text(rows(
        "Ashby Vale Safeguarding Adults Board", "Safeguarding Adults Review: 'Dot'", "",
        "What the review learned", "",
        "Hoarding and fire risk", "",
        "The fire service was not told of the hoarding. Recommendation 2 applies.", "",
        "Carers' own needs", "",
        "Dot's son was never offered a carer's assessment (Recommendation 3).", "",
        "Recommendations", "",
        "1. Review the hoarding protocol so that fire risk is assessed at the first visit.",
        "2. Ensure that every referral about hoarding is shared with the fire service.",
        "3. Offer a carer's assessment to every family carer of an adult who self-neglects.", "",
        "Single agency recommendations", "",
        ("Northmere Constabulary", "Treat repeated welfare calls to one address as a pattern."),
        ("Wrenford Housing", "Record hoarding on the tenancy file and review it every six months."), "",
        "Glossary",
    ))
    assert links(doc) == [("1", ["2"]), ("2", ["3"])]
    assert recs(doc)[3:] == [(None, "Treat repeated welfare calls to one address as a pattern."),
                             (None, "Record hoarding on the tenancy file and review it every six months.")]
    assert [o for _, o, _ in owners(doc)][3:] == ["Northmere Constabulary", "Wrenford Housing"]


def test_lettered_sub_items_under_an_unnumbered_recommendation_and_after_the_panel_recommends_that():
    doc = parse_text(rows(
        "Northmere Safeguarding Adults Board", "Safeguarding Adults Review 'Bea'", "",
        "Recommendations", "",
        "The Board should seek assurance from partner agencies that:",
        "(a) self-neglect is recognised at the first contact;",
        "(b) mental capacity is assessed for each decision; and",
        "(c) hoarding is reported to the fire service.", "",
        "Ensure that carers are offered an assessment.", "",
        "The panel recommends that:",
        "(a) Northmere Constabulary reviews its welfare call policy;",
        "(b) Wrenford Borough Council audits its housing assessments.", "",
        "Glossary",
    ))
    assert recs(doc) == [
        (None, "The Board should seek assurance from partner agencies that: (a) self-neglect is recognised at "
               "the first contact; (b) mental capacity is assessed for each decision; and (c) hoarding is "
               "reported to the fire service."),
        (None, "Ensure that carers are offered an assessment."),
        ("a", "Northmere Constabulary reviews its welfare call policy;"),
        ("b", "Wrenford Borough Council audits its housing assessments.")]


def test_a_closing_paragraph_after_the_numbered_list_is_narrative():
    doc = parse_text(rows(
        *INTRO,
        "6. Recommendations", "",
        "1. Northmere Constabulary should review its policy on repeat callers.", "",
        "2. Wrenford Borough Council should audit its housing assessments.", "",
        "The Community Safety Partnership will publish the action plan with this report and will",
        "receive a progress report every six months.", "",
        "7. Glossary",
    ))
    assert recs(doc) == [("1", "Northmere Constabulary should review its policy on repeat callers."),
                         ("2", "Wrenford Borough Council should audit its housing assessments.")]
    assert any(u.text.startswith("The Community Safety Partnership will publish") for u in doc.unplaced)
