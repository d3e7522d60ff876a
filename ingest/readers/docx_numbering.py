"""Word's automatic list numbering, rendered as text ("17.3.") so numbered recommendations keep their numbers.

In a .docx the "17.3" before a recommendation is often not in the text at all: Word draws it from
``numbering.xml``. :class:`Numbering` follows the paragraphs in document order and gives each numbered one
its label, the way Word counts: counters per abstract list, deeper levels reset when a shallower one moves
on, ``startOverride`` restarting a list instance. Bullets give no label.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["ListItem", "Numbering", "W"]

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

#: a list paragraph: its level in its list, its left indent (None where nothing sets one), whether it is a
#: bullet, and whether its label holds its parent levels' numbers ("17.1", "2.3.1")
ListItem = tuple[int, int | None, bool, bool]


def _q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _val(el: Any, tag: str) -> str | None:
    child = el.find(_q(tag)) if el is not None else None
    return child.get(_q("val")) if child is not None else None


def _roman(n: int) -> str:
    out = ""
    for value, sym in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
                       (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out, n = out + sym, n - value
    return out


def _letters(n: int) -> str:
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _fmt(n: int, fmt: str) -> str:
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    indent: int | None = None  # the level's left indent (twentieths of a point), where it sets one


def _indent(ppr: Any) -> int | None:
    """The left indent a ``w:pPr`` sets (``w:ind`` ``left`` or ``start``), or None."""
    ind = ppr.find(_q("ind")) if ppr is not None else None
    value = (ind.get(_q("left")) or ind.get(_q("start"))) if ind is not None else None
    return int(value) if value and value.lstrip("-").isdigit() else None


@dataclass
class Numbering:
    abstract: dict[str, dict[int, _Level]] = field(default_factory=dict)
    nums: dict[str, str] = field(default_factory=dict)               # numId -> abstractNumId
    overrides: dict[str, dict[int, int]] = field(default_factory=dict)  # numId -> {ilvl: start}
    style_num: dict[str, tuple[str, int]] = field(default_factory=dict)  # styleId -> (numId, ilvl)
    counters: dict[str, dict[int, int]] = field(default_factory=dict)
    started: set[str] = field(default_factory=set)
    #: the paragraph :meth:`label` read last, if it is a list item (numbered or bulleted; its indent the
    #: paragraph's own, else its list level's); None for a heading (a numbered heading is no list item)
    item: ListItem | None = None

    @classmethod
    def from_document(cls, document: Any) -> Numbering:
        """The numbering definitions of a python-docx ``Document`` (empty when it has none)."""
        num = cls()
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            root = None
        if root is not None:
            for ab in root.iter(_q("abstractNum")):
                levels = {}
                for lvl in ab.iter(_q("lvl")):
                    start = _val(lvl, "start")
                    levels[int(lvl.get(_q("ilvl"), "0"))] = _Level(
                        start=int(start) if start and start.lstrip("-").isdigit() else 1,
                        fmt=_val(lvl, "numFmt") or "decimal", text=_val(lvl, "lvlText") or "",
                        indent=_indent(lvl.find(_q("pPr"))))
                num.abstract[ab.get(_q("abstractNumId"), "")] = levels
            for n in root.iter(_q("num")):
                nid = n.get(_q("numId"), "")
                num.nums[nid] = _val(n, "abstractNumId") or ""
                for ov in n.iter(_q("lvlOverride")):
                    start = _val(ov, "startOverride")
                    if start and start.isdigit():
                        num.overrides.setdefault(nid, {})[int(ov.get(_q("ilvl"), "0"))] = int(start)
        try:
            styles = document.part.styles.element
        except (KeyError, NotImplementedError, AttributeError):
            styles = None
        if styles is not None:
            for st in styles.iter(_q("style")):
                ppr = st.find(_q("pPr"))
                numpr = ppr.find(_q("numPr")) if ppr is not None else None
                if numpr is not None and _val(numpr, "numId"):
                    num.style_num[st.get(_q("styleId"), "")] = (_val(numpr, "numId") or "",
                                                                int(_val(numpr, "ilvl") or 0))
        return num

    def label(self, p: Any) -> str:
        """The list label of paragraph element ``p`` ("17.3."), advancing the counters; "" if none. Sets
        :attr:`item`."""
        self.item = None
        ppr = p.find(_q("pPr"))
        if ppr is None:
            return ""
        numpr = ppr.find(_q("numPr"))
        num_id, ilvl = None, 0
        style = _val(ppr, "pStyle")
        if style in self.style_num:
            num_id, ilvl = self.style_num[style]
        if numpr is not None:
            num_id = _val(numpr, "numId") or num_id
            ilvl = int(_val(numpr, "ilvl") or ilvl)
        if not num_id or num_id == "0" or num_id not in self.nums:
            return ""
        abstract_id = self.nums[num_id]
        levels = self.abstract.get(abstract_id, {})
        counters = self.counters.setdefault(abstract_id, {})
        if num_id not in self.started:
            self.started.add(num_id)
            for lvl, start in self.overrides.get(num_id, {}).items():
                counters[lvl] = start - 1
                for deeper in [k for k in counters if k > lvl]:
                    del counters[deeper]
        level = levels.get(ilvl, _Level())
        own = _indent(ppr)
        if not (style or "").lower().startswith(("heading", "title")):
            self.item = (ilvl, own if own is not None else level.indent, level.fmt in ("bullet", "none"),
                         any(f"%{k + 1}" in level.text for k in range(ilvl)))
        counters[ilvl] = counters.get(ilvl, level.start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        if level.fmt in ("bullet", "none") or not level.text:
            return "" if level.fmt == "bullet" else level.text
        out = level.text
        for k in range(ilvl + 1):
            lv = levels.get(k, _Level())
            out = out.replace(f"%{k + 1}", _fmt(counters.get(k, lv.start), lv.fmt))
        return out
