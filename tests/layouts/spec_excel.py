"""What the Excel trackers of the layout corpus say, and their ground truth (see build_binary.py).

Each recommendation carries its rows: ``actions`` is a list of (action, lead officer, target date, RAG,
progress); the first row holds the recommendation, the others are merged into it (the Recommendation, number
and agency cells span them)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tests.layouts.spec_word import rec

D = dt.datetime
NCSP = ("Community Safety Partnership", "CSP", "The Community Safety Partnership")

# --- i. XLSX tracker: title row, several sheets (one "Key"), merged cells --------------------------------
TRACKER_DAWN: dict[str, Any] = {
    "file": "tracker_xlsx/northmere_dhr_6_tracker.xlsx",
    "family": "tracker_xlsx", "format": "xlsx", "review_kind": "DHR",
    "partnership": "Northmere Community Safety Partnership",
    "title": "Northmere Community Safety Partnership - DHR 6 ('Dawn') Action Plan Tracker",
    "subtitle": "Last updated: 30/04/2024 by the Community Safety Team",
    "header": ("Rec No", "Recommendation", "Agency", "Action", "Lead officer", "Target date", "RAG",
               "Progress"),
    "sheets": {
        "Action Plan": [
            rec("1", "The Community Safety Partnership should ensure that domestic abuse training for "
                     "practitioners includes the impact of domestic abuse on adolescents who live with it.",
                "Northmere Community Safety Partnership", NCSP, agency="Northmere Community Safety "
                                                                       "Partnership",
                actions=[("Revise the multi-agency training programme", "Domestic Abuse Coordinator",
                          D(2024, 6, 30), "Amber", "Programme revised; first session booked"),
                         ("Evaluate the training after six months", "Domestic Abuse Coordinator",
                          D(2024, 12, 31), "Red", "")]),
            rec("2", "Ensure that school nurses ask about domestic abuse at every contact with a young "
                     "person who presents with self-harm.", "Northmere Community Health NHS Trust",
                agency="Northmere Community Health NHS Trust",
                actions=[("School nursing standard operating procedure updated", "Head of 0-19 Services",
                          D(2024, 3, 31), "Green", "SOP updated March 2024")]),
            rec("4", "Northmere Constabulary should ensure that children present at domestic abuse incidents "
                     "are spoken to, where it is safe and appropriate, and that their views are recorded.",
                "Northmere Constabulary", agency="Northmere Constabulary",
                actions=[("Guidance issued to response officers", "DCI Public Protection",
                          D(2024, 5, 31), "Amber", "Guidance drafted"),
                         ("Body-worn video dip sample", "DCI Public Protection", D(2024, 9, 30), "Amber", ""),
                         ("Report to the CSP Board", "DCI Public Protection", D(2024, 10, 31), "Red", "")]),
            rec("5", "Review the threshold guidance for referrals about adults who care for a partner with a "
                     "long-term condition, so that a carer's disclosure of abuse leads to a safeguarding "
                     "enquiry.",
                "Adult Social Care", ("Northmere County Council - Adult Social Care",
                                      "Northmere County Council Adult Social Care"),
                agency="Northmere County Council - Adult Social Care",
                actions=[("Threshold guidance revised", "Principal Social Worker", D(2024, 7, 31), "Amber",
                          "With the Safeguarding Adults Board for comment")]),
            rec("6", "Develop information for employers about how to support an employee who is experiencing "
                     "domestic abuse.", None, agency="",
                actions=[("Lead agency to be agreed", "", None, "Red", "Raised at CSP Board April 2024")]),
            rec("7", "All agencies should review their case recording guidance so that the names and ages of "
                     "all children in a household are recorded at every domestic abuse "
                     "contact.", "All agencies",
                collective=True, agency="All agencies",
                actions=[("Each agency to confirm its guidance has been reviewed", "Agency DA leads",
                          D(2024, 9, 30), "Amber", "7 of 12 confirmed")]),
        ],
        "Completed": [
            rec("3", "Northmere Recovery Service should ensure that a parent in treatment who discloses "
                     "domestic abuse is referred to the specialist domestic abuse service with their "
                     "consent.",
                "Northmere Recovery Service", agency="Northmere Recovery Service",
                actions=[("Referral pathway in place", "Service Manager", D(2023, 12, 31), "Green",
                          "Complete: 14 referrals made since January")]),
            rec("8", "The Community Safety Partnership should write to SafeLives asking that the DASH "
                     "practice guidance gives more weight to the presence of adolescents in the household.",
                "Northmere Community Safety Partnership", NCSP, agency="Northmere Community Safety "
                                                                       "Partnership",
                actions=[("Letter sent by the CSP chair", "CSP Chair", D(2023, 11, 30), "Green",
                          "Reply received February 2024")]),
        ],
    },
    "key": [("RAG", "Meaning"), ("Red", "Not started, or overdue"), ("Amber", "In progress and on track"),
            ("Green", "Complete, with evidence")],
}

WSAB = ("The Board", "WSAB", "Wrenford SAB")
TRACKER_SAR: dict[str, Any] = {
    "file": "tracker_xlsx/wrenford_sar_2023_01_tracker.xlsx",
    "family": "tracker_xlsx", "format": "xlsx", "review_kind": "SAR",
    "partnership": "Wrenford Safeguarding Adults Board",
    "cover": ["Wrenford Safeguarding Adults Board", "Safeguarding Adults Review 2023/01: 'Aisha'",
              "Recommendations tracker",
              "This workbook records the Board's recommendations from the review and the actions agreed with "
              "each lead agency. Sheet 'Recommendations' holds the plan; sheet 'Key' explains the RAG "
              "ratings.",
              "Owner: Board Business Manager. Next review: SAR Subgroup, July 2024."],
    "title": "SAR 2023/01 'Aisha' - Recommendations tracker (Wrenford Safeguarding Adults Board)",
    "header": ("Ref", "Recommendation", "Lead Agency", "Lead Officer", "Actions", "Due", "RAG",
               "Update Jan 2024"),
    "recs": [
        rec("R1", "Wrenford Borough Council should ensure that a young adult with care and support needs who "
                  "is at risk of forced marriage is referred to the Forced Marriage Unit and considered "
                  "under the adult safeguarding procedures.",
            "Adult Social Care", ("Wrenford Borough Council - Adult Social Care",
                                  "Wrenford Borough Council Adult Social Care"),
            agency="Wrenford Borough Council - Adult Social Care",
            actions=[("Practice guidance on forced marriage", "Principal Social Worker", D(2024, 3, 31), "A",
                      "Guidance in draft"),
                     ("Training for all adult social care teams", "Principal Social Worker",
                      D(2024, 6, 30), "A",
                      "Two sessions delivered")]),
        rec("R2", "The Board should commission multi-agency training on honour-based abuse and forced "
                  "marriage for practitioners working with adults with learning disabilities.",
            "Wrenford Safeguarding Adults Board", WSAB, agency="Wrenford Safeguarding Adults Board",
            actions=[("Training commissioned from a specialist provider", "Board Business Manager",
                      D(2024, 1, 31), "G", "Complete")]),
        rec("R3", "Make sure that interpreters used in consultations with patients who have a learning "
                  "disability are independent of the family.", "Wrenford Community Health NHS Trust",
            agency="Wrenford Community Health NHS Trust",
            actions=[("Interpreting policy amended", "Head of Patient Experience", D(2024, 2, 29), "G",
                      "Complete"),
                     ("Audit of interpreter use", "Head of Patient Experience", D(2024, 8, 31), "A", "")]),
        rec("R4", "Northmere Constabulary should make sure that officers responding to a report of a missing "
                  "adult with a learning disability consider whether the adult may have been taken abroad.",
            "Northmere Constabulary", agency="Northmere Constabulary",
            actions=[("Update the missing persons risk assessment", "Missing Persons Coordinator",
                      D(2024, 4, 30), "A", "")]),
        rec("R5", "Develop an easy-read guide for adults with learning disabilities on their rights in "
                  "relation to marriage and relationships.", None, agency="TBC",
            actions=[("To be scoped", "", None, "R", "No lead identified")]),
        rec("R6", "The NHS Northmere and Wrenford Integrated Care Board should ensure that GP practices flag "
                  "the records of patients who are at risk of forced marriage and who lack capacity to "
                  "consent to marriage.", "NHS Northmere and Wrenford Integrated Care Board",
            ("NHS Northmere and Wrenford ICB", "Northmere and Wrenford Integrated Care Board"),
            agency="NHS Northmere and Wrenford Integrated Care Board",
            actions=[("Flagging guidance to practices", "Designated Nurse", D(2024, 5, 31), "A", "")]),
    ],
    "key": [("RAG rating", "Definition"), ("R", "Red: no progress, or target date missed"),
            ("A", "Amber: progress made, on track"), ("G", "Green: complete and evidenced"),
            ("B", "Blue: complete and impact demonstrated")],
}

# --- a tracker with one sheet per agency, a title row naming the agency, action refs 1.1 / 1.2 (the
# recommendation's number before the dot, its text only on the first action's row), people and job titles in
# "Responsible officer", RAG colours with no key (Blue is complete). A tester's document (2026-12-06).
TRACKER_MR_Q: dict[str, Any] = {
    "file": "tracker_xlsx/brackenford_sar_mr_q_tracker.xlsx",
    "family": "tracker_xlsx", "format": "xlsx", "review_kind": "SAR",
    # the workbook names no board: a SAR is the Safeguarding Adults Board's, and the titles say Brackenford
    "partnership": "Brackenford Safeguarding Adults Board",
    "title": "SAR Mr Q - Action Tracker - {agency}",
    "header": ("Ref", "Recommendation", "Action required", "Responsible officer", "Target", "RAG",
               "Update Jan 2025"),
    # sheet name, the agency in its title, recommendations; None is a blank row
    "sheets": [
        ("Police", "Brackenford Police", [
            rec("1", "Improve recording of welfare checks", "Brackenford Police",
                rows=[("1.1", "Introduce a mandatory welfare-check log template", "DI Sarah Pennock",
                       D(2025, 3, 31), "Green", "Template live since December 2024"),
                      None,
                      ("1.2", "Audit 20 welfare checks for use of the template", "DS Martin Oakes",
                       "June 2025", "Amber", "Audit scheduled")]),
        ]),
        ("Adult Social Care", "Brackenford Adult Social Care", [
            rec("2", "Adopt a self-neglect and hoarding pathway", "Brackenford Adult Social Care",
                rows=[("2.1", "Publish the self-neglect and hoarding pathway", "Head of Safeguarding",
                       D(2025, 1, 31), "Red", "Delayed: consultation extended"),
                      ("2.2", "Train 100 practitioners on the pathway", "Principal Social Worker",
                       D(2025, 9, 30), "Amber", ""),
                      None, None]),
        ]),
        ("Housing", "Brackenford Homes", [
            rec("3", "Identify tenants with care and support needs", "Brackenford Homes",
                rows=[("3.1", "Flag tenants with care and support needs on the housing system",
                       "Tenancy Services Manager", "Complete", "Blue", "Completed November 2024")]),
        ]),
    ],
}
