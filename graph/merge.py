"""Putting documents together: which documents are one review, and which action-plan row is which
report recommendation.

Documents group by review key (area and number, or area and pseudonym, or the user's ``--review``); a
document that gives area and pseudonym joins a numbered review of the same area and pseudonym. Plan rows
are matched to the report's recommendations by their text (rapidfuzz), with the number and the position
as hints, best pairs first, so that two similar rows cannot claim the same recommendation.
"""

from __future__ import annotations

import re
from collections import defaultdict

import numpy as np
from rapidfuzz import fuzz, process

from reviewgraph.graph.ids import slug
from reviewgraph.records.parsed import ParsedDocument, ParsedRec, ReviewHints

__all__ = ["group_reviews", "match_recs", "review_key", "MATCH_THRESHOLD"]

#: combined score (0-100 text similarity plus hints) at or above which a plan row is the same recommendation
MATCH_THRESHOLD = 55.0


#: share of a document's recommendations that must match one review's for it to join that review by content
CONTENT_SHARE = 0.6
#: the share that confirms a join the document's own words already suggest (same pseudonym, area named)
CONFIRM_SHARE = 0.3
#: a row counts as the same recommendation for those purposes only when near-identical
CONTENT_THRESHOLD = 85.0
#: the text score a pair needs to reach CONTENT_THRESHOLD with the number hint (8), less a point of margin
_LEAST_TEXT = CONTENT_THRESHOLD - 8.0 - 1.0


def review_key(hints: ReviewHints, sha256: str) -> str:
    """The key two documents of one review share: area and number, else area and pseudonym."""
    if hints.override:  # "area/number" keeps its two parts, as the keys found below have them
        return "/".join(slug(part, 80) for part in hints.override.split("/") if part.strip()) or "x"
    area = slug(hints.area) if hints.area else None
    if hints.number:
        return f"{area or 'unknown-area'}/{slug(hints.number)}"
    if hints.pseudonym:
        return f"{area or 'unknown-area'}/{slug(hints.pseudonym)}"
    return f"{area or 'unknown-area'}/doc-{sha256[:8]}"


class _Groups:
    """Union-find over documents, with the indexes the joining rules need."""

    def __init__(self, docs: list[ParsedDocument]) -> None:
        self.docs = docs
        self.parent = list(range(len(docs)))
        self.keys = [review_key(d.hints, d.sha256) for d in docs]
        self._norms: dict[int, list[str]] = {}
        self._pairs: dict[int, dict[int, np.ndarray | None]] = {}
        self.by_area: dict[str, list[int]] = defaultdict(list)
        for i, d in enumerate(docs):
            if d.hints.area:
                self.by_area[slug(d.hints.area)].append(i)
        self.name_slugs = [slug(d.hints.pseudonym or "") for d in docs]

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        self.parent[self.find(i)] = self.find(j)

    def members(self, root: int, among: list[int]) -> list[int]:
        return [j for j in among if self.find(j) == root]

    def share(self, i: int, others: list[int]) -> float | None:
        """Share of document i's recommendations near-identical to those of the documents ``others``
        (None when either side has none to compare)."""
        mine = _recs_of(self.docs[i])
        theirs = [r for j in others for r in _recs_of(self.docs[j])]
        if not mine or not theirs:
            return None
        return len(match_recs(theirs, mine, CONTENT_THRESHOLD, text=self._text(i, others))) / len(mine)

    def norms(self, i: int) -> list[str]:
        """Document i's recommendation texts as :func:`match_recs` compares them (computed once)."""
        out = self._norms.get(i)
        if out is None:
            out = self._norms[i] = [_norm(r.text) for r in _recs_of(self.docs[i])]
        return out

    def _pair_texts(self, i: int, others: list[int]) -> dict[int, np.ndarray | None]:
        """Text scores (:func:`_texts`) of document i's recommendations against each other document's, or
        None where no pair can reach CONTENT_THRESHOLD: computed once per pair of documents, for all the
        documents not met yet in one ratio matrix, the word score only where the ratio lets a pair reach
        the threshold."""
        known = self._pairs.setdefault(i, {})
        todo = [j for j in dict.fromkeys(others) if j not in known]
        mine = self.norms(i)
        pool = [t for j in todo for t in self.norms(j)]
        if todo and mine and pool:
            least = _least_ratio(CONTENT_THRESHOLD)
            ratio = process.cdist(mine, pool, scorer=fuzz.ratio, dtype=np.float64, score_cutoff=max(least, 0.0))
            # a pair can pass only if its text score leaves no more than the number hint (8) to find; a
            # pair whose word score falls short of that is left lower, and cannot pass either way
            words = np.zeros_like(ratio)
            for a, b in zip(*np.nonzero(ratio >= least), strict=True):
                words[a, b] = fuzz.token_set_ratio(mine[a], pool[b],
                                                   score_cutoff=max(0.0, 2.0 * _LEAST_TEXT - ratio[a, b] - 1.0))
            text = _text(words, ratio, mine, pool)
            start = 0
            for j in todo:
                part = text[:, start:start + len(self.norms(j))]
                start += part.shape[1]
                known[j] = part if (part >= _LEAST_TEXT).any() else None
        for j in todo:
            known.setdefault(j, None)
        return known

    def _text(self, i: int, others: list[int]) -> np.ndarray:
        """Text scores of document i's recommendations against those of ``others`` put together (0 where no
        pair of the two documents can reach the threshold)."""
        known = self._pair_texts(i, others)
        rows = len(self.norms(i))
        return np.hstack([known[j] if known[j] is not None else np.zeros((rows, len(self.norms(j))))
                          for j in others])

    def confirmed(self, i: int, root: int, area: str) -> bool:
        """A join the document's words suggest stands unless its recommendations match another review of
        the area better than that one."""
        area_docs = self.by_area.get(slug(area), [])
        mine = self.share(i, self.members(root, area_docs))
        if mine is None or mine == 1.0:  # no share can be higher than all of them
            return True
        others: dict[int, list[int]] = defaultdict(list)
        for j in area_docs:
            r = self.find(j)
            if r not in (root, self.find(i)):
                others[r].append(j)
        # a review beats this one only if it can match more of the document's recommendations
        return all(bound <= mine or (self.share(i, docs) or 0.0) <= mine
                   for bound, _root, docs in self.bounds(i, others))

    def bounds(self, i: int, candidates: dict[int, list[int]]) -> list[tuple[float, int, list[int]]]:
        """(bound, root, documents) per candidate review: the share of document i's recommendations that
        have a pair with the review's that can reach the threshold, which its :meth:`share` cannot exceed
        (each recommendation matches once)."""
        known = self._pair_texts(i, [j for docs in candidates.values() for j in docs])
        count = len(self.norms(i))
        out = []
        for root, docs in candidates.items():
            reach = np.zeros(count, dtype=bool)
            for j in docs:
                if known[j] is not None:
                    reach |= (known[j] >= _LEAST_TEXT).any(axis=1)
            out.append((int(reach.sum()) / count if count else 0.0, root, docs))
        return out

    def best(self, i: int, candidates: dict[int, list[int]], need: float) -> int | None:
        """The candidate review with the highest share of document i's recommendations, if it reaches
        ``need`` and no other has as much. Shares are computed from the highest bound down, until no bound
        left can reach the highest share found."""
        if not candidates:
            return None
        found: list[tuple[float, int]] = []
        for bound, root, docs in sorted(self.bounds(i, candidates), key=lambda x: (-x[0], x[1])):
            if found and bound < max(s for s, _ in found):
                break
            found.append(((self.share(i, docs) or 0.0) if bound > 0 else 0.0, root))
        scored = sorted(found, key=lambda x: (-x[0], x[1]))
        if scored[0][0] >= need and (len(scored) == 1 or scored[0][0] > scored[1][0]):
            return scored[0][1]
        return None


def group_reviews(docs: list[ParsedDocument]) -> dict[str, list[ParsedDocument]]:
    """Documents grouped into reviews (review key -> its documents, report first)."""
    docs = sorted(docs, key=lambda d: d.sha256)  # the same documents in any order give the same reviews
    g = _Groups(docs)
    # the same key joins only where it is sure: an explicit key, or an area and a number
    by_key: dict[str, int] = {}
    for i, k in enumerate(g.keys):
        d = docs[i]
        if not (d.hints.override or (d.hints.number and d.hints.area)):
            continue
        if k in by_key:
            g.union(i, by_key[k])
        by_key.setdefault(k, i)
    numbered = {i for i, d in enumerate(docs) if d.hints.number and not d.hints.override}
    _join_by_pseudonym(g, numbered)
    _join_documents_without_area(g, numbered)
    _join_documents_by_content(g)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(docs)):
        groups[g.find(i)].append(i)
    out: dict[str, list[ParsedDocument]] = {}
    for members in groups.values():
        member_keys = [g.keys[i] for i in members]
        # prefer an explicit key, then a numbered one, then a named one, then any; ties sorted
        key = min(member_keys, key=lambda k: (not any(docs[i].hints.override for i in members
                                                      if g.keys[i] == k),
                                              "/doc-" in k, not re.search(r"/(?:dhr|sar|cspr|lcspr)-", k), k))
        out[key] = sorted((docs[i] for i in members), key=lambda d: (_doc_rank(d), d.file_name, d.sha256))
    return out


def _join_by_pseudonym(g: _Groups, numbered: set[int]) -> None:
    """A document with area and pseudonym but no number joins the numbered review of that area and
    pseudonym: the only one, if its recommendations do not contradict it, or the one they match best when
    two reviews of the area share the pseudonym."""
    for i, d in enumerate(g.docs):
        if d.hints.number or d.hints.override or not (d.hints.pseudonym and d.hints.area):
            continue
        name = slug(d.hints.pseudonym)
        named = [j for j in g.by_area[slug(d.hints.area)] if j != i and not g.docs[j].hints.override
                 and g.name_slugs[j] == name]
        # a numbered review of that name if there is one, else the other unnumbered documents of that name
        same = [j for j in named if j in numbered] or named
        candidates: dict[int, list[int]] = defaultdict(list)
        for j in same:
            candidates[g.find(j)].extend(g.members(g.find(j), g.by_area[slug(d.hints.area)]))
        if len(candidates) == 1:
            root = next(iter(candidates))
            if g.confirmed(i, root, d.hints.area):
                g.union(i, root)
        elif candidates:
            root = g.best(i, candidates, CONFIRM_SHARE)
            if root is not None:
                g.union(i, root)


def _doc_text(doc: ParsedDocument) -> str:
    parts = [doc.title, *(r.text for r in doc.report_recs), *(p.title or "" for p in doc.plans)]
    for plan in doc.plans:
        for r in plan.recs:
            parts.append(r.text)
            parts.append(r.section or "")
            parts.extend(a.lead or "" for a in r.actions)
    return " ".join(parts)


def _join_documents_without_area(g: _Groups, numbered: set[int]) -> None:
    """A document that gives a number or pseudonym but no area joins the review with that number or
    pseudonym whose area it names in its text ("Wrenmere Police ..."), if its recommendations do not
    contradict it; with several such reviews, the one its recommendations match."""
    by_number: dict[str, list[int]] = defaultdict(list)
    by_name: dict[str, list[int]] = defaultdict(list)
    for j, other in enumerate(g.docs):
        if other.hints.area and not other.hints.override:
            if other.hints.number:
                by_number[other.hints.number].append(j)
            if other.hints.pseudonym:
                by_name[slug(other.hints.pseudonym)].append(j)
    for i, d in enumerate(g.docs):
        if d.hints.area or d.hints.override or not (d.hints.number or d.hints.pseudonym):
            continue
        text = _doc_text(d)
        ascii_text, lower_text = text.isascii(), text.lower()
        pool = by_number.get(d.hints.number or "", []) + by_name.get(slug(d.hints.pseudonym or "-"), [])
        candidates: dict[int, list[int]] = defaultdict(list)
        named: dict[str, bool] = {}  # area -> does the text name it (asked once per area)
        for j in pool:
            area = g.docs[j].hints.area or ""
            if area not in named:
                # ASCII on both sides: case-insensitive matching is matching lower-cased, so text that
                # does not hold the area at all is passed without the regex
                named[area] = not (ascii_text and area.isascii() and area.lower() not in lower_text) \
                    and re.search(rf"\b{re.escape(area)}\b", text, re.I) is not None
            if named[area]:
                root = g.find(j)
                if root not in candidates:
                    candidates[root] = g.members(root, g.by_area[slug(area)])
        if len(candidates) == 1:
            root = next(iter(candidates))
            area = next(g.docs[j].hints.area for j in pool if g.find(j) == root)
            if g.confirmed(i, root, area or ""):
                g.union(i, root)
        elif candidates:
            root = g.best(i, candidates, CONFIRM_SHARE)
            if root is not None:
                g.union(i, root)


def _recs_of(doc: ParsedDocument) -> list[ParsedRec]:
    return doc.report_recs or [r for p in doc.plans for r in p.recs]


def _join_documents_by_content(g: _Groups) -> None:
    """A document that names only its partnership (no number, no pseudonym) joins the review of the same
    area whose recommendations its own match (at least CONTENT_SHARE of its rows near-identical, and more
    than any other review's); otherwise it stays apart.

    First such documents join reviews that are identified (by number or pseudonym); then those still apart
    join each other (a plan and its progress update with no report)."""
    loose = [i for i, d in enumerate(g.docs) if "/doc-" in g.keys[i] and not d.hints.override
             and d.hints.area and _recs_of(d)]
    identified = {i for i in range(len(g.docs)) if "/doc-" not in g.keys[i]}
    for only_identified in (True, False):
        for i in loose:
            root_i = g.find(i)
            area_docs = g.by_area[slug(g.docs[i].hints.area)]  # type: ignore[arg-type]
            if not only_identified and any(g.find(j) == root_i for j in area_docs if j in identified):
                continue
            roots_identified = {g.find(j) for j in area_docs if j in identified}
            candidates: dict[int, list[int]] = defaultdict(list)
            for j in area_docs:
                root = g.find(j)
                if j == i or root == root_i or (only_identified and root not in roots_identified):
                    continue
                candidates[root].append(j)
            root = g.best(i, candidates, CONTENT_SHARE)
            if root is not None:
                g.union(i, root)


def _doc_rank(doc: ParsedDocument) -> int:
    return {"overview_report": 0, "executive_summary": 1, "action_plan": 2, "progress_update": 3}.get(
        doc.doc_kind, 4)


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9 ]+", " ", text.lower())


def _last_part(number: str | None) -> str | None:
    if not number:
        return None
    return bare_number(number).split(".")[-1].rstrip(".")


def bare_number(number: str) -> str:
    """A recommendation number without the letters written before it, for comparing numbers: "R3" and
    "Rec 3" are recommendation 3 ("Recommendation 3 applies"); the graph keeps the number as written.

    >>> bare_number("R3"), bare_number("DHR07-R3"), bare_number("17.3"), bare_number("iv")
    ('3', '3', '17.3', 'iv')
    """
    m = re.search(r"(?:^|[^A-Za-z0-9])?(?:rec(?:ommendation)?\.?\s*|r)?(\d[\d.]*[a-z]?)$", number.strip(), re.I)
    return m.group(1) if m else number.strip()


def _codes(values: list, table: dict) -> np.ndarray:
    return np.fromiter((table.setdefault(v, len(table)) for v in values), dtype=np.int64, count=len(values))


def _least_ratio(threshold: float) -> float:
    """The lowest rapidfuzz ratio with which a pair can still score ``threshold`` in :func:`match_recs`:
    ``2 * (threshold - 8) - 100`` (token_set_ratio and the number hint at their most), less one point so
    that rounding never matters."""
    return 2.0 * (threshold - 8.0) - 100.0 - 1.0


def _texts(plan_norm: list[str], base_norm: list[str], threshold: float) -> np.ndarray:
    """The text score of every (plan row, base recommendation) pair, ``0.5 * token_set_ratio + 0.5 * ratio``
    (0 when either text is empty), computed in rapidfuzz's ``cdist`` with the same float operations as the
    pair-by-pair formula; a pair that cannot reach ``threshold`` may be left lower (its word score is then
    not computed)."""
    least = _least_ratio(threshold)
    ratio = process.cdist(plan_norm, base_norm, scorer=fuzz.ratio, dtype=np.float64,
                          score_cutoff=max(least, 0.0))
    if least <= 0:
        words = process.cdist(plan_norm, base_norm, scorer=fuzz.token_set_ratio, dtype=np.float64)
    else:  # few pairs can pass: the word score of those only
        words = np.zeros_like(ratio)
        for i, j in zip(*np.nonzero(ratio >= least), strict=True):
            words[i, j] = fuzz.token_set_ratio(plan_norm[i], base_norm[j])
    return _text(words, ratio, plan_norm, base_norm)


def _text(words: np.ndarray, ratio: np.ndarray, plan_norm: list[str], base_norm: list[str]) -> np.ndarray:
    text = 0.5 * words + 0.5 * ratio
    empty = (np.array([not t for t in plan_norm])[:, None]) | (np.array([not t for t in base_norm])[None, :])
    text[empty] = 0.0
    return text


def _hints(base: list[ParsedRec], plan: list[ParsedRec]) -> np.ndarray:
    """8 where the plan row's number ends as the recommendation's does, less 15 times the distance in
    relative position."""
    parts: dict[str | None, int] = {}
    plan_last = _codes([_last_part(p.number) for p in plan], parts)
    base_last = _codes([_last_part(b.number) for b in base], parts)
    numbered = np.array([bool(p.number) for p in plan])
    hint = np.where(numbered[:, None] & (plan_last[:, None] == base_last[None, :]), 0.0 + 8.0, 0.0)
    hint -= 15.0 * np.abs(np.arange(len(plan))[:, None] / max(len(plan), 1)
                          - np.arange(len(base))[None, :] / max(len(base), 1))
    return hint


def match_recs(base: list[ParsedRec], plan: list[ParsedRec], threshold: float = MATCH_THRESHOLD,
               base_norm: list[str] | None = None, plan_norm: list[str] | None = None,
               text: np.ndarray | None = None, by_number: bool = False) -> dict[int, int]:
    """plan index -> base index for the rows that are the same recommendation.

    Every pair is scored (text similarity, plus a bonus when the numbers agree and a penalty for distance
    in position); the best-scoring pairs are taken first and each row and recommendation is used once.

    The score of a pair: ``0.5 * token_set_ratio + 0.5 * ratio`` of the texts (lower-cased, punctuation
    out; 0 when either is empty), plus 8 when the plan row has a number whose last part is the
    recommendation's, minus ``15 * |i / len(plan) - j / len(base)|``.

    ``base_norm`` and ``plan_norm``: the texts already normalised, when the caller has them; ``text``: the
    text scores already computed (:func:`_texts`).

    ``by_number`` (within one review, never when deciding which review a document belongs to): a plan row
    that gives no recommendation text (a response table of "Rec | Response | Lead | Date", whose text is
    its first action's, ``text_from_action``) and a number as written scores 100 against the
    recommendation of that number, instead of comparing its action's words with the recommendation's;
    several such rows with one number (two actions of one recommendation) all go to it, where just one
    recommendation has that number.
    """
    if not base or not plan:
        return {}
    if text is None:
        text = _texts([_norm(p.text) for p in plan] if plan_norm is None else plan_norm,
                      [_norm(b.text) for b in base] if base_norm is None else base_norm, threshold)
    agree = None
    rows: list[int] = []
    if by_number:
        rows = [i for i, p in enumerate(plan) if p.text_from_action and p.number and not p.number_inferred]
        if rows:
            parts: dict[str | None, int] = {}
            base_last = _codes([_last_part(b.number) for b in base], parts)
            plan_last = _codes([_last_part(plan[i].number) for i in rows], parts)
            agree = plan_last[:, None] == base_last[None, :]
            text = text.copy()
            text[rows] = np.where(agree, 100.0, text[rows])
    score = text + _hints(base, plan)
    rows, cols = np.nonzero(score >= threshold)
    pairs = sorted(zip((-score[rows, cols]).tolist(), rows.tolist(), cols.tolist(), strict=True))
    out: dict[int, int] = {}
    used: set[int] = set()
    for _neg, i, j in pairs:
        if i not in out and j not in used:
            out[i] = j
            used.add(j)
    if agree is not None:
        # a second row giving the same number and no words of its own is another action of that
        # recommendation ("2 | Template changed" then "2 | Audit in six months"), where one has that number
        for k, i in enumerate(rows):
            hits = np.flatnonzero(agree[k])
            if i not in out and len(hits) == 1:
                out[i] = int(hits[0])
    return out
