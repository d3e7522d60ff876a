"""The board report as a Word document (python-docx): A4 landscape, headings, tables, charts as pictures."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.shared import Cm, Pt, RGBColor

from reviewgraph.app.board.text import Chart, Figure, Heading, Para, Table, blocks
from reviewgraph.queries.board_report import BoardReport

__all__ = ["to_docx"]

_PAGE_W, _PAGE_H, _MARGIN = Cm(29.7), Cm(21.0), Cm(1.8)


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_CELL_PT = 17  # 8.5 pt, in half points


def _cell(text: str, width: int, head: bool, right: bool) -> str:
    shade = '<w:shd w:val="clear" w:color="auto" w:fill="E8ECEF"/>' if head else ""
    align = '<w:pPr><w:jc w:val="right"/></w:pPr>' if right else ""
    bold = "<w:b/>" if head else ""
    return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shade}</w:tcPr><w:p>{align}<w:r><w:rPr>{bold}'
            f'<w:sz w:val="{_CELL_PT}"/></w:rPr><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'
            "</w:tc>")


def _table(doc, block: Table) -> None:  # type: ignore[no-untyped-def]
    """The table as WordprocessingML, written in one piece (python-docx's row-by-row API takes seconds for
    the thousands of rows of a large store): grid style, fixed column widths, the header row repeated on
    each page the table runs onto, no row split between pages."""
    usable = int((_PAGE_W - 2 * _MARGIN) * block.fraction / 635)  # EMU to twentieths of a point
    total = sum(block.widths)
    widths = [int(usable * w / total) for w in block.widths]
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    head = "".join(_cell(c, widths[i], True, False) for i, c in enumerate(block.columns))
    rows = "".join("<w:tr><w:trPr><w:cantSplit/></w:trPr>"
                   + "".join(_cell(v, widths[i], False, i in block.numeric) for i, v in enumerate(r))
                   + "</w:tr>" for r in block.rows)
    xml = (f'<w:tbl xmlns:w="{_W}"><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="{sum(widths)}" '
           f'w:type="dxa"/><w:tblLayout w:type="fixed"/><w:tblLook w:val="04A0" w:firstRow="1" '
           f'w:lastRow="0" w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr>'
           f'<w:tblGrid>{grid}</w:tblGrid><w:tr><w:trPr><w:tblHeader/></w:trPr>{head}</w:tr>{rows}</w:tbl>')
    doc.element.body._insert_tbl(parse_xml(xml))
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
