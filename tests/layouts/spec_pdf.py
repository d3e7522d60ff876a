"""What the PDF documents of the layout corpus say, and their ground truth (see build_binary.py)."""

from __future__ import annotations

from typing import Any

from tests.layouts.spec_word import rec

# --- l. joint DHR/SAR executive summary: inline owner labels ------------------------------------------------
JOINT_OLIVE: dict[str, Any] = {
    "file": "joint_dhr_sar/northmere_joint_review_olive.pdf",
    "family": "joint_dhr_sar", "format": "pdf", "review_kind": "DHR/SAR",
    "partnership": "Northmere Community Safety Partnership and Northmere Safeguarding Adults Board",
    "running_header": "OFFICIAL",
    "title": "Joint Domestic Homicide Review and Safeguarding Adults Review: 'Olive'",
    "subtitle": "Executive Summary - Northmere Community Safety Partnership and Northmere Safeguarding "
                "Adults Board",
    "before": [
        ("h", "1. The review"),
        ("p", "Olive was 82 when she died in hospital in April 2022 from injuries caused by her son, Peter, "
              "with whom she lived in Kettleby. Peter, who was 56, had a long history of alcohol dependence "
              "and had been Olive's only carer since her stroke in 2019. He pleaded guilty to manslaughter. "
              "Because Olive was an adult with care and support needs who was killed by a family member, the "
              "Northmere Community Safety Partnership and the Northmere Safeguarding Adults Board agreed to "
              "hold a joint review, chaired by an independent reviewer, Ms Joanna Pike."),
        ("p", "The review considered the contact that Northmere County Council Adult Social Care, Northmere "
              "Constabulary, Northmere Hospitals NHS Foundation Trust, the Northmere Recovery Service, "
              "Olive's GP practice and the domiciliary care agency had with Olive and Peter between January "
              "2019 and her death. Olive's granddaughter contributed to the review and described her "
              "grandmother as a proud, independent woman who had been a district nurse for thirty years."),
        ("h", "2. Key findings"),
        ("p", "Olive's care was arranged around Peter, who was seen by professionals as a devoted if "
              "struggling carer. His drinking was known to the GP and to the recovery service, but not to "
              "the social worker who reviewed Olive's care package, and the domiciliary care agency's "
              "reports of bruising were accepted as the result of falls. When Olive was admitted to hospital "
              "with a fractured arm in January 2022, the ward recommended a safeguarding referral, but the "
              "referral was not sent before she was discharged home. The panel found that the risk Peter "
              "posed to his mother was never assessed, and that Olive was not once asked, on her own, how "
              "things were at home."),
        ("h", "3. Recommendations"),
        ("p", "The panel makes four multi-agency recommendations, each with a named lead, and four "
              "single-agency recommendations. The two commissioning bodies have agreed a joint action plan."),
    ],
    "multi": [
        rec("1", "Develop a joint protocol for responding to abuse of older people by family members who are "
                 "also their carers, bringing together the adult safeguarding procedures and the MARAC.",
            "Northmere Safeguarding Adults Board", ("NSAB", "The Board"), label="Northmere Safeguarding "
                                                                                "Adults Board"),
        rec("2", "Commission a public awareness campaign about the abuse of older people in their own homes, "
                 "aimed at neighbours, family members and people who work in the community such as "
                 "pharmacists.",
            "Northmere Community Safety Partnership", ("CSP", "Community Safety Partnership"),
            label="Northmere Community Safety Partnership"),
        rec("3", "Ensure that a care package review includes a conversation with the person receiving care "
                 "without their carer present, and that the carer's own needs and any risks they pose are "
                 "assessed.", "Northmere County Council", label="Northmere County Council"),
        rec("4", "Every agency should make sure that its staff know how to raise a safeguarding concern "
                 "about an adult directly, without relying on another agency to do so.", "All agencies",
            collective=True, label="All agencies"),
    ],
    "single_heading": "Single-agency recommendations",
    "single": [
        rec(None, "Ensure that a safeguarding referral recommended by a ward is sent before the patient is "
                  "discharged, and that the discharge is delayed if necessary until it has been made.",
            "Northmere Hospitals NHS Foundation Trust", style="dash"),
        rec(None, "Ask every service user who is a carer whether the person they care for is safe, and share "
                  "concerns with adult social care.", "Northmere Recovery Service", style="colon"),
        rec(None, "Treat repeated reports of bruising on an older person from a domiciliary care agency as a "
                  "pattern requiring a safeguarding enquiry rather than as separate incidents.",
            "Northmere Constabulary", style="dash"),
        rec(None, "Remind care workers that unexplained bruising must be reported as a safeguarding concern "
                  "and not only recorded in the daily notes.", "Kettleby Home Care Ltd", style="colon"),
    ],
    "after": [
        ("h", "4. Conclusion"),
        ("p", "The panel concludes that Olive's death was not predictable on the information any single "
              "agency held, but that agencies together knew enough to have asked her, alone, whether she was "
              "safe. The Community Safety Partnership and the Board will monitor the joint action plan every "
              "quarter."),
    ],
}

# --- l. PDF action plans: a real ruled table with wrapped cells ------------------------------------------
WCSP = ("Community Safety Partnership", "CSP", "The Community Safety Partnership", "Safer Wrenford")
PLAN_DHR07: dict[str, Any] = {
    "file": "plan_pdf/wrenford_dhr_07_action_plan.pdf",
    "family": "plan_pdf", "format": "pdf", "review_kind": "DHR",
    "partnership": "Wrenford Community Safety Partnership",
    "title": "Wrenford Community Safety Partnership",
    "subtitle": "Domestic Homicide Review 07 ('Maya') - Action Plan. Progress as at 31 March 2024",
    "note": "This plan responds to the eight recommendations of the overview report into the death of Maya, "
            "approved for publication by the Home Office Quality Assurance Panel in November 2023. Local "
            "recommendations are monitored by the DHR Subgroup every quarter; national recommendations have "
            "been sent to the bodies concerned, and their replies will be published with the next update. "
            "Single-agency actions identified in the Individual Management Reviews are monitored by each "
            "agency and are not included here.",
    "header": ("No", "Recommendation", "Scope", "Action", "Lead agency", "Target date", "Outcome / evidence"),
    "recs": [
        rec("R1", "The Community Safety Partnership should commission a review of the pathway from a police "
                  "referral to specialist domestic abuse support, so that a victim who does not answer the "
                  "telephone is offered contact by other safe means before the referral is closed.",
            "Wrenford Community Safety Partnership", WCSP, scope="Local", lead="Wrenford Community Safety "
                                                                               "Partnership",
            actions=[("Commission the pathway review", "30/06/2024", "Review commissioned March 2024")]),
        rec("R2", "Northmere Constabulary should ensure that every reported incident of non-fatal "
                  "strangulation is treated as high risk and referred to MARAC, and should audit a sample of "
                  "such cases after twelve "
                  "months.", "Northmere Constabulary", scope="Local", lead="Northmere Constabulary",
            actions=[("Change the DASH guidance and the MARAC referral criteria", "31/03/2024", "Complete"),
                     ("Audit of 50 strangulation cases", "31/03/2025", "Not yet due")]),
        rec("R3", "The Probation Service should ensure that information held about previous partners of a "
                  "person under investigation for a domestic abuse offence is shared with the police officer "
                  "in the case.", "Probation Service", ("The Probation Service",), scope="Regional",
            lead="Probation Service",
            actions=[("Information sharing protocol with Northmere Constabulary", "30/09/2024", "In draft")]),
        rec("R4", "Train housing options staff to ask about domestic abuse whenever a joint tenant asks to "
                  "move or to end a tenancy, and review the allocations policy for joint tenants who are "
                  "victims.",
            "Housing Services", ("Wrenford BC - Housing Services",
                                 "Wrenford Borough Council Housing Services",
                                 "Wrenford BC Housing Services"), scope="Local",
            lead="Wrenford BC - Housing Services",
            actions=[("Training for all housing options staff", "31/05/2024", "80% trained"),
                     ("Allocations policy review to Cabinet", "31/10/2024", "")]),
        rec("R5", "Wrenford Mental Health Partnership NHS Trust should ensure that practitioners assessing a "
                  "patient who describes conflict in an intimate relationship ask about domestic abuse and "
                  "consider the risk to the partner.", "Wrenford Mental Health Partnership NHS Trust",
            scope="Local", lead="Wrenford Mental Health Partnership NHS Trust",
            actions=[("Risk assessment template and training", "31/07/2024", "Template live")]),
        rec("R6", "Review the contact procedure so that no referral graded medium or high risk is closed "
                  "without an attempt at contact through a second agency.", None, scope="Local", lead="TBC",
            actions=[("Agree lead between the CSP and the commissioned service", "TBC", "")]),
        rec("R7", "The Home Office should require specialist domestic abuse services to make contact with "
                  "victims by more than one safe route before closing a referral after a high-risk incident.",
            "Home Office", ("The Home Office",), scope="National", lead="Home Office",
            actions=[("Letter from the CSP chair with the overview report", "31/01/2024", "Letter sent")]),
        rec("R8", "NHS England should issue guidance to emergency departments that a disclosure of domestic "
                  "abuse made in response to routine enquiry is shared with the patient's GP.", "NHS England",
            scope="National", lead="NHS England",
            actions=[("Letter from the CSP chair", "31/01/2024", "Acknowledged")]),
    ],
}

CSCP = ("The Safeguarding Children Partnership", "Safeguarding Children Partnership", "The Partnership",
        "CSCP")
PLAN_CSPR: dict[str, Any] = {
    "file": "plan_pdf/coldbeck_cspr_2023_01_action_plan.pdf",
    "family": "plan_pdf", "format": "pdf", "review_kind": "CSPR",
    "partnership": "Coldbeck Safeguarding Children Partnership",
    "title": "Coldbeck Safeguarding Children Partnership",
    "subtitle": "Local Child Safeguarding Practice Review 2023/01 'Child S': multi-agency action plan",
    "note": "Agreed by the Partnership Executive on 9 November 2023. Sections group the recommendations by "
            "theme; the lead agency column names the organisation accountable for each one.",
    "header": ("Ref", "Recommendation", "Lead agency", "Key milestones", "Target", "RAG"),
    "sections": [
        ("Theme 1: Neglect and home conditions", [
            rec("1", "The Safeguarding Children Partnership should relaunch the neglect toolkit and require "
                     "its use in every assessment where home conditions are a concern.",
                "Coldbeck Safeguarding Children Partnership", CSCP,
                lead="Coldbeck Safeguarding Children Partnership",
                milestones="Toolkit relaunched; multi-agency audit at six months", when="Mar 2024", rag="G"),
            rec("2", "Ensure that health visitors see the child's sleeping arrangements at every home visit "
                     "where neglect has been identified.", "Coldbeck Community Health Services",
                lead="Coldbeck Community Health Services",
                milestones="Practice standard issued; record audit", when="Jan 2024", rag="G"),
        ]),
        ("Theme 2: Education and attendance", [
            rec("3", "Coldbeck Borough Council Education Services should make sure that a child missing "
                     "education for more than ten days is visited at home by the education welfare service.",
                "Education Services", ("Coldbeck Borough Council Education Services",
                                       "Coldbeck Borough Council - Education Services"),
                lead="Coldbeck Borough Council - Education Services",
                milestones="Revised children missing education procedure", when="Apr 2024", rag="A"),
            rec("4", "Schools should share attendance concerns with the allocated social worker every week "
                     "for children subject to a child protection plan.", None, lead="TBC",
                milestones="To be agreed with headteacher representatives", when="TBC", rag="R"),
        ]),
        ("Theme 3: Working with fathers and partners", [
            rec("5", "Coldbeck Borough Council Children's Social Care should ensure that assessments record "
                     "the involvement of every adult male in the household, including those who visit "
                     "regularly.",
                "Children's Social Care", ("Coldbeck Borough Council Children's Social Care",
                                           "Coldbeck Borough Council - Children's Social Care"),
                lead="Coldbeck Borough Council - Children's Social Care",
                milestones="Assessment template updated; practice week on fathers", when="Feb 2024", rag="A"),
            rec("6", "Make police information about adults in the household available to the social worker "
                     "before the first home visit in a child protection enquiry.", "Northmere Constabulary",
                lead="Northmere Constabulary",
                milestones="MASH information sharing procedure amended", when="Dec 2023", rag="G"),
            rec("7", "All agencies should include the learning from this review in their single-agency "
                     "safeguarding training for 2024.", "All agencies", collective=True, lead="All agencies",
                milestones="Confirmation from each agency", when="Dec 2024", rag="A"),
        ]),
    ],
    "key": "RAG: R = not started or behind; A = on track; G = complete.",
}
