"""FuzzyNames.best gives what rapidfuzz's extractOne over every name met gives (the builder's old way of
finding an unknown organisation met before), for names with OCR-like damage, short names, and cutoffs
other than the builder's."""

from __future__ import annotations

import random

import pytest
from rapidfuzz import fuzz, process

from reviewgraph.graph.fuzzy_names import FuzzyNames

PLACES = ["curlew heath", "alder moor", "wrenmere", "kestrel reach", "lark moor", "bracken hollow", "ely"]
KINDS = ["police", "adult social care", "community safety partnership", "homes", "women's aid", "ccg",
         "recovery service", "clinical commissioning group", ""]


def _damage(rng: random.Random, text: str) -> str:
    chars = list(text)
    for _ in range(rng.choice([0, 0, 1, 1, 2, 3, 5])):
        k = rng.randrange(len(chars) + 1)
        op = rng.random()
        if op < 0.35 and k < len(chars):
            chars[k] = rng.choice("rnmil10 ")
        elif op < 0.7 and k < len(chars):
            del chars[k]
        else:
            chars.insert(k, rng.choice("aeiour "))
    return "".join(chars)


def _names(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        kind = rng.random()
        if kind < 0.1:
            name = "".join(rng.choice("abcdefghij") for _ in range(rng.randrange(0, 5)))  # acronyms, ""
        elif kind < 0.3 and out:
            name = _damage(rng, rng.choice(out))  # a name met before, re-spelt
        else:
            name = f"{rng.choice(PLACES)} {rng.choice(KINDS)}".strip()
            name = _damage(rng, name)
        out.append(name)
    return out


def _old_way(names: list[str], cutoff: float) -> list[str | None]:
    met: dict[str, None] = {}
    out = []
    for name in names:
        hit = process.extractOne(name, list(met), scorer=fuzz.ratio, score_cutoff=cutoff)
        out.append(hit[0] if hit else None)
        if hit is None:
            met[name] = None
    return out


def _new_way(names: list[str], cutoff: float, index_from: int | None = None) -> list[str | None]:
    index = FuzzyNames(cutoff, index_from)
    out = []
    for name in names:
        hit = index.best(name)
        out.append(hit)
        if hit is None:
            index.add(name)
    return out


@pytest.mark.parametrize("cutoff", [92.0, 80.0, 97.5, 100.0])
def test_best_is_extract_one_over_every_name_met(cutoff):
    for seed in range(4):
        names = _names(seed, 700)
        expected = _old_way(names, cutoff)
        for index_from in (0, 150, None):  # the index from the start, built on the way, not needed
            assert _new_way(names, cutoff, index_from) == expected
        assert sum(e is not None for e in expected) > 50  # the names do match each other


def test_candidates_include_every_match():
    names = _names(11, 600)
    index = FuzzyNames(92.0, index_from=0)
    for name in names[:300]:
        index.add(name)
    for name in names[300:]:
        cands = set(index.candidates(name))
        for i, other in enumerate(index.names):
            if fuzz.ratio(name, other) >= 92.0:
                assert i in cands, (name, other)


def test_bad_cutoff_is_refused():
    with pytest.raises(ValueError):
        FuzzyNames(0.0)
