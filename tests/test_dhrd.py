"""The DHRD tables: the real 31-row sample, synthetic versions of the four tables, and matching reviews."""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path


from reviewgraph.graph.dhrd_build import add_datasets, area_key
from reviewgraph.graph.graphdata import ReviewGraph
from reviewgraph.graph.model import Review
from reviewgraph.ingest import dhrd
from reviewgraph.records import dataset
from reviewgraph.ingest.readers import read
from tests.seeds import SHARED, needs_shared

SAMPLE = SHARED / "external" / "dhrd" / "incidents-sample.csv"
needs_sample = needs_shared("external", "dhrd", "incidents-sample.csv")


def parse(path: Path):
    data = path.read_bytes()
    reader, lines = read(path, data)
    return dhrd.parse_dataset(lines, file_name=path.name, sha256=hashlib.sha256(data).hexdigest(), reader=reader)


def build(*docs, graph: ReviewGraph | None = None) -> ReviewGraph:
    g = graph if graph is not None else ReviewGraph()
    add_datasets(g, list(docs))
    return g


def reviews(g: ReviewGraph) -> dict[str, Review]:
    return {n.source_id: n for n in g.of_kind("Review") if isinstance(n, Review) and n.source_id}


@needs_sample
def test_sample_gives_one_review_per_incident_with_attribution_and_partnership():
    doc = parse(SAMPLE)
    assert doc.dataset == "dhrd:incidents" and doc.doc_kind == "dataset" and len(doc.rows) == 31
    g = build(doc)
    revs = reviews(g)
    with open(SAMPLE, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert set(revs) == {r["incident_id"] for r in rows} and len(revs) == 31
    dataset_docs = [n for n in g.of_kind("Document") if n.doc_kind == "dataset"]
    assert len(dataset_docs) == 1 and dhrd.ATTRIBUTION in dataset_docs[0].notes
    for row in rows:
        r = revs[row["incident_id"]]
        assert r.region == row["region"] and r.area == row["csp"]
        assert g.out(r.id, "HAS_DOCUMENT") == dataset_docs
        (agency,) = g.out(r.id, "COMMISSIONED_BY")
        assert agency.name == f"{row['csp']} Community Safety Partnership"
        assert r.line_start >= 2 and r.doc == dataset_docs[0].id


@needs_sample
def test_sample_tags_are_queryable_and_match_the_file():
    g = build(parse(SAMPLE)).to_networkx()
    with open(SAMPLE, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    tag_columns = [c for c in rows[0] if c not in {"incident_id", "csp", "region", "death_date", "multiple_victims",
                                                   "cause_of_death", "location_of_death"}]
    assert "coercive_control" in tag_columns and len(tag_columns) == 15
    for tag in tag_columns:
        tagged = {d["source_id"] for _, d in g.nodes(data=True) if d["kind"] == "Review" and tag in d["tags"]}
        assert tagged == {r["incident_id"] for r in rows if r[tag] == "True"}, tag
    # coercive control by region: the kind of question the tags are for
    by_region: dict[str, int] = {}
    for _, d in g.nodes(data=True):
        if d["kind"] == "Review" and "coercive_control" in d["tags"]:
            by_region[d["region"]] = by_region.get(d["region"], 0) + 1
    assert sum(by_region.values()) == sum(r["coercive_control"] == "True" for r in rows) > 0


@needs_sample
def test_sample_missing_values_stay_missing_and_false_is_not_tagged():
    revs = reviews(build(parse(SAMPLE)))
    with open(SAMPLE, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    blank_location = [r["incident_id"] for r in rows if not r["location_of_death"].strip()]
    assert len(blank_location) == 2  # the README says so
    for inc in blank_location:
        assert revs[inc].location_of_death is None
    for row in rows:
        r = revs[row["incident_id"]]
        assert r.multiple_victims is {"True": True, "False": False}[row["multiple_victims"]]
        assert r.death_date == dataset.parse_date(row["death_date"])
        assert not any(row[t] == "False" for t in r.tags)


INCIDENTS = """incident_id,csp,region,death_date,multiple_victims,cause_of_death,location_of_death,coercive_control,stalking,new_tag
INC-9001,Kestrelford,Nowhere East,March 2024,False,unknown,residential_location,True,False,
INC-9002,Kestrelford,Nowhere East,2023,,,,False,True,True
INC-9003,,Nowhere West,,False,unknown,other,,,
"""
VICTIMS = """victim_id,incident_id,age_band,sex,disabled
V1,INC-9001,25-34,female,False
V2,INC-9002,35-44,female,True
V3,INC-9002,0-15,male,
"""
PERPETRATORS = """perpetrator_id,incident_id,previous_convictions
P1,INC-9001,True
"""
DOCUMENTS = """document_id,incident_id,title,publication_date
D1,INC-9001,Overview report,June 2025
D2,INC-9001,Executive summary,May 2025
"""


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_four_tables_are_recognised_and_joined_by_incident(tmp_path):
    paths = {name: _write(tmp_path, f"{name}.csv", text) for name, text in
             (("incidents", INCIDENTS), ("victims", VICTIMS), ("perpetrators", PERPETRATORS),
              ("documents", DOCUMENTS))}
    docs = {name: parse(p) for name, p in paths.items()}
    assert {n: d.dataset for n, d in docs.items()} == {n: f"dhrd:{n}" for n in docs}
    g = build(*docs.values())
    revs = reviews(g)
    assert set(revs) == {"INC-9001", "INC-9002", "INC-9003"}
    a, b, c = revs["INC-9001"], revs["INC-9002"], revs["INC-9003"]
    assert a.tags == ["coercive_control", "perpetrator:previous_convictions"]
    assert b.tags == ["new_tag", "stalking", "victim:disabled"]  # a column the README does not list is a tag too
    assert (a.victims, a.perpetrators, b.victims, b.perpetrators) == (1, 1, 2, None)
    assert a.published == "2025-05" and b.published is None
    assert (b.multiple_victims, b.cause_of_death, b.location_of_death) == (None, None, None)  # blanks stay blank
    assert b.death_date == "2023"
    assert c.area is None and c.partnership is None and g.out(c.id, "COMMISSIONED_BY") == []
    assert len([n for n in g.of_kind("Document") if n.doc_kind == "dataset"]) == 4
    assert {d.file_name for d in g.out(a.id, "HAS_DOCUMENT")} == {p.name for p in paths.values()}


def test_table_found_by_file_name_when_the_header_is_ambiguous(tmp_path):
    path = _write(tmp_path, "dhrd-victims-2025.csv", "incident_id,sex\nINC-1,female\n")
    assert parse(path).dataset == "dhrd:victims"
    not_dhrd = _write(tmp_path, "plan.csv", "No,Recommendation\n1,Share the learning\n")
    _, lines = read(not_dhrd)
    assert dhrd.table_of(lines, not_dhrd.name) is None


def test_dataset_review_matches_a_document_review_on_area_and_death_date(tmp_path):
    g = ReviewGraph()
    own = Review(id="review:kestrelford/dhr-7", title="Kestrelford DHR-7 'Mara'", area="Kestrelford",
                 partnership="Kestrelford Community Safety Partnership", number="DHR-7",
                 death_date="2024-03-14", doc="doc:0000000000000001", line_start=1, line_end=1)
    undated = Review(id="review:kestrelford/dhr-5", title="Kestrelford DHR-5", area="Kestrelford",
                     doc="doc:0000000000000002", line_start=1, line_end=1)
    g.add_node(own)
    g.add_node(undated)
    build(parse(_write(tmp_path, "incidents.csv", INCIDENTS)), graph=g)
    merged = g.nodes["review:kestrelford/dhr-7"]
    assert isinstance(merged, Review)
    assert merged.source_id == "INC-9001" and merged.tags == ["coercive_control"]
    assert merged.title == "Kestrelford DHR-7 'Mara'" and merged.death_date == "2024-03-14"  # its own kept
    assert merged.region == "Nowhere East"
    assert any(d.doc_kind == "dataset" for d in g.out(merged.id, "HAS_DOCUMENT"))
    # the 2023 incident agrees with no dated review, and an undated review matches nothing
    assert g.nodes["review:kestrelford/dhr-5"].source_id is None
    assert "review:kestrelford/dhrd-inc-9002" in g.nodes
    assert len([n for n in g.of_kind("Review")]) == 4


def test_helpers():
    assert area_key("Middlesbrough Community Safety Partnership") == area_key("Middlesbrough") == "middlesbrough"
    assert dataset.parse_date("Sept 2019") == "2019-09" and dataset.parse_date("Spring 2019") is None
    assert dataset.parse_bool("TRUE") is True and dataset.parse_bool(" ") is None


@needs_sample
def test_sample_through_ingest_and_the_store(tmp_path):
    from reviewgraph.graph.store import Store
    from reviewgraph.ingest.pipeline import ingest_into

    store = Store(tmp_path / "db")
    results = ingest_into(store, [SAMPLE])
    assert [r.error for r in results] == [None]
    g = store.graph()
    assert sum(1 for n in g.of_kind("Review") if n.source_id) == 31
    assert g.counts()["COMMISSIONED_BY"] == 31
    # ingesting it again changes nothing
    before = g.to_json()
    ingest_into(store, [SAMPLE])
    assert Store(tmp_path / "db").graph().to_json() == before


def test_a_board_sees_its_own_review_in_the_dataset(tmp_path):
    from reviewgraph.graph.store import Store
    from reviewgraph.ingest.pipeline import ingest_into
    from tests import format_docs as fd

    plan = tmp_path / "kestrelford-dhr-7-action-plan.txt"
    fd.write_text(plan)
    plan.write_text(plan.read_text(encoding="utf-8").replace(
        fd.AS_OF, f"Date of death: 14 March 2024\n{fd.AS_OF}"), encoding="utf-8")
    incidents = _write(tmp_path, "incidents.csv", INCIDENTS)
    store = Store(tmp_path / "db")
    results = ingest_into(store, [plan, incidents])
    assert [r.error for r in results] == [None, None]
    g = store.graph()
    own = g.nodes["review:kestrelford/dhr-7"]
    assert isinstance(own, Review)
    assert own.source_id == "INC-9001" and own.tags == ["coercive_control"] and own.region == "Nowhere East"
    assert own.death_date == "2024-03-14" and own.number == "DHR-7"
    kinds = sorted(d.doc_kind for d in g.out(own.id, "HAS_DOCUMENT"))
    assert len(kinds) == 2 and "dataset" in kinds
    assert len(g.out(own.id, "MADE")) == 4  # its recommendations are still there
    assert {n.source_id for n in g.of_kind("Review")} == {"INC-9001", "INC-9002", "INC-9003"}


def test_cli_ingest_of_a_dhrd_table_shows_the_attribution(tmp_path):
    from typer.testing import CliRunner

    from reviewgraph.app.cli import cli

    incidents = _write(tmp_path, "incidents.csv", INCIDENTS)
    result = CliRunner().invoke(cli, ["ingest", str(incidents), "--db", str(tmp_path / "db")])
    assert result.exit_code == 0, result.output
    assert dhrd.ATTRIBUTION in result.output and "3 records" in result.output
    assert "store: 3 reviews" in result.output


def test_overview_page_shows_the_dataset_with_its_attribution(tmp_path, monkeypatch):
    from reviewgraph.graph.store import Store
    from reviewgraph.ingest.pipeline import ingest_into
    from reviewgraph.queries.dataset import dataset_summary
    from tests import format_docs as fd
    from tests.webapp_support import open_app

    plan = fd.write_text(tmp_path / "kestrelford-dhr-7-action-plan.txt")
    plan.write_text(plan.read_text(encoding="utf-8").replace(
        fd.AS_OF, f"Date of death: 14 March 2024\n{fd.AS_OF}"), encoding="utf-8")
    store = Store(tmp_path / "db")
    ingest_into(store, [plan, _write(tmp_path, "incidents.csv", INCIDENTS)])
    summary = dataset_summary(store.graph())
    assert summary is not None and (summary["reviews"], summary["matched"]) == (3, 1)
    assert summary["own"][0]["incident"] == "INC-9001" and summary["own"][0]["number"] == "DHR-7"
    assert {r["tag"]: r["reviews"] for r in summary["tags"]} == {"coercive_control": 1, "new_tag": 1, "stalking": 1}
    at = open_app(monkeypatch, store.path)
    assert not at.exception, at.exception
    assert dhrd.ATTRIBUTION in [c.value for c in at.caption]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Reviews in the dataset"] == "3" and metrics["Your reviews found in it"] == "1"


@needs_sample
def test_sample_tags_are_queryable_in_cypher_and_sparql():
    """The same question on the embedded engines: reviews tagged coercive control, by region."""
    from reviewgraph.graph.build import build_graph
    from reviewgraph.graph.sinks import ladybug_store, oxigraph_store, rdf

    with open(SAMPLE, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    expected: dict[str, int] = {}
    for r in rows:
        if r["coercive_control"] == "True":
            expected[r["region"]] = expected.get(r["region"], 0) + 1
    g = build_graph([parse(SAMPLE)])
    conn = ladybug_store.memory_connection(g)
    res = conn.execute("MATCH (r:Review) WHERE $tag IN r.tags RETURN r.region, count(*)", {"tag": "coercive_control"})
    cypher = {}
    while res.has_next():
        region, n = res.get_next()
        cypher[region] = n
    assert cypher == expected
    res = conn.execute("MATCH (r:Review) WHERE r.location_of_death IS NULL AND r.source_id IS NOT NULL RETURN count(*)")
    assert res.get_next() == [2]
    store = oxigraph_store.memory_store(g)
    query = (f"SELECT ?tag ?region (COUNT(?r) AS ?n) WHERE {{ ?r <{rdf.predicate_for('tags')}> ?tag ; "
             f"<{rdf.predicate_for('region')}> ?region }} GROUP BY ?tag ?region")
    import pyoxigraph as ox

    sparql = {row["region"].value: int(row["n"].value)
              for row in store.query(query, substitutions={ox.Variable("tag"): ox.Literal("coercive_control")})}
    assert sparql == expected
