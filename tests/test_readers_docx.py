"""DOCX reader: lines out of Word documents made with python-docx (tables, merges, tracked changes, lists)."""

from __future__ import annotations

import pytest

from reviewgraph.ingest.readers import open_document
from tests import format_docs as fd

docx = pytest.importorskip("docx")
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls


def _cells(lines):
    return [ln.cells for ln in lines if not ln.blank]


def _tracked_paragraph(doc, kept: str, inserted: str, deleted: str):
    p = doc.add_paragraph()
    p._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:t xml:space="preserve">{kept} </w:t></w:r>'))
    p._p.append(parse_xml(f'<w:ins {nsdecls("w")} w:id="1" w:author="Reviewer A" w:date="2025-01-01T00:00:00Z">'
                          f'<w:r><w:t xml:space="preserve">{inserted} </w:t></w:r></w:ins>'))
    p._p.append(parse_xml(f'<w:del {nsdecls("w")} w:id="2" w:author="Reviewer A" w:date="2025-01-01T00:00:00Z">'
                          f'<w:r><w:delText xml:space="preserve">{deleted} </w:delText></w:r></w:del>'))
    p._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:t>end.</w:t></w:r>'))
    return p


def test_plan_table_rows_come_out_with_a_cell_per_column(tmp_path):
    reading = open_document(fd.write("docx", tmp_path))
    cells = _cells(reading.lines)
    assert reading.reader == "docx"
    assert cells[:3] == [(fd.TITLE,), (fd.AS_OF,), fd.HEADER]
    assert [c for c in cells if len(c) == len(fd.HEADER) and c[0].endswith(".")] == fd.recs()
    # a heading row merged across the table gives its text once
    assert ("Kestrelford Community Safety Partnership",) in cells
    assert [ln.no for ln in reading.lines if not ln.blank] == list(range(1, len(cells) + 1))


def test_tracked_changes_are_read_as_accepted(tmp_path):
    d = docx.Document()
    _tracked_paragraph(d, "Staff should", "always", "sometimes")
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "1."
    cell = table.cell(0, 1)
    cell.text = ""
    _tracked_paragraph(cell, "Train", "every", "some")
    table.cell(1, 0).text = "2."
    table.cell(1, 1).text = "A row that was deleted"
    trpr = table.rows[1]._tr.get_or_add_trPr()
    trpr.append(parse_xml(f'<w:del {nsdecls("w")} w:id="3" w:author="A" w:date="2025-01-01T00:00:00Z"/>'))
    path = tmp_path / "tracked.docx"
    d.save(path)
    assert _cells(open_document(path).lines) == [("Staff should always end.",), ("1.", "Train every end.")]


def test_merged_cells_are_given_once_and_nested_content_is_joined(tmp_path):
    d = docx.Document()
    table = d.add_table(rows=3, cols=3)
    for r in range(3):
        for c in range(3):
            table.cell(r, c).text = f"r{r}c{c}"
    table.cell(0, 0).merge(table.cell(1, 0)).text = "down"      # vertical merge over two rows
    table.cell(2, 1).merge(table.cell(2, 2)).text = "across"    # horizontal merge over two columns
    cell = table.cell(0, 2)
    cell.text = "First paragraph."
    cell.add_paragraph("Second paragraph.")
    inner = cell.add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "inner a"
    inner.cell(0, 1).text = "inner b"
    path = tmp_path / "merged.docx"
    d.save(path)
    assert _cells(open_document(path).lines) == [
        ("down", "r0c1", "First paragraph. Second paragraph. inner a inner b"),
        ("", "r1c1", "r1c2"),
        ("r2c0", "across"),
    ]


def test_body_order_headings_and_paragraph_index_as_provenance(tmp_path):
    d = docx.Document()
    d.add_heading("17. Recommendations", level=1)
    d.add_paragraph("")  # an empty paragraph: no line, but it keeps its index
    d.add_heading("Kestrelford Police", level=2)
    t = d.add_table(rows=2, cols=2)
    t.cell(0, 0).text, t.cell(0, 1).text = "No", "Recommendation"
    t.cell(1, 0).text, t.cell(1, 1).text = "17.1", "Review supervision."
    d.add_paragraph("Closing paragraph.")
    path = tmp_path / "order.docx"
    d.save(path)
    lines = open_document(path).lines
    # paragraphs are set apart by blank lines (numbered like the line before), table rows are not
    assert [(ln.no, ln.cells) for ln in lines] == [
        (1, ("17. Recommendations",)), (2, ()), (3, ("Kestrelford Police",)), (3, ()), (4, ("No", "Recommendation")),
        (5, ("17.1", "Review supervision.")), (5, ()), (6, ("Closing paragraph.",))]


def test_automatic_list_numbers_are_put_back_in_front_of_the_text(tmp_path):
    d = docx.Document()
    for text in ("That the CSP reviews its MARAC protocol.", "That the police train call handlers."):
        d.add_paragraph(text, style="List Number")
    d.add_paragraph("A bulleted point.", style="List Bullet")
    path = tmp_path / "numbered.docx"
    d.save(path)
    texts = [ln.cells[0] for ln in open_document(path).lines if not ln.blank]
    assert texts == ["1. That the CSP reviews its MARAC protocol.", "2. That the police train call handlers.",
                     "A bulleted point."]


def test_multilevel_numbering_resets_deeper_levels(tmp_path):
    d = docx.Document()
    numbering = d.part.numbering_part.element
    numbering.append(parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">'
        '<w:lvl w:ilvl="0"><w:start w:val="16"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl>'
        '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%3)"/></w:lvl>'
        '</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    items = [(0, "Learning"), (1, "first lesson"), (1, "second lesson"), (2, "a detail"),
             (0, "Recommendations"), (1, "first recommendation"), (2, "its part")]
    for level, text in items:
        p = d.add_paragraph(text)
        p._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'))
    path = tmp_path / "levels.docx"
    d.save(path)
    assert [ln.cells[0] for ln in open_document(path).lines if not ln.blank] == [
        "16. Learning", "16.1 first lesson", "16.2 second lesson", "(a) a detail",
        "17. Recommendations", "17.1 first recommendation", "(a) its part"]


def test_a_plan_inside_a_layout_box_is_read_as_body(tmp_path):
    d = docx.Document()
    box = d.add_table(rows=1, cols=1)
    box.cell(0, 0).text = "DHR-7 action plan"
    inner = box.cell(0, 0).add_table(rows=2, cols=2)
    inner.cell(0, 0).text, inner.cell(0, 1).text = "No", "Recommendation"
    inner.cell(1, 0).text, inner.cell(1, 1).text = "1.", "Share the learning."
    path = tmp_path / "boxed.docx"
    d.save(path)
    assert _cells(open_document(path).lines) == [("DHR-7 action plan",), ("No", "Recommendation"),
                                                 ("1.", "Share the learning.")]
