"""``reviewgraph export --redact`` end to end: a document naming a victim (by pseudonym), professionals in its
lead cells and family members in its text is ingested, and no name survives in any export format, in any
spelling an exporter may give it (escaped for HTML, JSON, N-Triples or an IRI, or as an id's slug).
"""

from __future__ import annotations

import html
import io
import re
import urllib.parse
import zipfile

import pytest

from reviewgraph.graph.exports import exporters
from reviewgraph.graph.ids import slug
from reviewgraph.graph.redact import lead_names, names_for, redact_text
from reviewgraph.graph.store import Store
from tests.bad_inputs import run_cli

PLAN = "\n".join([
    'Ashcombe Community Safety Partnership DHR-2 ("Mara") Action Plan',
    "No\tRecommendation\tAction\tLead\tTarget date\tProgress",
    "1.\tThat Ashcombe Police reviews how Mara's calls were graded.\tAudit of call grading\t"
    "Claire Moore DA lead\tApril 2025\tMs Moore met Tom Hartley, Mara's brother, in March.",
    "2.\tThat Ashcombe Council trains housing officers.\tTraining\tDCI Jayne Downes\tJune 2025\t"
    "Zoë Hart (Mara's neighbour) gave evidence; Jayne  Downes chairs the group; DCI Downes wrote to "
    "Ms O’Brien; Zoe Hart and Priya Smith Jones attended; Downes agreed.",
    "3.\tThat the CSP shares the learning from MARA's review.\tLearning event\tAshcombe CSP\t"
    "September 2025\tOngoing",
]) + "\n"
FAMILY = ["Tom Hartley", "Zoë Hart", "Siobhan O'Brien", "Priya Smith-Jones"]
EVERY_NAME = ["Mara", "Claire Moore", "Ms Moore", "Jayne Downes", "Tom Hartley", "Zoë Hart", "DCI Downes",
              "Downes", "O’Brien", "O'Brien", "Zoe Hart", "Smith Jones", "Smith-Jones", "Moore", "Hartley"]


def _decoded(raw: bytes, fmt: str) -> str:
    """Every spelling an exporter may give the text: HTML entities, \\u escapes, percent-encoding."""
    if fmt == "csv":
        with zipfile.ZipFile(io.BytesIO(raw)) as zf:
            text = "\n".join(zf.read(n).decode("utf-8") for n in zf.namelist())
    else:
        text = raw.decode("utf-8", "replace") if fmt != "png" else raw.decode("latin-1")
    text = re.sub(r"\\[uU]([0-9a-fA-F]{4,8})", lambda m: chr(int(m.group(1), 16)), text)
    text = html.unescape(html.unescape(text))
    return urllib.parse.unquote(text)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    folder = tmp_path_factory.mktemp("redact")
    doc = folder / "ashcombe-mara-action-plan.txt"
    doc.write_text(PLAN, encoding="utf-8")
    names = folder / "names.txt"
    names.write_text("# family members\n" + "\n".join(FAMILY) + "\n", encoding="utf-8")
    db = folder / "db"
    result = run_cli(["ingest", str(doc), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return db, names


def test_the_names_come_from_the_pseudonym_the_lead_cells_and_the_list(store):
    db, names = store
    graph = Store(db).graph()
    assert lead_names(graph) == ["Claire Moore", "DCI Jayne Downes", "Jayne Downes"]
    found = names_for(graph, FAMILY)
    for name in ["Mara", "Claire Moore", "Jayne Downes", *FAMILY]:
        assert name in found
    for name in EVERY_NAME:  # what the names cover: titles, parts, other spellings
        assert redact_text(f"({name})", found) == "([redacted])", name


@pytest.mark.parametrize("fmt", sorted(exporters()))
def test_no_name_survives_a_redacted_export(store, tmp_path, fmt):
    db, names = store
    out = tmp_path / f"graph.{fmt}"
    result = run_cli(["export", "--db", str(db), "--format", fmt, "--out", str(out), "--redact",
                      "--redact-names", str(names)])
    assert result.exit_code == 0, result.output
    text = _decoded(out.read_bytes(), fmt).lower()
    for name in EVERY_NAME:
        for form in {name.lower(), slug(name), re.sub(r"\s+", " ", name.lower())}:
            hit = re.search(rf"(?<![a-z0-9]){re.escape(form)}(?![a-z0-9])", text)
            assert not hit, f"{form!r} survives in the {fmt} export: ...{text[max(0, hit.start() - 60):hit.end() + 60]}..."
    if fmt not in ("png", "svg"):  # the picture formats draw their labels as shapes
        assert "redacted" in text
        assert "ashcombe police" in text or "ashcombe-police" in text, "redaction took more than the names"


def test_without_redact_the_names_are_there(store, tmp_path):
    db, _ = store
    out = tmp_path / "graph.json"
    assert run_cli(["export", "--db", str(db), "--format", "json", "--out", str(out)]).exit_code == 0
    text = out.read_text(encoding="utf-8")
    for name in ("Mara", "Claire Moore", "Jayne Downes", "Tom Hartley", "Zoë Hart"):
        assert name in text


def test_redact_names_without_redact_is_refused_in_one_line(store, tmp_path):
    db, names = store
    result = run_cli(["export", "--db", str(db), "--format", "json", "--out", str(tmp_path / "g.json"),
                      "--redact-names", str(names)])
    assert result.exit_code != 0
    assert "--redact-names needs --redact" in result.output


def test_a_name_hyphenated_across_a_line_break_in_a_cell(tmp_path):
    """A CSV cell whose name is broken by a hyphen at a line end: the reader makes the break a space
    ("Dow- nes"), and the redaction still finds the name."""
    doc = tmp_path / "plan.csv"
    doc.write_text('No,Recommendation,Action,Lead,Target date,Progress\n'
                   '1,"That Ashcombe Police reviews call grading.",Audit,Claire Moore,April 2025,'
                   '"Ms Jayne Dow-\nnes met Tom Hart-\nley and Zo-\në Hart in March."\n', encoding="utf-8")
    names = tmp_path / "names.txt"
    names.write_text("DCI Jayne Downes\nTom Hartley\nZoë Hart\n", encoding="utf-8")
    db, out = tmp_path / "db", tmp_path / "g.json"
    assert run_cli(["ingest", str(doc), "--db", str(db)]).exit_code == 0
    assert "Dow- nes" in (db / "graph.json").read_text(encoding="utf-8")  # what the reader stores
    result = run_cli(["export", "--db", str(db), "--format", "json", "--out", str(out), "--redact",
                      "--redact-names", str(names)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "met [redacted] and [redacted] in March" in text
    for piece in ("Dow", "nes met", "Hart", "ley"):
        assert piece not in text
