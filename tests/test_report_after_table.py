"""A recommendations table in an overview report ends at the report's next section. Word without heading
styles, PDF and plain text give the table's rows and the paragraphs after it alike; a heading after the table
("8. Conclusion", "Conclusions", "Appendix A", "8 Next steps" after a table in "7. Recommendations") and the
text under it are no recommendations. A row of the table that counts on from its rows ("8 Safeguarding
training" after rows 1 to 7) stays a row. Rendered as Word and as tab-separated text, with and without an
introduction and a section number. Invented review only."""

from __future__ import annotations

import random
from pathlib import Path

import docx
import pytest

from reviewgraph.ingest.single import ingest_file
from reviewgraph.records.parsed import ParsedDocument

RECS = [("Review the discharge pathway for people who neglect themselves.", "Wexcombe Hospitals NHS Trust"),
        ("Develop a hoarding toolkit for housing officers.", "Wexcombe Homes"),
        ("Seek assurance that every agency uses the escalation policy.", "Wexcombe Safeguarding Adults Board"),
        ("Audit the use of mental capacity assessments on discharge.", "Wexcombe Community Health Services")]
AFTER_NUMBERED = ["Conclusion", "Conclusions", "Next steps", "Concluding remarks", "Glossary"]
AFTER_BARE = ["Conclusion", "Conclusions", "Appendix A: Glossary", "Concluding remarks"]
TAIL = ["The Board will monitor progress.", "The Board will publish this report with its response."]


def _doc_lines(rng: random.Random, n_recs: int, after: str, numbered: bool, intro: bool):
    """The report as (kind, payload) blocks: ("p", text) or ("table", rows)."""
    sec = rng.randint(4, 9)
    blocks = [("p", "Wexcombe Safeguarding Adults Board"),
              ("p", "Safeguarding Adults Review: Harriet. Overview report, May 2026"),
              ("p", f"{sec - 1}. Findings"),
              ("p", f"{sec - 1}.1 Harriet was discharged to a flat without heating in midwinter."),
              ("p", f"{sec}. Recommendations" if numbered else "Recommendations")]
    if intro:
        blocks.append(("p", "The Board makes the following recommendations."))
    rows = [("No", "Recommendation", "Agency")] + [(str(k), t, a) for k, (t, a) in enumerate(RECS[:n_recs], 1)]
    blocks.append(("table", rows))
    head = f"{sec + 1}. {after}" if numbered else after
    blocks += [("p", head), ("p", f"{sec + 1}.1 {rng.choice(TAIL)}" if numbered else rng.choice(TAIL))]
    return blocks


def _write(tmp_path: Path, fmt: str, blocks) -> Path:  # type: ignore[no-untyped-def]
    path = tmp_path / f"wexcombe-sar-harriet-overview.{fmt}"
    if fmt == "docx":
        d = docx.Document()
        for kind, payload in blocks:
            if kind == "p":
                d.add_paragraph(payload)
            else:
                table = d.add_table(rows=len(payload), cols=3)
                for r, row in enumerate(payload):
                    for c, cell in enumerate(row):
                        table.cell(r, c).text = cell
        d.save(str(path))
    else:
        out = []
        for kind, payload in blocks:
            out += [payload, ""] if kind == "p" else ["\t".join(row) for row in payload] + [""]
        path.write_text("\n".join(out), encoding="utf-8")
    return path


def _parse(path: Path) -> ParsedDocument:
    res = ingest_file(path)
    assert res.doc is not None, res.error
    return res.doc


def _recs(doc: ParsedDocument):  # type: ignore[no-untyped-def]
    return doc.report_recs + [r for p in doc.plans for r in p.recs]


@pytest.mark.parametrize("fmt", ["docx", "txt"])
@pytest.mark.parametrize("seed", range(8))
def test_heading_after_a_recommendations_table_ends_it(tmp_path, fmt, seed) -> None:
    rng = random.Random(seed)
    numbered = seed % 2 == 0
    after = rng.choice(AFTER_NUMBERED if numbered else AFTER_BARE)
    n_recs = rng.randint(2, 4)
    blocks = _doc_lines(rng, n_recs, after, numbered, intro=rng.random() < 0.5)
    doc = _parse(_write(tmp_path, fmt, blocks))
    recs = _recs(doc)
    assert [r.number for r in recs] == [str(k) for k in range(1, n_recs + 1)], (after, [r.text for r in recs])
    assert [r.text for r in recs] == [t for t, _ in RECS[:n_recs]]
    # the text under the next heading is the report's narrative, listed for the user
    tail = blocks[-1][1]
    assert any(u.text.strip() == tail for u in doc.unplaced), [u.text for u in doc.unplaced]


@pytest.mark.parametrize("fmt", ["docx", "txt"])
def test_a_row_counting_on_from_the_rows_stays_in_the_table(tmp_path, fmt) -> None:
    """A one-cell row "8 Housing staff training" after rows 1 to 7 of a table in section 7 is the table's: its
    number follows its rows', not only the section's."""
    blocks = [("p", "Wexcombe Safeguarding Adults Board"), ("p", "7. Recommendations"),
              ("table", [("No", "Recommendation", "Agency")] +
               [(str(k), f"Wexcombe Homes should review its case closure guidance, part {k}.", "Wexcombe Homes")
                for k in range(1, 8)])]
    path = _write(tmp_path, fmt, blocks)
    # the row after the seventh: "8 Safeguarding training for housing staff" set alone in one cell
    if fmt == "docx":
        d = docx.Document(str(path))
        row = d.tables[0].add_row()
        merged = row.cells[0].merge(row.cells[2])
        merged.text = "8 Housing staff training"
        d.save(str(path))
    else:
        path.write_text(path.read_text(encoding="utf-8").rstrip("\n") +
                        "\n8 Housing staff training\n", encoding="utf-8")
    recs = _recs(_parse(path))
    assert [r.number for r in recs][-1] == "8"
    assert len(recs) == 8
