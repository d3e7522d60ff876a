"""Documents in two languages (Welsh and English here) label each item and title each section twice:
"Argymhelliad 1 / Recommendation 1: ...", "Gwersi a Ddysgwyd / Lessons Learned", in either order. A label
or title in two languages is read as the one it is on either side: in a report's paragraphs and in a Word
or text action plan's full-width rows. Invented review only."""

from __future__ import annotations

import random
from pathlib import Path

import docx
import pytest

from reviewgraph.ingest.rec_items import item_label, learning_title, one_label, rec_title
from reviewgraph.ingest.single import ingest_file
from reviewgraph.records.parsed import ParsedDocument

RECS = ["Heddlu Bryn Teg should review how it assesses risk to victims over 60.",
        "Bryn Teg University Health Board should offer every patient a consultation in Welsh.",
        "Bryn Teg County Council should fund an advocate for older victims of domestic abuse."]
LESSONS = ["Older victims were not seen as being at risk because abuse was thought a problem of the young.",
           "Welsh-language services were not offered, so the victim spoke to her GP through her husband."]
REC_LABELS = [("Argymhelliad {n}", "Recommendation {n}")]
REC_TITLES = [("Argymhellion", "Recommendations")]
LEARN_TITLES = [("Gwersi a Ddysgwyd", "Lessons Learned"), ("Dysgu", "Learning"), ("Canfyddiadau", "Findings")]
ACTIONS = [("Update the risk guidance", "Heddlu Bryn Teg", "31/03/2026", "In progress"),
           ("Audit the language offer", "Bryn Teg University Health Board", "30/06/2026", "Not started"),
           ("Commission the advocate", "Bryn Teg County Council", "30/09/2026", "Not started")]


def _both(pair: tuple[str, str], welsh_first: bool, n: int | None = None) -> str:
    a, b = (pair if welsh_first else pair[::-1])
    return f"{a} / {b}".format(n=n) if n is not None else f"{a} / {b}"


def _parse(path: Path) -> ParsedDocument:
    res = ingest_file(path)
    assert res.doc is not None, res.error
    return res.doc


@pytest.mark.parametrize("text,number,kind,rest", [
    ("Argymhelliad 1 / Recommendation 1: The Board should act.", "1", "rec", "The Board should act."),
    ("Recommendation 2 / Argymhelliad 2 - The Board should act.", "2", "rec", "The Board should act."),
    ("Canfyddiad 3 / Finding 3: Agencies did not share.", "3", "learning", "Agencies did not share."),
    ("Dysgu 4 / Learning 4", "4", "learning", ""),
    ("Recommendation 5 / Moladh 5: The Board should act.", "5", "rec", "The Board should act."),
])
def test_a_label_in_two_languages_is_one_label(text, number, kind, rest) -> None:
    label = item_label(text)
    assert label is not None and (label.number, label.kind, label.rest) == (number, kind, rest)


def test_titles_in_two_languages() -> None:
    assert learning_title("2. Gwersi a Ddysgwyd / Lessons Learned") and learning_title("Dysgu / Learning")
    assert learning_title("Lessons Learned / Gwersi a Ddysgwyd")
    assert rec_title("Argymhellion / Recommendations") and not learning_title("Argymhellion / Recommendations")
    assert not learning_title("Heddlu / Police") and not rec_title("Heddlu / Police")
    assert one_label("Argymhelliad 1 / Recommendation 1: text") == "Recommendation 1: text"
    assert one_label("Item 1 / Eitem 1: text") == "Item 1 / Eitem 1: text"


@pytest.mark.parametrize("fmt", ["txt", "md", "docx"])
@pytest.mark.parametrize("seed", range(6))
def test_a_report_in_two_languages(tmp_path, fmt, seed) -> None:
    rng = random.Random(seed)
    welsh_first = seed % 2 == 0
    numbered = rng.random() < 0.5
    learn = rng.choice(LEARN_TITLES)
    paras: list[tuple[bool, str]] = [
        (True, _both(("Partneriaeth Diogelwch Cymunedol Bryn Teg", "Bryn Teg Community Safety Partnership"),
                     welsh_first)),
        (False, _both(("Adolygiad Dynladdiad Domestig", "Domestic Homicide Review: Mair"), welsh_first)),
        (True, ("2. " if numbered else "") + _both(learn, welsh_first))]
    paras += [(False, f"2.{k} {t}") for k, t in enumerate(LESSONS, 1)]
    paras.append((True, ("3. " if numbered else "") + _both(REC_TITLES[0], welsh_first)))
    paras += [(False, _both(REC_LABELS[0], welsh_first, k) + f": {t}") for k, t in enumerate(RECS, 1)]
    paras.append((True, ("4. " if numbered else "") + _both(("Casgliad", "Conclusion"), welsh_first)))
    paras.append((False, "The panel hopes this review helps agencies across Wales."))
    path = tmp_path / f"bryn-teg-dhr-mair.{fmt}"
    if fmt == "docx":
        d = docx.Document()
        for _, t in paras:
            d.add_paragraph(t)
        d.save(str(path))
    else:
        path.write_text("\n\n".join(("## " if head and fmt == "md" else "") + t for head, t in paras) + "\n",
                        encoding="utf-8")
    doc = _parse(path)
    assert [(r.number, r.text) for r in doc.report_recs] == [(str(k), t) for k, t in enumerate(RECS, 1)]
    assert [(x.number, x.text) for x in doc.learning] == [(f"2.{k}", t) for k, t in enumerate(LESSONS, 1)]


@pytest.mark.parametrize("fmt", ["docx", "txt"])
@pytest.mark.parametrize("welsh_first", [True, False])
def test_an_action_plan_in_two_languages(tmp_path, fmt, welsh_first) -> None:
    """A Word table whose recommendations are full-width rows "Argymhelliad 1 / Recommendation 1: ...",
    the actions in the rows under each (and the same as tab-separated text)."""
    header = [_both(p, welsh_first) for p in (("Cam gweithredu", "Action"), ("Arweinydd", "Lead"),
                                               ("Dyddiad", "Date"), ("Statws", "Status"))]
    rows: list[list[str]] = [header]
    for k, (text, action) in enumerate(zip(RECS, ACTIONS), 1):
        rows.append([_both(REC_LABELS[0], welsh_first, k) + f": {text}"])
        rows.append(list(action))
    title = _both(("Cynllun Gweithredu", "Action Plan"), welsh_first)
    path = tmp_path / f"bryn-teg-dhr-mair-plan.{fmt}"
    if fmt == "docx":
        d = docx.Document()
        d.add_paragraph("Bryn Teg Community Safety Partnership")
        d.add_paragraph(f"Domestic Homicide Review: Mair - {title}")
        table = d.add_table(rows=len(rows), cols=4)
        for r, row in enumerate(rows):
            if len(row) == 1:
                cell = table.cell(r, 0).merge(table.cell(r, 3))
                cell.text = row[0]
            else:
                for c, value in enumerate(row):
                    table.cell(r, c).text = value
        d.save(str(path))
    else:
        path.write_text("Bryn Teg Community Safety Partnership\n\n"
                        f"Domestic Homicide Review: Mair - {title}\n\n" +
                        "\n".join("\t".join(row) for row in rows) + "\n", encoding="utf-8")
    doc = _parse(path)
    recs = [r for p in doc.plans for r in p.recs]
    assert [(r.number, r.text) for r in recs] == [(str(k), t) for k, t in enumerate(RECS, 1)]
    assert [[a.text for a in r.actions] for r in recs] == [[a[0]] for a in ACTIONS]
