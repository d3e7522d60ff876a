"""CSV reader: delimiters sniffed, encodings detected, quoted newlines kept inside their cell."""

from __future__ import annotations

import pytest

from reviewgraph.ingest.readers import open_document
from tests import format_docs as fd


def _cells(lines):
    return [ln.cells for ln in lines if not ln.blank]


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_plan_as_csv_with_any_common_delimiter(tmp_path, delimiter):
    path = fd.write_csv(tmp_path / "plan.csv", delimiter=delimiter)
    reading = open_document(path)
    assert reading.reader == "csv" and not reading.warnings
    cells = _cells(reading.lines)
    assert cells[2] == fd.HEADER
    assert [c for c in cells if c[0].endswith(".")] == fd.recs()


def test_windows_encoding_is_read_with_a_warning(tmp_path):
    path = tmp_path / "plan.csv"
    path.write_bytes("No,Recommendation\n1,Café staff – training\n".encode("cp1252"))
    reading = open_document(path)
    assert _cells(reading.lines) == [("No", "Recommendation"), ("1", "Café staff – training")]
    assert reading.warnings and reading.warnings[0].startswith("plan.csv:")


def test_bom_quoted_newlines_and_record_numbers(tmp_path):
    path = tmp_path / "plan.csv"
    path.write_bytes('\ufeffNo,Action\n1,"Train staff,\nthen audit"\n\n2,Report\n'.encode("utf-8"))
    lines = open_document(path).lines
    assert [(ln.no, ln.cells) for ln in lines] == [  # the empty record is a blank line, as in text
        (1, ("No", "Action")), (2, ("1", "Train staff, then audit")), (3, ()), (4, ("2", "Report"))]


def test_tsv_extension_means_tabs(tmp_path):
    path = tmp_path / "plan.tsv"
    path.write_text("No\tRecommendation, with a comma\n1\tShare it\n", encoding="utf-8")
    assert _cells(open_document(path).lines) == [("No", "Recommendation, with a comma"), ("1", "Share it")]


def test_excels_sep_line_names_the_delimiter(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text("sep=;\nNo;Recommendation, with a comma\n1;Share it\n", encoding="utf-8")
    lines = open_document(path).lines
    assert [(ln.no, ln.cells) for ln in lines] == [(2, ("No", "Recommendation, with a comma")), (3, ("1", "Share it"))]
