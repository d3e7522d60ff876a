"""The board report (``reviewgraph report`` and the Gaps page's button): Word and PDF documents opened with
real readers (python-docx, PDFium) and their figures checked against ``reviewgraph gaps`` on the demo corpus
and the samples; no internal name or document hash in the text; the charts embedded; names redacted on
request."""

from __future__ import annotations

import io
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw
import pytest
from docx import Document as DocxDocument
from typer.testing import CliRunner

from reviewgraph.app.cli import cli
from reviewgraph.graph.graphdata import ReviewGraph
from reviewgraph.graph.model import NODE_TYPES, Action, Document, Recommendation, Review, StatusUpdate
from reviewgraph.graph.store import Store
from reviewgraph.ingest.pipeline import ingest_into
from reviewgraph.synth.corpus import demo_paths
from reviewgraph.queries.board_report import NO_OWNER, board_report
from tests.seeds import all_seeds
from tests.webapp_support import IMG_PAYLOAD, SCRIPT_PAYLOAD, hostile_graph, write_store

runner = CliRunner()
AS_OF = "2024-06-30"
SINCE = "2014-01-01"


# -- stores --------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo")
    results = ingest_into(Store(path), demo_paths())
    assert results and all(r.ok for r in results)
    return path


@pytest.fixture(scope="module")
def samples_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("samples")
    results = ingest_into(Store(path), all_seeds())
    assert results and all(r.ok for r in results)
    return path


@pytest.fixture(params=["demo", "samples"])
def db(request: pytest.FixtureRequest) -> Path:
    return request.getfixturevalue(f"{request.param}_db")


# -- reading the documents back ------------------------------------------------------------------------------
def run(*args: str) -> str:
    result = runner.invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def gaps(db: Path, *args: str) -> list[dict[str, Any]]:
    return json.loads(run("gaps", "--db", str(db), "--as-of", AS_OF, "--format", "json", *args))


def write(db: Path, out: Path, *args: str) -> Path:
    said = run("report", "--db", str(db), "--as-of", AS_OF, "--out", str(out), *args)
    assert said.startswith(f"wrote {out}")
    assert out.is_file() and out.stat().st_size > 0
    return out


class Read:
    """What a reader of the document sees: its text (paragraphs, then table cells, in order), the summary
    figures, the agency headings of the two action sections, and the tables' rows."""

    def __init__(self, path: Path) -> None:
        self.path = path
        if path.suffix == ".docx":
            self._docx(path)
        else:
            self._pdf(path)

    def _docx(self, path: Path) -> None:
        doc = DocxDocument(str(path))
        body = doc.element.body
        lines: list[str] = []
        self.tables: list[list[list[str]]] = []
        heads: list[str] = []
        for child in body.iterchildren():
            tag = child.tag.rsplit("}", 1)[-1]
            if tag == "p":
                text = "".join(t.text or "" for t in child.iter() if t.tag.endswith("}t"))
                lines.append(text)
                style = child.find(".//{*}pStyle")
                if style is not None and style.get(
                        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}val") == "Heading2":
                    heads.append(text)
            elif tag == "tbl":
                rows = [["".join(t.text or "" for t in tc.iter() if t.tag.endswith("}t"))
                         for tc in tr.iterchildren() if tc.tag.endswith("}tc")]
                        for tr in child.iterchildren() if tr.tag.endswith("}tr")]
                self.tables.append(rows)
                lines.extend(" ".join(r) for r in rows)
        self.text = "\n".join(lines)
        self.images = [s._inline.graphic.graphicData.pic.blipFill.blip.embed for s in doc.inline_shapes]
        self.blobs = [doc.part.related_parts[rid].blob for rid in self.images]
        summary = next(t for t in self.tables if t[0] == ["Measure", "Number"])
        self.figures = {r[0]: int(r[1]) for r in summary[1:]}
        self.heads = heads

    def _pdf(self, path: Path) -> None:
        pdf = pdfium.PdfDocument(str(path))
        try:
            pages = [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
            self.images = [obj.get_px_size() for i in range(len(pdf))
                           for obj in pdf[i].get_objects(filter=[pdfium_raw.FPDF_PAGEOBJ_IMAGE])]
        finally:
            pdf.close()
        self.blobs = []
        self.text = "\n".join(pages).replace("\r\n", "\n")
        lines = [line.strip() for line in self.text.splitlines()]
        self.figures = {}
        for line in lines:
            m = re.fullmatch(r"(.+?) (\d+)", line)
            if m and m.group(1) in _FIGURE_LABELS:
                self.figures.setdefault(m.group(1), int(m.group(2)))
        self.heads = [line for line in lines if re.fullmatch(r".+: \d+ (?:overdue|open) actions?", line)]
        self.tables = []

    def per_agency(self, kind: str) -> dict[str, int]:
        out = {}
        for head in self.heads:
            m = re.fullmatch(rf"(.+): (\d+) {kind} actions?", head)
            if m:
                out[m.group(1)] = int(m.group(2))
        return out


_FIGURE_LABELS = {"Reviews", "Recommendations", "Actions", "Overdue actions", "Open actions not yet due",
                  "Complete actions", "Recommendations with no owner", "Recommendations with no target date",
                  "Recommendations with no measurable outcome", "Recurring themes with no completed action"}


def _owners(rows: list[dict[str, Any]]) -> dict[str, int]:
    return dict(Counter(r["owner"] or NO_OWNER for r in rows))


# -- figures against `reviewgraph gaps` ----------------------------------------------------------------------
@pytest.mark.parametrize("suffix", [".docx", ".pdf"])
def test_figures_match_reviewgraph_gaps(db: Path, tmp_path: Path, suffix: str) -> None:
    doc = Read(write(db, tmp_path / f"board{suffix}"))
    rows = gaps(db)
    by_kind: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        by_kind.setdefault(r["kind"], []).append(r)
    overdue, open_ = by_kind.get("overdue", []), by_kind.get("open", [])
    assert doc.figures["Overdue actions"] == len(overdue)
    assert doc.figures["Open actions not yet due"] == len(open_)
    assert doc.figures["Recommendations with no owner"] == len(by_kind.get("no_owner", []))
    assert doc.figures["Recommendations with no target date"] == len(by_kind.get("no_target_date", []))
    assert doc.figures["Recommendations with no measurable outcome"] == \
        len(by_kind.get("no_measurable_outcome", []))
    assert doc.figures["Recurring themes with no completed action"] == \
        len(by_kind.get("recurring_theme_unresolved", []))
    graph = Store(db).graph()
    assert doc.figures["Reviews"] == len(list(graph.of_kind("Review")))
    assert doc.figures["Actions"] == len(list(graph.of_kind("Action")))
    assert doc.figures["Complete actions"] == doc.figures["Actions"] - len(overdue) - len(open_)
    # overdue and open actions per agency: the owners `gaps` names, with its counts
    assert doc.per_agency("overdue") == _owners(overdue)
    assert doc.per_agency("open") == _owners(open_)
    assert overdue or open_, "the corpus has open work to report"


def test_word_tables_list_the_rows_gaps_lists(demo_db: Path, tmp_path: Path) -> None:
    doc = Read(write(demo_db, tmp_path / "board.docx"))
    rows = gaps(demo_db)
    action_rows = [t for t in doc.tables if t[0][:3] == ["Review", "Rec.", "Action"]]
    listed = Counter((r[0], r[1]) for t in action_rows for r in t[1:])
    want = Counter((r["review_title"], r["number"]) for r in rows if r["kind"] in ("overdue", "open"))
    assert listed == want
    missing = next(t for t in doc.tables if t[0][:3] == ["Review", "Rec.", "Recommendation"])
    unowned = {(r[0], r[1]) for r in missing[1:] if "no owner" in r[4]}
    assert unowned == {(r["review_title"], r["number"]) for r in rows if r["kind"] == "no_owner"}
    # every action row names its source as a file of the store, with its lines or page
    files = {d.file_name for d in Store(demo_db).graph().of_kind("Document")}
    for table in action_rows:
        for r in table[1:]:
            name, _, where = r[-1].partition(", ")
            assert name in files and re.fullmatch(r"(?:lines? \d+(?:-\d+)?|page \d+)", where), r[-1]


def test_review_and_agency_scopes_match_gaps(demo_db: Path, tmp_path: Path) -> None:
    review = "Wrenmere"
    doc = Read(write(demo_db, tmp_path / "one.docx", "--review", review))
    overdue = gaps(demo_db, "--review", review, "--kind", "overdue")
    assert doc.figures["Overdue actions"] == len(overdue) > 0
    assert doc.figures["Reviews"] == 1
    agency = "Wrenmere Recovery Service"
    doc = Read(write(demo_db, tmp_path / "agency.pdf", "--agency", agency))
    assert doc.per_agency("overdue").get(agency) == _owners(gaps(demo_db, "--kind", "overdue"))[agency]
    assert f"what {agency} owns or leads" in doc.text


# -- plain words ---------------------------------------------------------------------------------------------
def _internal_words(graph: ReviewGraph) -> set[str]:
    """Property names with an underscore, relationship types, status codes, node ids and document hashes."""
    words = {name for cls in NODE_TYPES.values() for name in cls.model_fields if "_" in name}
    words |= {e.type for e in graph.edges.values()}
    words |= {"in_progress", "not_started"}
    return words


@pytest.mark.parametrize("suffix", [".docx", ".pdf"])
def test_no_internal_names_or_document_hashes(db: Path, tmp_path: Path, suffix: str) -> None:
    doc = Read(write(db, tmp_path / f"board{suffix}", "--since", SINCE))
    graph = Store(db).graph()
    text = doc.text
    assert "Documents read" in text
    for word in sorted(_internal_words(graph)):
        assert not re.search(rf"\b{re.escape(word)}\b", text), word
    for d in graph.of_kind("Document"):
        assert isinstance(d, Document)
        assert d.sha256[:12] not in text and d.id not in text
    assert not re.search(r"\b(?:doc|rec|action|review|agency|theme|status|learning):[\w/.-]+", text)
    assert not re.search(r"\b[0-9a-f]{16,}\b", text), "a hash-like string"


@pytest.mark.parametrize("suffix", [".docx", ".pdf"])
def test_three_charts_are_embedded_as_images(demo_db: Path, tmp_path: Path, suffix: str) -> None:
    doc = Read(write(demo_db, tmp_path / f"board{suffix}"))
    assert len(doc.images) == 3
    if suffix == ".docx":
        assert all(b.startswith(b"\x89PNG") and len(b) > 5000 for b in doc.blobs)
    else:  # drawn at 150 dpi, 9 inches wide: more than 1,000 pixels across
        assert all(width > 1000 and height > 200 for width, height in doc.images)


def test_redaction_takes_out_pseudonyms_and_lead_names(demo_db: Path, tmp_path: Path) -> None:
    from reviewgraph.graph.redact import lead_names

    graph = Store(demo_db).graph()
    pseudonyms = {r.pseudonym for r in graph.of_kind("Review") if isinstance(r, Review) and r.pseudonym}
    leads = set(lead_names(graph))
    assert pseudonyms and leads
    plain = Read(write(demo_db, tmp_path / "plain.pdf")).text
    assert any(p in plain for p in pseudonyms) and any(n in plain for n in leads)
    for suffix in (".docx", ".pdf"):
        text = Read(write(demo_db, tmp_path / f"red{suffix}", "--redact")).text
        assert "[redacted]" in text
        assert not [p for p in pseudonyms if re.search(rf"\b{re.escape(p)}\b", text)]
        assert not [n for n in leads if n in text]


def test_hostile_text_is_written_as_text(tmp_path: Path) -> None:
    db = write_store(tmp_path / "store", hostile_graph())
    for suffix in (".docx", ".pdf"):
        text = Read(write(db, tmp_path / f"hostile{suffix}", "--as-of", "2030-01-01")).text
        flat = " ".join(text.split())
        assert IMG_PAYLOAD in flat and SCRIPT_PAYLOAD in flat


# -- what changed since a date -------------------------------------------------------------------------------
def _plan_with_updates() -> ReviewGraph:
    """One review, one action: the plan (2020) says not started; an update (2021) in progress; a plan and a
    progress update of 2022 on one date say 'unknown' and 'complete' (the later document wins)."""
    g = ReviewGraph()
    review = "review:eastby/dhr-2"
    g.add_node(Review(id=review, title="Eastby DHR-2", doc="doc:e0", line_start=1, line_end=1))
    docs = [("doc:e1", "action_plan", "eastby-plan-2020.txt", "2020-01-31"),
            ("doc:e2", "progress_update", "eastby-update-2021.txt", "2021-06-30"),
            ("doc:e3", "action_plan", "eastby-plan-2022.txt", "2022-03-31"),
            ("doc:e4", "progress_update", "eastby-update-2022.txt", "2022-03-31")]
    for did, kind, name, as_of in docs:
        g.add_node(Document(id=did, doc_kind=kind, title=name, file_name=name, sha256="e" * 64, review=review,
                            as_of=as_of, doc=did, line_start=1, line_end=40))
        g.link(review, "HAS_DOCUMENT", did, g.nodes[did])
    rec = Recommendation(id="rec:eastby/dhr-2/1", review=review, number="1", text="Train staff in DASH.",
                         owner="Eastby Police", doc="doc:e1", line_start=5, line_end=5)
    g.add_node(rec)
    g.link(review, "MADE", rec.id, rec)
    act = Action(id="action:eastby/dhr-2/1/1", review=review, recommendation=rec.id, text="Run DASH training",
                 target="2021-12-31", target_end="2021-12-31", status="complete", doc="doc:e1", line_start=6,
                 line_end=6)
    g.add_node(act)
    g.link(rec.id, "HAS_ACTION", act.id, act)
    for (did, _, _, as_of), status in zip(docs, ["not_started", "in_progress", "unknown", "complete"],
                                          strict=True):
        su = StatusUpdate(id=f"status:{did}", action=act.id, status=status, as_of=as_of, doc=did,
                          line_start=7, line_end=7)
        g.add_node(su)
        g.link(act.id, "HAS_STATUS", su.id, su)
    return g


def test_changes_since_follow_successive_updates() -> None:
    g = _plan_with_updates()
    moves = [(c.on, c.before, c.after, c.source)
             for c in board_report(g, "2022-12-31", since="2020-06-01").changes]
    assert moves == [("30 June 2021", "not started", "in progress", "eastby-update-2021.txt, line 7"),
                     ("31 March 2022", "in progress", "complete", "eastby-update-2022.txt, line 7")]
    assert [(c.before, c.after) for c in board_report(g, "2022-12-31", since="2021-06-30").changes] == \
        [("in progress", "complete")]
    assert board_report(g, "2022-03-30", since="2021-06-30").changes == []
    # on 2022-03-30 the action was overdue and its latest update is the 2021 one
    rep = board_report(g, "2022-03-30")
    (late,) = rep.agencies[0].overdue
    assert late.status == "in progress" and late.latest_update.startswith("In progress (30 June 2021)")


def test_changes_section_in_the_document(demo_db: Path, tmp_path: Path) -> None:
    content = board_report(Store(demo_db).graph(), AS_OF, since=SINCE)
    assert content.changes
    doc = Read(write(demo_db, tmp_path / "since.docx", "--since", SINCE))
    table = next(t for t in doc.tables if t[0][:2] == ["Date", "Review"])
    assert len(table) - 1 == len(content.changes)
    assert doc.figures[f"Status changes since {content.since_text}"] == len(content.changes)


# -- errors --------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("name", "args", "said"), [
    ("board.txt", [], "written as .docx (Word) or .pdf"),
    ("board.pdf", ["--agency", "Nowhere Agency"], "no agency in the store is called anything like"),
    ("board.pdf", ["--since", "last week"], "--since takes YYYY-MM-DD"),
    ("board.pdf", ["--review", "no such review"], "no review matches"),
])
def test_errors_are_one_line(demo_db: Path, tmp_path: Path, name: str, args: list[str], said: str) -> None:
    result = runner.invoke(cli, ["report", "--db", str(demo_db), "--as-of", AS_OF,
                                 "--out", str(tmp_path / name), *args])
    assert result.exit_code == 2
    assert said in _said(result.output)
    assert not list(tmp_path.iterdir())


def _said(output: str) -> str:
    """The error as one line of words (the test runner draws it in a box, wrapped)."""
    return " ".join(output.replace("\u2502", " ").split())


def test_an_empty_store_has_nothing_to_report(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = runner.invoke(cli, ["report", "--db", str(tmp_path / "empty"), "--as-of", AS_OF,
                                 "--out", str(tmp_path / "board.pdf")])
    assert result.exit_code == 2 and "holds no review: nothing to report" in _said(result.output)
    assert not (tmp_path / "board.pdf").exists()


# -- the app's button ----------------------------------------------------------------------------------------
def test_gaps_page_button_produces_the_report(demo_db: Path, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    import datetime as dt

    from reviewgraph.app.web.board import FILE_KEY
    from reviewgraph.queries.gaps import find_gaps
    from tests.webapp_support import open_app

    at = open_app(monkeypatch, demo_db, "views/gaps.py", timeout=120)
    assert not at.exception, [e.value for e in at.exception]
    at.date_input(key="gp_as_of").set_value(dt.date.fromisoformat(AS_OF)).run()
    assert not at.get("download_button") or all(b.proto.label.startswith("Download as CSV")
                                                 for b in at.get("download_button"))
    at.button(key="br_make").click().run()
    assert not at.exception, [e.value for e in at.exception]
    labels = [b.proto.label for b in at.get("download_button")]
    assert any(label.startswith("Download the board report (Word") for label in labels), labels
    _, name, mime, data = at.session_state[FILE_KEY]
    assert name == f"board-report-{AS_OF}.docx" and "wordprocessingml" in mime
    (tmp_path / "button.docx").write_bytes(data)
    figures = Read(tmp_path / "button.docx").figures
    overdue = find_gaps(Store(demo_db).graph(), AS_OF, kinds=["overdue"])
    assert figures["Overdue actions"] == len(overdue)
    # PDF: the choice changes, the old file is not offered; prepared again, the PDF is
    at.radio(key="br_format").set_value(".pdf").run()
    assert not any(b.proto.label.startswith("Download the board report") for b in at.get("download_button"))
    at.button(key="br_make").click().run()
    _, name, mime, data = at.session_state[FILE_KEY]
    assert name.endswith(".pdf") and mime == "application/pdf" and data.startswith(b"%PDF")
    (tmp_path / "button.pdf").write_bytes(data)
    assert Read(tmp_path / "button.pdf").figures["Overdue actions"] == len(overdue)


def test_docx_reads_from_bytes() -> None:
    """The renderer's bytes are a document python-docx opens (no file needed)."""
    from reviewgraph.app.board import render
    from reviewgraph.queries.examples import example_graph

    data = render(board_report(example_graph(), "2022-12-31"), ".docx")
    doc = DocxDocument(io.BytesIO(data))
    assert doc.core_properties.author == "reviewgraph"
    assert len(doc.inline_shapes) == 3
