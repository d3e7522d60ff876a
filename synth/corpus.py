"""Synthetic review documents with their ground truth: for tests, benchmarks and the demo corpus.

Every review is invented (places such as "Kestrel Vale", pseudonyms, officials); the documents are laid
out the way real Domestic Homicide Review documents are once extracted from PDF (see
:mod:`reviewgraph.synth.render` for the layouts and the noise), and each comes with what it really says, so a
test can measure what the ingest recovers.

>>> summary = generate(3, tmp_path, seed=7)            # doctest: +SKIP
>>> [t["key"] for t in load_truth(tmp_path)]            # doctest: +SKIP
['kestrel-vale/dhr-1', ...]

Determinism: review ``i`` of seed ``s`` is the same whatever the corpus size (each review has its own random
stream, and partnerships are assigned from the review's index only), so the corpus of 100 reviews is the
first 100 reviews of the corpus of 10,000. Generation streams to disk: memory does not grow with N.
"""

from __future__ import annotations

import hashlib
import json
import random
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from reviewgraph.synth.content import Partnership, ReviewSpec, make_partnership, make_review
from reviewgraph.synth.plan import render_plan
from reviewgraph.synth.render import CLEAN, Noise, Page, draw_style
from reviewgraph.synth.report import render_report, report_numbers
from reviewgraph.synth.vocab import Vocabulary

__all__ = ["Noise", "CLEAN", "Corpus", "Summary", "generate", "load_truth", "demo_paths", "DEMO_SEED",
           "DEMO_REVIEWS", "TRUTH_FILE"]

TRUTH_FILE = "truth.jsonl"
DEMO_SEED = 2026
DEMO_REVIEWS = 5
KIND_CODE = {"overview_report": "report", "action_plan": "action-plan", "progress_update": "progress-update"}


@dataclass
class Summary:
    reviews: int = 0
    documents: int = 0
    bytes: int = 0
    recommendations: int = 0
    actions: int = 0
    learning: int = 0
    seconds: float = 0.0
    noise: dict[str, int] = field(default_factory=dict)


class Corpus:
    """The reviews of one seed: ``Corpus(seed).review(i)`` is review ``i`` (0-based), rendered."""

    def __init__(self, seed: int = 0, vocab: Vocabulary | None = None, noise: Noise | None = None,
                 doc_mix: dict[str, float] | None = None, always_all: bool = False) -> None:
        self.seed = seed
        self.vocab = vocab or Vocabulary.from_package()
        self.noise = noise if noise is not None else Noise()
        self.doc_mix = doc_mix or {"report": 0.75, "appendix": 0.2, "update": 0.4}
        self.always_all = always_all  # every review gets report + plan + progress update (the demo)
        self.partnerships: dict[int, Partnership] = {}

    def _partnership(self, index: int) -> Partnership:
        if index not in self.partnerships:
            rng = random.Random(f"{self.seed}:partnership:{index}")
            style = draw_style(rng, self.noise)
            self.partnerships[index] = make_partnership(rng, index, self.vocab, style)
        return self.partnerships[index]

    def spec(self, i: int) -> ReviewSpec:
        """The content of review ``i``. Call in order of ``i`` (the DHR numbers count up per partnership)."""
        rng = random.Random(f"{self.seed}:review:{i}")
        pool = max(1, round((i + 1) ** 0.7))
        p = self._partnership(i if self.always_all else rng.randrange(pool))
        spec = make_review(rng, p, self.vocab, self.doc_mix, list(p.style.date_prefs))
        if self.always_all:
            spec.has_report = spec.has_plan = spec.has_update = True
            spec.has_appendix = False
        return spec

    def render(self, i: int, spec: ReviewSpec) -> list[tuple[str, str, dict[str, Any]]]:
        """The documents of a review: (kind, text, truth of the document)."""
        rng = random.Random(f"{self.seed}:render:{i}")
        style = spec.partnership.style
        _, nos = report_numbers(spec, style)
        out = []
        if spec.has_report:
            page = Page(rng, style, spec)
            t = render_report(page, spec)
            out.append(("overview_report", page, t))
        for kind, wanted in (("action_plan", spec.has_plan), ("progress_update", spec.has_update)):
            if wanted:
                page = Page(rng, style, spec)
                t = {"recs": render_plan(page, spec, kind, nos if spec.has_report else {})}
                out.append((kind, page, t))
        docs = []
        for kind, page, t in out:
            text = page.text()
            t.update(kind=kind, lines=len(page.lines), noise=dict(sorted(page.counts.items())),
                     identifies={"partnership": spec.partnership.name in text, "number": spec.number in text,
                                 "pseudonym": f"{spec.pseudonym}" in text})
            if kind == "progress_update":
                y, m = spec.update_date
                t["as_of_month"] = f"{y}-{m:02d}"
            docs.append((kind, text, t))
        return docs


def _truth(spec: ReviewSpec, docs: list[dict[str, Any]]) -> dict[str, Any]:
    p = spec.partnership
    _, nos = report_numbers(spec, p.style)
    plan_nos: dict[int, str] = {}
    for d in docs:
        for r in d.get("recs", []) if d["kind"] != "overview_report" else d.get("appendix", []):
            plan_nos.setdefault(r["ordinal"], r["number"])
    recs = []
    for r in spec.recs:
        recs.append({
            "ordinal": r.ordinal, "number": nos[r.ordinal] if spec.has_report else plan_nos.get(r.ordinal),
            "plan_number": plan_nos.get(r.ordinal), "text": r.text, "plan_text": r.plan_text,
            "owner": r.owner.name, "owner_aliases": list(r.owner.aliases), "owner_national": r.owner.national,
            "section": r.section, "level": r.level, "scope": r.scope.lower(), "themes": r.themes,
            "actions": [{"text": a.text, "lead": a.lead, "lead_agency": a.lead_agency,
                         "start_raw": a.start.raw, "start": a.start.iso, "target_raw": a.target.raw,
                         "target": a.target.iso, "status_plan": a.status_plan, "status_update": a.status_update}
                        for a in r.actions]})
    learning = []
    report = next((d for d in docs if d["kind"] == "overview_report"), None)
    if report is not None:
        learning = [{"number": w["number"], "text": item.text, "applies": w["applies"]}
                    for item, w in zip(spec.learning, report["learning"])]
    return {"key": spec.key, "review_kind": "DHR", "area": p.place, "partnership": p.name,
            "partnership_short": p.short, "number": spec.number, "pseudonym": spec.pseudonym,
            "death": f"{spec.death[0]}-{spec.death[1]:02d}", "documents": docs, "recommendations": recs,
            "learning": learning}


def generate(n: int, out: str | Path, seed: int = 0, *, noise: Noise | None = None,
             vocab: Vocabulary | None = None, readable_names: bool = False, always_all: bool = False,
             progress: Callable[[int], None] | None = None) -> Summary:
    """Write ``n`` reviews' documents to ``out/docs/`` and their ground truth to ``out/truth.jsonl``."""
    out = Path(out)
    docs_dir = out / "docs"
    docs_dir.mkdir(parents=True, exist_ok=True)
    corpus = Corpus(seed, vocab=vocab, noise=noise, always_all=always_all)
    summary = Summary()
    t0 = time.perf_counter()
    with open(out / TRUTH_FILE, "w", encoding="utf-8") as truth_fh:
        for i in range(n):
            spec = corpus.spec(i)
            doc_truths = []
            for kind, text, t in corpus.render(i, spec):
                data = text.encode("utf-8")
                if readable_names:
                    name = f"{spec.key.replace('/', '-')}-{KIND_CODE[kind]}.txt"
                else:
                    name = f"{summary.documents:06d}_{hashlib.sha256(data).hexdigest()[:16]}.txt"
                (docs_dir / name).write_bytes(data)
                t["file"] = f"docs/{name}"
                doc_truths.append(t)
                summary.documents += 1
                summary.bytes += len(data)
                for k, v in t["noise"].items():
                    summary.noise[k] = summary.noise.get(k, 0) + v
            truth = _truth(spec, doc_truths)
            truth_fh.write(json.dumps(truth, ensure_ascii=False) + "\n")
            summary.reviews += 1
            summary.recommendations += len(spec.recs)
            summary.actions += sum(len(r.actions) for r in spec.recs)
            summary.learning += len(truth["learning"])
            if progress is not None:
                progress(i + 1)
    summary.seconds = time.perf_counter() - t0
    return summary


def load_truth(out: str | Path) -> Iterator[dict[str, Any]]:
    """The ground truth written by :func:`generate`, one review at a time."""
    with open(Path(out) / TRUTH_FILE, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def demo_paths() -> list[Path]:
    """The demo corpus shipped in ``synth/demo/`` (synthetic reviews; see ``docs/synthetic.md``)."""
    root = resources.files("reviewgraph.synth").joinpath("demo")
    return sorted(Path(str(root.joinpath(p.name))) for p in root.iterdir() if p.name.endswith(".txt"))


def write_demo(dest: str | Path | None = None, truth: str | Path | None = None) -> Summary:
    """(Re)write the demo corpus: ``DEMO_REVIEWS`` reviews, each an overview report, an action plan and a
    progress update, in different partnership layouts, from the built-in vocabulary at ``DEMO_SEED``.

    ``dest`` defaults to this package's ``demo/`` folder; ``truth`` (the ground truth, for tests) to
    nowhere. The files are byte-for-byte reproducible; ``tests/test_synthetic.py`` checks that they are.
    """
    import shutil
    import tempfile

    dest = Path(dest) if dest is not None else Path(__file__).resolve().parent / "demo"
    with tempfile.TemporaryDirectory() as tmp:
        summary = generate(DEMO_REVIEWS, tmp, DEMO_SEED, vocab=Vocabulary.builtin(), readable_names=True,
                           always_all=True)
        dest.mkdir(parents=True, exist_ok=True)
        for old in dest.glob("*.txt"):
            old.unlink()
        for f in sorted((Path(tmp) / "docs").glob("*.txt")):
            shutil.copyfile(f, dest / f.name)
        if truth is not None:
            shutil.copyfile(Path(tmp) / TRUTH_FILE, truth)
    return summary
