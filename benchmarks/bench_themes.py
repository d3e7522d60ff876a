"""Benchmark of theme tagging, repeat-recommendation linking and the analyses over a synthetic graph.

    python benchmarks/bench_themes.py --reviews 1000 --recs 30        # table: wall time and peak RSS per step

The graph is made in memory from the synthetic corpus's review contents (``reviewgraph.synth.corpus.Corpus``: invented
partnerships, recommendations, actions, learning, with the themes each recommendation was written about),
without rendering or parsing documents: this measures the themes work, not the ingest. Recommendations of
consecutive synthetic reviews are packed ``--recs`` to a review. The steps run in order in one process; the
table gives each step's wall time, its CPU time (what the step costs on an idle machine), the process's peak
RSS so far and its RSS after the step (the ``build`` row
is the graph alone). With ``--isolate`` each step runs in a fresh process that first builds the graph and runs
the steps it depends on (untimed), so the peak RSS is the step's own.

``bench(db, repeat)`` is the contract with ``benchmarks/run.py``: the same steps on the graph of a store.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
if str(HERE.parent) not in sys.path:
    sys.path.insert(0, str(HERE.parent))

from reviewgraph.graph.graphdata import ReviewGraph  # noqa: E402

AS_OF = "2024-01-01"
STEP_NAMES = ["build", "tag", "similar", "gaps", "themes", "recurrence", "emerging", "structure"]


# -- the synthetic graph ------------------------------------------------------------------------------------
def _iso(date: Any) -> str | None:
    iso = getattr(date, "iso", None)
    if not iso:
        return None
    return iso if len(iso) == 10 else f"{iso}-01"


def synthetic_graph(reviews: int, recs_per_review: int, seed: int = 0) -> tuple[ReviewGraph, dict[str, set[str]]]:
    """A graph of ``reviews`` reviews of ``recs_per_review`` recommendations each, and the theme labels each
    recommendation was written about (the synthetic truth)."""
    from reviewgraph.graph.ids import agency_id, slug
    from reviewgraph.graph.model import Action, Agency, Learning, Recommendation, Review
    from reviewgraph.synth.corpus import Corpus

    corpus = Corpus(seed)
    g = ReviewGraph()
    truth: dict[str, set[str]] = {}
    spec_i = 0
    for r in range(reviews):
        rid, doc = f"review:bench/{r}", f"doc:bench{r:012d}"
        made = 0
        first = True
        deaths, reports = [], []
        while made < recs_per_review:
            spec = corpus.spec(spec_i)
            spec_i += 1
            deaths.append(f"{spec.death[0]}-{spec.death[1]:02d}-01")
            reports.append(f"{spec.report_date[0]}-{spec.report_date[1]:02d}-01")
            if first:
                y, m = spec.report_date
                g.add_node(Review(id=rid, title=f"{spec.partnership.place} DHR-{r}", area=spec.partnership.place,
                                  partnership=spec.partnership.name, number=f"DHR-{r}",
                                  published=f"{y}-{m:02d}-01", death_date=f"{spec.death[0]}-{spec.death[1]:02d}-01",
                                  doc=doc, line_start=1, line_end=1))
                first = False
            by_ordinal: dict[int, str] = {}
            for rs in spec.recs:
                if made >= recs_per_review:
                    break
                made += 1
                rec_id = f"rec:bench/{r}/{made}"
                by_ordinal[rs.ordinal] = rec_id
                rec = Recommendation(id=rec_id, review=rid, number=str(made), text=rs.text, ordinal=made,
                                     owner=rs.owner.name, scope=rs.scope.lower(), level=rs.level, doc=doc,
                                     line_start=10 * made, line_end=10 * made + 1)
                g.add_node(rec)
                g.link(rid, "MADE", rec_id, rec)
                truth[rec_id] = set(rs.themes)
                aid = agency_id(rs.owner.name)
                if aid not in g.nodes:
                    g.add_node(Agency(id=aid, name=rs.owner.name, sector=rs.owner.sector
                                      if rs.owner.sector in {s for s in _sectors()} else "other",
                                      active_until=rs.owner.active_until, doc=doc, line_start=2, line_end=2))
                g.link(rec_id, "ADDRESSED_TO", aid, rec)
                for k, a in enumerate(rs.actions, 1):
                    act = Action(id=f"action:bench/{r}/{made}/{k}", review=rid, recommendation=rec_id, ordinal=k,
                                 text=a.text, lead=a.lead, milestones=a.milestones, start=_iso(a.start),
                                 start_raw=a.start.raw, target=_iso(a.target), target_raw=a.target.raw,
                                 status=a.status_update, progress=a.progress_update, outcome=a.outcome, doc=doc,
                                 line_start=10 * made + k, line_end=10 * made + k)
                    g.add_node(act)
                    g.link(rec_id, "HAS_ACTION", act.id, act)
                    g.link(act.id, "LED_BY", aid, act, shared=False)
            for ls in spec.learning:
                targets = [by_ordinal[o] for o in ls.applies if o in by_ordinal]
                if not targets:
                    continue
                lid = f"learning:bench/{r}/{slug(targets[0])}"
                lrn = Learning(id=lid, review=rid, number=targets[0].rsplit("/", 1)[1], text=ls.text, doc=doc,
                               line_start=500, line_end=501)
                g.add_node(lrn)
                g.link(rid, "IDENTIFIED", lid, lrn)
                for t in targets:
                    g.link(lid, "INFORMS", t, lrn)
        review = g.nodes[rid]
        review.death_date, review.published = min(deaths), max(reports)   # the packed reviews' span
    return g, truth


def _sectors() -> list[str]:
    from reviewgraph.graph.model import Sector

    return [s.value for s in Sector]


# -- the steps ----------------------------------------------------------------------------------------------
def _strip(graph: ReviewGraph, *types: str) -> None:
    for key in [k for k, e in graph.edges.items() if e.type in types]:
        del graph.edges[key]


def run_step(name: str, graph: ReviewGraph) -> tuple[float, str]:
    """Run one step on a graph that has had the steps before it; (seconds, detail)."""
    from reviewgraph.graph.similarity import link_similar
    from reviewgraph.graph.themes import tag_graph
    from reviewgraph.queries.clusters import structural_gaps
    from reviewgraph.queries.gaps import count_by_kind, find_gaps
    from reviewgraph.queries.index import GraphIndex
    from reviewgraph.queries.recurrence import recurrence_report
    from reviewgraph.queries.themes import emerging_terms, shared_themes

    t0 = time.perf_counter()
    if name == "build":
        detail = f"{len(graph.nodes)} nodes, {len(graph.edges)} edges"
    elif name == "tag":
        tag_graph(graph)
        n = sum(1 for e in graph.edges.values() if e.type == "ABOUT")
        detail = f"{n} ABOUT edges"
    elif name == "similar":
        link_similar(graph)
        n = sum(1 for e in graph.edges.values() if e.type == "SIMILAR_TO")
        detail = f"{n} SIMILAR_TO edges"
    elif name == "gaps":
        rows = find_gaps(GraphIndex(graph), AS_OF)
        detail = f"{len(rows)} gaps: " + ", ".join(f"{k} {v}" for k, v in sorted(count_by_kind(rows).items()))
    elif name == "themes":
        rows = shared_themes(graph, min_reviews=2)
        detail = f"{len(rows)} themes in 2+ reviews"
    elif name == "recurrence":
        rows = recurrence_report(graph)
        detail = f"{len(rows)} earlier repeats"
    elif name == "emerging":
        rows = emerging_terms(graph, min_reviews=2)
        detail = f"{len(rows)} terms"
    elif name == "structure":
        rows = structural_gaps(graph)
        detail = f"{len(rows)} structural gaps"
    else:
        raise ValueError(name)
    return time.perf_counter() - t0, detail


def _prepare(graph: ReviewGraph, name: str) -> None:
    from reviewgraph.graph.similarity import link_similar
    from reviewgraph.graph.themes import tag_graph

    if name not in ("build", "tag"):
        tag_graph(graph)
    if name not in ("build", "tag", "similar"):
        link_similar(graph)


def tagging_recall(graph: ReviewGraph, truth: dict[str, set[str]]) -> float:
    """Share of the synthetic truth themes (by label) that the tagger found on their recommendation."""
    labels = {n.id: n.label for n in graph.nodes.values() if n.KIND == "Theme"}
    found: dict[str, set[str]] = {}
    for e in graph.edges.values():
        if e.type == "ABOUT" and e.source in truth:
            found.setdefault(e.source, set()).add(labels.get(e.target, ""))
    total = sum(len(t) for t in truth.values())
    hit = sum(len(t & found.get(r, set())) for r, t in truth.items())
    return hit / total if total else 1.0


def bench(db: Path, repeat: int = 1) -> list[dict[str, Any]]:
    """The steps on the graph of the store at ``db`` (contract with benchmarks/run.py)."""
    from reviewgraph.graph.store import Store

    rows = []
    graph = Store(db).graph()
    _strip(graph, "ABOUT", "SIMILAR_TO")
    for name in STEP_NAMES[1:]:
        try:
            best, detail = None, ""
            for _ in range(max(1, repeat)):
                if name == "tag":
                    _strip(graph, "ABOUT")
                if name == "similar":
                    _strip(graph, "SIMILAR_TO")
                seconds, detail = run_step(name, graph)
                best = seconds if best is None else min(best, seconds)
            rows.append({"step": f"themes {name}", "seconds": best, "status": "ok", "detail": detail})
        except Exception as exc:  # reported, not raised
            rows.append({"step": f"themes {name}", "seconds": None, "status": f"error: {exc}"[:200],
                         "detail": ""})
    return rows


# -- the command line ---------------------------------------------------------------------------------------
def _child(args: argparse.Namespace) -> None:
    t0 = time.perf_counter()
    graph, truth = synthetic_graph(args.reviews, args.recs, args.seed)
    built = time.perf_counter() - t0
    _prepare(graph, args.step)
    seconds, detail = run_step(args.step, graph)
    if args.step == "build":
        seconds = built
    if args.step == "tag":
        detail += f"; synthetic truth themes found: {tagging_recall(graph, truth):.1%}"
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"step": args.step, "seconds": round(seconds, 3), "peak_rss_mb": round(peak, 1),
                      "detail": detail}))


def _rss_mb() -> float:
    """Current resident set of this process (Linux /proc; 0 elsewhere)."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, ValueError, IndexError):
        return 0.0
    return pages * resource.getpagesize() / 2**20


def _print_row(name: str, seconds: float, cpu: float | None, peak: float, rss: float, detail: str) -> None:
    cpu_s = f"{cpu:>7.2f}" if cpu is not None else f"{'':>7}"
    print(f"{name:<11} {seconds:>8.2f} {cpu_s} {peak:>12.0f} {rss:>9.0f}  {detail}", flush=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--reviews", type=int, default=1000)
    ap.add_argument("--recs", type=int, default=30, help="recommendations per review")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--steps", default=",".join(STEP_NAMES))
    ap.add_argument("--isolate", action="store_true",
                    help="run each step in its own process (its peak RSS is then its own; slower)")
    ap.add_argument("--step", help=argparse.SUPPRESS)  # run one step in this process (the child)
    args = ap.parse_args(argv)
    if args.step:
        _child(args)
        return 0
    steps = args.steps.split(",")
    print(f"themes benchmark: {args.reviews} reviews x {args.recs} recommendations (seed {args.seed})"
          f"{', one process per step' if args.isolate else ', steps in order in one process'}")
    print(f"{'step':<11} {'wall s':>8} {'cpu s':>7} {'peak RSS MB':>12} {'RSS MB':>9}  detail")
    if args.isolate:
        for name in steps:
            cmd = [sys.executable, __file__, "--reviews", str(args.reviews), "--recs", str(args.recs),
                   "--seed", str(args.seed), "--step", name]
            out = subprocess.run(cmd, capture_output=True, text=True, check=False)
            if out.returncode != 0:
                print(f"{name:<11} {'error':>8}  {out.stderr.strip().splitlines()[-1:]}")
                continue
            row = json.loads(out.stdout.strip().splitlines()[-1])
            _print_row(name, row["seconds"], row.get("cpu"), row["peak_rss_mb"], row["peak_rss_mb"], row["detail"])
        return 0
    t0, c0 = time.perf_counter(), time.process_time()
    graph, truth = synthetic_graph(args.reviews, args.recs, args.seed)
    built, built_cpu = time.perf_counter() - t0, time.process_time() - c0
    for name in STEP_NAMES:
        if name not in steps and name not in ("tag", "similar"):
            continue
        c0 = time.process_time()
        seconds, detail = run_step(name, graph)
        cpu = time.process_time() - c0
        if name == "build":
            seconds, cpu = built, built_cpu
        if name == "tag":
            detail += f"; synthetic truth themes found: {tagging_recall(graph, truth):.1%}"
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        _print_row(name, seconds, cpu, peak, _rss_mb(), detail)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
