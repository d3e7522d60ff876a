"""A fixed-width plan (as pdftotext -layout writes it) whose page breaks inside a wrapped row: the tail of
that row on the next page, then a second action of the same recommendation with its own lead, date and
status. The second action stays an action of its own, its date its own (it was run into the first, whose
target date it replaced). Invented plan only."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewgraph.graph.store import Store
from reviewgraph.ingest.pipeline import ingest_into

W = (6, 32, 33, 18, 16)  # the columns' widths


def _line(*cells: str) -> str:
    return "".join(c.ljust(w) for c, w in zip(cells, W)).rstrip()


def _plan(page_break: str) -> str:
    lines = [
        "          Kestrel Vale Community Safety Partnership",
        "          Domestic Homicide Review \"Ada\" (DHR-9) - Action Plan, May 2025", "",
        _line("No", "Recommendation", "Action", "Lead", "Target date") + "  Status",
        _line("1", "Kestrel Vale Probation Unit to", "Review the allocation of cases", "Probation", "31 Oct 2025")
        + "  In progress",
        _line("", "check domestic abuse history at", "with domestic abuse flags", "Service"),
        _line("", "allocation."),
        _line("2", "Kestrel Vale Mental Health NHS", "Add a routine enquiry question", "Kestrel Vale", "March 2026")
        + "  Not started",
        _line("", "Trust to ask about domestic", "to the crisis team assessment", "Mental Health"),
        page_break,
        _line("", "abuse in crisis assessments.", "form"),
        _line("", "", "Audit 40 crisis assessments", "Kestrel Vale", "June 2026") + "  Not started",
        _line("", "", "after six months", "Mental Health"),
        _line("3", "Kestrel Vale Recovery Service", "Joint working protocol between", "Kestrel Vale", "Dec 2025")
        + "  Complete",
        _line("", "to share risk information with", "the two services to be signed", "Recovery"),
        _line("", "housing.", "", "Service"), "",
    ]
    return "\n".join(lines) + "\n"


FURNITURE = "\n" + " " * 80 + "Page 1 of 2\n                         OFFICIAL SENSITIVE"


@pytest.mark.parametrize("page_break", [FURNITURE, "\f"], ids=["footer and header", "form feed"])
def test_a_second_action_after_a_page_break_is_its_own(tmp_path: Path, page_break: str) -> None:
    path = tmp_path / "kestrel-vale-dhr-9-action-plan.txt"
    path.write_text(_plan(page_break), encoding="utf-8")
    store = Store(tmp_path / "db")
    ingest_into(store, [path])
    g = store.graph()
    rec = next(r for r in g.of_kind("Recommendation") if r.number == "2")
    actions = sorted((g.nodes[e.target] for e in g.edges.values() if e.type == "HAS_ACTION" and e.source == rec.id),
                     key=lambda a: a.ordinal)
    assert [(a.text, a.target, a.status.value if hasattr(a.status, "value") else a.status) for a in actions] == [
        ("Add a routine enquiry question to the crisis team assessment form", "2026-03-01", "not_started"),
        ("Audit 40 crisis assessments after six months", "2026-06-01", "not_started")]
    assert rec.text == "Kestrel Vale Mental Health NHS Trust to ask about domestic abuse in crisis assessments."
