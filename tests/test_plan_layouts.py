"""Action-plan tables in layouts the parser was not written against, read by general rules (issue 14):
column roles from header words and from what the cells under them hold, owners from the right column,
tables with no numbers, continuation rows, status keys, rows a reader read from a real table.

Small synthetic tables with invented areas and agencies ("Northmere Constabulary", "Wrenford Borough
Council").
"""

from __future__ import annotations

import hashlib
import time
import tracemalloc

from reviewgraph.ingest.columns import MAX_COLUMNS, cell_kind, detect_header, organisation_in, resolve_roles, role_of
from reviewgraph.ingest.parse import parse_lines
from reviewgraph.records.parsed import Line, ParsedDocument
from tests.parsing import parse_text, plan_recs, rows

POLICE = "Northmere Constabulary"
COUNCIL = "Wrenford Borough Council"
ICB = "Northmere Integrated Care Board"


def parse_cells(lines: list[Line]) -> ParsedDocument:
    """Parse Lines as a reader that knows its tables (roles, sheets) would give them."""
    sha = hashlib.sha256(repr([ln.cells for ln in lines]).encode()).hexdigest()
    return parse_lines(lines, file_name="layout.xlsx", sha256=sha)


def accounted(doc: ParsedDocument, text: str) -> None:
    non_blank = sum(1 for line in text.splitlines() if line.strip())
    assert doc.placed_lines + len(doc.skipped) + len(doc.unplaced) == non_blank


# -- header words --------------------------------------------------------------------------------------------

def test_header_synonyms_real_plans_use():
    assert {h: role_of(h) for h in ("Ref", "Rec no", "What we will do", "How", "Who", "Lead", "Lead agency",
                                    "Responsible agency", "Owner", "Lead officer", "Named lead",
                                    "Supporting agencies", "Partner agencies", "By when", "Timescale", "Due",
                                    "RAG", "BRAG", "Status", "Evidence of completion", "Update",
                                    "Progress to date", "Recommendation from report",
                                    "Learning/Finding")} == {
        "Ref": "number", "Rec no": "number", "What we will do": "action", "How": "action", "Who": "lead",
        "Lead": "lead", "Lead agency": "lead", "Responsible agency": "lead", "Owner": "lead",
        "Lead officer": "lead_person", "Named lead": "lead_person", "Supporting agencies": "support",
        "Partner agencies": "support", "By when": "target", "Timescale": "target", "Due": "target",
        "RAG": "status", "BRAG": "status", "Status": "status", "Evidence of completion": "outcome",
        "Update": "progress", "Progress to date": "progress", "Recommendation from report": "recommendation",
        "Learning/Finding": "finding"}


def test_what_cells_hold():
    assert [cell_kind(c) for c in ("R3", "DHR07-R3", "3.1", "31/03/2025", "Q3 2025", "Amber", "Complete",
                                   POLICE, "NPS", "Police, Housing and ICB", "Head of Public Protection",
                                   "Jane Ellis", "Review the referral pathway with all partners",
                                   "Police attended the address and spoke to her")] == [
        "number", "number", "number", "date", "date", "status", "status", "agency", "agency", "agencies",
        "person", "person", "directive", "text"]


def test_organisation_named_in_a_lead_cell():
    assert organisation_in(COUNCIL) == COUNCIL
    assert organisation_in("Jane Ellis, Safeguarding Lead, Northmere ICB") == "Northmere ICB"
    assert organisation_in("Sam Reed Head of Service Northmere Constabulary") == POLICE
    assert organisation_in(f"{POLICE} {POLICE}") == POLICE  # two leads of a merged cell run together
    assert organisation_in("Head of Public Protection") is None
    assert organisation_in("DI Smith") is None


# -- headers found whatever their words ----------------------------------------------------------------------

def test_columns_in_any_order():
    doc = parse_text(rows(
        ("Target date", "Lead agency", "Action", "Recommendation", "No"),
        ("March 2025", POLICE, "Audit referrals", "The force reviews its MARAC referrals.", "1"),
        ("June 2025", COUNCIL, "Train housing officers", "Housing staff are trained on coercive control.",
         "2"),
    ))
    recs = plan_recs(doc)
    assert [(r.number, r.text) for r in recs] == [
        ("1", "The force reviews its MARAC referrals."),
        ("2", "Housing staff are trained on coercive control.")]
    assert [(a.text, a.lead, a.target_raw) for r in recs for a in r.actions] == [
        ("Audit referrals", POLICE, "March 2025"), ("Train housing officers", COUNCIL, "June 2025")]
    assert [r.owner_raw for r in recs] == [POLICE, COUNCIL]


def test_unknown_header_words_get_their_role_from_the_cells_under_them():
    header = ("Item", "Detail", "Next steps", "Org", "Deadline", "Position")
    text = rows(
        header,
        ("1", "The partnership should review its MARAC referral pathway.",
         "Audit referrals from all agencies", POLICE, "31/03/2025", "Green"),
        ("2", "Housing staff should be trained to recognise coercive control.",
         "Deliver training to officers", COUNCIL, "30/06/2025", "Amber"),
        ("3", "GP practices should ask routinely about domestic abuse.", "Issue a practice briefing", "ICB",
         "30/09/2025", "Red"),
    )
    doc = parse_text(text)
    plan = doc.plans[0]
    assert plan.columns == ["number", "recommendation", "action", "lead", "target", "status"]
    recs = plan.recs
    assert [r.number for r in recs] == ["1", "2", "3"]
    assert recs[1].actions[0].status_raw == "Amber" and recs[1].actions[0].target_raw == "30/06/2025"
    assert [r.owner_raw for r in recs] == [POLICE, COUNCIL, "ICB"]
    accounted(doc, text)


def test_resolve_roles_two_dates_and_a_person_column():
    roles = resolve_roles(("No", "Recommendation", "From", "To", "Contact"), [
        ("1", "The board reviews its procedures.", "Jan 2025", "Mar 2025", "Jane Ellis"),
        ("2", "The council trains its staff.", "Feb 2025", "Jun 2025", "Head of Housing"),
    ])
    assert roles == ("number", "recommendation", "start", "target", "lead_person")


def test_title_rows_above_the_header():
    text = rows(
        "Northmere DHR 7 Action Plan",
        "Progress as at 30 June 2024",
        "",
        ("Ref", "What we will do", "Who", "By when", "RAG"),
        ("R1", "Review the referral pathway for MARAC with all partners.", POLICE, "March 2025", "Green"),
        ("R2", "Train housing staff on coercive control and professional curiosity.", COUNCIL, "June 2025",
         "Amber"),
    )
    doc = parse_text(text)
    recs = plan_recs(doc)
    assert [r.number for r in recs] == ["R1", "R2"]  # as written
    assert recs[0].text == "Review the referral pathway for MARAC with all partners."  # a plan of actions
    assert recs[1].actions[0].lead == COUNCIL and recs[1].actions[0].status_raw == "Amber"
    assert doc.plans[0].as_of_raw == "30 June 2024"
    assert not any("no action-plan table" in w for w in doc.warnings)
    assert not doc.unplaced
    accounted(doc, text)


def test_references_with_a_prefix_give_their_number():
    doc = parse_text(rows(
        ("Ref", "Recommendation", "Lead agency", "Target date"),
        ("DHR07-R1", "The force reviews its MARAC referrals.", POLICE, "March 2025"),
        ("DHR07-R2", "The council trains housing officers.", COUNCIL, "June 2025"),
    ))
    assert [r.number for r in plan_recs(doc)] == ["DHR07-R1", "DHR07-R2"]  # as written


def test_reader_marked_header_whatever_its_words():
    lines = [
        Line(no=1, cells=("Alpha", "Beta", "Gamma", "Delta"), role="header"),
        Line(no=2, cells=("1", "The partnership should commission awareness sessions for GPs.", POLICE,
                          "31/03/2025"), role="row"),
        Line(no=3, cells=("2", "The council should train housing officers on coercive control.", COUNCIL,
                          "30/06/2025"), role="row"),
    ]
    doc = parse_cells(lines)
    assert doc.plans and doc.plans[0].columns == ["number", "recommendation", "lead", "target"]
    assert [(r.number, r.owner_raw) for r in plan_recs(doc)] == [("1", POLICE), ("2", COUNCIL)]


def test_a_chronology_in_a_report_is_no_action_plan():
    doc = parse_text(rows(
        "Chronology",
        ("Date", "Agency", "Event"),
        ("3 March 2019", POLICE, "Officers attended the address after a call from a neighbour."),
        ("9 April 2019", "GP practice", "She saw her GP and said she was sleeping badly."),
    ))
    assert not doc.plans


# -- tables with no numbers, and rows that continue others ---------------------------------------------------

def test_table_with_no_numbers_each_filled_recommendation_cell_starts_one():
    text = rows(
        ("Recommendation", "Action", "Lead agency", "Target date"),
        ("The partnership should review its MARAC referral pathway.", "Audit referrals from all agencies",
         POLICE, "March 2025"),
        ("", "Report the findings to the board", "Northmere Community Safety Partnership", "June 2025"),
        ("Train housing staff.", "Deliver training to housing officers", COUNCIL, "June 2025"),
        ("GPs ask about abuse.", "Issue a briefing", ICB, "July 2025"),
    )
    doc = parse_text(text)
    recs = plan_recs(doc)
    assert [r.text for r in recs] == ["The partnership should review its MARAC referral pathway.",
                                      "Train housing staff.", "GPs ask about abuse."]
    assert [len(r.actions) for r in recs] == [2, 1, 1]
    assert [r.number for r in recs] == ["1", "2", "3"] and all(r.number_inferred for r in recs)
    assert [w for w in doc.warnings if "number" in w] == [
        "line 2: the table numbers no recommendation; numbered 1 to 3 in order"]
    accounted(doc, text)


def test_a_number_at_the_start_of_the_recommendation_cell_still_counts():
    doc = parse_text(rows(
        ("Recommendation", "Action", "Lead agency", "Target date"),
        ("R1 The force reviews its MARAC referrals.", "Audit referrals", POLICE, "March 2025"),
        ("3. The council trains housing officers.", "Deliver training", COUNCIL, "June 2025"),
    ))
    assert [(r.number, r.text) for r in plan_recs(doc)] == [
        ("R1", "The force reviews its MARAC referrals."), ("3", "The council trains housing officers.")]


def test_rows_of_a_real_table_blank_recommendation_cells_continue_it():
    # a spreadsheet's merged recommendation cell: its value on the first row only, each row an action
    lines = [
        Line(no=1, cells=("Recommendation", "Action", "Lead agency", "Target date"), sheet="Plan"),
        Line(no=2, cells=("The partnership should review its MARAC referral pathway.", "Audit referrals",
                          POLICE), sheet="Plan"),
        Line(no=3, cells=("", "Report to the board"), sheet="Plan"),
        Line(no=4, cells=("", "Publish a seven minute briefing", "", "July 2025"), sheet="Plan"),
        Line(no=5, cells=("Housing staff are trained.", "Deliver training", COUNCIL, "June 2025"),
             sheet="Plan"),
        # a merged cell written out on every row it spans: the same recommendation
        Line(no=6, cells=("Housing staff are trained.", "Audit attendance", COUNCIL, "Sept 2025"),
             sheet="Plan"),
    ]
    recs = plan_recs(parse_cells(lines))
    assert [r.text for r in recs] == ["The partnership should review its MARAC referral pathway.",
                                      "Housing staff are trained."]
    assert [[a.text for a in r.actions] for r in recs] == [
        ["Audit referrals", "Report to the board", "Publish a seven minute briefing"],
        ["Deliver training", "Audit attendance"]]
    assert recs[0].actions[2].target_raw == "July 2025" and recs[0].actions[2].lead is None


def test_rows_a_reader_marked_keep_their_positions():
    # the date sits in the Outcome column: a reader that knows the table is trusted, not re-aligned
    lines = [
        Line(no=1, cells=("No", "Recommendation", "Action", "Outcome", "Target date"), role="header"),
        Line(no=2, cells=("1", "The force reviews its MARAC referrals.", "", "March 2025", ""), role="row"),
    ]
    a = plan_recs(parse_cells(lines))[0].actions[0]
    assert (a.outcome, a.target_raw, a.text) == ("March 2025", None, "")


def test_continued_rows_join_their_recommendation():
    text = rows(
        ("No", "Recommendation", "Action", "Lead agency", "Target date"),
        ("3", "The force reviews its bail checks.", "Review bail process", POLICE, "May 2025"),
        ("4", "The council trains housing officers.", "Deliver training", COUNCIL, "June 2025"),
        "Page 2 of 3",
        ("4 (continued)", "", "Audit attendance at training", COUNCIL, "Sept 2025"),
        ("5", "GPs ask routinely about abuse.", "Issue a briefing", ICB, "July 2025"),
        ("5 cont.", "", "Audit GP records", ICB, "Dec 2025"),
    )
    doc = parse_text(text)
    recs = plan_recs(doc)
    assert [r.number for r in recs] == ["3", "4", "5"]
    assert [[a.text for a in r.actions] for r in recs] == [
        ["Review bail process"], ["Deliver training", "Audit attendance at training"],
        ["Issue a briefing", "Audit GP records"]]
    assert recs[1].span.line_end == 5
    accounted(doc, text)


def test_span_covers_every_source_line_of_a_joined_row():
    lines = [
        Line(no=1, cells=("No", "Recommendation", "Action", "Lead agency"), role="header"),
        Line(no=2, cells=("1", "The force reviews its MARAC referrals.", "Audit", POLICE), role="row",
             no_end=5),
        Line(no=6, cells=("2", "The council trains housing officers.", "Train", COUNCIL), role="row",
             no_end=7),
    ]
    recs = plan_recs(parse_cells(lines))
    assert [(r.span.line_start, r.span.line_end) for r in recs] == [(2, 5), (6, 7)]
    assert recs[0].actions[0].span.line_end == 5


# -- who owns it ---------------------------------------------------------------------------------------------

def test_lead_agency_is_the_owner_not_the_lead_officer_or_the_supporting_agencies():
    doc = parse_text(rows(
        ("No", "Recommendation", "Action", "Lead officer", "Supporting agencies", "Lead agency",
         "Target date"),
        ("1", "The force reviews its MARAC referrals.", "Audit referrals", "DI Jane Ellis",
         f"{COUNCIL}, {ICB}", POLICE, "March 2025"),
        ("2", "Housing officers are trained.", "Deliver training", "Head of Housing", POLICE, COUNCIL,
         "June 2025"),
    ))
    recs = plan_recs(doc)
    assert doc.plans[0].columns[3:6] == ["lead_person", "support", "lead"]
    assert [(r.owner_raw, r.owner_how) for r in recs] == [(POLICE, "column"), (COUNCIL, "column")]
    assert [(a.lead, a.support) for r in recs for a in r.actions] == [
        (POLICE, f"{COUNCIL}, {ICB}"), (COUNCIL, POLICE)]


def test_supporting_agencies_alone_are_never_the_owner():
    doc = parse_text(rows(
        "Kestrel Vale Community Safety Partnership",
        ("No", "Recommendation", "Action", "Partner agencies", "Target date"),
        ("1", "The partnership reviews its MARAC referrals.", "Audit referrals", f"{POLICE}, {COUNCIL}",
         "March 2025"),
    ))
    rec = plan_recs(doc)[0]
    assert (rec.owner_raw, rec.owner_how) == (None, None)
    assert rec.actions[0].support == f"{POLICE}, {COUNCIL}" and rec.actions[0].lead is None


def test_lead_officer_column_gives_the_owner_only_where_it_names_an_organisation():
    doc = parse_text(rows(
        ("No", "Recommendation", "Action", "Named lead", "Target date"),
        ("1", "The force reviews its MARAC referrals.", "Audit referrals", "DI Jane Ellis", "March 2025"),
        ("2", "GPs ask routinely about abuse.", "Issue a briefing",
         "Sam Reed, Safeguarding Lead, Northmere ICB", "June 2025"),
        ("3", "The council trains housing officers.", "Deliver training", COUNCIL, "June 2025"),
    ))
    recs = plan_recs(doc)
    assert [(r.owner_raw, r.owner_how) for r in recs] == [
        (None, None), ("Northmere ICB", "column"), (COUNCIL, "column")]
    assert recs[0].actions[0].lead == "DI Jane Ellis"  # the action keeps its named lead


def test_an_ambiguous_lead_column_of_people_is_a_person_column():
    # a person or a job names no owner
    doc = parse_text(rows(
        ("No", "Recommendation", "Action", "Lead", "Target date"),
        ("1", "The force reviews its MARAC referrals.", "Audit referrals", "Head of Public Protection",
         "March 2025"),
        ("2", "The council trains housing officers.", "Deliver training", "Housing Services Manager",
         "June 2025"),
    ))
    assert doc.plans[0].columns[3] == "lead_person"
    assert [(r.owner_raw, r.owner_how) for r in plan_recs(doc)] == [(None, None), (None, None)]


def test_blank_or_tbc_lead_cell_is_no_owner_in_a_lead_column():
    text = rows(
        ("No", "Recommendation", "Action", "Lead agency", "Target date"),
        ("1", "The force reviews its MARAC referrals.", "Audit referrals", "TBC", "March 2025"),
        ("2", "The council trains housing officers.", "Deliver training", "N/A", "June 2025"),
        ("3", "GPs ask routinely about abuse.", "Issue a briefing", "", "July 2025"),
        ("4", "The board publishes a leaflet.", "Publish leaflet", "None", "July 2025"),
        ("5", "The ICB audits records.", "Audit records", ICB, "July 2025"),
    )
    recs = plan_recs(parse_text(text))
    assert [(r.owner_raw, r.owner_how) for r in recs] == [
        (None, "column"), (None, "column"), (None, "column"), (None, "column"), (ICB, "column")]
    assert recs[0].actions[0].lead == "TBC"  # the action keeps what was written


def test_no_lead_column_no_owner_from_the_table():
    recs = plan_recs(parse_text(rows(
        ("No", "Recommendation", "Action", "Target date"),
        ("1", "The force reviews its MARAC referrals.", "Audit referrals", "March 2025"),
    )))
    assert (recs[0].owner_raw, recs[0].owner_how) == (None, None)


def test_agency_rows_spanning_the_table_give_the_section():
    doc = parse_text(rows(
        ("Recommendation", "Action", "Lead agency", "Target date"),
        (POLICE, "", "", ""),
        ("The force reviews its MARAC referrals.", "Audit referrals", POLICE, "March 2025"),
        (COUNCIL, "", "", ""),
        ("Housing officers are trained.", "Deliver training", COUNCIL, "June 2025"),
    ))
    assert [(r.section, r.text) for r in plan_recs(doc)] == [
        (POLICE, "The force reviews its MARAC referrals."), (COUNCIL, "Housing officers are trained.")]


# -- status keys ---------------------------------------------------------------------------------------------

KEY = "Key: Red = not started, Amber = in progress, Green = complete, Blue = complete and embedded"


def test_key_row_is_layout_and_says_what_the_colours_mean():
    text = rows(
        ("No", "Recommendation", "Action", "Lead agency", "RAG"),
        ("1", "The force reviews its MARAC referrals.", "Audit referrals", POLICE, "Blue"),
        ("2", "The council trains housing officers.", "Deliver training", COUNCIL, "Amber"),
        KEY,
    )
    doc = parse_text(text)
    recs = plan_recs(doc)
    assert len(recs) == 2
    assert [r.actions[0].status_raw for r in recs] == ["Blue (complete and embedded)", "Amber (in progress)"]
    assert [s.reason for s in doc.skipped] == ["status key (what the colours mean)"]
    assert KEY not in " ".join(r.text + " ".join(a.text for a in r.actions) for r in recs)
    accounted(doc, text)


def test_key_over_several_rows_above_the_table():
    text = rows(
        "Wrenford SAR 3 action plan",
        "RAG key",
        ("Red", "Not started"),
        ("Amber", "On track"),
        ("Green", "Complete"),
        "",
        ("No", "Recommendation", "Action", "Lead agency", "Status"),
        ("1", "The force reviews its MARAC referrals.", "Audit referrals", POLICE, "Green"),
        ("2", "The council trains housing officers.", "Deliver training", COUNCIL, "Amber"),
    )
    doc = parse_text(text)
    recs = plan_recs(doc)
    assert [r.number for r in recs] == ["1", "2"]
    assert recs[1].actions[0].status_raw == "Amber (On track)"
    assert recs[0].actions[0].status_raw == "Green (Complete)"
    assert len([s for s in doc.skipped if s.reason.startswith("status key")]) == 4
    assert not doc.unplaced
    accounted(doc, text)


def test_key_sheet_of_a_workbook():
    lines = [
        Line(no=1, cells=("No", "Recommendation", "Action", "Lead agency", "RAG"), sheet="Action plan",
             page=1),
        Line(no=2, cells=("1", "The force reviews its MARAC referrals.", "Audit referrals", POLICE, "Blue"),
             sheet="Action plan", page=1),
        Line(no=1, cells=("Colour", "Meaning"), sheet="Key", page=2),
        Line(no=2, cells=("Red", "Not started"), sheet="Key", page=2),
        Line(no=3, cells=("Blue", "Complete and embedded"), sheet="Key", page=2),
    ]
    doc = parse_cells(lines)
    recs = plan_recs(doc)
    assert len(recs) == 1 and recs[0].actions[0].status_raw == "Blue (Complete and embedded)"
    assert sum(1 for s in doc.skipped if s.reason.startswith("status key")) == 3


def test_key_milestones_column_is_not_a_key():
    doc = parse_text(rows(
        ("No", "Recommendation", "Key milestones", "Lead agency", "Target date"),
        ("1", "The force reviews its MARAC referrals.", "Audit done", POLICE, "March 2025"),
    ))
    assert plan_recs(doc)[0].actions[0].milestones == "Audit done"


# -- size ----------------------------------------------------------------------------------------------------

def test_a_table_thousands_of_columns_wide_stays_small_and_quick():
    width, height = 2000, 100
    header = ("No", "Recommendation", "Action", "Lead agency", "Target date") + ("",) * (width - 5)
    lines = [Line(no=1, cells=header)]
    for k in range(1, height + 1):
        extra = tuple(f"x{k}.{j}" for j in range(width - 5))
        cells = (f"{k}.", f"The partnership reviews item {k}.", f"Audit {k}", POLICE, "March 2025")
        lines.append(Line(no=k + 1, cells=cells + extra))
    tracemalloc.start()
    started = time.perf_counter()
    doc = parse_cells(lines)
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    recs = plan_recs(doc)
    assert len(recs) == height
    assert recs[9].actions[0].lead == POLICE
    assert any(f"only the first {MAX_COLUMNS} are read" in w for w in doc.warnings)
    assert elapsed < 30 and peak < 200 * 2**20, (elapsed, peak)


def test_detect_header_reads_only_the_first_columns():
    header = detect_header(("No", "Recommendation", "Action", "Lead agency") + ("",) * 5000, 1)
    assert header is not None and len(header.roles) == MAX_COLUMNS


def test_no_numbers_text_from_pdf_with_wrapped_cells():
    # each row wraps over two or three lines; a new recommendation starts after one that ended its sentence
    text = rows(
        ("Recommendation", "Action", "Lead agency", "Target date"),
        ("The partnership should review its MARAC referral", "Audit referrals from all", POLICE,
         "March 2025"),
        ("pathway and report to the board.", "agencies", "", ""),
        ("Housing officers should be trained to recognise", "Deliver training to", COUNCIL, "June 2025"),
        ("coercive control.", "housing officers", "", ""),
        ("", "Audit attendance", COUNCIL, "Sept 2025"),
        ("GPs should ask routinely about domestic", "Issue a briefing", ICB, "July 2025"),
        ("abuse, including when a patient attends", ""),
        ("Alone.", "", "", ""),
    )
    recs = plan_recs(parse_text(text))
    assert [r.text for r in recs] == [
        "The partnership should review its MARAC referral pathway and report to the board.",
        "Housing officers should be trained to recognise coercive control.",
        "GPs should ask routinely about domestic abuse, including when a patient attends Alone."]
    assert [[a.text for a in r.actions] for r in recs] == [
        ["Audit referrals from all agencies"], ["Deliver training to housing officers", "Audit attendance"],
        ["Issue a briefing"]]


def test_a_column_with_no_header_word_named_by_its_cells():
    # "Recommendation" merged over two columns in the original: the second holds the actions
    doc = parse_text(rows(
        ("No", "Recommendation", "", "Lead", "Target date"),
        ("1", "The force reviews its MARAC referrals.", "Audit referrals", POLICE, "March 2025"),
        ("2", "The council trains housing officers.", "Deliver training", COUNCIL, "June 2025"),
    ))
    assert doc.plans[0].columns == ["number", "recommendation", "action", "lead", "target"]
    assert [(r.text, r.actions[0].text) for r in plan_recs(doc)] == [
        ("The force reviews its MARAC referrals.", "Audit referrals"),
        ("The council trains housing officers.", "Deliver training")]


def test_csv_export_with_title_rows_merged_cells_and_a_key():
    from reviewgraph.ingest.readers.csv import rows_from_text

    csv_text = (
        "Northmere Safeguarding Adults Board,,,,,,,\n"
        "SAR 'Ellen' - Action Plan,,,,,,,\n"
        "Updated: 14 May 2024,,,,,,,\n"
        ",,,,,,,\n"
        "Rec no,Recommendation,Lead agency,Supporting agencies,Action,Target date,RAG,Update\n"
        '1,"The Board should seek assurance that agencies understand self-neglect.",Northmere SAB,'
        f'"{POLICE}, {COUNCIL}",Audit of self-neglect cases,31/03/2024,Green,Audit completed in March\n'
        ",,,,Briefing for frontline staff,30/06/2024,Amber,Briefing drafted\n"
        f"2,{COUNCIL} should review its procedure for carers' assessments.,{COUNCIL},,Review the procedure,"
        "30/09/2024,Red,\n"
        ",,,,,,,\n"
        '"Key: Red = not started, Amber = in progress, Green = complete",,,,,,,\n')
    doc = parse_cells(rows_from_text(csv_text))
    recs = plan_recs(doc)
    assert [(r.number, r.owner_raw) for r in recs] == [("1", "Northmere SAB"), ("2", COUNCIL)]
    assert [[(a.text, a.support, a.status_raw) for a in r.actions] for r in recs] == [
        [("Audit of self-neglect cases", f"{POLICE}, {COUNCIL}", "Green (complete)"),
         ("Briefing for frontline staff", None, "Amber (in progress)")],
        [("Review the procedure", None, "Red (not started)")]]
    assert doc.plans[0].as_of_raw == "14 May 2024"
    assert not doc.unplaced and [s.line for s in doc.skipped] == [10]


# -- through the readers that know their tables --------------------------------------------------------------

def test_html_plan_rows_are_whole_rows():
    from reviewgraph.ingest.readers.html import html_lines

    page = (
        "<html><body><main><h1>Wrenford Community Safety Partnership</h1><p>Progress as at 31 March 2024</p>"
        "<table><thead><tr><th>Recommendation</th><th>What we will do</th><th>Who</th><th>By when</th>"
        "<th>RAG</th></tr></thead><tbody>"
        f"<tr><td>Agencies share risk information with MARAC</td><td>Refresh the referral guidance</td>"
        f"<td>{POLICE}</td><td>June 2024</td><td>Green</td></tr>"
        f"<tr><td></td><td>Audit referrals</td><td>{POLICE}</td><td>Sept 2024</td><td>Amber</td></tr>"
        "<tr><td>Housing officers ask about abuse at tenancy reviews</td><td>Add routine enquiry</td>"
        "<td>Wrenford Homes</td><td>Sept 2024</td><td>Red</td></tr>"
        "<tr><td>GPs are reminded about coercive control</td><td>Seven minute briefing</td><td>TBC</td>"
        "<td>March 2025</td><td>Red</td></tr></tbody></table>"
        "<p>Key: Red = not started, Amber = in progress, Green = complete</p></main></body></html>")
    lines, _ = html_lines(page)
    doc = parse_cells(lines)
    recs = plan_recs(doc)
    assert [r.text for r in recs] == ["Agencies share risk information with MARAC",
                                      "Housing officers ask about abuse at tenancy reviews",
                                      "GPs are reminded about coercive control"]
    assert [len(r.actions) for r in recs] == [2, 1, 1]
    assert [(r.owner_raw, r.owner_how) for r in recs] == [
        (POLICE, "column"), ("Wrenford Homes", "column"), (None, "column")]
    assert recs[0].actions[1].status_raw == "Amber (in progress)"
    assert doc.plans[0].as_of_raw == "31 March 2024"


def test_fixed_width_plan_with_no_numbers():
    text = (
        "Northmere Safeguarding Adults Board - SAR 'Ellen' action plan\n\n"
        "Recommendation                    Action                  Lead agency                Target date\n"
        "The Board should seek assurance   Multi-agency audit of   Northmere SAB              March 2024\n"
        "that agencies understand          self-neglect cases\n"
        "self-neglect.\n"
        "                                  Briefing for frontline  Northmere SAB              June 2024\n"
        "                                  staff\n"
        "Wrenford Borough Council should   Review the procedure    Wrenford Borough Council   Sept 2024\n"
        "review its carers' assessments.\n"
        "The ICB should ensure GPs         Issue guidance to GP    Northmere ICB              Dec 2024\n"
        "record safeguarding concerns.     practices\n")
    doc = parse_text(text)
    recs = plan_recs(doc)
    assert [r.text for r in recs] == [
        "The Board should seek assurance that agencies understand self-neglect.",
        "Wrenford Borough Council should review its carers' assessments.",
        "The ICB should ensure GPs record safeguarding concerns."]
    assert [[a.text for a in r.actions] for r in recs] == [
        ["Multi-agency audit of self-neglect cases", "Briefing for frontline staff"],
        ["Review the procedure"], ["Issue guidance to GP practices"]]
    assert [r.owner_raw for r in recs] == ["Northmere SAB", COUNCIL, "Northmere ICB"]


def test_numbers_under_no_header_word_or_a_second_recommendation_word():
    body = [("The force reviews its MARAC referrals.", "Audit referrals", POLICE, "March 2025"),
            ("The council trains housing officers.", "Deliver training", COUNCIL, "June 2025")]
    for first, refs in (("", ("1", "2")), ("Rec", ("Rec 1", "Rec 2"))):
        doc = parse_text(rows((first, "Recommendation", "Action", "Lead agency", "Target date"),
                              *((ref, *cells) for ref, cells in zip(refs, body))))
        assert doc.plans[0].columns == ["number", "recommendation", "action", "lead", "target"], first
        assert [(r.number, r.number_inferred, r.text) for r in plan_recs(doc)] == [
            ("1", False, "The force reviews its MARAC referrals."),
            ("2", False, "The council trains housing officers.")]


def test_recommendation_rows_across_a_table_of_actions():
    text = rows(
        ("Action", "Lead agency", "Target date", "Status"),
        "Recommendation 1: The partnership should review its MARAC referral pathway.",
        ("Audit referrals from all agencies", POLICE, "March 2025", "Complete"),
        ("Report findings to the board", "Northmere Community Safety Partnership", "June 2025", "Ongoing"),
        "Recommendation 2: Housing officers should be trained on coercive control.",
        ("Deliver training", COUNCIL, "Sept 2025", "Not started"),
    )
    doc = parse_text(text)
    recs = plan_recs(doc)
    assert [(r.number, r.text) for r in recs] == [
        ("1", "The partnership should review its MARAC referral pathway."),
        ("2", "Housing officers should be trained on coercive control.")]
    assert [[a.text for a in r.actions] for r in recs] == [
        ["Audit referrals from all agencies", "Report findings to the board"], ["Deliver training"]]
    assert [r.owner_raw for r in recs] == [POLICE, COUNCIL]
    accounted(doc, text)


def test_a_continued_marker_alone_continues_the_row_above():
    recs = plan_recs(parse_text(rows(
        ("No", "Recommendation", "Action", "Lead agency", "Target date"),
        ("1", "The force reviews its bail checks.", "Review bail process", POLICE, "May 2025"),
        ("", "(continued)", "Audit bail decisions", POLICE, "Sept 2025"),
    )))
    assert [(r.text, [a.text for a in r.actions]) for r in recs] == [
        ("The force reviews its bail checks.", ["Review bail process", "Audit bail decisions"])]


def test_sub_numbered_rows_are_actions_of_their_recommendation():
    doc = parse_text(rows(
        ("No", "Recommendation", "Action", "Lead agency", "Target date"),
        ("1", "The partnership should review its MARAC referral pathway.", "", "", ""),
        ("1.1", "", "Audit referrals from all agencies", POLICE, "March 2025"),
        ("1.2", "", "Report findings to the board", "Northmere Community Safety Partnership", "June 2025"),
        ("2", "Housing officers should be trained on coercive control.", "", "", ""),
        ("2.1", "", "Deliver training", COUNCIL, "Sept 2025"),
    ))
    recs = plan_recs(doc)
    assert [(r.number, len(r.actions), r.owner_raw) for r in recs] == [("1", 2, POLICE), ("2", 1, COUNCIL)]


def test_capitals_and_rag_letters():
    text = rows(
        ("REF", "RECOMMENDATION", "ACTION", "LEAD", "TARGET DATE", "RAG"),
        ("R1", "THE FORCE REVIEWS ITS MARAC REFERRALS.", "AUDIT REFERRALS", POLICE.upper(), "MARCH 2025",
         "G"),
        ("R2", "THE COUNCIL TRAINS HOUSING OFFICERS.", "DELIVER TRAINING", COUNCIL.upper(), "JUNE 2025", "B"),
    )
    recs = plan_recs(parse_text(text))
    assert [r.owner_raw for r in recs] == [POLICE.upper(), COUNCIL.upper()]
    # Blue among the statuses: the plan rates by BRAG, Green on track (tests/test_brag.py)
    assert [r.actions[0].status_raw for r in recs] == ["G (on track)", "B (complete)"]
    keyed = plan_recs(parse_text(text + "Key: Blue = complete and embedded, Green = complete\n"))
    assert [r.actions[0].status_raw for r in keyed] == ["G (complete)", "B (complete and embedded)"]


def test_a_lead_agency_column_of_people_names_no_owner_the_heading_does():
    # the column's words say agency, its cells are people: a named-lead column; the heading owns
    doc = parse_text(rows(
        ("No", "Recommendation", "Action", "Lead agency including name / role of person", "Target date"),
        (POLICE, "", "", "", ""),
        ("1", "The force reviews its MARAC referrals.", "Audit referrals", "DI Jane Ellis", "March 2025"),
        ("2", "The force trains its call handlers.", "Deliver training", "Sam Reed Head of Service Northmere",
         "June 2025"),
        ("3", "The force audits closures.", "Audit closures", "NCPU", "July 2025"),
    ))
    recs = plan_recs(doc)
    assert doc.plans[0].columns[3] == "lead_person"
    assert [(r.section, r.owner_raw, r.owner_how) for r in recs] == [(POLICE, None, None)] * 3
    assert recs[0].actions[0].lead == "DI Jane Ellis"


def test_owner_keeps_a_department_as_written():
    recs = plan_recs(parse_text(rows(
        ("No", "Recommendation", "Action", "Lead agency", "Target date"),
        ("1", "Children's social workers are trained.", "Deliver training",
         f"{COUNCIL} - Children's Services", "March 2025"),
    )))
    assert recs[0].owner_raw == f"{COUNCIL} - Children's Services"


def test_hash_header_and_a_learning_column_for_recommendations():
    doc = parse_text(rows(
        ("#", "Learning/Finding", "Actions agreed", "Supporting agencies", "By when"),
        ("1", "Agencies did not share information about risk.", "Refresh the MARAC guidance", ICB,
         "March 2025"),
        ("2", "The GP did not ask about abuse.", "Issue a briefing", POLICE, "June 2025"),
    ))
    assert doc.plans[0].columns == ["number", "recommendation", "action", "support", "target"]
    assert [(r.number, r.text) for r in plan_recs(doc)] == [
        ("1", "Agencies did not share information about risk."), ("2", "The GP did not ask about abuse.")]


def test_two_columns_of_requests_the_recommendation_is_the_one_that_reads_as_one():
    doc = parse_text(rows(
        ("Next steps", "Other agencies", "Organisation", "Deadline", "Detail", "RAG status"),
        ("Issue a briefing", ICB, COUNCIL, "30/06/2025", "The force should flag repeat callers.", "Amber"),
        ("Audit referrals", ICB, COUNCIL, "30/09/2025", "", "Complete"),
        ("Review the procedure", POLICE, ICB, "30/06/2025", "All agencies should refresh their training.",
         "Red"),
    ))
    assert doc.plans[0].columns == ["action", "support", "agency", "target", "recommendation", "status"]
    recs = plan_recs(doc)
    assert [(r.text, len(r.actions), r.owner_raw) for r in recs] == [
        ("The force should flag repeat callers.", 2, COUNCIL),
        ("All agencies should refresh their training.", 1, ICB)]


def test_a_row_with_its_own_status_is_another_action():
    recs = plan_recs(parse_text(rows(
        ("Rec no", "Recommendation", "Action", "Update", "RAG"),
        ("1", "The force reviews its MARAC referrals.", "Audit referrals", "Audit started", "Amber"),
        ("", "", "Report to the board", "Report drafted", "Green"),
    )))
    assert [(a.text, a.status_raw) for a in recs[0].actions] == [
        ("Audit referrals", "Amber"), ("Report to the board", "Green")]


# -- many layouts drawn at random ---------------------------------------------------------------------------

_HEADS = {
    "number": ["No", "Ref", "Rec no", "#", "Item", ""],
    "rec": ["Recommendation", "Recommendation from report", "Recommendations", "Learning/Finding", "Detail"],
    "action": ["Action", "Action to take", "What we will do", "How", "Actions agreed", "Next steps"],
    "lead": ["Lead agency", "Responsible agency", "Owner", "Lead", "Who", "Organisation"],
    "person": ["Lead officer", "Named lead", "Lead individual", "Responsible officer"],
    "support": ["Supporting agencies", "Partner agencies", "Other agencies"],
    "target": ["Target date", "By when", "Timescale", "Due", "Deadline", "When"],
    "status": ["RAG", "BRAG", "Status", "RAG status"],
    "progress": ["Progress", "Update", "Progress to date", "Comments"],
}
_AGENCIES = [POLICE, COUNCIL, ICB, "Kestrel Vale Probation Service", "Wrenford Homes",
             "Northmere Women's Aid"]
_RECS = ["The partnership should review its MARAC referral pathway.",
         "Housing officers should be trained to recognise coercive control.",
         "GPs should ask routinely about domestic abuse.",
         "The force should flag repeat callers on its systems.",
         "The council should review its carers' assessment procedure.",
         "Probation should share risk information with MARAC."]
_ACTIONS = ["Audit referrals", "Deliver training to officers", "Issue a seven minute briefing",
            "Review the procedure", "Report findings to the board"]


def _random_plan(rng):
    """(lines as a format gives them, truth: (recommendation, owner, actions) per recommendation)."""
    cols = ["rec", "action"] + [c for c, p in (("lead", 0.85), ("person", 0.3), ("support", 0.25),
                                               ("target", 0.8), ("status", 0.5), ("progress", 0.4))
                                if rng.random() < p]
    rng.shuffle(cols)
    if rng.random() < 0.7:
        cols.insert(0, "number")
    header = [rng.choice(_HEADS[c]) for c in cols]
    rows, truth = [], []
    for i, rec in enumerate(rng.sample(_RECS, rng.randint(2, 5)), 1):
        lead, acts = rng.choice(_AGENCIES), rng.choice([1, 1, 2])
        truth.append((rec, lead if "lead" in cols else None, acts))
        for k in range(acts):
            value = {"number": f"{i}." if k == 0 else "", "rec": rec if k == 0 else "",
                     "action": rng.choice(_ACTIONS), "lead": lead,
                     "person": rng.choice(["DI Jane Ellis", "Sam Reed"]),
                     "support": f"{rng.choice(_AGENCIES)}, {rng.choice(_AGENCIES)}",
                     "target": rng.choice(["March 2025", "30/06/2025", "Q3 2025"]),
                     "status": rng.choice(["Red", "Amber", "Green"]),
                     "progress": rng.choice(["Work started", "No update received"])}
            rows.append([value[c] for c in cols])
    table = [["Northmere DHR 7 Action Plan"], header, *rows]
    fmt = rng.choice(["text", "sheet", "roles"])
    if fmt == "text":
        return [Line(no=n, cells=tuple(r)) for n, r in enumerate(table, 1)], truth
    if fmt == "sheet":
        return [Line(no=n, cells=tuple(r), sheet="Plan") for n, r in enumerate(table, 1)], truth
    roles = [None, "header"] + ["row"] * len(rows)
    return [Line(no=n, cells=tuple(r), role=role) for n, (r, role) in enumerate(zip(table, roles), 1)], truth


def test_random_layouts_are_read_by_the_same_rules():
    import random

    rng = random.Random(14)
    missed = wrong_count = wrong_owner = wrong_actions = 0
    for _ in range(150):
        lines, truth = _random_plan(rng)
        recs = plan_recs(parse_cells(lines))
        if not recs:
            missed += 1
            continue
        if [r.text for r in recs] != [t[0] for t in truth]:
            wrong_count += 1
            continue
        wrong_owner += any(owner and r.owner_raw != owner for r, (_, owner, _) in zip(recs, truth))
        wrong_actions += [len(r.actions) for r in recs] != [t[2] for t in truth]
    assert (missed, wrong_count, wrong_owner) == (0, 0, 0)
    assert wrong_actions <= 3  # text rows whose second action brings no lead, date or status of its own


# -- a recommendation column whose header names no role (issue 14, second round) ----------------------------

ASHBY = "Ashby Vale Borough Council"


def test_header_found_by_its_other_columns_and_a_column_of_requests():
    # no "Recommendation" or "Action" word: the header is the number, lead and date columns, and one
    # column of long numbered requests under words that name no role
    text = rows(
        "Northmere DHR 9 Action Plan",
        ("#", "What needs to change", "Lead agency", "Due"),
        ("R1", "1) Embed coercive control in the supervision of high risk domestic abuse cases.", POLICE,
         "March 2025"),
        ("R2", "Wrenford Borough Council to audit a sample of closed referrals and report to the board.",
         COUNCIL, "June 2025"),
        ("R3", "Northmere ICB: Review the guidance on routine enquiry in GP practices.", ICB, "Q3 2025"),
    )
    doc = parse_text(text)
    assert doc.plans and doc.plans[0].columns == ["number", "recommendation", "lead", "target"]
    recs = plan_recs(doc)
    assert [r.number for r in recs] == ["R1", "R2", "R3"]
    assert recs[1].text.startswith("Wrenford Borough Council to audit")
    assert [r.owner_raw for r in recs] == [POLICE, COUNCIL, ICB]
    accounted(doc, text)


def test_header_of_one_named_column_beside_numbered_requests():
    # "#" over the numbers (punctuation to the cleaning) and "Due": the requests under "What needs to
    # change" and the references in the first column say the rest
    text = rows(
        ("#", "What needs to change", "Due"),
        ("R1", "Review the guidance on Clare's Law disclosures so that decisions are recorded.", "March 2025"),
        ("R2", "Ashby Vale Council should update its policy on the safeguarding of older people.", "TBC"),
        ("R3", "That Wrenford Homes seeks assurance that the risk checklist is applied.", "31/03/2025"),
    )
    recs = plan_recs(parse_text(text))
    assert [(r.number, r.text[:20]) for r in recs] == [
        ("R1", "Review the guidance "), ("R2", "Ashby Vale Council s"), ("R3", "That Wrenford Homes ")]


def test_a_chronology_with_a_date_and_an_agency_is_still_no_plan():
    doc = parse_text(rows(
        ("No", "Date", "Agency", "What happened"),
        ("1", "3 March 2019", POLICE, "Officers attended the address after a call from a neighbour."),
        ("2", "9 April 2019", "GP practice", "She saw her GP and said she was sleeping badly."),
        ("3", "2 May 2019", COUNCIL, "A housing officer visited and the family were out."),
    ))
    assert not doc.plans


def test_an_action_column_beside_an_unnamed_column_of_requests():
    # "How" names the action column; the requests under "What needs to change" are the recommendations,
    # not a progress column (and the actions are not made into recommendations)
    lines = [
        Line(no=1, cells=("No", "What needs to change", "How", "Other agencies", "Timescale"), role="header"),
        Line(no=2, cells=("Rec 1", "Ashby Vale Council: Embed the transition to adult services in supervision.",
                          "Training package developed and delivered.", ASHBY, "June 2025"), role="row"),
        Line(no=3, cells=("Rec 2", "Wrenford Homes: Audit a sample of cases where a child lives in the home.",
                          "Policy updated and approved.", POLICE, "Sept 2025"), role="row"),
        Line(no=4, cells=("Rec 3", "Northmere ICB to review its guidance on MAPPA referrals.",
                          "Seven minute briefing circulated.", "", "Q3 2025"), role="row"),
    ]
    doc = parse_cells(lines)
    assert doc.plans[0].columns == ["number", "recommendation", "action", "support", "target"]
    recs = plan_recs(doc)
    assert [r.text[:22] for r in recs] == ["Ashby Vale Council: Em", "Wrenford Homes: Audit ",
                                          "Northmere ICB to revie"]
    assert [[a.text for a in r.actions] for r in recs] == [
        ["Training package developed and delivered."], ["Policy updated and approved."],
        ["Seven minute briefing circulated."]]


def test_field_records_with_a_request_label_and_headings_between_them():
    text = "\n".join([
        "Ashby Vale SAR 2023/02 Action Plan",
        "",
        "What needs to change: 4.1 That Ashby Vale Borough Council works with GP practices so that",
        "    section 42 enquiries are recorded and shared.",
        "Target date: TBC",
        "Lead officer: DCI Sam Reed",
        "",
        "== Northmere Constabulary ==",
        "",
        "What needs to change: 4.2 Northmere Constabulary to provide written assurance that officers",
        "    understand Operation Encompass notifications.",
        "Target date: December 2025",
        "Lead officer: Jane Ellis",
        "==============================",
        "What needs to change: 4.3 Northmere Constabulary should review its training on coercive control.",
        "Target date: 31/03/2026",
        "Lead officer: Jo Hart",
        "",
    ])
    doc = parse_text(text)
    recs = plan_recs(doc)
    assert [r.number for r in recs] == ["4.1", "4.2", "4.3"]
    assert recs[1].text == ("Northmere Constabulary to provide written assurance that officers understand "
                            "Operation Encompass notifications.")
    assert [r.section for r in recs] == [None, POLICE, POLICE]
    assert [a.target_raw for r in recs for a in r.actions] == ["TBC", "December 2025", "31/03/2026"]
    accounted(doc, text + "\n")


def _parse_csv(text: str) -> ParsedDocument:
    from reviewgraph.ingest.readers.csv import rows_from_text
    return parse_lines(rows_from_text(text), file_name="plan.csv", sha256=hashlib.sha256(text.encode()).hexdigest(),
                       reader="csv")


def test_a_key_of_status_initials_is_no_recommendation():
    doc = _parse_csv(
        "Ref,Who,Recommendation,What we will do,By when,RAG\n"
        "4.1,Northmere Constabulary,Review the process for identifying repeat victims.,Amend the SOP,30/06/2025,G\n"
        "4.2,Wrenford Borough Council,Train housing officers on coercive control.,Deliver two workshops,"
        "31/03/2026,R\n"
        ",,,,,\n"
        "Key:,R = not started or overdue,A = in progress and on track,G = complete,,\n")
    recs = plan_recs(doc)
    assert [r.number for r in recs] == ["4.1", "4.2"]
    assert [a.status_raw for r in recs for a in r.actions] == ["G (complete)", "R (not started or overdue)"]
    assert any(s.reason.startswith("status key") for s in doc.skipped)


def test_a_theme_row_across_the_table_is_no_recommendation():
    doc = _parse_csv(
        "RAG,No.,Learning point / recommendation,Actions required,Lead agency,Target\n"
        ",,Theme 1: Mental capacity and executive functioning,,,\n"
        "Green,1,Partners should make sure that capacity assessments consider executive functioning.,"
        "Revise the guidance,Ashby Vale Borough Council,31/10/2025\n"
        ",,Theme 2: Carers and family,,,\n"
        "Red,2,Ensure that the views of family carers are recorded before a care package is reduced.,"
        "Agree how carers are contacted,Wrenford Borough Council,30/09/2025\n"
        ",,Priority area C - Pressure ulcer care and escalation,,,\n"
        "Amber,3,Establish an escalation route for district nurses.,Write the route,Northmere ICB,29/02/2026\n")
    recs = plan_recs(doc)
    assert [(r.number, r.text[:12], r.section) for r in recs] == [
        ("1", "Partners sho", None), ("2", "Ensure that ", None), ("3", "Establish an", None)]
    assert [r.owner_raw for r in recs] == [ASHBY, COUNCIL, "Northmere ICB"]
    assert not doc.unplaced


def test_lettered_recommendations_keep_their_letters():
    # "(a)", "(b)" opening each recommendation cell of a table with no number column, and "(a)" in a
    # number column: the letters are the numbers as written
    text = rows(
        ("What needs to change", "What we will do", "Target date", "Status"),
        ("(a) All agencies should seek assurance that the risk checklist is applied.", "Audit ten cases",
         "March 2025", "Complete"),
        ("(b) Introduce a flag for repeat callers so that victims are offered an IDVA.", "Build the flag",
         "June 2025", "Not started"),
        ("", "Brief call handlers", "July 2025", "Not started"),
    )
    recs = plan_recs(parse_text(text))
    assert [(r.number, r.text[:22], len(r.actions)) for r in recs] == [
        ("(a)", "All agencies should se", 1), ("(b)", "Introduce a flag for r", 2)]
    recs = plan_recs(parse_text(rows(
        ("By when", "Recommendation", "Rec no"),
        ("Sept 2025", "Strengthen case recording where the victim has care needs.", "(a)"),
        ("Q3 2025", "Provide written assurance that staff understand mental health assessments.", "(b)"),
    )))
    assert [r.number for r in recs] == ["(a)", "(b)"]


def test_two_columns_a_recommendation_and_its_date():
    recs = plan_recs(parse_text(rows(
        "Ashby Vale SAR 2024/08 Action Plan",
        ("By when", "Recommendation"),
        ("Sept 2025", "Rec 1 Seek assurance from partner agencies that DVPN applications are understood."),
        ("Q3 2025", "Rec 2 Work with GP practices so that referrals to the IDVA service are recorded."),
        ("TBC", "Rec 3 Wrenford Borough Council: Deliver training to housing officers."),
    )))
    assert [(r.number, a.target_raw) for r in recs for a in r.actions] == [
        ("1", "Sept 2025"), ("2", "Q3 2025"), ("3", "TBC")]


def test_fixed_width_requests_wrapped_under_a_header_that_names_no_role():
    text = "\n".join([
        "Status        What needs to change                        By when       Lead          How",
        "",
        "Complete      Provide written assurance to the            Sept 2025     WBC           Supervision agenda updated",
        "              Safeguarding Adults Board that housing                                  to include transitions.",
        "              officers understand Clare's Law.",
        "In progress   Establish a clear escalation route for      30 June       WBC           Briefing issued to all",
        "              practitioners on trauma-informed            2025                        front-line officers.",
        "              practice when a victim does not attend.",
        "Not started   Commission a multi-agency audit of          TBC           NICB          Policy on economic abuse",
        "              mental capacity assessments and report                                  updated and approved.",
        "              the findings to the Board.",
        "",
    ])
    doc = parse_text(text)
    assert doc.plans[0].columns == ["status", "recommendation", "target", "lead", "action"]
    recs = plan_recs(doc)
    assert [r.text for r in recs] == [
        "Provide written assurance to the Safeguarding Adults Board that housing officers understand "
        "Clare's Law.",
        "Establish a clear escalation route for practitioners on trauma-informed practice when a victim does "
        "not attend.",
        "Commission a multi-agency audit of mental capacity assessments and report the findings to the Board."]
    assert [r.owner_raw for r in recs] == ["WBC", "WBC", "NICB"]
