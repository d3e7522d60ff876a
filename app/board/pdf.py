"""The board report as a PDF (ReportLab's platypus): A4 landscape, tables whose header repeats on each page,
the charts as images, page numbers.

Text is set in DejaVu Sans, the font matplotlib ships (so every character a review may hold, not only
Latin-1, is drawn, and the text can be copied out of the PDF). Every cell is a ``Paragraph``, whose markup is
XML: text is escaped before it becomes one.
"""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm, inch
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import CondPageBreak, Image, Paragraph, SimpleDocTemplate, Spacer, TableStyle
from reportlab.platypus import Table as RLTable

from reviewgraph.app.board.text import Chart, Figure, Heading, Para, Table, blocks
from reviewgraph.queries.board_report import BoardReport

__all__ = ["to_pdf", "FONT", "CHUNK"]

FONT, BOLD = "RGDejaVuSans", "RGDejaVuSans-Bold"
#: rows per table piece: a long table is laid out in pieces (the header repeated on each) that mostly fit
#: on a page, so ReportLab seldom splits one (a split wraps its rows again)
CHUNK = 12
_MARGIN = 1.6 * cm
#: the room a heading needs below it on a page (else it starts the next)
_KEEP = 4 * cm


@lru_cache(maxsize=1)
def _fonts() -> tuple[str, str]:
    import matplotlib

    ttf = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    pdfmetrics.registerFont(TTFont(FONT, str(ttf / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(BOLD, str(ttf / "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=BOLD, italic=FONT, boldItalic=BOLD)
    return FONT, BOLD


def _styles() -> dict[str, ParagraphStyle]:
    font, bold = _fonts()
    return {
        "title": ParagraphStyle("title", fontName=bold, fontSize=18, leading=22, spaceAfter=8),
        "h1": ParagraphStyle("h1", fontName=bold, fontSize=13.5, leading=17, spaceBefore=12, spaceAfter=6,
                             textColor=colors.HexColor("#1f3b57")),
        "h2": ParagraphStyle("h2", fontName=bold, fontSize=10.5, leading=13, spaceBefore=8, spaceAfter=4),
        "body": ParagraphStyle("body", fontName=font, fontSize=9.5, leading=12.5, spaceAfter=6),
        "note": ParagraphStyle("note", fontName=font, fontSize=8.5, leading=11, spaceAfter=5,
                               textColor=colors.HexColor("#444b52")),
        "subtitle": ParagraphStyle("subtitle", fontName=bold, fontSize=12, leading=15, spaceAfter=6),
        "cell": ParagraphStyle("cell", fontName=font, fontSize=7.5, leading=9.2),
        "num": ParagraphStyle("num", fontName=font, fontSize=7.5, leading=9.2, alignment=TA_RIGHT),
        "head": ParagraphStyle("head", fontName=bold, fontSize=7.5, leading=9.2),
    }


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def _tables(block: Table, styles: dict[str, ParagraphStyle], usable: float) -> list[RLTable]:
    total = sum(block.widths)
    widths = [usable * block.fraction * w / total for w in block.widths]
    head = [_p(c, styles["head"]) for c in block.columns]
    look = TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#9aa3ab")),
                       ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8ecef")),
                       ("VALIGN", (0, 0), (-1, -1), "TOP"),
                       ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                       ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2)])
    rows = [[_p(v, styles["num"] if i in block.numeric else styles["cell"]) for i, v in enumerate(r)]
            for r in block.rows]
    out = []
    for start in range(0, max(len(rows), 1), CHUNK):
        t = RLTable([head, *rows[start:start + CHUNK]], colWidths=widths, repeatRows=1, splitByRow=1,
                    hAlign="LEFT")
        t.setStyle(look)
        out.append(t)
    return out


def _image(chart: Chart, usable: float) -> Image:
    width = min(usable, chart.width_in * inch)
    height = width * chart.height_in / chart.width_in
    img = Image(io.BytesIO(chart.png), width=width, height=height)
    img.hAlign = "CENTER"
    return img


def to_pdf(report: BoardReport, charts: list[Chart]) -> bytes:
    """The report as ``.pdf`` bytes."""
    styles = _styles()
    page = landscape(A4)
    usable = page[0] - 2 * _MARGIN
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=page, leftMargin=_MARGIN, rightMargin=_MARGIN, topMargin=_MARGIN,
                            bottomMargin=_MARGIN, title=report.title, author="reviewgraph",
                            subject=f"As of {report.as_of_text}; {report.scope}", creator="reviewgraph",
                            producer="reviewgraph")
    footer = f"Board report as of {report.as_of_text}. Produced by reviewgraph."

    def on_page(canvas, doc_) -> None:  # type: ignore[no-untyped-def]
        canvas.saveState()
        canvas.setFont(FONT, 7.5)
        canvas.setFillColor(colors.HexColor("#666d74"))
        canvas.drawString(_MARGIN, 0.9 * cm, footer)
        canvas.drawRightString(page[0] - _MARGIN, 0.9 * cm, f"Page {doc_.page}")
        canvas.restoreState()

    # a heading and the paragraphs under it start a new page when less than _KEEP is left on this one, so
    # they are not left at a page's foot apart from what they introduce (a page break on a condition, not
    # KeepTogether, which would lay out what it holds once more)
    story: list = []
    for block in blocks(report, charts):
        if isinstance(block, Heading):
            story.append(CondPageBreak(_KEEP))
            story.append(_p(block.text, styles[("title", "h1", "h2")[min(block.level, 2)]]))
        elif isinstance(block, Para):
            story.append(_p(block.text, styles.get(block.style, styles["body"])))
        elif isinstance(block, Table):
            story.extend([*_tables(block, styles, usable), Spacer(1, 6)])
        elif isinstance(block, Figure):
            story.extend([_image(block.chart, usable), Spacer(1, 6)])
    doc.build(story, onFirstPage=on_page, onLaterPages=on_page)
    return buf.getvalue()
