"""match_recs computed in rapidfuzz's cdist and numpy gives exactly what the pair-by-pair formula gave:
the same matches at both thresholds the build uses, on generated recommendations with OCR-like damage,
shared and missing numbers, empty texts and near-duplicates."""

from __future__ import annotations

import random

import pytest
from rapidfuzz import fuzz

from reviewgraph.graph.merge import CONTENT_THRESHOLD, MATCH_THRESHOLD, _last_part, _norm, match_recs
from reviewgraph.records.parsed import ParsedRec, Span

WORDS = ("agencies should share information with marac police review the risk assessment training for staff "
         "on coercive control and ensure that gp practices record domestic abuse disclosures housing "
         "referrals to idva services within days").split()


def reference_match_recs(base: list[ParsedRec], plan: list[ParsedRec], threshold: float) -> dict[int, int]:
    """The pair-by-pair match_recs as it was before it was vectorised."""
    if not base or not plan:
        return {}
    base_norm = [_norm(b.text) for b in base]
    pairs: list[tuple[float, int, int]] = []
    for i, p in enumerate(plan):
        pn = _norm(p.text)
        for j, b in enumerate(base):
            if pn and base_norm[j]:
                text = 0.5 * fuzz.token_set_ratio(pn, base_norm[j]) + 0.5 * fuzz.ratio(pn, base_norm[j])
            else:
                text = 0.0
            hint = 0.0
            if p.number and (p.number == b.number or _last_part(p.number) == _last_part(b.number)):
                hint += 8.0
            hint -= 15.0 * abs(i / max(len(plan), 1) - j / max(len(base), 1))
            if text + hint >= threshold:
                pairs.append((text + hint, i, j))
    out: dict[int, int] = {}
    used: set[int] = set()
    for _score, i, j in sorted(pairs, key=lambda x: (-x[0], x[1], x[2])):
        if i not in out and j not in used:
            out[i] = j
            used.add(j)
    return out


def _damage(rng: random.Random, text: str) -> str:
    chars = list(text)
    for _ in range(rng.randrange(0, 6)):
        k = rng.randrange(len(chars)) if chars else 0
        op = rng.random()
        if op < 0.4 and chars:
            chars[k] = rng.choice("0l1rnm .,")
        elif op < 0.7 and chars:
            del chars[k]
        else:
            chars.insert(k, rng.choice("abcdefg -"))
    return "".join(chars)


def _rec(rng: random.Random, text: str) -> ParsedRec:
    number = rng.choice([None, "", "1", "2", "3", "2.", "15.3", "17.2", "3.1.", "x"])
    return ParsedRec(number=number, text=text, span=Span(line_start=1, line_end=1))


def _lists(seed: int) -> tuple[list[ParsedRec], list[ParsedRec]]:
    rng = random.Random(seed)
    texts = [" ".join(rng.choice(WORDS) for _ in range(rng.randrange(1, 25))) for _ in range(rng.randrange(1, 12))]
    texts += rng.choice([[], [""], ["..."], ["MARAC"]])
    base = [_rec(rng, t) for t in texts]
    plan = [_rec(rng, _damage(rng, t) if rng.random() < 0.8 else t) for t in rng.sample(texts, k=len(texts))]
    plan += [_rec(rng, " ".join(rng.choice(WORDS) for _ in range(rng.randrange(1, 20))))
             for _ in range(rng.randrange(0, 4))]
    return base, plan


@pytest.mark.parametrize("threshold", [MATCH_THRESHOLD, CONTENT_THRESHOLD, 70.0])
def test_vectorised_match_recs_equals_the_pair_by_pair_formula(threshold):
    matched = 0
    for seed in range(300):
        base, plan = _lists(seed)
        expected = reference_match_recs(base, plan, threshold)
        assert match_recs(base, plan, threshold) == expected, seed
        matched += len(expected)
    assert matched > 300  # the cases do exercise matching


def test_given_normalised_texts_change_nothing():
    base, plan = _lists(7)
    assert match_recs(base, plan, CONTENT_THRESHOLD, [_norm(b.text) for b in base],
                      [_norm(p.text) for p in plan]) == reference_match_recs(base, plan, CONTENT_THRESHOLD)


def test_no_rows_no_matches():
    base, plan = _lists(3)
    assert match_recs([], plan) == {} and match_recs(base, []) == {}
