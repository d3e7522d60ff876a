"""The HTML reader: page furniture left out, blocks as lines in document order with their roles, list markers,
tables with spans, definition lists, source line numbers, detection by content, hostile pages, and the parser
finding a review's recommendations in a web page. Every page is synthetic (invented places and people)."""

from __future__ import annotations

import hashlib
import json
import time
from pathlib import Path

import pytest

from reviewgraph.ingest.readers import detect, open_document
from reviewgraph.ingest.readers import html as html_reader
from reviewgraph.ingest.readers.html import decode_html, html_lines
from reviewgraph.records.parsed import Line
from tests import format_docs as fd
from tests import html_pages as hp

pytest.importorskip("selectolax")


def blocks(source: str) -> list[Line]:
    lines, _ = html_lines(source)
    return [ln for ln in lines if not ln.blank]


def texts(source: str) -> list[str]:
    return [" | ".join(ln.cells) for ln in blocks(source)]


# ------------------------------------------------------------------------------------- what is read

def test_page_furniture_is_left_out_and_the_report_kept():
    page = hp.review_page(chronology=2)
    got = "\n".join(texts(page))
    for furniture in hp.FURNITURE:
        assert furniture not in got, furniture
    assert "document.write" not in got and "color" not in got  # script and style
    for text in [hp.TITLE, *hp.RECOMMENDATIONS, *hp.LEARNING]:
        assert text in got, text


def test_body_without_main_drops_nav_cookie_footer_script_and_boilerplate_by_class():
    page = """<html><body>
<div id="cookieConsentBanner"><p>This site uses cookies.</p></div>
<div class="skip-links"><a href="#c">Skip to content</a></div>
<header><p>Fallowmere Council</p></header>
<nav><a href="/">Home</a></nav>
<div class="breadcrumb"><a href="/">Home</a> &gt; <a href="/sar">Reviews</a></div>
<div id="content"><h1>SAR Adult M</h1><p>The review found gaps.</p>
<div id="information-sharing"><p>Information sharing between agencies was poor.</p></div>
<div class="related-links"><h2>Related</h2><a href="/x">Adult N</a> <a href="/y">Adult O</a></div>
</div>
<script>document.write("<p>injected</p>")</script><noscript>Enable JavaScript</noscript>
<footer><p>Fallowmere Council 2026</p></footer>
</body></html>"""
    assert texts(page) == ["SAR Adult M", "The review found gaps.",
                           "Information sharing between agencies was poor."]


SAR_WEB = Path(__file__).parent / "data" / "layouts" / "sar_web"


@pytest.mark.parametrize("name", ["northmere_sar_adult_d", "saltmarsh_sar_mr_k"])
def test_hand_written_board_pages_keep_every_recommendation_and_no_furniture(name):
    """Two board web pages of the layout corpus: a cookie banner with no "cookie" in its class (Civic's
    "ccc-notify"), a menu, breadcrumbs, a search form, a "related" aside, a "was this page helpful" box."""
    reading = open_document(SAR_WEB / f"{name}.html")
    assert reading.reader == "html" and not reading.warnings
    got = "\n".join(ln.text for ln in reading.lines)
    truth = json.loads((SAR_WEB / f"{name}.truth.json").read_text(encoding="utf-8"))
    for rec in truth["recommendations"]:
        assert rec["text"] in got, rec["number"]
    for item in truth["learning"]:
        assert item["text_start"] in got
    for furniture in ("cookies", "Skip to main content", "Accept", "Was this page helpful", "Related pages",
                      "Board members", "Contact the Board", "Search this site", "Accessibility"):
        assert furniture not in got, furniture


def test_article_headers_and_content_asides_are_kept_page_level_ones_dropped():
    page = """<body><header><a href="/">Site</a></header><article><header><h1>DHR Mara</h1></header>
<p>Text.</p><aside><p>Practice point: ask about coercive control at every contact.</p></aside></article>
<aside><a href="/a">Other reviews</a></aside></body>"""
    assert texts(page) == ["DHR Mara", "Text.", "Practice point: ask about coercive control at every contact."]


def test_headings_have_their_levels_and_paragraphs_their_role():
    lines = blocks("<main><h1>Review</h1><h2>1 Introduction</h2><p>Intro text.</p><h3>1.1 Scope</h3>"
                   "<div>Direct text<p>inner</p>tail</div><blockquote>Quoted words</blockquote></main>")
    assert [(ln.cells[0], ln.role, ln.level) for ln in lines] == [
        ("Review", "heading", 1), ("1 Introduction", "heading", 2), ("Intro text.", "paragraph", None),
        ("1.1 Scope", "heading", 3), ("Direct text", "paragraph", None), ("inner", "paragraph", None),
        ("tail", "paragraph", None), ("Quoted words", "paragraph", None)]


def test_text_is_cleaned_entities_decoded_soft_hyphens_removed():
    assert texts("<p>Multi&shy;agency&nbsp;risk &amp;\n   <b>assessment</b>\u200b &lt;MARAC&gt;</p>") == [
        "Multiagency risk & assessment <MARAC>"]


def test_blocks_are_set_apart_by_blank_lines_and_table_rows_are_not():
    lines, _ = html_lines("<h2>Plan</h2><table><tr><th>No</th><th>Action</th></tr><tr><td>1</td><td>Train</td>"
                          "</tr></table><p>After</p>")
    assert [ln.cells for ln in lines] == [("Plan",), (), ("No", "Action"), ("1", "Train"), (), ("After",)]


# ------------------------------------------------------------------------------------------- lists

def test_ordered_lists_number_as_displayed_start_type_value_nested_reversed():
    page = """<ol start="4">
<li>Fourth</li>
<li>Fifth<ol type="a"><li>sub a</li><li>sub b<ul><li>bullet</li></ul></li></ol>after the sub-list</li>
<li value="9">Ninth</li>
<li>Tenth</li>
</ol>
<ol type="I"><li>one</li><li>two</li></ol>
<ol reversed><li>three</li><li>two</li><li>one</li></ol>
<ol style="list-style-type: lower-roman"><li>i</li><li>ii</li><li>iii</li><li>iv</li></ol>
<ul><li><p>Paragraph inside an item</p><p>second paragraph</p></li></ul>"""
    got = [(ln.cells[0], ln.role, ln.level) for ln in blocks(page)]
    assert got == [
        ("4. Fourth", "item", 0), ("5. Fifth", "item", 0), ("a. sub a", "item", 1), ("b. sub b", "item", 1),
        ("• bullet", "item", 2), ("after the sub-list", "paragraph", None), ("9. Ninth", "item", 0),
        ("10. Tenth", "item", 0),
        ("I. one", "item", 0), ("II. two", "item", 0),
        ("3. three", "item", 0), ("2. two", "item", 0), ("1. one", "item", 0),
        ("i. i", "item", 0), ("ii. ii", "item", 0), ("iii. iii", "item", 0), ("iv. iv", "item", 0),
        ("• Paragraph inside an item", "item", 0), ("second paragraph", "paragraph", None)]


# ------------------------------------------------------------------------------------------ tables

def test_table_header_colspan_rowspan_br_and_nested_table():
    page = """<table>
<caption>Action plan</caption>
<thead><tr><th>No</th><th>Recommendation</th><th>Action</th><th>Lead</th></tr></thead>
<tbody>
<tr><td rowspan="2">1</td><td rowspan="2">Train staff<br>in DASH</td><td>Briefing</td><td>Police</td></tr>
<tr><td>Audit</td><td>CSP</td></tr>
<tr><td colspan="2">Osterby Police</td><td>x</td></tr>
<tr><td>2</td><td>Share risk</td><td><table><tr><td>Step 1</td><td>Step 2</td></tr><tr><td>Step 3</td></tr>
</table></td><td>Housing</td></tr>
<tr><th>Agency</th><th>Lead</th></tr>
</tbody></table>"""
    lines = blocks(page)
    assert [(ln.cells, ln.role) for ln in lines] == [
        (("Action plan",), "paragraph"),
        (("No", "Recommendation", "Action", "Lead"), "header"),
        (("1", "Train staff in DASH", "Briefing", "Police"), "row"),
        (("", "", "Audit", "CSP"), "row"),
        (("Osterby Police", "", "x"), "row"),
        (("2", "Share risk", "Step 1 Step 2 Step 3", "Housing"), "row"),
        (("Agency", "Lead"), "header")]


def test_layout_tables_are_read_as_body():
    page = ("<table role=presentation><tr><td><h1>Report</h1><p>Para</p></td><td><p>Side</p></td></tr></table>"
            "<table><tr><td><p>One column box</p></td></tr></table>")
    assert [(ln.cells[0], ln.role) for ln in blocks(page)] == [
        ("Report", "heading"), ("Para", "paragraph"), ("Side", "paragraph"), ("One column box", "paragraph")]


def test_hostile_spans_are_capped():
    lines = blocks('<table><tr><td colspan="100000">a</td><td>b</td></tr>'
                   '<tr><td rowspan="0">c</td></tr><tr><td>d</td></tr></table>')
    assert len(lines[0].cells) == 1 and lines[0].cells[0] == "a"  # b is beyond the column cap
    assert lines[1].cells == ("c",) and lines[2].cells == ("", "d")


# -------------------------------------------------------------------------------- definition lists

def test_definition_list_glossary_gives_term_colon_definition():
    page = """<h2>Glossary</h2><dl>
<dt>MARAC</dt><dd>Multi-Agency Risk Assessment Conference</dd>
<dt>IDVA</dt><dt>ISVA</dt><dd>Independent advocate</dd>
<div><dt>DASH</dt><dd>Domestic Abuse, Stalking and Harassment checklist</dd></div>
<dt>Orphan term</dt></dl>"""
    assert texts(page)[1:] == ["MARAC: Multi-Agency Risk Assessment Conference", "IDVA, ISVA: Independent advocate",
                               "DASH: Domestic Abuse, Stalking and Harassment checklist", "Orphan term"]


# ----------------------------------------------------------------------------------------- provenance

def test_line_numbers_point_at_the_source_line_of_the_text():
    page = hp.review_page(chronology=3)
    source = page.splitlines()
    lines = blocks(page)
    assert lines, "no lines"
    for ln in lines:
        first_word = ln.cells[0].split(" ")[1 if ln.role == "item" else 0].rstrip(":")
        assert first_word in source[ln.no - 1], (ln.no, ln.cells[0], source[ln.no - 1])
    para = next(ln for ln in blocks("<p>\n\n  Three\n  lines of\n  text</p>\n<p>next</p>"))
    assert (para.no, para.no_end) == (3, 5)


def test_title_is_used_when_the_page_has_no_h1():
    lines = blocks("<html><head><title>SAR Adult T | Pellbridge SAB</title></head><body><p>Text</p></body></html>")
    assert (lines[0].cells, lines[0].role, lines[0].level) == (("SAR Adult T | Pellbridge SAB",), "heading", 1)


# -------------------------------------------------------------------------------- detection, encodings

def test_mislabelled_txt_that_is_html_is_read_as_html(tmp_path):
    path = tmp_path / "review.txt"
    path.write_text(hp.review_page(1), encoding="utf-8")
    assert detect(path) == "html"
    reading = open_document(path)
    assert reading.reader == "html"
    assert reading.warnings[0].startswith("review.txt: named .txt but its content is an HTML page")
    assert hp.TITLE in [ln.cells[0] for ln in reading.lines if ln.cells]


@pytest.mark.parametrize("head", [b"<!DOCTYPE html>\n<html>", b"\xef\xbb\xbf<html lang=en>", b"  <HTML>",
                                  b'<?xml version="1.0"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0">',
                                  b"<!-- saved from url -->\n<html>",
                                  b"<div><h1>Review</h1>\n<p>One</p><p>Two</p></div>"])
def test_html_is_recognised_by_content(tmp_path, head):
    path = tmp_path / "page"
    path.write_bytes(head + b"<body><p>Text</p></body></html>")
    assert detect(path) == "html"


def test_text_with_html_fragments_in_cells_stays_text(tmp_path):
    path = tmp_path / "plan"
    path.write_bytes(b"No\tRecommendation\tAction\n1.\tTrain staff\t<ol> <li>Briefings</li> <li>Audit</li></ol>\n"
                     b"2.\tShare risk\t<p>Protocol</p>\n")
    assert detect(path) == "text"
    md = tmp_path / "notes.md"
    md.write_bytes(b"<p>Plan</p>\nNo\tRecommendation\n1.\tTrain\n2.\tAudit\n3.\tShare\n")
    assert detect(md) == "text"


def test_utf16_html_page_is_detected_and_read(tmp_path):
    path = tmp_path / "page.htm"
    path.write_bytes("<html><body><p>Zoë’s review</p></body></html>".encode("utf-16"))
    assert detect(path) == "html"
    assert [ln.cells for ln in open_document(path).lines] == [("Zoë’s review",)]


def test_declared_charset_is_used_when_the_bytes_are_not_utf8():
    data = '<meta charset="windows-1252"><p>Zoë’s review</p>'.encode("cp1252")
    assert decode_html(data) == ('<meta charset="windows-1252"><p>Zoë’s review</p>', "cp1252")
    data = '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-7"><p>Ζ</p>'.encode("iso-8859-7")
    assert decode_html(data)[0].endswith("<p>Ζ</p>")


# ---------------------------------------------------------------------------------------- hostile input

def test_deep_nesting_neither_recurses_nor_hangs():
    n = 100_000
    started = time.perf_counter()
    lines, warnings = html_lines("<div>" * n + "<p>deep text</p>" + "</div>" * n
                                 + "<ul><li>" * 20_000 + "deep item" + "<span>" * 50_000 + "end")
    assert time.perf_counter() - started < 20
    assert "deep text" in [ln.cells[0] for ln in lines if ln.cells]
    assert any("deep item" in ln.cells[0] for ln in lines if ln.cells)
    assert any("nested more than" in w for w in warnings)


def test_element_and_size_caps(monkeypatch):
    monkeypatch.setattr(html_reader, "MAX_ELEMENTS", 10)
    lines, warnings = html_lines("".join(f"<p>para {i}</p>\n" for i in range(50)))
    assert [ln.cells[0] for ln in lines if ln.cells] == [f"para {i}" for i in range(10)]
    assert warnings == ["more than 10 elements; read up to line 11 and ignored the rest"]
    monkeypatch.setattr(html_reader, "MAX_SOURCE_CHARS", 100)
    lines, warnings = html_lines("<p>" + "x" * 500 + "</p>")
    assert len(lines[0].cells[0]) == 97 and "million characters" in warnings[0]


@pytest.mark.parametrize("page", ["<!--", "<p>open <!-- never closed", "<script>", "<p", "<", "<table><tr><td>",
                                  "</div></div></p>", "<ol start=x type=Q><li value=-3>neg</li></ol>",
                                  "\x00<p>\x00</p>", "<svg><p>in svg</p></svg>", "<textarea><p>t</p>",
                                  "<plaintext><p>raw"])
def test_malformed_pages_do_not_raise(page):
    html_lines(page)


def test_tags_inside_attribute_values_and_scripts_do_not_disturb_lines_or_text():
    page = ('<p title="a <b> and \'<i>\'" data-x=\'"<div>"\'>First</p>\n'
            '<script>if (a<b && "</p>") { x = "<div>" }</script>\n<p>Second &lt;b&gt;</p>')
    assert [(ln.no, ln.cells[0]) for ln in blocks(page)] == [(1, "First"), (3, "Second <b>")]


def test_nested_furniture_candidates_are_looked_at_in_bounded_time():
    page = '<div class="menu">' * 400 + "<p>" + "words " * 200_000 + "</p>" + "</div>" * 400
    started = time.perf_counter()
    lines = blocks(page)
    assert time.perf_counter() - started < 10
    assert lines and lines[0].cells[0].startswith("words words")


def test_a_declared_utf16_charset_on_single_byte_text_is_ignored():
    assert decode_html(b'<meta charset="utf-16"><p>Caf\xe9</p>')[0] == '<meta charset="utf-16"><p>Caf\xe9</p>'


def test_an_empty_page_warns(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("<!DOCTYPE html><html><body><nav><a href='/'>Home</a></nav></body></html>")
    reading = open_document(path)
    assert reading.reader == "html" and reading.warnings == ["empty.html: the HTML page has no text in its content"]


def test_a_200kb_page_reads_in_well_under_a_second():
    page = hp.page_of_size(200_000)
    started = time.perf_counter()
    lines, _ = html_lines(page)
    assert time.perf_counter() - started < 2.0  # about 25 ms measured; generous for a loaded machine
    assert sum(1 for ln in lines if ln.role == "item") == len(hp.RECOMMENDATIONS) + len(hp.LEARNING)


# --------------------------------------------------------------------------- the parser, end to end

def _parse(path: Path):
    from reviewgraph.ingest.parse import parse_lines

    data = path.read_bytes()
    reading = open_document(path, data)
    return parse_lines(reading.lines, file_name=path.name, sha256=hashlib.sha256(data).hexdigest())


def test_recommendations_in_an_ol_under_a_heading_are_found(tmp_path):
    path = tmp_path / "wrenholm-sar-adult-r.html"
    path.write_text(hp.review_page(chronology=3), encoding="utf-8")
    doc = _parse(path)
    assert [(r.number, r.text) for r in doc.report_recs] == [
        (str(i), text) for i, text in enumerate(hp.RECOMMENDATIONS, 1)]
    assert [(item.number, item.text) for item in doc.learning] == [
        (str(i), text) for i, text in enumerate(hp.LEARNING, 1)]
    plan = [r for p in doc.plans for r in p.recs]
    assert [(r.number, r.text) for r in plan] == [(no, rec) for no, rec, *_ in hp.PLAN_ROWS]
    first = doc.report_recs[0]
    source = path.read_text().splitlines()
    assert hp.RECOMMENDATIONS[0][:40] in source[first.span.line_start - 1]


def write_plan_html(path: Path, rows: fd.Rows = fd.ROWS) -> Path:
    """The synthetic plan as a web page: a table, agency headings as rows spanning it."""
    out = ["<!DOCTYPE html>", "<html><head><title>Action plan</title></head><body><main>",
           f"<h1>{fd.TITLE}</h1>", f"<p>{fd.AS_OF}</p>", "<table>",
           "<thead><tr>" + "".join(f"<th>{h}</th>" for h in fd.HEADER) + "</tr></thead>", "<tbody>"]
    for row in rows:
        if isinstance(row, str):
            out.append(f'<tr><td colspan="{len(fd.HEADER)}"><strong>{row}</strong></td></tr>')
        else:
            out.append("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>")
    out += ["</tbody></table>", "</main></body></html>"]
    path.write_text("\n".join(out), encoding="utf-8")
    return path


def write_report_html(path: Path) -> Path:
    """The synthetic overview report as a web page: numbered headings and paragraphs, agency sub-headings."""
    out = ["<!DOCTYPE html>", "<html><body><main>"]
    out += [f"<p>{line}</p>" for line in fd.REPORT_TITLE]
    for number, title, items in fd.REPORT:
        out.append(f"<h2>{number} {title}</h2>")
        for item in items:
            out.append(f"<h3>{item}</h3>" if isinstance(item, str) else f"<p>{item[0]} {item[1]}</p>")
    out.append("</main></body></html>")
    path.write_text("\n".join(out), encoding="utf-8")
    return path


def _view(path: Path, store_dir: Path) -> dict:
    from reviewgraph.graph.store import Store
    from reviewgraph.ingest.pipeline import ingest_file
    from tests.test_same_graph import _view as view

    result = ingest_file(path)
    assert result.doc is not None and result.error is None, result.error
    store = Store(store_dir)
    store.add([result.doc])
    return view(json.loads(store.graph().to_json()))


@pytest.mark.parametrize("rows", [fd.ROWS, fd.scaled_rows(24)], ids=["plan", "long-plan"])
def test_an_html_action_plan_gives_the_graph_of_the_text_version(tmp_path, rows):
    text = _view(fd.write("text", tmp_path, stem="kestrelford-dhr-7", rows=rows), tmp_path / "store-text")
    html = _view(write_plan_html(tmp_path / "kestrelford-dhr-7.html", rows), tmp_path / "store-html")
    assert len(text["recommendations"]) == len(fd.recs(rows))
    for part in text:
        assert html[part] == text[part], f"html: {part} differ from the text version"


def test_an_html_overview_report_gives_the_graph_of_the_text_version(tmp_path):
    text = _view(fd.write_report_text(tmp_path / "kestrelford-dhr-7-report.txt"), tmp_path / "store-text")
    html = _view(write_report_html(tmp_path / "kestrelford-dhr-7-report.html"), tmp_path / "store-html")
    assert len(text["recommendations"]) == 3 and len(text["learning"]) == 2
    for part in text:
        assert html[part] == text[part], f"html: {part} differ from the text version"
