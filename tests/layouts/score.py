"""Score the ingest on the layout corpus (``tests/data/layouts``) against its ground truth.

Each document is ingested alone into a fresh store, and the graph's Recommendation and Learning nodes are
compared with the document's ``.truth.json``:

- a graph recommendation *matches* a true one when their texts are alike (rapidfuzz token-set ratio >= 80 on
  normalised text, and neither is less than 35% of the other's length); pairs are taken best first, each
  recommendation used once. ``recall`` = true recommendations matched; ``invented`` = graph recommendations
  that match none.
- of the matched: ``numbers`` right (as written, compared without case, brackets or a trailing dot; a tracker
  reference such as "DHR07-R3" counts for "R3"; an unnumbered truth wants no number, or one marked inferred);
  ``owners`` right (the graph's owner or an ADDRESSED_TO agency equal, normalised, to the true owner or one of
  its aliases; a true owner of null wants neither); ``text`` exact (rapidfuzz ratio >= 90: nothing cut off or
  run on).
- learning items match on their first words (partial ratio >= 90); ``informs`` right when a matched item's
  INFORMS edges go to exactly the graph recommendations matched to the ones the truth says apply.
- the review: its kind (a joint "DHR/SAR" accepts either) and partnership (token-set ratio >= 85).

``score_graph`` is pure (a graph and a truth in, counts out); ``score_dir`` does the ingesting.
"""

from __future__ import annotations

import json
import re
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz

DATA = Path(__file__).resolve().parents[1] / "data" / "layouts"
TRUTH_SUFFIX = ".truth.json"

REC_MATCH = 80.0
MIN_LENGTH_RATIO = 0.35
TEXT_EXACT = 90.0
LEARNING_MATCH = 90.0
PARTNERSHIP_MATCH = 85.0

COUNT_KEYS = ("docs", "errors", "recs", "found", "invented", "number_ok", "owner_ok", "text_ok", "learning",
              "learning_found", "learning_invented", "informs_ok", "kind_ok", "partnership_ok")


# -- corpus --------------------------------------------------------------------------------------------------
def truth_path(doc: Path) -> Path:
    return doc.with_name(doc.name.rsplit(".", 1)[0] + TRUTH_SUFFIX)


def corpus_paths(root: Path = DATA) -> list[Path]:
    """Every document under ``root`` that has a truth file, in a stable order."""
    return sorted(p for p in root.rglob("*") if p.is_file() and not p.name.endswith(TRUTH_SUFFIX)
                  and truth_path(p).exists())


def load_truth(doc: Path) -> dict[str, Any]:
    return json.loads(truth_path(doc).read_text(encoding="utf-8"))


# -- normalising ---------------------------------------------------------------------------------------------
def norm_text(text: str | None) -> str:
    """Lower case, words only: punctuation, bullets and line breaks become single spaces."""
    text = (text or "").casefold().replace("&", " and ").replace("\u2019", "'").replace("'", "")
    return " ".join(re.findall(r"[^\W_]+", text))


def norm_owner(name: str | None) -> str:
    text = norm_text(name)
    return text[4:] if text.startswith("the ") else text


def norm_number(number: str | None) -> str:
    text = (number or "").strip().casefold()
    text = re.sub(r"^(recommendation|rec)\b\.?\s*(no\.?)?\s*", "", text)
    return text.strip("()[]{}.:; ")


def number_right(truth: str | None, node: Any) -> bool:
    if truth is None:
        return bool(getattr(node, "number_inferred", False)) or not (node.number or "").strip()
    want, got = norm_number(truth), norm_number(node.number)
    return bool(want) and (got == want or any(got.endswith(sep + want) for sep in ("-", "/", " ", "_")))


def owner_names(graph: Any, node: Any) -> list[str]:
    names = [node.owner] if node.owner else []
    names += [a.name for a in graph.out(node.id, "ADDRESSED_TO")]
    return [n for n in names if n and n.strip()]


def owner_right(truth: dict[str, Any], names: list[str]) -> bool:
    if truth["owner"] is None:
        return not names
    want = {norm_owner(truth["owner"]), *(norm_owner(a) for a in truth.get("owner_aliases", []))}
    return any(norm_owner(n) in want for n in names)


# -- matching ------------------------------------------------------------------------------------------------
def _alike(a: str, b: str) -> float:
    """token-set similarity of two normalised texts, 0 when one is much shorter than the other."""
    if not a or not b or min(len(a), len(b)) < MIN_LENGTH_RATIO * max(len(a), len(b)):
        return 0.0
    return fuzz.token_set_ratio(a, b)


def match_pairs(truths: list[str], nodes: list[str], scorer: Any, threshold: float) -> dict[int, int]:
    """Best pairs first, each side used once: {truth index: node index}."""
    pairs = []
    for i, t in enumerate(truths):
        for j, n in enumerate(nodes):
            s = scorer(t, n)
            if s >= threshold:
                pairs.append((s, fuzz.ratio(t, n), -i, -j))
    pairs.sort(reverse=True)
    out: dict[int, int] = {}
    used: set[int] = set()
    for _, _, i, j in pairs:
        if -i not in out and -j not in used:
            out[-i] = -j
            used.add(-j)
    return out


def _learning_alike(start: str, text: str) -> float:
    return fuzz.partial_ratio(start, text) if start and text else 0.0


# -- one document --------------------------------------------------------------------------------------------
def score_graph(graph: Any, truth: dict[str, Any]) -> dict[str, Any]:
    """Counts and details for one document's graph against its truth (no ingesting here)."""
    c: Counter[str] = Counter(docs=1)
    details: dict[str, list[Any]] = {"missed": [], "invented": [], "numbers": [], "owners": [], "texts": [],
                                     "learning_missed": [], "informs": []}
    t_recs = truth["recommendations"]
    g_recs = sorted(graph.of_kind("Recommendation"), key=lambda n: (n.ordinal, n.id))
    match = match_pairs([norm_text(t["text"]) for t in t_recs], [norm_text(g.text) for g in g_recs], _alike,
                        REC_MATCH)
    c["recs"] = len(t_recs)
    c["found"] = len(match)
    c["invented"] = len(g_recs) - len(match)
    matched_nodes = set(match.values())
    details["invented"] = [g.text[:90] for j, g in enumerate(g_recs) if j not in matched_nodes]
    for i, t in enumerate(t_recs):
        if i not in match:
            details["missed"].append(f"{t['number'] or '-'}: {t['text'][:80]}")
            continue
        g = g_recs[match[i]]
        if number_right(t["number"], g):
            c["number_ok"] += 1
        else:
            details["numbers"].append((t["number"], g.number))
        names = owner_names(graph, g)
        if owner_right(t, names):
            c["owner_ok"] += 1
        else:
            details["owners"].append((t["number"] or t["text"][:30], t["owner"], names))
        if fuzz.ratio(norm_text(t["text"]), norm_text(g.text)) >= TEXT_EXACT:
            c["text_ok"] += 1
        else:
            details["texts"].append((t["number"] or t["text"][:30], g.text[:160]))

    t_learn = truth.get("learning", [])
    g_learn = sorted(graph.of_kind("Learning"), key=lambda n: n.id)
    lmatch = match_pairs([norm_text(t["text_start"]) for t in t_learn], [norm_text(g.text) for g in g_learn],
                         _learning_alike, LEARNING_MATCH)
    c["learning"] = len(t_learn)
    c["learning_found"] = len(lmatch)
    c["learning_invented"] = len(g_learn) - len(lmatch)
    by_number: dict[str, int] = {}
    for i, t in enumerate(t_recs):
        if t["number"] is not None:
            by_number.setdefault(norm_number(t["number"]), i)
    for i, t in enumerate(t_learn):
        if i not in lmatch:
            details["learning_missed"].append(t["text_start"])
            continue
        g = g_learn[lmatch[i]]
        want = [match.get(by_number.get(norm_number(n), -1)) for n in t["applies"]]
        got = {e.id for e in graph.out(g.id, "INFORMS")}
        if None not in want and {g_recs[j].id for j in want} == got:  # type: ignore[index]
            c["informs_ok"] += 1
        else:
            details["informs"].append((t["number"], t["applies"], sorted(got)))

    reviews = list(graph.of_kind("Review"))
    c["kind_ok"] = int(any(_kind(r) == truth["review_kind"] for r in reviews))
    c["partnership_ok"] = int(any(r.partnership and fuzz.token_set_ratio(norm_text(r.partnership),
                                                                        norm_text(truth["partnership"]))
                                  >= PARTNERSHIP_MATCH for r in reviews))
    return {"counts": dict(c), "details": details}


def _kind(review: Any) -> str:
    kind = review.review_kind
    return getattr(kind, "value", kind)


# -- many documents ------------------------------------------------------------------------------------------
def ingest_alone(doc: Path) -> tuple[Any, str | None]:
    """The graph of ``doc`` ingested alone into a fresh store, and the ingest error if it failed."""
    from reviewgraph.graph.graphdata import ReviewGraph
    from reviewgraph.graph.store import Store
    from reviewgraph.ingest.pipeline import ingest_into

    with tempfile.TemporaryDirectory(prefix="layout-") as tmp:
        store = Store(Path(tmp) / "db")
        results = ingest_into(store, [doc])
        failed = [r for r in results if not r.ok]
        if failed:
            return ReviewGraph(), failed[0].error or "not read"
        return store.graph(), None


def _expand(paths: list[Path] | Path | None) -> list[Path]:
    if paths is None:
        return corpus_paths()
    if isinstance(paths, (str, Path)):
        paths = [Path(paths)]
    out: list[Path] = []
    for p in map(Path, paths):
        out.extend(corpus_paths(p) if p.is_dir() else [p])
    return out


def ratios(c: dict[str, int]) -> dict[str, float | None]:
    def r(a: str, b: str) -> float | None:
        return round(c.get(a, 0) / c[b], 3) if c.get(b) else None

    return {"recall": r("found", "recs"), "numbers": r("number_ok", "found"),
            "owners": r("owner_ok", "found"),
            "text": r("text_ok", "found"), "learning": r("learning_found", "learning"),
            "informs": r("informs_ok", "learning_found"), "kind": r("kind_ok", "docs"),
            "partnership": r("partnership_ok", "docs")}


def score_dir(paths: list[Path] | Path | None = None,
              graphs: dict[Path, Any] | None = None) -> dict[str, Any]:
    """Ingest each document alone and score it; per-document, per-family and overall results.

    ``paths``: documents or folders (default: the whole corpus). ``graphs``: a ready graph per document, to
    score without ingesting (the scorer's own tests).
    """
    documents = []
    families: dict[str, Counter[str]] = {}
    overall: Counter[str] = Counter()
    for doc in _expand(paths):
        truth = load_truth(doc)
        if graphs is not None:
            graph, error = graphs[doc], None
        else:
            graph, error = ingest_alone(doc)
        result = score_graph(graph, truth)
        counts = Counter(result["counts"])
        if error:
            counts["errors"] += 1
        documents.append({"path": str(doc), "family": truth["family"], "format": truth["format"],
                          "error": error, "counts": dict(counts), "scores": ratios(counts),
                          "details": result["details"]})
        families.setdefault(truth["family"], Counter()).update(counts)
        overall.update(counts)
    return {
        "documents": documents,
        "families": {f: {"counts": dict(c), "scores": ratios(c)} for f, c in sorted(families.items())},
        "overall": {"counts": dict(overall), "scores": ratios(overall)},
    }


# -- report --------------------------------------------------------------------------------------------------
def _pct(v: float | None) -> str:
    return "-" if v is None else f"{100 * v:.0f}%"


def format_table(scores: dict[str, Any]) -> str:
    """The per-family table, in markdown."""
    head = ("| family | docs | formats | recs | found | recall | invented | numbers | owners | text exact "
            "| learning | informs | kind | partnership |")
    rule = "|" + "|".join(["---"] * 14) + "|"
    formats: dict[str, set[str]] = {}
    for d in scores["documents"]:
        formats.setdefault(d["family"], set()).add(d["format"])
    lines = [head, rule]
    formats["**all**"] = set().union(*formats.values()) if formats else set()
    rows = [*scores["families"].items(), ("**all**", scores["overall"])]
    for name, v in rows:
        c, s = v["counts"], v["scores"]
        fmt = ", ".join(sorted(formats.get(name, set())))
        keys = ("numbers", "owners", "text", "learning", "informs", "kind", "partnership")
        rates = [_pct(s[k]) for k in keys]
        cells = [name, c.get("docs", 0), fmt, c.get("recs", 0), c.get("found", 0), _pct(s["recall"]),
                 c.get("invented", 0), *rates]
        lines.append("| " + " | ".join(map(str, cells)) + " |")
    return "\n".join(lines)


def format_details(scores: dict[str, Any]) -> str:
    """What went wrong, document by document."""
    out = []
    for d in scores["documents"]:
        det, s = d["details"], d["scores"]
        out.append(f"## {Path(d['path']).relative_to(DATA) if DATA in Path(d['path']).parents else d['path']}"
                   f"  recall {_pct(s['recall'])}, invented {d['counts'].get('invented', 0)}, "
                   f"owners {_pct(s['owners'])}, numbers {_pct(s['numbers'])}")
        if d["error"]:
            out.append(f"  ingest error: {d['error']}")
        for key, label in (("missed", "missed"), ("invented", "invented"), ("owners", "owner (truth, graph)"),
                           ("numbers", "number (truth, graph)"), ("texts", "text cut or run on"),
                           ("learning_missed", "learning missed"), ("informs", "informs (truth, graph)")):
            for item in det[key]:
                out.append(f"  - {label}: {item}")
    return "\n".join(out)
