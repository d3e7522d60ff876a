"""Repeat recommendations above the switch point: the approximate candidate search against the exact one."""

from __future__ import annotations

import pytest

import reviewgraph.graph.similarity as similarity
from reviewgraph.graph.similarity import Scorer, similar_pairs
from reviewgraph.synth.corpus import Corpus


@pytest.fixture(scope="module")
def corpus_recs() -> tuple[list[str], list[str], list[set[str]]]:
    """The recommendations of 300 synthetic reviews (about 2,500), with their reviews and written themes."""
    corpus = Corpus(11)
    texts: list[str] = []
    groups: list[str] = []
    themes: list[set[str]] = []
    for r in range(300):
        for rs in corpus.spec(r).recs:
            texts.append(rs.text)
            groups.append(f"review-{r}")
            themes.append(set(rs.themes))
    return texts, groups, themes


def test_approximate_path_finds_the_exact_pairs(corpus_recs, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    texts, groups, themes = corpus_recs
    scorer = Scorer.fit(texts, themes)
    exact = similar_pairs(scorer, groups, exact=True)
    monkeypatch.setattr(similarity, "EXACT_MAX", 100)  # lowered: this corpus is above the switch point
    approx = similar_pairs(scorer, groups)
    assert len(texts) > 1000 and len(exact) > 1000
    found = {(a, b) for a, b, _ in exact} & {(a, b) for a, b, _ in approx}
    assert len(found) / len(exact) >= 0.98
    # same format: (i, j, score), i < j, other reviews, scores of the same scorer
    scores = {(a, b): s for a, b, s in exact}
    assert all(a < b and groups[a] != groups[b] and s >= similarity.THRESHOLD for a, b, s in approx)
    assert all(abs(s - scores[(a, b)]) < 1e-6 for a, b, s in approx if (a, b) in scores)
    assert similar_pairs(scorer, groups) == approx  # deterministic: fixed seeds, index built on one thread


def test_switch_point_chooses_the_path(corpus_recs, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    texts, groups, themes = corpus_recs
    scorer = Scorer.fit(texts[:400], themes[:400])
    called: list[str] = []
    real_exact, real_approx = similarity._exact_pairs, similarity._approximate_pairs
    monkeypatch.setattr(similarity, "_exact_pairs", lambda *a: called.append("exact") or real_exact(*a))
    monkeypatch.setattr(similarity, "_approximate_pairs", lambda *a: called.append("approx") or real_approx(*a))
    similar_pairs(scorer, groups[:400])
    monkeypatch.setattr(similarity, "EXACT_MAX", 399)
    similar_pairs(scorer, groups[:400])
    assert called == ["exact", "approx"]
