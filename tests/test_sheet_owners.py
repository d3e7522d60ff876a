"""A tracker with a sheet per agency, named by a short form ("Police", "Housing"): the recommendations' owner
is the body the sheet's title names ("... - Brackenford Police", "... - Brackenford Homes"), so two
partnerships' "Police" sheets do not become one body; a sheet whose title names no such body keeps its name.
Invented bodies only."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from reviewgraph.graph.store import Store
from reviewgraph.ingest.pipeline import ingest_into

HEADER = ["Ref", "Recommendation", "Action required", "Responsible officer", "Target", "RAG"]


def _owners(tmp_path: Path, sheets: list[tuple[str, str | None, str]]) -> dict[str, str | None]:
    wb = Workbook()
    wb.remove(wb.active)
    for k, (sheet, title, rec) in enumerate(sheets, 1):
        ws = wb.create_sheet(sheet)
        if title:
            ws.append([title])
        ws.append(HEADER)
        ws.append([str(k), rec, "Deliver the change", "Service manager", "31/03/2026", "Amber"])
    path = tmp_path / "brackenford-sar-mr-q-tracker.xlsx"
    wb.save(path)
    store = Store(tmp_path / "db")
    ingest_into(store, [path])
    return {r.text: r.owner for r in store.graph().of_kind("Recommendation")}


def test_a_sheets_short_name_is_the_body_its_title_names(tmp_path) -> None:
    owners = _owners(tmp_path, [
        ("Police", "SAR Mr Q - Action Tracker - Brackenford Police", "Improve recording of welfare checks."),
        ("Adult Social Care", "SAR Mr Q - Action Tracker - Brackenford Adult Social Care",
         "Adopt a self-neglect and hoarding pathway."),
        ("Housing", "SAR Mr Q: Brackenford Homes", "Identify tenants with care and support needs."),
    ])
    assert owners == {"Improve recording of welfare checks.": "Brackenford Police",
                      "Adopt a self-neglect and hoarding pathway.": "Brackenford Adult Social Care",
                      "Identify tenants with care and support needs.": "Brackenford Homes"}


def test_a_title_naming_no_such_body_leaves_the_sheets_name(tmp_path) -> None:
    owners = _owners(tmp_path, [
        ("Police", "Brackenford Safeguarding Adults Board - SAR Mr Q", "Improve recording of welfare checks."),
        ("Housing", None, "Identify tenants with care and support needs."),
    ])
    assert owners == {"Improve recording of welfare checks.": "Police",
                      "Identify tenants with care and support needs.": "Housing"}
