"""`reviewgraph query list | show | run`, in process, over a synthetic store."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from reviewgraph.app.cli import cli
from reviewgraph.queries.saved import saved_queries
from tests.stores_data import write_store

runner = CliRunner()


@pytest.fixture()
def db(tmp_path):
    write_store(tmp_path / "store")
    return str(tmp_path / "store")


def invoke(*args: str):
    result = runner.invoke(cli, list(args))
    return result


def test_list_names_every_saved_query() -> None:
    out = invoke("query", "list")
    assert out.exit_code == 0, out.output
    for q in saved_queries():
        assert q.name in out.output


def test_show_prints_header_parameters_and_text() -> None:
    out = invoke("query", "show", "actions_open_as_of")
    assert out.exit_code == 0, out.output
    assert "--param as_of=<date>" in out.output and "MATCH" in out.output and "SELECT" in out.output


def test_csv_is_identical_from_cypher_and_sparql(db) -> None:
    outs = {}
    for engine in ("cypher", "sparql", "rdflib"):
        res = invoke("query", "run", "review_plan", "--engine", engine, "--format", "csv", "--db", db,
                     "--param", "review=DHR-7")
        assert res.exit_code == 0, res.output
        outs[engine] = res.output
    rows = list(csv.reader(io.StringIO(outs["cypher"])))
    assert rows[0] == ["review_id", "ordinal", "recommendation", "action", "action_text", "lead", "target",
                       "status"]
    assert len(rows) > 1 and all(r[0] == "review:southby/dhr-7" for r in rows[1:])
    assert sorted(outs["cypher"].splitlines()[1:]) == sorted(outs["sparql"].splitlines()[1:])
    assert sorted(outs["rdflib"].splitlines()[1:]) == sorted(outs["sparql"].splitlines()[1:])


def test_json_and_table_formats(db) -> None:
    res = invoke("query", "run", "reviews_per_agency", "--format", "json", "--db", db)
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert data and set(data[0]) == {"agency_id", "agency", "reviews", "recommendations"}
    res = invoke("query", "run", "reviews_per_agency", "--db", db, "--memory")
    assert res.exit_code == 0 and "agency_id" in res.output and "rows)" in res.output


def test_adhoc_file_and_refusals(db, tmp_path) -> None:
    good = tmp_path / "mine.rq"
    good.write_text("PREFIX rg: <https://w3id.org/reviewgraph/ontology#>\n"
                    "SELECT (COUNT(?r) AS ?n) WHERE { ?r a rg:Recommendation }\n")
    res = invoke("query", "run", "--file", str(good), "--format", "csv", "--db", db)
    assert res.exit_code == 0, res.output
    assert res.output.splitlines()[1] == "5"
    bad = tmp_path / "bad.cypher"
    bad.write_text("MATCH (a:Agency) DETACH DELETE a")
    res = invoke("query", "run", "--file", str(bad), "--db", db)
    assert res.exit_code != 0 and "read-only" in str(res.exception or res.output)
    res = invoke("query", "run", "shared_agencies", "--param", "min_reviews=many", "--db", db)
    assert res.exit_code != 0 and "integer" in str(res.exception or res.output)
    res = invoke("query", "run", "shared_agencies", "--engine", "endpoint", "--db", db)
    assert res.exit_code != 0 and "--endpoint" in str(res.exception or res.output)


def test_an_empty_store_is_reported_not_created(tmp_path) -> None:
    res = invoke("query", "run", "reviews_per_agency", "--db", str(tmp_path / "nothing"))
    assert res.exit_code != 0 and "ingest" in str(res.exception or res.output)
    assert not (tmp_path / "nothing").exists()
