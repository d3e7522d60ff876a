"""Redaction: no listed name survives in any export format, and the app's switch redacts every page."""

from __future__ import annotations

import io
import re
import zipfile

import pytest

from graph.exports import export, exporters
from graph.ids import slug
from graph.redact import MASK, names_for, read_names, redact_graph, redact_text
from tests.synthetic_graph import make_graph

EXTRA = ["Wellbeing Hub", "Northby Police"]  # stand-ins for names of people: any listed string goes


def _texts(data: bytes, fmt: str) -> str:
    if fmt == "csv":
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return "\n".join(zf.read(n).decode("utf-8") for n in zf.namelist())
    if fmt == "png":
        return data.decode("latin-1")  # text metadata chunks only; labels are pixels
    text = data.decode("utf-8")
    if fmt == "html":  # what comes from the graph: everything but the inlined vis-network library
        return text.split("</head>", 1)[1]
    return text


def test_names_come_from_pseudonyms_and_the_list(tmp_path):
    listed = tmp_path / "names.txt"
    listed.write_text("# family\nBeth Carter\n\nBeth\n")
    names = names_for(make_graph(), read_names(listed))
    assert names == ["Beth Carter", "Beth", "Ada"]


def test_text_redaction_is_whole_word_and_any_case():
    assert redact_text("ADA met Adam and ada.", ["Ada"]) == f"{MASK} met Adam and {MASK}."


def test_redacted_graph_keeps_its_shape():
    g = make_graph()
    r = redact_graph(g, names_for(g, EXTRA))
    assert len(r.nodes) == len(g.nodes) and len(r.edges) == len(g.edges)
    assert r.nodes["review:northby/dhr-1"].title == f"Northby DHR-1 '{MASK}'"
    assert {"agency:redacted-1", "agency:redacted-2"} <= set(r.nodes)  # two agencies' ids, kept apart
    for src, _type, dst in r.edges:
        assert src in r.nodes and dst in r.nodes
    assert g.nodes["review:northby/dhr-1"].pseudonym == "Ada", "the original is untouched"


@pytest.mark.parametrize("fmt", sorted(exporters()))
def test_no_listed_name_survives_any_export(tmp_path, fmt):
    g = make_graph()
    names = names_for(g, EXTRA)
    out = tmp_path / f"g.{fmt}"
    export(redact_graph(g, names), fmt, out)
    text = _texts(out.read_bytes(), fmt).lower()
    for name in names:
        for form in (name.lower(), slug(name)):
            assert not re.search(rf"(?<![a-z]){re.escape(form)}(?![a-z])", text), f"{form!r} survives in {fmt}"
    if fmt not in ("png",):
        assert "redacted" in text


def test_the_unredacted_export_does_hold_the_names(tmp_path):
    export(make_graph(), "json", tmp_path / "g.json")
    assert "Ada" in (tmp_path / "g.json").read_text()
