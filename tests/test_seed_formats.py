"""The Middlesbrough DHR-4 action plan alone, as the text extracted from PDF and rendered at test time into
Word and PDF tables (in a temporary folder; the real document is never copied into the project): 30
recommendations in every form, each reaching the graph with its agency."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from reviewgraph.graph.store import Store
from reviewgraph.ingest.pipeline import ingest_into
from reviewgraph.ingest.readers.text import read_text_lines
from tests.seeds import seed


def _rows(path: Path) -> list[list[str]]:
    lines = [ln for ln in read_text_lines(path.read_bytes()) if not ln.blank]
    width = max(len(ln.cells) for ln in lines)
    return [[c.strip() for c in ln.cells] + [""] * (width - len(ln.cells)) for ln in lines]


def _docx(rows: list[list[str]], out: Path) -> Path:
    import docx

    d = docx.Document()
    table = d.add_table(rows=0, cols=len(rows[0]))
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row):
            cell.text = text
    d.save(out)
    return out


def _pdf(rows: list[list[str]], out: Path) -> Path:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A3, landscape
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    body = getSampleStyleSheet()["BodyText"].clone("cell", fontSize=6, leading=7)
    data = [[Paragraph(c.replace("&", "&amp;").replace("<", "&lt;"), body) if c else "" for c in row]
            for row in rows]
    table = Table(data, colWidths=[26, 190, 50, 190, 80, 160, 50, 50, 150], repeatRows=1)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    SimpleDocTemplate(str(out), pagesize=landscape(A3), invariant=1).build([table])
    return out


@pytest.mark.parametrize("form", ["text", "docx", "pdf"])
def test_dhr4_plan_alone_in_every_form_has_30_recommendations_with_their_agencies(tmp_path, form):
    source = seed("000")
    path = {"text": lambda: source,
            "docx": lambda: _docx(_rows(source), tmp_path / "plan.docx"),
            "pdf": lambda: _pdf(_rows(source), tmp_path / "plan.pdf")}[form]()
    store = Store(tmp_path / "db")
    results = ingest_into(store, [path])
    assert results[0].ok, results[0].error
    recs = list(store.graph().of_kind("Recommendation"))
    assert len(recs) == 30
    owners = Counter(r.owner for r in recs)
    assert owners["Cleveland Police"] == 8
    assert owners["National Probation Service"] == 6
    assert owners["Durham Tees Valley Community Rehabilitation Company"] == 7
    # the panel's nine, owned by the subject of each sentence: the CSP, "each constituent agency" (all
    # agencies), "NPS and DTV CRC" (both), "Middlesbrough CSP and Durham CSP" (both)
    panel = [r.owner for r in sorted(recs, key=lambda r: r.ordinal)[:9]]
    assert panel.count("All agencies") == 3
    assert sum(1 for o in panel if o and "National Probation Service /" in o) == 2
    assert panel.count("Middlesbrough Community Safety Partnership") == 3
