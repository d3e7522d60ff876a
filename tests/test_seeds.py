"""The four real sample documents, counted by reading them (see docs/ingest.md for the counts)."""

import pytest

from reviewgraph.graph.build import build_graph
from reviewgraph.graph.store import Store
from reviewgraph.ingest.pipeline import ingest_file, ingest_into
from tests.seeds import all_seeds, seed


@pytest.fixture(scope="module")
def seed_graph(tmp_path_factory):
    store = Store(tmp_path_factory.mktemp("seeds"))
    results = ingest_into(store, all_seeds())
    assert all(r.ok for r in results)
    return store.graph()


def recs_of(graph, review_id):
    return sorted((n for n in graph.of_kind("Recommendation") if n.review == review_id), key=lambda n: n.ordinal)


def test_dhr4_action_plan_alone_has_30_recommendations_in_four_sections():
    doc = ingest_file(seed("000")).doc
    recs = doc.plans[0].recs
    assert len(recs) == 30
    assert [r.number for r in recs] == [str(i) for i in (*range(1, 10), *range(1, 9), *range(1, 7), *range(1, 8))]
    sections = [r.section for r in recs]
    assert sections[0] == "Middlesbrough Community Safety Partnership"
    assert set(sections[9:17]) == {"Cleveland Police"}
    assert set(sections[17:23]) == {"National Probation Service"}
    assert set(sections[23:]) == {"Durham and Tees Valley Community Rehabilitation Company (DTVCRC)"}
    assert recs[9].text.startswith("The process in which Clare's law disclosure")
    assert doc.hints.number == "DHR-4" and doc.hints.area == "Middlesbrough"
    assert not doc.unplaced


def test_dhr4_report_alone_numbers_learning_and_links():
    doc = ingest_file(seed("002")).doc
    assert [r.number for r in doc.report_recs] == [f"17.{i}" for i in range(1, 31)]
    assert doc.report_recs[3].text.endswith("take remedial action when they are aware this is the case.")
    assert [item.number for item in doc.learning] == [f"16.{i}" for i in range(1, 9)]
    assert sum(len(item.applies) for item in doc.learning) == 9
    assert doc.learning[2].applies == ["3", "4"]
    assert doc.hints.pseudonym == "Jean"
    assert len(doc.plans) == 1 and len(doc.plans[0].recs) >= 29  # the appendix plan


def test_report_and_plan_of_dhr4_give_one_review_of_30(seed_graph):
    reviews = {n.id: n for n in seed_graph.of_kind("Review")}
    dhr4 = reviews["review:middlesbrough/dhr-4"]
    assert dhr4.pseudonym == "Jean"
    recs = recs_of(seed_graph, dhr4.id)
    assert len(recs) == 30
    assert [r.number for r in recs] == [f"17.{i}" for i in range(1, 31)]
    by_number = {r.number: r for r in recs}
    assert by_number["17.10"].owner == "Cleveland Police" and by_number["17.10"].plan_number == "1"
    assert by_number["17.1"].owner == "Middlesbrough Community Safety Partnership"
    assert all(seed_graph.out(r.id, "HAS_ACTION") for r in recs)
    informs = [e for e in seed_graph.edges_of("INFORMS") if e.source.startswith("learning:middlesbrough/dhr-4")]
    assert len(informs) == 9
    assert {e.target for e in informs if e.source.endswith("/16.3")} == {
        "rec:middlesbrough/dhr-4/17.3", "rec:middlesbrough/dhr-4/17.4"}


def test_four_files_give_three_reviews(seed_graph):
    # 000 and 002 are the action plan and overview report of Middlesbrough DHR-4; 001 is DHR-3; 004 Warwickshire
    reviews = sorted(n.id for n in seed_graph.of_kind("Review"))
    assert len(reviews) == 3
    assert "review:middlesbrough/dhr-3" in reviews
    assert len(recs_of(seed_graph, "review:middlesbrough/dhr-3")) == 24


def test_warwickshire_plan_numbers_inferred_and_progress_date():
    doc = ingest_file(seed("004")).doc
    recs = doc.plans[0].recs
    numbers = [r.number for r in recs]
    assert numbers == [str(i) for i in (*range(1, 19), *range(20, 38))]  # 19 is not in the document
    assert {r.number for r in recs if r.number_inferred} == {"1", "3", "10", "11", "15", "16", "25"}
    assert doc.plans[0].as_of_raw == "30 June 2015"
    assert doc.doc_kind == "progress_update"


def test_every_line_of_every_seed_is_accounted_for():
    for path in all_seeds():
        doc = ingest_file(path).doc
        lines = path.read_text(encoding="utf-8").split("\n")
        non_blank = sum(1 for line in lines if line.strip())
        assert doc.placed_lines + len(doc.skipped) + len(doc.unplaced) == non_blank, path.name


def test_build_is_independent_of_document_order():
    docs = [ingest_file(p).doc for p in all_seeds()]
    assert build_graph(docs).to_json() == build_graph(list(reversed(docs))).to_json()
