"""What the Word documents of the layout corpus say, and their ground truth (see build_binary.py).

Everything here is invented (places, agencies, people). ``build_binary.py`` turns each spec into its file
and its ``.truth.json``; the layout of each file (which cell, which style) is decided there, the words here.

A recommendation is a dict: ``number`` (as written, or None), ``text`` (as written, without number or owner
label), ``owner`` / ``aliases`` / ``collective`` (the truth, see docs/ingest.md "The layout corpus"), and the
cells the layout needs (``lead`` as the lead cell reads, ``action``, ``when``, ``progress``...).
"""

from __future__ import annotations

from typing import Any


def rec(number: str | None, text: str, owner: str | None, aliases: tuple[str, ...] = (), *,
        collective: bool = False, **cells: Any) -> dict[str, Any]:
    return {"number": number, "text": text, "owner": owner, "aliases": list(aliases),
            "collective": collective,
            **cells}


WSCP = ("Wrenford Safeguarding Children Partnership", "The Safeguarding Children Partnership",
        "Safeguarding Children Partnership", "The Partnership", "WSCP")
CHILDRENS = ("Wrenford Borough Council's Children's Services", "Wrenford Borough Council Children's Services",
             "Wrenford Borough Council - Children's Services")

# --- b. CSPR overview report in Word: findings with linked recommendations ---------------------------------
CSPR_HARRY: dict[str, Any] = {
    "file": "cspr_findings/wrenford_cspr_harry.docx",
    "family": "cspr_findings", "format": "docx", "review_kind": "CSPR",
    "partnership": "Wrenford Safeguarding Children Partnership",
    "title": ["Wrenford Safeguarding Children Partnership", "Child Safeguarding Practice Review: Harry"],
    "meta": ["Independent reviewer: Thomas Achebe", "Published: 18 January 2024"],
    "sections": [
        ("1. Introduction", [
            "Harry was fourteen when he was stabbed in a park in Wrenford in March 2023. He survived his "
            "injuries after surgery and a long stay in hospital. At the time he had been permanently "
            "excluded from school, had been reported missing eleven times in six months and had twice been "
            "found in another county in possession of class A drugs. The Wrenford Safeguarding Children "
            "Partnership notified the national Child Safeguarding Practice Review Panel and, after a rapid "
            "review, decided to carry out a local child safeguarding practice review.",
            "The review was led by an independent reviewer supported by a panel of senior managers from "
            "Wrenford Borough Council's Children's Services and Education Services, Northmere Constabulary, "
            "the Wrenford Youth Justice Service, Ashby Vale NHS Foundation Trust and the Kingsmead Academy "
            "Trust. Harry and his mother met the reviewer; Harry said he wanted professionals to understand "
            "that he had not felt able to say no to the people who were using him.",
        ]),
        ("2. Background", [
            "Harry lived with his mother and two younger sisters. His father had left the family when Harry "
            "was six. Harry was described by his primary school as a bright boy who loved football. His "
            "behaviour at secondary school deteriorated from Year 8, when he began spending time with older "
            "young people outside school. He was excluded for a fixed period four times and permanently in "
            "October 2022 after bringing a knife to school, which he said he carried for his own protection.",
            "After the exclusion Harry attended a pupil referral unit for two hours a day. He began to go "
            "missing overnight. Each return home interview was carried out by a different worker and Harry "
            "said very little. In December 2022 he was arrested in a neighbouring county in a property used "
            "to sell drugs, and was released under investigation.",
        ]),
    ],
    "findings_heading": "3. Findings",
    "findings_intro": "The reviewer identified three findings about the way the safeguarding system worked "
                      "for Harry. Each is followed by the recommendations that respond to it.",
    "findings": [
        ("1", "Exclusion from school removed the last protective factor in Harry's life at the point when "
              "the risk of exploitation was highest.",
         "Schools told the review that they had no way of knowing whether a pupil being considered for "
         "exclusion was known to be at risk of exploitation, and the partnership's exploitation screening "
         "tool was used by social workers but not by schools.", "Linked recommendations: 1 and 4"),
        ("2", "Repeated missing episodes were treated as separate events rather than as a pattern.",
         "Eleven missing episodes led to eleven return home interviews by seven workers. No strategy "
         "discussion was held until the ninth episode.", "Linked recommendations: 2"),
        ("3", "Harry was seen as an offender before he was seen as a child who was being exploited.",
         "When Harry was found with drugs away from home, the response focused on the offence. A referral to "
         "the National Referral Mechanism was not made until five weeks later, and Harry had no worker while "
         "he was released under investigation.", "Linked recommendations: 3, 5"),
    ],
    "recs_heading": "4. Recommendations",
    "recs_intro": "The reviewer makes five recommendations. The Partnership has accepted them and will "
                  "publish its response and action plan alongside this report.",
    "recs": [
        rec("1", "The Safeguarding Children Partnership should ensure that its exploitation screening tool "
                 "is used by schools, and that a pupil at risk of exclusion who is identified as at risk of "
                 "exploitation is discussed at the multi-agency child exploitation panel within ten working "
                 "days.",
            "Wrenford Safeguarding Children Partnership", WSCP[1:]),
        rec("2", "Wrenford Borough Council's Children's Services should ensure that a child who goes missing "
                 "three times in ninety days is the subject of a strategy discussion, and that the return "
                 "home interview is shared with the child's school and youth worker.",
            "Children's Services", CHILDRENS),
        rec("3", "Northmere Constabulary should review its use of the National Referral Mechanism for "
                 "children found in possession of drugs outside their home area, so that the child is "
                 "treated first as a possible victim of exploitation.", "Northmere Constabulary"),
        rec("4", "The Partnership should write to the Department for Education to ask that the guidance on "
                 "school exclusion requires schools to consider the risk of exploitation before a permanent "
                 "exclusion.",
            "Wrenford Safeguarding Children Partnership", WSCP[1:]),
        rec("5", "Wrenford Youth Justice Service should make sure that a child who is released under "
                 "investigation is offered a voluntary support plan and is not left without a worker while "
                 "the investigation continues.", "Wrenford Youth Justice Service"),
    ],
    "closing": ("5. Agencies involved", [("Agency", "Contact with Harry"),
                                          ("Wrenford Borough Council Children's Services", "Assessments, "
                                           "return home interviews"),
                                          ("Northmere Constabulary", "Missing episodes, arrest"),
                                          ("Kingsmead Academy Trust", "School until exclusion"),
                                          ("Wrenford Youth Justice Service", "Out of court disposal work")]),
}

# --- h. four-column table, no numbers, acronym leads, glossary elsewhere --------------------------------
GLOSSARY_NADIA: dict[str, Any] = {
    "file": "glossary_table/wrenford_dhr_08_action_plan.docx",
    "family": "glossary_table", "format": "docx", "review_kind": "DHR",
    "partnership": "Wrenford Community Safety Partnership",
    "title": "Wrenford Community Safety Partnership",
    "subtitle": "Domestic Homicide Review 08 ('Nadia'): Action Plan",
    "intro": [
        "This action plan sets out how the agencies in Wrenford will respond to the recommendations of the "
        "Domestic Homicide Review into the death of Nadia, who was killed by her partner in November 2021. "
        "It was agreed by the Community Safety Partnership Board on 12 December 2023. Each lead agency will "
        "report progress to the DHR Subgroup every quarter; the plan will be closed when the Subgroup has "
        "seen evidence that every action is complete.",
        "Abbreviations are explained at the end of this document.",
    ],
    "header": ("Recommendation", "Lead", "Action", "Timescale"),
    "recs": [
        rec(None, "Ensure that a DASH risk assessment is completed with the victim alone whenever officers "
                  "attend a domestic abuse incident, and that the reason is recorded when this is not "
                  "possible.",
            "Northmere Constabulary", ("NC",), lead="NC",
            action="Amend the domestic abuse attendance checklist; dip sample 100 incidents",
            when="June 2024"),
        rec(None, "Review how adult social care responds when a person with care and support needs discloses "
                  "domestic abuse by a partner who is also their carer.",
            "Wrenford Borough Council Adult Social Care", ("WBC ASC", "Adult Social Care"), lead="WBC ASC",
            action="Practice guidance and a learning session for all teams", when="March 2024"),
        rec(None, "Make sure that risk assessments for patients with a history of violence towards partners "
                  "include the current partner's details and are shared with the MARAC where the risk is "
                  "high.",
            "Wrenford Mental Health Partnership NHS Trust", ("WMHP",), lead="WMHP",
            action="Update the clinical risk assessment template", when="April 2024"),
        rec(None, "Offer every victim referred after a high-risk incident an IDVA within two working days, "
                  "including by outreach where the victim cannot use the telephone safely.",
            "Harbour Lights Domestic Abuse Service", ("HLDAS",), lead="HLDAS",
            action="Outreach offer in place; monitor response times monthly", when="Jan 2024"),
        rec(None, "Develop a pathway for friends and family who are worried about someone, including a named "
                  "contact point and information in the main community languages of Wrenford.",
            None, lead="", action="To be agreed", when="TBC"),
        rec(None, "Publish the learning from this review in a seven-minute briefing and hold a learning "
                  "event for practitioners across the partnership.",
            "Wrenford Community Safety Partnership", ("CSP", "Community Safety Partnership"), lead="CSP",
            action="Briefing published; event held 7 February 2024", when="Feb 2024"),
        rec(None, "Remind GP practices to record a patient's disclosure of domestic abuse using the agreed "
                  "clinical codes and to offer referral to the IRIS advocate educator.",
            "NHS Northmere and Wrenford Integrated Care Board",
            ("ICB", "NHS Northmere and Wrenford ICB", "Northmere and Wrenford Integrated Care Board"),
            lead="ICB",
            action="Safeguarding newsletter; audit of coding in six practices", when="May 2024"),
    ],
    "glossary_heading": "Abbreviations",
    "glossary": [
        ("CSP", "Wrenford Community Safety Partnership"),
        ("DASH", "Domestic Abuse, Stalking and Harassment risk checklist"),
        ("HLDAS", "Harbour Lights Domestic Abuse Service"),
        ("ICB", "NHS Northmere and Wrenford Integrated Care Board"),
        ("IDVA", "Independent Domestic Violence Adviser"),
        ("IRIS", "Identification and Referral to Improve Safety"),
        ("MARAC", "Multi-Agency Risk Assessment Conference"),
        ("NC", "Northmere Constabulary"),
        ("WBC ASC", "Wrenford Borough Council Adult Social Care"),
        ("WMHP", "Wrenford Mental Health Partnership NHS Trust"),
    ],
}

# --- j. Word action plan: agency heading rows spanning the table, no lead column ----------------------------
AGENCY_ROWS_DHR4: dict[str, Any] = {
    "file": "docx_agency_rows/ashby_vale_dhr_4_action_plan.docx",
    "family": "docx_agency_rows", "format": "docx", "review_kind": "DHR",
    "partnership": "Ashby Vale Community Safety Partnership",
    "title": ["Ashby Vale Community Safety Partnership",
              "Domestic Homicide Review 4 ('Kerry') - Action Plan",
              "Progress as at 31 March 2024"],
    "intro": "The recommendations below are those of the overview report, grouped by the agency responsible "
             "for them. Numbering restarts within each agency, as in the report. Actions, dates and progress "
             "are provided by each agency and checked by the DHR Subgroup.",
    "header": ("No.", "Recommendation", "Action to be taken", "Target date", "Progress (March 2024)"),
    "sections": [
        ("Ashby Vale Community Safety Partnership", [
            rec("1", "The Community Safety Partnership should review the local MARAC operating protocol so "
                     "that repeat referrals within twelve months are identified and the agencies that "
                     "attended the previous MARAC are asked what has changed.",
                "Ashby Vale Community Safety Partnership",
                ("The Community Safety Partnership", "Community Safety Partnership", "CSP"),
                action="Revised protocol to the MARAC Steering Group", when="30/06/2024",
                progress="Draft protocol circulated for comment"),
            rec("2", "Commission a review of the local specialist domestic abuse services for people aged "
                     "over sixty, with the involvement of older people's groups.",
                "Ashby Vale Community Safety Partnership",
                ("The Community Safety Partnership", "Community Safety Partnership", "CSP"),
                action="Needs assessment commissioned from the public health team", when="31/12/2024",
                progress="Not started"),
        ]),
        ("Northmere Constabulary", [
            rec("1", "Ensure that officers attending a domestic abuse incident check whether a Domestic "
                     "Violence Protection Notice has previously been issued to the suspect and record their "
                     "decision on whether to apply for one.", "Northmere Constabulary",
                action="Add the check to the domestic abuse attendance app", when="31/05/2024",
                progress="Complete: live since 1 April 2024"),
            rec("2", "The Constabulary should make sure that a breach of a Domestic Violence Protection "
                     "Order is always investigated as a new offence and the victim is told the outcome.",
                "Northmere Constabulary", ("The Constabulary",),
                action="Force policy amended; briefing to all supervisors", when="30/04/2024",
                progress="Complete"),
            rec("3", "Review the training given to call handlers on recognising stalking behaviour in calls "
                     "that are reported as neighbour disputes.", "Northmere Constabulary",
                action="Training module revised and delivered", when="30/09/2024", progress="In progress"),
        ]),
        ("Ashby Vale NHS Foundation Trust", [
            rec("1", "Make sure that maternity staff ask every woman about domestic abuse when she is seen "
                     "alone at least once in each trimester, and that the answer is recorded.",
                "Ashby Vale NHS Foundation Trust",
                action="Maternity record audit; reminder to all midwives", when="31/07/2024",
                progress="Audit shows 82% compliance"),
            rec("2", "Ensure that the hospital IDVA is told of every patient attending the emergency "
                     "department who discloses domestic abuse, with the patient's consent.",
                "Ashby Vale NHS Foundation Trust",
                action="Referral pathway agreed", when="31/03/2024", progress="Complete"),
        ]),
        ("Ashby Vale District Council - Housing", [
            rec("1", "Review the use of the sanctuary scheme so that a victim who chooses to stay in her "
                     "home is offered security measures within ten working days of a referral.",
                "Housing", ("Ashby Vale District Council - Housing", "Ashby Vale District Council Housing"),
                action="New contract with the sanctuary scheme provider", when="31/10/2024",
                progress="Tender under way"),
        ]),
    ],
    "footer_note": "Key: Complete = action finished and evidence provided to the DHR Subgroup.",
}

SSAB = ("The Board", "SSAB", "Saltmarsh SAB")
SBC_ASC = ("Saltmarsh Borough Council - Adult Social Care", "Saltmarsh Borough Council Adult Social Care")
AGENCY_ROWS_SAR: dict[str, Any] = {
    "file": "docx_agency_rows/saltmarsh_sar_2024_02_action_plan.docx",
    "family": "docx_agency_rows", "format": "docx", "review_kind": "SAR",
    "partnership": "Saltmarsh Safeguarding Adults Board",
    "title": ["Saltmarsh Safeguarding Adults Board",
              "Safeguarding Adults Review 2024/02 'Mrs E': action plan"],
    "intro": "Mrs E was an 88-year-old woman who lived in a nursing home run by Harbourside Care Group. She "
             "died in hospital in 2023 from sepsis caused by an untreated pressure ulcer. The Board accepted "
             "the review's eight recommendations on 4 June 2024. The table below records the agreed actions. "
             "There is no separate lead column: each recommendation is owned by the organisation under whose "
             "heading it appears.",
    "header": ("Rec", "Recommendation", "Actions", "Evidence of impact", "Due"),
    "sections": [
        ("Multi-agency recommendations", [
            rec("1", "The Board should seek assurance from commissioners and providers that nursing homes in "
                     "Saltmarsh have a tissue viability link nurse and access to specialist advice.",
                "Saltmarsh Safeguarding Adults Board", SSAB,
                action="Assurance report from commissioners to the Board",
                progress="Report received and discussed", when="Sept 2024"),
            rec("2", "All partner agencies should review their guidance on the escalation of concerns about "
                     "care in a provider setting, so that staff know when a concern about one resident "
                     "should lead to questions about others.", "All agencies", ("All partner agencies",),
                collective=True, action="Single-agency reviews; summary to the Board",
                progress="5 of 8 agencies have reported", when="Dec 2024"),
        ]),
        ("Saltmarsh Borough Council - Adult Social Care", [
            rec("3", "Ensure that a safeguarding concern about a pressure ulcer of category 3 or above in a "
                     "care home leads to a section 42 enquiry, and that the enquiry considers the care of "
                     "other residents.", "Adult Social Care", SBC_ASC,
                action="Revise the pressure ulcer decision guide in line with national guidance",
                progress="Guide revised", when="Oct 2024"),
            rec("4", "Review how quality monitoring visits to care homes use information from safeguarding "
                     "concerns, complaints and the Care Quality Commission.", "Adult Social Care", SBC_ASC,
                action="Joint quality and safeguarding dashboard", progress="In development",
                when="Mar 2025"),
        ]),
        ("Harbourside Care Group", [
            rec("5", "Make sure that nursing staff complete a pressure ulcer risk assessment on admission "
                     "and weekly afterwards, and that changes are escalated to the GP and the tissue "
                     "viability team.",
                "Harbourside Care Group",
                action="Care planning audit in every home", progress="Audit completed; action plan in place",
                when="Aug 2024"),
            rec("6", "Ensure that families are told when a resident develops a pressure ulcer and are "
                     "involved in the plan of care.", "Harbourside Care Group",
                action="Family communication policy", progress="Policy issued", when="Aug 2024"),
        ]),
        ("Saltmarsh Community Health Services", [
            rec("7", "Review the referral criteria of the tissue viability service so that nursing homes can "
                     "refer directly and urgent referrals are seen within two working days.",
                "Saltmarsh Community Health Services",
                action="Criteria changed; response times monitored", progress="Median response 1.5 days",
                when="Jul 2024"),
            rec("8", "Saltmarsh Community Health Services should provide training on pressure ulcer "
                     "prevention to care home staff, including staff employed through agencies.",
                "Saltmarsh Community Health Services",
                action="Training programme for care homes", progress="Four sessions delivered",
                when="Dec 2024"),
        ]),
    ],
    "footer_note": "Evidence of impact is reviewed by the SAR Subgroup before a recommendation is closed.",
}

# --- k. recommendations as bullet paragraphs in Word ------------------------------------------------------
WSAB = ("The Board", "WSAB", "Wrenford SAB")
BULLETS_MR_J: dict[str, Any] = {
    "file": "bullets/wrenford_sar_2022_02_summary.docx",
    "family": "bullets", "format": "docx", "review_kind": "SAR",
    "partnership": "Wrenford Safeguarding Adults Board",
    "title": "Wrenford Safeguarding Adults Board",
    "subtitle": "Safeguarding Adults Review: Mr J - Summary report",
    "paragraphs": [
        ("Heading 1", "Why we did this review"),
        (None, "Mr J was a 39-year-old man with a diagnosis of schizophrenia who lived in a hostel in "
               "Wrenford. He died in June 2022 of an overdose of prescribed and illicit drugs, eight days "
               "after he was discharged from a mental health ward. The Wrenford Safeguarding Adults Board "
               "decided that the case met the criteria for a Safeguarding Adults Review because agencies "
               "could have worked together more effectively to protect him."),
        ("Heading 1", "What we found"),
        (None, "The review found that:"),
        ("List Bullet", "Mr J's discharge was planned around the availability of a bed elsewhere, not around "
                        "his needs, and the hostel was told of his discharge on the day it happened;"),
        ("List Bullet", "his medication was supplied for fourteen days without a plan for how it would be "
                        "stored safely in a hostel where other residents used drugs;"),
        ("List Bullet", "the care coordinator was on leave and no one was covering the case; and"),
        ("List Bullet", "hostel staff recommended that Mr J see his GP, but did not know how to contact the "
                        "mental health crisis team."),
        ("Heading 1", "Recommendations"),
        (None, "The Board has accepted the following recommendations and has asked each organisation to "
               "report back within six months."),
    ],
    "recs": [
        rec(None, "That the Board seeks assurance that hospital discharge for people of no fixed abode or "
                  "living in hostels is planned with the accommodation provider at least two days before "
                  "discharge.",
            "Wrenford Safeguarding Adults Board", WSAB),
        rec(None, "Wrenford Mental Health Partnership NHS Trust should ensure that every patient discharged "
                  "from a ward has a named worker who will see them within 72 hours, and that cover is "
                  "arranged when the care coordinator is "
                  "absent.", "Wrenford Mental Health Partnership NHS Trust"),
        rec(None, "Ensure that a safe storage plan for medication is agreed before a person at risk of "
                  "overdose is discharged to shared accommodation.", None),
        rec(None, "Wrenford Borough Council should include in its contracts with hostel providers a "
                  "requirement that staff are trained in mental health awareness and know how to contact the "
                  "crisis team.",
            "Wrenford Borough Council"),
        rec(None, "That the Board asks the NHS Northmere and Wrenford Integrated Care Board to review the "
                  "commissioning of community pharmacy supervised consumption for people leaving hospital.",
            "Wrenford Safeguarding Adults Board", WSAB),
        rec(None, "Northmere Constabulary should share with the hostel, under the information sharing "
                  "agreement, any intelligence that drugs are being supplied to "
                  "residents.", "Northmere Constabulary"),
    ],
    "after": [
        ("Heading 1", "What happens next"),
        (None, "The Board's Learning and Development Subgroup will use this review in its training "
               "programme. The full report is available on the Board's website."),
    ],
}

# --- l. CSPR overview report in Word: "Learning point N:" paragraphs, recommendations as Word's own numbered
# list ("List Number") then as "Recommendation 3:" paragraphs, an appendix action plan whose header spans two
# rows (merged "Recommendation" / "Response" cells over the column names). A tester's document (2026-12-06).
FENMOOR_CHILD_T: dict[str, Any] = {
    "file": "cspr_findings/fenmoor_cspr_child_t.docx",
    "family": "cspr_findings", "format": "docx", "review_kind": "CSPR",
    "partnership": "Fenmoor Children's Safeguarding Partnership",
    "title": "Fenmoor Children's Safeguarding Partnership",
    "front": ["Child Safeguarding Practice Review: Child T", "Overview report, March 2025"],
    "introduction": (
        "1. Introduction",
        "This review was commissioned by Fenmoor Children's Safeguarding Partnership after Child T, aged 3, "
        "was seriously harmed at home. Ms Dorothy Ashcombe, the allocated social worker, and Dr Raj Pillay, "
        "the family GP, contributed to the review."),
    "learning_heading": "2. Learning",
    "learning": [("1", "Professionals focused on the mother and did not see the father as a carer."),
                 ("2", "Referrals from schools about neglect were screened out without a chronology.")],
    "recs_heading": "3. Recommendations",
    # the first two in Word's numbered list (the number is Word's, not in the text), then "Recommendation N:"
    "listed": 2,
    "recs": [
        rec("1", "Fenmoor Children's Services should review how referrals from schools about neglect are "
                 "screened at the front door.",
            "Fenmoor Children's Services"),
        rec("2", "The Partnership should commission multi-agency training on recognising disguised "
                 "compliance.",
            "Fenmoor Children's Safeguarding Partnership",
            ("The Partnership", "Children's Safeguarding Partnership")),
        rec("3", "Kestrel Valley NHS Foundation Trust should ensure health visitors record the father's "
                 "details at every new birth visit.", "Kestrel Valley NHS Foundation Trust"),
        rec("4", "Fenmoor Police should share domestic abuse notifications involving children under five "
                 "with health visiting within 24 hours.", "Fenmoor Police"),
    ],
    "appendix_heading": "Appendix A: Action plan",
    "appendix_groups": ("Recommendation", "Response"),
    "appendix_header": ("No", "Recommendation", "Action", "Lead agency", "Target date", "Status"),
    "appendix_rows": [
        ("1", "Review screening of school neglect referrals",
         "Audit 50 school referrals screened out in 2024",
         "Fenmoor Children's Services", "31 March 2026", "In progress"),
        ("", "", "Revise front door screening guidance", "Fenmoor Children's Services", "June 2026",
         "Not started"),
        ("2", "Training on disguised compliance", "Deliver training to 200 staff across agencies",
         "Fenmoor Children's Safeguarding Partnership", "December 2026", "Not started"),
        ("3", "Record fathers at new birth visits", "Amend the new birth visit record template",
         "Kestrel Valley NHS Foundation Trust", "30/04/2026", "Complete"),
        ("4", "Share DA notifications with health visiting",
         "Agree notification protocol between police and health visiting", "Fenmoor Police", "Jan 2026",
         "Ongoing"),
    ],
}

# --- m. DHR executive summary in Word: "17.1" paragraphs under agency sub-headings, the first sub-heading
# "Panel recommendations" (owners from the sentence), the others an agency whose items start "To ...".
# A tester's document (2026-12-06); exec_agency_headings/ holds the same words as text.
LOWFIELD_ROSA: dict[str, Any] = {
    "file": "exec_agency_headings/lowfield_dhr_12_executive_summary.docx",
    "family": "exec_agency_headings", "format": "docx", "review_kind": "DHR",
    "partnership": "Lowfield Community Safety Partnership",
    "front": ["Lowfield Community Safety Partnership",
              "Domestic Homicide Review into the death of \"Rosa\" (DHR-12)", "Executive Summary"],
    "before": ("16. Conclusions",
               "Rosa was killed by her former partner in 2023. Sergeant Paul Whitby and Mrs Elaine Ford gave "
               "evidence to the panel."),
    "recs_heading": "17. Recommendations",
    "sections": [
        ("Panel recommendations", [
            rec("17.1", "Lowfield Community Safety Partnership to assure itself that MARAC referrals are "
                        "made within the agreed timescale.", "Lowfield Community Safety Partnership"),
            rec("17.2", "All agencies to review their domestic abuse policies against the Domestic Abuse Act "
                        "2021.", "All agencies", collective=True),
        ]),
        ("Lowfield Constabulary", [
            rec("17.3", "To ensure DVPNs are considered at every repeat incident.", "Lowfield Constabulary"),
            rec("17.4", "To train call handlers in recognising coercive control.", "Lowfield Constabulary"),
        ]),
        ("Lowfield Integrated Care Board", [
            rec("17.5", "To ensure GP practices record MARAC outcomes on the patient record.",
                "Lowfield Integrated Care Board"),
        ]),
    ],
    "after": ("18. Next steps", "The action plan will be monitored by the CSP Board."),
}
