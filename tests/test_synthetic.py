"""The synthetic corpus generator: determinism, ground truth that matches the text, the demo corpus."""

from __future__ import annotations

import json
import re
from pathlib import Path

from typer.testing import CliRunner

from reviewgraph.synth.vocab import Vocabulary
from reviewgraph.synth.corpus import (CLEAN, DEMO_REVIEWS, TRUTH_FILE, Noise, demo_paths, generate, load_truth,
                              write_demo)

DATA = Path(__file__).parent / "data"


def _files(root: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((root / "docs").glob("*.txt"))}


def test_same_seed_same_corpus_and_prefix_stable(tmp_path):
    a, b, c = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    generate(4, a, seed=5, vocab=Vocabulary.builtin())
    generate(4, b, seed=5, vocab=Vocabulary.builtin())
    generate(7, c, seed=5, vocab=Vocabulary.builtin())
    assert _files(a) == _files(b)
    assert (a / TRUTH_FILE).read_text() == (b / TRUTH_FILE).read_text()
    # the corpus of 4 is the first 4 reviews of the corpus of 7
    small = _files(a)
    assert {k: v for k, v in _files(c).items() if k in small} == small
    assert list(load_truth(a)) == list(load_truth(c))[:4]
    generate(4, tmp_path / "d", seed=6, vocab=Vocabulary.builtin())
    assert _files(tmp_path / "d") != small


def test_truth_matches_clean_text(tmp_path):
    summary = generate(12, tmp_path, seed=11, noise=CLEAN, vocab=Vocabulary.builtin())
    truths = list(load_truth(tmp_path))
    assert len(truths) == summary.reviews == 12
    assert sum(len(t["recommendations"]) for t in truths) == summary.recommendations
    assert sum(len(t["documents"]) for t in truths) == summary.documents
    for t in truths:
        assert re.fullmatch(r"[a-z0-9.-]+/dhr-\d+", t["key"])
        texts = {d["kind"]: (tmp_path / d["file"]).read_text() for d in t["documents"]}
        for d in t["documents"]:
            lines = (tmp_path / d["file"]).read_text().split("\n")
            assert d["lines"] == len(lines) - 1
            for r in d.get("recs", []):  # the line recorded for a recommendation holds its number
                if d["kind"] != "overview_report" and r["number_written"]:
                    assert lines[r["line"] - 1].lstrip().startswith(r["number"])
        if "overview_report" in texts:
            for rec in t["recommendations"]:
                assert f"{rec['number']} {rec['text']}" in texts["overview_report"]
            numbers = {r["number"] for r in t["recommendations"]}
            for item in t["learning"]:
                assert item["applies"] and set(item["applies"]) <= numbers
                assert item["text"] in texts["overview_report"]
        for kind in ("action_plan", "progress_update"):
            if kind in texts:
                for rec in t["recommendations"]:
                    assert rec["plan_text"] in texts[kind]
                    for a in rec["actions"]:
                        assert a["text"] in texts[kind]
                        assert a["target_raw"] in texts[kind]
        assert all(rec["actions"] for rec in t["recommendations"])
        assert {rec["level"] for rec in t["recommendations"]} >= {"panel"}


def test_noise_is_present_in_proportion(tmp_path):
    summary = generate(60, tmp_path, seed=3, vocab=Vocabulary.builtin())
    assert summary.noise.get("numbers_lost", 0) > 0
    assert summary.noise.get("headings_glued", 0) > 0
    assert summary.noise.get("rows_split_over_pages", 0) > 0
    assert summary.noise.get("ocr_words", 0) > 0
    assert summary.noise.get("acronyms", 0) > 0
    lost = summary.noise["numbers_lost"] / summary.recommendations
    assert 0.01 < lost < 0.15  # default proportion is 5% of rows per document
    text = "".join(p.read_text() for p in (tmp_path / "docs").glob("*.txt"))
    assert "<p>" in text or "<li>" in text
    assert re.search(r"^-{2,}\t-{2,}", text, flags=re.M)
    # a clean corpus of the same seed has the same content and none of the damage
    clean = generate(60, tmp_path / "clean", seed=3, noise=CLEAN, vocab=Vocabulary.builtin())
    assert clean.recommendations == summary.recommendations
    assert not {"numbers_lost", "ocr_words", "headings_glued"} & set(clean.noise)


def test_size_scales_linearly(tmp_path):
    s50 = generate(50, tmp_path / "a", seed=1, vocab=Vocabulary.builtin())
    per_review = s50.bytes / 50
    assert 4_000 < per_review < 25_000  # about 100 MB for 10,000 reviews


def test_demo_corpus_is_the_generator_output(tmp_path):
    paths = demo_paths()
    assert len(paths) == 3 * DEMO_REVIEWS
    assert all(p.exists() for p in paths)
    kinds = {re.sub(r"^.*-dhr-\d+-", "", p.stem) for p in paths}
    assert kinds == {"report", "action-plan", "progress-update"}
    write_demo(tmp_path, tmp_path / "truth.jsonl")
    assert {p.name: p.read_bytes() for p in paths} == {p.name: p.read_bytes()
                                                         for p in sorted(tmp_path.glob("*.txt"))}
    assert (tmp_path / "truth.jsonl").read_text() == (DATA / "demo_truth.jsonl").read_text()
    # different partnership layouts: the action plans' header rows differ
    headers = set()
    for p in paths:
        if p.stem.endswith("action-plan"):
            headers.add(next(line for line in p.read_text().splitlines() if "\t" in line and "Recommendation"
                             in line))
    assert len(headers) == DEMO_REVIEWS


def test_demo_truth_names_no_real_place():
    truths = [json.loads(line) for line in (DATA / "demo_truth.jsonl").read_text().splitlines()]
    real = {"middlesbrough", "warwickshire", "cleveland", "durham", "coventry", "teesside"}
    for t in truths:
        assert not any(r in t["area"].lower() for r in real)
        assert len(t["documents"]) == 3


def test_cli_synth(tmp_path):
    from reviewgraph.app.cli import cli

    result = CliRunner().invoke(cli, ["synth", "--reviews", "3", "--out", str(tmp_path), "--seed", "4"])
    assert result.exit_code == 0, result.output
    assert "3 reviews" in result.output
    assert len(list(load_truth(tmp_path))) == 3
    assert list((tmp_path / "docs").glob("*.txt"))


def test_noise_scaling():
    n = Noise().scaled(2.0)
    assert n.lost_number == 2 * Noise().lost_number
    assert Noise().scaled(100).split_row == 1.0
