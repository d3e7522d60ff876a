"""The build's own TF-IDF equals scikit-learn's (which it replaces only to keep start-up fast)."""

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

from reviewgraph.graph.similarity import analyzer
from reviewgraph.graph.textvec import stop_words, tfidf

TEXTS = [
    "That the partnership reviews MARAC referrals after repeat incidents.",
    "Police share information with probation about repeat incidents within 24 hours.",
    "GPs ask about domestic abuse (routine enquiry) and record disclosures.",
    "That the partnership reviews MARAC referrals.",
    "a",
]


def test_stop_words_are_scikit_learns():
    assert stop_words() == frozenset(ENGLISH_STOP_WORDS)


def _same(ours, theirs):
    # columns may be in another order: compare the pairwise cosines, which are what the build uses
    a = (ours @ ours.T).toarray()
    b = (theirs @ theirs.T).toarray()
    assert np.allclose(a, b, atol=1e-5)
    assert np.allclose(np.sort(ours.data), np.sort(theirs.data.astype(np.float32)), atol=1e-5)


def test_word_tfidf_matches():
    ours = tfidf(TEXTS, analyzer)
    theirs = TfidfVectorizer(analyzer=analyzer, sublinear_tf=True, dtype=np.float32).fit_transform(TEXTS)
    _same(ours, theirs)


def test_char_wb_tfidf_matches():
    from reviewgraph.graph.textvec import char_wb_ngrams

    ours = tfidf(TEXTS, char_wb_ngrams)
    theirs = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, lowercase=True,
                             dtype=np.float32).fit_transform(TEXTS)
    _same(ours, theirs)


def _reference_tfidf(texts, analyzer):
    """tfidf as first written (one dictionary update per feature occurrence), to pin the faster one to it."""
    import scipy.sparse as sp

    vocab, indptr, indices, counts = {}, [0], [], []
    for text in texts:
        row = {}
        for feature in analyzer(text):
            j = vocab.setdefault(feature, len(vocab))
            row[j] = row.get(j, 0) + 1
        indices.extend(row)
        counts.extend(row.values())
        indptr.append(len(indices))
    n = len(texts)
    m = sp.csr_matrix((np.asarray(counts, dtype=np.float64), np.asarray(indices, dtype=np.int64),
                       np.asarray(indptr, dtype=np.int64)), shape=(n, max(len(vocab), 1)))
    df = np.bincount(m.indices, minlength=m.shape[1])
    idf = np.log((1.0 + n) / (1.0 + df)) + 1.0
    m.data = (1.0 + np.log(m.data)) * idf[m.indices]
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    m = sp.diags(1.0 / norms) @ m
    return m.astype(np.float32).tocsr()


def _reference_char_wb(text, lo=3, hi=5):
    out = []
    for word in text.lower().split():
        w = f" {word} "
        for n in range(lo, hi + 1):
            offset = 0
            out.append(w[offset:offset + n])
            while offset + n < len(w):
                offset += 1
                out.append(w[offset:offset + n])
            if offset == 0:
                break
    return out


def test_matrices_are_bit_for_bit_those_of_the_first_version():
    from reviewgraph.graph.textvec import char_wb_ngrams

    texts = TEXTS * 3 + ["", "Risk risk RISK; a b c", "GP's referral\ttraining  \u00e9tude"]
    for analyzer_ in (analyzer, char_wb_ngrams):
        ours, ref = tfidf(texts, analyzer_), _reference_tfidf(texts, analyzer_)
        assert (ours.indptr.tolist(), ours.indices.tolist()) == (ref.indptr.tolist(), ref.indices.tolist())
        assert ours.data.tobytes() == ref.data.tobytes()
    for text in texts:
        assert char_wb_ngrams(text) == _reference_char_wb(text)
