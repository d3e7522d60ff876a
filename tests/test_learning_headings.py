"""A learning item written as a heading over its paragraph ("Finding 1: Self-neglect was not recognised"):
the heading ends as a sentence in the item's text, not run into the paragraph's first words; text read from
plain lines (which may be one sentence wrapped) is joined as before. Invented review only."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewgraph.graph.store import Store
from reviewgraph.ingest.pipeline import ingest_into

FINDINGS = [("Self-neglect was not recognised", "Practitioners did not recognise hoarding as self-neglect."),
            ("Mental capacity", "Assessments were not carried out when Adult K refused services.")]


def _learning(tmp_path: Path, name: str, text: str) -> list[str]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    store = Store(tmp_path / "db")
    ingest_into(store, [path])
    return [n.text for n in sorted(store.graph().of_kind("Learning"), key=lambda n: n.number)]


@pytest.mark.parametrize("suffix", ["html", "md"])
def test_a_finding_heading_ends_as_a_sentence(tmp_path, suffix) -> None:
    if suffix == "html":
        body = "\n".join(f"<h3>Finding {i}: {head}</h3>\n<p>{para}</p>" for i, (head, para) in enumerate(FINDINGS, 1))
        text = (f"<html><body>\n<h1>Harrowdale Safeguarding Adults Review: Adult K</h1>\n<h2>Learning</h2>\n{body}\n"
                "</body></html>\n")
    else:
        body = "\n".join(f"### Finding {i}: {head}\n\n{para}\n" for i, (head, para) in enumerate(FINDINGS, 1))
        text = f"# Harrowdale Safeguarding Adults Review: Adult K\n\n## Learning\n\n{body}"
    assert _learning(tmp_path, f"harrowdale-sar-adult-k.{suffix}", text) == [f"{h}. {p}" for h, p in FINDINGS]


def test_a_wrapped_sentence_is_joined_as_written(tmp_path) -> None:
    text = ("# Harrowdale Safeguarding Adults Review: Adult K\n\n## Learning\n\n"
            "### Finding 1: Referrals\n\nThe review found that the\nPolice did not share the referral.\n\n"
            "### Finding 2: Wishes\n\nNobody asked Adult K\nAbout her wishes.\n")
    assert _learning(tmp_path, "harrowdale-sar-adult-k.md", text) == [
        "Referrals. The review found that the Police did not share the referral.",
        "Wishes. Nobody asked Adult K About her wishes."]
