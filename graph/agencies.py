"""The agency registry and resolver (data in ``graph/data/agencies.yaml``; text machinery in
:mod:`reviewgraph.graph.agency_text`; user documentation in ``docs/agencies.md``).

CONTRACT (used by the parsers and the builder; keep these signatures):

- ``AgencyRegistry.load() -> AgencyRegistry``: the shipped registry, cached.
- ``registry.resolve(mention: str) -> Resolution``: the canonical agency for a mention as written
  ("NPS", "Trai wickstille i Tobation Trust", "CSP / DAP", "All agencies", "Erik Smith Director of Adult
  Social Care"); an unknown agency gives a new, unresolved Agency; a shared owner gives ``shared=True`` with
  its ``parts``. Returns ``None`` only for text that names no organisation at all (a person's name only).
- ``registry.find_mentions(text: str) -> list[Mention]``: agencies named inside running text.
- ``registry.leading_agency(text: str) -> Mention | None``: an agency name at the very start of ``text``
  (used to split a heading glued onto the first cell of a row).
- ``registry.is_agency_heading(text: str) -> bool``: a short cell that names an agency or a section.
- ``registry.nodes() -> list[Agency]`` and ``registry.lineage() -> list[LineageLink]``: registry agencies
  and their SUCCEEDED_BY / MEMBER_OF links, with provenance (``REGISTRY_DOC`` and the YAML line).

>>> reg = AgencyRegistry.load()
>>> reg.resolve("DTVCRC").agency.name
'Durham Tees Valley Community Rehabilitation Company'
>>> [p.agency.name for p in reg.resolve("NPS and CRC").parts]
['National Probation Service', 'Community Rehabilitation Company']
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from importlib import resources

import yaml

from reviewgraph.graph.agency_text import (
    FUNCTION_WORDS,
    HTML_RE,
    KEYWORDS,
    NON_ORG_WORDS,
    ROLE_WORDS,
    SECTION_WORDS,
    AliasIndex,
    Token,
    clean,
    english_words,
    guess_sector,
    person_spans,
    place_words,
    post_spans,
    tokens,
)
from reviewgraph.graph.ids import agency_id
from reviewgraph.graph.model import REGISTRY_DOC, Agency, Sector

__all__ = ["AgencyRegistry", "Resolution", "Mention", "LineageLink", "shared_of"]

ALL_AGENCIES = "All agencies"
_CONNECTORS = frozenset({"on", "upon", "in", "under", "le", "de", "and", "&", "of"})
_SEPARATOR = re.compile(r"^[\s,/&+;]*(?:and|with|plus|or|as well as)?[\s,/&+;]*$", re.I)
_DASH = re.compile(r"^\s*[-–—]\s*$")
_INCLUDING = re.compile(r"\b(?:including|incl\.?|namely|e\.g\.|such as)\b|[:(]", re.I)
_STOP_CELLS = re.compile(
    r"^(?:local|regional|national|complete[d]?|on ?going|in progress|achieved|not started|yes|no|n/?a|tbc|"
    r"already in place|recommendation|action(?: to take)?|scope|outcome|status|lead|progress|target date|"
    r"start date|evidence|key milestones?)$",
    re.I,
)
_MONTHS = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b\s*\d{2,4}", re.I)
_VERBISH = frozenset(
    "should must will shall would could may is are was were be been has have had ensure ensures "
    "develop develops review reviews provide provides undertake undertakes implement implements "
    "consider considers raise raises seek seeks share shares deliver delivers put puts "
    "target targets direct directs complete completes".split()
)


@dataclass(frozen=True)
class Resolution:
    agency: Agency
    score: float
    resolved: bool
    shared: bool = False
    parts: tuple[Resolution, ...] = ()
    #: for a department ("Children's Services" of "Wrenford Borough Council - Children's Services"), the
    #: organisation it is part of (linked MEMBER_OF)
    department_of: Resolution | None = None


@dataclass(frozen=True)
class Mention:
    agency_id: str
    start: int
    end: int
    matched: str


@dataclass(frozen=True)
class LineageLink:
    source: str
    target: str
    type: str  # SUCCEEDED_BY or MEMBER_OF
    date: str | None
    line: int


@dataclass
class AgencyRegistry:
    agencies: dict[str, Agency] = field(default_factory=dict)
    links: list[LineageLink] = field(default_factory=list)
    index: AliasIndex = field(default_factory=AliasIndex)
    kinds: dict[str, str] = field(default_factory=dict)
    places: frozenset = frozenset()

    # --- loading ------------------------------------------------------------------------------------------

    @classmethod
    @functools.cache
    def load(cls) -> AgencyRegistry:
        text = resources.files("reviewgraph.graph").joinpath("data/agencies.yaml").read_text(encoding="utf-8")
        return cls.from_yaml(text)

    @classmethod
    def from_yaml(cls, text: str) -> AgencyRegistry:
        """Build a registry from YAML text (the shipped file or a user's own registry)."""
        reg = cls()
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
        try:  # parsed once: the nodes (for line numbers), then the values built from them
            root = loader.get_single_node()
            entries = (loader.construct_document(root) if root is not None else None) or []
        finally:
            loader.dispose()
        pending: list[tuple[str, str, str, str | None, int]] = []
        for item, data in zip(root.value if root is not None else [], entries):
            name = data["name"]
            acronyms = [str(a) for a in data.get("acronyms", [])]
            aliases = [str(a) for a in data.get("aliases", [])]
            strict = {str(s) for s in data.get("strict", [])}
            agency = Agency(
                id=agency_id(name),
                name=name,
                aliases=aliases + acronyms,
                sector=data.get("sector", "other"),
                active_until=str(data["active_until"]) if data.get("active_until") else None,
                shared=data.get("sector") == Sector.shared.value,
                doc=REGISTRY_DOC,
                line_start=item.start_mark.line + 1,
                line_end=max(
                    item.start_mark.line + 1, item.end_mark.line + (1 if item.end_mark.column else 0)
                ),
            )
            if agency.id in reg.agencies:
                raise ValueError(f"agencies.yaml line {agency.line_start}: duplicate agency {name!r}")
            reg.agencies[agency.id] = agency
            if data.get("kind"):
                reg.kinds[agency.id] = str(data["kind"])
            for alias in [name, *aliases]:
                reg.index.add(agency.id, alias, "strict" if alias in strict else "name")
            for alias in strict - {name, *aliases}:
                reg.index.add(agency.id, alias, "strict")
            for acronym in acronyms:
                reg.index.add(agency.id, acronym, "acronym")
            nodes = {key.value: node for key, node in item.value}
            for link, ld in zip(
                getattr(nodes.get("succeeded_by"), "value", []), data.get("succeeded_by", [])
            ):
                pending.append(
                    (
                        agency.id,
                        ld["name"],
                        "SUCCEEDED_BY",
                        str(ld.get("date") or "") or None,
                        link.start_mark.line + 1,
                    )
                )
            for link, target in zip(getattr(nodes.get("member_of"), "value", []), data.get("member_of", [])):
                pending.append((agency.id, target, "MEMBER_OF", None, link.start_mark.line + 1))
        for source, target_name, rel, date, line in pending:
            target = agency_id(target_name)
            if target not in reg.agencies:
                raise ValueError(f"agencies.yaml line {line}: {rel} names unknown agency {target_name!r}")
            reg.links.append(LineageLink(source, target, rel, date, line))
        reg.places = place_words([n for a in reg.agencies.values() for n in (a.name, *a.aliases)])
        dupes = reg.index.duplicates()
        if dupes:
            raise ValueError(f"agencies.yaml: aliases claimed by several agencies: {dupes}")
        return reg

    # --- public API ---------------------------------------------------------------------------------------

    def nodes(self) -> list[Agency]:
        return list(self.agencies.values())

    def lineage(self) -> list[LineageLink]:
        return list(self.links)

    def successors(self, agency_id: str) -> list[tuple[Agency, str | None]]:
        """Who carries a body's work now: its SUCCEEDED_BY links followed to bodies still active, each with
        the date of the last handover ("Warwickshire Probation Trust" -> Probation Service, 2021-06-26).

        >>> reg = AgencyRegistry.load()
        >>> [(a.name, d) for a, d in reg.successors("agency:south-tees-clinical-commissioning-group")]
        [('NHS North East and North Cumbria Integrated Care Board', '2022-07-01')]
        """
        nexts: dict[str, list[LineageLink]] = {}
        for link in self.links:
            if link.type == "SUCCEEDED_BY":
                nexts.setdefault(link.source, []).append(link)
        out: dict[str, tuple[Agency, str | None]] = {}
        todo, seen = [(agency_id, None)], {agency_id}
        while todo:
            aid, date = todo.pop(0)
            if aid not in nexts:
                if aid != agency_id:
                    out.setdefault(aid, (self.agencies[aid], date))
                continue
            for link in nexts[aid]:
                if link.target not in seen:
                    seen.add(link.target)
                    todo.append((link.target, link.date))
        return list(out.values())

    def find_mentions(self, text: str) -> list[Mention]:
        """The registered bodies ``text`` names. Not every agency together ("all agencies": no body), and
        not a kind of body named as part of another's name: after a proper word ("Thornbury Drug and Alcohol
        Service") or before a kind of body of its own ("the school nursing service")."""
        toks = tokens(text)
        out = []
        for i, j, a in self.index.scan(toks):
            kind = self.kinds.get(a.agency_id)
            if kind == "shared":
                continue
            if kind == "generic" and (i > 0 and not toks[i].brk and _proper_word(toks[i - 1].raw) or
                                      _kind_follows(toks, j)):
                continue
            out.append(self._mention(text, toks, i, j, a.agency_id))
        return out

    def leading_agency(self, text: str) -> Mention | None:
        """The registry agency named at the very start of ``text`` (after bullets and spaces), whatever
        follows: "Cleveland Police The process in which ..." and "Warwickshire Police review the process"
        both give the police force; "The process in which Cleveland Police ..." gives None. Whether what
        follows starts a new sentence (a glued heading) or continues one (the subject) is the caller's test.
        """
        toks = tokens(text[:400], limit=16)
        if not toks or text[: toks[0].start].strip(" \t\r\n•·*-–"):
            return None
        hits = self.index.scan(toks)
        if not hits or hits[0][0] != 0:
            return None
        _, j, alias = hits[0]
        return self._mention(text, toks, 0, j, alias.agency_id)

    def is_agency_heading(self, text: str) -> bool:
        """A short cell that names an agency or a section ("Cleveland Police", "GP practice for both the
        victim and the perpetrator", "Single agency recommendations"), not a sentence, a labelled cell
        ("GEH: Covered in Action 23"), a person, a place, a column header, a date or a status."""
        raw = re.sub(r"\s+", " ", HTML_RE.sub(" ", text)).strip()
        t = clean(text)
        toks = tokens(t)
        if (
            not toks
            or len(toks) > 14
            or len(t) > 140
            or not t[0].isupper()
            and not t[0].isdigit()
            or _STOP_CELLS.match(t)
            or _MONTHS.search(t)
            or re.match(r"^\d", t)
        ):
            return False
        words = [k.norm for k in toks]
        if (
            set(words) & _VERBISH
            or any(k.raw.islower() and len(k.raw) > 4 and k.raw.endswith("ed") for k in toks)
            or (raw.endswith((".", "?", "!")) and len(toks) > 4)
            or re.search(r"[.:;]\s+\S+\s+\S", t)
        ):
            return False
        if all(w in SECTION_WORDS for w in words):
            return True
        hits = self.index.scan(toks)
        if person_spans(toks, self._covered(hits)):
            return False
        if hits and hits[0][0] == 0:
            return True
        res = self.resolve(t)
        if res is None:
            return False
        if res.resolved and res.agency.id in self.agencies and res.score < 100:  # the whole cell, OCR-damaged
            return True
        lower = [
            k
            for k in toks
            if k.raw[:1].islower()
            and k.norm not in FUNCTION_WORDS
            and k.norm not in _CONNECTORS
            and k.norm not in ROLE_WORDS
        ]
        return len(toks) <= 8 and not lower and not any(c.isdigit() for c in t)

    def resolve(self, mention: str) -> Resolution | None:
        text = clean(mention)
        if _SHOUTED.match(text) and any(len(w) >= 5 for w in text.split()):
            text = self._uncap(text)  # "SEDGESTEAD NHS FOUNDATION TRUST", a heading in capitals
        toks = tokens(text)
        if not toks or not any(c.isalpha() for c in text):
            return None
        hits = self.index.scan(toks)
        # "All agencies", "ALL AGENCIES including Warwickshire Police, Probation Trust, ..."
        if hits and hits[0][0] == 0 and hits[0][2].agency_id == agency_id(ALL_AGENCIES):
            rest = text[toks[hits[0][1] - 1].end :]
            m = _INCLUDING.search(rest)
            parts = tuple(self._list_parts(rest[m.end() :])) if m else ()
            return Resolution(
                agency=self.agencies[agency_id(ALL_AGENCIES)],
                score=100.0,
                resolved=True,
                shared=True,
                parts=parts,
            )
        if hits:
            qualified = self._qualified_registry_name(text, toks, hits)
            if qualified:
                return qualified
            wider = self._wider_fuzzy(toks, hits)
            if wider:
                return wider
            listed = self._qualified_list(text, toks, hits)
            if listed is not None:
                return listed
            if len(hits) > 1 and all(self.kinds.get(a.agency_id) == "generic" for _, _, a in hits):
                # "NHS Northmere and Wrenford Integrated Care Board": one body, named by its last kind
                between = toks[hits[-2][1] : hits[-1][0]]
                place = any(k.raw[:1].isupper() and k.raw not in _CONNECTORS for k in between)
                qualified = self._qualified_kind(text, toks, hits[-1]) if place else None
                if qualified and qualified.agency.name.split()[0].lower() == toks[hits[0][0]].norm:
                    return qualified
            group = self._best_group(text, toks, hits)
            parts = self._dedupe([self._known(a.agency_id, 100.0) for _, _, a in group])
            if len(parts) == 1:
                return self._qualified_kind(text, toks, group[0]) or parts[0]
            return self._shared(parts, text)
        # no registry name as written: one OCR-damaged or unknown name, or a list of them
        single = self._resolve_one(text)
        if single is not None and single.resolved:
            return single
        chunks = self._split_list(text)
        if len(chunks) > 1:
            parts = self._dedupe([p for p in (self._resolve_one(c) for c in chunks) if p is not None])
            if len(parts) > 1 and (any(p.resolved for p in parts) or all(map(_body_name, chunks))):
                return self._shared(parts, text)
        return single

    # --- internals ----------------------------------------------------------------------------------------

    @staticmethod
    def _mention(text: str, toks: list[Token], i: int, j: int, aid: str) -> Mention:
        start, end = toks[i].start, toks[j - 1].end
        return Mention(agency_id=aid, start=start, end=end, matched=text[start:end])

    @staticmethod
    def _covered(hits: list[tuple[int, int, object]]) -> set[int]:
        return {k for i, j, _ in hits for k in range(i, j)}

    def _known(self, aid: str, score: float) -> Resolution:
        return Resolution(agency=self.agencies[aid], score=score, resolved=True)

    @staticmethod
    def _dedupe(parts: list[Resolution]) -> list[Resolution]:
        seen: dict[str, Resolution] = {}
        for p in parts:
            seen.setdefault(p.agency.id, p)
        return list(seen.values())

    def _list_parts(self, text: str) -> list[Resolution]:
        """The members of a list ("Warwickshire Police, Probation Trust, Nuneaton & Bedworth"), unknown ones
        included as unresolved agencies."""
        out: list[Resolution] = []
        for chunk in re.split(r"\s*[,;/+]\s*", text):
            res = self.resolve(chunk) if clean(chunk) else None
            if res is not None:
                out.extend(res.parts if res.shared and res.parts else [res])
        return self._dedupe(out)

    def _wider_fuzzy(self, toks: list[Token], hits: list) -> Resolution | None:
        """Exact names that leave words unexplained ("HM Priso n and Probation Sevice" holds no name as
        written but "Probation" may be one): a fuzzy match of all the words but people's names wins when it
        is convincing and names another agency."""
        covered = self._covered(hits)
        people = person_spans(toks, covered)
        unexplained = [
            k
            for n, k in enumerate(toks)
            if n not in covered
            and n not in people
            and k.norm not in ROLE_WORDS
            and k.norm not in FUNCTION_WORDS
            and len(k.norm) > 1
        ]
        if not unexplained:
            return None
        rest = [k for n, k in enumerate(toks) if n not in people]
        fuzzy = self.index.fuzzy([k.norm for k in rest], [k.raw for k in rest])
        if not fuzzy or fuzzy[0].agency_id in {a.agency_id for _, _, a in hits}:
            return None
        return self._known(fuzzy[0].agency_id, fuzzy[1])

    def _qualified_registry_name(self, text: str, toks: list[Token], hits: list) -> Resolution | None:
        """A registry name directly followed by a kind of body of another sector names a particular body:
        "Nuneaton and Bedworth Community Safety Partnership" is that area's CSP, not the council. (Of the same
        sector, "Warwickshire County Council Children's Services", it is a department: the council.)"""
        for (pi, pj, pa), (i, j, a) in zip(hits, hits[1:]):
            if (
                pj != i
                or toks[i].brk
                or self.kinds.get(a.agency_id) != "generic"
                or self.kinds.get(pa.agency_id) == "generic"
                or self.agencies[a.agency_id].sector == self.agencies[pa.agency_id].sector
            ):
                continue
            name = clean(text[toks[pi].start : toks[j - 1].end])
            return _unknown(name, self.agencies[a.agency_id].sector)
        return None

    def _uncap(self, text: str) -> str:
        """A name written in capitals as it would be written in a sentence: its words capitalised, the
        acronyms the registry knows kept ("Sedgestead NHS Foundation Trust"), small words in lower case.

        >>> AgencyRegistry.load()._uncap("LARK LEVELS WOMEN'S AID AND NHS ICB")
        "Lark Levels Women's Aid and NHS ICB"
        """
        out = []
        for k, word in enumerate(text.split(" ")):
            core = re.sub(r"[^A-Z0-9&]", "", word)
            if core in self.index.squashed_acronyms:
                out.append(word)
            elif k and word.lower() in _SMALL_WORDS:
                out.append(word.lower())
            else:
                out.append(word.capitalize())
        return " ".join(out)

    def _qualified_list(self, text: str, toks: list[Token], hits: list) -> Resolution | None:
        """Bodies the registry does not know, each a kind with its proper name, listed ("Pellingford Fire and
        Rescue Service and Pellingford Community Health NHS Trust"): each is a body, together one owner. Only
        where nothing but a separator stands between one body's kind and the next body's name."""
        bodies: list[Resolution] = []
        end = None
        for hit in hits:
            q = self._qualified_kind(text, toks, hit)
            if q is None:
                return None
            start = text.find(q.agency.name, 0 if end is None else end)
            if start < 0 or end is not None and not _LIST_GAP.fullmatch(text[end:start]):
                return None
            bodies.append(q)
            end = toks[hit[1] - 1].end
        rest = text[end:].strip(" .,;:")
        if rest:  # "... NHS Trust and Harrowdale Police": a last body whose kind the registry does not list
            gap = _LIST_GAP.match(text, end)
            last = clean(text[gap.end():]) if gap and gap.end() > end else ""
            if not last or not _body_name(last):
                return None
            bodies.append(_unknown(last, guess_sector(last)))
        if text[:text.find(bodies[0].agency.name)].strip():
            return None  # more words before the list than its bodies
        return self._shared(self._dedupe(bodies), text) if len({b.agency.id for b in bodies}) > 1 else None

    def _qualified_kind(self, text: str, toks: list[Token], hit: tuple) -> Resolution | None:
        """A kind of body with a proper name before it ("Zedland Police", "Leeds Safeguarding Adults Board",
        "Northtown Women's Aid" for a federation's local member) is a particular body the registry does not
        know: a new unresolved agency of the kind's sector."""
        i, j, alias = hit
        if self.kinds.get(alias.agency_id) not in ("generic", "federation"):
            return None
        people = person_spans(toks, set(range(i, j)))
        lo = i
        while lo > 0 and not toks[lo].brk and lo - 1 not in people and (
                not toks[lo - 1].raw.isupper() or (lo == 1 and toks[0].norm in _NAME_PREFIX and lo < i)):
            prev = toks[lo - 1]
            if prev.norm in _NAME_PREFIX and lo == 1:  # "NHS Northmere Integrated Care Board"
                lo -= 1
            elif prev.raw[:1].isupper() and (prev.norm not in ROLE_WORDS or (
                    # a word of an organisation's own name ("Wrenford Mental Health Partnership NHS Trust"),
                    # taken only when a proper name stands before it
                    prev.norm in ORG_NAME_WORDS and lo > 1 and toks[lo - 2].raw[:1].isupper())):
                lo -= 1
            elif (
                prev.raw in _CONNECTORS
                and lo - 1 > 0
                and not prev.brk
                and toks[lo - 2].raw[:1].isupper()
                and toks[lo - 2].norm not in ROLE_WORDS
                and lo - 2 not in people
            ):
                lo -= 2  # "Southend-on-Sea", "Redcar and Cleveland", "Newcastle upon Tyne"
            else:
                break
        while lo < i and toks[lo].norm in ROLE_WORDS:  # the name starts with its proper name
            lo += 1
        if lo == i or (lo == i - 1 and toks[lo].norm in _NAME_PREFIX):
            return None
        hi = j
        while hi < len(toks) and not toks[hi].brk and toks[hi].raw[:1].isupper() and toks[hi].norm in _JOINED_KINDS:
            hi += 1  # "Kelmouth General Practice Federation", "Kelmouth GP Alliance": a body of that kind
        if hi > j:
            return _unknown(clean(text[toks[lo].start : toks[hi - 1].end]), self.agencies[alias.agency_id].sector)
        name = clean(text[toks[lo].start : toks[j - 1].end])
        if j - i == 1 and toks[i].raw.isupper() and len(toks[i].raw) >= 2:
            # "Kestrel Vale CSP" and "Kestrel Vale Community Safety Partnership" are one body: spell the kind out
            name = clean(text[toks[lo].start : toks[i - 1].end]) + " " + self.agencies[alias.agency_id].name
        return _unknown(name, self.agencies[alias.agency_id].sector)

    @staticmethod
    def _split_list(text: str) -> list[str]:
        parts = re.split(r"\s*(?:,|;|/|\+|&|\band\b|\bwith\b)\s*", text, flags=re.I)
        return [p for p in (clean(x) for x in parts) if p]

    def _best_group(self, text: str, toks: list[Token], hits: list) -> list:
        """Consecutive matches joined only by separators ("NPS and CRC", "CSP / DAP") form a group; a dash
        joins an organisation and its department ("Warwickshire County Council - Children's Services") and
        keeps the organisation. The group with most distinct agencies wins, the first on a tie."""
        groups: list[list] = [[hits[0]]]
        for prev, cur in zip(hits, hits[1:]):
            gap = text[toks[prev[1] - 1].end : toks[cur[0]].start]
            if _DASH.match(gap):
                continue
            if gap.strip() and _SEPARATOR.match(gap):
                groups[-1].append(cur)
            else:
                groups.append([cur])
        return max(groups, key=lambda g: len({h[2].agency_id for h in g}))

    def publisher(self, text: str) -> Resolution | None:
        """The body or bodies that published a review: "X Community Safety Partnership and X Safeguarding
        Adults Board" (a joint review) is both, each resolved on its own; anything else as :meth:`resolve`."""
        pieces = [p for p in re.split(r"\s+(?:and|&)\s+(?=[A-Z])", text) if p.strip()]
        if len(pieces) == 2 and all(re.search(r"(?:Partnership|Board|Panel|Committee)\s*$", p) for p in pieces):
            parts = [r for r in (self.resolve(p) for p in pieces) if r is not None]
            if len(parts) == 2 and parts[0].agency.id != parts[1].agency.id:
                return self._shared(parts, text)
        return self.resolve(text)

    def _shared(self, parts: list[Resolution], text: str) -> Resolution:
        return shared_of(parts, text)

    def _resolve_one(self, text: str) -> Resolution | None:
        """One organisation: exact name, OCR-tolerant fuzzy match, or a new unresolved agency."""
        toks = tokens(text)
        if not toks:
            return None
        hits = self.index.scan(toks)
        if hits:
            return self._known(hits[0][2].agency_id, 100.0)
        if len(toks) <= 4 and all(k.raw.isupper() for k in toks):  # an acronym split by OCR: "DTV C RC"
            acronym = self.index.squashed_acronyms.get("".join(k.raw for k in toks).replace("&", ""))
            if acronym:
                return self._known(acronym.agency_id, 100.0)
        people = person_spans(toks)
        rest = [k for i, k in enumerate(toks) if i not in people]
        # the whole text first: "George Elit Hospital" is a hospital before it is a person
        fuzzy = self.index.fuzzy([k.norm for k in toks], [k.raw for k in toks])
        if not fuzzy and rest and people:
            fuzzy = self.index.fuzzy([k.norm for k in rest], [k.raw for k in rest])
        if fuzzy:
            return self._known(fuzzy[0].agency_id, fuzzy[1])
        name = self._org_name(toks, people, text, self.places)
        if name is None:
            return None
        # a cell naming a person besides the organisation is not another name of the organisation
        return _unknown(name, guess_sector(name), aliases=[text] if text != name and not people else [])

    @staticmethod
    def _org_name(
        toks: list[Token], people: set[int], text: str, places: frozenset = frozenset()
    ) -> str | None:
        """The organisation-like part of a cell with no registry name, or None when it names only people,
        roles or a section ("Jane Hill Strategic Community Safety Manager", "Single agency
        recommendations")."""
        # a post's title, and the remit that follows it, is no part of the organisation's name, and parts
        # the words either side of it as a person does ("FCHT Safeguarding Lead", "NHFT Named Nurse for
        # Safeguarding Adults": FCHT, NHFT)
        people = people | post_spans(toks, people)
        content = [i for i, k in enumerate(toks) if i not in people and k.norm not in ROLE_WORDS]
        if not content or all(
            toks[i].norm in SECTION_WORDS or toks[i].norm in NON_ORG_WORDS or toks[i].norm in FUNCTION_WORDS
            for i in content
        ):
            return None
        if tuple(toks[i].norm for i in content) in places:  # "Cleveland", "South Tees": a place
            return None
        if not any(toks[i].raw[:1].isupper() for i in content):
            return None
        # the words on each side of a person are read apart: "WDAS / Drew Brockhurst Safeguarding Lead WDAS"
        # names WDAS once; two different names around a person leave the cell unread (a guess otherwise)
        names: dict[str, str] = {}
        segment: list[int] = []
        for i in [*range(len(toks)), len(toks)]:
            if i < len(toks) and i not in people:
                segment.append(i)
                continue
            inside = [k for k in segment if k in content]
            if inside:
                last = max(k for k in segment if k >= inside[0] and (
                    k in content or toks[k].norm in KEYWORDS or toks[k].norm in ORG_TAIL))
                name = clean(text[toks[inside[0]].start : toks[last].end])
                names.setdefault(name.casefold(), name)
            segment = []
        return next(iter(names.values())) if len(names) == 1 else None


#: words that may open a body's name before its place ("NHS Northmere ICB", "HM Prison Northmere")
_NAME_PREFIX = frozenset({"nhs", "hm", "hmp"})
#: words of an organisation's own name that are also words of people's roles ("Community Safety
#: Partnership", "Mental Health Partnership NHS Trust"): kept inside a name that has a proper name before them
#: a name in capitals: two words or more, no lower-case letter
_SHOUTED = re.compile(r"^(?=.*\s)[^a-z]*[A-Z]{2}[^a-z]*$")
_SMALL_WORDS = frozenset("of and the for on in upon at by with".split())
ORG_NAME_WORDS = frozenset("partnership community safety clinical commissioning services service public "
                           "integration development quality specialist support business".split())
#: words that end an organisation's name ("Northmere Community Health Services")
#: a kind of body that follows another body's kind in a name ("General Practice Federation")
_JOINED_KINDS = frozenset("federation alliance consortium collaborative network association society".split())
ORG_TAIL = frozenset("service services partnership unit hub agency project programme".split())


#: what stands between two listed bodies' names
_LIST_GAP = re.compile(r"\s*(?:,|;|/|&|\+|\band\b|,\s*and\b)\s*(?:the\s+)?", re.I)


def _body_name(text: str) -> bool:
    """Does ``text`` read as one body's whole name on its own: two words or more, the last a body's kind
    ("Police", "Council", "Service"), and "the" or a proper word before it that is no English word
    ("Harrowdale Police", "the Ambulance Service"; not "Crime Commissioner" of "Police and Crime
    Commissioner", nor "Children" of "Children and Families Service")? So a list of bodies the registry
    does not know ("Harrowdale Police and the Ambulance Service") is read as its bodies, not as one.
    """
    toks = tokens(text)
    if len(toks) < 2 or (toks[-1].norm not in KEYWORDS and toks[-1].norm not in ORG_TAIL):
        return False
    return toks[0].norm == "the" or any(
        k.raw[:1].isupper() and k.norm not in KEYWORDS and k.norm not in ROLE_WORDS
        and k.norm not in english_words() for k in toks[:-1])


def _unknown(name: str, sector: str, aliases: list[str] | None = None) -> Resolution:
    """An organisation the registry does not know: a new Agency, flagged unresolved, never dropped (its
    provenance is set by the builder to the document that named it)."""
    agency = Agency(id=agency_id(name), name=name, aliases=aliases or [], sector=sector, resolved=False,
                    doc=REGISTRY_DOC, line_start=0, line_end=0)
    return Resolution(agency=agency, score=0.0, resolved=False)


#: the nouns that end a body's name ("... nursing service", "... liaison team")
_BODY_NOUNS = frozenset("service services team teams unit units department project hub".split())


def _proper_word(raw: str) -> bool:
    return raw[:1].isupper() and raw.lower() not in ("the", "a", "an", "and", "of", "for", "to", "by", "with", "from",
                                                     "in", "on", "at", "that", "this", "all", "each", "every")


def _kind_follows(toks: list[Token], j: int) -> bool:
    """A kind of body within the next two words, in lower case and in the same run ("school nursing service")."""
    for k in range(j, min(j + 2, len(toks))):
        if toks[k].brk or not toks[k].raw.islower():
            return False
        if toks[k].norm in _BODY_NOUNS:
            return True
    return False


def shared_of(parts: list[Resolution], text: str) -> Resolution:
    """One owner made of several bodies ("NPS and CRC", written ``text``): a node of its own, named by its
    parts, which are ``MEMBER_OF`` it."""
    name = " / ".join(p.agency.name for p in parts)
    agency = Agency(
        id=agency_id(name),
        name=name,
        aliases=[text],
        sector=Sector.shared,
        resolved=all(p.resolved for p in parts),
        shared=True,
        doc=REGISTRY_DOC,
        line_start=0,
        line_end=0,
    )
    return Resolution(
        agency=agency,
        score=min(p.score for p in parts),
        resolved=agency.resolved,
        shared=True,
        parts=tuple(parts),
    )
