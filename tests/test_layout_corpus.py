"""The layout corpus (tests/data/layouts): the corpus itself, its scorer, and the ingest measured against it.

Documents in layouts the parser was not written against (web pages, findings with linked recommendations,
paged reports, odd CSV and Markdown plans, fixed-width tables, field trackers, glossaries, workbooks, Word
tables with agency rows, bullets, joint reviews, ruled PDF tables, executive summaries with agency headings,
7-minute briefings), each with a ground truth: 35 documents in 15 families, 9 of them added from a tester's
documents as a regression check (docs/ingest.md, "The layout corpus"). Run ``python benchmarks/layout_recall.py``
for the per-family table.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from reviewgraph.graph.graphdata import ReviewGraph
from reviewgraph.graph.model import Agency, Learning, Recommendation, Review
from tests.layouts import score as S

DOCS = S.corpus_paths()
REC_KEYS = {"number", "text", "owner", "owner_aliases", "collective"}


# -- the corpus ----------------------------------------------------------------------------------------------
def test_corpus_has_35_documents_in_15_families_each_with_2():
    families: dict[str, list[Path]] = {}
    for doc in DOCS:
        families.setdefault(S.load_truth(doc)["family"], []).append(doc)
    assert len(DOCS) >= 35
    assert len(families) >= 15
    assert all(len(docs) >= 2 for docs in families.values()), families
    formats = {S.load_truth(d)["format"] for d in DOCS}
    assert formats == {"txt", "html", "csv", "md", "docx", "xlsx", "pdf"}


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_truth_is_well_formed(doc):
    truth = S.load_truth(doc)
    assert truth["family"] == doc.parent.name
    assert truth["format"] == doc.suffix.lstrip(".")
    assert truth["review_kind"] in ("DHR", "SAR", "CSPR", "DHR/SAR")
    assert truth["partnership"]
    assert truth["recommendations"] or truth["learning"]  # a 7-minute briefing has learning only
    numbers = []
    for r in truth["recommendations"]:
        assert set(r) == REC_KEYS, r
        assert r["text"] and (r["owner"] is None or r["owner"].strip())
        assert r["collective"] == (r["owner"] == "All agencies")
        if r["owner"] is None:
            assert not r["owner_aliases"]
        numbers.append(r["number"])
    written = {S.norm_number(n) for n in numbers if n is not None}
    for item in truth["learning"]:
        assert set(item) == {"number", "text_start", "applies"}
        assert all(S.norm_number(n) in written for n in item["applies"]), item


def _document_text(doc: Path) -> str:
    """The words of a document, read without reviewgraph (so the check does not depend on the parser)."""
    if doc.suffix == ".docx":
        import docx

        d = docx.Document(str(doc))
        parts = [p.text for p in d.paragraphs]
        parts += [c.text for t in d.tables for row in t.rows for c in row.cells]
        return "\n".join(parts)
    if doc.suffix == ".xlsx":
        import openpyxl

        wb = openpyxl.load_workbook(doc)
        return "\n".join(str(c.value) for ws in wb for row in ws.iter_rows() for c in row
                         if c.value is not None)
    if doc.suffix == ".pdf":
        import pdfplumber

        with pdfplumber.open(doc) as pdf:
            return "\n".join(page.extract_text() or "" for page in pdf.pages)
    text = doc.read_text(encoding="utf-8-sig")
    if doc.suffix == ".html":
        text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    return text


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_truth_words_are_in_the_document(doc):
    """A typo in a truth file would count against the parser: every word of each true recommendation and of
    each learning item's start is in the document, and so are the words of each owner (or of one of its
    aliases; words, not the phrase: a fixed-width table wraps a lead over several lines)."""
    text = _document_text(doc)
    joined = re.sub(r"-\s*\n\s*", "", text)  # words hyphenated across line ends
    tokens = set(S.norm_text(text).split()) | set(S.norm_text(joined).split())
    truth = S.load_truth(doc)
    for r in truth["recommendations"]:
        missing = set(S.norm_text(r["text"]).split()) - tokens
        assert not missing, (r["number"], missing)
        if r["owner"]:
            names = [r["owner"], *r["owner_aliases"]]
            assert any(set(S.norm_text(n).split()) <= tokens for n in names), names
    for item in truth["learning"]:
        assert not set(S.norm_text(item["text_start"]).split()) - tokens, item


def test_binary_documents_are_reproduced_by_the_build_script():
    pytest.importorskip("reportlab")
    from tests.layouts import build_binary

    assert build_binary.check() == []


# -- the scorer ----------------------------------------------------------------------------------------------
def _fake_graph(truth: dict, drop: int | None = None, swap_owners: bool = False,
                noise: bool = False) -> ReviewGraph:
    """The graph a perfect ingest would give for ``truth`` (or a damaged one)."""
    g = ReviewGraph()
    prov = {"doc": "doc:fake", "line_start": 1, "line_end": 1}
    review = g.add_node(Review(id="review:fake/1", title="fake", partnership=truth["partnership"],
                               review_kind=truth["review_kind"], **prov))
    recs = truth["recommendations"]
    owners = [r["owner"] for r in recs]
    if swap_owners:
        owners = owners[1:] + owners[:1]
    ids: dict[str, str] = {}
    for i, (r, owner) in enumerate(zip(recs, owners)):
        if i == drop:
            continue
        node = g.add_node(Recommendation(id=f"rec:fake/1/{i}", review=review.id,
                                         number=r["number"] or str(i + 1),
                                         number_inferred=r["number"] is None, text=r["text"], owner=owner,
                                         ordinal=i, **prov))
        if r["number"] is not None:
            ids[S.norm_number(r["number"])] = node.id
        if owner:
            slug = S.norm_text(owner).replace(" ", "-")
            agency = g.add_node(Agency(id=f"agency:{slug}", name=owner, **prov))
            g.link(node.id, "ADDRESSED_TO", agency.id, node)
    if noise:
        g.add_node(Recommendation(id="rec:fake/1/noise", review=review.id, number="99",
                                  text="Page 3 of 9 OFFICIAL SENSITIVE", **prov))
    for k, item in enumerate(truth["learning"]):
        node = g.add_node(Learning(id=f"learning:fake/1/{k}", review=review.id,
                                   number=item["number"] or str(k + 1),
                                   text=item["text_start"] + " and the rest of what the review learned.",
                                   **prov))
        for n in item["applies"]:
            if S.norm_number(n) in ids:
                g.link(node.id, "INFORMS", ids[S.norm_number(n)], node)
    return g


def test_scorer_fails_an_empty_graph():
    scores = S.score_dir(DOCS, graphs={d: ReviewGraph() for d in DOCS})
    overall = scores["overall"]
    assert overall["scores"]["recall"] == 0.0
    assert overall["scores"]["owners"] is None and overall["scores"]["numbers"] is None
    assert overall["counts"].get("invented", 0) == 0
    assert overall["scores"]["kind"] == 0.0 and overall["scores"]["learning"] == 0.0
    assert all(f["scores"]["recall"] == 0.0 for f in scores["families"].values() if f["counts"]["recs"])
    assert all(f["scores"]["learning"] == 0.0 for f in scores["families"].values() if f["counts"]["learning"])


def test_scorer_scores_a_perfect_fake_right():
    scores = S.score_dir(DOCS, graphs={d: _fake_graph(S.load_truth(d)) for d in DOCS})
    for family, v in [*scores["families"].items(), ("all", scores["overall"])]:
        s = v["scores"]
        assert v["counts"].get("invented", 0) == 0, family
        assert {k: x for k, x in s.items() if x is not None and x != 1.0} == {}, family
    assert scores["overall"]["counts"]["recs"] == sum(len(S.load_truth(d)["recommendations"]) for d in DOCS)


def test_scorer_sees_a_missing_an_invented_and_a_misowned_recommendation():
    doc = next(d for d in DOCS if d.name == "wrenford_dhr_07_overview.txt")
    truth = S.load_truth(doc)
    result = S.score_graph(_fake_graph(truth, drop=0, swap_owners=True, noise=True), truth)
    c = result["counts"]
    assert c["found"] == len(truth["recommendations"]) - 1
    assert c["invented"] == 1
    assert c.get("owner_ok", 0) < c["found"]
    assert result["details"]["missed"][0].startswith("R1:")


@pytest.mark.parametrize(("truth", "written", "inferred", "right"), [
    ("R3", "R3", False, True), ("R3", "DHR07-R3", False, True), ("R3", "3", False, False),
    ("17.3", "17.3.", False, True), ("iv", "(iv)", False, True), ("4", "Recommendation 4", False, True),
    ("4", "14", False, False), (None, "2", True, True), (None, "2", False, False),
])
def test_numbers_compared_as_written(truth, written, inferred, right):
    node = Recommendation(id="rec:x/1/1", doc="d", line_start=1, line_end=1, review="review:x/1",
                          number=written, number_inferred=inferred, text="t")
    assert S.number_right(truth, node) is right


@pytest.mark.parametrize(("owner", "aliases", "names", "right"), [
    ("Children's Services", [], ["Childrens Services"], True),
    ("Children's Services", ["Wrenford Borough Council - Children's Services"],
     ["Wrenford Borough Council – Children’s Services"], True),
    ("Children's Services", [], ["Wrenford Borough Council"], False),
    ("Home Office", [], ["The Home Office"], True),
    (None, [], [], True), (None, [], ["Wrenford Community Safety Partnership"], False),
    ("Northmere Constabulary", ["NC"], ["NC"], True), ("NHS England", [], [], False),
])
def test_owners_compared_normalised(owner, aliases, names, right):
    assert S.owner_right({"owner": owner, "owner_aliases": aliases}, names) is right


# -- the ingest ----------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def ingest_scores():
    pytest.importorskip("reviewgraph.ingest.pipeline", reason="the text ingest is not in this tree")
    return S.score_dir(DOCS)


def test_every_document_is_ingested_and_scored(ingest_scores):
    print("\nlayout corpus, each document ingested alone\n" + S.format_table(ingest_scores))
    assert [d["path"] for d in ingest_scores["documents"] if d["error"]] == []
    for v in ingest_scores["families"].values():
        assert all(x is None or 0.0 <= x <= 1.0 for x in v["scores"].values())


# What each document's graph must get right. The first three are the targets of issue 14 (98%, nothing
# invented); the others held for all of the first 26 documents when the tester's 9 were added.
MEASURES = {
    "recall": "true recommendations found (at least 98%)",
    "owners": "owners right of those found (at least 98%)",
    "invented": "no recommendation that is not in the truth",
    "numbers": "every found recommendation's number as written",
    "learning": "every learning item found, its INFORMS links going to exactly the recommendations it names",
    "kind": "the review's kind",
    "partnership": "the review's partnership",
}

# (document, measure) the ingest is known to miss, with the fault: strict, so the mark must come off when the
# fault is fixed. The faults are those of the tester's report of 2026-12-06 (its documents are in the corpus).
KNOWN_MISSES: dict[tuple[str, str], tuple[str, bool]] = {
    ("brackenford_sar_mr_q_tracker.xlsx", "numbers"): (
        "tester's fault 2, left over: a recommendation with one action keeps its action ref '3.1' as its "
        "number (with two actions, '1.1' and '1.2' give 1)", True),
    ("brackenford_sar_mr_q_tracker.xlsx", "partnership"): (
        "tester's fault 7, left over: the area is not read from the sheet titles 'SAR Mr Q - Action Tracker "
        "- Brackenford Police' (review:unknown-area, no partnership)", True),
}


def _applies(doc: Path, measure: str) -> bool:
    truth = S.load_truth(doc)
    if measure in ("recall", "owners", "numbers"):
        return bool(truth["recommendations"])
    if measure == "learning":
        return bool(truth["learning"])
    return True


def _checks() -> list:
    params = []
    for doc in DOCS:
        for measure in MEASURES:
            if not _applies(doc, measure):
                continue
            marks = []
            if (doc.name, measure) in KNOWN_MISSES:
                reason, strict = KNOWN_MISSES[(doc.name, measure)]
                marks.append(pytest.mark.xfail(strict=strict, reason=reason))
            params.append(pytest.param(doc, measure, marks=marks, id=f"{doc.name}-{measure}"))
    return params


def test_known_misses_name_documents_and_measures_of_the_corpus():
    names = {d.name for d in DOCS}
    assert {(n, m) for n, m in KNOWN_MISSES if n in names and m in MEASURES} == set(KNOWN_MISSES)


@pytest.mark.parametrize(("doc", "measure"), _checks())
def test_ingest_reads_each_document_right(ingest_scores, doc, measure):
    """Each document against its truth, measure by measure (MEASURES): recall and owners right at least 98%
    and nothing invented (the targets, so every layout family meets them too), and numbers, learning, the
    review's kind and partnership all right. Known misses are marked, each with its fault (KNOWN_MISSES)."""
    result = next(d for d in ingest_scores["documents"] if Path(d["path"]) == doc)
    c, s = result["counts"], result["scores"]
    ok = {
        "recall": lambda: (s["recall"] or 0.0) >= 0.98,
        "owners": lambda: (s["owners"] or 0.0) >= 0.98,
        "invented": lambda: c.get("invented", 0) == 0,
        "numbers": lambda: c.get("number_ok", 0) == c.get("found", 0),
        "learning": lambda: c.get("learning_found", 0) == c["learning"]
        and c.get("informs_ok", 0) == c["learning_found"],
        "kind": lambda: c.get("kind_ok", 0) == 1,
        "partnership": lambda: c.get("partnership_ok", 0) == 1,
    }[measure]()
    assert ok, f"{MEASURES[measure]}: {s}\n\n{S.format_details({'documents': [result]})}"
