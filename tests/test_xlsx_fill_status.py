"""A tracker that rates its actions by the colour of an empty RAG cell, with no word in it: the colour is
read as the rating ("Red (cell colour)") and then as a status like a written one, through the plan's key
where it has one. A coloured empty cell in any other column says nothing. Invented tracker only."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from openpyxl.styles import PatternFill

from reviewgraph.graph.store import Store
from reviewgraph.ingest.pipeline import ingest_into

FILLS = {"red": "FFFF0000", "amber": "FFFFC000", "green": "FF00B050", "blue": "FF0070C0", "white": "FFFFFFFF"}


def _tracker(tmp_path: Path, colours: list[str], key: bool, header: str = "RAG") -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Kelmouth Community Safety Partnership - DHR 14 - Action Plan Tracker"])
    if key:
        ws.append(["RAG key: Red = not started, Amber = in progress, Green = complete"])
    ws.append(["Rec", "Recommendation", "Action", "Lead agency", "Target date", header])
    for k, colour in enumerate(colours, 1):
        ws.append([str(k), f"Kelmouth Police should review practice area {k}.", f"Review area {k}",
                   "Kelmouth Police", "31/03/2026", None])
        ws.cell(row=ws.max_row, column=6).fill = PatternFill("solid", fgColor=FILLS[colour])
        ws.cell(row=ws.max_row, column=3).fill = PatternFill("solid", fgColor=FILLS["red"])  # not a RAG column
    path = tmp_path / "kelmouth-dhr-14-tracker.xlsx"
    wb.save(path)
    return path


def _statuses(tmp_path: Path, path: Path) -> dict[str, tuple[str, str | None]]:
    store = Store(tmp_path / "db")
    ingest_into(store, [path])
    return {a.text: (str(a.status), a.status_raw) for a in store.graph().of_kind("Action")}


@pytest.mark.parametrize("header", ["RAG", "Status", "RAG status", "Current status"])
def test_colour_alone_is_the_rating(tmp_path, header) -> None:
    got = _statuses(tmp_path, _tracker(tmp_path, ["red", "amber", "green", "white"], key=True, header=header))
    assert {k: v[0] for k, v in got.items()} == {"Review area 1": "not_started", "Review area 2": "in_progress",
                                                "Review area 3": "complete", "Review area 4": "unknown"}
    assert all(t.startswith("Review area") for t in got)  # the red fill of the action cells wrote nothing


def test_blue_beside_green_rates_by_brag_without_a_key(tmp_path) -> None:
    got = _statuses(tmp_path, _tracker(tmp_path, ["green", "blue"], key=False))
    assert {k: v[0] for k, v in got.items()} == {"Review area 1": "in_progress", "Review area 2": "complete"}
