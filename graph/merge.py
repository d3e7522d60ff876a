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

from rapidfuzz import fuzz

from graph.ids import slug
from ingest.identify import review_key
from ingest.records import ParsedDocument, ParsedRec

__all__ = ["group_reviews", "match_recs", "MATCH_THRESHOLD"]

#: combined score (0-100 text similarity plus hints) at or above which a plan row is the same recommendation
MATCH_THRESHOLD = 55.0


def group_reviews(docs: list[ParsedDocument]) -> dict[str, list[ParsedDocument]]:
    docs = sorted(docs, key=lambda d: d.sha256)  # the same documents in any order give the same reviews
    parent = list(range(len(docs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        parent[find(i)] = find(j)

    keys = [review_key(d.hints, d.sha256) for d in docs]
    by_key: dict[str, int] = {}
    for i, k in enumerate(keys):
        if k in by_key:
            union(i, by_key[k])
        by_key.setdefault(k, i)
    # the same area and pseudonym: one review, unless the documents give two different numbers
    names: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, d in enumerate(docs):
        if d.hints.pseudonym and d.hints.area and not d.hints.override:
            names[(slug(d.hints.area), slug(d.hints.pseudonym))].append(i)
    ambiguous: set[int] = set()
    for members in names.values():
        numbers = {docs[i].hints.number for i in members if docs[i].hints.number}
        if len(numbers) > 1:
            ambiguous.update(i for i in members if not docs[i].hints.number)
            continue
        for i in members[1:]:
            union(i, members[0])
    _join_documents_without_area(docs, find, union)
    _join_documents_by_content(docs, keys, find, union, ambiguous)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(docs)):
        groups[find(i)].append(i)
    out: dict[str, list[ParsedDocument]] = {}
    for members in groups.values():
        member_keys = [keys[i] for i in members]
        # prefer an explicit key, then a numbered one, then a named one, then any; ties sorted
        key = min(member_keys, key=lambda k: (not any(docs[i].hints.override for i in members
                                                      if keys[i] == k),
                                              "/doc-" in k, not re.search(r"/(?:dhr|sar|cspr|lcspr)-", k), k))
        out[key] = sorted((docs[i] for i in members), key=lambda d: (_doc_rank(d), d.file_name, d.sha256))
    return out


def _doc_text(doc: ParsedDocument) -> str:
    parts = [doc.title, *(r.text for r in doc.report_recs), *(p.title or "" for p in doc.plans)]
    for plan in doc.plans:
        for r in plan.recs:
            parts.append(r.text)
            parts.append(r.section or "")
            parts.extend(a.lead or "" for a in r.actions)
    return " ".join(parts)


def _join_documents_without_area(docs: list[ParsedDocument], find, union) -> None:  # type: ignore[no-untyped-def]
    """A document that gives a number or pseudonym but no area joins the one review with that number or
    pseudonym whose area it names in its text ("Wrenmere Police ..."); with no such single review it stays
    apart."""
    for i, d in enumerate(docs):
        if d.hints.area or d.hints.override or not (d.hints.number or d.hints.pseudonym):
            continue
        text = _doc_text(d)
        candidates = {find(j) for j, other in enumerate(docs) if j != i and other.hints.area
                      and not other.hints.override
                      and ((d.hints.number and other.hints.number == d.hints.number)
                           or (d.hints.pseudonym and other.hints.pseudonym == d.hints.pseudonym))
                      and re.search(rf"\b{re.escape(other.hints.area)}\b", text, re.I)}
        if len(candidates) == 1:
            union(i, candidates.pop())


#: share of a document's recommendations that must match one review's for it to join that review by content
CONTENT_SHARE = 0.6
#: a row counts as the same recommendation for that purpose only when near-identical
CONTENT_THRESHOLD = 85.0


def _recs_of(doc: ParsedDocument) -> list[ParsedRec]:
    return doc.report_recs or [r for p in doc.plans for r in p.recs]


def _join_documents_by_content(docs: list[ParsedDocument], keys: list[str], find, union,  # type: ignore[no-untyped-def]
                               ambiguous: set[int]) -> None:
    """A document that names only its partnership (no number, no pseudonym; or a pseudonym two reviews of
    the area share) joins the review of the same area whose recommendations its own match (at least
    CONTENT_SHARE of its rows near-identical, and more than any other review's); otherwise it stays apart.

    First such documents join reviews that are identified (by number or pseudonym); then those still apart
    join each other (a plan and its progress update with no report)."""
    loose = [i for i, d in enumerate(docs) if ("/doc-" in keys[i] or i in ambiguous) and not d.hints.override
             and d.hints.area and _recs_of(d)]
    identified = {i for i in range(len(docs)) if "/doc-" not in keys[i] and i not in ambiguous}
    for only_identified in (True, False):
        for i in loose:
            root_i = find(i)
            if only_identified is False and any(find(j) == root_i for j in identified):
                continue
            d = docs[i]
            mine = _recs_of(d)
            area = slug(d.hints.area)  # type: ignore[arg-type]
            groups: dict[int, list[ParsedRec]] = {}
            for j, other in enumerate(docs):
                if j == i or not other.hints.area or slug(other.hints.area) != area or find(j) == root_i:
                    continue
                if only_identified and not any(find(k) == find(j) for k in identified):
                    continue
                groups.setdefault(find(j), []).extend(_recs_of(other))
            scored = sorted(((len(match_recs(recs, mine, CONTENT_THRESHOLD)) / len(mine), root)
                             for root, recs in groups.items()), key=lambda x: (-x[0], x[1]))
            if scored and scored[0][0] >= CONTENT_SHARE and (len(scored) == 1 or scored[0][0] > scored[1][0]):
                union(i, scored[0][1])


def _doc_rank(doc: ParsedDocument) -> int:
    return {"overview_report": 0, "executive_summary": 1, "action_plan": 2, "progress_update": 3}.get(
        doc.doc_kind, 4)


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9 ]+", " ", text.lower())


def _last_part(number: str | None) -> str | None:
    if not number:
        return None
    return number.split(".")[-1].rstrip(".")


def match_recs(base: list[ParsedRec], plan: list[ParsedRec], threshold: float = MATCH_THRESHOLD
               ) -> dict[int, int]:
    """plan index -> base index for the rows that are the same recommendation.

    Every pair is scored (text similarity, plus a bonus when the numbers agree and a penalty for distance
    in position); the best-scoring pairs are taken first and each row and recommendation is used once.
    """
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
