"""The command line, run in-process."""

import json

from typer.testing import CliRunner

from reviewgraph.app.cli import cli
from tests.test_store import PLAN

runner = CliRunner()


def test_ingest_prints_one_line_per_document_and_export_writes_node_link(tmp_path):
    f = tmp_path / "plan.txt"
    f.write_text(PLAN, encoding="utf-8")
    db = tmp_path / "db"
    result = runner.invoke(cli, ["ingest", str(f), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "2 recommendations" in result.output and "1 dates flagged" in result.output
    out = tmp_path / "g.json"
    result = runner.invoke(cli, ["export", "--db", str(db), "--format", "json", "--out", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text())
    assert "links" in data and any(n["kind"] == "Recommendation" for n in data["nodes"])


def test_ingest_of_nothing_readable_exits_non_zero(tmp_path):
    f = tmp_path / "empty.txt"
    f.write_text("", encoding="utf-8")
    result = runner.invoke(cli, ["ingest", str(f), "--db", str(tmp_path / "db")])
    assert result.exit_code == 2
    assert "empty.txt: empty file" in result.output


def test_export_of_a_filtered_view_exports_that_view(tmp_path):
    f = tmp_path / "plan.txt"
    f.write_text(PLAN, encoding="utf-8")
    db = tmp_path / "db"
    assert runner.invoke(cli, ["ingest", str(f), "--db", str(db)]).exit_code == 0
    whole, part = tmp_path / "all.json", tmp_path / "part.json"
    assert runner.invoke(cli, ["export", "--db", str(db), "--out", str(whole)]).exit_code == 0
    result = runner.invoke(cli, ["export", "--db", str(db), "--out", str(part), "--kind", "Recommendation",
                                 "--kind", "Agency"])
    assert result.exit_code == 0, result.output
    kinds = {n["kind"] for n in json.loads(part.read_text())["nodes"]}
    assert kinds <= {"Recommendation", "Agency"} and "Recommendation" in kinds
    assert len(json.loads(part.read_text())["nodes"]) < len(json.loads(whole.read_text())["nodes"])
    bad = runner.invoke(cli, ["export", "--db", str(db), "--out", str(part), "--agency", "Nowhere Police"])
    assert bad.exit_code != 0 and "Nowhere Police" in bad.output
