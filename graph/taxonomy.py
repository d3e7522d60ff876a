"""The theme taxonomy: the SKOS concept scheme shipped in ``graph/data/themes.ttl``, read with rdflib.

:meth:`Taxonomy.load` parses the Turtle once (cached) into :class:`Concept` records, each with the line span
of its block in the file, which is the provenance of the Theme node and of its BROADER edges
(``doc=TAXONOMY_DOC``). :meth:`Taxonomy.nodes` gives the Theme nodes; :meth:`Taxonomy.broader_links` the
(narrower, broader) pairs.

>>> tax = Taxonomy.load()
>>> tax.concepts["marac"].pref_label
'MARAC'
>>> tax.concepts["marac"].broader
('multi-agency-working',)
>>> ("risk-assessment", "identification-of-risk") in tax.broader_links()
True
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources

import rdflib
from rdflib.namespace import SKOS

from reviewgraph.graph.ids import theme_id
from reviewgraph.graph.model import TAXONOMY_DOC, Theme

__all__ = ["Concept", "Taxonomy", "THEME_NS", "TaxonomyError"]

THEME_NS = "https://w3id.org/reviewgraph/theme/"
_BLOCK_START = re.compile(r"^rgt:([A-Za-z0-9_-]+)\s+a\s+skos:Concept\b")


class TaxonomyError(ValueError):
    """The shipped Turtle breaks a convention the tagger relies on."""


@dataclass(frozen=True)
class Concept:
    key: str
    pref_label: str
    alt_labels: tuple[str, ...]
    hidden_labels: tuple[str, ...]
    definition: str
    broader: tuple[str, ...]
    line_start: int
    line_end: int

    @property
    def id(self) -> str:
        return theme_id(self.key)

    def node(self) -> Theme:
        return Theme(id=self.id, label=self.pref_label, alt_labels=list(self.alt_labels),
                     hidden_labels=list(self.hidden_labels), definition=self.definition,
                     doc=TAXONOMY_DOC, line_start=self.line_start, line_end=self.line_end)


def _spans(text: str) -> dict[str, tuple[int, int]]:
    """Line span of each ``rgt:<key> a skos:Concept`` block (it ends at the first line ending in ' .')."""
    spans: dict[str, tuple[int, int]] = {}
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        m = _BLOCK_START.match(lines[i])
        if m:
            j = i
            while j < len(lines) and not lines[j].rstrip().endswith(" ."):
                j += 1
            spans[m.group(1)] = (i + 1, j + 1)
            i = j
        i += 1
    return spans


def _literals(g: rdflib.Graph, s: rdflib.URIRef, p: rdflib.URIRef) -> tuple[str, ...]:
    return tuple(sorted(str(o) for o in g.objects(s, p) if isinstance(o, rdflib.Literal)))


@dataclass
class Taxonomy:
    concepts: dict[str, Concept]

    @classmethod
    @functools.cache
    def load(cls) -> Taxonomy:
        text = resources.files("reviewgraph.graph").joinpath("data/themes.ttl").read_text(encoding="utf-8")
        return cls.from_turtle(text)

    @classmethod
    def from_turtle(cls, text: str) -> Taxonomy:
        g = rdflib.Graph()
        g.parse(data=text, format="turtle")
        spans = _spans(text)
        concepts: dict[str, Concept] = {}
        for s in sorted(g.subjects(rdflib.RDF.type, SKOS.Concept)):
            uri = str(s)
            if not uri.startswith(THEME_NS):
                raise TaxonomyError(f"concept {uri} is outside {THEME_NS}")
            key = uri[len(THEME_NS):]
            if key not in spans:
                raise TaxonomyError(f"concept {key} does not start a line 'rgt:{key} a skos:Concept'")
            prefs = _literals(g, s, SKOS.prefLabel)
            if len(prefs) != 1:
                raise TaxonomyError(f"concept {key} needs exactly one prefLabel, has {len(prefs)}")
            definitions = _literals(g, s, SKOS.definition)
            broader = tuple(sorted(str(b)[len(THEME_NS):] for b in g.objects(s, SKOS.broader)))
            concepts[key] = Concept(key=key, pref_label=prefs[0], alt_labels=_literals(g, s, SKOS.altLabel),
                                    hidden_labels=_literals(g, s, SKOS.hiddenLabel),
                                    definition=definitions[0] if definitions else "", broader=broader,
                                    line_start=spans[key][0], line_end=spans[key][1])
        for c in concepts.values():
            for b in c.broader:
                if b not in concepts:
                    raise TaxonomyError(f"concept {c.key} has unknown broader concept {b}")
        return cls(concepts=concepts)

    def nodes(self) -> list[Theme]:
        return [c.node() for c in self.concepts.values()]

    def broader_links(self) -> list[tuple[str, str]]:
        """(narrower key, broader key) pairs."""
        return [(c.key, b) for c in self.concepts.values() for b in c.broader]
