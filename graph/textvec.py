"""TF-IDF as scikit-learn computes it, for the graph build, without importing scikit-learn.

Importing scikit-learn pulls in ``scipy.stats`` and costs one to two seconds of start-up: more than the
whole ingest of a handful of documents. The build only needs word and character TF-IDF, so it is written
here on ``scipy.sparse`` with scikit-learn's formulas (``sublinear_tf=True``, ``smooth_idf=True``, L2 rows);
``tests/test_textvec.py`` checks the matrices equal ``TfidfVectorizer``'s. The analyses that need more of
scikit-learn (emerging terms, theme suggestions) still use it, imported when they run.
"""

from __future__ import annotations

import functools
import re
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from importlib import resources

import numpy as np
import scipy.sparse as sp

__all__ = ["stop_words", "char_wb_ngrams", "tfidf"]

_WHITE = re.compile(r"\s\s+")


@functools.cache
def stop_words() -> frozenset[str]:
    """scikit-learn's English stop words (shipped as ``graph/data/stop_words.txt``)."""
    text = resources.files("reviewgraph.graph").joinpath("data/stop_words.txt").read_text(encoding="utf-8")
    return frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))


def char_wb_ngrams(text: str, lo: int = 3, hi: int = 5) -> list[str]:
    """Character n-grams inside word boundaries, padded with spaces (scikit-learn's ``char_wb``).

    >>> char_wb_ngrams("Risk", 3, 3)
    [' ri', 'ris', 'isk', 'sk ']
    """
    out: list[str] = []
    for word in _WHITE.sub(" ", text.lower()).split():
        out.extend(_word_ngrams(word, lo, hi))
    return out


@functools.lru_cache(maxsize=1 << 17)
def _word_ngrams(word: str, lo: int, hi: int) -> tuple[str, ...]:
    """The n-grams of one word padded with spaces (words recur: each is cut once)."""
    out: list[str] = []
    w = f" {word} "
    length = len(w)
    for n in range(lo, hi + 1):
        offset = 0
        out.append(w[offset:offset + n])
        while offset + n < length:
            offset += 1
            out.append(w[offset:offset + n])
        if offset == 0:  # a short word counts once
            break
    return tuple(out)


def tfidf(texts: Sequence[str], analyzer: Callable[[str], Iterable[str]]) -> sp.csr_matrix:
    """Rows of L2-normalised TF-IDF (float32): tf = 1 + ln(count), idf = ln((1 + n) / (1 + df)) + 1."""
    # one text at a time (a Counter per text for the whole corpus held 1.3 GB of character n-grams at
    # 83,000 recommendations); columns numbered in the order features are first met, text after text
    vocab: dict[str, int] = {}
    number = vocab.setdefault
    indptr, indices, counts = array("q", [0]), array("q"), array("d")
    for text in texts:
        row = Counter(analyzer(text))  # the text's features in order of first occurrence
        indices.extend([number(feature, len(vocab)) for feature in row])
        counts.extend(row.values())
        indptr.append(len(indices))
    n = len(texts)
    m = sp.csr_matrix((np.frombuffer(counts, dtype=np.float64), np.frombuffer(indices, dtype=np.int64),
                       np.frombuffer(indptr, dtype=np.int64)), shape=(n, max(len(vocab), 1)))
    df = np.bincount(m.indices, minlength=m.shape[1])
    idf = np.log((1.0 + n) / (1.0 + df)) + 1.0
    m.data = (1.0 + np.log(m.data)) * idf[m.indices]
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    m = sp.diags(1.0 / norms) @ m
    return m.astype(np.float32).tocsr()
