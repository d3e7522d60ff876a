"""The agency registry and resolver (interface; data in ``graph/data/agencies.yaml``).

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
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from importlib import resources

import yaml

from graph.ids import agency_id
from graph.model import REGISTRY_DOC, Agency, Sector

__all__ = ["AgencyRegistry", "Resolution", "Mention", "LineageLink"]


@dataclass(frozen=True)
class Resolution:
    agency: Agency
    score: float
    resolved: bool
    shared: bool = False
    parts: tuple[Resolution, ...] = ()


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

    @classmethod
    @functools.cache
    def load(cls) -> AgencyRegistry:
        text = resources.files("graph").joinpath("data/agencies.yaml").read_text(encoding="utf-8")
        reg = cls()
        entries = yaml.compose(text)
        for item in entries.value if entries is not None else []:
            data = yaml.safe_load(yaml.serialize(item))
            line = item.start_mark.line + 1
            agency = Agency(id=agency_id(data["name"]), name=data["name"], aliases=data.get("aliases", []),
                            sector=data.get("sector", "other"), active_until=data.get("active_until"),
                            doc=REGISTRY_DOC, line_start=line, line_end=item.end_mark.line + 1)
            reg.agencies[agency.id] = agency
        return reg

    def _index(self) -> dict[str, str]:
        idx: dict[str, str] = {}
        for a in self.agencies.values():
            for name in (a.name, *a.aliases):
                idx[name.lower()] = a.id
        return idx

    def resolve(self, mention: str) -> Resolution | None:
        text = re.sub(r"\s+", " ", mention).strip(" .:;,-")
        if not text:
            return None
        hit = self._index().get(text.lower())
        if hit:
            return Resolution(agency=self.agencies[hit], score=100.0, resolved=True)
        new = Agency(id=agency_id(text), name=text, sector=Sector.other, resolved=False,
                     doc=REGISTRY_DOC, line_start=0, line_end=0)
        return Resolution(agency=new, score=0.0, resolved=False)

    def find_mentions(self, text: str) -> list[Mention]:
        out = []
        for name, aid in self._index().items():
            for m in re.finditer(rf"\b{re.escape(name)}\b", text, flags=re.I):
                out.append(Mention(aid, m.start(), m.end(), m.group(0)))
        return sorted(out, key=lambda m: m.start)

    def leading_agency(self, text: str) -> Mention | None:
        for m in self.find_mentions(text):
            if m.start == 0:
                return m
        return None

    def is_agency_heading(self, text: str) -> bool:
        return self.resolve(text) is not None and len(text.split()) <= 12

    def nodes(self) -> list[Agency]:
        return list(self.agencies.values())

    def lineage(self) -> list[LineageLink]:
        return list(self.links)
