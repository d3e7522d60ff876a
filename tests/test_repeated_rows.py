"""Action plans that write a recommendation again on each of its action rows: its number and words repeated,
its number alone, or action references ("1.1", "1.2") under one recommendation. One recommendation with its
actions each time, in CSV, Markdown and Excel; numbers with different words stay apart ("17.1", "17.2").
Invented partnership and bodies only."""

from __future__ import annotations

import csv
import io
import random
from pathlib import Path

import pytest
from openpyxl import Workbook

from reviewgraph.graph.store import Store
from reviewgraph.ingest.pipeline import ingest_into

TITLE = "Northby Community Safety Partnership - DHR-2 - Action plan"
HEADER = ["No", "Recommendation", "Action", "Lead agency", "Target date", "Status"]
RECS = {"1": "Northby Police to improve the quality of DASH risk assessments.",
        "2": "Northby Borough Council to brief tenancy officers on referrals to the IDVA service.",
        "3": "GP practices to ask about domestic abuse at routine appointments."}
ACTIONS = [("1", "Deliver DASH refresher training", "Northby Police", "31/03/2025", "In progress"),
           ("1", "Dip-sample 30 DASH forms each quarter", "Northby Police", "30/06/2025", "Not started"),
           ("1", "Report the dip-sample results to the board", "Northby Police", "31/07/2025", "Not started"),
           ("2", "Briefing for all tenancy officers", "Northby Borough Council", "30/09/2025", "Complete"),
           ("3", "Roll out the IRIS programme", "Northby Integrated Care Board", "31/12/2025", "Ongoing"),
           ("3", "Audit GP records for routine enquiry", "Northby Integrated Care Board", "31/03/2026", "Not started")]


def _rows(style: str) -> list[list[str]]:
    """One row per action; how the recommendation is written on its second and later rows."""
    out, seen = [], {}
    for number, action, lead, date, status in ACTIONS:
        k = seen[number] = seen.get(number, 0) + 1
        if style == "words":      # number and words on every row
            out.append([number, RECS[number], action, lead, date, status])
        elif style == "number":   # the number on every row, the words on the first
            out.append([number, RECS[number] if k == 1 else "", action, lead, date, status])
        else:                     # action references 1.1, 1.2; the words on the first (or on every) row
            words = RECS[number] if k == 1 or style == "refs-words" else ""
            out.append([f"{number}.{k}", words, action, lead, date, status])
    return out


def _write(tmp_path: Path, fmt: str, rows: list[list[str]]) -> Path:
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf)
        w.writerow([TITLE])
        w.writerow(HEADER)
        w.writerows(rows)
        path = tmp_path / "northby-dhr-2-action-plan.csv"
        path.write_text(buf.getvalue(), encoding="utf-8")
    elif fmt == "md":
        lines = [f"# {TITLE}", "", "| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
        lines += ["| " + " | ".join(r) + " |" for r in rows]
        path = tmp_path / "northby-dhr-2-action-plan.md"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    else:
        wb = Workbook()
        ws = wb.active
        ws.append([TITLE])
        ws.append(HEADER)
        for r in rows:
            ws.append(r)
        path = tmp_path / "northby-dhr-2-action-plan.xlsx"
        wb.save(path)
    return path


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("fmt", ["csv", "md", "xlsx"])
@pytest.mark.parametrize("style", ["words", "number", "refs", "refs-words"])
def test_one_recommendation_with_its_actions(tmp_path, fmt, style, seed) -> None:
    rows = _rows(style)
    # rows of other recommendations may sit between (a tracker sorted by agency): not for references,
    # which only read as one recommendation's actions one under another
    if style in ("words", "number") and seed:
        first = {r[0]: r for r in reversed(rows)}  # each number's first row stays its first
        rest = [r for r in rows if first[r[0]] is not r]
        random.Random(seed).shuffle(rest)
        rows = list(first.values())[::-1] + rest
    store = Store(tmp_path / "db")
    ingest_into(store, [_write(tmp_path, fmt, rows)])
    g = store.graph()
    recs = {r.number: r for r in g.of_kind("Recommendation")}
    assert sorted(recs) == ["1", "2", "3"], (fmt, style, sorted(recs))
    for number, text in RECS.items():
        assert recs[number].text == text
        actions = {g.nodes[e.target].text for e in g.edges.values()
                   if e.type == "HAS_ACTION" and e.source == recs[number].id}
        assert actions == {a for n, a, *_ in ACTIONS if n == number}, (fmt, style, number)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_numbers_with_their_own_words_stay_apart(tmp_path, fmt) -> None:
    rows = [["17.1", RECS["1"], "Deliver DASH refresher training", "Northby Police", "31/03/2025", "Open"],
            ["17.2", RECS["2"], "Briefing for all tenancy officers", "Northby Borough Council", "30/09/2025", "Open"],
            ["3", RECS["3"], "Roll out the IRIS programme", "Northby Integrated Care Board", "31/12/2025", "Open"],
            ["3", "GP practices to record routine enquiry.", "Audit GP records", "Northby Integrated Care Board",
             "31/03/2026", "Open"]]
    store = Store(tmp_path / "db")
    ingest_into(store, [_write(tmp_path, fmt, rows)])
    recs = sorted((r.number, r.text) for r in store.graph().of_kind("Recommendation"))
    assert [n for n, _ in recs] == ["17.1", "17.2", "3", "3"]
