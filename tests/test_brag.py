"""Statuses written as colours alone with no key: where a plan uses Blue, it rates by BRAG (Blue complete,
Green on track), so Green is an open action; without Blue, Green stays complete; a key the plan gives wins.
Over one table and over a workbook whose agencies' sheets use different colours. Invented plan only."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from openpyxl import Workbook

from reviewgraph.graph.store import Store
from reviewgraph.ingest.pipeline import ingest_into

TITLE = "Northby Safeguarding Adults Board - SAR Adult K - Action tracker"
HEADER = ["No", "Recommendation", "Action", "Lead agency", "Target date", "RAG"]
ROWS = [["1", "Northby Police to improve welfare checks.", "Introduce a log template", "Northby Police",
         "31/03/2025"],
        ["2", "Northby Council to adopt a self-neglect pathway.", "Publish the pathway", "Northby Council",
         "31/01/2025"],
        ["3", "Northby Homes to flag tenants with care needs.", "Flag tenants on the system", "Northby Homes",
         "30/11/2024"]]


def _statuses(tmp_path: Path, colours: list[str], fmt: str, key: list[str] | None = None) -> dict[str, str]:
    rows = [[*r, c] for r, c in zip(ROWS, colours, strict=True)]
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf)
        w.writerows([*([k] for k in key or []), [TITLE], HEADER, *rows])
        path = tmp_path / "northby-sar-adult-k-tracker.csv"
        path.write_text(buf.getvalue(), encoding="utf-8")
    else:  # one sheet per agency
        wb = Workbook()
        wb.remove(wb.active)
        for r, sheet in zip(rows, ("Police", "Adult Social Care", "Housing"), strict=True):
            ws = wb.create_sheet(sheet)
            ws.append([TITLE])
            ws.append(HEADER)
            ws.append(r)
        path = tmp_path / "northby-sar-adult-k-tracker.xlsx"
        wb.save(path)
    store = Store(tmp_path / "db")
    ingest_into(store, [path])
    g = store.graph()
    recs = {r.id: r.number for r in g.of_kind("Recommendation")}
    return {recs[e.source]: str(getattr(g.nodes[e.target].status, "value", g.nodes[e.target].status)) for e in g.edges.values() if e.type == "HAS_ACTION"}


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_green_beside_blue_is_on_track(tmp_path, fmt) -> None:
    assert _statuses(tmp_path, ["Green", "Amber", "Blue"], fmt) == \
        {"1": "in_progress", "2": "in_progress", "3": "complete"}


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_green_without_blue_is_complete(tmp_path, fmt) -> None:
    assert _statuses(tmp_path, ["Green", "Amber", "Green"], fmt) == \
        {"1": "complete", "2": "in_progress", "3": "complete"}


def test_a_key_says_what_green_means(tmp_path) -> None:
    key = ["Key: Green = complete; Amber = in progress; Blue = complete and embedded"]
    assert _statuses(tmp_path, ["Green", "Amber", "Blue"], "csv", key)["1"] == "complete"
