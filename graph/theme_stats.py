"""The statistical step of theme tagging: a theme for items the label rules leave untagged.

Each theme gets a TF-IDF profile: the centroid of the items the rules tagged with it (their text, with the
words that matched removed, so the profile learns the company a theme keeps rather than its labels). An
untagged item takes the theme whose profile is closest, when the cosine reaches :data:`MIN_COSINE`; the ABOUT
edge's evidence names the terms the item shares with the profile and its score is the cosine (below every
rule score). Deterministic, offline, fitted on the graph itself.

:func:`masked_precision` measures it without labels: it removes the matched words from rule-tagged items,
asks the step for their theme and counts how often it names one of the rule's themes (see docs/themes.md).

>>> texts = ["MARAC minutes list each high risk case", "High risk cases go to MARAC, minutes kept",
...          "Staff attend refresher training at induction", "Training at induction for new staff"]
>>> tags = [{"marac"}, {"marac"}, {"training"}, {"training"}]
>>> m = ThemeModel.fit(texts, tags)
>>> [(s.theme, s.terms) for s in m.suggest(["The minutes of every high risk case conference"])]
[('marac', ('high', 'minutes', 'risk', 'case'))]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import scipy.sparse as sp
from reviewgraph.graph.textvec import stop_words

__all__ = ["ThemeModel", "Suggestion", "MIN_COSINE", "masked_precision", "mask"]

#: the least cosine between an item and a theme profile for a statistical tag
MIN_COSINE = 0.2
#: terms shown as evidence
EVIDENCE_TERMS = 4

_GENERIC = stop_words() | {
    "domestic", "abuse", "agency", "agencies", "staff", "ensure", "review", "partnership", "victim", "victims",
    "recommendation", "action", "plan", "dhr", "csp", "should", "complete", "completed", "ongoing",
}


@dataclass(frozen=True)
class Suggestion:
    index: int
    theme: str
    cosine: float
    terms: tuple[str, ...]

    @property
    def evidence(self) -> str:
        shared = ", ".join(f'"{t}"' for t in self.terms)
        return f"statistical: shares {shared} with items tagged by the rules (cosine {self.cosine:.2f})"


def mask(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """``text`` with the character spans blanked (the words a rule matched)."""
    chars = list(text)
    for a, b in spans:
        chars[a:b] = " " * (b - a)
    return "".join(chars)


@dataclass
class ThemeModel:
    vectorizer: Any  # sklearn's TfidfVectorizer (imported when a model is fitted: its import is slow)
    themes: list[str]
    profiles: sp.csr_matrix | np.ndarray

    @classmethod
    def fit(cls, texts: Sequence[str], tags: Sequence[set[str]]) -> ThemeModel:
        from sklearn.feature_extraction.text import TfidfVectorizer

        vec = TfidfVectorizer(token_pattern=r"(?u)\b[a-zA-Z][a-zA-Z]{2,}\b", stop_words=sorted(_GENERIC),
                              sublinear_tf=True, min_df=2 if len(texts) >= 20 else 1, dtype=np.float64)
        try:
            x = vec.fit_transform(texts)
        except ValueError:  # no term left: nothing to learn from
            return cls(vec, [], np.zeros((0, 0)))
        themes = sorted(set().union(*tags)) if tags else []
        rows = []
        for t in themes:
            members = [i for i, ts in enumerate(tags) if t in ts]
            centroid = np.asarray(x[members].mean(axis=0)).ravel()
            norm = np.linalg.norm(centroid)
            rows.append(centroid / norm if norm else centroid)
        profiles = np.vstack(rows) if rows else np.zeros((0, x.shape[1]))
        return cls(vec, themes, profiles)

    def suggest(self, texts: Sequence[str], min_cosine: float = MIN_COSINE) -> list[Suggestion]:
        if not self.themes or not texts:
            return []
        x = self.vectorizer.transform(texts)
        sims = np.asarray(x @ self.profiles.T)
        vocab = self.vectorizer.get_feature_names_out()
        out = []
        for i in range(sims.shape[0]):
            j = int(np.argmax(sims[i]))
            if sims[i, j] < min_cosine:
                continue
            row = x[i].toarray().ravel() * self.profiles[j]
            top = [vocab[k] for k in np.argsort(-row, kind="stable")[:EVIDENCE_TERMS] if row[k] > 0]
            out.append(Suggestion(i, self.themes[j], round(float(sims[i, j]), 3), tuple(top)))
        return out


_WORD = re.compile(r"\S+")


def masked_precision(texts: Sequence[str], tags: Sequence[set[str]], spans: Sequence[list[tuple[int, int]]],
                     min_cosine: float = MIN_COSINE, folds: int = 5) -> dict[str, float]:
    """Hold out a fold of rule-tagged items, blank the words the rules matched, and count how often the
    statistical step (fitted on the other folds) names one of the rule's themes. Returns precision (among
    items it tags), coverage (share of held-out items it tags) and the number of items."""
    idx = np.arange(len(texts))
    hit = tagged = 0
    for k in range(folds):
        test = idx[idx % folds == k]
        train = idx[idx % folds != k]
        model = ThemeModel.fit([mask(texts[i], spans[i]) for i in train], [tags[i] for i in train])
        held = [mask(texts[i], spans[i]) for i in test]
        for s in model.suggest(held, min_cosine):
            tagged += 1
            hit += s.theme in tags[test[s.index]]
    return {"precision": hit / tagged if tagged else 0.0, "coverage": tagged / len(texts) if len(texts) else 0.0,
            "items": len(texts)}
