"""The build's own TF-IDF equals scikit-learn's (which it replaces only to keep start-up fast)."""

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

from graph.similarity import analyzer
from graph.textvec import stop_words, tfidf

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
    from graph.textvec import char_wb_ngrams

    ours = tfidf(TEXTS, char_wb_ngrams)
    theirs = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, lowercase=True,
                             dtype=np.float32).fit_transform(TEXTS)
    _same(ours, theirs)
