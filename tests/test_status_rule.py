"""One status rule everywhere: an action's status on a date is its latest update dated on or before it, a
later document winning a tie (progress update over report over plan). The gap report, the saved queries
(LadybugDB and Oxigraph) and the Gaps page agree, on a tie built here, on the demo corpus and on the samples
(``../shared/seeds``, skipped when absent)."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from reviewgraph.graph.graphdata import ReviewGraph
from reviewgraph.graph.model import Action, Document, Recommendation, Review, StatusUpdate
from reviewgraph.graph.sinks import ladybug_store, oxigraph_store
from reviewgraph.graph.status import Update, status_on, update_key
from reviewgraph.graph.store import Store
from reviewgraph.queries.engines import LadybugEngine, OxigraphEngine, make_engine
from reviewgraph.queries.gaps import SAVED_QUERIES, find_gaps, saved_query_rows
from reviewgraph.queries.saved import find
from tests.seeds import SEEDS, all_seeds
from tests.webapp_support import open_app, write_store

PLAN, UPDATE, REPORT = "doc:bbbb000000000001", "doc:bbbb000000000002", "doc:bbbb000000000003"
DATES = ["2014-09-29", "2014-09-30", "2016-01-01", "2026-12-05"]


def test_a_later_document_wins_a_tie():
    plan = Update("2014-09-30", "action_plan", "z-plan.txt", "unknown")
    report = Update("2014-09-30", "overview_report", "a-report.txt", "in_progress")
    update = Update("2014-09-30", "progress_update", "a-update.txt", "complete")
    assert status_on([plan, update], "2014-09-30") == "complete"  # the status word does not decide
    assert status_on([update, plan], "2014-09-30") == "complete"  # nor the order they come in
    assert status_on([plan, report], "2014-09-30") == "in_progress"
    assert status_on([plan, report, update], "2014-09-30") == "complete"
    assert max([plan, report, update], key=update_key) is update


def test_dates_before_and_without_updates():
    plan = Update("2014-01-31", "action_plan", "plan.txt", "not_started")
    update = Update("2015-06-30", "progress_update", "update.txt", "complete")
    assert status_on([plan, update], "2014-06-01") == "not_started"
    assert status_on([plan, update], "2013-01-01") == "unknown"  # nothing recorded yet
    assert status_on([plan, update], None, own_status="complete") == "complete"
    assert status_on([Update(None, "action_plan", "p.txt", "in_progress")], "2020-01-01",
                     own_status="in_progress") == "in_progress"
    assert status_on([], "2020-01-01", own_status="in_progress", own_as_of="2021-01-01") == "unknown"


def tie_graph() -> ReviewGraph:
    """One review, one overdue-looking action: the plan says 'unknown' and the progress update of the same
    date says 'complete' (the demo corpus's Lark Moor case), and a second action both call 'in progress'."""
    g = ReviewGraph()
    rid = "review:westby/dhr-2"
    g.add_node(Review(id=rid, title="Westby DHR-2", area="Westby", number="DHR-2", doc=PLAN, line_start=1,
                      line_end=1))
    for did, kind, name in ((PLAN, "action_plan", "westby-plan.txt"), (UPDATE, "progress_update", "westby-update.txt"),
                            (REPORT, "overview_report", "westby-report.txt")):
        g.add_node(Document(id=did, doc_kind=kind, title=name, file_name=name, sha256=did[-1] * 64, review=rid,
                            as_of="2014-09-30", doc=did, line_start=1, line_end=20, line_count=20))
        g.link(rid, "HAS_DOCUMENT", did, g.nodes[did])
    rec = Recommendation(id="rec:westby/dhr-2/1", review=rid, number="1", text="Partners audit referrals",
                         owner="Westby Police", ordinal=1, doc=PLAN, line_start=5, line_end=5)
    g.add_node(rec)
    g.link(rid, "MADE", rec.id, rec)
    statuses = {1: {PLAN: "unknown", UPDATE: "complete"}, 2: {PLAN: "in_progress", REPORT: "not_started"}}
    for k, by_doc in statuses.items():
        aid = f"action:westby/dhr-2/1/{k}"
        last = list(by_doc.values())[-1]
        act = Action(id=aid, review=rid, recommendation=rec.id, ordinal=k, text=f"step {k}", target="2014-03-31",
                     target_end="2014-03-31", status=last, as_of="2014-09-30", doc=PLAN, line_start=6 + k,
                     line_end=6 + k)
        g.add_node(act)
        g.link(rec.id, "HAS_ACTION", aid, act)
        for did, status in by_doc.items():
            su = StatusUpdate(id=f"status:{aid}@{did}", action=aid, status=status, as_of="2014-09-30", doc=did,
                              line_start=6 + k, line_end=6 + k)
            g.add_node(su)
            g.link(aid, "HAS_STATUS", su.id, su)
    return g


def _query_count(engine, language: str, kind: str, as_of: str) -> int:
    name, params, _ = SAVED_QUERIES[kind]
    q = find(name, language)
    given = {**params, **({"as_of": as_of} if "as_of" in {p.name for p in q.params} else {})}
    return len(saved_query_rows(kind, engine.run(q.text, q.coerce(given)).records()))


def test_the_tie_on_every_engine():
    g = tie_graph()
    engines = {"cypher": LadybugEngine(ladybug_store.memory_connection(g)),
               "sparql": OxigraphEngine(oxigraph_store.memory_store(g))}
    rows = find_gaps(g, "2015-01-01", kinds=["overdue"])
    assert [r["action"] for r in rows] == ["action:westby/dhr-2/1/2"]  # the completed one is not overdue
    assert rows[0]["detail"].startswith("not started")  # the report (later than the plan) wins that tie
    for language, engine in engines.items():
        q = find("actions_open_as_of", language)
        got = engine.run(q.text, q.coerce({"as_of": "2015-01-01"})).records()
        assert [(r["action_id"], r["status"], r["overdue"]) for r in got] == [
            ("action:westby/dhr-2/1/2", "not_started", True)], language
        before = engine.run(q.text, q.coerce({"as_of": "2014-09-29"})).records()
        assert {r["status"] for r in before} == {"unknown"}, language  # nothing recorded by then
    engines.clear()
    gc.collect()  # pyoxigraph's results are freed on the thread that made them


def _stores(tmp_path_factory) -> dict[str, Path]:
    from reviewgraph.ingest.pipeline import ingest_into
    from reviewgraph.synth.corpus import demo_paths

    out = {}
    demo = Store(tmp_path_factory.mktemp("demo"))
    assert all(r.ok for r in ingest_into(demo, demo_paths()))
    out["demo"] = demo.path
    if SEEDS.is_dir():
        seeds = Store(tmp_path_factory.mktemp("seeds"))
        ingest_into(seeds, all_seeds())
        out["samples"] = seeds.path
    return out


@pytest.fixture(scope="module")
def corpora(tmp_path_factory):
    return _stores(tmp_path_factory)


@pytest.mark.parametrize("corpus", ["demo", "samples"])
def test_each_gap_kind_counts_what_its_saved_query_counts(corpora, corpus):
    if corpus not in corpora:
        pytest.skip(f"the sample documents are not here ({SEEDS} is absent)")
    store = Store(corpora[corpus])
    graph = store.graph()
    engines = {language: make_engine(language, store) for language in ("cypher", "sparql")}
    seen = 0
    for as_of in DATES:
        gaps = find_gaps(graph, as_of, kinds=list(SAVED_QUERIES))
        for kind in SAVED_QUERIES:
            expected = sum(1 for r in gaps if r["kind"] == kind)
            seen += expected
            for language, engine in engines.items():
                assert _query_count(engine, language, kind, as_of) == expected, (corpus, kind, as_of, language)
    assert seen > 0  # the corpus has gaps of these kinds to agree on
    engines.clear()
    gc.collect()


def test_the_gaps_page_uses_the_rule(tmp_path, monkeypatch):
    at = open_app(monkeypatch, write_store(tmp_path / "store", tie_graph()), "views/gaps.py")
    import datetime as dt

    at.date_input(key="gp_as_of").set_value(dt.date(2015, 1, 1)).run()
    at.multiselect(key="gp_kinds").set_value(["overdue"]).run()
    assert not at.exception, [e.value for e in at.exception]
    table = next(df.value for df in at.dataframe if "detail" in df.value.columns)
    assert len(table) == 1 == len(find_gaps(tie_graph(), "2015-01-01", kinds=["overdue"]))
    assert "step 1" not in " ".join(map(str, table.to_dict().values()))
    assert any("1 gaps" in c.value or "1 gap" in c.value for c in at.caption)
