"""Inputs that cannot exhaust the machine (issue 15): each reader stops at its documented limit with one line
naming the file and the limit; bombs small on disk fail alone, in bounded time and memory, and the other
documents of the batch still reach the graph; a document past the parse's memory cap or time limit is
stopped without taking the ingest (or the app) with it.

Every bomb is built here, in a second or less (:mod:`tests.bad_inputs`); the CLI runs in a subprocess whose
address space is capped (``RLIMIT_AS``, 3 GB), with a timeout, and reports the peak memory of itself and its
workers.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from reviewgraph.ingest.readers import open_document
from reviewgraph.ingest.readers.limits import LIMITS, LimitError
from reviewgraph.ingest.single import IngestState
from tests.bad_inputs import (ROWS, big_text, docx_paragraphs, pdf_operators, plan, ratio_docx, wide_csv,
                              xlsx_shared_strings, zip_declared)
from tests.seeds import ROOT

# -- each reader stops at its limit (limits lowered, ordinary files, in this process) ---------------------------


def _csv(folder: Path) -> Path:
    p = folder / "plan.csv"
    p.write_text(plan().replace("\t", ","), encoding="utf-8")
    return p


def _xlsx(folder: Path) -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    for row in [("No", "Recommendation", "Action", "Lead agency", "Target date", "Status"), *ROWS]:
        wb.active.append(list(row))
    p = folder / "plan.xlsx"
    wb.save(p)
    return p


def _docx(folder: Path) -> Path:
    import docx

    d = docx.Document()
    for line in plan().splitlines():
        d.add_paragraph(line.replace("\t", " "))
    p = folder / "plan.docx"
    d.save(p)
    return p


def _pdf(folder: Path, pages: int = 2) -> Path:
    from reportlab.pdfgen import canvas

    p = folder / "plan.pdf"
    c = canvas.Canvas(str(p), invariant=1)
    for _ in range(pages):
        y = 800
        for line in plan().splitlines():
            c.drawString(40, y, line.replace("\t", "   "))
            y -= 14
        c.showPage()
    c.save()
    return p


READER_LIMITS = [
    ("csv cells", _csv, "REVIEWGRAPH_MAX_CELLS", "10", "record 3"),
    ("xlsx cells", _xlsx, "REVIEWGRAPH_MAX_CELLS", "10", "sheet 'Sheet', row 2"),
    ("xlsx shared strings", lambda d: xlsx_shared_strings(d / "strings.xlsx", 20, rows=3, cols=6, text="s{}"),
     "REVIEWGRAPH_MAX_SHARED_STRINGS", "5", "xl/sharedStrings.xml: more than 5 shared strings"),
    ("docx paragraphs", _docx, "REVIEWGRAPH_MAX_PARAGRAPHS", "3", "word/document.xml"),
    ("docx elements", _docx, "REVIEWGRAPH_MAX_XML_ELEMENTS", "20", "word/document.xml"),
    ("docx unpacked", _docx, "REVIEWGRAPH_MAX_UNPACKED_MB", "0.001", "more than 1,000 bytes"),
    ("xlsx part", _xlsx, "REVIEWGRAPH_MAX_XML_PART_MB", "0.0005", "more than 500 bytes"),
    ("pdf pages", _pdf, "REVIEWGRAPH_MAX_PAGES", "1", "more than 1 pages (2)"),
    ("pdf page characters", _pdf, "REVIEWGRAPH_MAX_PAGE_CHARS", "50", "page 1"),
    ("pdf page content", _pdf, "REVIEWGRAPH_MAX_PAGE_CONTENT_MB", "0.0001", "page 1"),
]


@pytest.mark.parametrize(("make", "env", "value", "where"), [pytest.param(*c[1:], id=c[0]) for c in READER_LIMITS])
def test_each_reader_stops_at_its_limit(make, env, value, where, tmp_path, monkeypatch):
    path = make(tmp_path)
    open_document(path)  # within the default limits: read
    monkeypatch.setenv(env, value)
    with pytest.raises(LimitError) as caught:
        open_document(path)
    message = str(caught.value)
    assert "\n" not in message and message.startswith(f"{path.name}: ")
    assert where in message and env in message and "the most reviewgraph reads from one document" in message


def test_the_pdfplumber_path_counts_a_page_characters_too(tmp_path, monkeypatch):
    from reviewgraph.ingest.readers.pdf import read_document

    path = _pdf(tmp_path)
    monkeypatch.setenv("REVIEWGRAPH_MAX_PAGE_CHARS", "50")
    with pytest.raises(LimitError, match="page 1: more than 50 characters"):
        read_document(path, path.read_bytes(), fast=False)


@pytest.mark.parametrize("make", [_pdf, _docx, _csv], ids=["pdf", "docx", "csv"])
def test_text_past_the_text_limit_is_left_with_a_warning(make, tmp_path, monkeypatch):
    path = make(tmp_path)
    whole = open_document(path)
    monkeypatch.setenv("REVIEWGRAPH_MAX_TEXT_MB", "0.00015")  # 150 characters
    reading = open_document(path)
    if make is _docx:  # the Word reader reads its (bounded) body whole; the pipeline leaves the rest
        from reviewgraph.ingest.single import _cap

        warnings: list[str] = []
        lines = _cap(reading.lines, path, warnings)
        assert len(lines) < len(whole.lines) and "million characters" in warnings[0]
        return
    assert sum(len(c) for ln in reading.lines for c in ln.cells) <= 150
    assert len(reading.lines) < len(whole.lines)
    assert any("million characters of text" in w and path.name in w for w in reading.warnings)


def test_a_text_file_is_never_decoded_past_the_limit(tmp_path, monkeypatch):
    from reviewgraph.ingest.readers.limits import text_head

    data = plan().encode() + b"x" * 5000 + b"\n" + "é".encode() * 100
    head, cut = text_head(data, len(plan()) + 300)
    assert cut and head == plan().encode()  # up to the last whole line within the limit
    utf16 = plan().encode("utf-16")
    head, cut = text_head(utf16 * 10, 200)
    assert cut and len(head) <= 2 * 200 + 4 and len(head) % 2 == 0
    one_line = "é".encode() * 1000  # no line end at all: cut between characters, never inside one
    head, cut = text_head(one_line, 301)
    assert cut and head.decode("utf-8")


def test_every_limit_is_documented():
    doc = (ROOT / "docs" / "reliability.md").read_text(encoding="utf-8")
    for spec in LIMITS.values():
        assert spec.env in doc, f"{spec.env} is not in docs/reliability.md"
    for env in ("REVIEWGRAPH_PARSE_MEMORY_MB", "REVIEWGRAPH_PARSE_SECONDS"):
        assert env in doc


# -- bombs through the CLI, with a plan beside each ---------------------------------------------------------

_RUN = """
import atexit, resource, sys
cap = 3 << 30
resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
def peak():
    # this process's own high-water mark (ru_maxrss would carry the test runner's, kept across exec), and
    # its workers' (forked from it, never exec'd)
    with open("/proc/self/status") as fh:
        own = next(int(ln.split()[1]) for ln in fh if ln.startswith("VmHWM:"))
    kb = max(own, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    sys.stderr.write(f"PEAK_MB {kb // 1024}\\n")
atexit.register(peak)
sys.argv = ["reviewgraph", *sys.argv[1:]]
from reviewgraph.app.cli import main
main()
"""


def _ingest(folder: Path, db: Path, env: dict[str, str] | None = None, timeout: float = 120) -> tuple[int, list[str], int, float]:
    """``reviewgraph ingest FOLDER`` in a capped subprocess: (exit status, message lines, peak MB, seconds)."""
    started = time.monotonic()
    proc = subprocess.run([sys.executable, "-c", _RUN, "ingest", str(folder), "--db", str(db)], cwd=ROOT,
                          capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})})
    seconds = time.monotonic() - started
    peak = [int(ln.split()[1]) for ln in proc.stderr.splitlines() if ln.startswith("PEAK_MB")]
    lines = [ln for ln in proc.stderr.splitlines() if ln.startswith("reviewgraph:")]
    return proc.returncode, lines, peak[0] if peak else -1, seconds


def _stored_recommendations(db: Path) -> int:
    from reviewgraph.graph.store import Store

    return Store(db).graph().counts().get("Recommendation", 0)


def _with_plan(folder: Path) -> Path:
    (folder / "plan.txt").write_text(plan(), encoding="utf-8")
    return folder


BOMBS = [
    # (id, builder, what the message must name, error or warning)
    ("docx 5 million paragraphs", lambda d: docx_paragraphs(d / "bomb.docx"), "REVIEWGRAPH_MAX_XML_PART_MB", "error"),
    ("docx 300,000 empty paragraphs", lambda d: docx_paragraphs(d / "bomb.docx", 300_000, empty=True),
     "REVIEWGRAPH_MAX_PARAGRAPHS", "error"),
    ("docx part packed 1,000 to 1", lambda d: ratio_docx(d / "bomb.docx"), "REVIEWGRAPH_MAX_ZIP_RATIO", "error"),
    ("zip declaring 4 GB", lambda d: zip_declared(d / "bomb.docx"), "REVIEWGRAPH_MAX_UNPACKED_MB", "error"),
    ("pdf 4 million operators", lambda d: pdf_operators(d / "bomb.pdf"), "REVIEWGRAPH_MAX_PAGE_CONTENT_MB", "error"),
    ("pdf 400,000 characters", lambda d: pdf_operators(d / "bomb.pdf", 400_000), "REVIEWGRAPH_MAX_PAGE_CHARS",
     "error"),
    ("xlsx shared strings", lambda d: xlsx_shared_strings(d / "bomb.xlsx"), "REVIEWGRAPH_MAX_XML_PART_MB", "error"),
    ("xlsx 1.1 million distinct strings", lambda d: xlsx_shared_strings(d / "bomb.xlsx", 1_100_000, rows=10,
     text="s{}"), "REVIEWGRAPH_MAX_SHARED_STRINGS", "error"),
    ("csv 20,000 filled columns", lambda d: wide_csv(d / "bomb.csv"), "only the first 64 are read", "warning"),
    ("text 1 GB sparse", lambda d: big_text(d / "bomb.txt"), "REVIEWGRAPH_MAX_TEXT_MB", "warning"),
]


@pytest.mark.parametrize(("make", "names", "kind"), [pytest.param(*b[1:], id=b[0]) for b in BOMBS])
def test_a_bomb_fails_alone_in_bounded_time_and_memory(make, names, kind, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    bomb = make(folder)
    assert bomb.stat().st_blocks * 512 < 5_000_000  # small on disk (the text file is sparse)
    _with_plan(folder)
    status, lines, peak_mb, seconds = _ingest(folder, tmp_path / "db")
    assert status == 0, lines
    about = [ln for ln in lines if bomb.name in ln and names in ln]
    assert about and about[0].startswith(f"reviewgraph: {kind}: "), lines
    assert seconds < 60, f"{seconds:.1f} s"
    assert 0 < peak_mb < 700, f"peak {peak_mb} MB"
    assert _stored_recommendations(tmp_path / "db") >= 3  # the plan beside it landed


# -- the parse's memory cap and time limit ------------------------------------------------------------------------

def test_a_document_past_the_memory_cap_fails_alone_in_a_worker_and_here(tmp_path):
    """A PDF page within the reader's limits that pdfium needs about 500 MB to load (its worker ends when an
    allocation fails), and a text file whose parse needs more than the cap (MemoryError, in this process):
    each fails with one line saying so; the plan beside them lands."""
    folder = tmp_path / "in"
    folder.mkdir()
    pdf = pdf_operators(folder / "heavy.pdf", 900_000)
    text = big_text(folder / "long.txt", 40_000_000, sparse=False)
    _with_plan(folder)
    env = {"REVIEWGRAPH_PARSE_MEMORY_MB": "60", "REVIEWGRAPH_MAX_PAGE_CHARS": "2000000",
           "REVIEWGRAPH_MAX_TEXT_MB": "40"}
    status, lines, peak_mb, seconds = _ingest(folder, tmp_path / "db", env)
    assert status == 0, lines
    for bad in (pdf, text):
        about = [ln for ln in lines if bad.name in ln]
        assert about and about[0].startswith("reviewgraph: error: ") and "needed more than 60 MB of memory" in \
            about[0] and "REVIEWGRAPH_PARSE_MEMORY_MB" in about[0], lines
    assert _stored_recommendations(tmp_path / "db") >= 3
    assert seconds < 60


def test_a_document_past_the_time_limit_is_stopped(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    slow_docx = docx_paragraphs(folder / "slow.docx", 150_000)  # python-docx takes seconds over it
    slow_text = big_text(folder / "slow.txt", 60_000_000, sparse=False)
    _with_plan(folder)
    env = {"REVIEWGRAPH_PARSE_SECONDS": "1", "REVIEWGRAPH_MAX_ZIP_RATIO": "100000", "REVIEWGRAPH_MAX_TEXT_MB": "60"}
    status, lines, _, seconds = _ingest(folder, tmp_path / "db", env)
    assert status == 0, lines
    for bad in (slow_docx, slow_text):
        about = [ln for ln in lines if bad.name in ln]
        assert about and "took more than 1 s" in about[0] and "REVIEWGRAPH_PARSE_SECONDS" in about[0], lines
    assert _stored_recommendations(tmp_path / "db") >= 3
    assert seconds < 60


def test_the_app_upload_path_survives_a_document_past_the_cap(tmp_path, monkeypatch):
    """ingest_isolated (the app's upload) in a process running threads, as the app's server does: the
    document past the cap is that document's error, and this process goes on to read the next one."""
    from reviewgraph.ingest.pipeline import ingest_isolated

    heavy = pdf_operators(tmp_path / "heavy.pdf", 900_000)
    good = tmp_path / "plan.txt"
    good.write_text(plan(), encoding="utf-8")
    monkeypatch.setenv("REVIEWGRAPH_PARSE_MEMORY_MB", "60")
    monkeypatch.setenv("REVIEWGRAPH_MAX_PAGE_CHARS", "2000000")
    stop = threading.Event()
    waiter = threading.Thread(target=stop.wait, daemon=True)
    waiter.start()
    try:
        bad = ingest_isolated(heavy)
        ok = ingest_isolated(good)
    finally:
        stop.set()
        waiter.join()
    assert bad.doc is None and bad.state is IngestState.OUT_OF_MEMORY and "needed more than 60 MB of memory" in (bad.error or "")
    assert ok.doc is not None and len(ok.doc.plans[0].recs) == 3


def test_a_file_over_the_file_limit_is_never_read_whole(tmp_path, monkeypatch):
    """A PDF over the file limit is refused on its first bytes; a text file over it is read up to the text
    limit and hashed as it streams (its hash is the whole file's)."""
    import hashlib

    from reviewgraph.ingest.pipeline import ingest_file

    monkeypatch.setenv("REVIEWGRAPH_MAX_FILE_MB", "0.1")
    pdf = _pdf(tmp_path, pages=150)
    assert pdf.stat().st_size > 100_000
    result = ingest_file(pdf)
    assert result.doc is None and "REVIEWGRAPH_MAX_FILE_MB" in (result.error or "")
    text = big_text(tmp_path / "long.txt", 3_000_000)
    result = ingest_file(text)
    assert result.doc is not None and len(result.doc.plans[0].recs) == 3
    assert result.sha256 == hashlib.sha256(text.read_bytes()).hexdigest()
