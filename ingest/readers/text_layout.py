"""Table and record layouts in plain text, rewritten as lines of cells for the one parser.

Plain text reaches the parser as one :class:`~reviewgraph.records.parsed.Line` per physical line, cells split on tabs
(text extracted from PDF with tabs between cells). Other partnerships' documents come in other layouts;
:func:`layout_lines` recognises four and rewrites only the blocks it recognises. Every other line is exactly
the Line the text reader made before (one cell per tab-separated part, no role).

1. **Pipe (Markdown) tables.** ``| No | Recommendation | Lead agency |`` rows: cells split on unescaped
   pipes (``\\|`` is a pipe inside a cell), trimmed, ``<br>`` read as a space, rows padded to the header's
   width. The ``|---|:---:|`` rule stays a line of rule cells (``role="rule"``, skipped by the parser as
   a table rule); the row above it is the header (``role="header"``), the others ``role="row"``. Tables
   without outer pipes (``a | b | c``) count only as a run of three or more lines with the same number of
   pipes, one of them a rule. Grid tables (``+----+----+`` rules) are read the same way; where rules
   separate every row of an action plan, the lines between two rules are one row.
2. **Fixed-width tables**, as ``pdftotext -layout`` writes a PDF table: columns separated by runs of
   spaces, a cell's wrapped lines in its own column. A block starts at a line of three or more segments
   (text separated by two or more spaces) and grows while each line keeps inside the columns found so
   far (no segment reaches across a gutter: a position no line of the block has text on). A line that
   does cross (a page header or footer, a heading across the table) is kept as it is when the table goes
   on after it. A block counts with at least three columns, three lines and two lines of three cells or
   more, so prose with double spaces and indented numbered paragraphs ("17.3   The police should ...")
   stay prose. Each line is cut at the gutters with its empty cells kept in place. Header lines (short
   cells of words: "Lead" over "agency") are joined into one header Line when together they make an
   action-plan header; a header cell set apart from its column's text ("Rec No." centred over numbers at
   the left) joins that column. When the block is an action plan, the wrapped lines of a row are joined
   into one Line (``no`` to ``no_end``, ``role="row"``): where the first column numbers the rows, a row is
   a run of lines between blank lines when no run holds two numbers (a number centred in the height of
   its row), else it runs from one numbered line to the next; where nothing is numbered, only when blank
   lines part the rows. The parser then sees whole cells, so a wrapped "Northmere / Constabulary" is one
   lead, not a second action. Nothing is joined across a blank line, a page break or a heading inside the
   table; a piece of a row (after a page break, or a second action) is joined as ``role="part"``. Other
   blocks keep one Line per physical line, ``role="part"`` (``"row"`` means a whole row to the parser):
   the parser reads them as it reads text from PDF, continuing the open row on a line with no number,
   their cells in place since they are as many as the header's.

Every non-blank Line inside a recognised table has a role: ``"header"``, ``"row"`` (a whole row),
``"rule"``, or ``"part"`` (a line of a row, a piece of one, or a line the table goes on across: a heading,
a page footer); so the first non-blank Line with no role after a table's header is past its end.
3. **"Field: value" records** (tracker exports): blocks of ``Label: value`` lines (a label of one to five
   words at the start of the line; a value goes on over following indented or unlabelled lines),
   separated by blank lines or rules (``-----``, ``=====``, ``***``), and before each line with the
   label records start with ("Ref:", so a title block "Records: 3" above is not a record). A label is a
   field when two records have it, or when it names a plan column ("Progress:" in one record only).
   Two or more records sharing their fields, whose labels make an action-plan header, become a table: a header Line (the labels in the
   order first seen, ``no`` = the first record's first line) and one Line per record (``no`` its first
   line, ``no_end`` its last). The lines inside a record are not in the list: the record's Line stands
   for them (:func:`reviewgraph.ingest.parse.parse_lines` counts them placed with it).
4. **Prose**: a word broken across a line end is mended, moving the second part up to the first line.
   ``safe-`` / ``guarding`` gives "safeguarding" and ``multi-`` / ``agency`` "multi-agency": the hyphen
   goes when the word is written whole elsewhere in the document, stays when it is written hyphenated
   elsewhere, and otherwise goes when the word is lower-case letters (or one capital then lower-case:
   ``Novem-`` / ``ber``) and the first part is not a prefix that usually keeps its hyphen (multi, inter,
   co, non, pre, post, self, cross, long, short, well, anti, sub, and re before e).

A Markdown heading (``## Abbreviations``) is a Line of its text with ``role="heading"`` and ``level``.

A form feed (``\\f``, which ``pdftotext`` writes between pages) starts a new page: when a text has any,
every Line gets ``page`` (1 for the first page), so running headers and footers can be found per page
(:mod:`reviewgraph.ingest.furniture`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from reviewgraph.records.parsed import Line

__all__ = ["layout_lines", "dehyphenate_pair"]

# -- shared ------------------------------------------------------------------------------------------------
_BR = re.compile(r"<br\s*/?>", re.I)
_SEG = re.compile(r"\S+(?: \S+)*")      # a run of text with single spaces: one cell's text on one line
_SEP = re.compile(r"^\s*(?:([-=_*~])(?:\s?\1){2,}|(?:\*\s*){3,})\s*$")  # -----, =====, ***, * * *, ___

_PREFIXES = frozenset("multi inter co non pre post self cross long short well anti sub".split())


def layout_lines(text: str) -> list[Line]:
    """The Lines of a text (newlines already made ``\\n``; line ``i`` is ``no=i``, from 1), with the
    recognised blocks rewritten as lines of cells.

    >>> [ln.cells for ln in layout_lines("| No | Recommendation | Lead |\\n|---|---|---|\\n"
    ...                                  "| 1. | Train staff | Northmere Constabulary |")]
    [('No', 'Recommendation', 'Lead'), ('---', '---', '---'), ('1.', 'Train staff', 'Northmere Constabulary')]
    """
    raws = text.split("\n")
    has = _Has(text)
    if not (has.pipe or has.records or has.gap or has.hyphen or has.formfeed or has.hash or has.decorated_lines):
        return [Line(no=i, cells=tuple(raw.split("\t"))) for i, raw in enumerate(raws, 1)]
    return _Layout(raws, has).run()




_HYPHEN_END = re.compile(r"-[ \t]*\n")
_GRID_START = re.compile(r"\+[-=]{2}")
_LABEL_LINE = re.compile(r"\n[A-Za-z][^\n\t:]{0,40}:(?=[ \t]|\n)")  # (a lookahead: "Label:\n" leaves its newline to the next)
_MD_LINE = re.compile(r"\n {0,3}#{1,6} ")


def _line_indexes(text: str, positions: Iterable[int]) -> list[int]:
    """The 0-based line of each position (ascending), counting newlines once over the text."""
    out, line, at = [], 0, 0
    for pos in positions:
        line += text.count("\n", at, pos)
        at = pos
        out.append(line)
    return out


class _Has:
    """What a text contains, found once over the whole text (a search of the text costs far less than a
    look at each line): each recogniser runs only where its marks occur."""

    def __init__(self, text: str) -> None:
        self.pipe = "|" in text or ("+" in text and _GRID_START.search(text) is not None)
        self.formfeed = "\f" in text
        # lines starting with "#" and a space (Markdown headings)
        self.hash_lines: list[int] = []
        if "#" in text:
            self.hash_lines = ([0] if _MD_HEADING.match(text[:200].split("\n", 1)[0]) else []) + _line_indexes(
                text, (m.start() + 1 for m in _MD_LINE.finditer(text)))
        self.hash = bool(self.hash_lines)
        self.gap = "  " in text
        # lines ending in a letter and a hyphen (a word broken over the line end)
        self.hyphen_lines = _line_indexes(text, (m.start() for m in _HYPHEN_END.finditer(text)
                                                 if m.start() and text[m.start() - 1].isalpha()))
        self.hyphen = bool(self.hyphen_lines)
        # lines starting with "Label:" (the first line has no newline before it)
        self.label_lines: list[int] = []
        if text.count(":") >= 4:
            found = _line_indexes(text, (m.start() + 1 for m in _LABEL_LINE.finditer(text)))
            self.label_lines = ([0] if _label(text[:200].split("\n", 1)[0]) else []) + found
        self.records = len(self.label_lines) >= 4
        # lines set off by marks on both sides: "== Northmere Police ==", "--- Housing ---", "[Probation]"
        self.decorated_lines = _line_indexes(text, (m.start() for m in _DECORATED_LINE.finditer(text))) \
            if ("==" in text or "--" in text or "**" in text or "~~" in text or "\n[" in text) else []


class _Layout:
    def __init__(self, raws: list[str], has: _Has) -> None:
        self.pages: list[int] | None = None
        if has.formfeed:
            raws, self.pages = _split_pages(raws)
        self.raws = raws
        self.has = has
        self.n = len(raws)
        self.taken = bytearray(self.n)             # 1: inside a recognised block
        self.blocks: dict[int, tuple[int, list[Line]]] = {}  # first index -> (end index, its Lines)
        self.edits: dict[int, str] = {}            # prose lines mended across a hyphen
        self._running: set[int] | None = None      # running headers and footers, found when first asked

    # -- helpers -----------------------------------------------------------------------------------------
    def page(self, i: int) -> int | None:
        return self.pages[i] if self.pages is not None else None

    def plain(self, i: int) -> Line:
        raw = self.edits.get(i, self.raws[i])
        if self.pages is None:
            return Line(no=i + 1, cells=tuple(raw.split("\t")))
        return Line(no=i + 1, cells=tuple(raw.split("\t")), page=self.pages[i])

    def inside(self, i: int) -> Line:
        """A line as it was, inside a table: ``role="part"`` (a rule's ``"rule"``) unless blank."""
        raw = self.raws[i]
        if not raw.strip():
            return self.plain(i)
        return Line(no=i + 1, cells=(raw,), page=self.page(i), role="rule" if _SEP.match(raw) else "part")

    def free(self, i: int) -> bool:
        return not self.taken[i] and "\t" not in self.raws[i]

    def furniture(self, i: int) -> bool:
        """Line ``i`` reads as page furniture: a page number or protective marking, or a running header
        or footer (the same words, numbers aside, next to two page numbers or more)."""
        if self._running is None:
            self._running = _running_lines(self.raws)
        return i in self._running or _furniture_text(self.raws[i])

    def add_block(self, start: int, end: int, lines: list[Line]) -> None:
        for k in range(start, end):
            self.taken[k] = 1
        self.blocks[start] = (end, lines)

    def run(self) -> list[Line]:
        if self.has.pipe:
            _pipe_tables(self)
        if self.has.records:
            _records(self)
        if self.has.gap:
            _fixed_width(self)
        if self.has.hash:
            _md_headings(self)
        if self.has.decorated_lines:
            _decorated_headings(self)
        if self.has.hyphen:
            _mend_prose(self)
        if not self.blocks and not self.edits and self.pages is None:
            return [Line(no=i, cells=tuple(raw.split("\t"))) for i, raw in enumerate(self.raws, 1)]
        out: list[Line] = []
        i = 0
        for start in sorted(self.blocks):
            out.extend(self.plain(k) for k in range(i, start))
            end, lines = self.blocks[start]
            out.extend(lines)
            i = end
        out.extend(self.plain(k) for k in range(i, self.n))
        return out


def _split_pages(raws: list[str]) -> tuple[list[str], list[int]]:
    """Form feeds removed, and each line's page: a form feed starts a new page (``pdftotext`` writes one
    at the start of each page's first line)."""
    page, pages, out = 1, [], []
    for raw in raws:
        if "\f" in raw:
            lead = len(raw) - len(raw.lstrip("\f"))
            page += lead
            pages.append(page)
            page += raw.count("\f") - lead
            out.append(raw.replace("\f", ""))
        else:
            pages.append(page)
            out.append(raw)
    return out, pages


def _join_parts(parts: Iterable[str]) -> str:
    """A cell's wrapped parts as one text: joined by a space, a word broken over the wrap mended."""
    out = ""
    for part in parts:
        part = part.strip()
        if not part:
            continue
        if not out:
            out = part
            continue
        mended = dehyphenate_pair(out, part)
        out = mended[0] + (" " + mended[1] if mended[1] else "") if mended else out + " " + part
    return out


def dehyphenate_pair(first: str, second: str, whole: set[str] | None = None,
                     hyphened: set[str] | None = None) -> tuple[str, str] | None:
    """(first, second) with a word broken between them ("safe-" | "guarding is") mended into ``first``,
    or None when ``first`` does not end in a broken word.

    ``whole`` and ``hyphened`` are the words the document writes whole and hyphenated (lower case), when
    known: they decide first; otherwise the hyphen goes from lower-case words (or one capital then lower
    case) whose first part is not a prefix that keeps its hyphen.

    >>> dehyphenate_pair("the safe-", "guarding team")
    ('the safeguarding', 'team')
    >>> dehyphenate_pair("a multi-", "agency meeting")
    ('a multi-agency', 'meeting')
    >>> dehyphenate_pair("in Novem-", "ber 2022")
    ('in November', '2022')
    >>> dehyphenate_pair("to re-", "engage")
    ('to re-engage', '')
    >>> dehyphenate_pair("2014-", "2015") is None
    True
    """
    s = first.rstrip()
    if len(s) < 3 or s[-1] != "-" or not s[-2].isalpha():
        return None
    m = re.search(r"([A-Za-z]+)-$", s)
    t = second.lstrip()
    m2 = re.match(r"([a-z]+)(\S*)", t)
    if m is None or m2 is None:
        return None
    head, tail, after = m.group(1), m2.group(1), m2.group(2)
    if after.startswith("-"):  # "Stoke-" / "on-Trent": a compound, hyphen kept
        keep = True
    else:
        word = (head + tail).lower()
        hword = f"{head}-{tail}".lower()
        if hyphened is not None and hword in hyphened:
            keep = True
        elif whole is not None and word in whole:
            keep = False
        else:
            proper = head[1:].islower() or len(head) == 1
            keep = not (proper and (head.islower() or head[0].isupper())) or head.lower() in _PREFIXES or (
                head.lower() == "re" and tail.startswith("e"))
    token = t.split(None, 1)
    rest = token[1] if len(token) > 1 else ""
    joined = s + token[0] if keep else s[:-1] + token[0]
    return joined, rest


# -- Markdown headings -------------------------------------------------------------------------------------
_MD_HEADING = re.compile(r"^ {0,3}(#{1,6}) (?! )(.+?)(?:\s+#+)?\s*$")


def _md_headings(doc: _Layout) -> None:
    """``## Abbreviations``: a heading (``role="heading"``, ``level`` its number of #), its text without
    the marks, so a table above it ends there and the report reader sees its level."""
    for i in doc.has.hash_lines:
        raw = doc.raws[i]
        if not doc.free(i):
            continue
        m = _MD_HEADING.match(raw)
        if m is None or len(m.group(2).split()) > 20:
            continue
        doc.add_block(i, i + 1, [Line(no=i + 1, cells=(m.group(2),), page=doc.page(i), role="heading",
                                      level=len(m.group(1)))])


#: a short line set off by the same marks before and after its words, or in square brackets
_DECORATED_LINE = re.compile(r"^[ \t]*(?:(==+|--+|\*\*+|~~+)[ \t]*[^\s=*~\-\[\]][^\n=*~\[\]]{0,100}?[ \t]*\1|"
                             r"\[[A-Za-z][^\n\[\]]{0,100}\])[ \t]*$", re.M)


def _decorated_headings(doc: _Layout) -> None:
    """``== Northmere Police ==`` standing alone: a heading (``role="heading"``), its words without the
    marks, so the parser reads it as an agency's section wherever it stands."""
    for i in doc.has.decorated_lines:
        if not doc.free(i):
            continue
        m = _DECORATED.match(doc.raws[i])
        if m is None or len(m.group(2).split()) > 12:
            continue
        doc.add_block(i, i + 1, [Line(no=i + 1, cells=(m.group(2),), page=doc.page(i), role="heading")])


# -- 4. prose ----------------------------------------------------------------------------------------------
_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")


def _mend_prose(doc: _Layout) -> None:
    raws = doc.raws
    whole: set[str] | None = None
    hyphened: set[str] | None = None
    for i in doc.has.hyphen_lines:
        if i + 1 >= doc.n:
            continue
        raw = doc.edits.get(i, raws[i])
        if not (doc.free(i) and doc.free(i + 1)) or doc.page(i) != doc.page(i + 1):
            continue
        nxt = raws[i + 1]
        if not nxt.lstrip()[:1].islower():
            continue
        if whole is None:  # the document's words, once, on the first broken word
            whole, hyphened = set(), set()
            for line in raws:
                for w in _WORD.findall(line):
                    (hyphened if "-" in w else whole).add(w.lower())
        mended = dehyphenate_pair(raw, nxt, whole, hyphened)
        if mended is None:
            continue
        first, rest = mended
        indent = nxt[: len(nxt) - len(nxt.lstrip())]
        if rest:
            doc.edits[i] = first
            doc.edits[i + 1] = indent + rest
        else:  # the next line was the word alone: keep it there whole, so no line goes blank
            head_end = len(raw.rstrip()) - len(raw.rstrip().split()[-1])
            if not raw[:head_end].strip():
                continue
            doc.edits[i] = raw[:head_end].rstrip()
            doc.edits[i + 1] = indent + first[head_end:].lstrip()


# -- 1. pipe tables ----------------------------------------------------------------------------------------
_PIPE = re.compile(r"(?<!\\)\|")
_PIPE_RULE_CELL = re.compile(r"^\s*:?-+:?\s*$")
_GRID_RULE = re.compile(r"^\s*\+(?:[-=:]+\+)+\s*$")


def _pipe_cells(raw: str) -> list[str]:
    if _GRID_RULE.match(raw):
        return [c for c in raw.strip().strip("+").split("+")]
    s = raw.strip()
    parts = _PIPE.split(s)
    if s.startswith("|"):
        parts = parts[1:]
    if len(parts) > 1 and s.endswith("|") and not s.endswith("\\|"):
        parts = parts[:-1]
    return [_BR.sub(" ", p.replace("\\|", "|")).strip() for p in parts]


def _pipe_rule(raw: str) -> bool:
    if _GRID_RULE.match(raw):
        return True
    if "-" not in raw:
        return False
    cells = _pipe_cells(raw)
    return bool(cells) and all(_PIPE_RULE_CELL.match(c) for c in cells)


def _pipe_tables(doc: _Layout) -> None:
    raws, n = doc.raws, doc.n
    i = 0
    while i < n:
        raw = raws[i]
        if not doc.free(i) or ("|" not in raw and not _GRID_RULE.match(raw)):
            i += 1
            continue
        if raw.lstrip().startswith(("|", "+")):
            j = i
            while j < n and doc.free(j) and (raws[j].lstrip().startswith("|") or _GRID_RULE.match(raws[j])):
                j += 1
            rules = [k for k in range(i, j) if _pipe_rule(raws[k])]
            widths = [len(_pipe_cells(raws[k])) for k in range(i, j) if k not in rules]
            if j - i >= 2 and widths and max(widths) >= 2 and (rules or (j - i >= 3 and len(set(widths)) == 1)):
                _pipe_block(doc, i, j, set(rules))
                i = j
                continue
            i = max(j, i + 1)
            continue
        count = len(_PIPE.findall(raw))
        j = i
        while (j < n and doc.free(j) and not raws[j].lstrip().startswith("|")
               and len(_PIPE.findall(raws[j])) == count):
            j += 1
        rules = [k for k in range(i, j) if _pipe_rule(raws[k])]
        if count and j - i >= 3 and rules and j - i - len(rules) >= 2:
            _pipe_block(doc, i, j, set(rules))
            i = j
            continue
        i = max(j, i + 1)


def _pipe_block(doc: _Layout, start: int, end: int, rules: set[int]) -> None:
    from reviewgraph.ingest.columns import detect_header
    raws = doc.raws
    cells = {k: _pipe_cells(raws[k]) for k in range(start, end)}
    content = [k for k in range(start, end) if k not in rules]
    if not any(c for k in content for c in cells[k]):
        return  # rules alone, or pipes with nothing between them: no table
    header: int | None = None
    if content and content[0] + 1 in rules and content[0] + 1 < end:
        header = content[0]
    elif content and _headerish(cells[content[0]]):
        header = content[0]
    width = len(cells[header]) if header is not None else max(len(cells[k]) for k in content)
    plan = header is not None and detect_header(tuple(cells[header]), header + 1) is not None
    # rules between the rows (grid tables): the lines between two rules are one row
    body_rules = sorted(r for r in rules if header is None or r > header + 1)
    grouped = plan and len(body_rules) >= 2
    out: list[Line] = []
    k = start
    while k < end:
        if k in rules:
            rc = tuple(c if _PIPE_RULE_CELL.match(c) or not c else "---" for c in cells[k]) or ("---",)
            rc = tuple("---" if set(c) <= set("-=:") and c else c for c in rc)
            out.append(Line(no=k + 1, cells=rc, page=doc.page(k), role="rule"))
            k += 1
            continue
        if k == header:
            out.append(Line(no=k + 1, cells=tuple(_pad(cells[k], width)), page=doc.page(k), role="header"))
            k += 1
            continue
        if grouped:
            m = k
            while m < end and m not in rules:
                m += 1
            group = list(range(k, m))
        else:
            group = [k]
        cols = max(len(cells[g]) for g in group)
        row = [_join_parts(cells[g][c] if c < len(cells[g]) else "" for g in group) for c in range(cols)]
        if not any(row):  # "| | |": nothing in it but the pipes, kept as it was (punctuation)
            out.extend(doc.inside(g) for g in group)
            k = group[-1] + 1
            continue
        out.append(Line(no=k + 1, cells=tuple(_pad(row, width)), page=doc.page(k), role="row",
                        no_end=group[-1] + 1 if len(group) > 1 else None))
        k = group[-1] + 1
    doc.add_block(start, end, out)


def _pad(cells: list[str], width: int) -> list[str]:
    return cells + [""] * (width - len(cells)) if len(cells) < width else cells


def _headerish(cells: Iterable[str]) -> bool:
    """Short cells of words: what a table's header row reads like."""
    from reviewgraph.ingest.columns import match_number
    non_empty = [c for c in cells if c.strip()]
    if len(non_empty) < 2:
        return False
    for c in non_empty:
        words = c.split()
        if len(words) > 6 or match_number(c) or sum(ch.isdigit() for ch in c) > 0:
            return False
        if len(words) > 2 and c.rstrip().endswith("."):
            return False
        if len(c.strip()) > 2 and sum(ch.isalpha() for ch in c) < 0.6 * len(c.replace(" ", "")):
            return False  # ("#", "No" pass)
    return True


# -- 3. Field: value records -------------------------------------------------------------------------------
_LABEL = re.compile(r"^([A-Za-z][\w'’&/().#-]*(?: [\w'’&/().#-]+){0,4}) ?:(?!//)(?:\s+(.*))?$")


def _label(raw: str) -> tuple[str, str] | None:
    """(label, value) of a ``Label: value`` line at the start of the line."""
    if not raw or raw[0] in " \t" or ":" not in raw[:60]:
        return None
    m = _LABEL.match(raw.rstrip())
    if m is None:
        return None
    return m.group(1), (m.group(2) or "").strip()


def _key(label: str) -> str:
    return " ".join(label.lower().split())


class _Labels(dict):  # type: ignore[type-arg]
    """The ``Label: value`` lines, by index: (label, value, key); ``labels[k]`` is None for other lines."""

    def __missing__(self, k: int) -> None:
        return None


def _records(doc: _Layout) -> None:
    raws, n = doc.raws, doc.n
    labelled = _Labels()
    for k in doc.has.label_lines:
        lab = _label(raws[k]) if doc.free(k) else None
        if lab is not None:
            labelled[k] = (lab[0], lab[1], _key(lab[0]))
    keys: dict[str, int] = {}
    for _, _, key in labelled.values():
        keys[key] = keys.get(key, 0) + 1
    if len(labelled) < 4 or sum(1 for c in keys.values() if c >= 2) < 2:  # no two labels repeated: no records
        return
    resume = 0
    for i in sorted(labelled):
        if doc.taken[i] or i < resume:
            continue
        # the run of records: labelled lines, their values going on over the lines below them, separated
        # by blank lines or rules
        content: list[int] = [i]
        seps: list[int] = []
        j, gap = i + 1, False
        while j < n and doc.free(j):
            raw = raws[j]
            if not raw.strip() or _SEP.match(raw) or doc.furniture(j):
                if _SEP.match(raw):
                    seps.append(j)
                gap = True  # (a page's footer and header between two parts of a record: a gap)
                if j - content[-1] > 5:
                    break
                j += 1
                continue
            if gap and _END_TITLE.match(raw.strip()):  # "Abbreviations:" after the last record
                break
            if labelled[j] or not gap or raw[:1] == " ":
                content.append(j)
                gap = False
                j += 1
                continue
            if _heading_between(raws, j, labelled, doc):  # "== Northmere Police ==" between two records
                j += 1
                continue
            break
        records: list[list[int]] = []
        for k in content:
            between = range(records[-1][-1] + 1, k) if records else range(0)
            if records and not (labelled[k] and (any(b in seps for b in between) or
                                                 (not seps and len(between) > 0))):
                records[-1].append(k)
            else:
                records.append([k])
        records = _split_at_start_label(records, labelled, raws)
        done = _record_region(doc, records, labelled)
        resume = done if done > i else content[-1] + 1


def _split_at_start_label(records: list[list[int]], labelled: _Labels, raws: list[str]) -> list[list[int]]:
    """Records split again before each line with the label records start with ("Ref:", "ID:"): a title
    block above the first record ("Records: 3"), or records that only blank lines separate where others
    are separated by rules."""
    firsts: dict[str, int] = {}
    for rec in records:
        if labelled[rec[0]]:
            key = labelled[rec[0]][2]
            firsts[key] = firsts.get(key, 0) + 1
    if not firsts:
        return records
    start = max(firsts, key=lambda k: firsts[k])
    if firsts[start] < 2:
        return records
    out: list[list[int]] = []
    for rec in records:
        cur: list[int] = []
        for k in rec:
            if cur and labelled[k] and labelled[k][2] == start:
                out.append(cur)
                cur = []
            cur.append(k)
        out.append(cur)
    # a record a page break cut in two: the part after it starts with another label and repeats none
    merged: list[list[int]] = []
    for rec in out:
        keys = {labelled[k][2] for k in rec if labelled[k]}
        if merged and labelled[rec[0]] and labelled[rec[0]][2] != start and \
                not keys & {labelled[k][2] for k in merged[-1] if labelled[k]}:
            merged[-1].extend(rec)
        else:
            merged.append(rec)
    return merged


def _heading_between(raws: list[str], j: int, labelled: _Labels, doc: _Layout) -> bool:
    """Line ``j`` is a short heading standing alone between two records (an agency's section)."""
    if len(raws[j].split()) > 8 or j + 1 >= len(raws) or raws[j + 1].strip() and not _SEP.match(raws[j + 1]):
        return False
    m = j + 1
    while m < len(raws) and m - j <= 3 and doc.free(m) and (not raws[m].strip() or _SEP.match(raws[m])):
        m += 1
    return m < len(raws) and bool(labelled[m])


def _furniture_text(raw: str) -> bool:
    """A page footer or header line ("Page 3 of 9", "OFFICIAL - SENSITIVE")."""
    from reviewgraph.ingest.furniture import is_marking
    from reviewgraph.records.normalize import is_page_furniture
    text = raw.strip()
    return len(text) < 60 and (is_page_furniture(text) or is_marking(text))


def _running_lines(raws: list[str]) -> set[int]:
    """Lines standing within two lines of text of a page number ("Page 2 of 3") whose words, numbers
    aside, stand next to another page number too: a running header or footer in a text with no form
    feeds; never a "Label: value" line or the tail of a sentence."""
    from reviewgraph.records.normalize import collapse, is_page_furniture
    marks = [k for k, raw in enumerate(raws) if raw.strip() and len(raw) < 80 and is_page_furniture(raw.strip())]
    if len(marks) < 2:
        return set()
    near: dict[str, list[int]] = {}
    for m in marks:
        for step in (-1, 1):
            k, seen = m + step, 0
            while 0 <= k < len(raws) and seen < 2:
                if raws[k].strip():
                    seen += 1
                    if k not in marks and len(raws[k]) < 160 and _label(raws[k]) is None and \
                            not raws[k].strip()[:1].islower():
                        near.setdefault(re.sub(r"\d+", "#", collapse(raws[k]).lower()), []).append(k)
                k += step
    return {k for found in near.values() if len(set(found)) >= 2 for k in found}


def _record_region(doc: _Layout, records: list[list[int]], labelled: _Labels) -> int:
    """Rewrite a run of records as a table when they share their labels and those make an action-plan
    header; the index after the region rewritten (or 0)."""
    from reviewgraph.ingest.columns import detect_header, role_of
    raws = doc.raws

    def labels_of(rec: list[int]) -> list[str]:
        return [labelled[k][2] for k in rec if labelled[k]]

    recs = list(records)
    while True:
        counts: dict[str, int] = {}
        for rec in recs:
            for key in set(labels_of(rec)):
                counts[key] = counts.get(key, 0) + 1
        # a label is a field when two records have it, or when it names a column of a plan ("Progress:")
        real = {k for k, c in counts.items() if c >= 2 or (role_of(k) is not None and len(recs) >= 2)}

        def good(rec: list[int]) -> bool:
            keys = labels_of(rec)
            have = set(keys) & real
            return bool(keys) and keys[0] in real and len(have) >= 2 and len(have) >= 0.5 * len(real)

        before = len(recs)
        while recs and not good(recs[0]):
            recs.pop(0)
        while recs and not good(recs[-1]):
            recs.pop()
        if len(recs) == before or len(recs) < 2:
            break
    fine = sum(1 for r in recs if good(r))
    if len(recs) < 2 or fine < max(2, 0.75 * len(recs)):
        return 0
    order: list[str] = []
    names: dict[str, str] = {}
    for rec in recs:
        for k in rec:
            if labelled[k]:
                label, _, key = labelled[k]
                if key in real and key not in names:
                    names[key] = label
                    order.append(key)
    header_cells = tuple(names[k] for k in order)
    first = recs[0][0]

    def row_cells(rec: list[int]) -> tuple[str, ...]:
        values: dict[str, list[str]] = {key: [] for key in order}
        current: str | None = None
        for m in rec:
            lab = labelled[m]
            if lab is not None and lab[2] in real:
                current = lab[2]
                values[current].append(lab[1])
            elif current is not None:
                values[current].append(raws[m].strip())
        return tuple(_join_parts(values[key]) for key in order)

    if detect_header(header_cells, first + 1) is None:
        # labels that name some columns ("Target date:", "Lead officer:"), the others named by what the
        # records hold under them ("What needs to change:" over requests)
        from reviewgraph.ingest.columns import resolve_roles
        sample = [row_cells(rec) for rec in recs[:20]]
        if resolve_roles(header_cells, sample) is None:
            return 0
    start, end = first, recs[-1][-1] + 1
    above = first - 1  # "== Northmere Police ==" just above the first record: the first agency's section
    while above >= 0 and first - above <= 3 and doc.free(above) and not raws[above].strip():
        above -= 1
    if above >= 0 and doc.free(above) and (_DECORATED_LINE.match(raws[above]) or (
            raws[above].strip().isupper() and 2 <= len(raws[above].split()) <= 12 and _label(raws[above]) is None)):
        start = above  # (or a heading in capitals: "NORTHMERE CONSTABULARY")
    rec_at = {rec[0]: rec for rec in recs}
    out = [Line(no=first + 1, cells=header_cells, page=doc.page(first), role="header")]
    k = start
    while k < end:
        rec = rec_at.get(k)
        if rec is None:
            out.append(_between_records(doc, k))  # a blank line, a rule or a heading between two records
            k += 1
            continue
        cells = row_cells(rec)
        out.append(Line(no=rec[0] + 1, cells=cells, page=doc.page(rec[0]), role="row",
                        no_end=rec[-1] + 1 if rec[-1] > rec[0] else None))
        inside = set(rec)
        out.extend(doc.inside(b) for b in range(rec[0], rec[-1] + 1) if b not in inside)  # blank lines within
        k = rec[-1] + 1
    doc.add_block(start, end, out)
    return end


#: a heading set off by marks around it: "== Northmere Police ==", "--- Probation ---", "[Housing]", "**ICB**"
_DECORATED = re.compile(r"^\s*(?:([=*#~_-])\1*|\[)\s*([^=*#~_\[\]\s][^=*#~_\[\]]*?)\s*(?:\1+|\])?\s*$")


def _between_records(doc: _Layout, k: int) -> Line:
    """A line between two records as it was, but a heading's text without the marks around it (so the
    parser reads "== Northmere Police ==" as the heading "Northmere Police")."""
    line = doc.inside(k)
    if line.role != "part":
        return line
    m = _DECORATED.match(doc.raws[k])
    if m is None or len(m.group(2).split()) > 12 or (m.group(1) is None and not doc.raws[k].strip().startswith("[")):
        return line
    return Line(no=k + 1, cells=(m.group(2),), page=line.page, role="heading")


# -- 2. fixed-width tables ---------------------------------------------------------------------------------
def _segments(raw: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in _SEG.finditer(raw)]


def _fit(occ: list[list[int]], segs: list[tuple[int, int, str]]) -> list[list[int]] | None:
    """The columns' extents with a line's segments added, or None when a segment reaches across a gutter
    (touches two columns)."""
    out = [iv[:] for iv in occ]
    for s, e, _ in segs:
        hit = [k for k, (a, b) in enumerate(out) if a <= e and b >= s]
        if len(hit) >= 2:
            return None
        if hit:
            iv = out[hit[0]]
            iv[0], iv[1] = min(iv[0], s), max(iv[1], e)
            # grown, it may now touch a neighbour: that is a bridge too
            k = hit[0]
            if (k > 0 and out[k - 1][1] >= iv[0]) or (k + 1 < len(out) and out[k + 1][0] <= iv[1]):
                return None
        else:
            out.append([s, e])
            out.sort()
            k = out.index([s, e])
            if (k > 0 and out[k - 1][1] >= s) or (k + 1 < len(out) and out[k + 1][0] <= e):
                return None
    return out


def _cells(segs: list[tuple[int, int, str]], cols: list[list[int]]) -> tuple[str, ...]:
    parts: list[list[str]] = [[] for _ in cols]
    for s, _, text in segs:
        for c, (a, b) in enumerate(cols):
            if a <= s < b:
                parts[c].append(text)
                break
    return tuple(" ".join(p) for p in parts)


_MAX_BLANKS = 3       # blank lines a fixed-width table may have in a row
_MAX_LONE = 4         # lines across the columns (page furniture, headings) a table may go on after


#: titles of the parts that follow a document's body: a table never runs on across one
_END_TITLE = re.compile(r"^(?:#+\s*)?(?:\d+(?:\.\d+)*\.?\s+)?(?:glossary|abbreviations|acronyms|appendix|annex|"
                        r"references|terms used|definitions|key to)\b[^.]{0,60}$", re.I)


def _fixed_width(doc: _Layout) -> None:
    raws, n = doc.raws, doc.n
    segs_cache: dict[int, list[tuple[int, int, str]]] = {}

    def segs(k: int) -> list[tuple[int, int, str]]:
        got = segs_cache.get(k)
        if got is None:
            got = segs_cache[k] = _segments(raws[k])
        return got

    i = 0
    while i < n:
        raw = raws[i]
        if not doc.free(i) or "  " not in raw.strip():
            i += 1
            continue
        # a table of two columns is taken only under a header that names a plan's ("Timescale   What needs
        # to change"): two runs of words are otherwise as often prose set apart by a double space
        two = len(segs(i)) == 2 and _two_column_header(tuple(t for _, _, t in segs(i)))
        if len(segs(i)) < 3 and not two:
            i += 1
            continue
        occ: list[list[int]] | None = [[s, e] for s, e, _ in segs(i)]
        members = [i]
        lone: set[int] = set()
        # upward: header lines above the first line of three segments ("Lead   Target" over the rest)
        up = i - 1
        while up >= 0 and doc.free(up) and raws[up].strip() and len(segs(up)) >= 2:
            grown = _fit(occ, segs(up))  # type: ignore[arg-type]
            if grown is None:
                break
            occ = grown
            members.insert(0, up)
            up -= 1
        j = i + 1
        while j < n and doc.free(j):
            if not raws[j].strip():
                m = j
                while m < n and doc.free(m) and not raws[m].strip():
                    m += 1
                if m - j > _MAX_BLANKS:
                    break
                j = m
                continue
            if _END_TITLE.match(raws[j].strip()):
                break  # "Abbreviations", "Appendix A": the table has ended
            grown = _fit(occ, segs(j))  # type: ignore[arg-type]
            if grown is not None:
                occ = grown
                members.append(j)
                j += 1
                continue
            # lines across the columns: kept when the table goes on after them
            m, crossing = j, []
            while m < n and doc.free(m) and len(crossing) <= _MAX_LONE and m - j <= _MAX_LONE + _MAX_BLANKS:
                if not raws[m].strip():
                    m += 1
                    continue
                if _fit(occ, segs(m)) is not None:  # type: ignore[arg-type]
                    break
                if len(segs(m)) > 2 or len(raws[m].split()) > 16 or _END_TITLE.match(raws[m].strip()):
                    crossing = None  # type: ignore[assignment]
                    break  # (an "Abbreviations" or "Appendix" title ends the table: what follows is not it)
                crossing.append(m)
                m += 1
            if crossing and m < n and doc.free(m) and raws[m].strip() and _fit(occ, segs(m)) is not None:  # type: ignore[arg-type]
                lone.update(crossing)
                j = m
                continue
            break
        cols = occ or []
        multi = sum(1 for k in members if sum(1 for c in _cells(segs(k), cols) if c) >= 3)
        if len(members) >= 3 and (len(cols) >= 3 and multi >= 2 or two and len(cols) == 2 and members[0] == i):
            start, end = members[0], members[-1] + 1
            _table_block(doc, start, end, set(members), lone, cols, segs)
            i = end
            continue
        i += 1


def _two_column_header(cells: tuple[str, ...]) -> bool:
    from reviewgraph.ingest.columns import _two_roles, detect_header
    return detect_header(cells, 0) is not None or _two_roles(cells)


def _table_block(doc: _Layout, start: int, end: int, members: set[int], lone: set[int],
                 cols: list[list[int]], segs) -> None:  # type: ignore[no-untyped-def]
    from reviewgraph.ingest.columns import detect_header, match_number, role_of
    raws = doc.raws
    cells = {k: _cells(segs(k), cols) for k in members}
    furniture = _edge_furniture(doc, start, end, cells) if doc.pages is not None else set()

    # header: the first lines, short cells of words, joined while they make an action-plan header
    head = [start] if start in members and _headerish(cells[start]) else []
    k = start + 1
    while head and k < end and k in members and len(head) < 4:
        ne = [c for c in cells[k] if c]
        cont = _headerish(cells[k]) or (len(ne) == 1 and (ne[0][:1].islower() or role_of(ne[0])) and
                                         len(ne[0].split()) <= 3 and not any(ch.isdigit() for ch in ne[0]))
        if not cont:
            break
        head.append(k)
        k += 1
    if head:
        again = {cells[h] for h in head}  # the header repeated on later pages is no data
        cells = _merge_columns(cells, head, [k for k in members if k not in head and cells[k] not in again])
    width = len(cells[start]) if start in cells else len(cols)
    header_cells: tuple[str, ...] | None = None
    while head:
        merged = tuple(_join_parts(cells[h][c] for h in head) for c in range(width))
        if detect_header(merged, head[0] + 1) is not None:
            header_cells = merged
            break
        head.pop()
    resolved_roles: tuple[str | None, ...] | None = None
    if header_cells is None and head:
        # a header whose words name some columns only ("Timescale | What needs to change"): the others named
        # by what the lines under them hold (requests, dates)
        from reviewgraph.ingest.columns import resolve_roles
        merged = tuple(_join_parts(cells[h][c] for h in head) for c in range(width))
        sample = [cells[k] for k in sorted(members) if k > head[-1] and any(cells[k])][:60]
        resolved_roles = resolve_roles(merged, sample, marked=False)
        if resolved_roles is not None and "recommendation" in resolved_roles:
            header_cells = merged
        else:
            resolved_roles = None
    if header_cells is None and start in members and _headerish(cells[start]):
        head = [start]
    plan = header_cells is not None

    # rows joined when the first column holds the recommendation numbers: a row is a run of lines between
    # blank lines when no such run holds two numbers (a number may sit in the middle of its row: cells
    # centred in their height), else it runs from a numbered line to the next
    data = [k for k in sorted(members) if k not in head]
    again = {cells[h] for h in head}  # the header repeated on a later page
    roles = (resolved_roles or detect_header(header_cells, 0).roles) if plan else ()  # type: ignore[arg-type,union-attr]
    # the key column: the numbers' own column wherever it stands, else the first
    kc = roles.index("number") if "number" in roles and roles.index("number") < width else 0
    # the key column's runs of text, each a number where it reads as one (a number wrapped in a narrow
    # column: "Recomme" / "ndation" / "1")
    key_runs = _runs(doc, [k for k in data if cells[k][kc] and k not in furniture and cells[k] not in again],
                     whole=lambda run: _key_number([cells[k][kc] for k in run]) is not None)
    numbered_runs = [r for r in key_runs if _key_number([cells[k][kc] for k in r]) is not None]
    numbered = {r[0] for r in numbered_runs}
    key_starts = {r[0] for r in key_runs}
    if plan and not {"recommendation", "finding"} & set(roles):
        # no column named the recommendation: the one whose text asks for something ("What needs to
        # change" over requests wrapped in their column)
        from reviewgraph.ingest.columns import resolve_roles
        sample = [cells[k] for k in data[:60] if k not in furniture and cells[k] not in again]
        resolved = resolve_roles(header_cells, sample, marked=True)  # type: ignore[arg-type]
        if resolved is not None and "recommendation" in resolved:
            roles = resolved
    number_first = bool(roles) and roles[kc] == "number"
    join = plan and len(numbered) >= (1 if number_first else 2) and len(numbered) >= 0.6 * len(key_runs)
    if plan and not join:
        # numbered in the text of the first or the recommendation column ("Rec 1 Deliver training ..."):
        # a line whose cell there starts with a number and a capital, the line above not in mid-sentence
        for col in dict.fromkeys(c for c in (0, roles.index("recommendation") if "recommendation" in roles
                                             else None)
                                 if c is not None and roles[c] in (None, "number", "recommendation")):
            opened = {k for k in data if _opens_with_number(cells[k][col]) and
                      (k - 1 not in members or not cells[k - 1][col] or cells[k - 1][col].endswith((".", ";")))}
            if len(opened) >= 2:
                numbered, key_starts = opened, opened
                join = True
                break
    by_runs = join and _numbers_per_run(doc, data, numbered) <= 1
    # nothing is joined above the first numbered row (or the run holding it): what stands there is the
    # parser's to place or report line by line
    join_from = min(numbered) if numbered else end
    while by_runs and join_from - 1 in members and join_from - 1 not in head and \
            doc.page(join_from - 1) == doc.page(join_from):
        join_from -= 1
    # a plan that numbers nothing: rows joined only where blank lines part them, each run opening with
    # its recommendation cell filled and capitalised (and another cell), as most runs do
    starts: set[int] = set()
    rec_col = roles.index("recommendation") if "recommendation" in roles else None
    if plan and not join:
        runs = _runs(doc, [k for k in data if k not in furniture and cells[k] not in again])
        if rec_col is not None:
            starts = {r[0] for r in runs if cells[r[0]][rec_col][:1] and not cells[r[0]][rec_col][:1].islower()
                      and sum(1 for c in cells[r[0]] if c) >= 2}
        rows_like = [r for r in runs if len(r) > 1 or sum(1 for c in cells[r[0]] if c) > 1]  # not headings
        if len(starts) >= 2 and len(starts) >= 0.6 * len(rows_like):
            join = by_runs = True
            join_from = min(starts)
        else:
            starts = set()

    out: list[Line] = []
    if head:
        out.append(Line(no=head[0] + 1, cells=header_cells or cells[head[0]], page=doc.page(head[0]),
                        role="header", no_end=head[-1] + 1 if len(head) > 1 else None))
    first_header = cells[head[0]] if head else None
    row: list[int] = []

    def flush() -> None:
        if not row:
            return
        joined = tuple(_join_parts(cells[r][c] for r in row) for c in range(width))
        key = _key_number([cells[r][kc] for r in row if cells[r][kc]]) if join else None
        if key is not None:
            joined = (*joined[:kc], key, *joined[kc + 1:])
        whole = any(r in numbered for r in row) or row[0] in starts  # else a piece of one (a page broke it)
        out.append(Line(no=row[0] + 1, cells=joined, page=doc.page(row[0]), role="row" if whole else "part",
                        no_end=row[-1] + 1 if len(row) > 1 else None))
        row.clear()

    k = head[-1] + 1 if head else start
    while k < end:
        if k not in members or k in furniture:
            flush()
            out.append(doc.inside(k))  # a blank line, or a line across the columns: as it was
            k += 1
            continue
        if first_header is not None and cells[k] == first_header:  # the header repeated on a new page
            flush()
            n_head = len(head)
            again = list(range(k, k + n_head))
            if n_head > 1 and all(a in members for a in again) and \
                    [cells[a] for a in again] == [cells[h] for h in head]:
                out.append(Line(no=k + 1, cells=header_cells or cells[k], page=doc.page(k), role="header",
                                no_end=k + n_head))
                k += n_head
            else:
                out.append(Line(no=k + 1, cells=header_cells if n_head == 1 and header_cells else cells[k],
                                page=doc.page(k), role="header"))
                k += 1
            continue
        if not join or k < join_from:
            # one line of a row: no role (a "row" is a whole row), its cells in place (as many as the header's)
            out.append(Line(no=k + 1, cells=cells[k], page=doc.page(k), role="part"))
            k += 1
            continue
        if not row or row[-1] != k - 1 or doc.page(k) != doc.page(row[-1]) or \
                (not by_runs and (k in key_starts or _table_heading(doc, cells, members, k, end, row))) or \
                _restarts(cells, row, k, roles) or \
                (row[0] not in numbered and row[0] not in starts and _after_break(doc, row[0], members, furniture)
                 and _first_short(cells, row, k, roles)):
            if starts and row and rec_col is not None and _opens_row(cells, row, k, rec_col):
                starts.add(k)  # a new row where blank lines did not part it from the one above
            flush()
        row.append(k)
        if len(row) == 1 and not by_runs and _table_heading(doc, cells, members, k, end, None):
            flush()
        k += 1
    flush()
    doc.add_block(start, end, out)


def _merge_columns(cells: dict[int, tuple[str, ...]], head: list[int],
                   data: list[int]) -> dict[int, tuple[str, ...]]:
    """Two neighbouring columns, one with text only in the header and the other only below it, are one
    column: a header cell set apart from its column's text ("Rec No." centred over numbers at the left)."""
    width = len(next(iter(cells.values())))

    def filled(c: int, rows: list[int]) -> bool:
        return any(cells[k][c] for k in rows)

    groups: list[list[int]] = []
    c = 0
    while c < width:
        if c + 1 < width:
            h0, h1, d0, d1 = filled(c, head), filled(c + 1, head), filled(c, data), filled(c + 1, data)
            if (h0 and not d0 and d1 and not h1) or (d0 and not h0 and h1 and not d1):
                groups.append([c, c + 1])
                c += 2
                continue
        groups.append([c])
        c += 1
    if len(groups) == width:
        return cells
    return {k: tuple(" ".join(v[g] for g in group if v[g]) for group in groups) for k, v in cells.items()}


_TEXT_ROLES = {"recommendation", "action", "milestones", "outcome", "progress", "outcome2", "progress2"}


def _restarts(cells: dict[int, tuple[str, ...]], row: list[int], k: int, roles: tuple[str | None, ...]) -> bool:
    """Line ``k`` brings a cell of its own to a row: a column of lead, dates or status that had text in
    the row, then none on the line above, has text again (a second action: "Jan 2025" under "Ongoing")."""
    above = cells[row[-1]]
    for c, text in enumerate(cells[k]):
        role = roles[c] if c < len(roles) else None
        if text and not above[c] and role is not None and role not in _TEXT_ROLES and \
                any(cells[r][c] for r in row):
            return True
    return False


def _after_break(doc: _Layout, k: int, members: set[int] | frozenset[int], furniture: set[int]) -> bool:
    """Line ``k`` is the first of the table's on a new page: the nearest non-blank line above it is page
    furniture, a line across the columns (a running footer or header), or on another page."""
    j = k - 1
    while j >= 0 and not doc.raws[j].strip():
        j -= 1
    return j >= 0 and (j not in members or j in furniture or doc.page(j) != doc.page(k))


def _first_short(cells: dict[int, tuple[str, ...]], row: list[int], k: int, roles: tuple[str | None, ...]) -> bool:
    """In a piece of a row (its lines after a page break, before any number), line ``k`` is the first to
    fill a lead, date or status column: such cells stand on a row's first line, so the piece's own were on
    the page before and ``k`` opens another action ("Audit 40 assessments | Trust | June 2026" under the
    tail "assessments. | form" of the row the page broke)."""
    def short(line: int) -> bool:
        return any(text and c < len(roles) and roles[c] is not None and roles[c] not in _TEXT_ROLES
                   for c, text in enumerate(cells[line]))
    return short(k) and not any(short(r) for r in row)


def _opens_row(cells: dict[int, tuple[str, ...]], row: list[int], k: int, rec_col: int) -> bool:
    """Line ``k`` opens a recommendation: its recommendation cell starts a sentence where the row's ended."""
    text = cells[k][rec_col]
    before = " ".join(cells[r][rec_col] for r in row if cells[r][rec_col]).rstrip()
    return bool(text) and not text[:1].islower() and (not before or before.endswith((".", ";", ":", ")")))


def _opens_with_number(cell: str) -> bool:
    """A cell that starts with a recommendation number and then a capital ("Rec 1 Deliver ...", "3. The")."""
    from reviewgraph.ingest.columns import match_number
    m = match_number(cell) if cell[:1].isalnum() or cell[:1] == "(" else None
    return m is not None and len(m[1].split()) >= 3 and m[1][:1].isupper()


def _key_number(parts: list[str]) -> str | None:
    """The first column's text of a row read as a recommendation number ("1.", "R2", "Rec 3"), its parts
    joined by a space or, for a word broken in a narrow column without a hyphen, by nothing
    ("Recomme" / "ndation" / "1"); None when it is no number."""
    from reviewgraph.ingest.columns import match_number
    if not parts:
        return None
    spaced = _join_parts(parts)
    if len(spaced.split()) > 3:
        return None
    m = match_number(spaced)
    if m is not None and not m[1]:
        return spaced
    for cut in range(1, len(parts)):  # a word broken between parts cut - 1 and cut, no hyphen
        if not (parts[cut - 1][-1:].isalpha() and parts[cut][:1].islower()):
            continue
        glued = " ".join([*parts[:cut - 1], parts[cut - 1] + parts[cut], *parts[cut + 1:]])
        m = match_number(glued)
        if m is not None and not m[1]:
            return glued
    return None


def _runs(doc: _Layout, lines: list[int], whole: Callable[[list[int]], bool] | None = None) -> list[list[int]]:
    """Runs of consecutive lines on one page (a run that ``whole`` says is complete takes no more: "1."
    then "2.", where "Recomme" then "ndation" then "1" make one)."""
    runs: list[list[int]] = []
    for k in lines:
        done = whole is not None and bool(runs) and whole(runs[-1])
        if runs and not done and k == runs[-1][-1] + 1 and doc.page(k) == doc.page(runs[-1][-1]):
            runs[-1].append(k)
        else:
            runs.append([k])
    return runs


def _numbers_per_run(doc: _Layout, data: list[int], numbered: set[int]) -> int:
    """The most numbered lines in one run of consecutive lines (no blank line, no page break)."""
    most, count, prev = 0, 0, None
    for k in data:
        if prev is None or k != prev + 1 or doc.page(k) != doc.page(prev):
            count = 0
        count += k in numbered
        most = max(most, count)
        prev = k
    return most


def _table_heading(doc: _Layout, cells: dict[int, tuple[str, ...]], members: set[int], k: int, end: int,
                   row: list[int] | None) -> bool:
    """A line of one short capitalised cell, with a numbered row after it: an agency heading inside the
    table, not the wrapped text of the row above."""
    if cells[k][0]:
        return False
    ne = [c for c in cells[k] if c]
    if len(ne) != 1:
        return False
    from reviewgraph.ingest.columns import match_number
    from reviewgraph.ingest.plan_table import heading_like
    from reviewgraph.records.normalize import ORG_CUE
    if not heading_like(ne[0]):
        return False
    nxt = next((m for m in range(k + 1, min(end, k + 6)) if m in members and any(cells[m])), None)
    if nxt is None or not match_number(cells[nxt][0]):
        return False
    if ORG_CUE.search(ne[0]):
        return True
    if not row:
        return True
    col = cells[k].index(ne[0])
    above = next((cells[r][col] for r in reversed(row) if cells[r][col]), "")
    return not above or above.rstrip().endswith((".", ";", ":"))


def _edge_furniture(doc: _Layout, start: int, end: int, cells: dict[int, tuple[str, ...]]) -> set[int]:
    """Lines of one cell at the top or bottom of a page inside the table that read as page furniture
    ("Page 3 of 9", "OFFICIAL", a running header with the page number in it): kept as they were (one
    cell), for :mod:`reviewgraph.ingest.furniture` to find."""
    from reviewgraph.ingest.furniture import is_marking
    from reviewgraph.records.normalize import collapse, is_page_furniture
    by_page: dict[int, list[int]] = {}
    for k in range(start, end):
        if doc.raws[k].strip():
            by_page.setdefault(doc.page(k) or 0, []).append(k)
    edge: set[int] = set()
    pages = sorted(by_page)
    for p in pages:
        ks = by_page[p]
        if p != pages[0]:
            edge.update(ks[:2])
        if p != pages[-1]:
            edge.update(ks[-2:])
    keys: dict[int, str] = {}
    for k in edge:
        if k in cells and sum(1 for c in cells[k] if c) == 1:
            keys[k] = re.sub(r"\d+", "#", collapse(doc.raws[k]).lower())
    seen: dict[str, int] = {}
    for key in keys.values():
        seen[key] = seen.get(key, 0) + 1
    out = set()
    for k, key in keys.items():
        text = collapse(doc.raws[k])
        if seen[key] >= 2 or is_page_furniture(text) or is_marking(text):
            out.add(k)
    return out
