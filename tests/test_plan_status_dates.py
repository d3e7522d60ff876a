"""Statuses and dates as action plans write them, read as a reader would: the status a cell's words state
(negations, conditions, a status qualified by a later clause, closed as no longer needed) and the period a
date names (financial-year quarters, financial years, spreadsheet month-years, seasons, Welsh months, "end
of", "w/c"); a date the parser is unsure of is flagged, never quietly widened. Cell tables, then whole small
plans (CSV and Markdown, several renderings of one truth) through ``ingest_into``. Invented bodies only."""

from __future__ import annotations

import csv
import io
import random
from pathlib import Path

import pytest

from reviewgraph.graph.store import Store
from reviewgraph.ingest.pipeline import ingest_into
from reviewgraph.records.dates import parse_date_cell
from reviewgraph.records.status import classify_status

# (cell, status) in several wordings of each truth
STATUS_CELLS = [
    # a status first, then a clause about something else: the first decides
    ("In progress - tender closed", "in_progress"),
    ("In Progress - Tender Closed", "in_progress"),
    ("Ongoing: the consultation has closed", "in_progress"),
    ("Underway; procurement done", "in_progress"),
    ("In progress (tender closed in May)", "in_progress"),
    ("Not started - budget line closed", "not_started"),
    # negated completion is open work
    ("Not yet complete", "in_progress"),
    ("Not complete", "in_progress"),
    ("NOT COMPLETED", "in_progress"),
    ("Incomplete", "in_progress"),
    ("Not complete - awaiting sign off", "in_progress"),
    ("Policy has not been implemented", "in_progress"),
    ("Not achieved", "in_progress"),
    ("Closed - not achieved, carried into new plan", "in_progress"),
    ("Closed: not achieved", "in_progress"),
    # a condition states nothing yet
    ("Cannot be completed until funding agreed", "in_progress"),
    ("Can't be closed until the audit is signed off", "in_progress"),
    ("Unable to be completed until the new system is live", "in_progress"),
    ("Complete once signed off by the board", "complete"),
    # the future states nothing; a later update does
    ("Audit to be completed by April. COMPLETE", "complete"),
    ("Will be implemented by June", "unknown"),
    # status words a plan uses for open work
    ("Delayed", "in_progress"),
    ("Delayed: consultation extended", "in_progress"),
    ("On track", "in_progress"),
    ("On target", "in_progress"),
    ("Overdue", "in_progress"),
    ("Behind schedule", "in_progress"),
    ("Partially complete", "in_progress"),
    ("Draft being reviewed by legal", "in_progress"),
    # nothing done
    ("Not started", "not_started"),
    ("Yet to start", "not_started"),
    ("Letter sent. No response received to date.", "not_started"),
    # closed because no longer needed: nothing left to do
    ("No longer required (superseded by national guidance)", "complete"),
    ("Superseded by national guidance", "complete"),
    ("Withdrawn", "complete"),
    ("Not required", "complete"),
    # done
    ("Complete", "complete"),
    ("Status: Complete", "complete"),
    ("This action is now complete", "complete"),
    ("June 2015: Completed", "complete"),
    ("Training delivered to all staff", "complete"),
    ("Complete. The tender has closed.", "complete"),
    ("Ongoing. External review now completed", "complete"),
    ("Ongoing training in place", "complete"),
    # a word about something else is no status
    ("The tender has closed", "unknown"),
    ("Green Lane Surgery to audit its records", "unknown"),
    ("Completion date not yet agreed", "unknown"),
    # cells joined without punctuation: the later statement wins
    ("COMPLETE Ongoing", "in_progress"),
    ("Completed No response received to date.", "not_started"),
    ("Ongoing COMPLETE", "complete"),
    ("Completed on going, update due at next board meeting.", "in_progress"),
    # colours
    ("Green", "complete"),
    ("Amber", "in_progress"),
    ("Red", "not_started"),
    ("RAG: Green", "complete"),
    ("Green (on track)", "in_progress"),
    ("Red (overdue)", "in_progress"),
]


@pytest.mark.parametrize(("cell", "status"), STATUS_CELLS)
def test_a_status_cell_reads_as_a_reader_reads_it(cell: str, status: str) -> None:
    got, words = classify_status(cell)
    assert got == status, (cell, got, words)
    assert (words is None) == (status == "unknown")
    if words is not None:
        assert words.lower() in cell.lower()


@pytest.mark.parametrize(("colour", "progress", "status"), [
    ("Red", "Delayed: consultation extended", "in_progress"),
    ("Red", "Overdue - awaiting data sharing agreement", "in_progress"),
    ("Amber", "Complete. Evidence held by the partnership.", "complete"),
    ("Red", "Not started", "not_started"),
    ("Green", "Meeting held with partners", "complete"),   # no status in words: the colour stands
    ("Red", "the tender closed in May", "not_started"),     # a word about something else
])
def test_a_colour_gives_way_to_a_status_in_words(colour: str, progress: str, status: str) -> None:
    assert classify_status(colour, progress)[0] == status


# (cell, [(first day, last day)] or None for no date, flagged)
DATE_CELLS = [
    ("Q3 2025/26", [("2025-10-01", "2025-12-31")], False),
    ("Q4 2025/26", [("2026-01-01", "2026-03-31")], False),
    ("Q1 2026/27", [("2026-04-01", "2026-06-30")], False),
    ("Q2 2026/27", [("2026-07-01", "2026-09-30")], False),
    ("Q4 2025/2026", [("2026-01-01", "2026-03-31")], False),
    ("Q3 2025-26", [("2025-10-01", "2025-12-31")], False),
    ("2025/26 Q4", [("2026-01-01", "2026-03-31")], False),
    ("Q1 FY26/27", [("2026-04-01", "2026-06-30")], False),
    ("Q4 2025", [("2025-10-01", "2025-12-31")], False),
    ("Q1 2026", [("2026-01-01", "2026-03-31")], False),
    ("2025/26", [("2025-04-01", "2026-03-31")], False),
    ("FY 2025-26", [("2025-04-01", "2026-03-31")], False),
    ("financial year 2025/2026", [("2025-04-01", "2026-03-31")], False),
    ("2019/21", None, True),
    ("Q3 2025/27", None, True),
    ("Dec-25", [("2025-12-01", "2025-12-31")], False),
    ("Mar-26", [("2026-03-01", "2026-03-31")], False),
    ("Sept-24", [("2024-09-01", "2024-09-30")], False),
    ("Summer 2026", [("2026-06-01", "2026-08-31")], False),
    ("Spring 2025", [("2025-03-01", "2025-05-31")], False),
    ("Autumn 2025", [("2025-09-01", "2025-11-30")], False),
    ("Winter 2025/26", [("2025-12-01", "2026-02-28")], False),
    ("Winter 2026", None, True),
    ("October-December 2025", [("2025-10-01", "2025-12-31")], False),
    ("June to August 2026", [("2026-06-01", "2026-08-31")], False),
    ("Nov-Feb 2026", None, True),
    ("Mawrth 2026 / March 2026", [("2026-03-01", "2026-03-31"), ("2026-03-01", "2026-03-31")], False),
    ("Mawrth 2026", [("2026-03-01", "2026-03-31")], False),
    ("31 Mawrth 2026", [("2026-03-31", "2026-03-31")], False),
    ("erbyn Rhagfyr 2025", [("2025-12-01", "2025-12-31")], False),
    ("Ionawr 2026", [("2026-01-01", "2026-01-31")], False),
    ("Gorffennaf 2026", [("2026-07-01", "2026-07-31")], False),
    ("End of March 2026", [("2026-03-31", "2026-03-31")], False),
    ("by the end of June 2026", [("2026-06-30", "2026-06-30")], False),
    ("by end Q2 2026", [("2026-06-30", "2026-06-30")], False),
    ("End of 2025/26", [("2026-03-31", "2026-03-31")], False),
    ("Start of April 2026", [("2026-04-01", "2026-04-01")], False),
    ("w/c 6 January 2026", [("2026-01-06", "2026-01-12")], False),
    ("late 2026", [("2026-01-01", "2026-12-31")], True),
    ("Early March 2026", [("2026-03-01", "2026-03-31")], True),
    # unchanged readings
    ("31/03/26", [("2026-03-31", "2026-03-31")], False),
    ("30.06.2026", [("2026-06-30", "2026-06-30")], False),
    ("April 2026", [("2026-04-01", "2026-04-30")], False),
    ("Sept 2019", [("2019-09-01", "2019-09-30")], False),
    ("2026", [("2026-01-01", "2026-12-31")], False),
    ("TBC", None, True),
    ("31/02/2021", None, True),
]


@pytest.mark.parametrize(("cell", "periods", "flagged"), DATE_CELLS)
def test_a_date_cell_names_its_period(cell: str, periods: list[tuple[str, str]] | None,
                                      flagged: bool) -> None:
    got = parse_date_cell(cell)
    assert [(d.iso, d.end_iso) for d in got.dates] == (periods or [])
    assert got.flagged == flagged


# one plan's truth: action text, target cell, status cell, (status, target, target_end, flagged)
TRUTH = [
    ("Commission an independent audit of DASH completion", "Q3 2025/26", "In progress - tender closed",
     ("in_progress", "2025-10-01", "2025-12-31", False)),
    ("Refresh the risk assessment guidance", "Q4 2025/26", "Not yet complete",
     ("in_progress", "2026-01-01", "2026-03-31", False)),
    ("Fund a second independent advocate post", "Dec-25", "Cannot be completed until funding agreed",
     ("in_progress", "2025-12-01", "2025-12-31", False)),
    ("Replace the local referral form", "Mar-26", "No longer required (superseded by national guidance)",
     ("complete", "2026-03-01", "2026-03-31", False)),
    ("Brief all neighbourhood officers", "End of March 2026", "Overdue",
     ("in_progress", "2026-03-31", "2026-03-31", False)),
    ("Run a summer awareness campaign", "Summer 2026", "On track",
     ("in_progress", "2026-06-01", "2026-08-31", False)),
    ("Publish the annual report on the plan", "2025/26", "Closed - not achieved, carried into new plan",
     ("in_progress", "2025-04-01", "2026-03-31", False)),
    ("Translate the leaflets into Welsh", "Mawrth 2026 / March 2026", "Complete",
     ("complete", "2026-03-01", "2026-03-31", False)),
    ("Agree a new supervision model", "late 2026", "Not started",
     ("not_started", "2026-01-01", "2026-12-31", True)),
    ("Review the MARAC referral threshold", "Q1 2026/27", "Delayed",
     ("in_progress", "2026-04-01", "2026-06-30", False)),
]
TITLE = "Brindlemoor Community Safety Partnership - DHR 4 - Action plan"
RECS = ["Brindlemoor Police should improve the completion of risk assessments.",
        "Brindlemoor Council should strengthen support for victims who are carers."]
LEADS = ["Brindlemoor Police", "Brindlemoor Council"]


# other renderings of each target cell, naming the same period
DATE_VARIANTS = {
    "Q3 2025/26": ["Q3 2025/26", "Q3 2025-26", "2025/26 Q3", "Q3 FY2025/26", "October-December 2025"],
    "Q4 2025/26": ["Q4 2025/26", "Q4 2025/2026", "Q4 FY25/26"],
    "Dec-25": ["Dec-25", "December 2025", "Rhagfyr 2025", "Dec 2025"],
    "Mar-26": ["Mar-26", "March 2026", "Mawrth 2026"],
    "End of March 2026": ["End of March 2026", "31/03/2026", "by the end of March 2026", "31 March 2026"],
    "Summer 2026": ["Summer 2026", "summer 2026", "June - August 2026"],
    "2025/26": ["2025/26", "FY 2025/26", "2025-26", "financial year 2025/26"],
    "Mawrth 2026 / March 2026": ["Mawrth 2026 / March 2026", "March 2026 / Mawrth 2026"],
    "late 2026": ["late 2026", "Late 2026"],
    "Q1 2026/27": ["Q1 2026/27", "Q1 2026-27", "2026/27 Q1"],
}


def _date_variant(cell: str, rng: random.Random) -> str:
    return rng.choice(DATE_VARIANTS.get(cell, [cell]))


def _status_variant(cell: str, rng: random.Random) -> str:
    """The same status written another way: case, a spaced dash or a colon between clauses."""
    cell = rng.choice([cell, cell.upper(), cell.lower(), cell[:1].upper() + cell[1:].lower()])
    if " - " in cell:
        cell = cell.replace(" - ", rng.choice([" - ", " – ", ": ", "; "]), 1)
    return cell


def _rows(rng: random.Random, shuffle: bool) -> list[tuple[int, int, str, str, str, str]]:
    """(rec number, row index in TRUTH, action, lead, target, status) with the actions shared out between
    the two recommendations, in TRUTH's order or shuffled within each recommendation."""
    rows = []
    for i, (text, target, status, _) in enumerate(TRUTH):
        r = i % 2
        rows.append((r + 1, i, text, LEADS[r], _date_variant(target, rng) if rng.random() < 0.7 else target,
                     _status_variant(status, rng)))
    if shuffle:
        rng.shuffle(rows)
    return sorted(rows, key=lambda x: x[0])


def _csv(tmp_path: Path, rows, header: list[str]) -> Path:  # type: ignore[no-untyped-def]
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow([TITLE])
    w.writerow(header)
    last = None
    for rec, _, text, lead, target, status in rows:
        first = rec != last
        w.writerow([str(rec) if first else "", RECS[rec - 1] if first else "", text, lead, target, status])
        last = rec
    path = tmp_path / "brindlemoor-dhr-4-action-plan.csv"
    path.write_text(buf.getvalue(), encoding="utf-8")
    return path


def _md(tmp_path: Path, rows, header: list[str]) -> Path:  # type: ignore[no-untyped-def]
    lines = [f"# {TITLE}", "", "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    last = None
    for rec, _, text, lead, target, status in rows:
        first = rec != last
        lines.append(f"| {rec if first else ''} | {RECS[rec - 1] if first else ''} | {text} | {lead} | "
                     f"{target} | {status} |")
        last = rec
    path = tmp_path / "brindlemoor-dhr-4-action-plan.md"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


HEADERS = [["No", "Recommendation", "Action", "Lead agency", "Target date", "Status"],
           ["Ref", "Recommendation", "Actions", "Lead", "Timescale", "Progress / Status"]]


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("fmt", ["csv", "md"])
def test_whole_plans_keep_statuses_and_dates(tmp_path: Path, fmt: str, seed: int) -> None:
    rng = random.Random(seed)
    rows = _rows(rng, shuffle=seed > 0)
    header = HEADERS[seed % 2]
    path = (_csv if fmt == "csv" else _md)(tmp_path, rows, header)
    store = Store(tmp_path / "db")
    ingest_into(store, [path])
    g = store.graph()
    actions = {a.text: a for a in g.of_kind("Action")}
    assert len(actions) == len(TRUTH)
    written = {text: target for _, _, text, _, target, _ in rows}
    for text, _, _, (status, target, target_end, flagged) in TRUTH:
        a = actions[text]
        assert a.target_raw == written[text]
        assert (str(getattr(a.status, "value", a.status)), a.target, a.target_end, bool(a.dates_flagged)) == (
            status, target, target_end, flagged), text


@pytest.mark.parametrize("cell, status", [
    ("Open", "in_progress"), ("Action open", "in_progress"), ("Live", "in_progress"), ("On hold", "in_progress"),
    ("Met", "complete"), ("Fully met", "complete"), ("Partly met", "in_progress"), ("Not met", "in_progress"),
    ("The panel met in May", "unknown"), ("Referral pathway is open to all", "unknown"),
])
def test_tracker_words_open_and_met(cell: str, status: str) -> None:
    """"Open" is the other side of "Closed"; "Met" / "Not met" are how assurance trackers rate an action.
    Mid-sentence the words are about something else."""
    assert classify_status(cell)[0] == status


def test_a_status_cell_nobody_reads_is_kept_as_written(tmp_path: Path) -> None:
    """A status the reader cannot place ("See Q3 return") stays on the action as written, never dropped."""
    path = tmp_path / "northby-dhr-2-plan.csv"
    path.write_text("Northby Community Safety Partnership - DHR-2 - Action plan\n"
                    "No,Recommendation,Action,Lead,Target date,Status\n"
                    "1,Northby Police to review missing episodes.,Review episodes,Northby Police,31/03/2025,"
                    "See Q3 return\n", encoding="utf-8")
    store = Store(tmp_path / "db")
    ingest_into(store, [path])
    (action,) = store.graph().of_kind("Action")
    assert (action.status, action.status_raw) == ("unknown", "See Q3 return")


@pytest.mark.parametrize("cell, day", [
    ("2026-02-28", "2026-02-28"), ("2026-02-28 00:00:00", "2026-02-28"), ("2026-02-28T09:30:00Z", "2026-02-28"),
    ("2026/02/28", "2026-02-28"), ("2026-2-3", "2026-02-03"), ("Due 2026-03-31 (revised)", "2026-03-31"),
])
def test_a_day_written_year_first_is_that_day(cell: str, day: str) -> None:
    """As a project tool or a database exports it: the overdue lists need it."""
    parsed = parse_date_cell(cell)
    assert [(d.iso, d.end_iso) for d in parsed.dates] == [(day, day)] and not parsed.flagged


@pytest.mark.parametrize("cell", ["2026-02-30", "2026-13-01", "2026-02-281"])
def test_no_such_day_written_year_first_is_flagged(cell: str) -> None:
    assert parse_date_cell(cell).flagged


@pytest.mark.parametrize("cell, status", [
    ("12/01/2025: not started, awaiting trainer; 14/05/2025: training delivered to all staff", "complete"),
    ("14/05/2025: training delivered to all staff; 12/01/2025: not started, awaiting trainer", "complete"),
    ("05/02/2025: audit complete; 03/06/2025: re-audit required, not yet started", "not_started"),
    ("Jan 2025 - not started\nMay 2025 - in progress", "in_progress"),
    ("3 March 2025: in progress; 1 February 2025: complete", "in_progress"),
])
def test_the_latest_of_dated_updates_decides(cell: str, status: str) -> None:
    """A progress cell of dated updates, in either order: the latest update says where the action stands,
    not the gloomiest nor the last written."""
    assert classify_status(cell)[0] == status


@pytest.mark.parametrize("cell, status", [
    ("0%", "not_started"), ("40%", "in_progress"), ("75 % complete", "in_progress"), ("100%", "complete"),
    ("40% Amber", "in_progress"), ("100% Green", "complete"), ("In 40% of cases", "unknown"),
])
def test_a_share_done_is_a_status(cell: str, status: str) -> None:
    """A project tool's "% complete": none done is not started, all done complete, a share in progress; a
    rating beside it says more. A percentage inside a sentence is no status."""
    assert classify_status(cell)[0] == status


def test_a_project_tool_export_keeps_its_share_rating_and_update_date(tmp_path: Path) -> None:
    """"% complete", "RAG" and "Last updated" columns: the status from the rating, the share and the rating
    both kept as written, the update's date in the progress (it is no target)."""
    path = tmp_path / "harrowgate-dhr-9-export.csv"
    path.write_text("ID,Recommendation,Action,Owner,Due,% complete,RAG,Last updated\n"
                    "1,Harrowgate Police to brief call handlers.,Deliver briefings,Harrowgate Police,"
                    "2026-02-28,40%,Amber,2025-11-30\n"
                    "2,Harrowgate Council to review housing.,Review allocations,Harrowgate Council,"
                    "2026-03-31,100%,Green,2025-12-20\n", encoding="utf-8")
    store = Store(tmp_path / "db")
    ingest_into(store, [path])
    got = {a.text: (str(a.status), a.status_raw, a.target, a.progress) for a in store.graph().of_kind("Action")}
    assert got == {"Deliver briefings": ("in_progress", "40% Amber", "2026-02-28", "2025-11-30"),
                   "Review allocations": ("complete", "100% Green", "2026-03-31", "2025-12-20")}
