"""The analyses' fast paths give what the plain (slow) way gives, on an ingested synthetic corpus.

Each fast path (adjacency built per relationship type, shared per-item work, memoised rows) is checked
against a straightforward reading of the graph written here, on a small generated corpus that has every node
kind and relationship type the ingest makes.
"""

from __future__ import annotations

import pytest

from reviewgraph.graph.graphdata import ReviewGraph
from reviewgraph.graph.model import Recommendation
from reviewgraph.graph.store import Store
from reviewgraph.ingest.pipeline import ingest_into
from reviewgraph.synth.corpus import generate
from reviewgraph.queries.index import GraphIndex
from reviewgraph.queries.recurrence import appears_elsewhere, recurrence_report
from reviewgraph.queries.themes import _agencies, _rec_of, _review_ok, shared_themes


@pytest.fixture(scope="module")
def graph(tmp_path_factory: pytest.TempPathFactory) -> ReviewGraph:
    root = tmp_path_factory.mktemp("fast")
    generate(8, root / "corpus", 3)
    ingest_into(Store(root / "db"), [root / "corpus" / "docs"])
    g = Store(root / "db").graph()
    kinds = g.counts()
    assert kinds.get("SIMILAR_TO", 0) > 0 and kinds.get("ABOUT", 0) > 0 and kinds.get("HAS_STATUS", 0) > 0
    return g


def test_index_adjacency_is_every_edge_in_key_order(graph: ReviewGraph) -> None:
    shuffled = ReviewGraph()  # edges met in another order than their keys' (a store keeps them sorted)
    shuffled.nodes = graph.nodes
    shuffled.edges = dict(sorted(graph.edges.items(), key=lambda kv: (kv[0][2], kv[0][0]), reverse=True))
    idx = GraphIndex(shuffled)
    types = {e.type for e in graph.edges.values()}
    for node_id in graph.nodes:
        for t in types:
            out = sorted((e for e in graph.edges.values() if e.source == node_id and e.type == t), key=lambda e: e.key)
            inn = sorted((e for e in graph.edges.values() if e.target == node_id and e.type == t), key=lambda e: e.key)
            assert idx.out_edges(node_id, t) == out
            assert idx.in_edges(node_id, t) == inn
    assert idx.out_edges("no such node", "ABOUT") == [] and idx.in_edges("x", "NO_SUCH_TYPE") == []


def test_index_kinds_sorted_by_id_and_not_shared(graph: ReviewGraph) -> None:
    idx = GraphIndex(graph)
    for kind in {n.KIND for n in graph.nodes.values()}:
        assert idx.of_kind(kind) == sorted((n for n in graph.nodes.values() if n.KIND == kind), key=lambda n: n.id)
    recs = idx.recommendations()
    assert recs == sorted((n for n in graph.nodes.values() if isinstance(n, Recommendation)),
                          key=lambda r: (r.review, r.ordinal, r.id))
    recs.clear()  # a caller changing its list does not change the index
    assert idx.recommendations() and idx.of_kind("Review")
    idx.of_kind("Review").clear()
    assert idx.reviews()


def _shared_themes_plainly(graph: ReviewGraph, min_reviews: int = 1, area: str | None = None,
                           agency: str | None = None, review: str | None = None) -> list[dict]:
    """shared_themes as first written: every item worked out again for every theme it is about."""
    idx = GraphIndex(graph)
    rows = []
    for t in idx.themes():
        reviews, recs, agencies, items = set(), set(), set(), 0
        for item in idx.inn(t.id, "ABOUT"):
            rid = getattr(item, "review", None)
            if review and rid != review:
                continue
            if not _review_ok(idx.review_of(item), area, None, None):
                continue
            names = _agencies(idx, item)
            if agency and not any(agency.lower() in n.lower() for n in names):
                continue
            items += 1
            if rid:
                reviews.add(rid)
            rec = _rec_of(idx, item)
            if rec is not None:
                recs.add(rec.id)
            agencies |= names
        if items == 0 or len(reviews) < min_reviews:
            continue
        rows.append({"theme": t.id, "review_count": len(reviews), "reviews": sorted(reviews),
                     "recommendations": sorted(recs), "items": items, "agencies": sorted(agencies)})
    return sorted(rows, key=lambda r: r["theme"])


@pytest.mark.parametrize("kwargs", [{}, {"min_reviews": 2}, {"area": "a"}, {"agency": "police"},
                                    {"agency": "nhs", "min_reviews": 2}, {"review": "first"}])
def test_shared_themes_same_as_item_by_item(graph: ReviewGraph, kwargs: dict) -> None:
    if kwargs.get("review") == "first":
        kwargs = {"review": sorted(n.id for n in graph.of_kind("Review"))[0]}
    keys = ("theme", "review_count", "reviews", "recommendations", "items", "agencies")
    fast = sorted(({k: r[k] for k in keys} for r in shared_themes(graph, **kwargs)), key=lambda r: r["theme"])
    assert fast == _shared_themes_plainly(graph, **kwargs)
    assert fast or kwargs.get("area")  # the corpus has themes shared across its reviews


def test_recurrence_report_is_each_reviews_appears_elsewhere(graph: ReviewGraph) -> None:
    reviews = sorted(n.id for n in graph.of_kind("Review"))
    for earlier_only in (True, False):
        one_by_one = [row for rid in reviews for row in appears_elsewhere(graph, rid, earlier_only)]
        assert recurrence_report(graph, earlier_only=earlier_only, matched_only=False) == one_by_one
        matched = [r for r in one_by_one if r["other_recommendation"] is not None]
        assert recurrence_report(graph, earlier_only=earlier_only) == matched
    assert any(r["other_recommendation"] for r in recurrence_report(graph, earlier_only=False))



def _sklearn_counts(texts: list[str], min_docs: int) -> tuple[dict[str, int], dict[str, int]] | None:
    from sklearn.feature_extraction.text import CountVectorizer

    from reviewgraph.graph.textvec import stop_words
    from reviewgraph.queries.themes import _TERM

    vec = CountVectorizer(token_pattern=_TERM, ngram_range=(1, 3), lowercase=True,
                          stop_words=sorted(stop_words()), min_df=min_docs)
    try:
        counts = vec.fit_transform(texts).tocsc()
    except ValueError:
        return None
    terms = [str(t) for t in vec.get_feature_names_out()]
    df = (counts > 0).sum(axis=0).A1
    tf = counts.sum(axis=0).A1
    return ({t: int(n) for t, n in zip(terms, df, strict=True)}, {t: int(n) for t, n in zip(terms, tf, strict=True)})


ODD_TEXTS = ["", "MARAC", "the and of", "Multi-agency MARAC referrals; multi-agency MARAC referrals.",
             "re-referral re-referral re-referral GP GPs", "Don't share-information", "x y z",
             "Ensure MARAC referrals\nare audited: MARAC referrals", "Audit the audit of the audit"]


@pytest.mark.parametrize("min_docs", [0, 1, 2, 3, 50])
def test_term_counts_same_as_scikit_learn(graph: ReviewGraph, min_docs: int) -> None:
    from reviewgraph.graph.themes import item_fields
    from reviewgraph.queries.themes import _count_terms

    by_review: dict[str, list[str]] = {}
    for n in sorted(graph.nodes.values(), key=lambda n: n.id):
        by_review.setdefault(getattr(n, "review", None) or "", []).extend(t for t in item_fields(n).values() if t)
    texts = ["\n".join(v) for _, v in sorted(by_review.items())] + ODD_TEXTS
    assert _count_terms(texts, min_docs) == _sklearn_counts(texts, min_docs)
    assert _count_terms(ODD_TEXTS[:3], min_docs) == _sklearn_counts(ODD_TEXTS[:3], min_docs)
    assert _count_terms(["", "the"], min_docs) is None


def test_texts_with_a_term_are_those_whose_terms_include_it() -> None:
    from reviewgraph.queries.themes import _texts_with, _words

    def terms(text: str) -> set[str]:
        w = _words(text)
        return {*w, *(" ".join(w[i:i + 2]) for i in range(len(w) - 1)), *(" ".join(w[i:i + 3]) for i in range(len(w) - 2))}

    wanted = sorted({t for text in ODD_TEXTS for t in terms(text)}) + ["marac audit", "referrals marac"]
    found = _texts_with(wanted, ODD_TEXTS)
    assert found == [[i for i, text in enumerate(ODD_TEXTS) if t in terms(text)] for t in wanted]
    assert found[wanted.index("multi-agency marac")] == [3]


def _review_subgraph_plainly(graph: ReviewGraph, rid: str) -> set[str]:
    """The nodes of review_subgraph as first written: every edge scanned for each node reached."""
    keep, frontier = {rid}, [rid]
    while frontier:
        nid = frontier.pop()
        for (src, _type, dst) in graph.edges:
            if src == nid and dst not in keep:
                keep.add(dst)
                if graph.nodes[dst].KIND not in ("Agency", "Theme", "Recommendation") or src == rid:
                    frontier.append(dst)
    return keep


def test_review_subgraph_same_as_scanning_every_edge(graph: ReviewGraph) -> None:
    from reviewgraph.graph.view import review_subgraph

    shuffled = ReviewGraph()
    shuffled.nodes = graph.nodes
    shuffled.edges = dict(reversed(list(graph.edges.items())))
    for g in (graph, shuffled):
        for rid in sorted(n.id for n in g.of_kind("Review")):
            sub = review_subgraph(g, rid)
            assert set(sub.nodes) == _review_subgraph_plainly(g, rid)
            assert set(sub.edges) == {k for k in g.edges if k[0] in sub.nodes and k[2] in sub.nodes}
            assert any(n.KIND == "Action" for n in sub.nodes.values())
