"""XLSX reader: lines out of workbooks made with openpyxl (sheets, merges, dates, serials, numbers)."""

from __future__ import annotations

import datetime as dt

import pytest

from reviewgraph.ingest.readers import open_document
from tests import format_docs as fd

openpyxl = pytest.importorskip("openpyxl")


def _cells(lines):
    return [ln.cells for ln in lines if not ln.blank]


def test_plan_sheet_rows_with_a_date_cell_as_text(tmp_path):
    reading = open_document(fd.write("xlsx", tmp_path))
    assert reading.reader == "xlsx"
    cells = _cells(reading.lines)
    assert cells[:3] == [(fd.TITLE,), (fd.AS_OF,), fd.HEADER]
    assert [c for c in cells if c[0].endswith(".")] == fd.recs()  # the datetime cell reads "31 March 2025"
    assert {(ln.sheet, ln.page) for ln in reading.lines} == {("Action plan", 1)}
    assert [ln.no for ln in reading.lines] == list(range(1, len(cells) + 1))


def test_sheets_rows_merges_serials_and_numbers(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Summary"
    ws.append(["RAG summary"])
    ws.append([])  # an empty row: a blank line, and the next keeps its sheet row number
    ws.append(["Agency", "Open"])
    ws.append(["Kestrelford Police", 3])
    police = wb.create_sheet("Police")
    police.append(["No", "Recommendation", "Action", "Target date", "Budget"])
    police.append([17.3, "Review supervision of domestic abuse crimes.", "Dip sample 50 cases", 45747, 45747])
    police.append([None, None, "Report to the board", dt.date(2025, 6, 30), None])
    police.merge_cells("B2:B3")  # the recommendation merged down over its two action rows
    hidden = wb.create_sheet("Lookups")
    hidden.append(["Red", "Amber", "Green"])
    hidden.sheet_state = "hidden"
    path = tmp_path / "plan.xlsx"
    wb.save(path)
    reading = open_document(path)
    assert [(ln.sheet, ln.page, ln.no, ln.cells) for ln in reading.lines] == [
        ("Summary", 1, 1, ("RAG summary",)),
        ("Summary", 1, 2, ()),  # the empty row is a blank line, as in text
        ("Summary", 1, 3, ("Agency", "Open")),
        ("Summary", 1, 4, ("Kestrelford Police", "3")),
        ("Police", 2, 1, ("No", "Recommendation", "Action", "Target date", "Budget")),
        # serial under "Target date" is a date; the same number under "Budget" stays a number
        ("Police", 2, 2, ("17.3", "Review supervision of domestic abuse crimes.", "Dip sample 50 cases",
                          "31 March 2025", "45747")),
        ("Police", 2, 3, ("", "", "Report to the board", "30 June 2025")),
    ]
    assert any("plan.xlsx" in w and "Lookups" in w for w in reading.warnings)


def test_formula_cells_give_their_cached_value_or_nothing(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Actions", "=1+1"])  # written by openpyxl: no cached value, so the cell reads empty
    path = tmp_path / "formula.xlsx"
    wb.save(path)
    assert _cells(open_document(path).lines) == [("Actions",)]


def test_serials_follow_the_workbooks_date_system(tmp_path):
    from openpyxl.utils.datetime import CALENDAR_MAC_1904

    path = tmp_path / "mac.xlsx"
    wb = openpyxl.Workbook()
    wb.epoch = CALENDAR_MAC_1904
    wb.active.append(["No", "Action", "Target date"])
    wb.active.append([1, "Audit", 44000])  # 1904 system: 19 June 2024 (the 1900 system would say 18 June 2020)
    wb.save(path)
    assert open_document(path).lines[1].cells == ("1", "Audit", "19 June 2024")
