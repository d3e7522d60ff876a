"""Learning points set out as headings over their paragraphs, as a 7-minute briefing does ("4. Learning
point 1" / its text), with no "Learning" section around them: each is one learning item with its paragraph,
and the run of them ends at the next other heading ("7. Questions for reflection" is no learning). Rendered
as plain text, Markdown, HTML and Word, with and without section numbers and titles after the label, and
with the sections before them drawn at random. Invented review only."""

from __future__ import annotations

import random
from pathlib import Path

import docx
import pytest

from reviewgraph.graph.store import Store
from reviewgraph.ingest.pipeline import ingest_into

POINTS = ["Practitioners must see and speak to both parents, including men who are not the birth father.",
          "Health visitors and GPs should share concerns about parental mental health with each other.",
          "Escalation: if you disagree with a decision about a child, use the partnership's escalation policy.",
          "Bruising in a baby who is not yet mobile must always be referred under the bruising protocol."]
BEFORE = [("Background", "Baby Q was nine weeks old when admitted to hospital with unexplained injuries."),
          ("Why it matters", "Non-mobile babies with bruising are at high risk of further harm."),
          ("Information", "The full report makes five recommendations, which are published separately.")]
AFTER = [("Questions for reflection", "How does your team make sure fathers are included in assessments?"),
         ("What next", "Discuss this briefing at your next team meeting and record who attended.")]
WORDS = ["Learning point {n}", "Learning {n}", "Lesson {n}", "Key learning {n}"]


def _sections(rng: random.Random, n_points: int, titled: bool) -> tuple[list[tuple[str, str]], list[str]]:
    """The briefing's (heading, paragraph) pairs, and the learning items' expected texts."""
    word = rng.choice(WORDS)
    before = BEFORE[:rng.randint(1, 3)]
    learning, expected = [], []
    for k, text in enumerate(POINTS[:n_points], 1):
        head = word.format(n=k) + (f": {['Fathers', 'Sharing concerns', 'Escalation', 'Bruising'][k - 1]}"
                                   if titled else "")
        learning.append((head, text))
        expected.append(text)
    return before + learning + AFTER[:rng.randint(1, 2)], expected


def _write(tmp_path: Path, fmt: str, sections: list[tuple[str, str]], numbered: bool) -> Path:
    title = 'Fenwold Safeguarding Children Partnership: 7 Minute Briefing, Child Safeguarding Practice Review "Baby Q"'
    heads = [f"{i}. {h}" if numbered else h for i, (h, _) in enumerate(sections, 1)]
    paras = [p for _, p in sections]
    path = tmp_path / f"fenwold-cspr-baby-q-briefing.{fmt.split('-')[0]}"
    if fmt == "txt-one-line":  # "4. Learning point 1: Practitioners must ...", the other sections as before
        path.write_text(title + "\n\n" + "\n\n".join(
            f"{h}{'' if h.endswith(':') else ':'} {p}" if "earn" in h or "esson" in h else f"{h}\n{p}"
            for h, p in zip(heads, paras)) + "\n", encoding="utf-8")
    elif fmt == "txt":
        path.write_text(title + "\n\n" + "\n\n".join(f"{h}\n{p}" for h, p in zip(heads, paras)) + "\n",
                        encoding="utf-8")
    elif fmt == "md":
        path.write_text(f"# {title}\n\n" + "\n\n".join(f"## {h}\n\n{p}" for h, p in zip(heads, paras)) + "\n",
                        encoding="utf-8")
    elif fmt == "html":
        body = "\n".join(f"<h2>{h}</h2>\n<p>{p}</p>" for h, p in zip(heads, paras))
        path.write_text(f"<html><body>\n<h1>{title}</h1>\n{body}\n</body></html>\n", encoding="utf-8")
    else:
        d = docx.Document()
        d.add_heading(title, level=1)
        for h, p in zip(heads, paras):
            d.add_heading(h, level=2)
            d.add_paragraph(p)
        d.save(str(path))
    return path


@pytest.mark.parametrize("fmt", ["txt", "txt-one-line", "md", "html", "docx"])
@pytest.mark.parametrize("seed", range(6))
def test_learning_points_under_their_own_headings(tmp_path, fmt, seed) -> None:
    rng = random.Random(seed)
    sections, expected = _sections(rng, rng.randint(1, 4), titled=rng.random() < 0.5)
    path = _write(tmp_path, fmt, sections, numbered=rng.random() < 0.7)
    store = Store(tmp_path / "db")
    ingest_into(store, [path])
    learning = sorted(store.graph().of_kind("Learning"), key=lambda n: int(n.number))
    assert [n.number for n in learning] == [str(k) for k in range(1, len(expected) + 1)]
    for node, text in zip(learning, expected):
        assert node.text.endswith(text), (node.text, text)  # a title after the label may lead, as a sentence
    texts = " ".join(n.text for n in learning)
    for head, para in sections:
        if para not in expected:
            assert para not in texts and head not in texts, head  # questions, background: not learning


def test_a_finding_heading_outside_a_learning_section_opens_none(tmp_path) -> None:
    """"Finding 1" over pages of analysis is a chapter of the report, not one lesson: it is left as it was."""
    path = tmp_path / "harrowdale-dhr-adult-k.txt"
    path.write_text("Harrowdale Community Safety Partnership\nDomestic Homicide Review \"Adult K\"\n\n"
                    "1. Introduction\nThe review began in May 2024.\n\n"
                    "2. Finding 1\nThe police had three reports of abuse before May 2024.\n\n"
                    "3. Conclusions\nThe panel thanks the family.\n", encoding="utf-8")
    store = Store(tmp_path / "db")
    ingest_into(store, [path])
    assert list(store.graph().of_kind("Learning")) == []
