"""Redaction: named individuals taken out of a graph before it is shown, queried or exported.

The names are the reviews' pseudonyms (from their metadata), the people named in the actions' lead cells and
any list the user gives (one name a line; family members, professionals named in the text).
:func:`redact_graph` returns a copy of the graph in which every occurrence of a name in any text property,
list item, edge property and node id is replaced by ``[redacted]`` (ids get ``redacted``, numbered where two
would meet, consistently, so edges still join). The original is not changed.

How a name is found. Text and names are both *folded* (:func:`fold`): case folded, diacritics taken off
(NFKD, combining marks dropped: "Zoë" ~ "Zoe"; full-width and other compatibility forms read as their
letters), Cyrillic and Greek letters drawn as Latin ones read as those, apostrophes, hyphens, spaces, line
breaks and every other non-letter between words made one word break ("O’Brien" ~ "O'Brien" ~ "O Brien";
"Smith-Jones" ~ "Smith Jones"), a word broken by a hyphen at a line end joined again ("Dow-\\nnes" ~
"Downes", and "Dow- nes", as a reader that makes line breaks spaces leaves it), and invisible characters
(zero-width spaces, direction marks, soft hyphens) dropped. The folded copy keeps, for every character,
where it came from, so a match is cut out of the original text, which is otherwise left as it was. A name
matches with or without each of its own word breaks ("Smith Jones" ~ "SmithJones") but never across a break
it does not have ("Ada" does not match "A da"), and only as whole words.

What a listed name covers (:class:`Redactor`):

- the name itself, in any of those spellings, with or without a leading title ("DCI Jayne Downes" and
  "Jayne Downes" are one name);
- its surname after a title, with or without initials: "DCI Downes", "Ms O'Brien", "Dr J. Downes",
  "Detective Inspector Downes" (the titles are :data:`TITLES`);
- its initials before its surname: "J Downes", "J. Downes" (the initials of any listed name's forenames:
  "K. Downes" goes too when a listed "Kim Hart" gives a K);
- a surname of more than one word as written, alone: "O'Brien", "Smith-Jones";
- each of its parts standing alone ("Downes said", "Jayne was seen"), except a part that is an ordinary
  word: one of fewer than 3 letters, an English stop word ("will", "may"), a month or a day ("April",
  "June"), or an English word (in Webster's word list, as a word in lower case) that the text itself writes
  in lower case somewhere outside the names ("the number rose", "brown envelopes"). Such a part is
  redacted only with a title, its initials or the rest of the name. A name written in lower case by
  mistake ("zoe was told") is still a name: "zoe" is no English word. A name whose last part is a code
  ("Adult A", "Mr X", "Child AB") is a pseudonym, not a personal name: none of its parts is redacted alone.

>>> redact_text("Ada's GP saw ada twice; Adam did not.", ["Ada"])
"[redacted]'s GP saw [redacted] twice; Adam did not."
>>> redact_text("DCI Downes met Ms O’Brien; Jayne Dow-\\nnes chaired; zoe was told.",
...             ["DCI Jayne Downes", "Siobhan O'Brien", "Zoë Hart"])
'[redacted] met [redacted]; [redacted] chaired; [redacted] was told.'
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reviewgraph.graph.agency_text import english_words, person_spans, tokens
from reviewgraph.graph.graphdata import ReviewGraph
from reviewgraph.graph.model import Edge

__all__ = ["MASK", "RULES_VERSION", "TITLES", "Folded", "Redactor", "english_words", "fold", "graph_text",
           "lead_names", "names_for", "read_names", "redact", "redact_graph", "redact_text", "redacted_store"]

MASK = "[redacted]"
_ID_MASK = "redacted"
_MIN_LEN = 2

#: titles and ranks that may stand before a surname ("DCI Downes", "Ms O'Brien"); matched folded, so
#: "Dr." and "DR" are "Dr", and the initials of a rank may be spaced or dotted ("D.C.I.")
TITLES = (
    "Mr", "Mrs", "Ms", "Miss", "Mx", "Master", "Dr", "Doctor", "Prof", "Professor", "Rev", "Revd", "Reverend",
    "Sir", "Dame", "Lady", "Lord", "Cllr", "Councillor", "Father", "Sister", "Nurse", "Judge",
    "PC", "WPC", "PS", "DC", "DS", "DI", "DCI", "DSI", "DSU", "DCS", "ACC", "DCC", "Sgt", "Insp", "Supt",
    "Ch Supt", "Det", "Constable", "Sergeant", "Inspector", "Chief Inspector", "Superintendent",
    "Chief Superintendent", "Detective", "Detective Constable", "Detective Sergeant", "Detective Inspector",
    "Detective Chief Inspector", "Detective Superintendent", "Detective Chief Superintendent",
    "Police Constable", "Police Sergeant", "Chief Constable",
)
_CALENDAR = frozenset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday".split())

#: Cyrillic and Greek letters drawn as a Latin letter ("Dоwnes" with a Cyrillic о), folded to it (lower
#: case, after case folding; a capital's look-alike wins where the small letters differ: Greek Η, Ν, Υ)
_LOOKALIKE = str.maketrans({
    "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p", "с": "c",
    "т": "t", "у": "y", "х": "x", "і": "i", "ї": "i", "ј": "j", "ѕ": "s", "ԁ": "d", "һ": "h", "ӏ": "l",
    "ԛ": "q", "ԝ": "w", "ɡ": "g", "ı": "i",
    "α": "a", "β": "b", "ε": "e", "η": "h", "ι": "i", "κ": "k", "μ": "m", "ν": "n", "ο": "o", "ρ": "p",
    "τ": "t", "υ": "y", "χ": "x", "ζ": "z",
})
_APOSTROPHES = frozenset("\u2019\u2018\u201b\u02bc\u02bb\u02bd\u02b9\u02c8\u00b4\u2032\uff07")
_HYPHENS = frozenset("-\u00ad\u2010\u2011")
_BREAKS = frozenset("\n\r\u2028\u2029\x85\x0b\x0c")


def read_names(path: str | Path) -> list[str]:
    """Names from a text file: one a line; blank lines and lines starting with ``#`` are ignored."""
    out = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return out


# -- folding ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Folded:
    """A folded copy of a text: ``text`` holds letters and digits (lower case, no diacritics) and single
    spaces for word breaks; ``start[i]`` and ``end[i]`` are where its ``i``-th character came from."""

    text: str
    start: list[int]
    end: list[int]

    def original(self, i: int, j: int) -> tuple[int, int]:
        """The span of the original text that the folded span ``[i, j)`` came from."""
        return self.start[i], self.end[j - 1]


@functools.lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str | None:
    """What one character folds to: its letters and digits (``""`` when it is invisible: a combining mark,
    a zero-width or direction character), or ``None`` when it is a word break."""
    if ch.isascii():
        return ch.lower() if ch.isalnum() else None
    if ch in _APOSTROPHES:  # some are letters to Unicode (U+02BC is a modifier letter)
        return None
    category = unicodedata.category(ch)
    if category[0] == "M" or (category == "Cf" and ch != "\u00ad"):
        return ""
    out = "".join(d for d in unicodedata.normalize("NFKD", ch) if unicodedata.category(d)[0] != "M")
    out = "".join(c for c in out.casefold().translate(_LOOKALIKE) if c.isalnum())
    return out or None


def _joins(gap: str, after: str) -> bool:
    """Whether the characters between two words are no word break: a hyphen at a line's end ("Dow-\\nnes"),
    a hyphen and spaces before a word in lower case (the same, once a reader has made the line break a
    space: "Dow- nes"), or a soft hyphen."""
    if gap[0] not in _HYPHENS:
        return False
    rest = gap[1:].lstrip(" \t")
    if not rest:
        return gap[0] == "\u00ad" or (len(gap) > 1 and after.islower())
    return rest[0] in _BREAKS and not rest.strip()


def fold(text: str) -> Folded:
    """The folded copy of ``text`` (see the module's description).

    >>> f = fold("O’Brien-Smith,\\u00a0Zoë  Dow-\\n  nes")
    >>> f.text
    'o brien smith zoe downes'
    >>> f.original(14, 17)
    (15, 18)
    """
    chars: list[str] = []
    start: list[int] = []
    end: list[int] = []
    gap = -1  # where the current run of word-break characters began
    for i, ch in enumerate(text):
        piece = _fold_char(ch)
        if piece is None:
            if gap < 0:
                gap = i
            continue
        if piece == "":
            if gap < 0 and end:
                end[-1] = i + 1  # a mark or an invisible character inside a word goes with it
            continue
        if gap >= 0:
            if chars and not _joins(text[gap:i], ch):
                chars.append(" ")
                start.append(gap)
                end.append(i)
            gap = -1
        for c in piece:
            chars.append(c)
            start.append(i)
            end.append(i + 1)
    return Folded("".join(chars), start, end)


_NOT_WORD = re.compile(r"[\W_]+")


def _squeezed(text: str) -> str:
    """The letters and digits of the folded text, without the word breaks (for the quick test whether a
    name can be in a text at all)."""
    if text.isascii():
        return _NOT_WORD.sub("", text.lower())
    return _NOT_WORD.sub("", unicodedata.normalize("NFKD", text).casefold().translate(_LOOKALIKE))


# -- names -----------------------------------------------------------------------------------------------
@functools.cache
def _title_tokens() -> list[list[str]]:
    return sorted((fold(t).text.split() for t in TITLES), key=len, reverse=True)


@dataclass(frozen=True)
class _Name:
    words: tuple[str, ...]          # the folded words as listed ("dci jayne downes")
    core: tuple[str, ...]           # without leading titles ("jayne downes"); the same when there are none
    surname: tuple[str, ...]        # the last word as written, folded ("downes"; "smith", "jones"; "o", "brien")
    coded: bool                     # a pseudonym such as "Adult A" or "Mr X" (last word a short capital code)

    @property
    def has_surname(self) -> bool:
        """A forename and surname, or a title and surname ("Mr Downes"): not one word on its own ("Mara")."""
        return len(self.core) >= 2 or len(self.words) > len(self.core)


def _parse(name: str) -> _Name | None:
    words = fold(name).text.split()
    if not words:
        return None
    core = list(words)
    titles = _title_tokens()
    stripped = True
    while stripped:
        stripped = False
        for t in titles:
            if len(t) < len(core) and core[:len(t)] == t:
                core = core[len(t):]
                stripped = True
                break
    raw = re.findall(r"[^\W_]+", name)
    coded = bool(raw) and len(raw[-1]) <= 2 and raw[-1].isupper()
    last = fold(name.split()[-1]).text.split() or core[-1:]
    surname = tuple(last) if len(last) < len(core) else tuple(core[-1:])
    return _Name(tuple(words), tuple(core), surname, coded)


def _alt(words: Iterable[str]) -> str:
    """A name's folded words as a pattern over folded text: each break of the name optional."""
    return " ?".join(re.escape(w) for w in words)


@functools.cache
def _title_pattern() -> str:
    alts = []
    for title in TITLES:
        words = fold(title).text.split()
        alts.append(_alt(words))
        if title.isupper() and len(words) == 1:  # "D.C.I." and "D C I"
            alts.append(" ?".join(words[0]))
    return "(?:" + "|".join(sorted(set(alts), key=len, reverse=True)) + ")"


class Redactor:
    """Finds and replaces the given names (and what they cover, see the module's description) in text.

    ``corpus`` is the text the redaction is for: a part of a name that is an English word and that this
    text writes in lower case somewhere outside the names is an ordinary word here, and is redacted only
    with the rest of its name, a title or initials.

    >>> r = Redactor(["Jayne Downes", "Rose Hill"], corpus=["The roses rose early. Hill farm."])
    >>> sorted(r.alone)
    ['downes', 'hill', 'jayne']
    >>> r.sub("Downes, Rose and Ms Hill met Jayne Downes-Smith.")
    '[redacted], Rose and [redacted] met [redacted]-Smith.'
    """

    def __init__(self, names: Iterable[str], corpus: Iterable[str] = ()) -> None:
        parsed = [p for n in names if n and len(n.strip()) >= _MIN_LEN and (p := _parse(n.strip()))]
        self.names = parsed
        strict: set[str] = set()
        keys: set[str] = set()
        surnames: set[str] = set()  # after a title (with or without initials)
        initialled: set[str] = set()  # after initials
        initials: set[str] = set()
        for p in parsed:
            strict |= {_alt(p.words), _alt(p.core)}
            keys.add(p.core[-1])
            if not p.has_surname:
                continue
            surname = _alt(p.surname)
            surnames.add(surname)
            given = p.core[:len(p.core) - len(p.surname)]
            if given and not p.coded:
                initials |= {w[0] for w in given}
                initialled.add(surname)
            if len(p.surname) > 1 and not p.coded:  # "O'Brien", "Smith-Jones" alone: no ordinary word
                strict.add(surname)
        # one alternative for every title form and one for every initials form (a regex tries each
        # alternative at each word: one per name and title would be thousands)
        if surnames:
            letters = "".join(sorted(initials))
            strict.add(f"{_title_pattern()} ?" + (f"(?:[{letters}] ?){{0,3}}" if letters else "")
                       + "(?:" + "|".join(sorted(surnames, key=len, reverse=True)) + ")")
        if initialled:
            strict.add(f"(?:[{''.join(sorted(initials))}] ?){{1,3}}"
                       "(?:" + "|".join(sorted(initialled, key=len, reverse=True)) + ")")
        self._strict = self._compile(strict)
        self.alone = self._not_ordinary(self._candidates(parsed), corpus)
        self._pattern = self._compile(strict | {re.escape(w) for w in self.alone})
        keys |= self.alone
        self._keys = re.compile("|".join(re.escape(k) for k in sorted(keys, key=len, reverse=True))) \
            if keys else None
        self._memo: dict[tuple[str, str], str] = {}

    @staticmethod
    def _compile(alternatives: set[str]) -> re.Pattern[str] | None:
        if not alternatives:
            return None
        body = "|".join(sorted(alternatives, key=len, reverse=True))
        return re.compile(f"(?<![^ ])(?:{body})(?![^ ])")

    @staticmethod
    def _candidates(parsed: list[_Name]) -> set[str]:
        """The parts that may be redacted alone: those of personal names, 3 letters or more, not stop words,
        months or days."""
        from reviewgraph.graph.textvec import stop_words

        stops = stop_words()
        out = set()
        for p in parsed:
            if not p.has_surname or p.coded:
                continue
            for w in p.core:
                if len(w) >= 3 and not w.isdigit() and w not in stops and w not in _CALENDAR:
                    out.add(w)
        return out

    def _not_ordinary(self, candidates: set[str], corpus: Iterable[str]) -> set[str]:
        """The candidates that are no English word, or that the corpus never writes in lower case as a word
        of its own outside the names."""
        words = english_words()
        candidates, kept = {c for c in candidates if c in words}, {c for c in candidates if c not in words}
        if not candidates:
            return kept
        body = "|".join(re.escape(c) for c in sorted(candidates, key=len, reverse=True))
        lower = re.compile(rf"(?<![^\W_])(?:{body})(?![^\W_])")
        ordinary: set[str] = set()
        for text in corpus:
            names: list[tuple[int, int]] | None = None
            for m in lower.finditer(text):
                if m.group() in ordinary:
                    continue
                if names is None:
                    names = self._spans(text, self._strict) if self._strict is not None else []
                if not any(a <= m.start() and m.end() <= b for a, b in names):
                    ordinary.add(m.group())
            if len(ordinary) == len(candidates):
                break
        return kept | (candidates - ordinary)

    def _spans(self, text: str, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
        f = fold(text)
        out = []
        for m in pattern.finditer(f.text):
            a, b = f.original(m.start(), m.end())
            while b < len(text) and _fold_char(text[b]) == "":  # marks and invisible characters after it
                b += 1
            out.append((a, b))
        return out

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Where the names are in ``text``: ``(start, end)`` spans of the original text, in order."""
        if self._pattern is None or self._keys is None or not self._keys.search(_squeezed(text)):
            return []
        return self._spans(text, self._pattern)

    def sub(self, text: str, mask: str = MASK) -> str:
        """``text`` with every span of :meth:`spans` replaced by ``mask``."""
        key = (text, mask)
        done = self._memo.get(key)
        if done is not None:
            return done
        spans = self.spans(text)
        out = text
        for a, b in reversed(spans):
            out = out[:a] + mask + out[b:]
        if len(self._memo) < 200_000:
            self._memo[key] = out
        return out


# -- where the names come from ---------------------------------------------------------------------------
def lead_names(graph: ReviewGraph) -> list[str]:
    """People named in the actions' lead cells ("Claire Moore DA lead", "DCI Jayne Downes"): a given name
    or a title followed by capitalised surnames, never words of an agency's name or a role.

    >>> from reviewgraph.graph.model import Action
    >>> g = ReviewGraph()
    >>> g.nodes["a"] = Action(id="act", review="r", recommendation="rec", ordinal=1, doc="d", line_start=1,
    ...                       line_end=1, lead="Claire Moore DA lead / Ashcombe Police")
    >>> lead_names(g)
    ['Claire Moore']
    """
    found: set[str] = set()
    for action in graph.of_kind("Action"):
        lead = getattr(action, "lead", None)
        if not lead:
            continue
        toks = tokens(lead)
        picked = sorted(person_spans(toks))
        groups: list[list[int]] = []
        for i in picked:
            if groups and groups[-1][-1] == i - 1 and not toks[i].brk:
                groups[-1].append(i)
            else:
                groups.append([i])
        for group in groups:
            words = [toks[i].raw for i in group]
            full = lead[toks[group[0]].start:toks[group[-1]].end]
            if len(words) >= 2:
                found.add(full)
            if len(words) >= 3 and words[0].upper() == words[0]:  # "DCI Jayne Downes": the name without the rank
                found.add(lead[toks[group[1]].start:toks[group[-1]].end])
    return sorted(found)


def names_for(graph: ReviewGraph, extra: Iterable[str] = (), *, leads: bool = True) -> list[str]:
    """The reviews' pseudonyms, the people named in lead cells (``leads``) and ``extra``, longest first.
    What each covers (titles, initials, parts) is :class:`Redactor`'s."""
    names = {n.strip() for n in extra if n and n.strip()}
    for review in graph.of_kind("Review"):
        pseudonym = getattr(review, "pseudonym", None)
        if pseudonym:
            names.add(pseudonym.strip())
    if leads:
        names.update(lead_names(graph))
    return sorted((n for n in names if len(n) >= _MIN_LEN), key=lambda n: (-len(n), n.lower()))


# -- redacting -------------------------------------------------------------------------------------------
def redact_text(text: str, names: Iterable[str]) -> str:
    """``text`` with the names (and what they cover) replaced by ``[redacted]``; ``text`` is the corpus."""
    return Redactor(names, corpus=[text]).sub(text)


def _values(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from _values(v)
    elif isinstance(value, dict):
        for v in value.values():
            yield from _values(v)


_NOT_TEXT = frozenset({"id", "doc", "sources", "review", "recommendation", "action", "sha256"})


def graph_text(graph: ReviewGraph) -> Iterator[str]:
    """Every text property of the graph's nodes and edges (not ids, references or hashes)."""
    for node in graph.nodes.values():
        for k, v in node.__dict__.items():
            if k not in _NOT_TEXT:
                yield from _values(v)
    for e in graph.edges.values():
        if e.props:
            yield from _values(e.props)


def _redact_value(value: Any, redactor: Redactor) -> Any:
    if isinstance(value, str):
        return redactor.sub(value)
    if isinstance(value, list):
        return [_redact_value(v, redactor) for v in value]
    if isinstance(value, dict):
        return {k: _redact_value(v, redactor) for k, v in value.items()}
    return value


def redact_graph(graph: ReviewGraph, names: Iterable[str] | Redactor) -> ReviewGraph:
    """A copy of ``graph`` with every listed name replaced (text, lists, edge properties and ids)."""
    redactor = names if isinstance(names, Redactor) else Redactor(names, corpus=graph_text(graph))
    if not redactor.names:
        return graph.subgraph(graph.nodes)

    out = ReviewGraph()
    ids = {old: redactor.sub(old, _ID_MASK) for old in sorted(graph.nodes)}
    taken: dict[str, list[str]] = {}
    for old, new in ids.items():
        taken.setdefault(new, []).append(old)
    for new, olds in taken.items():
        if len(olds) > 1 and any(o != new for o in olds):  # two names redacted to one id: number them
            for i, old in enumerate(o for o in olds if o != new):
                ids[old] = f"{new}-{i + 1}"
    for old, node in graph.nodes.items():
        data = node.model_dump(mode="json")
        data = {k: (_redact_value(v, redactor) if k not in ("doc", "sources") else v) for k, v in data.items()}
        data["id"] = ids[old]
        for ref in ("review", "recommendation", "action"):
            value = node.__dict__.get(ref)
            if isinstance(value, str) and value in ids:
                data[ref] = ids[value]
        out.nodes[data["id"]] = type(node).model_validate(data)
    for edge in graph.edges.values():
        e = Edge(source=ids.get(edge.source, edge.source), target=ids.get(edge.target, edge.target),
                 type=edge.type, doc=edge.doc, line_start=edge.line_start, line_end=edge.line_end,
                 props=_redact_value(edge.props, redactor))
        out.edges[e.key] = e
    return out


#: the name the export command and the reliability tests use
redact = redact_graph

#: changes when what a name covers changes, so redacted stores built by an older rule are built again
RULES_VERSION = "redact-3"  # 3: names read from their place before a post in lead cells


def redacted_store(store: Any, extra: Iterable[str] = ()) -> Path:
    """A store holding only the redacted graph of ``store`` (its ``graph.json``: no documents, nothing
    else), for the query engines: LadybugDB, Oxigraph and the query sandbox opened on it answer from
    redacted text, so no query can bring a name back, whatever it computes from the text (``replace``,
    ``reverse``, ``substring``, ``LCASE``...). The names are :func:`names_for` ``store``'s graph and
    ``extra``.

    Kept as a derived store of ``store`` (``derived/redacted-<names>/<stamp>/``, rebuilt when
    ``graph.json`` or the rules change; in a private temporary folder when the store cannot be written),
    so its own engine stores are built once and shared like the store's.
    """
    import hashlib

    from reviewgraph.graph.sinks.derived import fresh_dir
    from reviewgraph.graph.store import GRAPH, atomic_file

    names = sorted({n.strip() for n in extra if n and n.strip()})
    key = hashlib.sha256("\n".join(names).encode("utf-8")).hexdigest()[:12]

    def build(graph: ReviewGraph, directory: Path) -> None:
        red = redact_graph(graph, names_for(graph, names))
        with atomic_file(directory / GRAPH) as fh:
            red.write_json(lambda text: fh.write(text.encode("utf-8")))

    return fresh_dir(store, f"redacted-{key}", RULES_VERSION, build)
