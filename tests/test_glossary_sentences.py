"""A glossary written as running text ("Abbreviations: FCHT Fenwick Community Health Trust; FDAS ..."), read
through the real ingest in every format, ordinary sentences with acronyms giving no pair; and the lines
below a table that a reader knew (Markdown, HTML): a note is reported unplaced, not glued onto the last row.
Invented places and agencies only."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from reviewgraph.graph.store import Store
from reviewgraph.ingest.glossary import find_glossary, glossary, running_entries
from reviewgraph.ingest.pipeline import ingest_file, ingest_into
from reviewgraph.ingest.readers.text import read_text_lines
from tests.parsing import rows

FCHT, FDAS = "Fenwick Community Health Trust", "Fenwick Domestic Abuse Service"
TERMS = {"FCHT": FCHT, "FDAS": FDAS}
HEADER = ("No", "Recommendation", "Lead agency", "Target date", "Status")
ROWS = [("1", "Review how district nurses record refusals of care.", "FCHT", "March 2024", "Open"),
        ("2", "Train staff to ask about domestic abuse at every contact.", "FDAS", "June 2024", "Complete"),
        ("3", "Share the learning of this review with GP practices.", "FCHT", "September 2024", "Open")]
TITLE = "Fenwick Safeguarding Adults Board SAR Adult K action plan tracker"
NOTE = "Note: the board will next review the tracker in October 2024."


def lines_of(text: str):  # type: ignore[no-untyped-def]
    return read_text_lines(text.encode("utf-8"))


@pytest.mark.parametrize("line", [
    "Abbreviations: FCHT Fenwick Community Health Trust; FDAS Fenwick Domestic Abuse Service.",
    "Abbreviations used: FCHT (Fenwick Community Health Trust), FDAS (Fenwick Domestic Abuse Service)",
    "Glossary - FCHT: Fenwick Community Health Trust. FDAS: Fenwick Domestic Abuse Service.",
    "Acronyms used in this tracker – FCHT = Fenwick Community Health Trust, FDAS = Fenwick Domestic Abuse Service",
    "Key to abbreviations: Fenwick Community Health Trust (FCHT); Fenwick Domestic Abuse Service (FDAS).",
    "**Abbreviations:** FCHT - Fenwick Community Health Trust; FDAS - Fenwick Domestic Abuse Service",
])
def test_a_glossary_in_one_line_of_text(line: str) -> None:
    g = find_glossary(lines_of(rows("The panel met in March.", "", line, "", "1 Introduction")))
    assert g.terms == TERMS
    assert g.lines == {3} and g.sources == {"FCHT": 3, "FDAS": 3}


def test_a_glossary_heading_then_its_entries_as_one_paragraph() -> None:
    text = rows("Abbreviations", "FCHT Fenwick Community Health Trust; FDAS Fenwick Domestic Abuse Service;",
                "DASH Domestic Abuse, Stalking and Harassment, MARAC Multi-Agency Risk Assessment Conference", "",
                "1 Introduction")
    g = find_glossary(lines_of(text))
    assert g.terms == {**TERMS, "DASH": "Domestic Abuse, Stalking and Harassment",
                       "MARAC": "Multi-Agency Risk Assessment Conference"}
    assert g.lines == {1, 2, 3}


def test_a_heading_cell_then_the_entries_in_the_next_cell() -> None:
    text = rows(("Abbreviations", "FCHT Fenwick Community Health Trust; FDAS Fenwick Domestic Abuse Service"))
    assert glossary(lines_of(text)) == TERMS


def test_inline_definitions_are_read_as_before() -> None:
    text = rows("Staff of Fenwick Community Health Trust (FCHT) and Fenwick Domestic Abuse Service (FDAS) met.")
    assert glossary(lines_of(text)) == TERMS


@pytest.mark.parametrize("line", [
    "The FCHT nurse visited the family on 3 May.",
    "FCHT and FDAS met; the FCHT nurse, the FDAS worker and the GP agreed a plan.",
    "Key: FCHT nurse visited the family; FDAS worker called twice.",
    "Key workers at FCHT: the district nurse, the FDAS outreach worker.",
    "Abbreviations were not explained: FCHT Fenwick Community Health Trust; FDAS Fenwick Domestic Abuse Service.",
    "Terms used by FCHT staff: ASC, GP, IDVA.",
    "Glossary: see the report of SAR Adult K.",
    # one piece that is not an entry: the whole line is left out, nothing guessed from it
    "Abbreviations: FCHT Fenwick Community Health Trust; FDAS runs the helpline.",
])
def test_ordinary_sentences_give_no_pair(line: str) -> None:
    g = find_glossary(lines_of(rows("Fenwick Safeguarding Adults Board", "", line)))
    assert g.terms == {} and not g.lines


def test_running_entries_reads_only_what_it_reads_whole() -> None:
    assert running_entries("FCHT Fenwick Community Health Trust, FDAS Fenwick Domestic Abuse Service") == [
        ("FCHT", FCHT), ("FDAS", FDAS)]
    # a comma inside an expansion stays in it; a full stop inside a name does not cut it
    assert running_entries("SMH St. Mary's Hospital; DASH Domestic Abuse, Stalking and Harassment") == [
        ("SMH", "St. Mary's Hospital"), ("DASH", "Domestic Abuse, Stalking and Harassment")]
    assert running_entries("FCHT visited; FDAS called") is None
    assert running_entries("") is None


# --- through the real ingest ---------------------------------------------------------------------------------

ABBR = "Abbreviations: FCHT Fenwick Community Health Trust; FDAS Fenwick Domestic Abuse Service."


def _markdown(below: list[str]) -> str:
    table = ["| " + " | ".join(HEADER) + " |", "|---|---|---|---|---|"] + ["| " + " | ".join(r) + " |" for r in ROWS]
    return "\n".join([f"# {TITLE}", "", *table, "", *sum(([b, ""] for b in below), [])])


def _text(below: list[str]) -> str:
    return "\n".join([TITLE, "", "\t".join(HEADER), *("\t".join(r) for r in ROWS), "", *below]) + "\n"


def _csv(below: list[str]) -> str:
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(HEADER)
    w.writerows(ROWS)
    w.writerow([""] * 5)
    for b in below:
        w.writerow([b] + [""] * 4)
    return out.getvalue()


def _html(below: list[str]) -> str:
    cells = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>\n" for r in [HEADER, *ROWS])
    paras = "".join(f"<p>{b}</p>\n" for b in below)
    return f"<html><body>\n<h1>{TITLE}</h1>\n<table>\n{cells}</table>\n{paras}</body></html>\n"


WRITERS = {"md": _markdown, "txt": _text, "csv": _csv, "html": _html}


@pytest.mark.parametrize("suffix", sorted(WRITERS))
def test_the_owners_are_the_organisations_the_abbreviations_line_names(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"fenwick-sar-tracker.{suffix}"
    path.write_text(WRITERS[suffix]([ABBR, NOTE]), encoding="utf-8")
    doc = ingest_file(path).doc
    assert doc is not None and doc.glossary == TERMS
    assert not [u for u in doc.unplaced if u.text.startswith("Abbreviations")]  # read into the glossary
    store = Store(tmp_path / "db")
    ingest_into(store, [path])
    recs = sorted(store.graph().of_kind("Recommendation"), key=lambda r: r.ordinal)
    assert [r.owner for r in recs] == [FCHT, FDAS, FCHT]
    assert not {"FCHT", "FDAS"} & {a.name for a in store.graph().of_kind("Agency")}


@pytest.mark.parametrize("suffix", ["md", "html"])
def test_a_note_below_a_known_table_is_reported_not_glued_onto_the_last_row(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"fenwick-sar-tracker.{suffix}"
    path.write_text(WRITERS[suffix]([NOTE, "Acronyms used: FCHT (Fenwick Community Health Trust), "
                                           "FDAS (Fenwick Domestic Abuse Service)"]), encoding="utf-8")
    doc = ingest_file(path).doc
    assert doc is not None and doc.glossary == TERMS
    last = doc.plans[0].recs[-1]
    assert last.actions[0].target_raw == "September 2024" and last.actions[0].lead == "FCHT"
    assert [u.text for u in doc.unplaced] == [NOTE]
    if suffix == "md":  # every non-blank line placed, skipped or unplaced (HTML: the lines are the source's)
        non_blank = sum(1 for ln in path.read_text().splitlines() if ln.strip())
        assert doc.placed_lines + len(doc.skipped) + len(doc.unplaced) == non_blank


def test_a_page_on_one_line_keeps_its_note_unplaced(tmp_path: Path) -> None:
    """Every Line of a one-line HTML page has number 1: the glossary's line leaves the note in the report."""
    path = tmp_path / "fenwick-sar-tracker.html"
    path.write_text(_html([ABBR, NOTE]).replace("\n", ""), encoding="utf-8")
    doc = ingest_file(path).doc
    assert doc is not None and doc.glossary == TERMS
    assert [u.text for u in doc.unplaced] == [NOTE]


@pytest.mark.xfail(strict=True, reason="plain text (as from PDF) has no table rows marked by its reader: the plan "
                   "parser reads the note as the last row going on (ingest/plan_table.py), left as it was")
def test_a_note_below_a_table_in_plain_text(tmp_path: Path) -> None:
    path = tmp_path / "fenwick-sar-tracker.txt"
    path.write_text(_text([NOTE, ABBR]), encoding="utf-8")
    doc = ingest_file(path).doc
    assert doc is not None and [u.text for u in doc.unplaced] == [NOTE]
