"""A note written across an action plan's table ("To be agreed at the next board") is no section heading:
it neither becomes the next recommendation's section (and so its owner's heading) nor goes missing; it is
listed as unplaced. An organisation's name across the table still heads the rows below it. Invented plan."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewgraph.graph.store import Store
from reviewgraph.ingest.pipeline import ingest_into

HEADER = ["No", "Recommendation", "Action", "Lead", "Target date", "Status"]
ROWS = [["1", "Northby Police to review missing episodes.", "Review episodes", "Northby Police", "31/03/2025", "Open"],
        ["2", "Northby Council to review housing.", "Review housing", "Northby Council", "31/03/2025", "Open"]]


def _render(fmt: str, between: str) -> str:
    rows = [HEADER, ROWS[0], [between] + [""] * 5, ROWS[1]]
    if fmt == "csv":
        return "Northby Community Safety Partnership - DHR-2 - Action plan\n" + "\n".join(
            ",".join(c for c in r) for r in rows) + "\n"
    if fmt == "md":
        out = ["# Northby Community Safety Partnership - DHR-2 - Action plan", ""]
        out.append("| " + " | ".join(HEADER) + " |")
        out.append("|" + "---|" * len(HEADER))
        out += ["| " + " | ".join(r) + " |" for r in rows[1:]]
        return "\n".join(out) + "\n"
    return "Northby Community Safety Partnership - DHR-2 - Action plan\n" + "\n".join("\t".join(r) for r in rows) + "\n"


GLUED = pytest.mark.xfail(strict=True, reason="known fault: in tab-separated text a line with one cell is "
                          "aligned by its words, not its column, so 'Actions reviewed ...' goes on the lead above "
                          "('Northby Police Actions' becomes an agency); reading such lines by position took "
                          "words off two of the samples' recommendations")


@pytest.mark.parametrize("fmt", ["csv", "md", "txt"])
@pytest.mark.parametrize("note", ["To be agreed at the next board", "Actions reviewed at the March meeting"])
def test_a_note_across_the_table_is_unplaced_not_a_section(tmp_path, fmt, note, request) -> None:
    if fmt == "txt" and note.startswith("Actions"):
        request.applymarker(GLUED)
    path = tmp_path / f"northby-dhr-2-plan.{fmt}"
    path.write_text(_render(fmt, note), encoding="utf-8")
    store = Store(tmp_path / "db")
    (result,) = ingest_into(store, [path])
    assert any(note in u.text for u in store.read_document(result.sha256).unplaced)  # listed, not lost
    recs = {r.number: r for r in store.graph().of_kind("Recommendation")}
    assert set(recs) == {"1", "2"}
    assert recs["2"].section is None and recs["2"].owner == "Northby Council"
    assert all(note not in (r.text or "") for r in recs.values())


@pytest.mark.parametrize("fmt", ["csv", "md", "txt"])
def test_an_organisation_across_the_table_still_heads_its_rows(tmp_path, fmt) -> None:
    path = tmp_path / f"northby-dhr-2-plan.{fmt}"
    path.write_text(_render(fmt, "Northby Homes"), encoding="utf-8")
    store = Store(tmp_path / "db")
    ingest_into(store, [path])
    recs = {r.number: r for r in store.graph().of_kind("Recommendation")}
    assert recs["2"].section == "Northby Homes"


@pytest.mark.parametrize("id_header", ["Action ID", "Action ref", "Action No.", "Action #"])
@pytest.mark.parametrize("where", [2, 3])
def test_an_action_id_column_is_no_action_text(tmp_path, id_header, where) -> None:
    """"No | Recommendation | Action ID | Action | ...": the actions are the Action column's words, the ids
    ("A1") are listed as unplaced, and neither is lost (the ids were taken as the actions and the actions
    dropped)."""
    header = ["No", "Recommendation", "Action", "Lead", "Target date", "Status"]
    header.insert(where, id_header)
    rows = []
    for k, (rec, act) in enumerate([("Northby Police to review missing episodes.", "Review episodes"),
                                    ("Northby Council to review housing.", "Review housing")], 1):
        row = [str(k), rec, act, "Northby Police", "31/03/2025", "Open"]
        row.insert(where, f"A{k}")
        rows.append(row)
    path = tmp_path / "northby-dhr-2-plan.csv"
    path.write_text("Northby Community Safety Partnership - DHR-2 - Action plan\n" +
                    "\n".join(",".join(r) for r in [header, *rows]) + "\n", encoding="utf-8")
    store = Store(tmp_path / "db")
    (result,) = ingest_into(store, [path])
    assert sorted(a.text for a in store.graph().of_kind("Action")) == ["Review episodes", "Review housing"]
    assert sorted(u.text for u in store.read_document(result.sha256).unplaced) == ["A1", "A2"]


@pytest.mark.parametrize("fmt", ["csv", "md"])
def test_an_owner_column_alone_makes_no_action(tmp_path, fmt) -> None:
    """"Ref | Recommendation | Owner": each row's owner, and no action (an empty action per row, led by the
    owner, was invented). With a target or a status the row's own progress is kept as before."""
    rows = [["SR1", "Stonebridge Police should review missing episodes.", "Stonebridge Police"],
            ["SR2", "Stonebridge Homes should review evictions.", "Stonebridge Homes"]]
    head = ["Rec Ref", "Recommendation", "Owner"]
    if fmt == "csv":
        text = "\n".join(",".join(r) for r in [head, *rows]) + "\n"
    else:
        text = "\n".join(["| " + " | ".join(head) + " |", "|---|---|---|"] +
                         ["| " + " | ".join(r) + " |" for r in rows]) + "\n"
    path = tmp_path / f"stonebridge-sar-edna-recommendations.{fmt}"
    path.write_text("Stonebridge Safeguarding Adults Board - SAR Edna - Recommendations\n\n" + text, encoding="utf-8")
    store = Store(tmp_path / "db")
    ingest_into(store, [path])
    g = store.graph()
    assert sorted(r.owner for r in g.of_kind("Recommendation")) == ["Stonebridge Homes", "Stonebridge Police"]
    assert list(g.of_kind("Action")) == []


def test_a_row_with_a_target_keeps_its_progress_as_an_action(tmp_path) -> None:
    path = tmp_path / "stonebridge-sar-edna-tracker.csv"
    path.write_text("Stonebridge Safeguarding Adults Board - SAR Edna - Tracker\n"
                    "Ref,Recommendation,Owner,Target date,Status\n"
                    "1,Stonebridge Police should review missing episodes.,Stonebridge Police,31/03/2026,Complete\n",
                    encoding="utf-8")
    store = Store(tmp_path / "db")
    ingest_into(store, [path])
    (action,) = store.graph().of_kind("Action")
    assert (action.target, str(action.status)) == ("2026-03-31", "complete")
