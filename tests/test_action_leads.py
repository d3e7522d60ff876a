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
    assert [n.name for n in g.of_kind("Agency") if n.name == "Northby Council Adult Social Care"] == []


def test_a_person_or_a_post_is_no_department() -> None:
    assert department_of("Northmere NHS Foundation Trust - Leslie Stanlow Safeguarding Lead") is None
    assert department_of("Northmere Borough Council - Head of Service") is None
    assert department_of("Northmere Borough Council - Children's Services") == \
        ("Northmere Borough Council", "Children's Services")
