"""Render a synthetic review's action plan (or a progress update of it, or a report's appendix) as the
tab-separated text that PDF extraction gives, with the partnership's layout and the noise of its style."""

from __future__ import annotations

import random
from typing import Any

from reviewgraph.synth.content import ActionSpec, ReviewSpec
from reviewgraph.synth.render import Page, ocr_text, rec_number, status_word, written_agency

__all__ = ["render_plan", "plan_columns"]

_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"]


def plan_columns(page: Page, kind: str) -> list[str]:
    cols = list(page.style.columns)
    if kind == "progress_update" and "progress" not in cols:
        cols.append("progress")
    return cols


def _month(ym: tuple[int, int], short: bool = False) -> str:
    name = _MONTHS[ym[1] - 1]
    return f"{name[:3] if short else name} {ym[0]}"


def _as_of(review: ReviewSpec) -> tuple[str, str]:
    y, m = review.update_date
    last = [31, 29 if y % 4 == 0 else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
    return f"{last} {_MONTHS[m - 1]} {y}", f"{y}-{m:02d}-{last:02d}"


def _title(page: Page, review: ReviewSpec, kind: str, ncols: int) -> None:
    p, style = review.partnership, page.style
    date = _month(review.plan_date, short=True)
    as_of_raw, _ = _as_of(review)
    if style.title == 0:
        page.add("\t\t" + f"{review.number} Panel Recommendations\t{date}" + "\t" * max(0, ncols - 4))
    elif style.title == 1:
        page.add("", "", f"{review.number} Action Plan", "")
    elif style.title == 3:
        page.add(p.name, f"Domestic Homicide Review - '{review.pseudonym}'", "Action Plan", "")
    elif style.title == 4:
        page.add(f"{p.place} {review.number} ({review.pseudonym}) Action Plan - {_month(review.plan_date)}", "")
    if kind == "progress_update" and style.title != 2:
        page.add(f"Progress update as at {as_of_raw}", "")


def _cell_html(page: Page, text: str, items: list[str]) -> str:
    rng = page.rng
    if rng.random() >= page.style.noise.html_cell or not text:
        return text
    page.count("html_cells")
    if len(items) > 1:
        return "<ol> " + " ".join(f"<li>{t}</li>" for t in items) + " </ol>"
    if rng.random() < 0.3:
        return '<ul style="list-style-type: none"> - ' + text + " "
    return f"<p>{text}</p>"


def _emit(page: Page, cells: list[str], header: str) -> None:
    rng, noise, style = page.rng, page.style.noise, page.style
    long = [i for i, c in enumerate(cells) if len(c) > 50]
    if long and rng.random() < noise.split_row:
        heads, tails = list(cells), [""] * len(cells)
        for i in long:
            c = cells[i]
            k = c.rfind(" ", 0, int(len(c) * rng.uniform(0.3, 0.7)))
            if k > 0:
                heads[i], tails[i] = c[:k], c[k + 1:]
        page.add("\t".join(heads))
        if rng.random() < noise.page_split:
            page.furniture()
            page.count("rows_split_over_pages")
        else:
            if rng.random() < 0.5:
                page.add("")
            page.count("rows_split")
        page.add("\t".join(tails))
    else:
        page.add("\t".join(cells))
    page.rows_on_page += 1
    if page.rows_on_page >= style.page_rows:
        page.furniture()
        if style.repeat_header:
            page.add(header)


def _lead(page: Page, a: ActionSpec, review: ReviewSpec) -> str:
    if a.lead == a.lead_agency:
        owner = next((x for x in [review.partnership.agency, *review.partnership.agencies]
                      if x.name == a.lead), None)
        aliases = owner.aliases if owner else ()
        return written_agency(page, a.lead, aliases)
    return a.lead


def render_plan(page: Page, review: ReviewSpec, kind: str, report_nos: dict[int, str]) -> list[dict[str, Any]]:
    """Write the plan into ``page``; return, per recommendation, what was written (the document's truth)."""
    rng, style, noise = page.rng, page.style, page.style.noise
    cols = plan_columns(page, kind)
    n = len(cols)
    _title(page, review, kind, n)
    header = "\t".join(style.headers[c] for c in cols)
    page.add(header)
    if kind == "progress_update" and style.title == 2:
        col = cols.index("progress") if "progress" in cols else n - 1
        page.add("\t" * col + f"As at {_as_of(review)[0]}" + "\t" * (n - col - 1))
    truth: list[dict[str, Any]] = []
    section, carry = None, ""
    update = kind == "progress_update"
    for rec in review.recs:
        glued = None
        if rec.section != section:
            section = rec.section
            if rec.level == "panel":
                heading = review.partnership.name
            else:
                heading = written_agency(page, rec.owner.name, rec.owner.aliases)
            if style.heading_mode != "none":
                if rec.level != "panel" and rng.random() < noise.glue_heading:
                    glued = heading
                    page.count("headings_glued")
                elif style.heading_mode == "first":
                    page.add(heading + "\t" * (n - 1))
                else:
                    page.add("\t" + heading + "\t" * (n - 2))
        number = rec_number(style, rec, report_nos.get(rec.ordinal))
        lost = rng.random() < noise.lost_number
        page.count("numbers_lost", int(lost))
        text, hits = ocr_text(rng, rec.plan_text, noise.ocr_word)
        page.count("ocr_words", hits)
        no_cell = ""
        if "no" in cols:
            no_cell = "" if lost else number
        elif not lost:
            text = f"{rng.choice(['', ' '])}{number} {text}"
        if glued:
            text = f"{glued} {text}"
        line = page.next_no
        # packing is a property of the table, so the same in the plan and in its progress updates
        packed = random.Random(f"{review.key}:{rec.ordinal}:packed").random() < noise.combine_actions
        groups = [rec.actions] if len(rec.actions) > 1 and packed else [[a] for a in rec.actions]
        for gi, group in enumerate(groups):
            action_text = "  ".join(a.text for a in group)
            action_text, hits = ocr_text(rng, action_text, noise.ocr_word)
            page.count("ocr_words", hits)
            if carry:
                action_text, carry = f"{carry} {action_text}", ""
            words = action_text.split(" ")
            if gi == len(groups) - 1 and len(words) > 8 and rng.random() < noise.tail_glue:
                action_text, carry = " ".join(words[:-3]), " ".join(words[-3:])
                page.count("tails_glued")
            cells = {
                "no": no_cell if gi == 0 else "",
                "rec": text if gi == 0 else "",
                "scope": rec.scope if gi == 0 else "",
                "action": _cell_html(page, action_text, [a.text for a in group]),
                "lead": "  ".join(_lead(page, a, review) for a in group),
                "milestones": "  ".join(a.milestones for a in group),
                "start": " ".join(a.start.raw for a in group),
                "target": " ".join(a.target.raw for a in group),
                "outcome": "  ".join(a.outcome for a in group),
                "status": " ".join(status_word(rng, a.status_update if update else a.status_plan)
                                   for a in group),
                "progress": "  ".join(a.progress_update if update else a.progress_plan for a in group),
            }
            _emit(page, [cells[c] for c in cols], header)
        if rng.random() < noise.md_rule:
            page.add("\t".join("-" * rng.randint(2, 30) for _ in cols), "")
            page.count("md_rules")
        truth.append({"ordinal": rec.ordinal, "number": number, "number_written": not lost, "line": line,
                      "heading_glued": glued is not None, "action_rows": len(groups),
                      "actions": len(rec.actions)})
    if carry:  # the last row's tail has no next row to stick to: it stays a continuation line
        page.add("\t" * cols.index("action") + carry + "\t" * (n - cols.index("action") - 1))
    return truth
