"""An action's lead cell is read as a recommendation's owner is: through the document's glossary
("NHFT Named Nurse for Safeguarding Adults" is the trust the glossary names), a council's department
("Northby Council Adult Social Care" is the same department node as the recommendation's owner), never a
person or a post as a body. Invented bodies only."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from reviewgraph.graph.owners import department_of
from reviewgraph.graph.store import Store
from reviewgraph.ingest.pipeline import ingest_into

HEADER = ["No", "Recommendation", "Action", "Lead", "Target date", "Status"]


def _graph(tmp_path: Path, lines: list[list[str]]):  # type: ignore[no-untyped-def]
    buf = io.StringIO()
    csv.writer(buf).writerows(lines)
    path = tmp_path / "northby-dhr-2-action-plan.csv"
    path.write_text(buf.getvalue(), encoding="utf-8")
    store = Store(tmp_path / "db")
    ingest_into(store, [path])
    return store.graph()


def _led_by(g) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    out: dict[str, list[str]] = {}
    for e in g.edges.values():
        if e.type == "LED_BY":
            out.setdefault(g.nodes[e.source].text, []).append(g.nodes[e.target].id)
    return out


def test_a_lead_through_the_glossary_and_a_post(tmp_path) -> None:
    g = _graph(tmp_path, [
        ["Northby Community Safety Partnership - DHR-2 - Action plan"],
        ["Abbreviations: NHFT Northgate Healthcare NHS Foundation Trust; NDAS Northby Domestic Abuse Service."],
        HEADER,
        ["1", "NHFT to train community nurses on coercive control.", "Deliver training",
         "NHFT Named Nurse for Safeguarding Adults", "31/03/2025", "Open"],
        ["2", "NDAS to offer outreach to older victims.", "Start an outreach clinic", "Sam Reed Service Manager NDAS",
         "30/06/2025", "Open"],
    ])
    names = {a.id: a.name for a in g.of_kind("Agency")}
    led = {text: [names[i] for i in ids] for text, ids in _led_by(g).items()}
    assert led == {"Deliver training": ["Northgate Healthcare NHS Foundation Trust"],
                   "Start an outreach clinic": ["Northby Domestic Abuse Service"]}
    assert not any("Named Nurse" in n or "Sam Reed" in n for n in names.values())


def test_a_departments_lead_is_the_owners_department(tmp_path) -> None:
    g = _graph(tmp_path, [
        ["Northby Community Safety Partnership - DHR-2 - Action plan"], HEADER,
        ["1", "Northby Council Adult Social Care to review how carers' concerns are recorded.",
         "New recording standard", "Northby Council Adult Social Care", "31/03/2025", "In progress"],
    ])
    rec = next(iter(g.of_kind("Recommendation")))
    owner = [e.target for e in g.edges.values() if e.type == "ADDRESSED_TO" and e.source == rec.id]
    assert _led_by(g) == {"New recording standard": owner}
    # one node for the department (named with its council), not a second body read from the lead cell
    assert [n.id for n in g.of_kind("Agency") if n.name == "Northby Council Adult Social Care"] == owner


def test_a_person_or_a_post_is_no_department() -> None:
    assert department_of("Northmere NHS Foundation Trust - Leslie Stanlow Safeguarding Lead") is None
    assert department_of("Northmere Borough Council - Head of Service") is None
    assert department_of("Northmere Borough Council - Children's Services") == \
        ("Northmere Borough Council", "Children's Services")


def test_a_post_in_a_team_nobody_names_is_no_agency(tmp_path) -> None:
    """"Tenancy Services Manager" is a person's job in a team whose body the cell does not name: no agency
    "Tenancy Services". A post before a body's name is that body's post, whatever words its place is made of
    ("Lee Yeadon Head of Service Egret Cross Recovery Service"); a place before a kind of body is a body ("Kestrel Vale
    Housing Manager")."""
    g = _graph(tmp_path, [
        ["Northby Community Safety Partnership - DHR-2 - Action plan"], HEADER,
        ["1", "Northby Homes to review tenancy sustainment.", "Audit 20 tenancy files", "Tenancy Services Manager",
         "31/03/2025", "Open"],
        ["2", "Northby Homes to review allocations.", "Report to the Board", "Housing Options Team Leader",
         "31/03/2025", "Open"],
        ["3", "Egret Cross Recovery Service to offer outreach.", "Start a clinic",
         "Lee Yeadon Head of Service Egret Cross Recovery Service", "30/06/2025", "Open"],
        ["4", "Kestrel Vale Housing to review evictions.", "Review notices", "Kestrel Vale Housing Manager",
         "30/06/2025", "Open"],
    ])
    names = {a.id: a.name for a in g.of_kind("Agency")}
    assert not any(n.startswith(("Tenancy Services", "Housing Options")) for n in names.values()), names
    led = {text: [names[i] for i in ids] for text, ids in _led_by(g).items()}
    assert led == {"Start a clinic": ["Egret Cross Recovery Service"], "Review notices": ["Kestrel Vale Housing"]}
    leads = {a.text: a.lead for a in g.of_kind("Action")}
    assert leads["Audit 20 tenancy files"] == "Tenancy Services Manager"  # the text is kept as written


def test_a_part_of_the_owners_name_is_no_other_agency(tmp_path) -> None:
    """A recommendation to "Northby Council Adult Social Care" is addressed to the council's department,
    named with the council; the registry's generic "Adult Social Care" read inside those words is no second
    body the recommendation mentions. A body the text names besides its owner is still mentioned, and so is
    the council the department is part of."""
    g = _graph(tmp_path, [
        ["Northby Community Safety Partnership - DHR-2 - Action plan"], HEADER,
        ["1", "Northby Council Adult Social Care to agree with the Probation Service how risk is shared.",
         "Joint protocol", "Northby Council Adult Social Care", "31/03/2025", "Open"],
    ])
    rec = next(iter(g.of_kind("Recommendation")))
    owner = [g.nodes[e.target] for e in g.edges.values() if e.type == "ADDRESSED_TO" and e.source == rec.id]
    assert [a.name for a in owner] == ["Northby Council Adult Social Care"]
    assert [g.nodes[e.target].name for e in g.edges.values()
            if e.type == "MEMBER_OF" and e.source == owner[0].id] == ["Northby Council"]
    mentioned = {g.nodes[e.target].name for e in g.edges.values() if e.type == "MENTIONS" and e.source == rec.id}
    assert "Adult Social Care" not in mentioned
    assert any("Probation" in n for n in mentioned), mentioned


def test_joint_owners_in_the_sentence_outrank_one_of_them_in_the_lead_column(tmp_path) -> None:
    """"Northby Police and Northby Community Health Services should ..." with the police in the lead column is
    owned by both (the lead column names one of the sentence's bodies); a lead column naming a body the
    sentence does not is the owner, as the owner rule says, and so is one body the sentence names alone."""
    g = _graph(tmp_path, [
        ["Northby Community Safety Partnership - DHR-2 - Action plan"], HEADER,
        ["1", "Northby Police and Northby Community Health Services should agree a joint protocol.",
         "Draft protocol", "Northby Police", "31/03/2025", "Open"],
        ["", "", "Sign off protocol", "Northby Community Health Services", "30/04/2025", "Open"],
        ["2", "Northby Police and Northby Community Health Services should share referrals.",
         "Share referrals", "Northby Recovery Service", "31/03/2025", "Open"],
        ["3", "Northby Police should review missing episodes.", "Review episodes",
         "Northby Community Health Services", "31/03/2025", "Open"],
    ])
    owners = {}
    for rec in g.of_kind("Recommendation"):
        (target,) = [e.target for e in g.edges.values() if e.type == "ADDRESSED_TO" and e.source == rec.id]
        parts = sorted(g.nodes[e.source].name for e in g.edges.values() if e.type == "MEMBER_OF" and e.target == target)
        owners[rec.number] = parts or [g.nodes[target].name]
    assert owners == {"1": ["Northby Community Health Services", "Northby Police"],
                      "2": ["Northby Recovery Service"], "3": ["Northby Community Health Services"]}
