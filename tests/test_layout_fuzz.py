"""The layout fuzzer (tests/layouts/fuzz.py): the same ground truth in randomly drawn layouts.

- The fuzzer itself (not xfail): deterministic for a seed, every value of every axis renders, every rendered
  file opens in its format's library and holds the recommendations the truth says it does, the truth's
  recommendations are told apart by the scorer.
- The property (xfail while the layout-general ingest is written, issue 14): ingesting one rendered file alone
  gives every recommendation (by text similarity) with its number where one is written and its owner, and
  nothing invented. ``benchmarks/layout_fuzz.py`` gives the same measure over many documents, per axis value.
"""

from __future__ import annotations

import csv
import io
import itertools
import random
import re
import zipfile
from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from tests.layouts import fuzz
from tests.layouts.fuzz import AXES, FORMATS, case, draw_truth, make_layout, render, truth_json


# -- the fuzzer itself --------------------------------------------------------------------------------------

class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def opened_text(name: str, data: bytes) -> str:
    """The text of a rendered file as its format's library reads it (failing if the library cannot)."""
    suffix = name.rsplit(".", 1)[-1]
    if suffix in ("txt", "md"):
        return data.decode("utf-8")
    if suffix == "csv":
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
        assert rows and max(len(r) for r in rows) >= 2
        return "\n".join(" | ".join(r) for r in rows)
    if suffix == "html":
        parser = _Text()
        parser.feed(data.decode("utf-8"))
        parser.close()
        return " ".join(parser.parts)
    if suffix == "docx":
        import docx

        d = docx.Document(io.BytesIO(data))
        parts = [p.text for p in d.paragraphs]
        for table in d.tables:
            for row in table.rows:
                parts += [c.text for c in row.cells]
        return "\n".join(parts)
    if suffix == "xlsx":
        import openpyxl

        wb = openpyxl.load_workbook(io.BytesIO(data))
        return "\n".join(str(v) for ws in wb.worksheets for row in ws.iter_rows(values_only=True)
                         for v in row if v is not None)
    if suffix == "pdf":
        import pdfplumber

        with pdfplumber.open(io.BytesIO(data)) as pdf:
            assert pdf.pages
            return "\n".join(page.extract_text() or "" for page in pdf.pages)
    raise AssertionError(f"unknown suffix {suffix}")


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", text.lower().replace("’", "'").replace("'", "")))


def _holds_truth(name: str, data: bytes, layout: fuzz.Layout, truth: fuzz.Truth) -> None:
    """The opened file holds every recommendation's words (wrapping and hyphenation aside) and its number."""
    text = opened_text(name, data)
    words = _words(text)
    flat = re.sub(r"\s+", " ", text)
    for rec in truth_json(truth, layout)["recommendations"]:
        want = _words(rec["text"])
        missing = want - words
        assert len(missing) <= max(2, len(want) // 8), (name, rec["text"], sorted(missing))
        written = rec["number"]
        auto = layout.format in ("html", "docx") and layout.doc == "report" and re.fullmatch(r"\d+\.", written or "")
        if written and not auto:   # a list's automatic number (<ol>, Word numbering) is not in the text
            core = written.rstrip(":")
            assert core in flat, (name, written)
    assert truth.partnership.split()[0] in text


def test_the_fuzzer_is_deterministic_for_a_seed():
    for seed, fmt in zip(range(100, 100 + 2 * len(AXES["format"])), itertools.cycle(AXES["format"])):
        a = case(seed, format=fmt)
        b = case(seed, format=fmt)
        assert a[0] == b[0] and a[1] == b[1]
        assert a[2] == b[2] and a[3] == b[3], (fmt, a[1])
    assert draw_truth(1) != draw_truth(2)
    assert case(5)[3] != case(6)[3]


@pytest.mark.parametrize("axis, value", [(a, v) for a, values in AXES.items() for v in values],
                         ids=lambda x: re.sub(r"\W+", "_", str(x)))
def test_every_axis_value_renders_and_opens(axis, value):
    for k in range(2):
        truth = draw_truth(1000 + k)
        layout = make_layout(random.Random(k), **{axis: value})
        assert getattr(layout, axis) == value
        name, data = render(truth, layout, random.Random(k))
        assert name.endswith(fuzz.SUFFIX[layout.format]) and data
        _holds_truth(name, data, layout, truth)


@pytest.mark.parametrize("doc, fmt", [(d, f) for d in FORMATS for f in FORMATS[d]])
def test_every_format_opens_in_its_library(doc, fmt):
    for seed in range(3):
        truth, layout, name, data = case(seed, doc=doc, format=fmt)
        if fmt in ("docx", "xlsx"):
            assert zipfile.ZipFile(io.BytesIO(data)).testzip() is None
        if fmt == "pdf":
            assert data.startswith(b"%PDF-")
        _holds_truth(name, data, layout, truth)


def test_the_truth_is_what_the_brief_asks():
    from tests.layouts.score import _alike, norm_text

    kinds, owner_kinds = set(), set()
    for seed in range(300):
        truth = draw_truth(seed)
        kinds.add(truth.kind)
        layout = make_layout(random.Random(seed))
        tj = truth_json(truth, layout)
        recs = tj["recommendations"]
        assert 4 <= len(recs) <= 12
        for rec, r in zip(recs, truth.recs):
            owner_kinds.add(r.owner_kind)
            assert 12 <= len(rec["text"].split()) <= 62, rec["text"]
            assert (rec["owner"] is None) == (r.owner_kind == "none")
        # the scorer can tell a review's recommendations apart (it matches at token-set ratio 80)
        texts = [norm_text(r["text"]) for r in recs]
        assert all(_alike(a, b) < 80 for a, b in itertools.combinations(texts, 2))
        for item in truth.learning:
            assert all(1 <= o <= len(recs) for o in item.applies)
    assert kinds == {"DHR", "SAR", "CSPR"}
    assert owner_kinds == {"none", "collective", "partnership", "local", "department", "national"}


def test_a_report_has_no_lead_column():
    for seed in range(50):
        assert make_layout(random.Random(seed), doc="report").placement != "column"
        assert make_layout(random.Random(seed), doc="report", placement="column").placement != "column"
        assert make_layout(random.Random(seed), placement="column").doc == "plan"


def test_expected_owner_follows_the_layout():
    truth = next(t for t in map(draw_truth, range(200))
                 if {"none", "department", "local"} <= {r.owner_kind for r in t.recs})
    bare = truth_json(truth, make_layout(random.Random(0), acronyms="bare", placement="column"))
    full = truth_json(truth, make_layout(random.Random(0), acronyms="full", placement="column"))
    for b, f, r in zip(bare["recommendations"], full["recommendations"], truth.recs):
        if r.owner_kind == "none":
            assert b["owner"] is None and f["owner"] is None
        if r.owner_kind == "department":
            assert f["owner"] == r.owner.split(" - ")[1] and r.owner in f["owner_aliases"]
        if r.acronym and r.owner_kind == "local":
            assert r.acronym in b["owner_aliases"] and r.acronym not in f["owner_aliases"]


# -- the property: the truth comes back through the real ingest ---------------------------------------------

_DOC_FORMAT = st.sampled_from(["plan", "report"]).flatmap(
    lambda doc: st.tuples(st.just(doc), st.sampled_from(FORMATS[doc])))
_AXES = st.fixed_dictionaries({name: st.sampled_from(values) for name, values in AXES.items()
                               if name not in ("doc", "format")})


@pytest.mark.xfail(strict=False, reason="every document perfect is more than the ingest promises: the targets are "
                   "98% of recommendations and owners per format, nothing invented (the test below); a drawn "
                   "document may still miss an owner")
# no shrinking: a failing example is reported as drawn (its file name and layout say what to look at), and the
# test stays under a minute whether it passes or not
@settings(max_examples=60, deadline=None, derandomize=True, database=None, phases=[Phase.explicit, Phase.generate],
          suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 100_000), doc_format=_DOC_FORMAT, axes=_AXES, layout_seed=st.integers(0, 2 ** 31 - 1))
def test_the_truth_comes_back_through_the_ingest(seed, doc_format, axes, layout_seed):
    doc, fmt = doc_format
    truth = draw_truth(seed)
    layout = make_layout(random.Random(layout_seed), doc=doc, format=fmt, **axes)
    name, data = render(truth, layout, random.Random(seed))
    tj = truth_json(truth, layout)
    result = fuzz.ingest_and_score(name, data, tj)
    c, d = result["counts"], result["details"]
    where = f"{name} [{layout.describe()}]"
    assert result["error"] is None, (where, result["error"])
    assert c.get("found", 0) == c["recs"], (where, "missed", d["missed"])
    assert c.get("invented", 0) == 0, (where, "invented", d["invented"])
    assert c.get("number_ok", 0) == c["found"], (where, "numbers (truth, graph)", d["numbers"])
    assert c.get("owner_ok", 0) == c["found"], (where, "owners (truth, owner, graph)", d["owners"])


# -- the targets, over many documents ---------------------------------------------------------------------------

#: the issue's targets over all the documents; each format's floor is lower because a format holds only five to
#: fifteen documents here, where one document's missed heading costs it several points
TARGET, FORMAT_FLOOR = 0.98, 0.95


def test_the_targets_hold_over_many_drawn_documents():
    """100 documents drawn from seeds no tuning looked at (a fixed range, so the test is the same every run):
    recall and owners right at least 98% over all, at least 95% in every format, nothing invented."""
    totals: dict[str, dict[str, int]] = {}
    invented: list[str] = []
    for seed in range(9_000_001, 9_000_101):
        truth, layout, name, data = case(seed)
        result = fuzz.ingest_and_score(name, data, fuzz.truth_json(truth, layout))
        assert result["error"] is None, (name, result["error"])
        c = result["counts"]
        for key in ("all", layout.format):
            t = totals.setdefault(key, {"recs": 0, "found": 0, "owner_ok": 0})
            for k in t:
                t[k] += c.get(k, 0)
        if c.get("invented", 0):
            invented.append(f"{name}: {result['details']['invented']}")
    assert not invented
    for key, t in totals.items():
        floor = TARGET if key == "all" else FORMAT_FLOOR
        assert t["found"] >= floor * t["recs"], (key, "recall", t)
        assert t["owner_ok"] >= floor * t["found"], (key, "owners", t)
