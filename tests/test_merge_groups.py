"""group_reviews' shortcuts change no grouping: the bound on each candidate review's share (scored only while
it can still win), the text scores computed once per pair of documents with the word score only where a
pair can pass, and a join confirmed outright when all its recommendations match, against an exhaustive
variant that scores every candidate review's share in full, on a generated corpus whose documents need
every joining rule (numbered, named only, partnership only, no area)."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest

from reviewgraph.graph import merge
from reviewgraph.ingest.pipeline import ingest_paths
from reviewgraph.synth.corpus import generate


class _Exhaustive(merge._Groups):
    """Every candidate's share in full, from text scores computed pair by pair over every pair."""

    def bounds(self, i, candidates):  # type: ignore[no-untyped-def]
        return [(1.0, root, docs) for root, docs in candidates.items()]

    def _text(self, i, others):  # type: ignore[no-untyped-def]
        pool = [t for j in others for t in self.norms(j)]
        return merge._texts(self.norms(i), pool, merge.MATCH_THRESHOLD)  # every word score computed

    def confirmed(self, i, root, area):  # type: ignore[no-untyped-def]
        area_docs = self.by_area.get(merge.slug(area), [])
        mine = self.share(i, self.members(root, area_docs))
        if mine is None:
            return True
        others: dict[int, list[int]] = {}
        for j in area_docs:
            r = self.find(j)
            if r not in (root, self.find(i)):
                others.setdefault(r, []).append(j)
        return all((self.share(i, docs) or 0.0) <= mine for docs in others.values())


@pytest.fixture(scope="module")
def docs(tmp_path_factory):  # type: ignore[no-untyped-def]
    out = tmp_path_factory.mktemp("groups")
    generate(70, out, seed=3)
    results = ingest_paths([out / "docs"])
    return [r.doc for r in results if r.doc is not None]


def _grouping(groups: dict) -> list:
    return sorted((key, [d.sha256 for d in members]) for key, members in groups.items())


def test_shortcuts_give_the_exhaustive_grouping(docs, monkeypatch):
    kinds = Counter((bool(d.hints.number), bool(d.hints.pseudonym), bool(d.hints.area)) for d in docs)
    assert kinds[(False, True, True)] and kinds[(False, False, True)]  # the rules that score shares are used
    fast = merge.group_reviews(docs)
    monkeypatch.setattr(merge, "_Groups", _Exhaustive)
    assert _grouping(fast) == _grouping(merge.group_reviews(docs))


def test_share_never_exceeds_its_bound(docs):
    g = merge._Groups(sorted(docs, key=lambda d: d.sha256))
    checked = 0
    for area_docs in g.by_area.values():
        for i in area_docs[:3]:
            candidates = {j: [j] for j in area_docs if j != i}
            for bound, _root, members in g.bounds(i, candidates):
                share = g.share(i, members)
                assert (share or 0.0) <= bound
                checked += share is not None and share > 0
    assert checked  # some shares were not 0


def test_pair_texts_keep_every_passing_score(docs):
    g = merge._Groups(sorted(docs, key=lambda d: d.sha256))
    area_docs = max(g.by_area.values(), key=len)
    i, others = area_docs[0], area_docs[1:]
    fast = g._text(i, others)
    full = merge._texts(g.norms(i), [t for j in others for t in g.norms(j)], merge.MATCH_THRESHOLD)
    can_pass = full >= merge.CONTENT_THRESHOLD - 8.0
    assert np.array_equal(fast[can_pass], full[can_pass])
    assert (fast <= full + 1e-9).all()
