"""Score an ingested graph against the ground truth of a synthetic corpus.

:func:`evaluate` matches each true review to the graph reviews its documents landed in, each true
recommendation to the graph's recommendations by text (one to one, best first), and reports recall and
precision of reviews, recommendations, numbers, owners, actions, dates, statuses, learning and INFORMS links.
:func:`format_scores` prints them as a small table.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

from reviewgraph.graph.graphdata import ReviewGraph
from reviewgraph.synth.corpus import load_truth

__all__ = ["evaluate", "format_scores"]

MATCH = 75.0  # minimum token-sort similarity for a graph recommendation to be the true one


def _norm_no(number: str | None) -> str:
    return re.sub(r"[\s.]+$", "", (number or "").strip())


def _norm(text: str | None) -> str:
    return re.sub(r"\s+", " ", (text or "")).strip().casefold()


def _ratio(a: float, b: float) -> float | None:
    return round(a / b, 3) if b else None


def _owner_ok(names: list[str], truth: dict[str, Any]) -> bool:
    want = [_norm(truth["owner"]), *(_norm(a) for a in truth["owner_aliases"])]
    for name in names:
        n = _norm(name)
        if n in want or fuzz.ratio(n, want[0]) >= 90:
            return True
    return False


def evaluate(graph: ReviewGraph, corpus: str | Path) -> dict[str, Any]:
    truths = list(load_truth(corpus))
    doc_review = {n.file_name: n.review for n in graph.of_kind("Document")}  # type: ignore[attr-defined]
    recs_by_review: dict[str, list[Any]] = defaultdict(list)
    for r in graph.of_kind("Recommendation"):
        recs_by_review[r.review].append(r)  # type: ignore[attr-defined]
    out_edges: dict[tuple[str, str], list[str]] = defaultdict(list)
    for e in graph.edges.values():
        out_edges[(e.source, e.type)].append(e.target)
    c: Counter[str] = Counter()
    claimed: Counter[str] = Counter()
    primary_of: dict[str, str | None] = {}
    for t in truths:
        landed = [doc_review.get(Path(d["file"]).name) for d in t["documents"]]
        c["documents"] += len(landed)
        c["documents_ingested"] += sum(1 for x in landed if x)
        counts = Counter(x for x in landed if x)
        primary = counts.most_common(1)[0][0] if counts else None
        primary_of[t["key"]] = primary
        if primary:
            claimed[primary] += 1
    for t in truths:
        primary = primary_of[t["key"]]
        c["reviews"] += 1
        landed = [doc_review.get(Path(d["file"]).name) for d in t["documents"]]
        if primary and claimed[primary] == 1 and all(x == primary for x in landed):
            c["reviews_whole"] += 1  # every document of the review, and nothing else, in one graph review
        for d, x in zip(t["documents"], landed):
            key = "identified" if (d["identifies"]["number"] or d["identifies"]["pseudonym"]) else "partnership_only"
            c[f"docs_{key}"] += 1
            if x and x == primary and claimed[primary] == 1:
                c[f"docs_{key}_right"] += 1
        candidates = [r for rid in set(x for x in landed if x) for r in recs_by_review[rid]]
        pairs = []
        for i, tr in enumerate(t["recommendations"]):
            for g in candidates:
                s = max(fuzz.token_sort_ratio(_norm(g.text), _norm(tr["text"])),
                        fuzz.token_sort_ratio(_norm(g.text), _norm(tr["plan_text"])))
                if s >= MATCH:
                    pairs.append((s + (3 if _norm_no(g.number) == _norm_no(tr["number"]) else 0), i, g.id))
        used_t, used_g, match = set(), set(), {}
        near = Counter(i for _, i, _ in pairs)
        best_of: dict[str, tuple[float, int]] = {}
        for s, i, gid in pairs:
            if gid not in best_of or s > best_of[gid][0]:
                best_of[gid] = (s, i)
        group: dict[int, list[str]] = defaultdict(list)  # graph recs that are (copies of) true rec i
        for gid, (_, i) in best_of.items():
            group[i].append(gid)
        for _, i, gid in sorted(pairs, reverse=True):
            if i not in used_t and gid not in used_g:
                used_t.add(i)
                used_g.add(gid)
                match[i] = graph.nodes[gid]
        plan_rows = _plan_rows(t)
        learning_ok = {_norm_no(item["number"]) for item in t["learning"]}
        for i, tr in enumerate(t["recommendations"]):
            c["recs"] += 1
            c["recs_duplicated"] += int(near[i] > 1)
            g = match.get(i)
            if g is None:
                continue
            c["recs_found"] += 1
            c["recs_number_right"] += int(_norm_no(g.number) == _norm_no(tr["number"]))
            c["recs_text_exact"] += int(max(fuzz.ratio(_norm(g.text), _norm(tr["text"])),
                                            fuzz.ratio(_norm(g.text), _norm(tr["plan_text"]))) >= 95)
            owners = [graph.nodes[a].name for a in out_edges[(g.id, "ADDRESSED_TO")]]  # type: ignore[attr-defined]
            c["recs_owner_right"] += int(_owner_ok(owners + [g.owner or ""], tr))
            # actions may sit on a copy of the recommendation (a plan not merged into its report)
            acts = max(([graph.nodes[a] for a in out_edges[(gid, "HAS_ACTION")]] for gid in group[i]),
                       key=len, default=[])
            want = plan_rows.get(tr["ordinal"])
            if want is not None:
                c["recs_with_plan"] += 1
                c["actions_expected"] += want
                c["actions_found"] += min(want, len(acts))
                c["actions_extra"] += max(0, len(acts) - want)
                c["recs_actions_right"] += int(len(acts) == want)
                if want == len(tr["actions"]):  # one row per action: dates and statuses comparable
                    got = Counter(_norm(a.target_raw) for a in acts)  # type: ignore[attr-defined]
                    for ta in tr["actions"]:
                        c["targets"] += 1
                        if got[_norm(ta["target_raw"])] > 0:
                            got[_norm(ta["target_raw"])] -= 1
                            c["targets_right"] += 1
        c["recs_graph"] += 0
        graph_learning = {}
        for rid in set(x for x in landed if x):
            for lid in out_edges[(rid, "IDENTIFIED")]:
                graph_learning[_norm_no(graph.nodes[lid].number)] = lid  # type: ignore[attr-defined]
        c["learning"] += len(learning_ok)
        c["learning_found"] += len(learning_ok & set(graph_learning))
        true_links = {(_norm_no(item["number"]), _norm_no(a)) for item in t["learning"] for a in item["applies"]}
        got_links = {(num, _norm_no(graph.nodes[r].number)) for num, lid in graph_learning.items()  # type: ignore[attr-defined]
                     for r in out_edges[(lid, "INFORMS")]}
        c["informs"] += len(true_links)
        c["informs_graph"] += len(got_links)
        c["informs_right"] += len(true_links & got_links)
    c["recs_graph"] = sum(len(v) for v in recs_by_review.values())
    c["reviews_graph"] = sum(1 for _ in graph.of_kind("Review"))
    return {
        "counts": dict(c),
        "reviews_whole": _ratio(c["reviews_whole"], c["reviews"]),
        "docs_identified_placed": _ratio(c["docs_identified_right"], c["docs_identified"]),
        "docs_partnership_only_placed": _ratio(c["docs_partnership_only_right"], c["docs_partnership_only"]),
        "rec_recall": _ratio(c["recs_found"], c["recs"]),
        "rec_precision": _ratio(c["recs_found"], c["recs_graph"]),
        "rec_duplicated": _ratio(c["recs_duplicated"], c["recs"]),
        "number_right": _ratio(c["recs_number_right"], c["recs_found"]),
        "text_exact": _ratio(c["recs_text_exact"], c["recs_found"]),
        "owner_right": _ratio(c["recs_owner_right"], c["recs_found"]),
        "action_recall": _ratio(c["actions_found"], c["actions_expected"]),
        "action_count_right": _ratio(c["recs_actions_right"], c["recs_with_plan"]),
        "target_date_right": _ratio(c["targets_right"], c["targets"]),
        "learning_recall": _ratio(c["learning_found"], c["learning"]),
        "informs_recall": _ratio(c["informs_right"], c["informs"]),
        "informs_precision": _ratio(c["informs_right"], c["informs_graph"]),
    }


def _plan_rows(truth: dict[str, Any]) -> dict[int, int]:
    """Rows per recommendation in the review's action plan (separate plan first, else the appendix)."""
    for kind in ("action_plan", "overview_report", "progress_update"):
        for d in truth["documents"]:
            rows = d.get("recs") if kind != "overview_report" else d.get("appendix")
            if d["kind"] == kind and rows:
                return {r["ordinal"]: r["action_rows"] for r in rows}
    return {}


def format_scores(scores: dict[str, Any]) -> str:
    c = scores["counts"]
    lines = [f"{c.get('reviews', 0)} true reviews -> {c.get('reviews_graph', 0)} graph reviews; "
             f"{c.get('recs', 0)} true recommendations -> {c.get('recs_graph', 0)} in the graph"]
    for k, v in scores.items():
        if k != "counts":
            lines.append(f"  {k:<30} {'-' if v is None else f'{v:.1%}'}")
    return "\n".join(lines)
