"""The bad-input corpus through ``reviewgraph ingest``: a clear one-line message naming the file for every
kind of bad input, exit 2 only when nothing could be read, and everything readable still lands.
"""

from __future__ import annotations

import hashlib
import json
import stat

import pytest

from reviewgraph.graph.store import Store
from tests.bad_inputs import CASES, run_cli
from tests.seeds import seed as sample

CASE_PARAMS = [pytest.param(c, id=c.kind, marks=[pytest.mark.slow] if c.slow else []) for c in CASES]


def _stored_text(db) -> str:
    """Every string of the stored graph, as one text (decoded: no JSON escapes to hide a character)."""
    graph = json.loads((db / "graph.json").read_text(encoding="utf-8")) if (db / "graph.json").exists() else {}
    out: list[str] = []

    def walk(x: object) -> None:
        if isinstance(x, str):
            out.append(x)
        elif isinstance(x, dict):
            for v in x.values():
                walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)

    walk(graph)
    return "\n".join(out)


def _restore(folder) -> None:
    for p in folder.rglob("*"):
        if p.exists() and not p.is_symlink():
            p.chmod(stat.S_IRWXU)


def test_the_corpus_has_at_least_thirty_kinds():
    assert len({c.kind for c in CASES}) >= 30


@pytest.mark.parametrize("case", CASE_PARAMS)
def test_bad_input(case, tmp_path):
    if case.needs:
        pytest.skip(case.needs)
    target = case.make(tmp_path)
    db = tmp_path / "db"
    try:
        result = run_cli(["ingest", str(target), "--db", str(db)], case.unprivileged)
    finally:
        _restore(tmp_path)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    messages = [ln for ln in result.stderr.splitlines() if ln.startswith("reviewgraph:")]
    # every line of stderr is a message of its own (nothing split over lines, no traceback)
    assert all(ln.startswith("reviewgraph: ") for ln in result.stderr.splitlines()), result.stderr
    assert "Traceback" not in result.output

    names = case.names or (target.name.encode("utf-8", "surrogateescape").decode("utf-8", "replace"),)
    if case.outcome == "error":
        assert result.exit_code == 2, result.output
        assert Store(db).is_empty()
        errors = [m for m in messages if m.startswith("reviewgraph: error: ")]
        assert len(errors) == 1, messages
        assert names[0] in errors[0]
        assert case.says.lower() in errors[0].lower(), errors[0]
        return

    assert result.exit_code == 0, result.output
    if case.outcome == "warning":
        hits = [m for m in messages if case.says.lower() in m.lower()]
        assert hits, f"no message saying {case.says!r}: {messages}"
        for name in names:
            assert any(name in m for m in messages), f"no message names {name}: {messages}"
    else:
        assert not [m for m in messages if m.startswith("reviewgraph: error")], messages
        for name in names:
            assert name in result.stdout or any(name in m for m in messages), result.output
    store = Store(db)
    assert not store.is_empty()
    counts = store.graph().counts()
    assert counts.get("Recommendation", 0) == case.recs, counts
    text = _stored_text(db)
    for s in case.texts:
        assert s in text, f"{s!r} not kept"
    for s in case.absent:
        assert s not in text, f"{s!r} survived"


def test_every_bad_input_in_one_folder_still_lands_the_good_ones(tmp_path):
    """One batch of every quick case: one run, exit 0, each bad file named, the readable ones landed."""
    folder = tmp_path / "batch"
    folder.mkdir()
    made = []
    for i, case in enumerate(c for c in CASES if not c.slow and not c.needs and c.kind != "a missing path"):
        sub = folder / f"{i:02d}"
        sub.mkdir()
        made.append((case, case.make(sub)))
    db = tmp_path / "db"
    result = run_cli(["ingest", str(folder), "--db", str(db)])
    _restore(folder)
    assert result.exit_code == 0, result.output
    for case, target in made:
        if case.outcome == "error":
            assert any(target.name in ln and "error" in ln for ln in result.stderr.splitlines()), case.kind
    data = json.loads((db / "graph.json").read_text(encoding="utf-8"))
    stored = {n["sha256"] for n in data["nodes"] if n["kind"] == "Document"}
    readable = [p for c, t in made if c.outcome != "error"
                for p in ([t] if t.is_file() else [q for q in t.rglob("*") if q.is_file() and q.stat().st_size])]
    expected = {hashlib.sha256(p.read_bytes()).hexdigest() for p in readable}
    assert expected and expected <= stored, expected - stored


def test_a_seed_with_bad_files_lands_every_recommendation_and_twice_changes_nothing(tmp_path):
    """The issue's acceptance batch: one seed, an empty file, random bytes, a fake DOCX, a table of script."""
    seed = sample("000")
    by_kind = {c.kind: c for c in CASES}
    batch = tmp_path / "batch"
    batch.mkdir()
    (batch / seed.name).write_bytes(seed.read_bytes())
    bad = [by_kind[k].make(batch) for k in ("empty file", "binary junk",
                                            "corrupt DOCX (a zip that is not a Word file)",
                                            "cells with HTML and <script>")]
    alone = tmp_path / "alone"
    run_cli(["ingest", str(seed), "--db", str(alone)])
    seed_recs = Store(alone).graph().counts()["Recommendation"]
    assert seed_recs > 0

    db = tmp_path / "db"
    first = run_cli(["ingest", str(batch), "--db", str(db)])
    assert first.exit_code == 0, first.output
    for path in bad[:3]:
        assert any(path.name in ln for ln in first.stderr.splitlines()), (path.name, first.stderr)
    counts = Store(db).graph().counts()
    assert counts["Recommendation"] == seed_recs + 3  # the seed's and the script table's
    before = (db / "graph.json").read_bytes()
    second = run_cli(["ingest", str(batch), "--db", str(db)])
    assert second.exit_code == 0
    assert "already in store" in second.stdout
    assert (db / "graph.json").read_bytes() == before
    # the HTML export of that store holds the script table's payloads only escaped
    out = tmp_path / "store.html"
    assert run_cli(["export", "--db", str(db), "--format", "html", "--out", str(out)]).exit_code == 0
    page = out.read_text(encoding="utf-8")
    assert "__pwned" in page  # the payload text is there ...
    for raw in ("<script>window.__pwned", "onerror=\"window.__pwned", "<img src=x", "<script>alert(3)"):
        assert raw not in page  # ... but never as markup


def test_the_reliability_doc_lists_every_kind():
    """docs/reliability.md carries the generated table; a new kind of bad input must appear there."""
    from tests.bad_inputs import BEGIN, END, _md
    from tests.seeds import ROOT

    doc = (ROOT / "docs" / "reliability.md").read_text(encoding="utf-8")
    table = doc[doc.index(BEGIN):doc.index(END)]
    missing = [c.kind for c in CASES if f"| {_md(c.kind)} |" not in table]
    assert not missing, f"regenerate with python -m tests.bad_inputs --write docs/reliability.md: {missing}"
