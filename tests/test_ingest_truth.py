"""The ingest measured against the ground truth of generated documents (layouts it was not tuned on).

Prints the scores (run with ``-s`` to see them); asserts what a correct ingest must do on clean tables and
that the scorer itself can fail.
"""

from __future__ import annotations

import pytest

from reviewgraph.graph.graphdata import ReviewGraph
from reviewgraph.synth.scoring import evaluate, format_scores
from reviewgraph.synth.vocab import Vocabulary
from reviewgraph.synth.corpus import CLEAN, generate

pipeline = pytest.importorskip("reviewgraph.ingest.pipeline", reason="the text ingest is not in this tree")


def _ingest(tmp_path, noise, seed, n):
    from reviewgraph.graph.store import Store

    corpus = tmp_path / "corpus"
    generate(n, corpus, seed, noise=noise, vocab=Vocabulary.builtin())
    store = Store(tmp_path / "db")
    results = pipeline.ingest_into(store, [corpus / "docs"])
    assert all(r.ok for r in results), [r.error for r in results if not r.ok]
    return evaluate(store.graph(), corpus)


def test_clean_corpus_every_recommendation_and_learning_found(tmp_path):
    scores = _ingest(tmp_path, CLEAN, seed=21, n=8)
    print("\nclean corpus, 8 reviews\n" + format_scores(scores))
    c = scores["counts"]
    assert c["documents_ingested"] == c["documents"]
    assert scores["rec_recall"] >= 0.9
    assert scores["learning_recall"] >= 0.9
    assert scores["informs_recall"] >= 0.9


def test_noisy_corpus_scored(tmp_path):
    scores = _ingest(tmp_path, None, seed=22, n=8)
    print("\nnoisy corpus, 8 reviews\n" + format_scores(scores))
    c = scores["counts"]
    assert c["recs"] > 0 and c["recs_found"] <= c["recs"]
    assert c["recs_graph"] >= c["recs_found"] - c["recs_duplicated"]
    for key, value in scores.items():
        if key != "counts" and value is not None:
            assert 0.0 <= value <= 1.0, key


def test_scorer_fails_an_empty_graph(tmp_path):
    corpus = tmp_path / "corpus"
    generate(3, corpus, 5, vocab=Vocabulary.builtin())
    scores = evaluate(ReviewGraph(), corpus)
    assert scores["rec_recall"] == 0.0
    assert scores["reviews_whole"] == 0.0
    assert scores["counts"]["documents_ingested"] == 0
