"""Nothing lost between the parse and the graph: every recommendation, action and learning item a document
gives reaches the graph as its own node, ids cannot collide, and a collision is an error, never a merge."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewgraph.app.commands.ingest import reached_graph, summarise
from reviewgraph.graph.graphdata import GraphError, ReviewGraph
from reviewgraph.graph.model import Recommendation
from reviewgraph.graph.store import Store
from reviewgraph.ingest.pipeline import ingesting
from reviewgraph.synth.vocab import Vocabulary
from reviewgraph.synth.corpus import demo_paths, generate
from tests.parsing import rows
from tests.seeds import all_seeds

LONG = "Northmere and Wrenford Valley Community Rehabilitation Company Limited"


def _lost(paths: list[Path], tmp_path: Path, alone: bool) -> list[str]:
    """Every document's parsed counts against the graph's, each document alone or all in one store."""
    problems = []
    groups = [[p] for p in paths] if alone else [paths]
    for k, group in enumerate(groups):
        store = Store(tmp_path / f"db{k}")
        with ingesting(store, group) as results:  # the parsed counts, before the documents are let go
            assert all(r.doc is not None for r in results), [r.error for r in results]
            summary = [summarise(r) for r in results]
        reached_graph(summary, store.graph())
        problems += [f"{s['file']}: {m}" for s in summary for m in s["lost"]]
    return problems


def test_sections_with_long_names_keep_every_recommendation(tmp_path):
    """Two agency sections whose names differ only after 60 characters, numbered 1-3 each: six nodes."""
    text = rows(("No", "Recommendation", "Action", "Lead", "Target date"),
                f"{LONG} North",
                *[(f"{i}.", f"North recommendation number {i} on risk assessment", f"Action {i}", "Manager",
                   "March 2024") for i in (1, 2, 3)],
                f"{LONG} South",
                *[(f"{i}.", f"South recommendation number {i} on case recording", f"Action {i}", "Manager",
                   "June 2024") for i in (1, 2, 3)])
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    assert _lost([path], tmp_path, alone=True) == []
    store = Store(tmp_path / "db0")
    recs = list(store.graph().of_kind("Recommendation"))
    assert len(recs) == 6
    assert len({r.id for r in recs}) == 6


def test_builder_refuses_two_records_of_one_document_under_one_id():
    g = ReviewGraph()
    common = dict(id="rec:x/1", review="review:x", number="1", doc="doc:aa", ordinal=1)
    g.add_node(Recommendation(text="first", line_start=3, line_end=4, **common))
    g.add_node(Recommendation(text="first", line_start=3, line_end=4, **common))  # the same record: fine
    with pytest.raises(GraphError, match=r"doc:aa lines 3-4 and doc:aa lines 9-9"):
        g.add_node(Recommendation(text="second", line_start=9, line_end=9, **common))


def test_the_samples_lose_nothing(tmp_path):
    seeds = all_seeds()
    assert _lost(seeds, tmp_path, alone=True) == []
    assert _lost(seeds, tmp_path / "together", alone=False) == []


def test_the_demo_corpus_loses_nothing(tmp_path):
    assert _lost(demo_paths(), tmp_path, alone=False) == []


def test_a_generated_corpus_loses_nothing(tmp_path):
    generate(12, tmp_path / "corpus", 31, vocab=Vocabulary.builtin())
    docs = sorted((tmp_path / "corpus" / "docs").iterdir())
    assert _lost(docs, tmp_path, alone=False) == []


def test_the_check_sees_a_loss(tmp_path):
    """The comparison itself fails when the graph holds fewer nodes than were read."""
    path = tmp_path / "plan.txt"
    path.write_text(rows(("No", "Recommendation", "Lead"), ("1.", "Review the policy on referrals", "Police"),
                         ("2.", "Train staff in risk assessment", "Council")), encoding="utf-8")
    store = Store(tmp_path / "db")
    with ingesting(store, [path]) as results:
        summary = [summarise(r) for r in results]
    g = store.graph()
    victim = next(g.of_kind("Recommendation"))
    g.nodes.pop(victim.id)
    reached_graph(summary, g)
    assert summary[0]["lost"] and "2 recommendations read but 1 in the graph" in summary[0]["lost"][0]


def test_the_layout_corpus_loses_nothing(tmp_path):
    """Every document of the layout corpus (tests/data/layouts), each alone: what was read reached the graph."""
    from tests.layouts.score import corpus_paths

    assert _lost(corpus_paths(), tmp_path, alone=True) == []


def test_fuzzed_documents_lose_nothing(tmp_path):
    """Documents of the layout fuzzer in every format, each alone."""
    from tests.layouts import fuzz

    paths = []
    for seed in range(24):
        _, _, name, data = fuzz.case(seed)
        path = tmp_path / "docs" / name
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(data)
        paths.append(path)
    assert _lost(paths, tmp_path, alone=True) == []
