"""``reviewgraph themes | gaps | recurrence`` in-process, on a store holding the invented example graph."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from reviewgraph.app.cli import cli
from reviewgraph.queries.examples import example_graph

runner = CliRunner()


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    (tmp_path / "graph.json").write_text(example_graph().to_json(), encoding="utf-8")
    return tmp_path


def run(*args: str) -> str:
    result = runner.invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_gaps_table_has_one_line_per_gap_with_kind_review_number_owner_and_text(db: Path) -> None:
    out = run("gaps", "--db", str(db), "--as-of", "2022-12-31")
    lines = out.splitlines()
    body = lines[2:-1]
    rows = json.loads(run("gaps", "--db", str(db), "--as-of", "2022-12-31", "--format", "json"))
    assert len(body) == len(rows) > 0
    overdue = next(line for line in body if line.startswith("overdue action"))
    assert "Southby DHR-7" in overdue and " 3 " in overdue and "Northby Police" in overdue
    assert "Southby partners make sure" in overdue
    unowned = next(line for line in body if line.startswith("no owner"))
    assert "(no owner)" in unowned and "Northby DHR-1" in unowned


def test_gaps_kind_filter_csv_and_list(db: Path) -> None:
    out = run("gaps", "--db", str(db), "--as-of", "2022-12-31", "--kind", "date_anomaly", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["kind"] for r in rows] == ["date_anomaly"]
    assert rows[0]["number"] == "3" and "before start" in rows[0]["detail"]
    assert "national_no_response" in run("gaps", "--as-of", "2022-12-31", "--list")


def test_gaps_rejects_bad_dates_and_kinds(db: Path) -> None:
    assert runner.invoke(cli, ["gaps", "--db", str(db), "--as-of", "31/12/2022"]).exit_code != 0
    bad = runner.invoke(cli, ["gaps", "--db", str(db), "--as-of", "2022-12-31", "--kind", "nonsense"])
    assert bad.exit_code != 0 and "nonsense" in bad.output


def test_themes_ranked_filtered_and_by_review(db: Path) -> None:
    rows = json.loads(run("themes", "--db", str(db), "--min-reviews", "2", "--format", "json"))
    assert rows and all(r["review_count"] >= 2 for r in rows)
    assert "theme:marac" in [r["theme"] for r in rows]
    one = json.loads(run("themes", "--db", str(db), "--review", "DHR-1", "--format", "json"))
    assert {"Information sharing", "MARAC"} <= {r["label"] for r in one}
    assert all(r["reviews"] == ["review:northby/dhr-1"] for r in one)
    police = json.loads(run("themes", "--db", str(db), "--agency", "home office", "--format", "json"))
    assert police and all("Home Office" in r["agencies"] for r in police)


def test_themes_one_theme_shows_evidence(db: Path) -> None:
    rows = json.loads(run("themes", "--db", str(db), "--theme", "MARAC", "--format", "json"))
    assert rows and all('"MARAC"' in r["evidence"] for r in rows)


def test_recurrence_for_one_review(db: Path) -> None:
    rows = json.loads(run("recurrence", "--db", str(db), "--review", "southby/dhr-7", "--format", "json"))
    matched = [r for r in rows if r["other_recommendation"]]
    assert [(r["number"], r["other_number"], r["other_completed"]) for r in matched] == [("3", "1", "all")]
    assert [r["number"] for r in rows] == ["3", "4"]   # every recommendation of the review, matched or not
    out = run("recurrence", "--db", str(db))
    assert "Northby DHR-1" in out


def test_unknown_review_is_a_clear_error(db: Path) -> None:
    result = runner.invoke(cli, ["themes", "--db", str(db), "--review", "Nowhere"])
    assert result.exit_code != 0 and "no review matches" in result.output


def test_themes_emerging_suggest_and_clusters_run(db: Path) -> None:
    for flag in ("--emerging", "--suggest"):
        assert isinstance(json.loads(run("themes", "--db", str(db), flag, "--format", "json")), list)
    both = json.loads(run("themes", "--db", str(db), "--clusters", "--format", "json"))
    assert set(both) == {"communities", "structural_gaps"} and both["communities"]
    clusters = run("themes", "--db", str(db), "--clusters")
    assert "community" in clusters and "MARAC" in clusters
