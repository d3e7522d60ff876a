"""Layout fuzz benchmark: N invented reviews, each rendered in a randomly drawn layout, ingested alone.

    python benchmarks/layout_fuzz.py --n 200 --seed 1 [--jobs 4] [--out DIR] [--worst 12] [--json FILE]

Each document comes from ``tests/layouts/fuzz.py`` (a truth drawn from a seed, a layout drawn from independent
axes: format, columns, numbering, owner placement, acronyms, report headings, noise) and is scored with the
layout corpus's scorer (``tests/layouts/score.py``: recommendations matched by text similarity, numbers,
owners, invented recommendations). Prints, in markdown:

- per layout axis value: documents, recommendations, recall, numbers right, owners right (of those found),
  text exact, invented recommendations (total and documents with any), ingest errors;
- owners right per kind of owner (local agency, department, national body, partnership, all agencies, none);
- reports: learning items found and their INFORMS links right, per format, link phrasing and section name;
- the worst documents: file, layout, and what was missed, invented or got the wrong number or owner.

``--out DIR`` keeps every rendered file with its truth (``NAME.truth.json``) so a failure can be ingested again
(``reviewgraph ingest DIR/NAME``) or scored with ``python -m tests.layouts.score``-style tools.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.layouts import fuzz  # noqa: E402

KEYS = ("docs", "errors", "recs", "found", "number_ok", "owner_ok", "text_ok", "invented", "docs_invented",
        "docs_perfect", "learning", "learning_found", "informs_ok")


def run_one(seed: int, out: str | None = None) -> dict[str, Any]:
    truth, layout, name, data = fuzz.case(seed)
    tj = fuzz.truth_json(truth, layout)
    t0 = time.perf_counter()
    try:
        result = fuzz.ingest_and_score(name, data, tj)
    except Exception as exc:  # a crash in the ingest is a result too
        result = {"counts": {"docs": 1, "recs": len(tj["recommendations"])}, "error": f"{type(exc).__name__}: {exc}",
                  "details": {"missed": [r["text"][:80] for r in tj["recommendations"]], "invented": [],
                              "numbers": [], "owners": []}}
    seconds = time.perf_counter() - t0
    if out:
        folder = Path(out)
        (folder / name).write_bytes(data)
        (folder / (name.rsplit(".", 1)[0] + ".truth.json")).write_text(json.dumps(tj, indent=1), encoding="utf-8")
    c = Counter(result["counts"])
    c["errors"] += int(bool(result.get("error")))
    c["docs_invented"] = int(c["invented"] > 0)
    c["docs_perfect"] = int(c["found"] == c["recs"] and c["invented"] == 0 and c["owner_ok"] == c["found"]
                            and c["number_ok"] == c["found"] and not result.get("error"))
    # owners right per kind of owner, from the truth's owner_kind and the scorer's owner failures
    wrong_owner = {str(x[0]) for x in result["details"].get("owners", [])}
    missed = set(result["details"].get("missed", []))
    by_kind: Counter[str] = Counter()
    for r in tj["recommendations"]:
        key = r["number"] or r["text"][:30]
        if any(m.startswith(f"{r['number'] or '-'}: {r['text'][:40]}") for m in missed):
            continue
        by_kind[f"{r['owner_kind']}:found"] += 1
        if key not in wrong_owner:
            by_kind[f"{r['owner_kind']}:ok"] += 1
    return {"seed": seed, "name": name, "axes": {k: _show(v) for k, v in layout.axes().items()},
            "layout": layout.describe(), "counts": {k: c.get(k, 0) for k in KEYS}, "error": result.get("error"),
            "details": result["details"], "owner_kinds": dict(by_kind), "seconds": round(seconds, 3)}


def _show(value: Any) -> str:
    return "none" if value is None else ("''" if value == "" else str(value))


def _pct(a: int, b: int) -> str:
    return "-" if not b else f"{100 * a / b:.0f}%"


def axis_table(results: list[dict[str, Any]]) -> str:
    groups: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for r in results:
        groups[("all", "")].update(r["counts"])
        for axis, value in r["axes"].items():
            groups[(axis, value)].update(r["counts"])
    lines = ["| axis | value | docs | recs | recall | numbers right | owners right | text exact | invented "
             "(docs with any) | perfect docs | errors |", "|" + "---|" * 11]
    order = list(fuzz.AXES)
    for (axis, value), c in sorted(groups.items(), key=lambda kv: (kv[0][0] != "all", order.index(kv[0][0])
                                                                   if kv[0][0] in order else -1, kv[0][1])):
        lines.append(f"| {axis} | {value} | {c['docs']} | {c['recs']} | {_pct(c['found'], c['recs'])} | "
                     f"{_pct(c['number_ok'], c['found'])} | {_pct(c['owner_ok'], c['found'])} | "
                     f"{_pct(c['text_ok'], c['found'])} | {c['invented']} ({c['docs_invented']}) | "
                     f"{_pct(c['docs_perfect'], c['docs'])} | {c['errors']} |")
    return "\n".join(lines)


def learning_table(results: list[dict[str, Any]]) -> str:
    """Reports only: learning items found (by their first words) and INFORMS links right, per format and link
    phrasing (links are written only where recommendations are numbered)."""
    groups: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for r in results:
        if r["axes"]["doc"] != "report":
            continue
        groups[("all reports", "")].update(r["counts"])
        groups[("format", r["axes"]["format"])].update(r["counts"])
        groups[("link_style", r["axes"]["link_style"])].update(r["counts"])
        groups[("learning_name", r["axes"]["learning_name"])].update(r["counts"])
    lines = ["| axis | value | docs | learning items | found | informs right (of found) |", "|---|---|---|---|---|---|"]
    for (axis, value), c in sorted(groups.items(), key=lambda kv: (kv[0][0] != "all reports", kv[0])):
        lines.append(f"| {axis} | {value} | {c['docs']} | {c['learning']} | {_pct(c['learning_found'], c['learning'])} "
                     f"| {_pct(c['informs_ok'], c['learning_found'])} |")
    return "\n".join(lines)


def owner_kind_table(results: list[dict[str, Any]]) -> str:
    c: Counter[str] = Counter()
    for r in results:
        c.update(r["owner_kinds"])
    lines = ["| owner kind | found | owner right |", "|---|---|---|"]
    for kind in ("local", "department", "national", "partnership", "collective", "none"):
        lines.append(f"| {kind} | {c[f'{kind}:found']} | {_pct(c[f'{kind}:ok'], c[f'{kind}:found'])} |")
    return "\n".join(lines)


def badness(r: dict[str, Any]) -> tuple[float, ...]:
    c = r["counts"]
    recs = c["recs"] or 1
    return (c["found"] / recs, -c["invented"], c["owner_ok"] / recs, c["number_ok"] / recs)


def worst(results: list[dict[str, Any]], k: int) -> str:
    out = []
    for r in sorted(results, key=badness)[:k]:
        c = r["counts"]
        out.append(f"- **{r['name']}** (seed {r['seed']}): found {c['found']}/{c['recs']}, invented {c['invented']}, "
                   f"numbers {c['number_ok']}, owners {c['owner_ok']}{'; error: ' + r['error'] if r['error'] else ''}")
        out.append(f"  - layout: {r['layout']}")
        d = r["details"]
        for key, label in (("missed", "missed"), ("invented", "invented"), ("numbers", "number (truth, graph)"),
                           ("owners", "owner (rec, truth, graph)")):
            items = d.get(key, [])
            for item in items[:3]:
                out.append(f"  - {label}: {item}")
            if len(items) > 3:
                out.append(f"  - ... {len(items) - 3} more {label.split()[0]}")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=200, help="documents to render and ingest")
    ap.add_argument("--seed", type=int, default=1, help="draws the documents' seeds")
    ap.add_argument("--jobs", type=int, default=min(8, os.cpu_count() or 1))
    ap.add_argument("--out", help="keep every rendered file and its truth in this folder")
    ap.add_argument("--worst", type=int, default=12, help="worst documents to list")
    ap.add_argument("--json", help="write every document's result to this file")
    args = ap.parse_args(argv)
    rng = random.Random(args.seed)
    seeds = [rng.randrange(10 ** 7) for _ in range(args.n)]
    if args.out:
        Path(args.out).mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    if args.jobs > 1:
        with ProcessPoolExecutor(args.jobs) as pool:
            results = list(pool.map(run_one, seeds, [args.out] * len(seeds), chunksize=4))
    else:
        results = [run_one(s, args.out) for s in seeds]
    took = time.perf_counter() - t0
    print(f"# Layout fuzz: {args.n} documents, seed {args.seed} ({took:.0f} s, {args.jobs} jobs)\n")
    print(axis_table(results))
    print("\n## Owners right per kind of owner\n")
    print(owner_kind_table(results))
    print("\n## Learning (reports)\n")
    print(learning_table(results))
    print(f"\n## The {args.worst} worst documents\n")
    print(worst(results, args.worst))
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
