"""Every gap kind that a query can express has a saved query listing the same rows as the gap report, on
LadybugDB, pyoxigraph and rdflib: on a synthetic plan with a case (and a near miss) of every kind, on the demo
corpus and on the samples (skipped when absent). Rows are compared by what they are about (the action, the
recommendation or the theme), not only counted."""

from __future__ import annotations

import gc
import re
from collections import Counter
from typing import Any

import pytest

from reviewgraph.graph.graphdata import ReviewGraph
from reviewgraph.graph.model import Document, Learning, Theme
from reviewgraph.graph.sinks import ladybug_store, oxigraph_store
from reviewgraph.graph.sinks.rdf import to_rdflib
from reviewgraph.graph.store import Store
from reviewgraph.graph.themes import tag_graph
from reviewgraph.queries import gaps
from reviewgraph.queries.engines import LadybugEngine, OxigraphEngine, RdflibEngine, make_engine
from reviewgraph.queries.gaps import GAP_KINDS, NO_SAVED_QUERY, SAVED_QUERIES, find_gaps, saved_query_rows
from reviewgraph.queries.saved import find, saved_queries
from tests.seeds import SEEDS
from tests.test_gaps import DOC, Plan

#: the dates the corpora are judged on: before, on and after the demo corpus's tie, and long after
DATES = ["2014-09-29", "2014-09-30", "2016-01-01", "2026-12-05"]
#: the one date rdflib (slow: several seconds a query on the samples) is asked about on the corpora
RDFLIB_DATE = "2014-09-29"

#: what a gap row is about (its key) and the query column that names the same thing
_REC = ("recommendation", "recommendation_id")
ROW_KEY: dict[str, tuple[str, str]] = {
    "overdue": ("action", "action_id"), "open": ("action", "action_id"), "no_owner": _REC,
    "owner_ceased": _REC, "no_action": _REC, "no_target_date": _REC, "no_measurable_outcome": _REC,
    "recurring_theme_unresolved": ("text", "theme"), "national_no_response": _REC,
    "date_anomaly": ("action", "action_id"),
}
#: the Python patterns each query writes out (as a string literal: backslashes doubled)
PATTERNS = {
    "recommendations_without_measurable_outcome": ["_MEASURE"],
    "national_recommendations_without_response": ["_NATIONAL_ASK", "_RESPONSE", "_NO_RESPONSE"],
}


def _gap_keys(rows: list[dict[str, Any]], kind: str) -> Counter:
    return Counter(str(r[ROW_KEY[kind][0]]) for r in rows if r["kind"] == kind)


def _query_keys(engine: Any, kind: str, as_of: str) -> Counter:
    name, params, _ = SAVED_QUERIES[kind]
    q = find(name, engine.language)
    given = {**params, **({"as_of": as_of} if "as_of" in {p.name for p in q.params} else {})}
    rows = saved_query_rows(kind, engine.run(q.text, q.coerce(given)).records())
    column = ROW_KEY[kind][1]
    return Counter(f"theme: {r[column]}" if column == "theme" else str(r[column]) for r in rows)


def _agree(graph: Any, engines: dict[str, Any], dates: list[str], where: str) -> Counter:
    """Assert every engine's rows equal the gap report's, kind by kind and date by date; the rows seen."""
    seen: Counter = Counter()
    for as_of in dates:
        report = find_gaps(graph, as_of, kinds=list(SAVED_QUERIES))
        for kind in SAVED_QUERIES:
            expected = _gap_keys(report, kind)
            seen[kind] += sum(expected.values())
            for name, engine in engines.items():
                got = _query_keys(engine, kind, as_of)
                assert got == expected, (where, kind, as_of, name, "missing", expected - got, "extra", got - expected)
    return seen


# -- the list of kinds and the query files ------------------------------------------------------------------
def test_every_gap_kind_has_a_saved_query_or_a_reason() -> None:
    assert set(SAVED_QUERIES) | set(NO_SAVED_QUERY) == set(GAP_KINDS)
    assert not set(SAVED_QUERIES) & set(NO_SAVED_QUERY)
    assert set(ROW_KEY) == set(SAVED_QUERIES)
    assert all(len(reason) > 40 for reason in NO_SAVED_QUERY.values())
    names = {(q.name, q.language) for q in saved_queries()}
    for kind, (name, params, false_column) in SAVED_QUERIES.items():
        for language in ("cypher", "sparql"):
            assert (name, language) in names, (kind, language)
            q = find(name, language)
            q.coerce(params)  # the parameters are declared
            assert "gap report" in q.description or kind in ("overdue", "open", "no_owner"), name


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_queries_write_the_gap_patterns_as_they_are(name: str) -> None:
    cypher, sparql = find(name, "cypher").text, find(name, "sparql").text
    for pattern in PATTERNS[name]:
        compiled = getattr(gaps, pattern)
        literal = compiled.pattern.replace("\\", "\\\\")  # as a Cypher or SPARQL string literal
        ignore_case = bool(compiled.flags & re.IGNORECASE)
        assert f"'(?{'is' if ignore_case else 's'}).*(?:{literal}).*'" in cypher, (name, pattern)
        assert f'"{literal}"{", " + chr(34) + "i" + chr(34) if ignore_case else ""})' in sparql, (name, pattern)


def test_the_date_query_uses_the_review_life_of_the_gap_report() -> None:
    assert (gaps.LOOKBACK_YEARS, gaps.LOOKAHEAD_YEARS) == (3, 5), "update actions_date_anomalies too"
    cypher, sparql = find("actions_date_anomalies", "cypher").text, find("actions_date_anomalies", "sparql").text
    assert "toInteger(left(first, 4)) - 3)" in cypher and "toInteger(left(last, 4)) + 5)" in cypher
    assert "- 3)" in sparql and "+ 5)" in sparql


# -- a synthetic plan with every kind ----------------------------------------------------------------------
def _document(p: Plan, as_of: str | None) -> None:
    p.g.add_node(Document(id=DOC, doc_kind="action_plan", title="plan", file_name="plan.txt", sha256="a" * 64,
                          review=p.review, as_of=as_of, doc=DOC, line_start=1, line_end=200, line_count=200))
    p.g.link(p.review, "HAS_DOCUMENT", DOC, p.g.nodes[DOC])


def every_kind_graph() -> ReviewGraph:
    """Two reviews with a case of every gap kind and a near miss beside each."""
    a = Plan("westby/dhr-9", published="2021-01-15", death="2019-05-01")
    _document(a, "2021-01-15")
    crc = a.agency("Westby CRC", active_until="2021-06-26")
    a.agency("Harmoni", active_until="2012")  # a year alone: ceased by the end of it
    a.agency("Home Office", sector="national_body")
    a.rec("Late MARAC referrals audit.", owner="Westby Police", actions=[
        {"text": "a", "lead": "Westby Police", "target": "2021-03-01", "target_end": "2021-03-31",
         "status": "in_progress", "outcome": "Audit of 20 cases", "updates": [("2021-02-01", "in_progress")]}])
    a.rec("Done MARAC work.", owner="Westby Police", actions=[
        {"text": "b", "target": "2021-03-01", "status": "complete", "outcome": "Better practice",
         "updates": [("2021-02-01", "not_started"), ("2021-04-01", "complete")]}])
    a.rec("Future stalking training.", owner="Westby Police", actions=[
        {"text": "c", "target": "2023-03-01", "status": "not_started", "milestones": "  "}])
    a.rec("Owned by nobody.", actions=[{"text": "y", "target_raw": "Ongoing"}])
    a.rec("Open work for a body that ended.", owner="Westby CRC", actions=[{"text": "d", "status": "in_progress"}])
    a.rec("Finished work for it.", owner="Westby CRC", actions=[{"text": "e", "status": "complete",
                                                                  "target": "2020-01-01"}])
    a.rec("Led by a body that ended.", owner="Westby Council", actions=[
        {"text": "f", "lead": "Harmoni", "status": "not_started", "target": "2020-06-01"}])
    a.rec("Has no action yet.", owner="Westby Police")
    a.rec("The Chair raises with the Home Office the following national concern: bail.", owner="Westby Board",
          actions=[{"text": "Letter", "status": "complete", "progress": "Letter sent. No response received to date"}])
    a.rec("The Chair writes to the CPS about charging delays.", owner="Westby Board",
          actions=[{"text": "Letter", "status": "complete", "progress": "A response was received in May"}])
    a.rec("Scope national, nothing recorded.", owner="Westby Board", scope="national")
    a.rec("Addressed to a national body.", owner="Home Office", actions=[{"text": "g", "status_raw": "awaiting reply"}])
    a.rec("Backwards dates.", owner="Westby Police", actions=[
        {"text": "h", "start": "2020-10-01", "target": "2020-01-01", "target_end": "2020-01-31"}])
    a.rec("Before the death.", owner="Westby Police", actions=[{"text": "i", "start": "2019-01-01",
                                                                 "target": "2031-01-01"}])
    lrn = Learning(id="learning:westby/dhr-9/1", review=a.review, number="1", text="MARAC referrals were missed.",
                   doc=DOC, line_start=50, line_end=51)
    a.g.add_node(lrn)
    a.g.link(a.review, "IDENTIFIED", lrn.id, lrn)
    heir = a.agency("Probation Service")
    a.g.link(crc, "SUCCEEDED_BY", heir, a.g.nodes[crc], date="2021-06-26")

    b = Plan("southby/dhr-2", published=None)  # its life comes from its document's date alone
    _document(b, "2016-02-29")
    b.rec("Refer every high-risk case to MARAC.", owner="Southby Police", actions=[
        {"text": "j", "target": "2012-01-01", "updates": [("2016-02-29", "unknown")]}])
    b.rec("Stalking cases get a specialist.", owner="Southby Police", actions=[{"text": "k", "start": "2013-03-01"}])
    b.rec("Leap day.", owner="Southby Police", actions=[{"text": "l", "target": "2021-03-01"}])
    g = a.g
    for n in b.g.nodes.values():
        if n.id not in g.nodes:
            g.add_node(n)
    for e in b.g.edges.values():
        g.add_edge(e)
    g.add_node(Theme(id="theme:unused", label="Unused", doc="registry:themes", line_start=0, line_end=0))
    tag_graph(g)
    return g


@pytest.fixture(scope="module")
def synthetic():
    g = every_kind_graph()
    engines = {"cypher": LadybugEngine(ladybug_store.memory_connection(g)),
               "sparql": OxigraphEngine(oxigraph_store.memory_store(g)),
               "rdflib": RdflibEngine(to_rdflib(g))}
    yield g, engines
    engines.clear()
    gc.collect()  # pyoxigraph's results are freed on the thread that made them


def test_every_kind_on_a_synthetic_plan(synthetic) -> None:
    g, engines = synthetic
    seen = _agree(g, engines, ["2020-12-31", "2021-03-15", "2021-06-30", "2026-01-01"], "synthetic")
    assert all(seen[kind] > 0 for kind in SAVED_QUERIES), seen  # each kind is found at least once


def test_the_synthetic_plan_has_the_cases_it_names(synthetic) -> None:
    g, _ = synthetic
    ceased = {r["number"]: r["detail"] for r in gaps.owner_ceased(g, "2021-12-31")}
    assert set(ceased) == {"5", "7"} and ceased["7"].startswith("Harmoni ceased on 2012")
    assert gaps.owner_ceased(g, "2012-12-30") == [] and len(gaps.owner_ceased(g, "2012-12-31")) == 1
    assert [r["number"] for r in gaps.no_action(g)] == ["8", "11"]
    assert [r["number"] for r in gaps.national_no_response(g)] == ["9", "11", "12"]
    problems = Counter(r["action"] for r in gaps.date_anomalies(g))
    assert problems["action:westby/dhr-9/13/1"] == 1 and problems["action:westby/dhr-9/14/1"] == 2
    assert problems["action:southby/dhr-2/1/1"] == 1 and "action:southby/dhr-2/3/1" not in problems


# -- the demo corpus and the samples ------------------------------------------------------------------------
@pytest.fixture(scope="module")
def corpora(tmp_path_factory):
    from reviewgraph.ingest.pipeline import ingest_into
    from reviewgraph.synth.corpus import demo_paths

    out = {}
    demo = Store(tmp_path_factory.mktemp("demo"))
    assert all(r.ok for r in ingest_into(demo, demo_paths()))
    out["demo"] = demo
    if SEEDS.is_dir():
        seeds = Store(tmp_path_factory.mktemp("seeds"))
        ingest_into(seeds, sorted(p for p in SEEDS.iterdir() if p.is_file()))
        out["samples"] = seeds
    return out


@pytest.mark.parametrize("corpus", ["demo", "samples"])
def test_every_kind_on_the_corpora(corpora, corpus: str) -> None:
    if corpus not in corpora:
        pytest.skip(f"the sample documents are not here ({SEEDS} is absent)")
    store = corpora[corpus]
    graph = store.graph()
    engines = {language: make_engine(language, store) for language in ("cypher", "sparql")}
    seen = _agree(graph, engines, DATES, corpus)
    seen += _agree(graph, {"rdflib": make_engine("rdflib", store)}, [RDFLIB_DATE], corpus)
    assert sum(seen.values()) > 0
    engines.clear()
    gc.collect()
