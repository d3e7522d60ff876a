"""One synthetic action plan (invented area, agencies and people), written as text, CSV, DOCX, PDF and XLSX.

Every format holds the same table: the same-graph test ingests each and compares the exports; the reader
tests check the lines each reader gets out of them. Deterministic: the same bytes every run, except where
the libraries stamp a creation time.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

TITLE = 'Kestrelford Community Safety Partnership DHR-7 ("Mara") Action Plan'
AS_OF = "Progress as at 30 June 2025"
HEADER = ("No", "Recommendation", "Scope", "Action to take", "Lead agency", "Start date", "Target date",
          "Outcome")

#: rows of the plan: a str is an agency heading row; a tuple is one recommendation row (cells of HEADER)
ROWS: list[str | tuple[str, ...]] = [
    "Kestrelford Community Safety Partnership",
    ("1.", ("That Kestrelford CSP seeks written assurance from all partner agencies that staff understand "
            "the MARAC referral pathway and when to use it."), "Local",
     "Audit of MARAC referrals made by partner agencies.", "Kestrelford CSP", "January 2025", "31 March 2025",
     "Complete. Audit reported to the board."),
    ("2.", "That the National Probation Service reviews how home visits are recorded in OASys.", "Local",
     "Briefing for all probation staff on case recording.", "NPS", "February 2025", "June 2025",
     "In progress"),
    ("3.", ("That Kestrelford Housing Trust trains housing officers to recognise coercive and controlling "
            "behaviour."), "Regional", "Deliver training to all housing officers.", "Kestrelford Housing Trust",
     "1 April 2025", "30 September 2025", "Not started"),
    "Kestrelford Police",
    ("4.", ("That Kestrelford Police ensures every domestic abuse crime is reviewed by a supervisor before "
            "it is closed."), "Local", "Supervisor review of domestic abuse crimes before closure.",
     "Kestrelford Police", "March 2025", "December 2025", "Ongoing"),
]

#: what any reader + parser should recover: number -> (owner cell, start, target)
EXPECTED = {r[0].rstrip("."): (r[4], r[5], r[6]) for r in ROWS if isinstance(r, tuple)}
#: the cell written as a real Excel date in the XLSX version
EXCEL_DATE = ("31 March 2025", dt.datetime(2025, 3, 31))


Rows = list[str | tuple[str, ...]]


def recs(rows: Rows = ROWS) -> list[tuple[str, ...]]:
    return [r for r in rows if isinstance(r, tuple)]


#: agency headings of the long plan (invented places and bodies), all different: real plans name each once
SECTIONS = [f"{place} {body}" for place in ("Kestrelford", "Wrenholm", "Fallowmere", "Osterby Vale", "Marlcombe",
                                            "Pellbridge", "Quenbury", "Rookhaven", "Hazelgrove")
            for body in ("Community Safety Partnership", "Police", "Housing Trust", "Adult Social Care",
                         "Recovery Service", "Hospitals Trust")]


def scaled_rows(n: int) -> Rows:
    """A plan of ``n`` recommendations (tests across page breaks, benchmarks): the four above, renumbered,
    under a different agency heading every four (up to 216 recommendations)."""
    out: Rows = []
    base = recs()
    for i in range(n):
        if i % 4 == 0:
            out.append(SECTIONS[(i // 4) % len(SECTIONS)])
        row = base[i % 4]
        out.append((f"{i + 1}.", *row[1:]))
    return out


def write_text(path: Path, rows: Rows = ROWS) -> Path:
    out = [TITLE, AS_OF, "\t".join(HEADER)]
    for row in rows:
        out.append("\t" + row + "\t" * (len(HEADER) - 2) if isinstance(row, str) else "\t".join(row))
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return path


def write_csv(path: Path, delimiter: str = ",", encoding: str = "utf-8", rows: Rows = ROWS) -> Path:
    with open(path, "w", newline="", encoding=encoding) as fh:
        w = csv.writer(fh, delimiter=delimiter)
        w.writerow([TITLE])
        w.writerow([AS_OF])
        w.writerow(HEADER)
        for row in rows:
            w.writerow(["", row] if isinstance(row, str) else row)
    return path


def write_docx(path: Path, rows: Rows = ROWS) -> Path:
    """The plan as a Word table; agency headings are rows merged across the table."""
    import docx

    d = docx.Document()
    d.add_heading(TITLE, level=1)
    d.add_paragraph(AS_OF)
    table = d.add_table(rows=1, cols=len(HEADER))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, HEADER):
        cell.text = text
    for row in rows:
        cells = table.add_row().cells
        if isinstance(row, str):
            merged = cells[0].merge(cells[-1])
            merged.text = row
        else:
            for cell, text in zip(cells, row):
                cell.text = text
    d.save(path)
    return path


def write_xlsx(path: Path, rows: Rows = ROWS) -> Path:
    """The plan as a sheet; one target date is a real date cell, headings are merged across the row."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Action plan"
    ws.append([TITLE])
    ws.append([AS_OF])
    ws.append(list(HEADER))
    for row in rows:
        if isinstance(row, str):
            ws.append([row])
            ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=len(HEADER))
            continue
        values: list[object] = list(row)
        if values[6] == EXCEL_DATE[0]:
            values[6] = EXCEL_DATE[1]
        ws.append(values)
        if isinstance(values[6], dt.datetime):
            ws.cell(row=ws.max_row, column=7).number_format = "dd/mm/yyyy"
    wb.save(path)
    return path


def write_pdf(path: Path, *, ruled: bool = True, rows: Rows = ROWS) -> Path:
    """The plan as a landscape PDF table: with grid lines (``ruled``) or without any ruling lines."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    styles = getSampleStyleSheet()
    body = styles["BodyText"].clone("cell", fontSize=8, leading=10)
    data: list[list[object]] = [list(HEADER)]
    spans = []
    for row in rows:
        if isinstance(row, str):
            spans.append(("SPAN", (0, len(data)), (-1, len(data))))
            data.append([row] + [""] * (len(HEADER) - 1))
        else:
            data.append([Paragraph(c, body) if len(c) > 14 else c for c in row])
    widths = [28, 200, 50, 140, 95, 60, 70, 110]
    table = Table(data, colWidths=widths, repeatRows=1)
    style = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONTSIZE", (0, 0), (-1, -1), 8), *spans]
    if ruled:
        style.append(("GRID", (0, 0), (-1, -1), 0.5, colors.black))
    table.setStyle(TableStyle(style))
    doc = SimpleDocTemplate(str(path), pagesize=landscape(A4), invariant=1, title=TITLE)
    doc.build([Paragraph(TITLE, styles["Heading1"]), Paragraph(AS_OF, styles["BodyText"]), table])
    return path


WRITERS = {"text": write_text, "csv": write_csv, "docx": write_docx, "xlsx": write_xlsx,
           "pdf": lambda p, rows=ROWS: write_pdf(p, ruled=True, rows=rows),
           "pdf_unruled": lambda p, rows=ROWS: write_pdf(p, ruled=False, rows=rows)}
SUFFIX = {"text": ".txt", "csv": ".csv", "docx": ".docx", "xlsx": ".xlsx", "pdf": ".pdf", "pdf_unruled": ".pdf"}


def write(kind: str, folder: Path, stem: str = "kestrelford-dhr-7-action-plan", rows: Rows = ROWS) -> Path:
    return WRITERS[kind](folder / f"{stem}{SUFFIX[kind]}", rows=rows)


# -- an overview report: learning and recommendations sections, numbered, with agency headings ----------------
REPORT_TITLE = ["Kestrelford Community Safety Partnership", "Domestic Homicide Review DHR-7", "Overview Report",
                "'Mara'"]
#: (section number, title, items); an item is (number, text) or an agency heading (str)
REPORT: list[tuple[int, str, list[tuple[str, str] | str]]] = [
    (16, "Learning", [
        ("16.1", ("Professional curiosity was not applied when Mara disclosed abuse to her GP. "
                 "Recommendations 17.1 and 17.3 apply.")),
        ("16.2", "Information about risk was not shared with the MARAC. Recommendation 17.2 applies."),
    ]),
    (17, "Recommendations", [
        "Panel recommendations",
        ("17.1", ("That Kestrelford CSP seeks written assurance that staff in all agencies ask about domestic "
                 "abuse when a patient discloses it.")),
        ("17.2", "That Kestrelford CSP reviews how partner agencies refer cases to the MARAC."),
        "Kestrelford Police",
        ("17.3", "That Kestrelford Police trains call handlers in the use of the DASH risk checklist."),
    ]),
]


def write_report_text(path: Path) -> Path:
    out = [*REPORT_TITLE, ""]
    for number, title, items in REPORT:
        out += [f"{number} {title}", ""]
        for item in items:
            out += [item if isinstance(item, str) else f"{item[0]} {item[1]}", ""]
    path.write_text("\n".join(out), encoding="utf-8")
    return path


def write_report_docx(path: Path) -> Path:
    """The report with Word's automatic numbering: "16." and "16.1" are not in the text, as in real reports."""
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    d = docx.Document()
    for line in REPORT_TITLE:
        d.add_paragraph(line)
    numbering = d.part.numbering_part.element
    numbering.append(parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="77">'
        f'<w:lvl w:ilvl="0"><w:start w:val="{REPORT[0][0]}"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/>'
        '</w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/>'
        '</w:lvl></w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="77"><w:abstractNumId w:val="77"/></w:num>'))

    def numbered(text: str, level: int, style: str | None = None) -> None:
        p = d.add_paragraph(text, style=style)
        p._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="77"/></w:numPr>'))

    for _, title, items in REPORT:
        numbered(title, 0, "Heading 1")
        for item in items:
            if isinstance(item, str):
                d.add_heading(item, level=2)
            else:
                numbered(item[1], 1)
    d.save(path)
    return path


def write_report_pdf(path: Path) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    styles = getSampleStyleSheet()
    story = [Paragraph(line, styles["BodyText"]) for line in REPORT_TITLE]
    for number, title, items in REPORT:
        story.append(Paragraph(f"{number} {title}", styles["Heading1"]))
        for item in items:
            story.append(Paragraph(item, styles["Heading2"]) if isinstance(item, str)
                         else Paragraph(f"{item[0]} {item[1]}", styles["BodyText"]))
    SimpleDocTemplate(str(path), pagesize=A4, invariant=1).build(story)
    return path


def write_xlsx_per_agency(path: Path, rows: Rows = ROWS) -> Path:
    """The plan as a workbook with a summary sheet and one sheet per agency heading, each with its own
    header row and its own numbering from 1 (as partnerships keep live plans)."""
    import openpyxl

    wb = openpyxl.Workbook()
    summary = wb.active
    summary.title = "RAG summary"
    summary.append([TITLE])
    summary.append(["Agency", "Recommendations"])
    ws = None
    for row in rows:
        if isinstance(row, str):
            ws = wb.create_sheet(row[:31])  # Excel allows 31 characters
            ws.append([f"{TITLE}: {row}"])
            ws.append([AS_OF])
            ws.append(list(HEADER))
            summary.append([row, 0])
            continue
        assert ws is not None, "a plan's first row is an agency heading"
        ws.append([f"{ws.max_row - 2}.", *row[1:]])
        summary.cell(row=summary.max_row, column=2).value += 1
    wb.save(path)
    return path
