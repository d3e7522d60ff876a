"""Reader choice by content, and one clear line naming the file for everything that cannot be read."""

from __future__ import annotations

import shutil
import zipfile

import pytest

from reviewgraph.ingest.readers import ReadError, detect, open_document, read
from tests import format_docs as fd


@pytest.mark.parametrize("kind", ["text", "csv", "docx", "xlsx", "pdf"])
def test_each_format_is_detected_by_content_even_without_its_extension(tmp_path, kind):
    path = fd.write(kind, tmp_path)
    bare = tmp_path / "no-extension"
    shutil.copy(path, bare)
    expected = "text" if kind == "csv" else kind  # a CSV without .csv is text, read as tab-separated lines
    assert detect(bare) == expected
    reader, lines = read(bare)
    assert reader == expected and lines


def _one_line_naming(msg: str, name: str) -> None:
    assert msg.startswith(f"{name}:"), msg
    assert "\n" not in msg


def test_pdf_named_docx_is_read_as_pdf_with_a_warning(tmp_path):
    path = tmp_path / "action-plan.docx"
    shutil.copy(fd.write("pdf", tmp_path), path)
    reading = open_document(path)
    assert reading.reader == "pdf"
    assert fd.HEADER in [ln.cells for ln in reading.lines]
    _one_line_naming(reading.warnings[0], "action-plan.docx")
    assert "PDF" in reading.warnings[0]


def test_xlsx_named_csv_is_read_as_a_workbook_with_a_warning(tmp_path):
    path = tmp_path / "action-plan.csv"
    shutil.copy(fd.write("xlsx", tmp_path), path)
    reading = open_document(path)
    assert reading.reader == "xlsx"
    assert fd.HEADER in [ln.cells for ln in reading.lines]
    _one_line_naming(reading.warnings[0], "action-plan.csv")
    assert "Excel" in reading.warnings[0]


def test_a_zip_that_is_not_a_docx(tmp_path):
    path = tmp_path / "plan.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("notes.txt", "just a zip")
    with pytest.raises(ReadError) as err:
        open_document(path)
    _one_line_naming(str(err.value), "plan.docx")
    assert "zip" in str(err.value)


def test_a_truncated_docx(tmp_path):
    data = fd.write("docx", tmp_path).read_bytes()
    path = tmp_path / "cut.docx"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(ReadError) as err:
        open_document(path)
    _one_line_naming(str(err.value), "cut.docx")


def test_truncated_and_encrypted_pdf(tmp_path):
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen import canvas

    data = fd.write("pdf", tmp_path).read_bytes()
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(data[: len(data) * 2 // 3])
    locked = tmp_path / "locked.pdf"
    c = canvas.Canvas(str(locked), encrypt=StandardEncryption("pw"))
    c.drawString(72, 700, "secret")
    c.save()
    for path in (cut, locked):
        with pytest.raises(ReadError) as err:
            open_document(path)
        _one_line_naming(str(err.value), path.name)


@pytest.mark.parametrize("name, data, words", [
    ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, ".docx"),
    ("locked.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le"), "password"),
    ("report.rtf", b"{\\rtf1\\ansi hello}", ".docx"),
    ("empty.txt", b"", "empty"),
    ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
])
def test_unsupported_content_is_refused_with_what_to_do(tmp_path, name, data, words):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(ReadError) as err:
        open_document(path)
    _one_line_naming(str(err.value), name)
    assert words in str(err.value)


def test_opendocument_is_refused_naming_the_format_to_save_as(tmp_path):
    path = tmp_path / "plan.odt"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        zf.writestr("content.xml", "<office:document-content/>")
    with pytest.raises(ReadError) as err:
        open_document(path)
    _one_line_naming(str(err.value), "plan.odt")
    assert ".docx" in str(err.value)


def test_utf16_text_without_a_bom_is_text_not_binary(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_bytes("No\tRecommendation\n1\tShare it\n".encode("utf-16-le"))
    reader, lines = read(path)
    assert reader == "text" and lines[1].cells == ("1", "Share it")


def test_cli_ingest_reports_a_mislabelled_file_and_refuses_an_old_binary_one(tmp_path):
    from typer.testing import CliRunner

    from reviewgraph.app.cli import cli

    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(fd.write("pdf", tmp_path), docs / "plan.docx")
    (docs / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    result = CliRunner().invoke(cli, ["ingest", str(docs), "--db", str(tmp_path / "db")])
    assert result.exit_code == 0, result.output
    assert "reviewgraph: warning: plan.docx: named .docx but its content is a PDF" in result.output
    assert "reviewgraph: error: old.doc: an old binary Word (.doc) or Excel (.xls) file" in result.output
    assert "4 recommendations" in result.output


def test_every_reader_is_documented():
    from pathlib import Path

    from reviewgraph.ingest.readers import READERS

    doc = (Path(__file__).resolve().parents[1] / "docs" / "formats.md").read_text(encoding="utf-8")
    headings = [line for line in doc.splitlines() if line.startswith("## ")]
    missing = [r for r in READERS if not any(f"(`ingest/readers/{r}.py`" in h for h in headings)]
    assert not missing, f"readers not documented in docs/formats.md: {missing}"


def test_office_lock_files_in_a_folder_are_skipped(tmp_path):
    """Word leaves "~$plan.docx" beside a document while it is open: not a document, not an error."""
    from reviewgraph.ingest.pipeline import ingest_paths

    fd.write("docx", tmp_path, stem="plan")
    (tmp_path / "~$plan.docx").write_bytes(b"\x0bDana Smith" + b"\x00" * 40)
    results = ingest_paths([tmp_path])
    assert [(r.path.name, r.error) for r in results] == [("plan.docx", None)]
