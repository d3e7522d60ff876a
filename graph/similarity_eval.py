"""Calibrating the SIMILAR_TO threshold on hand-labelled pairs of recommendations.

The pairs file is tab-separated: ``label<TAB>text a<TAB>text b`` (label 1 = the same recommendation made
again, 0 = a different one), ``#`` lines are comments. The scorer is fitted on every text of the file; only
the threshold is chosen from the labels. ``cross_validated`` chooses it on k-1 folds and measures it on the
remaining fold, so its precision is not the in-sample figure.

Run ``python -m reviewgraph.graph.similarity_eval tests/data/similar_pairs.tsv`` for the table in docs/themes.md
(the calibration scores pairs directly: it does not depend on how candidates are found, exactly or not).

>>> precision_recall([0.9, 0.5, 0.2], [1, 0, 1], 0.4)
(0.5, 0.5)
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

from reviewgraph.graph.similarity import THRESHOLD, Scorer

__all__ = ["load_pairs", "pair_scores", "precision_recall", "choose_threshold", "cross_validated"]


def load_pairs(path: str | Path) -> list[tuple[int, str, str]]:
    out = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        label, a, b = line.split("\t")
        out.append((int(label), a.strip(), b.strip()))
    return out


def pair_scores(pairs: list[tuple[int, str, str]]) -> np.ndarray:
    texts = sorted({t for _, a, b in pairs for t in (a, b)})
    ix = {t: i for i, t in enumerate(texts)}
    scorer = Scorer.fit(texts)
    return scorer.scores(np.array([ix[a] for _, a, _ in pairs]), np.array([ix[b] for _, _, b in pairs]))


def precision_recall(scores, labels, threshold: float) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    s, y = np.asarray(scores), np.asarray(labels)
    pred = s >= threshold
    tp = int((pred & (y == 1)).sum())
    fp = int((pred & (y == 0)).sum())
    fn = int((~pred & (y == 1)).sum())
    return (tp / (tp + fp) if tp + fp else 1.0), (tp / (tp + fn) if tp + fn else 1.0)


def choose_threshold(scores, labels, min_precision: float = 0.9) -> float:  # type: ignore[no-untyped-def]
    """The lowest threshold (best recall) whose precision is at least ``min_precision``; else best F1."""
    candidates = sorted(set(np.round(np.asarray(scores), 3).tolist()))
    ok = [t for t in candidates if precision_recall(scores, labels, t)[0] >= min_precision
          and precision_recall(scores, labels, t)[1] > 0]
    if ok:
        return ok[0]

    def f1(t: float) -> float:
        p, r = precision_recall(scores, labels, t)
        return 2 * p * r / (p + r) if p + r else 0.0
    return max(candidates, key=f1)


def cross_validated(pairs: list[tuple[int, str, str]], folds: int = 5,
                    min_precision: float = 0.9) -> dict[str, float]:
    """Threshold chosen on k-1 folds, precision and recall counted on the held-out folds (deterministic)."""
    scores = pair_scores(pairs)
    labels = np.array([p[0] for p in pairs])
    fold = np.arange(len(pairs)) % folds
    tp = fp = fn = 0
    for k in range(folds):
        train, test = fold != k, fold == k
        t = choose_threshold(scores[train], labels[train], min_precision)
        pred = scores[test] >= t
        tp += int((pred & (labels[test] == 1)).sum())
        fp += int((pred & (labels[test] == 0)).sum())
        fn += int((~pred & (labels[test] == 1)).sum())
    return {"precision": tp / (tp + fp) if tp + fp else 1.0, "recall": tp / (tp + fn) if tp + fn else 1.0,
            "pairs": len(pairs), "positives": int(labels.sum())}


def main(argv: list[str]) -> None:
    pairs = load_pairs(argv[0] if argv else "tests/data/similar_pairs.tsv")
    scores = pair_scores(pairs)
    labels = [p[0] for p in pairs]
    print(f"{len(pairs)} pairs, {sum(labels)} repeats")
    print("threshold  precision  recall")
    for t in (0.3, 0.33, 0.35, 0.37, THRESHOLD, 0.41, 0.45, 0.5):
        p, r = precision_recall(scores, labels, t)
        mark = "  <- THRESHOLD" if t == THRESHOLD else ""
        print(f"{t:9.2f}  {p:9.3f}  {r:6.3f}{mark}")
    cv = cross_validated(pairs)
    print(f"5-fold cross-validated (threshold chosen for precision >= 0.9 on the other folds): "
          f"precision {cv['precision']:.3f}, recall {cv['recall']:.3f}")


if __name__ == "__main__":
    main(sys.argv[1:])
