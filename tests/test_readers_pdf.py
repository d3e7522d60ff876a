"""PDF reader: lines out of PDFs made with reportlab (ruled and unruled tables, prose, pages, scans)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewgraph.ingest.readers import ReadError, open_document
from tests import format_docs as fd

pytest.importorskip("reportlab")


def _cells(lines):
    return [ln.cells for ln in lines if not ln.blank]


def test_ruled_table_gives_one_line_per_row_with_a_cell_per_column(tmp_path):
    reading = open_document(fd.write("pdf", tmp_path))
    assert reading.reader == "pdf" and reading.pages == 1
    cells = _cells(reading.lines)
    assert cells[0] == (fd.TITLE,)
    assert cells[1] == (fd.AS_OF,)
    assert cells[2] == fd.HEADER
    recs = [c for c in cells if c[0].endswith(".") and len(c) == len(fd.HEADER)]
    assert recs == fd.recs()
    heading = cells[3]
    assert heading[0] == "Kestrelford Community Safety Partnership" and not any(heading[1:])
    assert [ln.no for ln in reading.lines] == list(range(1, len(reading.lines) + 1))
    assert {ln.page for ln in reading.lines} == {1}


def test_unruled_table_columns_are_rebuilt_from_word_positions(tmp_path):
    reading = open_document(fd.write("pdf_unruled", tmp_path))
    cells = _cells(reading.lines)
    assert cells[2] == fd.HEADER
    assert cells[1] == (fd.AS_OF,)  # a paragraph above the table stays one cell
    # every recommendation starts a row with its number in the first column ...
    starts = [i for i, c in enumerate(cells) if c and c[0] in {r[0] for r in fd.recs()}]
    assert [cells[i][0] for i in starts] == [r[0] for r in fd.recs()]
    # ... and its wrapped lines continue in the same columns, so joining a column gives the cell back
    for i, rec in zip(starts, fd.recs()):
        end = next((j for j in range(i + 1, len(cells)) if cells[j][0]), len(cells))
        for col in (1, 3, 4, 6):
            joined = " ".join(c[col] for c in cells[i:end] if len(c) > col and c[col])
            assert joined == rec[col], (rec[0], fd.HEADER[col])


def test_pages_are_provenance_and_line_numbers_run_through_the_document(tmp_path):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = tmp_path / "three-pages.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    for page in range(1, 4):
        for i in range(3):
            c.drawString(72, 760 - 14 * i, f"Paragraph {i + 1} on page {page} of the overview report.")
        c.showPage()
    c.save()
    reading = open_document(path)
    assert reading.pages == 3
    assert [ln.page for ln in reading.lines] == [1, 1, 1, 2, 2, 2, 3, 3, 3]
    assert [ln.no for ln in reading.lines] == list(range(1, 10))
    assert reading.lines[4].cells == ("Paragraph 2 on page 2 of the overview report.",)


def test_scanned_pdf_without_text_layer_is_refused_naming_the_file_and_ocr(tmp_path):
    from PIL import Image
    from reportlab.pdfgen import canvas

    img = tmp_path / "scan.png"
    Image.new("L", (200, 100), color=200).save(img)
    path = tmp_path / "scanned-plan.pdf"
    c = canvas.Canvas(str(path))
    c.drawImage(str(img), 50, 500, width=400, height=200)
    c.showPage()
    c.save()
    with pytest.raises(ReadError) as err:
        open_document(path)
    msg = str(err.value)
    assert msg.startswith("scanned-plan.pdf:") and "OCR" in msg and "\n" not in msg


def test_partly_scanned_pdf_warns_with_the_pages_missing(tmp_path):
    from PIL import Image
    from reportlab.pdfgen import canvas

    img = tmp_path / "scan.png"
    Image.new("L", (200, 100), color=200).save(img)
    path = tmp_path / "mixed.pdf"
    c = canvas.Canvas(str(path))
    c.drawString(72, 700, "Recommendations")
    c.showPage()
    c.drawImage(str(img), 50, 500, width=400, height=200)
    c.showPage()
    c.save()
    reading = open_document(path)
    assert _cells(reading.lines) == [("Recommendations",)]
    assert any("mixed.pdf" in w and "page 2" in w for w in reading.warnings)


def test_encrypted_pdf_is_refused_with_one_clear_line(tmp_path):
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen import canvas

    path = tmp_path / "locked.pdf"
    c = canvas.Canvas(str(path), encrypt=StandardEncryption("a-user-password"))
    c.drawString(72, 700, "Not for you")
    c.save()
    with pytest.raises(ReadError) as err:
        open_document(path)
    msg = str(err.value)
    assert msg.startswith("locked.pdf:") and "password" in msg and "\n" not in msg


def test_pdf_protected_only_by_an_owner_password_is_read(tmp_path):
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen import canvas

    path = tmp_path / "no-print.pdf"
    c = canvas.Canvas(str(path), encrypt=StandardEncryption("", ownerPassword="owner", canPrint=0))
    c.drawString(72, 700, "Readable by anyone")
    c.save()
    assert _cells(open_document(path).lines) == [("Readable by anyone",)]


@pytest.mark.parametrize("keep", [0.5, 0.1])
def test_truncated_pdf_is_refused_naming_the_file(tmp_path, keep):
    data = fd.write("pdf", tmp_path).read_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(data[: int(len(data) * keep)])
    with pytest.raises(ReadError) as err:
        open_document(path)
    assert str(err.value).startswith("cut.pdf:") and "\n" not in str(err.value)


def test_text_beside_a_ruled_table_keeps_its_place_in_reading_order(tmp_path):
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    styles = getSampleStyleSheet()
    path = tmp_path / "order.pdf"
    t = Table([["No", "Recommendation"], ["1", "Share the learning"]])
    t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
    SimpleDocTemplate(str(path), pagesize=A4).build(
        [Paragraph("Before the table", styles["BodyText"]), t, Paragraph("After the table", styles["BodyText"])])
    assert _cells(open_document(path).lines) == [("Before the table",), ("No", "Recommendation"),
                                                 ("1", "Share the learning"), ("After the table",)]


def test_pdf_reader_reads_bytes_given_by_the_caller(tmp_path):
    path = fd.write("pdf", tmp_path)
    data = path.read_bytes()
    assert _cells(open_document(Path("elsewhere.pdf"), data).lines) == _cells(open_document(path).lines)


def test_a_border_round_the_page_is_not_a_table(tmp_path):
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = tmp_path / "bordered.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    c.rect(36, 36, A4[0] - 72, A4[1] - 72)
    c.drawString(72, 760, "16. Learning")
    c.drawString(72, 740, "16.1 Professional curiosity was missing.")
    c.save()
    assert _cells(open_document(path).lines) == [("16. Learning",), ("16.1 Professional curiosity was missing.",)]


def test_paragraph_breaks_are_blank_lines_and_wrapped_lines_are_not(tmp_path):
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    body = getSampleStyleSheet()["BodyText"]  # 6 points of space after each paragraph
    path = tmp_path / "report.pdf"
    long = "That the partnership reviews how its agencies share information about risk. " * 3
    SimpleDocTemplate(str(path), pagesize=A4).build(
        [Paragraph("Kestrelford Police", body), Paragraph(f"17.1 {long}", body), Paragraph("17.2 Audit.", body)])
    lines = open_document(path).lines
    shape = ["" if ln.blank else ln.cells[0][:5] for ln in lines]
    assert shape[0] == "Kestr" and shape[1] == "" and shape[2] == "17.1 "
    assert "" not in shape[2:shape.index("17.2 ") - 1]  # the wrapped lines of 17.1 follow each other
    assert shape[shape.index("17.2 ") - 1] == ""


@pytest.mark.parametrize("rules", ["LINEBELOW", "BOX", "INNERGRID"])
def test_partly_ruled_tables_still_give_their_columns(tmp_path, rules):
    """Rules under rows only, a box only, or inside lines only (no outer border): every cell in its column."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.platypus import SimpleDocTemplate, Table, TableStyle

    data = [list(fd.HEADER[:3]), ["1.", "Share the learning", "Local"], ["2.", "Audit referrals", "Regional"]]
    t = Table(data, colWidths=[40, 200, 80])
    t.setStyle(TableStyle([(rules, (0, 0), (-1, -1), 0.5, colors.black)]))
    path = tmp_path / f"{rules}.pdf"
    SimpleDocTemplate(str(path), pagesize=landscape(A4)).build([t])
    assert _cells(open_document(path).lines) == [tuple(r) for r in data]


def test_the_fast_path_gives_the_lines_pdfplumber_gives(tmp_path):
    """Pages without vector graphics are read from pdfium's words: the same lines as pdfplumber's, to the cell."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from reviewgraph.ingest.readers import pdf

    prose = tmp_path / "prose.pdf"
    body = getSampleStyleSheet()["BodyText"]
    SimpleDocTemplate(str(prose), pagesize=A4).build(
        [Paragraph(f"{i}.{j} The panel found that information about risk was not shared with the MARAC. " * 3, body)
         for i in range(14, 18) for j in range(1, 8)])
    paths = [prose, fd.write("pdf_unruled", tmp_path, rows=fd.scaled_rows(30)),
             fd.write_report_pdf(tmp_path / "report.pdf"), fd.write("pdf", tmp_path, stem="ruled")]
    for path in paths:
        data = path.read_bytes()
        fast, slow = pdf.read_document(path, data), pdf.read_document(path, data, fast=False)
        assert fast.lines == slow.lines, path.name
        assert fast.pages == slow.pages and len(fast.lines) > 5
