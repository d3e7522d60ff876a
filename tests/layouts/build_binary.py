"""Build the Word, Excel and PDF documents of the layout corpus, and their ``.truth.json``, from the specs.

    python tests/layouts/build_binary.py            # (re)write them under tests/data/layouts/
    python tests/layouts/build_binary.py --check    # build in a temp dir; fail if a committed file differs

The words and the ground truth are in ``spec_word.py``, ``spec_excel.py`` and ``spec_pdf.py``; this module
only lays them out. The output is byte-for-byte reproducible: zip entries (docx, xlsx) get a fixed time and
order and the document properties a fixed date; reportlab runs in invariant mode.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import re
import sys
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # run as a script
    sys.path.insert(0, str(ROOT))

from tests.layouts import spec_excel, spec_pdf, spec_word  # noqa: E402

OUT = ROOT / "tests" / "data" / "layouts"
FIXED = dt.datetime(2024, 1, 1, 0, 0, 0)


# -- truth ---------------------------------------------------------------------------------------------------
def truth_of(spec: dict[str, Any], recs: list[dict[str, Any]],
             learning: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    return {
        "family": spec["family"], "format": spec["format"], "review_kind": spec["review_kind"],
        "partnership": spec["partnership"],
        "recommendations": [{"number": r["number"], "text": r["text"], "owner": r["owner"],
                             "owner_aliases": r["aliases"], "collective": r["collective"]} for r in recs],
        "learning": learning or [],
    }


def dump_truth(truth: dict[str, Any]) -> str:
    """The hand-written truth files' shape: one recommendation or learning item a line."""
    head = {k: v for k, v in truth.items() if k not in ("recommendations", "learning")}
    lines = ["{"] + [f"  {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}," for k, v in head.items()]
    for key in ("recommendations", "learning"):
        items = [f"    {json.dumps(x, ensure_ascii=False)}" for x in truth[key]]
        body = ("[\n" + ",\n".join(items) + "\n  ]") if items else "[]"
        lines.append(f"  {json.dumps(key)}: {body}" + ("," if key == "recommendations" else ""))
    return "\n".join(lines) + "\n}\n"


# -- reproducible zips ---------------------------------------------------------------------------------------
def normalise_zip(data: bytes) -> bytes:
    """Same content, fixed entry times and attributes, fixed dates in docProps/core.xml."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            blob = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                blob = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>2024-01-01T00:00:00Z",
                              blob)
            zi = zipfile.ZipInfo(info.filename, date_time=FIXED.timetuple()[:6])
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            dst.writestr(zi, blob)
    return out.getvalue()


# -- Word ----------------------------------------------------------------------------------------------------
def _docx() -> Any:
    from docx import Document

    doc = Document()
    cp = doc.core_properties
    cp.author, cp.last_modified_by, cp.revision = "Business Unit", "Business Unit", 1
    cp.created = cp.modified = cp.last_printed = FIXED
    return doc


def _landscape(doc: Any) -> None:
    from docx.enum.section import WD_ORIENT

    s = doc.sections[0]
    s.orientation = WD_ORIENT.LANDSCAPE
    s.page_width, s.page_height = s.page_height, s.page_width


def _shade(cell: Any, fill: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shd)


def _bold_row(row: Any) -> None:
    for cell in row.cells:
        for p in cell.paragraphs:
            for r in p.runs:
                r.bold = True


def _save_docx(doc: Any, path: Path) -> None:
    buf = io.BytesIO()
    doc.save(buf)
    path.write_bytes(normalise_zip(buf.getvalue()))


def build_cspr_docx(spec: dict[str, Any], path: Path) -> dict[str, Any]:
    doc = _docx()
    doc.add_paragraph(spec["title"][0], style="Title")
    doc.add_paragraph(spec["title"][1], style="Subtitle")
    for line in spec["meta"]:
        doc.add_paragraph(line)
    for heading, paras in spec["sections"]:
        doc.add_heading(heading, level=1)
        for p in paras:
            doc.add_paragraph(p)
    doc.add_heading(spec["findings_heading"], level=1)
    doc.add_paragraph(spec["findings_intro"])
    learning = []
    for number, statement, narrative, linked in spec["findings"]:
        doc.add_heading(f"Finding {number}", level=2)
        doc.add_paragraph().add_run(statement).bold = True
        doc.add_paragraph(narrative)
        doc.add_paragraph().add_run(linked).italic = True
        learning.append({"number": number, "text_start": " ".join(statement.split()[:8]),
                         "applies": re.findall(r"\d+", linked)})
    doc.add_heading(spec["recs_heading"], level=1)
    doc.add_paragraph(spec["recs_intro"])
    for r in spec["recs"]:
        doc.add_paragraph().add_run(f"Recommendation {r['number']}:").bold = True
        doc.add_paragraph(r["text"])
    heading, rows = spec["closing"]
    doc.add_heading(heading, level=1)
    table = doc.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for row in rows:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = row
    _bold_row(table.rows[0])
    _save_docx(doc, path)
    return truth_of(spec, spec["recs"], learning)


def build_glossary_docx(spec: dict[str, Any], path: Path) -> dict[str, Any]:
    doc = _docx()
    _landscape(doc)
    doc.add_heading(spec["title"], level=0)
    doc.add_heading(spec["subtitle"], level=1)
    for p in spec["intro"]:
        doc.add_paragraph(p)
    table = doc.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, spec["header"]):
        cell.text = text
        _shade(cell, "1F4E79")
    _bold_row(table.rows[0])
    for r in spec["recs"]:
        cells = table.add_row().cells
        for cell, text in zip(cells, (r["text"], r["lead"], r["action"], r["when"])):
            cell.text = text
    doc.add_paragraph()
    doc.add_heading(spec["glossary_heading"], level=2)
    gloss = doc.add_table(rows=0, cols=2)
    for short, full in spec["glossary"]:
        cells = gloss.add_row().cells
        cells[0].text, cells[1].text = short, full
    _save_docx(doc, path)
    return truth_of(spec, spec["recs"])


def build_agency_rows_docx(spec: dict[str, Any], path: Path) -> dict[str, Any]:
    doc = _docx()
    _landscape(doc)
    for i, line in enumerate(spec["title"]):
        doc.add_paragraph(line, style="Title" if i == 0 else "Subtitle")
    doc.add_paragraph(spec["intro"])
    header = spec["header"]
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header):
        cell.text = text
        _shade(cell, "BDD7EE")
    _bold_row(table.rows[0])
    recs = []
    for heading, items in spec["sections"]:
        row = table.add_row()
        merged = row.cells[0].merge(row.cells[-1])
        merged.text = heading
        _shade(merged, "D9D9D9")
        _bold_row(row)
        for r in items:
            recs.append(r)
            cells = table.add_row().cells
            values = (r["number"], r["text"], r["action"])
            dated_first = header[3].startswith("Target")
            tail = (r["when"], r["progress"]) if dated_first else (r["progress"], r["when"])
            for cell, text in zip(cells, (*values, *tail)):
                cell.text = text
    doc.add_paragraph(spec["footer_note"])
    _save_docx(doc, path)
    return truth_of(spec, recs)


def build_bullets_docx(spec: dict[str, Any], path: Path) -> dict[str, Any]:
    doc = _docx()
    doc.add_paragraph(spec["title"], style="Title")
    doc.add_paragraph(spec["subtitle"], style="Subtitle")
    for style, text in spec["paragraphs"]:
        doc.add_paragraph(text, style=style) if style else doc.add_paragraph(text)
    for r in spec["recs"]:
        doc.add_paragraph(r["text"], style="List Bullet")
    for style, text in spec["after"]:
        doc.add_paragraph(text, style=style) if style else doc.add_paragraph(text)
    _save_docx(doc, path)
    return truth_of(spec, spec["recs"])


def build_cspr_learning_points_docx(spec: dict[str, Any], path: Path) -> dict[str, Any]:
    doc = _docx()
    doc.add_heading(spec["title"], level=0)
    for line in spec["front"]:
        doc.add_paragraph(line)
    heading, text = spec["introduction"]
    doc.add_heading(heading, level=1)
    doc.add_paragraph(text)
    doc.add_heading(spec["learning_heading"], level=1)
    learning = []
    for number, text in spec["learning"]:
        doc.add_paragraph(f"Learning point {number}: {text}")
        learning.append({"number": number, "text_start": " ".join(text.split()[:8]), "applies": []})
    doc.add_heading(spec["recs_heading"], level=1)
    for i, r in enumerate(spec["recs"]):
        if i < spec["listed"]:
            doc.add_paragraph(r["text"], style="List Number")
        else:
            doc.add_paragraph(f"Recommendation {r['number']}: {r['text']}")
    doc.add_heading(spec["appendix_heading"], level=1)
    header = spec["appendix_header"]
    table = doc.add_table(rows=2, cols=len(header))
    table.style = "Table Grid"
    left, right = spec["appendix_groups"]
    table.cell(0, 0).merge(table.cell(0, 1)).text = left
    table.cell(0, 2).merge(table.cell(0, len(header) - 1)).text = right
    for i, text in enumerate(header):
        table.cell(1, i).text = text
    for row in spec["appendix_rows"]:
        for cell, text in zip(table.add_row().cells, row):
            cell.text = text
    _save_docx(doc, path)
    return truth_of(spec, spec["recs"], learning)


def build_exec_agency_headings_docx(spec: dict[str, Any], path: Path) -> dict[str, Any]:
    doc = _docx()
    for line in spec["front"]:
        doc.add_paragraph(line)
    heading, text = spec["before"]
    doc.add_heading(heading, level=1)
    doc.add_paragraph(text)
    doc.add_heading(spec["recs_heading"], level=1)
    recs = []
    for heading, items in spec["sections"]:
        doc.add_heading(heading, level=2)
        for r in items:
            doc.add_paragraph(f"{r['number']} {r['text']}")
            recs.append(r)
    heading, text = spec["after"]
    doc.add_heading(heading, level=1)
    doc.add_paragraph(text)
    _save_docx(doc, path)
    return truth_of(spec, recs)


# -- Excel ---------------------------------------------------------------------------------------------------
def _workbook() -> Any:
    from openpyxl import Workbook

    wb = Workbook()
    wb.properties.creator = wb.properties.lastModifiedBy = "Business Unit"
    wb.properties.created = wb.properties.modified = FIXED
    return wb


def _save_xlsx(wb: Any, path: Path) -> None:
    buf = io.BytesIO()
    wb.save(buf)
    path.write_bytes(normalise_zip(buf.getvalue()))


def _style_header(ws: Any, row: int, n: int) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    for col in range(1, n + 1):
        c = ws.cell(row=row, column=col)
        c.font = Font(bold=True, color="FFFFFF")
        c.fill = PatternFill("solid", fgColor="305496")
        c.alignment = Alignment(wrap_text=True, vertical="center")


def _tracker_rows(ws: Any, first: int, recs: list[dict[str, Any]], layout: Callable[[dict[str, Any], tuple],
                  list[Any]], merge_cols: tuple[int, ...]) -> None:
    from openpyxl.styles import Alignment

    row = first
    for r in recs:
        start = row
        for i, action in enumerate(r["actions"]):
            values = layout(r, action)
            for col, v in enumerate(values, 1):
                if i and col in merge_cols:
                    continue
                c = ws.cell(row=row, column=col, value=v)
                c.alignment = Alignment(wrap_text=True, vertical="top")
                if isinstance(v, dt.datetime):
                    c.number_format = "dd/mm/yyyy"
            row += 1
        if row - start > 1:
            for col in merge_cols:
                ws.merge_cells(start_row=start, start_column=col, end_row=row - 1, end_column=col)


def build_tracker_dawn(spec: dict[str, Any], path: Path) -> dict[str, Any]:
    wb = _workbook()
    header = spec["header"]

    def layout(r: dict[str, Any], a: tuple) -> list[Any]:
        return [r["number"], r["text"], r["agency"], *a]

    recs = []
    for i, (name, items) in enumerate(spec["sheets"].items()):
        ws = wb.active if i == 0 else wb.create_sheet(name)
        ws.title = name
        first = 1
        if i == 0:
            ws["A1"] = spec["title"]
            ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
            ws["A2"] = spec["subtitle"]
            first = 4
        for col, text in enumerate(header, 1):
            ws.cell(row=first, column=col, value=text)
        _style_header(ws, first, len(header))
        _tracker_rows(ws, first + 1, items, layout, merge_cols=(1, 2, 3))
        for col, width in zip("ABCDEFGH", (8, 60, 28, 40, 24, 12, 8, 40)):
            ws.column_dimensions[col].width = width
        recs.extend(items)
    key = wb.create_sheet("Key")
    for row in spec["key"]:
        key.append(row)
    recs.sort(key=lambda r: int(r["number"]))
    _save_xlsx(wb, path)
    return truth_of(spec, recs)


def build_tracker_sar(spec: dict[str, Any], path: Path) -> dict[str, Any]:
    wb = _workbook()
    cover = wb.active
    cover.title = "Cover"
    for line in spec["cover"]:
        cover.append([line])
    cover.column_dimensions["A"].width = 110
    ws = wb.create_sheet("Recommendations")
    header = spec["header"]
    ws["A1"] = spec["title"]
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    for col, text in enumerate(header, 1):
        ws.cell(row=3, column=col, value=text)
    _style_header(ws, 3, len(header))

    def layout(r: dict[str, Any], a: tuple) -> list[Any]:
        action, officer, due, rag, update = a
        return [r["number"], r["text"], r["agency"], officer, action, due, rag, update]

    _tracker_rows(ws, 4, spec["recs"], layout, merge_cols=(1, 2, 3))
    for col, width in zip("ABCDEFGH", (6, 60, 30, 24, 40, 12, 6, 36)):
        ws.column_dimensions[col].width = width
    key = wb.create_sheet("Key")
    for row in spec["key"]:
        key.append(row)
    _save_xlsx(wb, path)
    return truth_of(spec, spec["recs"])


def build_tracker_per_agency(spec: dict[str, Any], path: Path) -> dict[str, Any]:
    wb = _workbook()
    wb.remove(wb.active)
    recs = []
    for sheet, agency, items in spec["sheets"]:
        ws = wb.create_sheet(sheet)
        ws.append([spec["title"].format(agency=agency)])
        ws.append([])
        ws.append(list(spec["header"]))
        for r in items:
            recs.append(r)
            first = True
            for row in r["rows"]:
                if row is None:
                    ws.append([])
                    continue
                ref, *rest = row
                ws.append([ref, r["text"] if first else "", *rest])
                first = False
    _save_xlsx(wb, path)
    return truth_of(spec, recs)


# -- PDF -----------------------------------------------------------------------------------------------------
def _styles() -> dict[str, Any]:
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet

    ss = getSampleStyleSheet()
    return {"title": ss["Title"], "h": ss["Heading2"], "p": ss["BodyText"],
            "cell": ParagraphStyle("cell", parent=ss["BodyText"], fontSize=8.5, leading=10.5),
            "head": ParagraphStyle("head", parent=ss["BodyText"], fontSize=9, leading=11,
                                   fontName="Helvetica-Bold")}


def _pdf(path: Path, story: list[Any], pagesize: Any, header: str | None = None) -> None:
    from reportlab import rl_config
    from reportlab.lib.units import cm
    from reportlab.platypus import SimpleDocTemplate

    rl_config.invariant = 1

    def furniture(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        w, h = pagesize
        if header:
            canvas.drawCentredString(w / 2, h - 1.2 * cm, header)
        canvas.drawRightString(w - 1.5 * cm, 1.0 * cm, f"Page {doc.page}")
        canvas.restoreState()

    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=pagesize, invariant=1, leftMargin=1.5 * cm, rightMargin=1.5 * cm,
                            topMargin=2 * cm, bottomMargin=2 * cm, title="", author="", creator="",
                            producer="")
    doc.build(story, onFirstPage=furniture, onLaterPages=furniture)
    path.write_bytes(buf.getvalue())


def build_joint_pdf(spec: dict[str, Any], path: Path) -> dict[str, Any]:
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import Paragraph, Spacer

    st = _styles()
    story: list[Any] = [Paragraph(spec["title"], st["title"]), Paragraph(spec["subtitle"], st["p"]),
                        Spacer(1, 12)]
    for kind, text in spec["before"]:
        story.append(Paragraph(text, st[kind]))
    for r in spec["multi"]:
        story.append(Paragraph(f"<b>Recommendation {r['number']} ({r['label']}):</b> {r['text']}", st["p"]))
    story.append(Paragraph(spec["single_heading"], st["h"]))
    for r in spec["single"]:
        sep = " \u2014 " if r["style"] == "dash" else ": "
        story.append(Paragraph(f"{r['owner']}{sep}{r['text']}", st["p"]))
    for kind, text in spec["after"]:
        story.append(Paragraph(text, st[kind]))
    _pdf(path, story, A4, header=spec["running_header"])
    return truth_of(spec, spec["multi"] + spec["single"])


def _grid_table(rows: list[list[Any]], widths: list[float], extra: list[tuple]) -> Any:
    from reportlab.lib import colors
    from reportlab.platypus import Table, TableStyle

    t = Table(rows, colWidths=widths, repeatRows=1)
    t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.6, colors.black),
                           ("VALIGN", (0, 0), (-1, -1), "TOP"),
                           ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#D9E2F3")), *extra]))
    return t


def build_plan_dhr07(spec: dict[str, Any], path: Path) -> dict[str, Any]:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import cm
    from reportlab.platypus import Paragraph, Spacer

    from reportlab.lib.styles import ParagraphStyle

    st = _styles()
    big = ParagraphStyle("cell9", parent=st["cell"], fontSize=9, leading=11.5)
    P = lambda text: Paragraph(text, big)  # noqa: E731
    rows: list[list[Any]] = [[Paragraph(h, st["head"]) for h in spec["header"]]]
    extra: list[tuple] = []
    for r in spec["recs"]:
        start = len(rows)
        for i, (action, when, outcome) in enumerate(r["actions"]):
            first = i == 0
            rows.append([P(r["number"]) if first else "", P(r["text"]) if first else "",
                         P(r["scope"]) if first else "", P(action), P(r["lead"]) if first else "", P(when),
                         P(outcome)])
        if len(rows) - start > 1:
            for col in (0, 1, 2, 4):
                extra.append(("SPAN", (col, start), (col, len(rows) - 1)))
    widths = [c * cm for c in (0.9, 4.7, 1.8, 3.0, 2.8, 2.2, 2.6)]
    story = [Paragraph(spec["title"], st["title"]), Paragraph(spec["subtitle"], st["p"]),
             Paragraph(spec["note"], st["p"]), Spacer(1, 8), _grid_table(rows, widths, extra)]
    _pdf(path, story, A4, header="OFFICIAL - SENSITIVE")
    return truth_of(spec, spec["recs"])


def build_plan_cspr(spec: dict[str, Any], path: Path) -> dict[str, Any]:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.units import cm
    from reportlab.platypus import Paragraph, Spacer

    st = _styles()
    P = lambda text: Paragraph(text, st["cell"])  # noqa: E731
    rows: list[list[Any]] = [[Paragraph(h, st["head"]) for h in spec["header"]]]
    extra: list[tuple] = []
    recs = []
    for heading, items in spec["sections"]:
        extra += [("SPAN", (0, len(rows)), (-1, len(rows))),
                  ("BACKGROUND", (0, len(rows)), (-1, len(rows)), colors.HexColor("#EDEDED"))]
        rows.append([Paragraph(heading, st["head"]), "", "", "", "", ""])
        for r in items:
            recs.append(r)
            rows.append([P(r[k]) for k in ("number", "text", "lead", "milestones", "when", "rag")])
    widths = [c * cm for c in (1.2, 9.5, 4.5, 6.5, 2.0, 1.2)]
    story = [Paragraph(spec["title"], st["title"]), Paragraph(spec["subtitle"], st["h"]),
             Paragraph(spec["note"], st["p"]), Spacer(1, 8), _grid_table(rows, widths, extra), Spacer(1, 8),
             Paragraph(spec["key"], st["p"])]
    _pdf(path, story, landscape(A4))
    return truth_of(spec, recs)


# -- all -----------------------------------------------------------------------------------------------------
BUILDERS: list[tuple[dict[str, Any], Callable[[dict[str, Any], Path], dict[str, Any]]]] = [
    (spec_word.CSPR_HARRY, build_cspr_docx),
    (spec_word.GLOSSARY_NADIA, build_glossary_docx),
    (spec_word.AGENCY_ROWS_DHR4, build_agency_rows_docx),
    (spec_word.AGENCY_ROWS_SAR, build_agency_rows_docx),
    (spec_word.BULLETS_MR_J, build_bullets_docx),
    (spec_word.FENMOOR_CHILD_T, build_cspr_learning_points_docx),
    (spec_word.LOWFIELD_ROSA, build_exec_agency_headings_docx),
    (spec_excel.TRACKER_DAWN, build_tracker_dawn),
    (spec_excel.TRACKER_SAR, build_tracker_sar),
    (spec_excel.TRACKER_MR_Q, build_tracker_per_agency),
    (spec_pdf.JOINT_OLIVE, build_joint_pdf),
    (spec_pdf.PLAN_DHR07, build_plan_dhr07),
    (spec_pdf.PLAN_CSPR, build_plan_cspr),
]


def build_all(out: Path = OUT) -> list[Path]:
    """Write every binary document and its truth under ``out``; returns the paths written."""
    written = []
    for spec, builder in BUILDERS:
        path = out / spec["file"]
        path.parent.mkdir(parents=True, exist_ok=True)
        truth = builder(spec, path)
        truth_path = path.with_name(path.stem + ".truth.json")
        truth_path.write_text(dump_truth(truth), encoding="utf-8")
        written += [path, truth_path]
    return written


def check(out: Path = OUT) -> list[str]:
    """Build into a temp dir; the names of committed files that differ from the build (or are missing)."""
    with tempfile.TemporaryDirectory() as tmp:
        diffs = []
        for path in build_all(Path(tmp)):
            rel = path.relative_to(tmp)
            committed = out / rel
            if not committed.exists() or committed.read_bytes() != path.read_bytes():
                diffs.append(str(rel))
        return diffs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="compare a fresh build with the committed files")
    args = ap.parse_args(argv)
    if args.check:
        diffs = check()
        for d in diffs:
            print(f"differs: {d}")
        return 1 if diffs else 0
    for path in build_all():
        print(f"{path.relative_to(ROOT)}  {path.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
