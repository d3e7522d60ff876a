"""The bad-input corpus through the app's Ingest page (AppTest): every file gets a row naming it with its
error or warning, nothing raises, and only the readable files are added."""

from __future__ import annotations

import pytest

from reviewgraph.graph.store import Store
from tests.bad_inputs import CASES
from tests.webapp_support import app_env, new_app

KINDS = ["empty file", "binary junk", "corrupt DOCX (a zip that is not a Word file)", "encrypted PDF",
         "mixed encodings (UTF-8 and cp1252 lines)", "null bytes in text", "cells with HTML and <script>",
         "table with no header", "impossible and unknown dates (31/02/2021, TBC)"]


@pytest.fixture()
def empty_store(tmp_path, monkeypatch):
    path = tmp_path / "store"
    path.mkdir()
    app_env(monkeypatch, path)
    return path


def test_bad_files_uploaded_to_the_app_are_reported_by_name(empty_store, tmp_path):
    by_kind = {c.kind: c for c in CASES}
    uploads = []
    for i, kind in enumerate(KINDS):
        folder = tmp_path / f"c{i}"
        folder.mkdir()
        path = by_kind[kind].make(folder)
        uploads.append((by_kind[kind], path.name, path.read_bytes()))
    at = new_app(timeout=120).run()
    at.switch_page("views/ingest.py").run()
    at.file_uploader(key="in_files").set_value([(name, data, "application/octet-stream")
                                                for _, name, data in uploads]).run()
    at.button(key="in_read").click().run()
    assert not at.exception, [e.value for e in at.exception]
    report = next(df.value for df in at.dataframe if {"file", "error"} <= set(df.value.columns))
    assert list(report["file"]) == [name for _, name, _ in uploads]
    for (case, name, _), error in zip(uploads, report["error"], strict=True):
        if case.outcome != "ok":
            assert case.says.lower() in error.lower(), (name, error)
        assert "Traceback" not in error
    at.button(key="in_add").click().run()
    assert not at.exception
    readable = sum(1 for case, _, _ in uploads if case.outcome != "error")
    assert len(Store(empty_store).manifest()) == readable
