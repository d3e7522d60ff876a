"""``reviewgraph query run --file`` names the true line and column of what it refuses or cannot parse: the
file's own lines (a file without a header used to run with a made-up two-line header put before it, so a
one-line file's error was "line 3"), and for SPARQL the place as written, before \\u escapes are expanded."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from reviewgraph.app.cli import cli
from reviewgraph.queries.readonly import ReadOnlyError, check
from reviewgraph.queries.saved import load_file
from tests.stores_data import write_store

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture()
def db(tmp_path):
    write_store(tmp_path / "store")
    return str(tmp_path / "store")


def _run(tmp_path, db: str, name: str, text: str) -> str:
    """The error ``query run --file`` stops with (in process: the exception the CLI prints as one line)."""
    f = tmp_path / name
    f.write_text(text, encoding="utf-8")
    res = runner.invoke(cli, ["query", "run", "--file", str(f), "--db", db])
    assert res.exit_code != 0 and res.exception is not None, res.output
    return str(res.exception)


def test_a_headerless_file_runs_as_written(tmp_path):
    f = tmp_path / "q.cypher"
    f.write_text("MATCH (n:Review) RETURN n.id AS id\n", encoding="utf-8")
    q = load_file(f)
    assert q.text == f.read_text(encoding="utf-8") and q.title == "q"
    g = tmp_path / "p.rq"
    g.write_text("# param: n: integer = 2 -- how many\nSELECT ?n WHERE { BIND(?n AS ?m) }\n", encoding="utf-8")
    q = load_file(g)  # a header without a title still gives its parameters
    assert q.text == g.read_text(encoding="utf-8") and [p.name for p in q.params] == ["n"]


@pytest.mark.parametrize(("name", "text", "place"), [
    ("write.cypher", "MATCH (n) DETACH DELETE n\n", "(line 1, column 11)"),
    ("write3.cypher", "// who\nMATCH (n)\n  DETACH DELETE n\n", "(line 3, column 3)"),
    ("escape.cypher", "MATCH (n) WHERE n.x = '\\q' RETURN n\n", "(line 1, column 24)"),
    ("bad.rq", "SELECT * WHERE { ?s ?p }\n", "(line 1, column 18:"),
    ("bad2.rq", "PREFIX rg: <https://w3id.org/reviewgraph/ontology#>\nSELECT * WHERE { ?s ?p }\n",
     "(line 2, column 18:"),
    # the parser stops at the second triple, which starts with an escape, after one other: the column is
    # counted in the text as written (the escape is 6 characters there, 1 once expanded, where the column is 29)
    ("escaped.rq", "SELECT * WHERE { \\u003Fs ?p ?o . \\u003Fs ?p }\n", "(line 1, column 34:"),
    ("service.rq", "# note\nSELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } }\n", "(line 2, column 18)"),
])
def test_the_error_names_the_place_in_the_file(tmp_path, db, name, text, place):
    line = _run(tmp_path, db, name, text)
    assert place in line, line
    assert "line 3" not in line or "line 3" in place


def test_the_engine_parser_error_of_a_one_line_file_says_line_1(tmp_path, db):
    """The issue's case, as printed: one line on stderr naming line 1."""
    f = tmp_path / "bad.cypher"
    f.write_text("MATCH (n:Review RETURN n\n", encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "reviewgraph.app.cli", "query", "run", "--file", str(f), "--db", db],
                         capture_output=True, text=True, timeout=120, cwd=ROOT)
    lines = [line for line in out.stderr.splitlines() if line.strip()]
    assert out.returncode != 0 and len(lines) == 1, out.stderr
    assert "(line: 1, offset: 16)" in lines[0], lines[0]


def test_the_place_of_an_escape_expanded_sparql_refusal():
    # '\u0053ERVICE' is SERVICE once expanded: refused, at the place it is written
    text = "SELECT * WHERE {\n  \\u0053ERVICE <http://x/> { ?s ?p ?o } }"
    with pytest.raises(ReadOnlyError, match=r"\(line 2, column 3\)"):
        check(text, "sparql")
