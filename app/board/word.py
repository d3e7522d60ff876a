"""The board report as a Word document (python-docx): A4 landscape, headings, tables, charts as pictures."""

from __future__ import annotations

import io
from datetime import UTC, datetime

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from app.board.text import Chart, Figure, Heading, Para, Table, blocks
from queries.board_report import BoardReport

__all__ = ["to_docx"]

_PAGE_W, _PAGE_H, _MARGIN = Cm(29.7), Cm(21.0), Cm(1.8)


def _repeat_header(row) -> None:  # type: ignore[no-untyped-def]
    """Mark a table's first row to repeat at the top of each page it runs onto."""
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def _table(doc, block: Table) -> None:  # type: ignore[no-untyped-def]
    usable = (_PAGE_W - 2 * _MARGIN) * block.fraction
    total = sum(block.widths)
    widths = [int(usable * w / total) for w in block.widths]
    table = doc.add_table(rows=1, cols=len(block.columns))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    table.autofit = False
    head = table.rows[0]
    _repeat_header(head)
    for i, name in enumerate(block.columns):
        cell = head.cells[i]
        cell.text = ""
        run = cell.paragraphs[0].add_run(name)
        run.bold = True
        run.font.size = Pt(8.5)
        shade = OxmlElement("w:shd")
        shade.set(qn("w:val"), "clear")
        shade.set(qn("w:fill"), "E8ECEF")
        cell._tc.get_or_add_tcPr().append(shade)
    for values in block.rows:
        cells = table.add_row().cells
        for i, value in enumerate(values):
            para = cells[i].paragraphs[0]
            run = para.add_run(value)
            run.font.size = Pt(8.5)
            if i in block.numeric:
                para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for row in table.rows:
        for i, cell in enumerate(row.cells):
            cell.width = widths[i]
    doc.add_paragraph()


def _figure(doc, chart: Chart) -> None:  # type: ignore[no-untyped-def]
    usable = _PAGE_W - 2 * _MARGIN
    width = min(usable, Cm(chart.width_in * 2.54))
    doc.add_picture(io.BytesIO(chart.png), width=width)
    pic = doc.inline_shapes[-1]
    pic._inline.docPr.set("descr", chart.alt)
    pic._inline.docPr.set("title", chart.title)
    doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER


def to_docx(report: BoardReport, charts: list[Chart]) -> bytes:
    """The report as ``.docx`` bytes."""
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = _PAGE_W, _PAGE_H
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, _MARGIN)
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10)
    footer = section.footer.paragraphs[0]
    footer.text = f"Board report as of {report.as_of_text}. Produced by reviewgraph."
    footer.runs[0].font.size = Pt(8)

    props = doc.core_properties
    props.title = report.title
    props.subject = f"As of {report.as_of_text}; {report.scope}"
    props.author = props.last_modified_by = "reviewgraph"
    props.comments = props.keywords = props.category = ""
    props.revision = 1
    now = datetime.now(UTC).replace(microsecond=0, tzinfo=None)
    props.created = props.modified = now

    for block in blocks(report, charts):
        if isinstance(block, Heading):
            doc.add_heading(block.text, level=block.level)
        elif isinstance(block, Para):
            para = doc.add_paragraph()
            run = para.add_run(block.text)
            if block.style == "subtitle":
                run.font.size = Pt(13)
                run.bold = True
            elif block.style == "note":
                run.italic = True
                run.font.color.rgb = RGBColor(0x44, 0x4B, 0x52)
        elif isinstance(block, Table):
            _table(doc, block)
        elif isinstance(block, Figure):
            _figure(doc, block.chart)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
