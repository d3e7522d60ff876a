"""HTML reader (selectolax, the Lexbor engine): a review published as a web page, read as lines in document order.

**What is read.** The page's content: the first ``<main>``, else the element with ``role="main"``, else the
page's only ``<article>``, else ``<body>`` (and ``<body>`` when the chosen element gives no text). Inside it,
page furniture is left out:

- ``script``, ``style``, ``noscript``, ``template``, ``nav``, ``iframe``, ``svg``, ``canvas``, ``object``,
  ``embed``, form controls (``button``, ``input``, ``select``, ``textarea``) and ``head`` content; a button
  that holds a title is kept: inside a heading or a ``summary`` (``<h3><button>Title</button></h3>``, an
  accordion's panel title) as the heading's text, and an accordion's toggle on its own (``aria-expanded``,
  ``aria-controls`` or a class naming an accordion or toggle) as a paragraph;
- a ``header`` or ``footer`` that no ``article``, ``section`` or ``main`` holds (the page's own, not a
  section's), and elements whose ``role`` is navigation, banner, contentinfo, search, complementary, menu,
  menubar or toolbar;
- an ``aside`` outside the content's sections, or one that is mostly links; an ``aside`` inside an article
  or section with text of its own (a "practice point" box) is content and is kept;
- a ``form`` with little text (a search box, a newsletter sign-up); a form round the whole page (as
  ASP.NET sites have) is walked into;
- elements whose ``id``, ``class`` or ``aria-label`` name them a cookie or consent banner (always), or a
  breadcrumb, menu, navigation, skip link, social share bar, sidebar, "related" or "feedback" box when
  their text is mostly links: a section whose id came from its heading ("information-sharing",
  "adult-social-care") has text of its own and stays;
- near the top of the content (two levels down at most), a ``div`` or ``section`` of under 1,500
  characters that speaks of cookies and asks to accept, reject or set them, whatever its class.

Hidden content (``hidden``, ``display:none``, ``aria-hidden``) is read: collapsed accordions and inactive
tabs hold report sections.

**Lines**, one per block, in document order (``Line.role`` and ``Line.level`` say what each is):

- ``h1``-``h6``: ``role="heading"``, ``level`` 1-6;
- ``p``, ``blockquote``, a ``div`` (or any block) with text of its own, ``figcaption``, a table's
  ``caption``: ``role="paragraph"``; ``pre`` gives a line per source line;
- ``li``: ``role="item"``, ``level`` the nesting depth (0 outermost), the text after the marker the list
  shows: for ``<ol>`` its number ("1.", "b.", "iv.", honouring ``start``, ``reversed``, ``type``, the
  inline ``list-style-type`` and ``<li value>``), for ``<ul>`` "•" (no marker for ``list-style-type: none``).
  A nested list gives its own items; text of the item after a nested list is a paragraph;
- a table: a line per ``<tr>``, a cell per ``th``/``td`` (text with ``<br>`` and inner blocks joined by
  spaces; a nested table's cells joined into its cell); a cell spanning columns gives its text and then an
  empty cell per extra column; a cell spanning rows gives its text on its first row only, the positions it
  covers below left empty (the parser reads a row with empty cells as continuing the one above). Rows in
  ``<thead>``, and rows of ``th`` only, are ``role="header"``; others ``role="row"``. A layout table (``role=
  "presentation"``, one column, or headings inside its cells) is read as body, cell after cell;
- ``dl``: a paragraph "Term: definition" per ``dd`` (several ``dt`` before it joined by ", ").

As in the Word reader, blocks are set apart by a blank line; the rows of one table follow each other without
one. Text: entities decoded, white space (``&nbsp;`` included) collapsed, soft hyphens and zero-width
characters removed. ``ol`` numbers are also written inside table cells; bullets there are not.

**Provenance.** Lexbor does not keep source positions, so before parsing every start tag is given an
attribute holding its source line (``data-reviewgraph-line``; a scan that skips comments and the content of
``script``/``style``/``textarea``/``title``). ``Line.no`` is the source line (1-based, in the file as
saved) where the block's text begins: the line of the last start tag before it, plus the line breaks of the
white space before the text. ``Line.no_end`` is the line where its text ends, when that is a later line:
the user opens the HTML file at that line (view-source, an editor) and finds the sentence.

**Limits**: the whole file is read up to :data:`MAX_SOURCE_CHARS` characters and :data:`MAX_ELEMENTS`
start tags (then the rest is left, with a warning); elements nested deeper than :data:`MAX_DEPTH` are read
as text of their parent (Lexbor's tree building slows with the square of nesting depth, and no real page
nests that deep), with a warning; a table row has at most :data:`MAX_COLUMNS` cells. Nothing recurses: the tree is walked with an explicit stack. The
characters of text are capped with every other format's by the ingest pipeline.

>>> lines, _ = html_lines('<ol start="3"><li>Train staff</li><li>Audit <b>referrals</b></li></ol>')
>>> [(ln.cells[0], ln.role, ln.level) for ln in lines if not ln.blank]
[('3. Train staff', 'item', 0), ('4. Audit referrals', 'item', 0)]
"""

from __future__ import annotations

import codecs
import re
from collections import Counter
from pathlib import Path
from typing import Any

from reviewgraph.ingest.readers.base import ReadError, Reader, Reading, Sample
from reviewgraph.records.parsed import Line

__all__ = ["MAX_DEPTH", "MAX_ELEMENTS", "MAX_SOURCE_CHARS", "READER", "decode_html", "html_lines",
           "looks_like_html", "read_document", "sniff"]

#: the most characters of HTML source read from one file (about 50 MB of markup: a long report is 1-3 MB)
MAX_SOURCE_CHARS = 50_000_000
#: the most start tags read from one file (a 200-page report saved as HTML has some tens of thousands; a
#: page of 200,000 bare paragraphs reads in about 7 s)
MAX_ELEMENTS = 200_000
#: elements nested deeper than this are read as text of their parent
MAX_DEPTH = 512
#: the most columns a table row is given (colspan is capped by it)
MAX_COLUMNS = 64

_ATTR = "data-reviewgraph-line"

_VOID = frozenset("area base br col embed hr img input link meta param source track wbr keygen frame "
                  "basefont bgsound image isindex".split())
#: elements whose end tag may be left out; the depth count closes them as the HTML parser would
_IMPLIED = {"td": ("tr", "table"), "th": ("tr", "table"), "tr": ("table",), "li": ("ul", "ol", "menu"),
            "dt": ("dl",), "dd": ("dl",), "option": ("select",)}
_IMPLIED_BY = {"td": ("td", "th"), "th": ("td", "th"), "tr": ("tr", "td", "th"), "li": ("li",),
               "dt": ("dt", "dd"), "dd": ("dt", "dd"), "option": ("option",)}
_UNCOUNTED = frozenset("p html head body tbody thead tfoot colgroup caption rb rt rp optgroup".split())
_RAW = frozenset("script style textarea title xmp iframe noembed noframes".split())
_TAG = re.compile(r"<(?:(!--)|(/?)([A-Za-z][^\s/>\x00]*))")
_RAW_END = {name: re.compile(rf"</{name}[\s/>]", re.IGNORECASE) for name in _RAW}

_DROP = frozenset("script style noscript template nav iframe svg canvas object embed button input select "
                  "textarea head title meta link map video audio noembed noframes frameset dialog".split())
_DROP_ROLES = frozenset("navigation banner contentinfo search complementary menu menubar toolbar".split())
_SECTIONING = frozenset(("article", "section", "main"))
_HEADINGS = {f"h{i}": i for i in range(1, 7)}
_LISTS = frozenset(("ol", "ul", "menu", "dir"))
_BLOCK = frozenset("address article aside blockquote body center details div dl dd dt fieldset figcaption "
                   "figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr li main menu dir nav ol p pre section "
                   "summary table caption tr td th thead tbody tfoot ul legend search html".split())

_LINKY = frozenset("breadcrumb breadcrumbs crumbs menu megamenu submenu navbar nav navigation subnav skip skiplink "
                   "skiplinks share sharing sharethis addthis social related sidebar feedback".split())
_COOKIE = frozenset("cookie cookies gdpr cookiebot onetrust cmp ccc cookielaw".split())
#: a short block at the top of the page that talks of cookies and asks to accept them is a cookie banner,
#: whatever its class (Civic's "ccc-notify", a CMS's own names)
_COOKIE_TEXT = re.compile(r"\bcookies?\b", re.IGNORECASE)
_CONSENT_TEXT = re.compile(r"\b(accept|reject|allow|agree|consent|settings|preferences|ok)\b", re.IGNORECASE)
_CONSENT_WITH = frozenset("banner bar notice popup modal manager dialog overlay message prompt".split())

_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_SPACE = re.compile(r"\s+")
_CAMEL = re.compile(r"([a-z])([A-Z])")
_NON_WORD = re.compile(r"[^a-z0-9]+")
_LIST_STYLE = re.compile(r"list-style(?:-type)?\s*:\s*([a-z-]+)", re.IGNORECASE)
_META_CHARSET = re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.IGNORECASE)


def clean(text: str) -> str:
    """Text as a reader gives it: white space collapsed, soft hyphens and zero-width characters removed.

    >>> clean("  Multi\u00adagency\\u00a0risk \\n assessment ")
    'Multiagency risk assessment'
    """
    return _SPACE.sub(" ", _INVISIBLE.sub("", text)).strip()


# ---------------------------------------------------------------------------------------------- detection

_KNOWN = re.compile(rb"<(html|head|body|title|meta|link|div|p|h[1-6]|table|tr|td|th|ul|ol|li|dl|section|article"
                    rb"|main|header|footer|nav|span|a|br|strong|em|b|i|script|style|form|img)[\s/>]", re.IGNORECASE)


def looks_like_html(head: bytes) -> bool:
    """Whether a file's first bytes are an HTML page: a doctype or ``<html>`` first (after an XML prolog or
    comments), or a start made of HTML tags (at least three, and few tab-separated lines: text extracted
    from PDF has HTML fragments in its cells, and stays text).

    >>> looks_like_html(b"<!DOCTYPE html><title>SAR</title>")
    True
    >>> looks_like_html(b"<h1>Review</h1>\\n<p>One</p>\\n<p>Two</p>")
    True
    >>> looks_like_html(b"No\\tRecommendation\\n1.\\t<ol> <li>Brief staff</li></ol>\\n")
    False
    """
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or head[1:8:2] == b"\x00" * 4 or head[0:8:2] == b"\x00" * 4:
        enc = "utf-16" if head.startswith((b"\xff\xfe", b"\xfe\xff")) else (
            "utf-16-le" if head[1:8:2] == b"\x00" * 4 else "utf-16-be")
        head = head.decode(enc, errors="replace").encode("utf-8", errors="replace")
    s = head.lstrip(b"\xef\xbb\xbf \t\r\n\x0c")
    while True:
        if s.startswith(b"<?"):
            end = s.find(b">")
        elif s.startswith(b"<!--"):
            end = s.find(b"-->")
            end = end + 2 if end >= 0 else -1
        else:
            break
        if end < 0:
            return False
        s = s[end + 1:].lstrip()
    low = s[:15].lower()
    if low.startswith((b"<!doctype html", b"<html")):
        return True
    if not _KNOWN.match(s):
        return False
    lines = s.split(b"\n")
    tabbed = sum(1 for ln in lines if b"\t" in ln.strip(b"\t \r"))
    return len(_KNOWN.findall(s)) >= 3 and tabbed <= len(lines) // 10


# ----------------------------------------------------------------------------------------------- decoding

def decode_html(data: bytes) -> tuple[str, str]:
    """(text, encoding): a byte-order mark, else UTF-8 when the bytes are UTF-8, else the ``<meta charset>``
    the page declares (ISO-8859-1 read as Windows-1252, as browsers do), else Windows-1252.

    >>> decode_html('<meta charset="iso-8859-1"><p>Zoë'.encode("cp1252"))[1]
    'cp1252'
    """
    from reviewgraph.ingest.readers.text import decode

    text, encoding = decode(data)
    if encoding in ("cp1252", "utf-8 (with replacements)"):
        m = _META_CHARSET.search(data[:4096])
        if m:
            declared = m.group(1).decode("ascii", "replace").lower()
            if declared in ("iso-8859-1", "latin1", "latin-1", "us-ascii", "ascii", "iso8859-1"):
                declared = "cp1252"
            try:
                name = codecs.lookup(declared).name
            except LookupError:
                name = ""
            if name and name not in ("utf-8", "cp1252") and not name.startswith(("utf-16", "utf-32")):
                return data.decode(name, errors="replace"), name
    return text, encoding


# ----------------------------------------------------------------------------- source lines into the tree

def _mark(src: str, warnings: list[str]) -> str:
    """``src`` with each start tag given its source line as an attribute; capped in size, elements and depth."""
    out: list[str] = []
    last = pos = counted = 0
    line = 1
    stack: list[str] = []
    open_count: Counter[str] = Counter()
    elided: Counter[str] = Counter()
    elements = 0
    deep_warned = False
    n = len(src)

    def pop_to(name: str) -> None:
        while stack:
            top = stack.pop()
            open_count[top] -= 1
            if top == name:
                return

    while True:
        m = _TAG.search(src, pos)
        if m is None:
            break
        if m.group(1):  # a comment: to its end (an unclosed comment runs to the end of the file)
            end = src.find("-->", m.end())
            if end < 0:
                break
            pos = end + 3
            continue
        name = m.group(3).lower()
        after = m.end()
        if m.group(2):  # an end tag
            if elided[name]:
                elided[name] -= 1
                gt = src.find(">", after)
                out.append(src[last:m.start()])
                out.append(" ")
                last = pos = n if gt < 0 else gt + 1
                continue
            if open_count[name]:
                pop_to(name)
            pos = after
            continue
        elements += 1
        if elements > MAX_ELEMENTS:
            line += src.count("\n", counted, m.start())
            warnings.append(f"more than {MAX_ELEMENTS:,} elements; read up to line {line} and ignored the rest")
            out.append(src[last:m.start()])
            return "".join(out)
        if name in _IMPLIED:  # an unclosed <td>, <li>... is closed by the next one
            bounds, same = _IMPLIED[name], _IMPLIED_BY[name]
            for i in range(len(stack) - 1, max(-1, len(stack) - 65), -1):
                if stack[i] in bounds:
                    break
                if stack[i] in same:
                    pop_to(stack[i])
                    break
        if name not in _VOID and name not in _UNCOUNTED:
            if len(stack) >= MAX_DEPTH:
                if not deep_warned:
                    line += src.count("\n", counted, m.start())
                    counted = m.start()
                    warnings.append(f"line {line}: elements nested more than {MAX_DEPTH} deep; the deeper ones "
                                    "are read as text of their parent")
                    deep_warned = True
                elided[name] += 1
                gt = src.find(">", after)
                out.append(src[last:m.start()])
                out.append(" ")
                last = pos = n if gt < 0 else gt + 1
                continue
            stack.append(name)
            open_count[name] += 1
        line += src.count("\n", counted, m.start())
        counted = m.start()
        out.append(src[last:after])
        out.append(f" {_ATTR}={line} ")  # unquoted: no quote lands inside an attribute value
        last = pos = after
        if name in _RAW:
            end_m = _RAW_END[name].search(src, after)
            if end_m is None:
                break
            pos = end_m.start()
        elif name == "plaintext":
            break
    out.append(src[last:])
    return "".join(out)


# ------------------------------------------------------------------------------------------ the tree walk

def _children(node: Any) -> list[Any]:
    kids = []
    child = node.child
    while child is not None:
        kids.append(child)
        child = child.next
    return kids


def _line_of(attrs: dict[str, str | None], default: int) -> int:
    value = attrs.get(_ATTR)
    return int(value) if value and value.isdigit() else default


def _tokens(attrs: dict[str, str | None]) -> set[str]:
    raw = " ".join(v for k in ("id", "class", "aria-label") if (v := attrs.get(k)))
    return set(_NON_WORD.split(_CAMEL.sub(r"\1-\2", raw).lower())) if raw else set()


_LOOK = 20_000  # characters of an element's text looked at to tell furniture from content
_LOOK_NODES = 5_000


def _link_share(node: Any) -> tuple[float, int]:
    """(share of the element's text inside links, characters of text, at most :data:`_LOOK`), looking at no
    more than :data:`_LOOK` characters and :data:`_LOOK_NODES` nodes: furniture is small, and an element with
    more text than that is content (the answer is then ``(0.0, _LOOK)``)."""
    total = linked = seen = 0
    stack: list[tuple[Any, bool]] = [(node, False)]
    while stack:
        cur, in_link = stack.pop()
        seen += 1
        if seen > _LOOK_NODES:
            return 0.0, _LOOK
        tag = cur.tag
        if tag == "-text":
            n = len(cur.text(deep=True).strip())
            total += n
            linked += n if in_link else 0
            if total >= _LOOK:
                return 0.0, _LOOK
            continue
        if tag in _DROP or tag.startswith(("-", "!")):
            continue
        in_link = in_link or tag == "a"
        stack.extend((child, in_link) for child in _children(cur))
    return (linked / total if total else 1.0), total


def _peek(node: Any, limit: int = 1500) -> str:
    """The text of ``node`` (buttons included, scripts not), up to about ``limit`` characters."""
    parts: list[str] = []
    size = seen = 0
    stack = [node]
    while stack and size <= limit and seen < _LOOK_NODES:
        cur = stack.pop()
        seen += 1
        tag = cur.tag
        if tag == "-text":
            text = cur.text(deep=True)
            parts.append(text)
            size += len(text)
        elif not tag.startswith(("-", "!")) and tag not in ("script", "style", "template", "svg"):
            stack.extend(reversed(_children(cur)))
    return " ".join(parts)


def _cookie_banner(node: Any) -> bool:
    """A block of under 1,500 characters that speaks of cookies and asks to accept, reject or set them."""
    text = _peek(node)
    return len(text) <= 1500 and bool(_COOKIE_TEXT.search(text)) and bool(_CONSENT_TEXT.search(text))


_DISCLOSURE = frozenset("accordion accordions collapse collapsible disclosure expander expand toggle "
                        "trigger".split())


def _title_button(attrs: dict[str, str | None], parent: str) -> str | bool:
    """A button that holds a title, not a control: "inline" inside a heading or a ``summary`` (an
    accordion's ``<h3><button>Title</button></h3>``), "block" for an accordion's toggle on its own
    (``aria-expanded`` / ``aria-controls``, or a class naming an accordion); False for any other button.

    >>> _title_button({"class": "accordion__trigger"}, "div"), _title_button({}, "h3")
    ('block', 'inline')
    >>> _title_button({}, "div")
    False
    """
    if parent in _HEADINGS or parent == "summary":
        return "inline"
    if "aria-expanded" in attrs or "aria-controls" in attrs or _tokens(attrs) & _DISCLOSURE:
        return "block"
    return False


def _furniture(node: Any, tag: str, attrs: dict[str, str | None], in_section: bool, top: bool = False) -> bool:
    """Whether an element is page furniture to leave out (see the module's documentation); ``top``: the
    element is a child of ``<body>`` or of the content element, where cookie banners sit."""
    if tag in _DROP:
        return True
    if tag in ("header", "footer") and not in_section:
        return True
    role = (attrs.get("role") or "").strip().lower()
    if role in _DROP_ROLES:
        return True
    if tag == "aside":
        return not in_section or _link_share(node)[0] >= 0.5
    if tag == "form":
        return _link_share(node)[1] < 1000
    tokens = _tokens(attrs)
    if not tokens:
        return top and tag in ("div", "section") and _cookie_banner(node)
    if tokens & _COOKIE or ("consent" in tokens and tokens & _CONSENT_WITH):
        return _link_share(node)[1] < 5000
    if tokens & _LINKY:
        share, length = _link_share(node)
        if share >= 0.5 or length == 0:
            return True
    return top and tag in ("div", "section") and _cookie_banner(node)


def _roman(n: int) -> str:
    out = []
    for value, numeral in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
                           (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out.append(numeral)
            n -= value
    return "".join(out)


def _alpha(n: int) -> str:
    out = ""
    while n > 0:
        n, r = divmod(n - 1, 26)
        out = chr(97 + r) + out
    return out


_STYLE_KIND = {"decimal": "1", "decimal-leading-zero": "01", "lower-alpha": "a", "lower-latin": "a",
               "upper-alpha": "A", "upper-latin": "A", "lower-roman": "i", "upper-roman": "I", "none": "",
               "disc": "•", "circle": "•", "square": "•"}


def _kind(attrs: dict[str, str | None], default: str) -> str:
    style = attrs.get("style") or ""
    m = _LIST_STYLE.search(style)
    if m and m.group(1).lower() in _STYLE_KIND:
        return _STYLE_KIND[m.group(1).lower()]
    t = (attrs.get("type") or "").strip()
    if t in ("1", "a", "A", "i", "I"):
        return t
    if t.lower() in ("disc", "circle", "square"):
        return "•"
    return default


def _marker(n: int, kind: str) -> str:
    """The marker a list shows for number ``n`` in a style ("1", "a", "A", "i", "I", "01", "•", "").

    >>> [_marker(n, k) for n, k in ((3, "1"), (2, "a"), (28, "A"), (4, "i"), (9, "I"), (7, "01"), (1, "•"))]
    ['3.', 'b.', 'AB.', 'iv.', 'IX.', '07.', '•']
    """
    if kind in ("•", ""):
        return kind
    if kind in ("a", "A") and n > 0:
        text = _alpha(n)
    elif kind in ("i", "I") and 0 < n < 4000:
        text = _roman(n)
    elif kind == "01":
        text = f"{n:02d}"
    else:
        text = str(n)
    return (text.upper() if kind in ("A", "I") else text) + "."


def _int(value: str | None) -> int | None:
    value = (value or "").strip()
    m = re.match(r"[-+]?\d{1,9}", value)
    return int(m.group()) if m else None


class _Lists:
    """The markers of list items, computed once per list."""

    def __init__(self) -> None:
        self.markers: dict[int, str] = {}
        self.done: set[int] = set()

    def marker(self, li: Any) -> str:
        parent = li.parent
        if parent is None or parent.tag not in _LISTS:
            return "•"
        if parent.mem_id not in self.done:
            self.done.add(parent.mem_id)
            self._number(parent)
        return self.markers.get(li.mem_id, "•")

    def _number(self, lst: Any) -> None:
        attrs = lst.attributes
        items = [c for c in _children(lst) if c.tag == "li"]
        if lst.tag != "ol":
            kind = _kind(attrs, "•")
            kind = kind if kind in ("•", "") else "•"
            for li in items:
                self.markers[li.mem_id] = _kind(li.attributes, kind) if kind else ""
            return
        backwards = "reversed" in attrs
        start = _int(attrs.get("start"))
        n = start if start is not None else (len(items) if backwards else 1)
        kind = _kind(attrs, "1")
        for li in items:
            la = li.attributes
            value = _int(la.get("value"))
            if value is not None:
                n = value
            self.markers[li.mem_id] = _marker(n, _kind(la, kind))
            n += -1 if backwards else 1


class _Walker:
    def __init__(self) -> None:
        self.lines: list[Line] = []
        self.lists = _Lists()
        self.buf: list[str] = []
        self.start = 0  # source line where the buffered text begins
        self.end = 0  # and where it ends, so far
        self.pos_line = 1  # the source line reached: exact at each start tag, then counted through the text
        self.has_text = False  # the buffer holds more than white space
        self.item: dict[str, Any] | None = None  # the list item whose first text is still to come
        self.prev_kind = ""

    # ------------------------------------------------------------------------------------------ emitting
    def emit(self, cells: tuple[str, ...], role: str, no: int, no_end: int | None = None,
             level: int | None = None, kind: str = "block") -> None:
        lines = self.lines
        if lines and not lines[-1].blank and (kind == "block" or kind != self.prev_kind):
            lines.append(Line(no=lines[-1].no, cells=()))
        lines.append(Line(no=no, cells=cells, role=role, level=level,
                          no_end=no_end if no_end is not None and no_end > no else None))
        self.prev_kind = kind

    def text(self, raw: str) -> None:
        if not self.has_text:
            stripped = raw.lstrip()
            if stripped:
                self.start = self.pos_line + raw[: len(raw) - len(stripped)].count("\n")
                self.has_text = True
        self.buf.append(raw)
        body = raw.rstrip()
        if body.strip():
            self.end = self.pos_line + body.count("\n")
        self.pos_line += raw.count("\n")

    def flush(self, owner: dict[str, Any]) -> None:
        if not self.buf:
            return
        raw = "".join(self.buf)
        self.buf = []
        self.has_text = False
        tag = owner["tag"]
        if tag == "pre":
            parts = raw.split("\n")
            first = next((i for i, part in enumerate(parts) if part.strip()), 0)
            kind = f"pre{len(self.lines)}"  # the lines of one block follow each other without a blank
            for i, part in enumerate(parts):
                text = clean(part)
                if text:
                    self.emit((text,), "paragraph", self.start + i - first, kind=kind)
            return
        text = clean(raw)
        if not text:
            return
        if tag in _HEADINGS:
            self.emit((text,), "heading", self.start, self.end, level=_HEADINGS[tag])
        elif self.item is not None:  # the first text of a list item, in it or in a paragraph inside it
            item, self.item = self.item, None
            marker = item["marker"]
            self.emit((f"{marker} {text}" if marker else text,), "item", self.start, self.end, level=item["level"])
        else:
            self.emit((text,), "paragraph", self.start, self.end)

    # ------------------------------------------------------------------------------------- inner text
    def gather(self, node: Any, line: int, in_cell: bool = True) -> tuple[str, int]:
        """(text of ``node``'s subtree, the source line where it ends): blocks, cells and ``<br>`` give
        spaces; ``ol`` numbers are kept; furniture left out."""
        parts: list[str] = []
        end = line
        stack: list[Any] = [node]
        first = True
        while stack:
            cur = stack.pop()
            if isinstance(cur, str):
                parts.append(cur)
                continue
            tag = cur.tag
            if tag == "-text":
                t = cur.text(deep=True) or ""
                parts.append(t)
                if t.strip():
                    end = line + t.rstrip().count("\n")
                line += t.count("\n")
                continue
            if tag.startswith(("-", "!")) or tag == "_comment":
                continue
            attrs = cur.attributes
            if not first and _furniture(cur, tag, attrs, True):
                continue
            first = False
            line = _line_of(attrs, line)
            if tag == "br":
                parts.append(" ")
                continue
            if tag in _BLOCK:
                parts.append(" ")
                stack.append(" ")
            if tag == "li" and cur.parent is not None and cur.parent.tag == "ol":
                marker = self.lists.marker(cur)
                if marker:
                    parts.append(marker + " ")
            stack.extend(reversed(_children(cur)))
        return clean("".join(parts)), end

    # ---------------------------------------------------------------------------------------- tables
    def table_rows(self, table: Any) -> list[tuple[Any, bool, list[Any]]]:
        """(tr, in thead, cells) of a table's own rows (not those of tables nested in its cells)."""
        rows = []
        for child in _children(table):
            tag = child.tag
            if tag == "tr":
                rows.append((child, False))
            elif tag in ("thead", "tbody", "tfoot"):
                rows.extend((tr, tag == "thead") for tr in _children(child) if tr.tag == "tr")
        return [(tr, head, [c for c in _children(tr) if c.tag in ("td", "th")]) for tr, head in rows]

    def is_layout(self, table: Any, rows: list[tuple[Any, bool, list[Any]]]) -> bool:
        role = (table.attributes.get("role") or "").strip().lower()
        if role in ("presentation", "none"):
            return True
        if not rows or max(len(cells) for _, _, cells in rows) <= 1:
            return True
        return table.css_first("h1, h2, h3, h4, h5, h6") is not None

    def table(self, table: Any, rows: list[tuple[Any, bool, list[Any]]]) -> None:
        caption = next((c for c in _children(table) if c.tag == "caption"), None)
        if caption is not None:
            line = _line_of(caption.attributes, self.pos_line)
            text, end = self.gather(caption, line)
            if text:
                self.emit((text,), "paragraph", line, end)
        kind = f"t{table.mem_id}"
        pending: dict[int, int] = {}  # column -> rows still covered by a cell above
        for index, (tr, in_head, cells) in enumerate(rows):
            covered = {c for c, left in pending.items() if left > 0}
            out: list[str] = []
            new: dict[int, int] = {}
            col = 0
            line = _line_of(tr.attributes, self.pos_line)
            end = line
            all_th = bool(cells)
            for cell in cells:
                while col in covered and col < MAX_COLUMNS:
                    out.append("")
                    col += 1
                if col >= MAX_COLUMNS:
                    break
                attrs = cell.attributes
                all_th = all_th and cell.tag == "th"
                text, cell_end = self.gather(cell, _line_of(attrs, line))
                end = max(end, cell_end)
                span = min(max(_int(attrs.get("colspan")) or 1, 1), MAX_COLUMNS - col)
                down = _int(attrs.get("rowspan"))
                down = len(rows) - index if down == 0 else min(max(down or 1, 1), len(rows) - index)
                out.append(text)
                out.extend([""] * (span - 1))
                if down > 1:
                    for c in range(col, col + span):
                        new[c] = down - 1
                col += span
            pending = {c: left - 1 for c, left in pending.items() if left > 1 and c in covered}
            pending.update(new)
            while out and not out[-1]:
                out.pop()
            self.pos_line = max(self.pos_line, end)
            if not out:
                continue
            self.emit(tuple(out), "header" if in_head or all_th else "row", line, end, kind=kind)
        self.prev_kind = "block"

    # ------------------------------------------------------------------------------------ definitions
    def definitions(self, dl: Any) -> None:
        terms: list[tuple[str, int]] = []
        used = False
        items: list[Any] = []
        for child in _children(dl):  # <div> may wrap a dt/dd group
            if child.tag == "div":
                items.extend(c for c in _children(child) if c.tag in ("dt", "dd"))
            elif child.tag in ("dt", "dd"):
                items.append(child)
        for item in items:
            line = _line_of(item.attributes, self.pos_line)
            text, end = self.gather(item, line)
            self.pos_line = max(self.pos_line, end)
            if item.tag == "dt":
                if used:
                    terms, used = [], False
                if text:
                    terms.append((text, line))
                continue
            if not text:
                continue
            if terms:
                label = ", ".join(t for t, _ in terms)
                self.emit((f"{label}: {text}",), "paragraph", terms[0][1], end)
                used = True
            else:
                self.emit((text,), "paragraph", line, end)
        if terms and not used:
            self.emit((", ".join(t for t, _ in terms),), "paragraph", terms[0][1])

    # ---------------------------------------------------------------------------------------- the walk
    def walk(self, container: Any) -> None:
        EXIT = object()  # noqa: N806
        owners: list[dict[str, Any]] = [{"tag": "body"}]
        sections = [False]  # inside article / section / main
        depth = [0]  # list nesting
        stack: list[Any] = [(container, 0)]  # (node, depth below the container) or (node, EXIT)
        first = True
        while stack:
            node, mark = stack.pop()
            if mark is EXIT:
                owner = owners.pop()
                self.flush(owner)
                sections.pop()
                if owner["tag"] in _LISTS:
                    depth[0] -= 1
                elif owner["tag"] == "li" and self.item is owner:
                    self.item = None
                continue
            tag = node.tag
            if tag == "-text":
                self.text(node.text(deep=True) or "")
                continue
            if tag.startswith(("-", "!")) or tag == "_comment":
                continue
            attrs = node.attributes
            title = tag == "button" and _title_button(attrs, owners[-1]["tag"])
            if not first and not title and _furniture(node, tag, attrs, sections[-1], mark <= 2):
                continue
            first = False
            self.pos_line = _line_of(attrs, self.pos_line)
            if title == "block":  # an accordion's toggle on its own: the title of the panel after it
                self.flush(owners[-1])
                owners.append({"tag": "button"})
                sections.append(sections[-1])
                stack.append((node, EXIT))
                stack.extend((child, mark + 1) for child in reversed(_children(node)))
                continue
            if tag == "br":
                self.text(" ")
                continue
            if tag == "table":
                rows = self.table_rows(node)
                if not self.is_layout(node, rows):
                    self.flush(owners[-1])
                    self.table(node, rows)
                    continue
            if tag == "dl":
                self.flush(owners[-1])
                self.definitions(node)
                continue
            if tag in _BLOCK:
                self.flush(owners[-1])
                owner: dict[str, Any] = {"tag": tag}
                if tag in _LISTS:
                    depth[0] += 1
                    self.item = None
                elif tag == "li":
                    owner["marker"] = self.lists.marker(node)
                    owner["level"] = max(0, depth[0] - 1)
                    self.item = owner
                owners.append(owner)
                sections.append(sections[-1] or tag in _SECTIONING or (attrs.get("role") or "") == "main")
                stack.append((node, EXIT))
            stack.extend((child, mark + 1) for child in reversed(_children(node)))
        while len(owners) > 1:
            self.flush(owners.pop())
        self.flush(owners[0])


def _container(tree: Any) -> Any:
    body = tree.body
    for selector in ("main", "[role=main]"):
        found = tree.css_first(selector)
        if found is not None:
            return found
    articles = tree.css("article")
    if len(articles) == 1:
        return articles[0]
    return body if body is not None else tree.root


def html_lines(source: str, warnings: list[str] | None = None) -> tuple[list[Line], list[str]]:
    """(lines, warnings) of an HTML document given as text (see the module's documentation)."""
    from selectolax.lexbor import LexborHTMLParser

    warnings = [] if warnings is None else warnings
    source = source.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    if len(source) > MAX_SOURCE_CHARS:
        cut = source.count("\n", 0, MAX_SOURCE_CHARS) + 1
        warnings.append(f"more than {MAX_SOURCE_CHARS / 1e6:g} million characters of HTML; read up to line {cut} "
                        "and ignored the rest")
        source = source[:MAX_SOURCE_CHARS]
    tree = LexborHTMLParser(_mark(source, warnings))
    container = _container(tree)
    if container is None:
        return [], warnings
    walker = _Walker()
    walker.walk(container)
    body = tree.body
    if not walker.lines and body is not None and container is not body:
        walker = _Walker()
        walker.walk(body)
    lines = walker.lines
    if not any(ln.role == "heading" and ln.level == 1 for ln in lines):
        title = tree.css_first("title")
        text = clean(title.text(deep=True)) if title is not None else ""
        if text:
            no = _line_of(title.attributes, 1)
            head = [Line(no=no, cells=(text,), role="heading", level=1)]
            lines = head + ([Line(no=no, cells=())] if lines else []) + lines
    return lines, warnings


def read_document(path: Path, data: bytes) -> Reading:
    """The lines of an HTML file, with warnings naming it; what lies beyond :data:`MAX_SOURCE_CHARS` is never
    decoded."""
    from reviewgraph.ingest.readers.limits import text_head

    data, cut = text_head(data, MAX_SOURCE_CHARS)
    text, _encoding = decode_html(data)
    try:
        lines, notes = html_lines(text)
    except (ValueError, RuntimeError) as exc:  # selectolax raises these on input it cannot parse
        raise ReadError(f"{path.name}: an HTML page that could not be parsed ({exc}); save it again from "
                        "the browser (File > Save as, Web page, HTML only) and ingest that") from None
    warnings = [f"{path.name}: {w}" for w in notes]
    if cut:
        last = f"line {lines[-1].no}" if lines else "its start"
        warnings.append(f"{path.name}: more than {MAX_SOURCE_CHARS / 1e6:g} million characters of HTML; read up to "
                        f"{last} and ignored the rest")
    if not any(not ln.blank for ln in lines):
        warnings.append(f"{path.name}: the HTML page has no text in its content")
    return Reading(reader="html", lines=lines, warnings=warnings)


def sniff(sample: Sample) -> bool:
    """An HTML page: a doctype, ``<html>``, or a start made of HTML tags (:func:`looks_like_html`)."""
    return looks_like_html(sample.head)


READER = Reader(name="html", label="an HTML page", suffixes=(".html", ".htm", ".xhtml"), rank=10,
                reads_text=True, sniff=sniff, read=read_document)
