"""A review's response table that names each recommendation by its number alone ("Rec | Response | Lead | By
when | Status"), below or apart from the list that gives the recommendations' words: each row is that
recommendation's action, never a recommendation of its own. And a lead cell naming an organisation and a
post ("NHFT Named Nurse for Safeguarding Adults") gives the organisation. Invented places and bodies only,
rendered in several layouts with the rows in random orders."""

from __future__ import annotations

import random
from html import escape
from pathlib import Path

import pytest

from reviewgraph.graph.agencies import AgencyRegistry
from reviewgraph.graph.store import Store
from reviewgraph.ingest.columns import resolve_roles, role_of
from reviewgraph.ingest.pipeline import ingest_into

RECS = [
    ("HSAB", "HSAB should refresh its self-neglect and hoarding policy and audit its use within 12 months."),
    ("Harrowdale Adult Social Care", "Harrowdale Adult Social Care should ensure that mental capacity "
     "assessments are recorded whenever a person refuses a care package."),
    ("NHFT", "NHFT should provide training for community nurses on recognising self-neglect."),
    ("Harrowdale Police", "Harrowdale Police should agree a protocol for sharing concerns about repeat falls."),
    ("HSAB", "HSAB should ask every partner to report on the use of the escalation procedure each year."),
]
RESPONSES = [
    ("Policy refreshed and launched at a practitioner event; audit scheduled.", "HSAB Business Manager",
     "March 2026", "In progress"),
    ("Recording template changed in the case system.", "Head of Adult Social Care", "30/09/2025", "Complete"),
    ("Training module commissioned from the trust's education team.", "NHFT Named Nurse for Safeguarding Adults",
     "December 2025", "Amber"),
    ("Protocol drafted, awaiting sign-off by the chief officers.", "Harrowdale Police", "31 January 2026",
     "Not started"),
    ("Annual reporting template sent to partners.", "HSAB Business Manager", "June 2026", "Complete"),
]
GLOSSARY = ("Harrowdale Safeguarding Adults Board (HSAB) and Northgate Healthcare NHS Foundation Trust (NHFT) "
            "took part in the review.")
HEADERS = [("Rec", "Response", "Lead", "By when", "Status"),
           ("Recommendation", "Agency response", "Lead", "Target date", "Status"),
           ("Rec.", "Response", "Owner", "Deadline", "RAG")]
NUMBERS = ["{}", "R{}", "Rec {}"]


def _html(order: list[int], header: tuple[str, ...], number: str) -> str:
    items = "".join(f"<li>{escape(text)}</li>" for _, text in RECS)
    head = "".join(f"<th>{escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in (number.format(i + 1), *RESPONSES[i]))
                   + "</tr>" for i in order)
    return (f"<html><head><title>Safeguarding Adults Review: Adult K</title></head><body>"
            f"<h1>Harrowdale Safeguarding Adults Review: Adult K</h1><p>{escape(GLOSSARY)}</p>"
            f"<h2>Recommendations</h2><ol>{items}</ol><h2>Board response</h2>"
            f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></body></html>")


def _markdown(order: list[int], header: tuple[str, ...], number: str) -> str:
    lines = ["# Harrowdale Safeguarding Adults Review: Adult K", "", GLOSSARY, "", "## Recommendations", ""]
    lines += [f"{i}. {text}" for i, (_, text) in enumerate(RECS, 1)]
    lines += ["", "## Board response", "", "| " + " | ".join(header) + " |",
              "|" + "---|" * len(header)]
    lines += ["| " + " | ".join((number.format(i + 1), *RESPONSES[i])) + " |" for i in order]
    return "\n".join(lines) + "\n"


def _ingest(tmp_path: Path, name: str, text: str):  # type: ignore[no-untyped-def]
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    store = Store(tmp_path / "db")
    ingest_into(store, [path])
    return store.graph()


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("render,suffix", [(_html, "html"), (_markdown, "md")])
def test_each_response_row_is_its_recommendations_action(tmp_path, seed, render, suffix) -> None:
    rnd = random.Random(seed)
    order = list(range(len(RECS)))
    rnd.shuffle(order)
    header, number = rnd.choice(HEADERS), rnd.choice(NUMBERS)
    g = _ingest(tmp_path, f"harrowdale-sar-adult-k.{suffix}", render(order, header, number))
    recs = {r.number: r for r in g.of_kind("Recommendation")}
    assert sorted(recs) == [str(i) for i in range(1, len(RECS) + 1)], (header, number)
    for i, (_, text) in enumerate(RECS):
        rec = recs[str(i + 1)]
        assert rec.text == text
        actions = [g.nodes[e.target] for e in g.edges.values() if e.type == "HAS_ACTION" and e.source == rec.id]
        assert [a.text for a in actions] == [RESPONSES[i][0]], (header, number, rec.number)
        assert actions[0].lead == RESPONSES[i][1]
    names = {a.name for a in g.of_kind("Agency")}
    assert "Northgate Healthcare NHS Foundation Trust" in names
    assert not any("Named Nurse" in n or "Business Manager" in n for n in names), names


def test_a_lone_rec_column_of_numbers_is_the_number_column() -> None:
    rows = [(f"R{i}", RESPONSES[i - 1][0], RESPONSES[i - 1][1], RESPONSES[i - 1][2]) for i in range(1, 5)]
    assert resolve_roles(("Rec", "Response", "Lead", "By when"), rows)[:2] == ("number", "action")
    # a Recommendation column of words stays the recommendation
    words = [(text, *RESPONSES[i][:3]) for i, (_, text) in enumerate(RECS[:4])]
    assert resolve_roles(("Recommendation", "Response", "Lead", "By when"), words)[0] == "recommendation"


@pytest.mark.parametrize("header", ["Response", "Agency response", "Board Response", "Responses"])
def test_a_response_column_is_the_action(header: str) -> None:
    assert role_of(header) == "action"


@pytest.mark.parametrize("cell,agency", [
    ("FCHT Safeguarding Lead", "FCHT"),
    ("NHFT Named Nurse for Safeguarding Adults", "NHFT"),
    ("Kestrel Vale Council Head of Housing", "Kestrel Vale Council"),
    ("Wrenmere Council Lead for Adult Safeguarding", "Wrenmere Council"),
    ("Lark Moor Recovery Safeguarding Lead", "Lark Moor Recovery"),
    ("Sandy Elstow Head of Service Wrenmere Recovery Service", "Wrenmere Recovery Service"),
])
def test_a_post_after_an_organisation_is_no_part_of_its_name(cell: str, agency: str) -> None:
    found = AgencyRegistry.load().resolve(cell)
    assert found is not None and found.agency.name == agency


@pytest.mark.parametrize("cell", [
    "Tamsin Vale Recovery Service Ezra Quillfeather Head of Service Pellow Housing",  # whose head? unread
    "FCHT Head of Service FDAS",
    # a person the name lists miss ("Farthing" is an English word) before a post, a body after it
    "Pat Farthing Head of Service Brackenhaven Police",
])
def test_two_organisations_around_a_post_are_not_guessed_between(cell: str) -> None:
    assert AgencyRegistry.load().resolve(cell) is None


@pytest.mark.parametrize("render,suffix", [(_html, "html"), (_markdown, "md")])
def test_two_rows_with_one_number_are_two_actions_of_that_recommendation(tmp_path, render, suffix) -> None:
    extra = ("Audit of recording in six months.", "Head of Adult Social Care", "March 2026", "Not started")
    text = render([0, 1, 2, 3, 4], HEADERS[0], "{}")
    # the extra row, numbered 2 like the row before it
    row = f"<tr><td>2</td>{''.join(f'<td>{escape(c)}</td>' for c in extra)}</tr>" if suffix == "html" \
        else "| " + " | ".join(("2", *extra)) + " |"
    anchor = "<tr><td>3</td>" if suffix == "html" else "| 3 |"
    text = text.replace(anchor, row + ("" if suffix == "html" else "\n") + anchor, 1)
    g = _ingest(tmp_path, f"harrowdale-sar-adult-k.{suffix}", text)
    recs = {r.number: r for r in g.of_kind("Recommendation")}
    assert sorted(recs) == ["1", "2", "3", "4", "5"]
    actions = sorted(g.nodes[e.target].text for e in g.edges.values()
                     if e.type == "HAS_ACTION" and e.source == recs["2"].id)
    assert actions == sorted([RESPONSES[1][0], extra[0]])


@pytest.mark.parametrize("cell,parts", [
    ("Harrowdale Police and the Ambulance Service", ["Harrowdale Police", "Ambulance Service"]),
    ("Harrowdale Council and Harrowdale Police", ["Harrowdale Council", "Harrowdale Police"]),
    ("Harrowdale Police, Harrowdale Council and the Ambulance Service",
     ["Harrowdale Police", "Harrowdale Council", "Ambulance Service"]),
])
def test_a_list_of_bodies_nobody_registered_is_read_as_its_bodies(cell: str, parts: list[str]) -> None:
    found = AgencyRegistry.load().resolve(cell)
    assert found is not None and found.shared and [p.agency.name for p in found.parts] == parts


@pytest.mark.parametrize("cell", ["Harrowdale Police and Crime Commissioner",
                                  "Harrowdale Children and Families Service", "Wrenmere Drug and Alcohol Service",
                                  "Harrowdale Health and Wellbeing Board"])
def test_one_body_with_and_in_its_name_stays_one(cell: str) -> None:
    found = AgencyRegistry.load().resolve(cell)
    assert found is not None and not found.shared and found.agency.name == cell
