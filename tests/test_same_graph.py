"""Same graph whatever the format: one synthetic action plan as text, CSV, DOCX, XLSX, a ruled PDF and a
PDF without ruling lines, each ingested into its own store; the exports must agree with each other and
with the plan that was written."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from reviewgraph.graph.store import Store
from reviewgraph.ingest.pipeline import ingest_file
from tests import format_docs as fd

pytest.importorskip("reportlab")

KINDS = ["text", "csv", "docx", "xlsx", "pdf", "pdf_unruled"]


def _export(kind: str, folder: Path, rows: fd.Rows) -> dict:
    path = fd.write(kind, folder, stem=f"kestrelford-dhr-7-{kind}", rows=rows)
    result = ingest_file(path)
    assert result.doc is not None and result.error is None, result.error
    store = Store(folder / f"store-{kind}")
    store.add([result.doc])
    return json.loads(store.graph().to_json())


def _view(export: dict) -> dict:
    """What must not depend on the format: the facts, without provenance or document ids."""
    nodes = {n["id"]: n for n in export["nodes"]}

    def pick(kind: str, *props: str) -> list[tuple]:
        return sorted(tuple(n.get(p) for p in ("id", *props)) for n in nodes.values() if n["kind"] == kind)

    edges = sorted((e["source"], e["type"], e["target"]) for e in export["links"]
                   if e["type"] in {"MADE", "HAS_ACTION", "ADDRESSED_TO", "LED_BY", "MENTIONS", "IDENTIFIED",
                                    "INFORMS"})
    return {
        "reviews": pick("Review", "title", "area", "partnership", "number", "pseudonym"),
        "recommendations": pick("Recommendation", "number", "text", "owner", "section", "scope", "level"),
        "actions": pick("Action", "text", "lead", "start", "start_raw", "target", "target_raw", "target_end",
                        "status", "outcome"),
        "learning": pick("Learning", "number", "text", "applies_raw"),
        "agencies": pick("Agency", "name", "resolved"),
        "edges": edges,
        "documents": sorted((n["doc_kind"], n.get("as_of")) for n in nodes.values() if n["kind"] == "Document"),
    }


@pytest.fixture(scope="module")
def views(tmp_path_factory) -> dict[str, dict]:
    folder = tmp_path_factory.mktemp("same-graph")
    return {kind: _view(_export(kind, folder, fd.ROWS)) for kind in KINDS}


@pytest.mark.parametrize("kind", [k for k in KINDS if k != "text"])
def test_every_format_gives_the_graph_of_the_text_version(views, kind):
    text, other = views["text"], views[kind]
    for part in text:
        assert other[part] == text[part], f"{kind}: {part} differ from the text version"


def test_the_graph_is_the_plan_that_was_written(views):
    v = views["text"]
    assert [r[1:] for r in v["reviews"]] == [("Kestrelford DHR-7 'Mara'", "Kestrelford",
                                              "Kestrelford Community Safety Partnership", "DHR-7", "Mara")]
    recs = {r[1]: r for r in v["recommendations"]}
    assert {n: r[2] for n, r in recs.items()} == {row[0].rstrip("."): row[1] for row in fd.recs()}
    assert recs["4"][4] == "Kestrelford Police"  # the agency heading above it
    actions = sorted(v["actions"])
    assert [(a[1], a[2], a[4], a[6]) for a in actions] == [(row[3], row[4], row[5], row[6]) for row in fd.recs()]
    # the XLSX holds rec 1's target as a real date cell; every format agrees on the parsed date
    first = next(a for a in actions if a[2] == "Kestrelford CSP")
    assert first[5] == dt.date(2025, 3, 31).isoformat()
    assert {a[8] for a in actions} >= {"complete", "in_progress", "not_started"}
    assert v["documents"] == [("progress_update", "2025-06-30")] or v["documents"][0][1] == "2025-06-30"


def test_a_long_plan_across_page_breaks_gives_the_same_graph(tmp_path):
    rows = fd.scaled_rows(24)
    views = {kind: _view(_export(kind, tmp_path, rows)) for kind in ("text", "docx", "xlsx", "pdf", "pdf_unruled")}
    text = views["text"]
    assert len(text["recommendations"]) == 24 and len(text["actions"]) == 24
    for kind, other in views.items():
        for part in text:
            assert other[part] == text[part], f"{kind}: {part} differ from the text version"


REPORT_WRITERS = {"text": (fd.write_report_text, ".txt"), "docx": (fd.write_report_docx, ".docx"),
                  "pdf": (fd.write_report_pdf, ".pdf")}


def test_an_overview_report_gives_the_same_graph_as_text_docx_and_pdf(tmp_path):
    """The DOCX numbers its sections and items with Word's automatic numbering (not in the text)."""
    views = {}
    for kind, (write, suffix) in REPORT_WRITERS.items():
        result = ingest_file(write(tmp_path / f"kestrelford-dhr-7-report-{kind}{suffix}"))
        assert result.doc is not None and result.error is None, result.error
        store = Store(tmp_path / f"store-{kind}")
        store.add([result.doc])
        views[kind] = _view(json.loads(store.graph().to_json()))
    text = views["text"]
    written = {n: t for _, _, items in fd.REPORT for item in items if not isinstance(item, str) for n, t in [item]}
    assert {r[1]: r[2] for r in text["recommendations"]} == {n: t for n, t in written.items() if n.startswith("17")}
    assert {r[1]: r[2] for r in text["learning"]} == {n: t for n, t in written.items() if n.startswith("16")}
    assert sum(1 for e in text["edges"] if e[1] == "INFORMS") == 3
    for kind, other in views.items():
        for part in text:
            assert other[part] == text[part], f"{kind}: {part} differ from the text version"


def test_a_workbook_with_one_sheet_per_agency_gives_each_sheet_its_section(tmp_path):
    """Each agency's sheet (with its own header) numbers from 1, the text version numbers through under agency
    headings; recommendations, owners and actions agree. (Sheet names hold 31 characters: short headings.)"""
    rows = [r.replace("Community Safety Partnership", "CSP") if isinstance(r, str) else r for r in fd.ROWS]
    path = fd.write_xlsx_per_agency(tmp_path / "kestrelford-dhr-7-plan-by-agency.xlsx", rows)
    result = ingest_file(path)
    assert result.doc is not None and result.error is None, result.error
    recs = [r for p in result.doc.plans for r in p.recs]
    assert [(r.number, r.section) for r in recs] == [("1", "Kestrelford CSP"), ("2", "Kestrelford CSP"),
                                                     ("3", "Kestrelford CSP"), ("1", "Kestrelford Police")]
    store = Store(tmp_path / "store")
    store.add([result.doc])
    sheet = _view(json.loads(store.graph().to_json()))
    text = _view(_export("text", tmp_path, rows))

    def facts(view: dict) -> dict:
        return {"recs": sorted((r[2], r[3], r[4]) for r in view["recommendations"]),  # text, owner, section
                "actions": sorted(a[2:] for a in view["actions"]), "reviews": view["reviews"]}

    assert facts(sheet) == facts(text)
    assert len(sheet["recommendations"]) == len(fd.recs()) == 4
