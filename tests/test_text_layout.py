"""The text reader's table and record layouts (ingest/readers/text_layout.py): pipe tables, fixed-width
tables as ``pdftotext -layout`` writes them, "Field: value" tracker exports, words broken over line ends and
form feeds as pages; each parsed end to end on small synthetic documents (invented agencies), and the
lines that are none of these left exactly as before."""

from __future__ import annotations

import os
import textwrap

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reviewgraph.ingest.readers.text import read_text_lines
from reviewgraph.ingest.readers.text_layout import dehyphenate_pair, layout_lines
from reviewgraph.records.parsed import Line
from tests.parsing import parse_text, plan_recs
from tests.seeds import all_seeds

SETTINGS = settings(max_examples=int(os.environ.get("REVIEWGRAPH_HYPOTHESIS_EXAMPLES", "150")), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


def plain(text: str) -> list[Line]:
    """The Lines the text reader made before it knew any layout: one per line, cells split on tabs."""
    return [Line(no=i, cells=tuple(raw.split("\t"))) for i, raw in enumerate(text.split("\n"), 1)]


def accounted(doc, text: str) -> None:  # type: ignore[no-untyped-def]
    non_blank = sum(1 for line in text.split("\n") if line.strip())
    assert doc.placed_lines + len(doc.skipped) + len(doc.unplaced) == non_blank


# -- pipe tables --------------------------------------------------------------------------------------------
PIPE = """Kestrel Vale DHR 11 action plan

| No | Recommendation | Lead agency | Target date | Status |
|----|:---------------|:-----------:|-------------|-------:|
| 1. | That Northmere Constabulary reviews its response to non-fatal strangulation. | Northmere Constabulary | March 2024 | Complete |
| 2. | That the partnership commissions training on coercive control.<br>Training to include GP practices. | Kestrel Vale Community Safety Partnership | June 2024 | In progress |
|    | Refresher sessions every year (GPs \\| practice nurses). | | | |
| 3. | That Kestrel Housing Trust adopts a domestic abuse policy. | Kestrel Housing Trust | Dec 2024 | Not started |
"""


def test_pipe_table_rows_become_cells_with_header_rule_and_rows_marked():
    lines = read_text_lines(PIPE.encode())
    assert [ln.role for ln in lines[2:8]] == ["header", "rule", "row", "row", "row", "row"]
    assert lines[2].cells == ("No", "Recommendation", "Lead agency", "Target date", "Status")
    assert lines[3].cells == ("---",) * 5
    assert lines[5].cells[1] == ("That the partnership commissions training on coercive control. "
                                 "Training to include GP practices.")
    assert lines[6].cells == ("", "Refresher sessions every year (GPs | practice nurses).", "", "", "")
    assert lines[0] == plain(PIPE)[0] and lines[8] == plain(PIPE)[8]


def test_pipe_table_gives_one_recommendation_per_row_with_lead_target_and_status():
    doc = parse_text(PIPE)
    recs = plan_recs(doc)
    assert [r.number for r in recs] == ["1", "2", "3"]
    assert recs[0].text == "That Northmere Constabulary reviews its response to non-fatal strangulation."
    assert recs[1].text.endswith("Refresher sessions every year (GPs | practice nurses).")
    assert [r.actions[0].lead for r in recs] == ["Northmere Constabulary",
                                                 "Kestrel Vale Community Safety Partnership",
                                                 "Kestrel Housing Trust"]
    assert [r.actions[0].target_raw for r in recs] == ["March 2024", "June 2024", "Dec 2024"]
    assert [r.actions[0].status_raw for r in recs] == ["Complete", "In progress", "Not started"]
    assert [s.reason for s in doc.skipped] == ["table rule"]
    assert not doc.unplaced
    accounted(doc, PIPE)


def test_pipe_table_without_outer_pipes_needs_three_lines_and_a_rule():
    table = ("No | Recommendation | Lead agency | Target date\n"
             "---|---|---|---\n"
             "1. | That Northmere Constabulary audits DVPN use. | Northmere Constabulary | May 2024\n"
             "2. | That Kestrel Housing Trust trains its officers. | Kestrel Housing Trust | July 2024\n")
    recs = plan_recs(parse_text(table))
    assert [(r.number, r.actions[0].lead) for r in recs] == [("1", "Northmere Constabulary"),
                                                            ("2", "Kestrel Housing Trust")]
    # a line or two with pipes, and pipe lines with no rule, are prose
    prose = ("Section 4 | Terms of reference\n"
             "Agencies | Contacts | Dates\n"
             "Police | Jo Bloggs | May\n"
             "Health | A Smith | June\n")
    assert read_text_lines(prose.encode()) == plain(prose)


# -- fixed-width tables (pdftotext -layout) -------------------------------------------------------------------
FIXED = """                        KESTREL VALE COMMUNITY SAFETY PARTNERSHIP
                         Domestic Homicide Review 11 - Action Plan

 No   Recommendation                  Action                         Lead               Target
                                                                     agency             date
 1.   That Northmere Constabulary     Review the referral            Northmere          March 2024
      reviews its response to non-    pathway. Train all             Constabulary
      fatal strangulation.            response officers.

 2.   That the partnership            Commission a multi-            Kestrel Vale       June 2024
      commissions safe-               agency training                Community Safety
      guarding training on            programme.                     Partnership
      coercive control.



                                                                                     Page 1 of 2
\f No   Recommendation                  Action                         Lead               Target
                                                                     agency             date
      Kestrel Housing Trust
 3.   That Kestrel Housing Trust      Adopt and publish the          Kestrel Housing    December
      adopts a domestic abuse         policy.                        Trust              2024
      policy.
 4.   That the trust audits its       Audit twenty tenancy           Kestrel Housing    March 2025
      tenancy files for domestic      files.                         Trust
      abuse flags.

                                                                                     Page 2 of 2
"""


def test_fixed_width_rows_are_joined_with_their_wrapped_cells():
    lines = [ln for ln in read_text_lines(FIXED.encode()) if not ln.blank]
    header = lines[2]
    assert (header.role, header.no, header.no_end) == ("header", 4, 5)
    assert header.cells == ("No", "Recommendation", "Action", "Lead agency", "Target date")
    row1 = lines[3]
    assert (row1.role, row1.no, row1.no_end) == ("row", 6, 8)
    assert row1.cells == ("1.", "That Northmere Constabulary reviews its response to non-fatal strangulation.",
                          "Review the referral pathway. Train all response officers.", "Northmere Constabulary",
                          "March 2024")
    assert lines[4].cells[1] == "That the partnership commissions safeguarding training on coercive control."
    assert lines[4].cells[2] == "Commission a multi-agency training programme."
    assert lines[5].text == "Page 1 of 2" and len(lines[5].cells) == 1 and lines[5].page == 1  # kept as it was
    assert lines[6].role == "header" and lines[6].page == 2  # the header repeated on page 2
    assert lines[7].cells == ("", "Kestrel Housing Trust", "", "", "")  # a heading, not a continuation


def test_fixed_width_table_gives_recommendations_with_full_text_and_lead():
    doc = parse_text(FIXED)
    recs = plan_recs(doc)
    assert [r.number for r in recs] == ["1", "2", "3", "4"]
    assert recs[1].text == "That the partnership commissions safeguarding training on coercive control."
    assert recs[3].text == "That the trust audits its tenancy files for domestic abuse flags."
    assert [[a.lead for a in r.actions] for r in recs] == [
        ["Northmere Constabulary"], ["Kestrel Vale Community Safety Partnership"], ["Kestrel Housing Trust"],
        ["Kestrel Housing Trust"]]
    assert [r.actions[0].target_raw for r in recs] == ["March 2024", "June 2024", "December 2024", "March 2025"]
    assert recs[2].section == "Kestrel Housing Trust"
    assert {s.text.strip() for s in doc.skipped} == {"Page 1 of 2", "Page 2 of 2"}
    assert not doc.unplaced
    accounted(doc, FIXED)


UNNUMBERED = """Recommendation                     Action to take               Lead agency          Target date

Safer Kestrel Board to develop     Publish a referral           Safer Kestrel        June 2024
domestic abuse procedures for      protocol.                    Board
all agencies.

Northmere Constabulary to          Refresh the training         Northmere            Sept 2024
review DASH training.              package.                     Constabulary
"""


def test_fixed_width_plan_without_numbers_joins_the_rows_blank_lines_part():
    lines = [ln for ln in read_text_lines(UNNUMBERED.encode()) if not ln.blank]
    assert [(ln.role, ln.no, ln.no_end) for ln in lines] == [("header", 1, None), ("row", 3, 5), ("row", 7, 8)]
    assert lines[1].cells == ("Safer Kestrel Board to develop domestic abuse procedures for all agencies.",
                              "Publish a referral protocol.", "Safer Kestrel Board", "June 2024")
    recs = plan_recs(parse_text(UNNUMBERED))
    assert [r.text for r in recs] == ["Safer Kestrel Board to develop domestic abuse procedures for all agencies.",
                                      "Northmere Constabulary to review DASH training."]
    assert [r.actions[0].lead for r in recs] == ["Safer Kestrel Board", "Northmere Constabulary"]


def test_fixed_width_table_with_rows_nothing_parts_keeps_one_line_per_line_with_empty_cells_in_place():
    text = UNNUMBERED.replace("\n\n", "\n")
    lines = read_text_lines(text.encode())
    assert lines[0].role == "header"
    assert lines[2].cells == ("domestic abuse procedures for", "protocol.", "Board", "")
    assert lines[3].cells == ("all agencies.", "", "", "")
    assert all(ln.no_end is None and ln.role == "part" for ln in lines[1:] if not ln.blank)


def test_fixed_width_header_over_numbers_set_apart_is_one_column():
    text = ("     Rec   Recommendation                   Lead                Timescale\n"
            "     No.\n"
            "\n"
            "         Northmere Constabulary should    Northmere           Sept 2024\n"
            " 1       review its bail checks.          Constabulary\n"
            "\n"
            "         Kestrel Housing Trust should     Kestrel Housing     Dec 2024\n"
            " 2       train its officers.              Trust\n")
    lines = [ln for ln in read_text_lines(text.encode()) if not ln.blank]
    assert lines[0].cells == ("Rec No.", "Recommendation", "Lead", "Timescale")
    assert lines[1].cells == ("1", "Northmere Constabulary should review its bail checks.", "Northmere Constabulary",
                              "Sept 2024")  # the number sat in the middle of its row
    recs = plan_recs(parse_text(text))
    assert [(r.number, r.actions[0].lead) for r in recs] == [("1", "Northmere Constabulary"),
                                                            ("2", "Kestrel Housing Trust")]


PROSE = """5.1  The panel met on six occasions.  It agreed terms of reference that covered the
period from 2018.  The chair  wrote to  the family twice and  met them once.

17.3   Northmere Constabulary should review the process by which requests under the
       Domestic Violence Disclosure Scheme are made, so that they are processed in line
       with Home Office guidance.
17.4   Kestrel Housing Trust should ensure that its officers   ask about domestic abuse
       when a joint tenant asks to move.

DASH      Domestic Abuse, Stalking and Harassment risk checklist
IDVA      Independent Domestic Violence Adviser
MARAC     Multi-Agency Risk Assessment Conference
"""


def test_prose_with_double_spaces_indented_paragraphs_and_a_glossary_stay_as_they_were():
    assert read_text_lines(PROSE.encode()) == plain(PROSE)


def test_justified_prose_with_gaps_in_three_places_is_not_a_table():
    text = ("The review  found that  agencies did not share information about the risk\n"
            "posed by  the perpetrator, and that  the victim's  disclosures to her GP were\n"
            "not  recorded as  domestic abuse.  The panel  therefore makes the following\n"
            "recommendations  to  each  agency.\n")
    assert read_text_lines(text.encode()) == plain(text)


# -- "Field: value" records ------------------------------------------------------------------------------------
TRACKER = """Kestrel Vale recommendations tracker - export 12/05/2024
Records: 3

Ref: 1
Recommendation: That Northmere Constabulary reviews its response to
    non-fatal strangulation.
Lead agency: Northmere Constabulary
Target date: 31/03/2024
Status: Complete
-----
Ref: 2
Recommendation: That the partnership commissions training on coercive control.
Lead agency: Kestrel Vale Community Safety Partnership
Target date: 30/06/2024
Status: In progress
Progress: Training commissioned; first sessions held in
    May 2024.
-----
Ref: 3
Recommendation: That Kestrel Housing Trust adopts a domestic abuse policy.
Lead agency: Kestrel Housing Trust
Target date: December 2024
Status: Not started
-----"""


def test_tracker_records_become_a_header_and_one_row_per_record():
    lines = read_text_lines(TRACKER.encode())
    header = next(ln for ln in lines if ln.role == "header")
    assert header.cells == ("Ref", "Recommendation", "Lead agency", "Target date", "Status", "Progress")
    assert header.no == 4
    rows = [ln for ln in lines if ln.role == "row"]
    assert [(r.no, r.no_end) for r in rows] == [(4, 9), (11, 17), (19, 23)]
    assert rows[0].cells == ("1", "That Northmere Constabulary reviews its response to non-fatal strangulation.",
                             "Northmere Constabulary", "31/03/2024", "Complete", "")
    assert rows[1].cells[5] == "Training commissioned; first sessions held in May 2024."
    # the lines inside a record are not in the list: the record's Line stands for them
    assert {ln.no for ln in lines}.isdisjoint({5, 6, 7, 8, 9, 12, 16, 17})
    assert lines[:3] == plain(TRACKER)[:3]


def test_tracker_gives_recommendations_with_lead_status_and_target():
    doc = parse_text(TRACKER)
    recs = plan_recs(doc)
    assert [r.number for r in recs] == ["1", "2", "3"]
    assert recs[0].text == "That Northmere Constabulary reviews its response to non-fatal strangulation."
    acts = [r.actions[0] for r in recs]
    assert [a.lead for a in acts] == ["Northmere Constabulary", "Kestrel Vale Community Safety Partnership",
                                      "Kestrel Housing Trust"]
    assert [a.status_raw for a in acts] == ["Complete", "In progress", "Not started"]
    assert [a.target_raw for a in acts] == ["31/03/2024", "30/06/2024", "December 2024"]
    assert recs[1].actions[0].progress == "Training commissioned; first sessions held in May 2024."
    # every source line accounted for; the inner lines of a record are never listed as unplaced
    assert not doc.unplaced
    assert {s.reason for s in doc.skipped} == {"table rule"}
    accounted(doc, TRACKER)


def test_tracker_recommendation_span_covers_the_whole_record():
    recs = plan_recs(parse_text(TRACKER))
    assert [(r.span.line_start, r.span.line_end) for r in recs] == [(4, 9), (11, 17), (19, 23)]


def test_label_lines_that_are_not_repeated_records_stay_as_they_were():
    report = """Kestrel Vale Community Safety Partnership
Name: 'Ellen'
Date of death: March 2022

1. INTRODUCTION
1.1 This review examines the contact agencies had with Ellen.

Safety: the woman may be fearful of what the abuser will do.

Denial: she convinces herself that it is not that bad.

Shame: she is embarrassed about people finding out.

Guilt: the abuser makes her believe that she is to blame.
"""
    assert read_text_lines(report.encode()) == plain(report)


def test_records_whose_labels_make_no_action_plan_stay_as_they_were():
    panel = ("Agency: Northmere Constabulary\nRepresentative: DI Jo Smith\n\n"
             "Agency: Kestrel Housing Trust\nRepresentative: A. Patel\n\n"
             "Agency: Kestrel Vale Council\nRepresentative: R. Osei\n")
    assert read_text_lines(panel.encode()) == plain(panel)


# -- broken words and pages ---------------------------------------------------------------------------------
def test_words_broken_over_line_ends_are_mended_in_prose():
    text = ("The safe-\nguarding team met. A multi-\nagency meeting in Novem-\nber 2022 agreed to re-\n"
            "engage with the family and to pre-\nbirth assessments.\n")
    lines = read_text_lines(text.encode())
    assert [ln.text for ln in lines[:6]] == [
        "The safeguarding", "team met. A multi-agency", "meeting in November", "2022 agreed to re-engage",
        "with the family and to pre-birth", "assessments."]
    assert len(lines) == len(plain(text))


def test_a_word_written_whole_elsewhere_decides_the_hyphen():
    text = "The co-\nordinator wrote. The coordinator met the family.\n"
    assert read_text_lines(text.encode())[0].text == "The coordinator"
    text = "The well-\nbeing of staff. Staff well-being matters.\n"
    assert read_text_lines(text.encode())[0].text == "The well-being"


def test_broken_words_are_left_in_tables_dates_and_capitals():
    text = "Training\tOctober 2014-\nApril 2015\tboth teams\nThe NHS-\nfunded service. In 2014-\n2015 it grew.\n"
    lines = read_text_lines(text.encode())
    assert lines[0] == plain(text)[0] and lines[1] == plain(text)[1]
    assert lines[2].text == "The NHS-funded"
    assert lines[4].text == "2015 it grew."
    assert dehyphenate_pair("the Stoke-", "on-Trent office") == ("the Stoke-on-Trent", "office")


PAGED = ("OFFICIAL - SENSITIVE\nKestrel Vale DHR 11 - Overview Report   Page 1\n\n1. INTRODUCTION\n"
         "1.1 This review examines the contact agencies had with Ellen.\n\nPage 1 of 2\n"
         "\fOFFICIAL - SENSITIVE\nKestrel Vale DHR 11 - Overview Report   Page 2\n\n2. TIMESCALES\n"
         "2.1 The review began in May 2022.\n\nPage 2 of 2\n\f")


def test_form_feeds_are_pages_and_running_headers_and_footers_are_furniture():
    lines = read_text_lines(PAGED.encode())
    assert [ln.page for ln in lines] == [1] * 7 + [2] * 7 + [3]
    assert lines[7].cells == ("OFFICIAL - SENSITIVE",)  # the form feed is gone from the text
    doc = parse_text(PAGED)
    skipped = {s.line: s.text for s in doc.skipped}
    assert set(skipped) == {1, 2, 7, 8, 9, 14}  # marking, header with its page number, "Page N of M"
    assert all(s.page in (1, 2) for s in doc.skipped)
    accounted(doc, PAGED)


def test_text_without_form_feeds_has_no_pages():
    assert all(ln.page is None for ln in read_text_lines(PIPE.encode()))


# -- the real documents are read exactly as before ------------------------------------------------------------
def test_seed_documents_are_read_as_before():
    for path in all_seeds():
        text = path.read_bytes().decode("utf-8").replace("\r\n", "\n")
        assert read_text_lines(path.read_bytes()) == plain(text), path.name


# -- properties: cells rendered in each layout come back ------------------------------------------------------
WORD = st.text(alphabet="qxzjkv", min_size=1, max_size=9)
CELL = st.lists(WORD, min_size=1, max_size=12).map(" ".join)
HEADERS = ["No", "Recommendation", "Action", "Lead agency", "Target date", "Status"]


@st.composite
def tables(draw):  # type: ignore[no-untyped-def]
    ncols = draw(st.integers(3, 6))
    nrows = draw(st.integers(1, 5))
    body = [[f"{r + 1}."] + [draw(CELL) for _ in range(ncols - 1)] for r in range(nrows)]
    return HEADERS[:ncols], body


@SETTINGS
@given(tables(), st.lists(st.text(alphabet="qxz |\\<>br", min_size=1, max_size=20), min_size=3, max_size=3))
def test_pipe_cells_come_back(table, odd):
    header, body = table
    body[0][1] = odd[0].replace("\\", "") + " x"  # pipes (escaped), spaces and brackets inside a cell

    def esc(c: str) -> str:
        return c.replace("|", "\\|")

    text = "\n".join(["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
                     + ["| " + " | ".join(esc(c) for c in row) + " |" for row in body])
    lines = read_text_lines(text.encode())
    assert lines[0].cells == tuple(header)
    got = [ln.cells for ln in lines[2:]]
    want = [tuple(" ".join(c.replace("<br>", " ").split()) if "<br>" in c else c.strip() for c in row)
            for row in body]
    assert [tuple(" ".join(c.split()) for c in g) for g in got] == [tuple(" ".join(c.split()) for c in w)
                                                                   for w in want]


@SETTINGS
@given(tables(), st.data())
def test_fixed_width_cells_come_back_whatever_the_wrapping(table, data):
    header, body = table
    widths = [4] + [data.draw(st.integers(12, 30)) for _ in header[1:]]
    widths = [max(w, len(h)) for w, h in zip(widths, header, strict=True)]
    gutter = data.draw(st.integers(2, 5))
    blank_between = data.draw(st.booleans())
    out = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip()]
    for row in body:
        if blank_between:
            out.append("")
        wrapped = [textwrap.wrap(c, w) for c, w in zip(row, widths, strict=True)]
        for k in range(max(len(p) for p in wrapped)):
            parts = [p[k] if k < len(p) else "" for p in wrapped]
            out.append((" " * gutter).join(p.ljust(w) for p, w in zip(parts, widths, strict=True)).rstrip())
    out[0] = (" " * gutter).join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip()
    text = "\n".join(out) + "\n"
    if len([ln for ln in out if ln.strip()]) < 3:
        return
    lines = [ln for ln in read_text_lines(text.encode()) if not ln.blank]
    assert lines[0].role == "header" and lines[0].cells == tuple(header)
    assert [ln.cells for ln in lines[1:]] == [tuple(row) for row in body]
    doc = parse_text(text)
    assert [r.number for r in plan_recs(doc)] == [str(k) for k in range(1, len(body) + 1)]
    accounted(doc, text)


@SETTINGS
@given(st.lists(st.tuples(st.integers(1, 99), CELL, CELL, st.sampled_from(["Complete", "Open", ""])),
                min_size=2, max_size=5),
       st.sampled_from(["", "-----", "=====", "***"]), st.integers(20, 60))
def test_field_value_records_come_back(records, rule, width):
    blocks = []
    for ref, rec, lead, status in records:
        lines = [f"Ref: {ref}"]
        wrapped = textwrap.wrap(f"Recommendation: {rec}", width, subsequent_indent="    ")
        lines.extend(wrapped)
        lines.append(f"Lead agency: {lead}")
        lines.append(f"Status: {status}".rstrip())
        blocks.append("\n".join(lines))
    text = f"\n{rule}\n".join(blocks) + "\n" if rule else "\n\n".join(blocks) + "\n"
    lines = read_text_lines(text.encode())
    assert lines[0].role == "header"
    assert lines[0].cells == ("Ref", "Recommendation", "Lead agency", "Status")
    rows = [ln.cells for ln in lines if ln.role == "row"]
    assert rows == [(str(ref), rec, lead, status) for ref, rec, lead, status in records]
    doc = parse_text(text)
    assert not doc.unplaced
    accounted(doc, text)


NOISE = st.lists(st.one_of(
    st.sampled_from(["", "  ", "-----", "| No | Recommendation | Lead |", "|---|---|---|", "a | b | c", "---|---|---",
                     "Ref: 1", "Recommendation: That the police act.", "Lead agency: Northmere Constabulary",
                     "Status: Open", "    continued text", "No   Recommendation      Lead      Target",
                     "1.   That the police      Northmere  May 2024", "     act now.             Police",
                     "The safe-", "guarding team", "multi-", "agency", "\f", "Page 1 of 2", "OFFICIAL",
                     "+----+----+", "| 1 | x |", "\\|", "<br>"]),
    st.text(alphabet=" |:-\f\tabcXYZ019.", max_size=50)), min_size=1, max_size=40)


@SETTINGS
@given(NOISE)
def test_any_text_is_read_and_every_line_accounted_for(raws):
    text = "\n".join(raws)
    lines = read_text_lines(text.encode())
    assert [ln.no for ln in lines] == sorted(ln.no for ln in lines)
    assert all(ln.no_end is None or ln.no_end > ln.no for ln in lines)
    covered = set()
    for ln in lines:
        covered.update(range(ln.no, (ln.no_end or ln.no) + 1))
    assert covered == set(range(1, len(text.replace("\r", "").split("\n")) + 1))
    doc = parse_text(text)
    non_blank = sum(1 for line in text.split("\n") if line.replace("\f", "").strip())
    assert doc.placed_lines + len(doc.skipped) + len(doc.unplaced) == non_blank


COLUMNS = st.lists(st.tuples(st.sampled_from([0, 2, 6, 12, 20, 33, 45, 60]),
                             st.lists(st.sampled_from(["1.", "2", "That", "the", "police", "Lead", "agency",
                                                       "Recommendation", "No", "Target", "May 2024", "safe-",
                                                       "Page 1 of 2", "OFFICIAL", "Ref:", "x"]),
                                      min_size=1, max_size=4).map(" ".join)),
                   max_size=5)


def _place(segments: list[tuple[int, str]]) -> str:
    line = ""
    for pos, text in sorted(segments):
        line = line + " " * max(pos - len(line), 2 if line else 0) + text
    return line


@SETTINGS
@given(st.lists(st.one_of(COLUMNS.map(_place), st.sampled_from(["", "\f", "-----"])), min_size=1, max_size=30))
def test_any_columns_are_read_and_every_line_accounted_for(raws):
    text = "\n".join(raws)
    lines = read_text_lines(text.encode())
    covered = set()
    for ln in lines:
        covered.update(range(ln.no, (ln.no_end or ln.no) + 1))
    assert covered == set(range(1, len(raws) + 1))
    doc = parse_text(text)
    non_blank = sum(1 for line in raws if line.replace("\f", "").strip())
    assert doc.placed_lines + len(doc.skipped) + len(doc.unplaced) == non_blank


def test_markdown_headings_are_headings_and_end_the_table_above():
    text = PIPE.replace("Kestrel Vale DHR 11 action plan", "# Kestrel Vale DHR 11 action plan") + (
        "\n## Abbreviations\n\n| Abbreviation | Meaning |\n|---|---|\n| CSP | Community Safety Partnership |\n"
        "| GP | General Practitioner |\n")
    lines = read_text_lines(text.encode())
    assert (lines[0].cells, lines[0].role, lines[0].level) == (("Kestrel Vale DHR 11 action plan",), "heading", 1)
    heading = next(ln for ln in lines if ln.role == "heading" and ln.level == 2)
    assert heading.cells == ("Abbreviations",)
    assert [r.number for r in plan_recs(parse_text(text))] == ["1", "2", "3"]
    # "#" as a column's header, or a hash in prose, is no heading
    assert read_text_lines(b"#   Recommendation   Lead\n#1 priority\n")[1].role is None


def test_a_fixed_width_table_ends_at_an_abbreviations_title():
    """The two-column glossary after a fixed-width plan is no part of the table: it stays lines the
    glossary finder reads."""
    from reviewgraph.ingest.readers.text import read_text_lines

    text = "\n".join([
        "No   Recommendation                         Lead      Target",
        "1    Northmere Constabulary should audit    NC        March 2025",
        "     its DASH risk assessments.",
        "2    Wrenford Borough Council should train  WBC       June 2025",
        "     housing officers.",
        "",
        "Abbreviations",
        "",
        "NC        Northmere Constabulary",
        "WBC       Wrenford Borough Council",
        ""])
    lines = read_text_lines(text.encode())
    glossary_lines = [ln for ln in lines if ln.text.startswith(("NC ", "WBC "))]
    assert [ln.no for ln in glossary_lines] == [9, 10]
    assert all(ln.role is None for ln in glossary_lines)
