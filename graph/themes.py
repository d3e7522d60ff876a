"""Explainable theme tagging: Theme nodes, BROADER edges and ABOUT edges with their evidence and score.

CONTRACT: ``tag_graph(graph: ReviewGraph) -> None`` is called by :func:`reviewgraph.graph.build.build_graph` after the
reviews are merged; it is deterministic and offline.

How a text is tagged (all from the labels of ``graph/data/themes.ttl``, nothing learned):

- Text is split into word tokens; sentence punctuation, tabs and newlines are breaks.
- A label word written in capitals ("MARAC", "GP", "A&E") is an acronym: it matches that exact token or its
  plural ("GPs", "DVPOs"; a possessive "GP's" too). Any other label word matches in any case, and in its
  inflected forms (``share`` matches share, shares, shared, sharing; ``referral`` matches referrals;
  ``policies`` matches policy).
- The words of a phrase label must come in order, with at most :data:`MAX_GAP` other words between two of
  them and no break ("share critical information" matches ``share information``).
- Where two matches share a token, the longer label wins ("Multi-Agency Risk Assessment Conference" is MARAC,
  not also "risk assessment").
- Score of a theme on an item: the best match's weight (prefLabel 1.0, altLabel 0.9, hiddenLabel 0.7, times
  0.7 when it matched in an action's progress or outcome rather than in its text), plus 0.05 per further
  match, at most 1.0. Evidence lists each distinct matched phrase with the field and character span.

>>> tags = tag_text({"text": "Partners should share critical information with MARAC."})
>>> [(t.theme, t.evidence) for t in tags]
[('information-sharing', '"share critical information" (text 16-42)'), ('marac', '"MARAC" (text 48-53)')]
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from reviewgraph.graph.graphdata import ReviewGraph
from reviewgraph.graph.ids import theme_id
from reviewgraph.graph.model import Action, Learning, Node, Recommendation
from reviewgraph.graph.taxonomy import Taxonomy

__all__ = ["tag_graph", "tag_text", "Matcher", "ThemeTag", "Hit", "item_fields", "MAX_GAP", "tokenize"]

MAX_GAP = 2
LABEL_WEIGHT = {"pref": 1.0, "alt": 0.9, "hidden": 0.7}
FIELD_WEIGHT = {"text": 1.0, "milestones": 0.8, "progress": 0.7, "outcome": 0.7}
EXTRA_HIT = 0.05
MAX_EVIDENCE = 6

_TOKEN = re.compile(r"[A-Za-z0-9]+(?:&[A-Za-z0-9]+)*(?:['’][A-Za-z]+)?|[.;:!?\t\n•]")
_BREAK = frozenset(".;:!?\t\n•")
_VOWELS = frozenset("aeiou")


def tokenize(text: str) -> list[tuple[str, int, int]]:
    """(token, start, end) for each word (possessive "'s" dropped) or break character."""
    out = []
    for m in _TOKEN.finditer(text):
        tok = m.group(0)
        if "'" in tok or "’" in tok:
            base, _, suffix = tok.replace("’", "'").partition("'")
            tok = base if suffix.lower() == "s" else base + suffix
        out.append((tok, m.start(), m.end()))
    return out


def _is_acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def word_forms(word: str) -> frozenset[str]:
    """The inflected forms a (lower-case, non-acronym) label word matches.

    >>> sorted(word_forms("share"))
    ['share', 'shared', 'shares', 'sharing']
    """
    w = word
    forms = {w, w + "s", w + "es", w + "ed", w + "ing"}
    if w.endswith("e"):
        forms |= {w[:-1] + "ing", w + "d", w + "s"}
        forms -= {w + "es", w + "ed", w + "ing"}
    if w.endswith("y") and len(w) > 2 and w[-2] not in _VOWELS:
        forms |= {w[:-1] + "ies", w[:-1] + "ied"}
        forms -= {w + "s", w + "es", w + "ed"}
    if w.endswith("ies") and len(w) > 4:
        forms.add(w[:-3] + "y")
    elif w.endswith("s") and not w.endswith("ss") and len(w) > 3:
        forms.add(w[:-1])
    if (len(w) >= 3 and w[-1] not in _VOWELS and w[-1] not in "wxy" and w[-2] in _VOWELS
            and w[-3] not in _VOWELS and w[-1].isalpha()):
        forms |= {w + w[-1] + "ed", w + w[-1] + "ing"}
    if w.endswith("ss"):
        forms -= {w + "s"}
    return frozenset(f for f in forms if f)


@dataclass(frozen=True)
class _Word:
    acronym: bool
    forms: frozenset[str]

    def matches(self, token: str) -> bool:
        return token in self.forms if self.acronym else token.lower() in self.forms


@dataclass(frozen=True)
class _Label:
    concept: str
    text: str
    kind: str  # pref, alt, hidden
    words: tuple[_Word, ...]


@dataclass(frozen=True)
class Hit:
    concept: str
    label: str
    kind: str
    field: str
    start: int
    end: int
    matched: str
    tokens: frozenset[int]

    @property
    def weight(self) -> float:
        return LABEL_WEIGHT[self.kind] * FIELD_WEIGHT.get(self.field, 0.7)


@dataclass
class ThemeTag:
    """One theme of one item: its evidence (matched words and where) and score."""

    theme: str            # concept key
    score: float
    hits: list[Hit] = field(default_factory=list)

    @property
    def theme_id(self) -> str:
        return theme_id(self.theme)

    @property
    def evidence(self) -> str:
        seen: dict[tuple[str, str], Hit] = {}
        for h in self.hits:
            seen.setdefault((h.field, h.matched.lower()), h)
        parts = [f'"{h.matched}" ({h.field} {h.start}-{h.end})' for h in list(seen.values())[:MAX_EVIDENCE]]
        more = len(seen) - MAX_EVIDENCE
        if more > 0:
            parts.append(f"+{more} more")
        return "; ".join(parts)


class Matcher:
    """The label index of a taxonomy; :meth:`tag` finds its themes in the fields of one item."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        self.theme_ids = {c.key: c.id for c in taxonomy.concepts.values()}
        self.index: dict[tuple[bool, str], list[_Label]] = defaultdict(list)
        for c in taxonomy.concepts.values():
            labelled = [(c.pref_label, "pref")] + [(a, "alt") for a in c.alt_labels] + \
                       [(h, "hidden") for h in c.hidden_labels]
            seen: set[tuple[str, ...]] = set()
            for text, kind in labelled:
                toks = [t for t, _, _ in tokenize(text) if t not in _BREAK]
                if not toks:
                    continue
                sig = tuple(t if _is_acronym(t) else t.lower() for t in toks)
                if sig in seen:
                    continue
                seen.add(sig)
                words = tuple(_Word(True, frozenset({t, t + "s"})) if _is_acronym(t)
                              else _Word(False, word_forms(t.lower())) for t in toks)
                label = _Label(c.key, text, kind, words)
                for form in words[0].forms:
                    self.index[(words[0].acronym, form)].append(label)
        self.index = dict(self.index)
        #: token as written -> the labels it can start (exact acronym forms first), filled as tokens are met
        self._starts: dict[str, tuple[_Label, ...]] = {}

    def _labels_from(self, tok: str) -> tuple[_Label, ...]:
        labels = self._starts.get(tok)
        if labels is None:
            labels = tuple(self.index.get((True, tok), ())) + tuple(self.index.get((False, tok.lower()), ()))
            if len(self._starts) < 200_000:  # a bound for long-running processes fed arbitrary text
                self._starts[tok] = labels
        return labels

    def hits(self, text: str, field_name: str = "text") -> list[Hit]:
        toks = tokenize(text)
        found: list[Hit] = []
        starts = self._starts
        for i, (tok, start, _) in enumerate(toks):
            labels = starts.get(tok)
            if labels is None:
                labels = self._labels_from(tok)
            for label in labels:
                pos, used = i, [i]
                for word in label.words[1:]:
                    nxt = None
                    for j in range(pos + 1, min(pos + 2 + MAX_GAP, len(toks))):
                        if toks[j][0] in _BREAK:
                            break
                        if word.matches(toks[j][0]):
                            nxt = j
                            break
                    if nxt is None:
                        break
                    pos = nxt
                    used.append(nxt)
                else:
                    end = toks[pos][2]
                    found.append(Hit(label.concept, label.text, label.kind, field_name, start, end,
                                     text[start:end], frozenset(used)))
        # longest first; a hit sharing a token with a longer accepted hit is dropped
        found.sort(key=lambda h: (-len(h.tokens), -(h.end - h.start), h.start, h.concept))
        taken: set[int] = set()
        kept: list[Hit] = []
        for h in found:
            if h.tokens & taken:
                continue
            kept.append(h)
            taken |= h.tokens
        kept.sort(key=lambda h: (h.start, h.concept))
        return kept

    def tag(self, fields: dict[str, str | None],
            seen: dict[tuple[str, str], list[Hit]] | None = None) -> list[ThemeTag]:
        """The themes of one item's fields. ``seen``: hits already found, by (text, field), kept by the
        caller across items (many items share their wording; hits are a function of the two)."""
        by_concept: dict[str, list[Hit]] = defaultdict(list)
        for name, text in fields.items():
            if text:
                if seen is None:
                    found = self.hits(text, name)
                else:
                    found = seen.get((text, name))
                    if found is None:
                        found = seen[(text, name)] = self.hits(text, name)
                for h in found:
                    by_concept[h.concept].append(h)
        tags = []
        for concept, hits in sorted(by_concept.items()):
            best = max(h.weight for h in hits)
            score = min(1.0, best + EXTRA_HIT * (len(hits) - 1))
            tags.append(ThemeTag(concept, round(score, 3), hits))
        return tags


_MATCHER: dict[int, Matcher] = {}


def _matcher() -> Matcher:
    tax = Taxonomy.load()
    m = _MATCHER.get(id(tax))
    if m is None:
        m = _MATCHER[id(tax)] = Matcher(tax)
    return m


def tag_text(fields: dict[str, str | None] | str) -> list[ThemeTag]:
    """Themes of one text (or of named fields: ``{"text": ..., "progress": ...}``) with the shipped taxonomy."""
    if isinstance(fields, str):
        fields = {"text": fields}
    return _matcher().tag(fields)


def item_fields(node: Node) -> dict[str, str | None]:
    """The texts of an item that are tagged, by field name."""
    if isinstance(node, Action):
        return {"text": node.text, "milestones": node.milestones, "progress": node.progress,
                "outcome": node.outcome}
    if isinstance(node, (Recommendation, Learning)):
        return {"text": node.text}
    return {}


def tag_graph(graph: ReviewGraph) -> None:
    """Add every Theme of the taxonomy, its BROADER edges, and ABOUT edges from every Recommendation, Action
    and Learning to its themes (``evidence``, ``score``). Running it twice changes nothing."""
    tax = Taxonomy.load()
    matcher = _matcher()
    for concept in tax.concepts.values():
        graph.add_node(concept.node())
    for narrower, broader in tax.broader_links():
        graph.link(theme_id(narrower), "BROADER", theme_id(broader), tax.concepts[narrower].node())
    items = [n for n in graph.nodes.values() if isinstance(n, (Recommendation, Action, Learning))]
    seen: dict[tuple[str, str], list[Hit]] = {}
    for node in sorted(items, key=lambda n: n.id):
        for tag in matcher.tag(item_fields(node), seen):
            graph.link(node.id, "ABOUT", matcher.theme_ids[tag.theme], node, evidence=tag.evidence,
                       score=tag.score)
