"""Repeat recommendations: calibration on hand-labelled pairs and SIMILAR_TO edges in a graph."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import reviewgraph.graph.similarity as similarity
from reviewgraph.graph.graphdata import ReviewGraph
from reviewgraph.graph.model import Recommendation, Review
from reviewgraph.graph.similarity import THRESHOLD, Scorer, link_similar, similar_pairs
from reviewgraph.graph.similarity_eval import cross_validated, load_pairs, pair_scores, precision_recall
from reviewgraph.graph.themes import tag_graph

PAIRS = Path(__file__).parent / "data" / "similar_pairs.tsv"


def test_threshold_is_precise_on_the_labelled_pairs() -> None:
    pairs = load_pairs(PAIRS)
    assert len(pairs) >= 60 and 0 < sum(p[0] for p in pairs) < len(pairs)
    precision, recall = precision_recall(pair_scores(pairs), [p[0] for p in pairs], THRESHOLD)
    assert precision >= 0.9
    assert recall >= 0.8


def test_cross_validated_precision_holds_out_of_sample() -> None:
    cv = cross_validated(load_pairs(PAIRS))
    assert cv["precision"] >= 0.85


def _graph(texts: dict[str, list[str]], published: dict[str, str]) -> ReviewGraph:
    g = ReviewGraph()
    for key, recs in texts.items():
        rid = f"review:{key}"
        g.add_node(Review(id=rid, title=key, published=published.get(key), doc=f"doc:{key}", line_start=1,
                          line_end=1))
        for n, text in enumerate(recs, 1):
            rec = Recommendation(id=f"rec:{key}/{n}", review=rid, number=str(n), text=text, ordinal=n,
                                 doc=f"doc:{key}", line_start=n, line_end=n)
            g.add_node(rec)
            g.link(rid, "MADE", rec.id, rec)
    return g


TEXTS = {
    "northby/dhr-1": ["All agencies should ensure that frontline staff receive training on recognising coercive "
                      "and controlling behaviour.",
                      "Partner agencies to provide training so that front line practitioners can identify coercive "
                      "and controlling behaviour."],
    "southby/dhr-7": ["Agencies to train frontline staff to recognise coercive and controlling behaviour.",
                      "The hospital should appoint a lead for domestic abuse."],
    "eastby/dhr-2": ["The ambulance service should review response times."],
}


def test_link_similar_joins_repeats_across_reviews_only_from_later_to_earlier() -> None:
    g = _graph(TEXTS, {"northby/dhr-1": "2019-01-01", "southby/dhr-7": "2022-01-01", "eastby/dhr-2": "2020-01-01"})
    tag_graph(g)
    link_similar(g)
    edges = {(e.source, e.target): e for e in g.edges_of("SIMILAR_TO")}
    assert ("rec:southby/dhr-7/1", "rec:northby/dhr-1/1") in edges
    assert ("rec:southby/dhr-7/1", "rec:northby/dhr-1/2") in edges
    assert ("rec:northby/dhr-1/2", "rec:northby/dhr-1/1") not in edges   # same review
    assert not [k for k in edges if "eastby" in k[0] or "eastby" in k[1] or k[0].endswith("dhr-7/2")]
    for e in edges.values():
        assert THRESHOLD <= e.props["score"] <= 1.0
        assert e.doc == g.nodes[e.source].doc


def test_blocks_and_neighbour_cap_do_not_change_the_result(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = np.random.default_rng(7)
    words = ("marac referral training police probation housing risk assessment information sharing gp "
             "supervision audit policy carers stalking suicide alcohol").split()
    texts = [" ".join(rng.choice(words, size=8)) for _ in range(60)]
    groups = [f"r{i % 7}" for i in range(60)]
    scorer = Scorer.fit(texts, [set() for _ in texts])
    whole = similar_pairs(scorer, groups, threshold=0.3, max_neighbours=100)
    monkeypatch.setattr(similarity, "BLOCK_ROWS", 7)
    for threads in ("1", "3"):  # blocks run on a thread pool; gathered in order whatever its size
        monkeypatch.setenv("REVIEWGRAPH_WORKERS", threads)
        assert similar_pairs(scorer, groups, threshold=0.3, max_neighbours=100) == whole
    assert whole and all(groups[i] != groups[j] and i < j for i, j, _ in whole)
    capped = similar_pairs(scorer, groups, threshold=0.3, max_neighbours=2)
    assert set(capped) <= set(whole) and len(capped) < len(whole)
    # every kept pair is among the best two of one of its ends
    for i, j, s in capped:
        best_i = sorted((v for a, b, v in whole if i in (a, b)), reverse=True)[:2]
        best_j = sorted((v for a, b, v in whole if j in (a, b)), reverse=True)[:2]
        assert s in best_i or s in best_j


def test_link_similar_is_deterministic() -> None:
    a = _graph(TEXTS, {})
    b = _graph(TEXTS, {})
    link_similar(a)
    link_similar(b)
    assert a.to_json() == b.to_json()
    assert list(a.edges_of("SIMILAR_TO"))
