"""A board's response set out after a recommendation ("Board response: Accepted ...", or a heading
"Partnership response" over its paragraph) is no part of the recommendation's words: the recommendations
keep their own text, and each response line is listed as unplaced, saying it is a response. In a
recommendations section and in findings with their recommendations under them; as Markdown, plain text,
HTML and Word; with the response label in several wordings, inline or as a heading. Invented review only."""

from __future__ import annotations

import random
from pathlib import Path

import docx
import pytest

from reviewgraph.ingest.single import ingest_file
from reviewgraph.records.parsed import ParsedDocument

RECS = ["Harlow Vale Adult Social Care should train all social workers in mental capacity assessment.",
        "Harlow Vale Safeguarding Adults Board should publish a practice guide on executive capacity.",
        "Harlow Vale Hospitals NHS Trust should refer every patient who neglects themselves to community nursing.",
        "Harlow Vale Homes should review how its officers escalate concerns about hoarding."]
RESPONSES = ["Accepted. Training began in January 2026 and will finish by June 2026.",
             "The Board accepts this recommendation; the guide is being drafted.",
             "Accepted in part. The Trust has updated its discharge checklist and will audit it in September.",
             "Agreed. A new escalation route is in place."]
LABELS = ["Board response", "Partnership response", "Response from the Board", "SAB response",
          "The Board's response", "Response to recommendation"]
FINDINGS = [("Self-neglect was seen as a lifestyle choice", "Staff recorded that Harriet chose to live as she did."),
            ("No agency held the whole picture", "Five agencies were involved but no meeting was ever held."),
            ("Discharge went ahead without follow-up", "Harriet went home twice with no referral to nursing."),
            ("Hoarding was not escalated", "Housing officers saw the hoarding but did not raise it.")]


def _blocks(rng: random.Random, n: int, findings: bool, heading: bool) -> list[tuple[str, str]]:
    """The page as (kind, text): kind "h1", "h2", "h3" (headings), "p" (paragraph)."""
    label = rng.choice(LABELS)
    out = [("h1", "Harlow Vale Safeguarding Adults Board"),
           ("h2", "Safeguarding Adults Review: Harriet. Summary of findings and recommendations"),
           ("p", "Published in March 2026. The full report is available on request."),
           ("h2", "Findings" if findings else "Recommendations")]
    for k in range(1, n + 1):
        if findings:
            title, story = FINDINGS[k - 1]
            out += [("h3", f"Finding {k}: {title}"), ("p", story)]
        number = f"{k}.1" if findings else str(k)
        out.append(("p", f"Recommendation {number}: {RECS[k - 1]}" if findings or rng.random() < 0.5
                    else f"{number}. {RECS[k - 1]}"))
        if heading:
            out += [("h4", label), ("p", RESPONSES[k - 1])]
        else:
            out.append(("p", f"{label}: {RESPONSES[k - 1]}"))
    out += [("h2", "Glossary"), ("p", "SAB: Safeguarding Adults Board.")]
    return out


def _write(tmp_path: Path, fmt: str, blocks: list[tuple[str, str]]) -> Path:
    path = tmp_path / f"harlow-vale-sar-harriet.{fmt}"
    if fmt == "md":
        path.write_text("\n\n".join(f"{'#' * int(k[1])} {t}" if k != "p" else t for k, t in blocks) + "\n",
                        encoding="utf-8")
    elif fmt == "txt":
        path.write_text("\n\n".join(t for _, t in blocks) + "\n", encoding="utf-8")
    elif fmt == "html":
        body = "\n".join(f"<{k}>{t}</{k}>" for k, t in blocks)
        path.write_text(f"<html><body>\n{body}\n</body></html>\n", encoding="utf-8")
    else:
        d = docx.Document()
        for k, t in blocks:
            if k == "p":
                d.add_paragraph(t)
            else:
                d.add_heading(t, level=int(k[1]))
        d.save(str(path))
    return path


def _parse(path: Path) -> ParsedDocument:
    res = ingest_file(path)
    assert res.doc is not None, res.error
    return res.doc


@pytest.mark.parametrize("fmt", ["md", "txt", "html", "docx"])
@pytest.mark.parametrize("seed", range(6))
def test_a_response_is_no_part_of_the_recommendation(tmp_path, fmt, seed) -> None:
    rng = random.Random(seed)
    n = rng.randint(2, 4)
    findings, heading = seed % 2 == 0, seed % 3 != 0
    doc = _parse(_write(tmp_path, fmt, _blocks(rng, n, findings, heading)))
    recs = doc.report_recs
    assert [r.text for r in recs] == RECS[:n]
    assert not any(resp[:20] in r.text for r in recs for resp in RESPONSES)
    unplaced = {u.text.strip(): u.reason for u in doc.unplaced}
    for resp in RESPONSES[:n]:
        hit = [reason for text, reason in unplaced.items() if resp in text]
        assert hit and "response" in hit[0], (resp, unplaced)
    # the learning (findings) keep their own words, not the responses
    assert not any(resp[:20] in item.text for item in doc.learning for resp in RESPONSES)


def test_a_response_heading_repeated_is_no_page_furniture(tmp_path) -> None:
    """The same "Board response" heading after each recommendation repeats down the page, but it is the
    report's text, not a running header: it is listed with the response, not skipped as a page header."""
    rng = random.Random(1)
    doc = _parse(_write(tmp_path, "md", _blocks(rng, 4, findings=True, heading=True)))
    assert not any("response" in s.text.lower() for s in doc.skipped), doc.skipped
