"""Action plans whose layouts the parser was not tuned for, each written several ways from one truth:

- an "Agency" / "Organisation" / "Service" / "Partner" column beside a "Lead officer" column: every row's
  agency is kept with its own action (none lost after a recommendation's first row), and leads the action
  where no other cell names its lead;
- action references "1a", "1(a)", "1.a", "R1a" under their recommendation (its number alone, its words
  blank, or "Recommendation 1: ..." across the table): actions of recommendation 1, never recommendations;
- "Recommendation 1: ..." as one cell across a table with no number column, as HTML's colspan and Word's
  merged cells give it: the same recommendations from either.

Invented area, bodies and people only."""

from __future__ import annotations

import csv
import hashlib
import html
import io
from pathlib import Path

import docx
import pytest

from reviewgraph.graph.store import Store
from reviewgraph.ingest.columns import role_of
from reviewgraph.ingest.parse import parse_lines
from reviewgraph.ingest.pipeline import ingest_into
from reviewgraph.ingest.plan_table import action_ref
from reviewgraph.ingest.readers import open_document
from reviewgraph.records.parsed import ParsedDocument, ParsedRec

TITLE = "Ashcombe Safeguarding Adults Board - Safeguarding Adults Review 'Tobias' - Action plan"
COUNCIL, POLICE, TRUST, BOARD = ("Ashcombe Council", "Ashcombe Police", "Ashcombe Community Health NHS Trust",
                                 "Ashcombe Safeguarding Adults Board")
#: (number, recommendation, [(action, named lead, agency, target date)])
RECS = [
    ("1", f"{COUNCIL} should review how informal carers are offered an assessment.",
     [("Audit 20 case files for carers assessment offers", "Priya Hale, Principal Social Worker", COUNCIL,
       "31/03/2026"),
      ("Add a carers prompt to the case recording system", "Head of Business Systems", COUNCIL,
       "June 2026")]),
    ("2", f"{POLICE} and {TRUST} should agree a referral route for welfare checks.",
     [("Agree the referral criteria", "Inspector Dan Moss", POLICE, "30/09/2026"),
      ("Train district nurses on the referral route", "Named Nurse for Safeguarding Adults", TRUST,
       "December 2026")]),
    ("3", f"{BOARD} should publish a multi-agency self-neglect protocol.",
     [("Draft the protocol and consult partners", "Board Business Manager", BOARD, "31/01/2026")]),
]
ACTIONS = [(a, person, agency) for _, _, acts in RECS for a, person, agency, _ in acts]


def _parse(path: Path) -> ParsedDocument:
    data = path.read_bytes()
    return parse_lines(open_document(path, data).lines, file_name=path.name,
                       sha256=hashlib.sha256(data).hexdigest())


def _recs(doc: ParsedDocument) -> list[ParsedRec]:
    return [r for p in doc.plans for r in p.recs]


# -- rendering one truth several ways ----------------------------------------------------------------------

def _grid(header: list[str], refs: str | None, words: str, agency_word: str = "Agency",
          person: bool = True) -> tuple[list[str], list[tuple[str, list[str]]]]:
    """The header and the rows: ("rec", [one cell]) for a row across the table, ("row", cells) otherwise.
    ``refs``: None (no number column), "number" (the recommendation's number on each row), or a style of
    action reference ("1a", "1(a)", "1.a", "R1a"). ``words``: "span" (a "Recommendation 1: ..." row across
    the table), "first" (in a Recommendation column, on the first action's row), "every" (on each row)."""
    cols = [c.replace("Agency", agency_word) for c in header if person or c != "Lead officer"]
    rows: list[tuple[str, list[str]]] = []
    for number, text, actions in RECS:
        if words == "span":
            rows.append(("rec", [f"Recommendation {number}: {text}"]))
        for k, (action, who, agency, date) in enumerate(actions):
            letter = "abcdefgh"[k]
            ref = {None: None, "number": number, "1a": f"{number}{letter}", "1(a)": f"{number}({letter})",
                   "1.a": f"{number}.{letter}", "R1a": f"R{number}{letter}"}[refs]
            written = words == "every" or words == "first" and k == 0
            cell = {"Ref": ref, "Recommendation": text if written else "", "Action": action,
                    "Lead officer": who, agency_word: agency, "Target date": date, "RAG": "Amber"}
            rows.append(("row", [cell[c] or "" for c in cols]))
    return cols, rows


def _csv(path: Path, cols: list[str], rows: list[tuple[str, list[str]]]) -> Path:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow([TITLE])
    w.writerow(cols)
    for kind, cells in rows:
        w.writerow(cells if kind == "row" else cells + [""] * (len(cols) - 1))
    path.write_text(buf.getvalue(), encoding="utf-8")
    return path


def _html(path: Path, cols: list[str], rows: list[tuple[str, list[str]]]) -> Path:
    out = [f"<html><head><title>{html.escape(TITLE)}</title></head><body><h1>{html.escape(TITLE)}</h1>",
           "<table border='1'><tr>" + "".join(f"<th>{html.escape(c)}</th>" for c in cols) + "</tr>"]
    for kind, cells in rows:
        if kind == "rec":
            number, _, text = cells[0].partition(": ")
            out.append(f"<tr><td colspan='{len(cols)}'><b>{html.escape(number)}:</b> "
                       f"{html.escape(text)}</td></tr>")
        else:
            out.append("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in cells) + "</tr>")
    out.append("</table></body></html>")
    path.write_text("\n".join(out), encoding="utf-8")
    return path


def _docx(path: Path, cols: list[str], rows: list[tuple[str, list[str]]]) -> Path:
    d = docx.Document()
    d.add_paragraph(TITLE)
    table = d.add_table(rows=1 + len(rows), cols=len(cols))
    for j, c in enumerate(cols):
        table.cell(0, j).text = c
    for i, (kind, cells) in enumerate(rows, 1):
        if kind == "rec":
            table.cell(i, 0).merge(table.cell(i, len(cols) - 1)).text = cells[0]
        else:
            for j, c in enumerate(cells):
                table.cell(i, j).text = c
    d.save(path)
    return path


def _markdown(path: Path, cols: list[str], rows: list[tuple[str, list[str]]]) -> Path:
    lines = [f"# {TITLE}", "", "| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    for kind, cells in rows:
        lines.append("| " + " | ".join(cells if kind == "row" else cells + [""] * (len(cols) - 1)) + " |")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _text(path: Path, cols: list[str], rows: list[tuple[str, list[str]]]) -> Path:
    """Cells separated by tabs, as text extracted from a PDF; a row across the table as a line of its own."""
    lines = [TITLE, "\t".join(cols)] + [c[0] if kind == "rec" else "\t".join(c) for kind, c in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


WRITERS = {"csv": _csv, "html": _html, "docx": _docx, "md": _markdown, "txt": _text}
FULL = ["Ref", "Recommendation", "Action", "Lead officer", "Agency", "Target date", "RAG"]


# -- 8. agency columns --------------------------------------------------------------------------------------

@pytest.mark.parametrize("word, role", [
    ("Agency", "agency"), ("Organisation", "agency"), ("Service", "agency"), ("Partner", "agency"),
    ("Partner agency", "agency"), ("Partner organisation", "agency"), ("Agency / Partner", "agency"),
    ("Lead partner", "lead"), ("Lead agency", "lead"), ("Lead officer", "lead_person"),
    ("Partners", "support"), ("Partner agencies", "support"), ("Supporting partners", "support"),
    ("Other agencies", "support"), ("Other partners", "support"), ("Supporting agencies", "support")])
def test_a_partner_column_names_one_body_per_row_partners_are_the_others(word, role):
    assert role_of(word) == role


@pytest.mark.parametrize("fmt", ["csv", "html", "docx", "md", "txt"])
@pytest.mark.parametrize("agency_word", ["Agency", "Organisation", "Service", "Partner"])
@pytest.mark.parametrize("layout", [("number", "first"), ("number", "every"), (None, "span")])
def test_every_rows_agency_is_kept_with_its_action(tmp_path, fmt, agency_word, layout):
    refs, words = layout
    header = FULL if refs else [c for c in FULL if c not in ("Ref", "Recommendation")]
    cols, rows = _grid(header, refs, words, agency_word)
    doc = _parse(WRITERS[fmt](tmp_path / f"ashcombe-sar-tobias-plan.{fmt}", cols, rows))
    recs = _recs(doc)
    assert [r.number for r in recs] == ["1", "2", "3"], (fmt, agency_word, layout)
    # the named lead stays the lead; the agency of each row beside it, the second action's too
    assert [(a.text, a.lead, a.agency) for r in recs for a in r.actions] == ACTIONS


@pytest.mark.parametrize("fmt", ["csv", "html", "docx", "md"])
@pytest.mark.parametrize("agency_word", ["Agency", "Partner"])
def test_an_agency_column_with_no_named_lead_leads_the_action(tmp_path, fmt, agency_word):
    cols, rows = _grid(FULL, "number", "first", agency_word, person=False)
    path = WRITERS[fmt](tmp_path / f"ashcombe-sar-tobias-plan.{fmt}", cols, rows)
    recs = _recs(_parse(path))
    assert [(a.text, a.lead, a.agency) for r in recs for a in r.actions] == [
        (a, agency, None) for a, _, agency in ACTIONS]
    store = Store(tmp_path / "db")
    ingest_into(store, [path])
    g = store.graph()
    led = {g.nodes[e.source].text: g.nodes[e.target].name for e in g.edges.values() if e.type == "LED_BY"}
    assert led == {a: agency for a, _, agency in ACTIONS}


def test_an_action_led_by_a_person_is_led_by_the_agency_beside_them(tmp_path):
    cols, rows = _grid(FULL, "number", "first")
    path = _csv(tmp_path / "ashcombe-sar-tobias-plan.csv", cols, rows)
    store = Store(tmp_path / "db")
    ingest_into(store, [path])
    g = store.graph()
    led = {g.nodes[e.source].text: g.nodes[e.target].name for e in g.edges.values() if e.type == "LED_BY"}
    assert led == {a: agency for a, _, agency in ACTIONS}
    assert {n.text: n.lead for n in g.of_kind("Action")} == {a: person for a, person, _ in ACTIONS}


def test_an_agency_cell_the_named_lead_already_names_is_not_repeated(tmp_path):
    rows = [["1", RECS[0][1], "Audit case files", f"Priya Hale, {COUNCIL}", COUNCIL, "31/03/2026", "Amber"]]
    path = _csv(tmp_path / "plan.csv", FULL, [("row", r) for r in rows])
    (action,) = [a for r in _recs(_parse(path)) for a in r.actions]
    assert (action.lead, action.agency) == (f"Priya Hale, {COUNCIL}", None)


# -- 3. action references under their recommendation --------------------------------------------------------

def test_action_references_name_their_recommendation():
    assert [action_ref(n) for n in ("1.2", "1a", "17.3b", "3", "R1")] == [
        ("1", "2"), ("1", "a"), ("17.3", "b"), None, None]


@pytest.mark.parametrize("fmt", ["csv", "html", "docx", "md", "txt"])
@pytest.mark.parametrize("refs", ["1a", "1(a)", "1.a", "R1a"])
@pytest.mark.parametrize("words", ["span", "first", "every"])
def test_lettered_action_references_are_actions_of_their_recommendation(tmp_path, fmt, refs, words):
    header = FULL if words != "span" else [c for c in FULL if c != "Recommendation"]
    cols, rows = _grid(header, refs, words)
    doc = _parse(WRITERS[fmt](tmp_path / f"ashcombe-sar-tobias-plan.{fmt}", cols, rows))
    got = [(r.number, r.text, [a.text for a in r.actions]) for r in _recs(doc)]
    # (numbered as the document writes them: "R1" from "R1a", "R1b" on the recommendation's rows)
    written = "R" if refs == "R1a" and words != "span" else ""
    assert got == [(written + n, text, [a for a, *_ in acts]) for n, text, acts in RECS], (fmt, refs, words)


@pytest.mark.parametrize("fmt", ["csv", "html"])
def test_lettered_recommendations_with_their_own_words_stay_recommendations(tmp_path, fmt):
    """"1a", "1b" each with its own words are two recommendations (a report numbering them so)."""
    cols = ["Ref", "Recommendation", "Action", "Lead agency", "Target date"]
    rows = [("row", ["1a", f"{COUNCIL} should audit carers assessments.", "Audit", COUNCIL, "March 2026"]),
            ("row", ["1b", f"{COUNCIL} should add a carers prompt.", "Add the prompt", COUNCIL, "June 2026"]),
            ("row", ["2", f"{POLICE} should review welfare checks.", "Review", POLICE, "May 2026"])]
    recs = _recs(_parse(WRITERS[fmt](tmp_path / f"plan.{fmt}", cols, rows)))
    assert [(r.number, len(r.actions)) for r in recs] == [("1a", 1), ("1b", 1), ("2", 1)]


# -- 2a. a recommendation across a table with no number column: HTML as Word ---------------------------------

@pytest.mark.parametrize("person", [True, False])
def test_a_recommendation_across_the_table_reads_the_same_from_html_and_word(tmp_path, person):
    header = [c for c in FULL if c not in ("Ref", "Recommendation")]
    cols, rows = _grid(header, None, "span", person=person)
    got = {}
    for fmt in ("html", "docx"):
        doc = _parse(WRITERS[fmt](tmp_path / f"ashcombe-sar-tobias-plan.{fmt}", cols, rows))
        got[fmt] = [(r.number, r.text, r.owner_raw, r.owner_how,
                     [(a.text, a.lead, a.agency, a.target_raw) for a in r.actions]) for r in _recs(doc)]
        assert not doc.unplaced, (fmt, doc.unplaced)
    assert got["html"] == got["docx"]
    assert [(n, text) for n, text, *_ in got["html"]] == [(n, t) for n, t, _ in RECS]


# -- 4. a tracker of several reviews: a Review column -------------------------------------------------------

TRACKER = [  # (review, number, action, lead, due, notes)
    ("Brookhurst DHR 12 (Alys)", "1", "Refresh the risk assessment training for call handlers",
     "Brookhurst Police", "30 April 2026", "Dates agreed"),
    ("Brookhurst DHR 12 (Alys)", "2", "Add routine enquiry to the midwifery booking visit",
     "Brookhurst Maternity Services", "31/07/2026", "Completed July 2025"),
    ("Brookhurst SAR 7 (Len)", "1", "Set up a multi-agency hoarding panel", "Brookhurst Adult Social Care",
     "31/01/2026", ""),
    ("Brookhurst SAR 7 (Len)", "2", "Train housing officers on self-neglect", "Brookhurst Homes", "Ongoing",
     "Two sessions held"),
]


@pytest.mark.parametrize("review_word", ["Review", "Review name", "Case review"])
@pytest.mark.parametrize("notes", [True, False])
@pytest.mark.parametrize("order", ["grouped", "interleaved"])
def test_a_review_column_keeps_each_reviews_recommendations_apart(tmp_path, review_word, notes, order):
    rows = TRACKER if order == "grouped" else [TRACKER[0], TRACKER[2], TRACKER[1], TRACKER[3]]
    cols = ["Rec #", "What we will do", "Owner org", "Deadline", "Progress (RAG)", review_word] + \
        (["Notes"] if notes else [])
    cells = [[n, action, lead, due, "Amber", review] + ([note] if notes else [])
             for review, n, action, lead, due, note in rows]
    doc = _parse(_csv(tmp_path / "brookhurst-tracker.csv", cols, [("row", c) for c in cells]))
    recs = _recs(doc)
    # one recommendation per row: the SAR's 1 is not an action of the DHR's 1, and no note is a recommendation
    assert sorted((r.number, r.text) for r in recs) == sorted((n, a) for _, n, a, *_ in rows)
    assert all(len(r.actions) == 1 for r in recs)
    warning = next(w for w in doc.warnings if "reviews" in w)
    assert "Brookhurst DHR 12 (Alys)" in warning and "Brookhurst SAR 7 (Len)" in warning
    if notes:
        # (a second column of comments beside "Progress (RAG)": the action's outcome or progress, kept)
        kept = {a.text: f"{a.progress} {a.outcome}" for r in recs for a in r.actions}
        assert "Two sessions held" in kept["Train housing officers on self-neglect"]


def test_one_review_named_in_a_review_column_gives_no_warning(tmp_path):
    cols = ["Rec #", "What we will do", "Owner org", "Deadline", "Review", "Notes"]
    cells = [[n, action, lead, due, review, note] for review, n, action, lead, due, note in TRACKER[:2]]
    doc = _parse(_csv(tmp_path / "brookhurst-dhr-12.csv", cols, [("row", c) for c in cells]))
    assert [(r.number, r.text) for r in _recs(doc)] == [(n, a) for _, n, a, *_ in TRACKER[:2]]
    assert not any("reviews" in w for w in doc.warnings)


def test_a_review_column_of_dates_is_a_date_column(tmp_path):
    cols = ["No", "Recommendation", "Action", "Lead agency", "Review"]
    cells = [["1", f"{POLICE} should review welfare checks.", "Audit welfare checks", POLICE, "30 June 2026"],
             ["1", f"{POLICE} should review welfare checks.", "Brief officers", POLICE, "31 July 2026"]]
    recs = _recs(_parse(_csv(tmp_path / "plan.csv", cols, [("row", c) for c in cells])))
    assert [(r.number, [(a.text, a.target_raw) for a in r.actions]) for r in recs] == [
        ("1", [("Audit welfare checks", "30 June 2026"), ("Brief officers", "31 July 2026")])]


def test_a_table_whose_rows_start_no_recommendation_says_what_would(tmp_path):
    """A header over rows none of which starts a recommendation: the warning and each unplaced line say what
    starts one, not only that the header has no rows."""
    from reviewgraph.ingest.single import ingest_file

    path = tmp_path / "ashcombe-plan.html"
    path.write_text("<html><body><table>\n<tr><th>Ref</th><th>Recommendation</th><th>Lead agency</th>"
                    "<th>Target date</th></tr>\n"
                    "<tr><td colspan='4'>Actions to follow once agreed.</td></tr>\n"
                    "</table></body></html>\n", encoding="utf-8")
    result = ingest_file(path)
    assert any("no row under it starts a recommendation" in w and "'Recommendation 1: ...'" in w
               for w in result.warnings), result.warnings
    assert [u.reason for u in result.doc.unplaced if "once agreed" in u.text] == [
        "in the table before its first recommendation: a recommendation starts at a row with its number "
        "('1', 'R1', '1.1') in a number column or at the start of a cell, a row 'Recommendation 1: ...', or "
        "words in a Recommendation column"]
