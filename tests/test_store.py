"""The store: idempotent re-ingest, failure isolation, the export contract."""

import json

from reviewgraph.graph.store import Store
from reviewgraph.ingest.pipeline import IngestState, ingest_into, ingesting
from tests.parsing import rows

PLAN = rows(
    "Northmere DHR-5 Action Plan",
    ("No", "Recommendation", "Action", "Lead", "Target date", "Status"),
    ("1.", "That Northmere Police reviews MARAC referrals.", "Audit", "Northmere Police", "April 2021", "Complete"),
    ("2.", "That the council trains housing staff.", "Train", "Northmere Council", "TBC", "Open"),
)


def write(tmp_path, name, text):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_reingest_changes_nothing(tmp_path):
    f = write(tmp_path, "plan.txt", PLAN)
    store = Store(tmp_path / "db")
    first = ingest_into(store, [f])
    export1 = (tmp_path / "db" / "graph.json").read_text()
    second = ingest_into(Store(tmp_path / "db"), [f, f])
    assert first[0].new and not second[0].new
    assert (tmp_path / "db" / "graph.json").read_text() == export1


def test_a_bad_file_leaves_the_others_and_the_store_intact(tmp_path):
    good = write(tmp_path, "plan.txt", PLAN)
    empty = write(tmp_path, "empty.txt", "  \n\n")
    store = Store(tmp_path / "db")
    results = ingest_into(store, [empty, good, tmp_path / "missing.txt"])
    errors = [r.error for r in results if not r.ok]
    assert any("empty.txt: empty file" in e for e in errors)
    assert any("missing.txt: no such file" in e for e in errors)
    assert store.graph().counts()["Recommendation"] == 2


def test_export_contract(tmp_path):
    store = Store(tmp_path / "db")
    ingest_into(store, [write(tmp_path, "plan.txt", PLAN)])
    data = json.loads(store.graph().to_json())
    kinds = {n["kind"] for n in data["nodes"]}
    assert {"Review", "Document", "Recommendation", "Action", "Agency"} <= kinds
    for n in data["nodes"]:
        assert n["id"] and n["kind"] and n["doc"] and "line_start" in n
    rec = next(n for n in data["nodes"] if n["kind"] == "Recommendation" and n["number"] == "1")
    assert rec["text"] == "That Northmere Police reviews MARAC referrals."
    assert rec["review"] == "review:northmere/dhr-5"
    assert all(n["name"] for n in data["nodes"] if n["kind"] == "Agency")
    types = {link["type"] for link in data["links"]}
    assert {"MADE", "HAS_ACTION", "ADDRESSED_TO", "HAS_DOCUMENT"} <= types
    assert all({"source", "target", "type", "doc"} <= set(link) for link in data["links"])
    action = next(n for n in data["nodes"] if n["kind"] == "Action" and n["recommendation"] == rec["id"])
    assert (action["status"], action["target"], action["target_end"]) == ("complete", "2021-04-01", "2021-04-30")
    other = next(n for n in data["nodes"] if n["kind"] == "Action" and n["id"] != action["id"])
    assert other["target"] is None and other["dates_flagged"] == ["TBC"]


def test_documents_of_one_review_join_by_pseudonym_or_by_naming_the_area(tmp_path):
    report = rows(
        "Northmere Community Safety Partnership", "Domestic Homicide Review", "Overview Report", "'Ivy'", "",
        "5 Recommendations", "",
        "5.1 That Northmere Police reviews MARAC referrals.",
        "5.2 That the council trains housing staff.",
    )
    plan_named = rows(
        "Domestic Homicide Review - 'Ivy'", "Action Plan",
        ("No", "Recommendation", "Action", "Lead", "Target date"),
        ("1.", "That Northmere Police reviews MARAC referrals.", "Audit", "Northmere Police", "April 2021"),
    )
    store = Store(tmp_path / "db")
    ingest_into(store, [write(tmp_path, "report.txt", report), write(tmp_path, "plan.txt", plan_named)])
    g = store.graph()
    assert [r.pseudonym for r in g.of_kind("Review")] == ["Ivy"]
    recs = [n for n in g.of_kind("Recommendation")]
    assert sorted(r.number for r in recs) == ["5.1", "5.2"]
    assert next(r for r in recs if r.number == "5.1").plan_number == "1"


def test_a_plan_naming_only_its_partnership_joins_the_review_whose_recommendations_it_repeats(tmp_path):
    def report(num, name, texts):
        return rows("Northmere Community Safety Partnership", "Domestic Homicide Review", "Overview Report",
                    f"'{name}'", f"DHR-{num}", "", "5 Recommendations", "",
                    *(f"5.{k} {t}" for k, t in enumerate(texts, 1)))
    first = ["That Northmere Police audits every repeat call to the same address.",
             "That the hospital asks every patient about abuse in private."]
    second = ["That the council rewrites its housing allocation policy for victims.",
              "That probation checks licence addresses with the police each month."]
    plan = rows("Northmere Community Safety Partnership action plan",
                ("No", "Recommendation", "Action", "Lead", "Target date"),
                ("1.", second[0], "Rewrite policy", "Northmere Council", "April 2021"),
                ("2.", second[1], "Monthly check", "Probation Service", "May 2021"))
    store = Store(tmp_path / "db")
    ingest_into(store, [write(tmp_path, "r1.txt", report(1, "Ada", first)),
                        write(tmp_path, "r2.txt", report(2, "Bea", second)), write(tmp_path, "p.txt", plan)])
    g = store.graph()
    assert len(list(g.of_kind("Review"))) == 2
    with_actions = {n.review for n in g.of_kind("Recommendation") if g.out(n.id, "HAS_ACTION")}
    assert with_actions == {"review:northmere/dhr-2"}


def test_written_files_get_the_usual_permissions(tmp_path):
    import os
    import stat

    from reviewgraph.graph.store import atomic_write
    target = tmp_path / "x.json"
    atomic_write(target, "{}")
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask


REPORT_PLAN = rows(
    "Southmere DHR-2 Action Plan",
    ("No", "Recommendation", "Action", "Lead", "Target date", "Status"),
    ("1.", "That Southmere Police reviews DASH training.", "Train", "Southmere Police", "May 2022", "Open"),
)


def test_ingesting_shows_the_documents_then_lets_them_go(tmp_path):
    """``ingesting``: the block sees the parsed documents (stored, the manifest written) before the graph is
    built; the results then hold no document, still count as read, and the graph is the one ingest_into
    builds."""
    files = [write(tmp_path, "plan.txt", PLAN), write(tmp_path, "plan2.txt", REPORT_PLAN)]
    with ingesting(Store(tmp_path / "db"), files) as results:
        assert (tmp_path / "db" / "manifest.json").exists() and not (tmp_path / "db" / "graph.json").exists()
        seen = [(r.path.name, r.new, r.doc.title) for r in results]
    assert [(name, new) for name, new, _ in seen] == [("plan.txt", True), ("plan2.txt", True)]
    assert all(title for _, _, title in seen)
    assert all(r.doc is None and r.state is IngestState.STORED and r.ok and r.new for r in results)
    plain = ingest_into(Store(tmp_path / "db2"), files)
    assert [r.state for r in plain] == [IngestState.STORED] * 2 and all(r.doc is None for r in plain)
    assert (tmp_path / "db" / "graph.json").read_bytes() == (tmp_path / "db2" / "graph.json").read_bytes()
    # nothing new: the block still runs (with the known results), the store is untouched
    with ingesting(Store(tmp_path / "db"), files) as again:
        assert [r.state for r in again] == [IngestState.KNOWN] * 2


def test_add_returns_the_new_documents_and_leaves_the_list_alone(tmp_path):
    from reviewgraph.ingest.pipeline import ingest_file

    docs = [ingest_file(write(tmp_path, n, t)).doc for n, t in (("a.txt", PLAN), ("b.txt", REPORT_PLAN))]
    store = Store(tmp_path / "db")
    assert store.add(docs[:1]) == docs[:1]
    given = list(docs)
    with store.adding(given) as new:
        assert new == {docs[1].sha256} and set(Store(tmp_path / "db").manifest()) == {d.sha256 for d in docs}
    assert given == docs
    assert store.add(docs) == [] and given == docs
    assert set(store.manifest()) == {d.sha256 for d in docs}
    assert store.graph().counts()["Recommendation"] == 3


def test_the_collector_stays_paused_while_graph_json_is_written(tmp_path, monkeypatch):
    import gc

    from reviewgraph.graph.graphdata import ReviewGraph

    seen = []
    real = ReviewGraph.write_json
    monkeypatch.setattr(ReviewGraph, "write_json", lambda self, write: (seen.append(gc.isenabled()),
                                                                          real(self, write)))
    assert gc.isenabled()
    ingest_into(Store(tmp_path / "db"), [write(tmp_path, "plan.txt", PLAN)])
    assert seen == [False] and gc.isenabled()
    assert Store(tmp_path / "db").graph().counts()["Recommendation"] == 2


def test_the_collector_is_paused_while_the_files_are_parsed(tmp_path, monkeypatch):
    import gc

    from reviewgraph.ingest import pipeline

    seen = []
    real = pipeline.ingest_paths
    monkeypatch.setattr(pipeline, "ingest_paths", lambda *a, **k: (seen.append(gc.isenabled()), real(*a, **k))[1])
    results = ingest_into(Store(tmp_path / "db"), [write(tmp_path, "plan.txt", PLAN)])
    assert seen == [False] and gc.isenabled() and results[0].new
