"""Redaction: every spelling of a listed name is found, what a name covers (titles, initials, parts) is
redacted, ordinary words are not, and no listed name survives in any export format of a redacted graph."""

from __future__ import annotations

import io
import re
import zipfile

import pytest

from reviewgraph.graph.exports import export, exporters
from reviewgraph.graph.ids import slug
from reviewgraph.graph.redact import MASK, Redactor, fold, names_for, read_names, redact_graph, redact_text
from tests.synthetic_graph import make_graph

NAMES = ["DCI Jayne Downes", "Siobhan O'Brien", "Zoë Hart", "Priya Smith-Jones", "Mara"]


def _r(text: str, names: list[str] = NAMES) -> str:
    return redact_text(text, names)


# -- every spelling of a name ----------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "Jayne Downes", "jayne downes", "JAYNE DOWNES", "Jayne  Downes", "Jayne\nDownes", "Jayne\u00a0Downes",
    "Jayne Dow-\nnes", "Jayne Dow-\r\n   nes", "Jay-\nne Downes", "Jayne Dow- nes", "Jayne Dow\u00adnes", "Jayne Dow\u200bnes",
    "Jayne D\u200eownes", "\u202eJayne Downes\u202c", "ＪＡＹＮＥ ＤＯＷＮＥＳ", "Jаyne Dоwnes",  # Cyrillic а, о
    "Siobhan O'Brien", "Siobhan O’Brien", "Siobhan O‘Brien", "Siobhan Oʼ Brien", "Siobhan O`Brien",
    "Siobhan OBrien", "Siobhan O Brien", "SIOBHAN O'BRIEN",
    "Zoë Hart", "Zoe Hart", "Zoe\u0308 Hart", "ZOË HART", "Zoé Hart",
    "Priya Smith-Jones", "Priya Smith Jones", "Priya SmithJones", "Priya Smith–Jones", "Priya Smith-\nJones",
    "Priya Smith\u2011Jones", "Priya Smith - Jones",
], ids=repr)
def test_every_spelling_of_a_full_name(text):
    out = _r(f"Seen by {text} on Monday.")
    assert out.startswith("Seen by ") and out.endswith(f"{MASK} on Monday."), out
    assert not set(fold(out).text.split()) - {"seen", "by", "redacted", "on", "monday"}, out


@pytest.mark.parametrize("text", [
    "DCI Downes", "D.C.I. Downes", "DCI. Downes", "Detective Chief Inspector Downes", "Ms Downes", "Dr Downes",
    "Mr. Downes", "DS Downes", "PC Downes", "Sgt Downes", "Cllr Downes", "DCI J. Downes", "DCI J Downes",
    "J. Downes", "J Downes", "Ms O'Brien", "Ms O’Brien", "Mrs OBrien", "Miss O'Brien", "Dr S. O'Brien",
    "Ms Hart", "Ms Z. Hart", "Mrs Smith-Jones", "Ms Smith Jones", "P. Smith-Jones", "Ms Mara",
], ids=repr)
def test_a_surname_with_a_title_or_initials(text):
    out = _r(f"Then {text} called.")
    assert "Downes" not in out and "Brien" not in out and "Hart" not in out and "Jones" not in out, out
    assert out.startswith("Then ") and out.endswith(" called.") and MASK in out, out


@pytest.mark.parametrize("text,gone", [
    ("Downes said so.", "Downes"), ("DOWNES", "DOWNES"), ("Jayne agreed.", "Jayne"), ("Siobhan left.", "Siobhan"),
    ("O'Brien wrote.", "Brien"), ("Smith-Jones wrote.", "Jones"), ("Priya phoned.", "Priya"),
    ("Zoe phoned.", "Zoe"), ("zoe was told.", "zoe"), ("Dow-\nnes was told.", "nes"),
], ids=repr)
def test_parts_alone(text, gone):
    out = _r(text)
    assert gone not in out and MASK in out, out


def test_a_pseudonym_is_whole_words_any_case():
    assert redact_text("ADA met Adam and ada.", ["Ada"]) == f"{MASK} met Adam and {MASK}."
    assert redact_text("Ada's GP; A da; Adas", ["Ada"]) == f"{MASK}'s GP; A da; Adas"


def test_ordinary_words_stay_where_the_text_uses_them_so():
    corpus = "The number rose in May. Brown envelopes in brown paper. The adult was seen by Adult Social Care. Mr X."
    names = ["Rose Brown", "May Hart", "Adult A", "Mr X", "Will Downes", "Al Li"]
    r = Redactor(names, corpus=[corpus])
    assert r.sub(corpus) == "The number rose in May. Brown envelopes in brown paper. The adult was seen by " \
        f"Adult Social Care. {MASK}."
    assert "rose" not in r.alone and "brown" not in r.alone and "adult" not in r.alone
    assert {"hart", "downes"} <= r.alone  # no ordinary words: redacted alone
    assert r.sub("Ms Brown and Rose Brown; Will Downes; Hart; Ms Li; A. Li; Ms A") == \
        f"{MASK} and {MASK}; {MASK}; {MASK}; {MASK}; {MASK}; {MASK}"


def test_a_name_word_not_used_as_a_word_is_redacted_alone():
    r = Redactor(["Rose Brown"], corpus=["Rose Brown was seen. Brown said that Rose had left."])
    assert r.sub("Brown said that Rose had left.") == f"{MASK} said that {MASK} had left."


def test_redaction_keeps_the_rest_of_the_text_as_it_was():
    text = "«Zoë Hart» — née 1990; Zoé’s café; DCI Downes\u2019s note.\n"
    assert _r(text) == f"«{MASK}» — née 1990; {MASK}’s café; {MASK}\u2019s note.\n"


def test_fold_maps_back_to_the_original():
    text = "Ｏ’Ｂｒｉｅｎ and Zoe\u0308 Dow-\n nes"
    f = fold(text)
    assert f.text == "o brien and zoe downes"
    a, b = f.original(f.text.index("downes"), len(f.text))
    assert text[a:b] == "Dow-\n nes"


def test_names_come_from_pseudonyms_and_the_list(tmp_path):
    listed = tmp_path / "names.txt"
    listed.write_text("# family\nBeth Carter\n\nBeth\n")
    names = names_for(make_graph(), read_names(listed))
    assert names == ["Beth Carter", "Beth", "Ada"]


# -- a whole graph ---------------------------------------------------------------------------------------
EXTRA = ["Wellbeing Hub", "Northby Police"]  # stand-ins for names of people: any listed string goes


def test_redacted_graph_keeps_its_shape():
    g = make_graph()
    r = redact_graph(g, names_for(g, EXTRA))
    assert len(r.nodes) == len(g.nodes) and len(r.edges) == len(g.edges)
    titles = {n.title for n in r.of_kind("Review")}
    assert f"{MASK} DHR-1 '{MASK}'" in titles  # "Northby" is a part of a listed name, standing alone
    assert {"agency:redacted-1", "agency:redacted-2"} <= set(r.nodes)  # two agencies' ids, kept apart
    for src, _type, dst in r.edges:
        assert src in r.nodes and dst in r.nodes
    assert g.nodes["review:northby/dhr-1"].pseudonym == "Ada", "the original is untouched"


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


def test_lead_cells_give_names_no_given_name_list_holds():
    """A person before a post's title is redacted though their given name is in no list."""
    from reviewgraph.graph.graphdata import ReviewGraph
    from reviewgraph.graph.model import Action
    from reviewgraph.graph.redact import lead_names

    g = ReviewGraph()
    g.nodes["act-1"] = Action(id="act-1", review="r", recommendation="rec", ordinal=1, doc="d", line_start=1, line_end=1,
                          lead="TVDAS  Ezra Quillfeather Safeguarding Lead TVDAS")
    g.nodes["act-2"] = Action(id="act-2", review="r", recommendation="rec", ordinal=2, doc="d", line_start=2, line_end=2,
                          lead="Domestic Abuse Strategic Lead")
    assert lead_names(g) == ["Ezra Quillfeather"]
