"""Every saved query has a header and is documented in docs/queries.md."""

from __future__ import annotations

import re
from pathlib import Path

from reviewgraph.queries.saved import saved_queries

DOC = Path(__file__).resolve().parents[1] / "docs" / "queries.md"


def test_every_saved_query_is_documented() -> None:
    text = DOC.read_text(encoding="utf-8")
    documented = set(re.findall(r"^### `([a-z0-9_]+)`", text, flags=re.MULTILINE))
    names = {q.name for q in saved_queries()}
    assert names, "no saved queries found"
    missing = sorted(names - documented)
    assert not missing, f"saved queries not documented in docs/queries.md: {missing}"
    stale = sorted(documented - names)
    assert not stale, f"docs/queries.md documents queries that do not exist: {stale}"


def test_every_saved_query_documents_its_parameters() -> None:
    text = DOC.read_text(encoding="utf-8")
    for q in saved_queries():
        section = text.split(f"### `{q.name}`", 1)[1].split("\n### ", 1)[0]
        for p in q.params:
            assert f"`{p.name}`" in section, f"{q.name}: parameter {p.name} not documented"
        assert q.title in section
