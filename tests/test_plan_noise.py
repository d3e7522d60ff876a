"""Each kind of noise real action plans carry, on small synthetic plans (invented areas and agencies)."""

from tests.parsing import parse_text, plan_recs, rows

HEADER = ("No", "Recommendation", "Scope", "Action to take", "Lead Officer", "Start Date", "Target Date",
          "Progress")


def test_clean_table_gives_one_recommendation_per_row_with_its_fields():
    doc = parse_text(rows(
        "Kestrel Vale DHR-12 Action Plan",
        HEADER,
        ("1.", "That the partnership reviews MARAC referrals.", "Local", "Audit referrals", "Northmere Police",
         "Jan 2021", "April 2021", "Complete"),
        ("2.", "That the council trains housing staff.", "Local", "Deliver training", "Kestrel Vale Council",
         "Feb 2021", "June 2021", "On going"),
    ))
    recs = plan_recs(doc)
    assert [r.number for r in recs] == ["1", "2"]
    assert recs[0].text == "That the partnership reviews MARAC referrals."
    assert recs[0].scope_raw == "Local"
    a = recs[1].actions[0]
    assert (a.text, a.lead, a.start_raw, a.target_raw, a.progress) == (
        "Deliver training", "Kestrel Vale Council", "Feb 2021", "June 2021", "On going")
    assert doc.hints.number == "DHR-12" and doc.hints.area == "Kestrel Vale"
    assert not doc.unplaced


def test_row_split_over_lines_and_page_break_is_rejoined():
    doc = parse_text(rows(
        HEADER,
        ("1.", "That the partnership seeks assurance that staff", "Local", "Write to agencies", "Ann Smith",
         "Jan 2021", "March 2021", ""),
        "",
        "Official Sensitive",
        "",
        ("", "understand coercive control.", "", "and collect replies", "", "", "", "Ongoing"),
        ("2.", "That the police review bail checks.", "Local", "Review", "Northmere Police", "Jan 2021",
         "May 2021", ""),
        "Official Sensitive",
        ("3.", "That the CCG shares learning.", "Local", "Circulate", "Northmere CCG", "Jan 2021", "May 2021", ""),
        "Official Sensitive",
    ))
    recs = plan_recs(doc)
    assert [r.number for r in recs] == ["1", "2", "3"]
    assert recs[0].text == "That the partnership seeks assurance that staff understand coercive control."
    assert recs[0].actions[0].text == "Write to agencies and collect replies"
    assert recs[0].actions[0].progress == "Ongoing"
    skipped = {s.line: s.reason for s in doc.skipped}
    assert len(skipped) == 3 and all("header or footer" in r for r in skipped.values())


def test_agency_sections_and_heading_glued_to_first_cell():
    doc = parse_text(rows(
        HEADER,
        ("", "Northmere Police", "", "", "", "", "", ""),
        ("1.", "The force reviews its disclosure process.", "Local", "Review", "DI Smith", "Jan 2020",
         "Jan 2021", ""),
        ("2.", "Supervisors check closures.", "Local", "Audit", "DI Smith", "Jan 2020", "Jan 2021", ""),
        ("1.", "National Probation Service The process for home visits is reissued.", "Local", "Brief staff",
         "NPS", "Jan 2020", "Jan 2021", ""),
    ))
    recs = plan_recs(doc)
    assert [(r.number, r.section) for r in recs] == [
        ("1", "Northmere Police"), ("2", "Northmere Police"), ("1", "National Probation Service")]
    assert recs[2].text == "The process for home visits is reissued."


def test_lost_numbers_are_inferred_and_marked():
    header = ("Recommendation", "Action", "Evidence", "Target date", "Progress")
    doc = parse_text(rows(
        header,
        ("1. The board writes a domestic abuse procedure for all agencies.", "Draft procedure", "Procedure",
         "March 2015", "Drafted"),
        ("The board runs a public awareness campaign about stereotypes.", "Plan campaign", "Materials",
         "May 2015", "Started"),
        ("3. The board agrees an information sharing protocol for reviews.", "Draft protocol", "Protocol",
         "June 2015", "COMPLETE"),
    ))
    recs = plan_recs(doc)
    assert [(r.number, r.number_inferred) for r in recs] == [("1", False), ("2", True), ("3", False)]
    assert any("inferred as 2" in w for w in doc.warnings)


def test_html_cells_and_markdown_rules_are_cleaned():
    doc = parse_text(rows(
        HEADER,
        ("<p>1.</p>", "<p>That agencies <i>record</i> risk&nbsp;assessments.</p>", "Local",
         "<ul><li>Update policy</li><li>Brief staff</li></ul>", "Northmere Police", "Jan 2021", "Jan 2022", ""),
        ("--", "---", "--", "---", "--", "--", "--", "--"),
        ("2.", "That GPs flag MARAC cases.", "Local", "Flag records", "Northmere CCG", "Jan 2021", "Jan 2022", ""),
    ))
    recs = plan_recs(doc)
    assert recs[0].text == "That agencies record risk assessments."
    assert recs[0].actions[0].text == "Update policy Brief staff"
    assert [s.reason for s in doc.skipped] == ["table rule"]
    assert len(recs) == 2


def test_columns_in_another_order_or_missing():
    header = ("Lead agency", "Target", "Recommendation", "Ref", "Action")
    doc = parse_text(rows(
        header,
        ("Northmere Police", "June 2022", "That the force reviews its call handling.", "R1", "Review call scripts"),
        ("Kestrel Vale Council", "July 2022", "That housing staff ask about abuse.", "R2", "Train staff"),
    ))
    recs = plan_recs(doc)
    assert [r.number for r in recs] == ["R1", "R2"]  # as written
    assert recs[1].actions[0].lead == "Kestrel Vale Council"
    assert recs[1].actions[0].target_raw == "July 2022"
    assert recs[1].text == "That housing staff ask about abuse."


def test_cells_shifted_left_by_lost_empty_cells_are_realigned():
    doc = parse_text(rows(
        ("No", "Recommendation", "Scope", "Action to take", "Lead", "Start Date", "Target Date"),
        ("1.", "That probation improves supervision of perpetrators.", "Local", "Development day", "NPS",
         "Sept 2019", "Oct 2019"),
        # the empty number, recommendation and scope cells were lost in extraction
        ("Meetings held with MARAC to agree better ways of working", "NPS", "Jan 2020", "April 2021"),
    ))
    rec = plan_recs(doc)[0]
    assert len(rec.actions) == 2
    second = rec.actions[1]
    assert second.text.startswith("Meetings held")
    assert (second.lead, second.start_raw, second.target_raw) == ("NPS", "Jan 2020", "April 2021")
    assert rec.text == "That probation improves supervision of perpetrators."


def test_multi_agency_rows_give_one_action_per_agency():
    header = ("Recommendation", "Action", "Evidence", "Target date", "Progress")
    doc = parse_text(rows(
        header,
        ("1. All agencies review their procedures for sharing correspondence.", "POLICE: Review timescales",
         "Timescales reviewed", "May 2014", "COMPLETE"),
        ("", "HEALTH TRUST: Redesign admin", "SOP audited", "June 2014", "In progress"),
        ("", "COUNCIL: Write a protocol", "Protocol", "TBC", ""),
    ))
    acts = plan_recs(doc)[0].actions
    assert [a.lead for a in acts] == ["POLICE", "HEALTH TRUST", "COUNCIL"]
    assert acts[2].target_raw == "TBC"


def test_progress_update_as_at_date_is_read():
    header = ("Recommendation", "Action", "Target date", "Progress report")
    doc = parse_text(rows(
        header,
        ("", "", "", "As at 30 June 2015"),
        ("1. The board commissions a review of IDVA capacity.", "Commission review", "April 2015", "COMPLETE"),
    ))
    assert doc.plans[0].as_of_raw == "30 June 2015"
    assert doc.doc_kind == "progress_update"


def test_every_non_blank_line_is_placed_skipped_or_reported():
    text = rows(
        "Northmere DHR-2 action plan",
        HEADER,
        ("1.", "That the partnership reviews MARAC.", "Local", "Audit", "Northmere Police", "Jan 2021",
         "Mar 2021", ""),
        "Some stray sentence the parser cannot place anywhere.",
        "Page 3 of 9",
    )
    doc = parse_text(text)
    non_blank = {i for i, line in enumerate(text.split("\n"), 1) if line.strip()}
    accounted = doc.placed_lines + len(doc.skipped) + len(doc.unplaced)
    assert accounted == len(non_blank)
    assert any(s.reason == "page header or footer" for s in doc.skipped)


def test_ocr_damaged_number_is_inferred_from_the_sequence():
    doc = parse_text(rows(
        HEADER,
        ("16.", "That the police review bail checks.", "Local", "Review", "Northmere Police", "Jan 2021",
         "May 2021", ""),
        ("l7.", "That the council trains housing staff.", "Local", "Train", "Northmere Council", "Feb 2021",
         "June 2021", ""),
        ("18.", "That GPs flag MARAC cases.", "Local", "Flag", "Northmere CCG", "Jan 2021", "Jan 2022", ""),
    ))
    recs = plan_recs(doc)
    assert [(r.number, r.number_inferred) for r in recs] == [("16", False), ("17", True), ("18", False)]
    assert recs[1].text == "That the council trains housing staff."


def test_protective_markings_are_page_furniture_even_once():
    doc = parse_text(rows(
        HEADER,
        ("1.", "That the police review bail checks.", "Local", "Review", "Northmere Police", "Jan 2021",
         "May 2021", ""),
        "Northmere Community Safety Partnership - DHR action plan - Not for onward distribution",
        "OFFICIAL",
        ("2.", "That GPs flag MARAC cases.", "Local", "Flag", "Northmere CCG", "Jan 2021", "Jan 2022", ""),
    ))
    recs = plan_recs(doc)
    assert [r.section for r in recs] == [None, None]
    assert [s.reason for s in doc.skipped] == ["page header or footer"] * 2
