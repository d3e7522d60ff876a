""""Does the learning in this review appear in other reviews?": the appears-elsewhere report.

For each recommendation of a review, the similar recommendations of other reviews (SIMILAR_TO, either
direction) and whether their actions were completed. By default only earlier reviews count (published
before this one; a review with no publication date is kept and marked ``earlier = None``).

>>> from reviewgraph.queries.examples import example_graph
>>> rows = appears_elsewhere(example_graph(), "review:southby/dhr-7")
>>> [(r["number"], r["other_review"], r["other_number"], r["other_completed"]) for r in rows if r["other_number"]]
[('3', 'review:northby/dhr-1', '1', 'all')]
"""

from __future__ import annotations

from datetime import date
from typing import Any

from reviewgraph.graph.graphdata import ReviewGraph
from reviewgraph.graph.model import Recommendation, Review
from reviewgraph.queries.index import COMPLETE, GraphIndex, parse_iso

__all__ = ["appears_elsewhere", "recurrence_report", "completion"]

GraphLike = ReviewGraph | GraphIndex


def _index(graph: GraphLike) -> GraphIndex:
    return graph if isinstance(graph, GraphIndex) else GraphIndex(graph)


def completion(idx: GraphIndex, rec_id: str) -> tuple[str, int, int]:
    """('all' | 'some' | 'none' | 'no actions', complete, total) for a recommendation's actions."""
    acts = idx.actions_of(rec_id)
    done = sum(1 for a in acts if str(a.status) == COMPLETE)
    if not acts:
        return "no actions", 0, 0
    return ("all" if done == len(acts) else "some" if done else "none"), done, len(acts)


def _published(idx: GraphIndex, review_id: str) -> str | None:
    node = idx.nodes.get(review_id)
    return node.published if isinstance(node, Review) else None


class _Memo:
    """What the rows of many recommendations repeat: each review's date and title, each recommendation's
    completion (computed once per report, not once per match)."""

    def __init__(self, idx: GraphIndex) -> None:
        self.idx = idx
        self._published: dict[str, tuple[str | None, date | None]] = {}
        self._label: dict[str | None, str] = {}
        self._completion: dict[str, tuple[str, int, int]] = {}

    def published(self, review_id: str) -> tuple[str | None, date | None]:
        got = self._published.get(review_id)
        if got is None:
            raw = _published(self.idx, review_id)
            got = self._published[review_id] = (raw, parse_iso(raw))
        return got

    def label(self, review_id: str | None) -> str:
        got = self._label.get(review_id)
        if got is None:
            got = self._label[review_id] = self.idx.review_label(review_id)
        return got

    def completion(self, rec_id: str) -> tuple[str, int, int]:
        got = self._completion.get(rec_id)
        if got is None:
            got = self._completion[rec_id] = completion(self.idx, rec_id)
        return got


def appears_elsewhere(graph: GraphLike, review: str, earlier_only: bool = True) -> list[dict[str, Any]]:
    """One row per (recommendation, similar recommendation elsewhere), best score first; a recommendation
    with no match elsewhere gets one row with empty ``other_*`` fields."""
    return _appears_elsewhere(_Memo(_index(graph)), review, earlier_only)


def _appears_elsewhere(memo: _Memo, review: str, earlier_only: bool) -> list[dict[str, Any]]:
    idx = memo.idx
    if not isinstance(idx.nodes.get(review), Review):
        raise ValueError(f"no review {review!r} in the graph")
    here = memo.published(review)[1]
    recs = [n for n in idx.out(review, "MADE") if isinstance(n, Recommendation)]
    rows = []
    for rec in sorted(recs, key=lambda r: (r.ordinal, r.id)):
        matches = []
        for e in idx.out_edges(rec.id, "SIMILAR_TO") + idx.in_edges(rec.id, "SIMILAR_TO"):
            other = idx.nodes[e.target if e.source == rec.id else e.source]
            if not isinstance(other, Recommendation) or other.review == review:
                continue
            there = memo.published(other.review)[1]
            earlier = None if here is None or there is None else there < here
            if earlier_only and earlier is False:
                continue
            matches.append((e.props.get("score", 0.0), other, earlier))
        base = {"recommendation": rec.id, "number": rec.number, "text": rec.text, "review": review}
        if not matches:
            rows.append({**base, "other_recommendation": None, "other_review": None, "other_review_title": None,
                         "other_number": None, "other_text": None, "score": None, "earlier": None,
                         "other_published": None, "other_completed": None, "other_actions_complete": None,
                         "other_actions": None})
            continue
        for score, other, earlier in sorted(matches, key=lambda m: (-m[0], m[1].id)):
            state, done, total = memo.completion(other.id)
            rows.append({**base, "other_recommendation": other.id, "other_review": other.review,
                         "other_review_title": memo.label(other.review), "other_number": other.number,
                         "other_text": other.text, "score": score, "earlier": earlier,
                         "other_published": memo.published(other.review)[0], "other_completed": state,
                         "other_actions_complete": done, "other_actions": total})
    return rows


def recurrence_report(graph: GraphLike, review: str | None = None, earlier_only: bool = True,
                      matched_only: bool = True) -> list[dict[str, Any]]:
    """The appears-elsewhere rows of one review, or of every review (only recommendations with a match,
    unless ``matched_only`` is False)."""
    memo = _Memo(_index(graph))
    reviews = [review] if review else [r.id for r in memo.idx.reviews()]
    rows = []
    for rid in reviews:
        for row in _appears_elsewhere(memo, rid, earlier_only):
            if matched_only and row["other_recommendation"] is None:
                continue
            rows.append(row)
    return rows
