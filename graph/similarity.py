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

Scale: no Python loop over pairs. For each recommendation the :data:`MAX_CANDIDATES` recommendations of
other reviews with the highest word cosine (at least :data:`CANDIDATE_MIN`) are candidates; the character
cosine and theme overlap are computed for those only, vectorised, and each recommendation keeps its
:data:`MAX_NEIGHBOURS` best matches. Up to :data:`EXACT_MAX` recommendations the candidates are found exactly:
the sparse product of the word TF-IDF matrix with its transpose, a block of :data:`BLOCK_ROWS` rows at a time
(a dense block of at most :data:`BLOCK_CELLS` cosines), on one thread per core (``REVIEWGRAPH_WORKERS``),
quadratic. Above it, among each recommendation's :data:`APPROX_NEIGHBOURS` nearest in an HNSW index (voyager)
over a fixed random projection of the word vectors, ranked by their exact word cosine: about N log N, and
approximate (recall of the exact pairs 0.985 at 3,000 generated reviews, 0.904 at 10,000: docs/performance.md).

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
           "similar_pairs", "analyzer", "recommendation_inputs", "EXACT_MAX", "APPROX_DIMS", "APPROX_NEIGHBOURS",
           "projected"]

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
#: the switch point: up to this many recommendations the candidates are found exactly (quadratic), above it
#: through the approximate-neighbour index (docs/performance.md: the exact search costs about 10 s here)
EXACT_MAX = 20_000
#: approximate path: width of the random projection, neighbours asked of the index per item, HNSW graph
#: degree, breadth while building and while searching, the seed of the projection and of the index,
#: items scored per task
APPROX_DIMS = 256
APPROX_NEIGHBOURS = 80
HNSW_M = 16
HNSW_EF_CONSTRUCTION = 100
HNSW_EF = 160
SEED = 0
APPROX_CHUNK = 4096

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

    def word_cosines(self, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        """Word TF-IDF cosines of the pairs (i[k], j[k]), vectorised."""
        return np.asarray(self.words[i].multiply(self.words[j]).sum(axis=1)).ravel()

    def scores(self, i: np.ndarray, j: np.ndarray, word_cos: np.ndarray | None = None) -> np.ndarray:
        """Scores of the pairs (i[k], j[k]), vectorised."""
        if word_cos is None:
            word_cos = self.word_cosines(i, j)
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


def _best_candidates(scorer: Scorer, rows: np.ndarray, cols: np.ndarray, vals: np.ndarray, threshold: float,
                     max_neighbours: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """From candidate pairs and their word cosines, the pairs scored at least ``threshold`` among the best
    ``max_neighbours`` of their row (candidates under :data:`CANDIDATE_MIN` are not scored)."""
    keep = vals >= CANDIDATE_MIN
    rows, cols, vals = rows[keep], cols[keep], vals[keep]
    if not len(rows):
        return rows, cols, vals
    s = scorer.scores(rows, cols, vals)
    keep = s >= threshold
    rows, cols, s = rows[keep], cols[keep], s[keep]
    keep = _top_per_row(rows, cols, s, max_neighbours)
    return rows[keep], cols[keep], s[keep]


def _exact_block(scorer: Scorer, wt: sp.csr_matrix, group_codes: np.ndarray, k: int, block_rows: int,
                 threshold: float, max_neighbours: int,
                 lo: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Rows ``lo`` to ``lo + block_rows``: word cosines against every item (a dense block), the ``k``
    highest of other groups as candidates, scored."""
    n = scorer.words.shape[0]
    hi = min(n, lo + block_rows)
    cos = (scorer.words[lo:hi] @ wt).toarray()
    cos[group_codes[lo:hi, None] == group_codes[None, :]] = 0.0
    part = np.argpartition(-cos, k - 1, axis=1)[:, :k] if k < n else np.tile(np.arange(n), (hi - lo, 1))
    vals = np.take_along_axis(cos, part, axis=1).ravel()
    rows = np.repeat(np.arange(lo, hi), part.shape[1])
    del cos
    return _best_candidates(scorer, rows, part.ravel(), vals, threshold, max_neighbours)


def _exact_pairs(scorer: Scorer, group_codes: np.ndarray, k: int, threshold: float,
                 max_neighbours: int) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    n = scorer.words.shape[0]
    wt = scorer.words.T.tocsr()  # CSR, so no block converts it again (a CSC operand is converted per product)
    block_rows = max(1, min(BLOCK_ROWS, BLOCK_CELLS // n))
    block = functools.partial(_exact_block, scorer, wt, group_codes, k, block_rows, threshold, max_neighbours)
    # The blocks are independent and SciPy's sparse product and NumPy's partition release the GIL, so two
    # threads use two cores; results are gathered in block order (the same pairs whatever the thread count).
    starts = range(0, n, block_rows)
    with ThreadPoolExecutor(max_workers=min(wanted_workers(), len(starts))) as pool:
        return list(pool.map(block, starts))


def projected(words: sp.csr_matrix, dims: int = APPROX_DIMS, seed: int = SEED) -> np.ndarray:
    """Rows of ``words`` projected on ``dims`` fixed Gaussian random directions and L2-normalised (float32):
    their inner products approximate the word cosines (Johnson-Lindenstrauss), for the neighbour index.

    >>> m = sp.csr_matrix(np.array([[1.0, 0, 0], [0.6, 0.8, 0], [0, 0, 1.0]], dtype=np.float32))
    >>> x = projected(m, 512)
    >>> x.shape, bool(abs(float(x[0] @ x[1]) - 0.6) < 0.15), bool(abs(float(x[0] @ x[2])) < 0.15)
    ((3, 512), True, True)
    """
    rng = np.random.default_rng(seed)
    directions = rng.standard_normal((words.shape[1], dims), dtype=np.float32)
    x = np.asarray(words @ directions, dtype=np.float32)
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    x /= np.where(norms > 0, norms, 1.0)
    return x


def _sorted_unique(a: np.ndarray) -> np.ndarray:
    """``np.unique(a)`` for integers, by sorting in place: NumPy 2's ``unique`` goes through a hash table
    first, 19 CPU s against 0.9 for 13.6 million pair keys (10,000 reviews).

    >>> _sorted_unique(np.array([5, 1, 5, 3, 1])).tolist()
    [1, 3, 5]
    """
    a.sort()
    if not len(a):
        return a
    return a[np.r_[True, a[1:] != a[:-1]]]


def _approximate_pairs(scorer: Scorer, group_codes: np.ndarray, k: int, threshold: float,
                       max_neighbours: int) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """Candidates from an HNSW index (voyager) over the projected word vectors: each item's
    :data:`APPROX_NEIGHBOURS` nearest, then as the exact path: their exact word cosines, the ``k`` highest of
    other groups, scored. The index is built on one thread (insertion order fixes the graph, so the result is
    the same on every run); the queries and the scoring use every worker."""
    import voyager

    n = scorer.words.shape[0]
    x = projected(scorer.words, APPROX_DIMS, SEED)
    index = voyager.Index(voyager.Space.InnerProduct, num_dimensions=x.shape[1], M=HNSW_M,
                          ef_construction=HNSW_EF_CONSTRUCTION, random_seed=SEED, max_elements=n)
    index.add_items(x, ids=np.arange(n), num_threads=1)
    asked = min(APPROX_NEIGHBOURS, n)
    workers = wanted_workers()
    found, _ = index.query(x, k=asked, num_threads=workers, query_ef=max(HNSW_EF, asked))
    del index, x
    found = np.asarray(found, dtype=np.int64)
    # each item's candidates: its neighbours and the items that have it among theirs (no distance is
    # computed for the second kind; a pair missed from one end is often found from the other)
    rows = np.repeat(np.arange(n, dtype=np.int64), asked)
    cols = found.ravel()
    keep = (cols >= 0) & (cols != rows)
    rows, cols = rows[keep], cols[keep]
    key = _sorted_unique(np.concatenate([rows * n + cols, cols * n + rows]))
    rows, cols = key // n, key % n
    keep = group_codes[rows] != group_codes[cols]
    rows, cols = rows[keep], cols[keep]
    del found, key, keep
    bounds = np.searchsorted(rows, np.arange(0, n, APPROX_CHUNK))
    bounds = np.r_[bounds, len(rows)]

    def chunk(c: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        r, q = rows[bounds[c]:bounds[c + 1]], cols[bounds[c]:bounds[c + 1]]
        vals = scorer.word_cosines(r, q)
        best = _top_per_row(r, q, vals, k)
        return _best_candidates(scorer, r[best], q[best], vals[best], threshold, max_neighbours)

    with ThreadPoolExecutor(max_workers=min(workers, len(bounds) - 1)) as pool:
        return list(pool.map(chunk, range(len(bounds) - 1)))


def similar_pairs(scorer: Scorer, groups: Sequence[str], threshold: float = THRESHOLD,
                  max_neighbours: int = MAX_NEIGHBOURS, exact: bool | None = None) -> list[tuple[int, int, float]]:
    """(i, j, score) with i < j, groups[i] != groups[j], score >= threshold; each item keeps its best
    ``max_neighbours`` (a pair is kept when it is among the best of either end).

    For each item only its :data:`MAX_CANDIDATES` other-group items of highest word cosine (at least
    :data:`CANDIDATE_MIN`) are scored in full. They are found exactly (``exact=True``: each block of rows
    multiplied with the whole word TF-IDF matrix) or among the item's nearest neighbours in an approximate
    index (``exact=False``); by default exactly up to :data:`EXACT_MAX` items."""
    n = scorer.words.shape[0]
    if n < 2:
        return []
    if exact is None:
        exact = n <= EXACT_MAX
    group_codes = np.unique(np.asarray(groups, dtype=object), return_inverse=True)[1]
    k = min(max(MAX_CANDIDATES, max_neighbours), n - 1)
    search = _exact_pairs if exact else _approximate_pairs
    found = search(scorer, group_codes, k, threshold, max_neighbours)
    i = np.concatenate([f[0] for f in found])
    j = np.concatenate([f[1] for f in found])
    s = np.concatenate([f[2] for f in found])
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


def recommendation_inputs(graph: ReviewGraph) -> tuple[list[Recommendation], list[set[str]] | None]:
    """The recommendations :func:`link_similar` compares (those with text, by id) and their themes (the
    targets of their ABOUT edges; ``None`` when the graph has not been tagged, so the scorer tags the texts)."""
    recs = sorted((n for n in graph.nodes.values() if isinstance(n, Recommendation) and n.text.strip()),
                  key=lambda r: r.id)
    about: dict[str, set[str]] = {r.id: set() for r in recs}
    tagged = False
    for e in graph.edges.values():
        if e.type == "ABOUT" and e.source in about:
            about[e.source].add(e.target)
            tagged = True
    return recs, ([about[r.id] for r in recs] if tagged else None)


def link_similar(graph: ReviewGraph) -> None:
    """Add SIMILAR_TO edges between near-duplicate recommendations of different reviews.

    The edge goes from the later recommendation to the earlier one (by the reviews' publication dates, then
    by id), carries ``score`` and the later recommendation's provenance.
    """
    recs, themes = recommendation_inputs(graph)
    if len(recs) < 2:
        return
    scorer = Scorer.fit([r.text for r in recs], themes)
    dates = {r.review: _review_date(graph, r.review) for r in recs}
    for i, j, score in similar_pairs(scorer, [r.review for r in recs]):
        a, b = recs[i], recs[j]
        later, earlier = (a, b) if (dates[a.review], a.id) > (dates[b.review], b.id) else (b, a)
        graph.link(later.id, "SIMILAR_TO", earlier.id, later, score=round(float(score), 3))
