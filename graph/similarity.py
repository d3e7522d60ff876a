"""Repeat recommendations: SIMILAR_TO {score} between recommendations of different reviews.

CONTRACT: ``link_similar(graph: ReviewGraph) -> None`` is called by :func:`reviewgraph.graph.build.build_graph` after
theme tagging; deterministic and offline.

The score of two recommendations a and b::

    text  = (cosine of word TF-IDF + cosine of character 3-5-gram TF-IDF) / 2
    score = text * (0.5 + 0.5 * jaccard(themes of a, themes of b))

Word TF-IDF uses lower-cased, lightly stemmed words without stop words; character n-grams absorb OCR damage
and spelling; the theme factor halves the score of two texts that share wording but no theme ("review how
LGBT+ victims are supported" against "review how male victims are supported"). An edge is made when
``score >= THRESHOLD``, calibrated on the hand-labelled pairs in ``tests/data/similar_pairs.tsv`` (see
docs/themes.md for precision and recall).

Scale: no Python loop over pairs. Candidate pairs come from the sparse product of the word TF-IDF matrix with
its transpose, a block of :data:`BLOCK_ROWS` rows at a time (a dense block of at most :data:`BLOCK_CELLS`
cosines), keeping for each recommendation the :data:`MAX_CANDIDATES` recommendations of other reviews with
the highest word cosine (at least :data:`CANDIDATE_MIN`); the character cosine and theme overlap are computed
for those candidates only, vectorised. Each recommendation keeps its :data:`MAX_NEIGHBOURS` best matches.
The blocks run on one thread per core (``REVIEWGRAPH_WORKERS``); the product is still quadratic in the number
of recommendations (about 70% of the build at 10,000 reviews; docs/performance.md says why it stays exact).

>>> s = Scorer.fit(["Agencies should share information with MARAC.",
...                 "Partners to share information with the MARAC in time.",
...                 "The hospital appoints a domestic abuse lead."])
>>> bool(s.pair(0, 1) > THRESHOLD > s.pair(0, 2))
True
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from reviewgraph.graph.graphdata import ReviewGraph
from reviewgraph.graph.model import Recommendation, Review
from reviewgraph.graph.textvec import char_wb_ngrams, stop_words, tfidf
from reviewgraph.graph.workers import wanted_workers

__all__ = ["link_similar", "Scorer", "THRESHOLD", "CANDIDATE_MIN", "MAX_NEIGHBOURS", "MAX_CANDIDATES", "BLOCK_ROWS", "BLOCK_CELLS",
           "similar_pairs", "analyzer"]

#: calibrated on tests/data/similar_pairs.tsv (docs/themes.md)
THRESHOLD = 0.39
#: blocking: word TF-IDF cosine a candidate pair needs before the full score is computed
CANDIDATE_MIN = 0.15
MAX_NEIGHBOURS = 10
#: blocking: at most this many candidates per recommendation are scored in full
MAX_CANDIDATES = 20
#: rows per block of the blocked product, and the most cosines one dense block may hold
BLOCK_ROWS = 256
BLOCK_CELLS = 8_000_000

_WORD = re.compile(r"[A-Za-z0-9]+")
_STOP = stop_words() | {
    "should", "ensure", "ensures", "agency", "agencies", "partner", "partners", "partnership", "make", "sure",
    "each", "review", "reviews", "reviewed", "domestic", "abuse", "violence", "staff", "practitioners",
}
_SUFFIXES = ("ational", "ation", "ings", "ing", "ies", "ied", "ed", "es", "s", "ly", "e")


@functools.lru_cache(maxsize=1 << 16)
def _stem(word: str) -> str:
    for suf in _SUFFIXES:
        if word.endswith(suf) and len(word) - len(suf) >= 3:
            return word[: -len(suf)]
    return word


def analyzer(text: str) -> list[str]:
    """Word features: lower-case, stop words out, light suffix stripping.

    >>> analyzer("Agencies should ensure staff are trained in information sharing")
    ['train', 'inform', 'shar']
    """
    return [_stem(w) for w in (m.lower() for m in _WORD.findall(text)) if w not in _STOP]


@dataclass
class Scorer:
    """Word and character TF-IDF of a set of texts (and, optionally, their theme sets)."""

    words: sp.csr_matrix
    chars: sp.csr_matrix
    themes: sp.csr_matrix

    @classmethod
    def fit(cls, texts: Sequence[str], themes: Sequence[set[str]] | None = None) -> Scorer:
        if themes is None:
            from reviewgraph.graph.themes import tag_text

            themes = [{t.theme for t in tag_text(t)} for t in texts]
        words = tfidf(texts, analyzer)
        chars = tfidf(texts, char_wb_ngrams)
        vocab = {t: i for i, t in enumerate(sorted(set().union(*themes)))} if themes else {}
        rows = [i for i, ts in enumerate(themes) for _ in ts]
        cols = [vocab[t] for ts in themes for t in sorted(ts)]
        tmat = sp.csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)),
                             shape=(len(texts), max(len(vocab), 1)))
        return cls(words.tocsr(), chars.tocsr(), tmat)

    def scores(self, i: np.ndarray, j: np.ndarray, word_cos: np.ndarray | None = None) -> np.ndarray:
        """Scores of the pairs (i[k], j[k]), vectorised."""
        if word_cos is None:
            word_cos = np.asarray(self.words[i].multiply(self.words[j]).sum(axis=1)).ravel()
        char_cos = np.asarray(self.chars[i].multiply(self.chars[j]).sum(axis=1)).ravel()
        inter = np.asarray(self.themes[i].multiply(self.themes[j]).sum(axis=1)).ravel()
        sizes = np.asarray(self.themes.sum(axis=1)).ravel()
        union = sizes[i] + sizes[j] - inter
        jac = np.where(union > 0, inter / np.maximum(union, 1), 1.0)
        return (word_cos + char_cos) / 2 * (0.5 + 0.5 * jac)

    def pair(self, i: int, j: int) -> float:
        return float(self.scores(np.array([i]), np.array([j]))[0])


def _top_per_row(rows: np.ndarray, cols: np.ndarray, vals: np.ndarray, k: int) -> np.ndarray:
    """Mask keeping, for each row, its ``k`` largest values (ties broken by column)."""
    if not len(rows):
        return np.zeros(0, dtype=bool)
    order = np.lexsort((cols, -vals, rows))
    sorted_rows = rows[order]
    first = np.r_[0, np.flatnonzero(np.diff(sorted_rows)) + 1]
    rank = np.arange(len(rows)) - np.repeat(first, np.diff(np.r_[first, len(rows)]))
    keep = np.zeros(len(rows), dtype=bool)
    keep[order[rank < k]] = True
    return keep


def similar_pairs(scorer: Scorer, groups: Sequence[str], threshold: float = THRESHOLD,
                  max_neighbours: int = MAX_NEIGHBOURS) -> list[tuple[int, int, float]]:
    """(i, j, score) with i < j, groups[i] != groups[j], score >= threshold; each item keeps its best
    ``max_neighbours`` (a pair is kept when it is among the best of either end).

    Blocking: each block of rows is multiplied with the whole word TF-IDF matrix (a dense block of
    ``rows x n`` cosines); for each item only its :data:`MAX_CANDIDATES` other-group items of highest word
    cosine (at least :data:`CANDIDATE_MIN`) are scored in full."""
    n = scorer.words.shape[0]
    if n < 2:
        return []
    group_codes = np.unique(np.asarray(groups, dtype=object), return_inverse=True)[1]
    wt = scorer.words.T.tocsr()  # CSR, so no block converts it again (a CSC operand is converted per product)
    k = min(max(MAX_CANDIDATES, max_neighbours), n - 1)
    block_rows = max(1, min(BLOCK_ROWS, BLOCK_CELLS // n))

    def block(lo: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        hi = min(n, lo + block_rows)
        cos = (scorer.words[lo:hi] @ wt).toarray()
        cos[group_codes[lo:hi, None] == group_codes[None, :]] = 0.0
        part = np.argpartition(-cos, k - 1, axis=1)[:, :k] if k < n else np.tile(np.arange(n), (hi - lo, 1))
        vals = np.take_along_axis(cos, part, axis=1).ravel()
        rows = np.repeat(np.arange(lo, hi), part.shape[1])
        cols = part.ravel()
        del cos
        keep = vals >= CANDIDATE_MIN
        rows, cols, vals = rows[keep], cols[keep], vals[keep]
        if not len(rows):
            return rows, cols, vals
        s = scorer.scores(rows, cols, vals)
        keep = s >= threshold
        rows, cols, s = rows[keep], cols[keep], s[keep]
        keep = _top_per_row(rows, cols, s, max_neighbours)
        return rows[keep], cols[keep], s[keep]

    # The blocks are independent and SciPy's sparse product and NumPy's partition release the GIL, so two
    # threads use two cores; results are gathered in block order (the same pairs whatever the thread count).
    starts = range(0, n, block_rows)
    with ThreadPoolExecutor(max_workers=min(wanted_workers(), len(starts))) as pool:
        found_i, found_j, found_s = (list(x) for x in zip(*pool.map(block, starts), strict=True))
    i, j, s = np.concatenate(found_i), np.concatenate(found_j), np.concatenate(found_s)
    lo_, hi_ = np.minimum(i, j), np.maximum(i, j)
    best: dict[tuple[int, int], float] = {}
    for a, b, v in zip(lo_.tolist(), hi_.tolist(), s.tolist(), strict=True):
        if v > best.get((a, b), -1.0):
            best[(a, b)] = v
    return sorted((a, b, v) for (a, b), v in best.items())


def _review_date(graph: ReviewGraph, review_id: str) -> str:
    node = graph.nodes.get(review_id)
    if isinstance(node, Review) and node.published:
        return node.published
    return ""


def link_similar(graph: ReviewGraph) -> None:
    """Add SIMILAR_TO edges between near-duplicate recommendations of different reviews.

    The edge goes from the later recommendation to the earlier one (by the reviews' publication dates, then
    by id), carries ``score`` and the later recommendation's provenance.
    """
    recs = sorted((n for n in graph.nodes.values() if isinstance(n, Recommendation) and n.text.strip()),
                  key=lambda r: r.id)
    if len(recs) < 2:
        return
    about: dict[str, set[str]] = {r.id: set() for r in recs}
    tagged = False
    for e in graph.edges.values():
        if e.type == "ABOUT" and e.source in about:
            about[e.source].add(e.target)
            tagged = True
    themes = [about[r.id] for r in recs] if tagged else None
    scorer = Scorer.fit([r.text for r in recs], themes)
    dates = {r.review: _review_date(graph, r.review) for r in recs}
    for i, j, score in similar_pairs(scorer, [r.review for r in recs]):
        a, b = recs[i], recs[j]
        later, earlier = (a, b) if (dates[a.review], a.id) > (dates[b.review], b.id) else (b, a)
        graph.link(later.id, "SIMILAR_TO", earlier.id, later, score=round(float(score), 3))
