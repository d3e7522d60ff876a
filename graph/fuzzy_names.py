"""Names met so far, and the one a new name is the same as: what ``process.extractOne(name, names,
scorer=fuzz.ratio, score_cutoff=cutoff)`` returns (the best rapidfuzz ``ratio`` at or above the cutoff, the
earliest name on a tie), without comparing the new name with every name met.

The builder uses it for organisations the registry does not know ("Currlew Heath Adult Social Care" is the
"Curlew Heath Adult Social Care" met before); asking the whole list every time made the build quadratic in
the number of such names (tens of thousands at 10,000 reviews).

How (an exact filter, the "pass-join" partition of Li et al., VLDB 2011): a ratio of at least ``cutoff``
between names of lengths ``a`` and ``b`` allows at most ``(1 - cutoff / 100) * (a + b)`` insertions and
deletions. Each stored name is cut into one more segment than the most edits any name it could match may
need, so at least one segment comes through untouched, at a position shifted by no more than the edits
allow; a new name looks up only its substrings at those positions, and rapidfuzz scores the few names found.
Below :attr:`FuzzyNames.INDEX_FROM` names, scoring them all is quicker, and is what it does.

>>> names = FuzzyNames(92.0, index_from=0)
>>> names.add("curlew heath adult social care")
0
>>> names.best("currlew heath adult social care"), names.best("curlew heath police")
('curlew heath adult social care', None)
"""

from __future__ import annotations

from rapidfuzz import fuzz, process

__all__ = ["FuzzyNames"]


class FuzzyNames:
    #: names met before the index is built (until then every name is scored: quicker for a few)
    INDEX_FROM = 2000

    def __init__(self, cutoff: float, index_from: int | None = None) -> None:
        if not 0.0 < cutoff <= 100.0:
            raise ValueError(f"cutoff {cutoff} outside (0, 100]")
        self.cutoff = cutoff
        self._slack = 1.0 - cutoff / 100.0
        self.names: list[str] = []
        self._exact: dict[str, int] = {}
        #: (length, segment number) -> segment text -> indexes of the stored names with it
        self._segments: dict[tuple[int, int], dict[str, list[int]]] = {}
        self._probe_cache: dict[int, list[tuple[tuple[int, int], int, int]]] = {}
        self._parts: dict[int, list[tuple[int, int]] | None] = {}
        self._unsplit: list[int] = []  # names too short to cut: always scored
        self._length_cache: dict[int, list[int]] = {}
        self.index_from = self.INDEX_FROM if index_from is None else index_from
        self._indexed = self.index_from <= 0

    def __len__(self) -> int:
        return len(self.names)

    def _edits(self, total: int) -> int:
        """The most insertions and deletions a match of two names with this total length can have (the
        tolerance covers the rounding of a score that lands exactly on the cutoff)."""
        return int(self._slack * total + 1e-6)

    def _lengths(self, length: int) -> list[int]:
        """Lengths of the names a name of this length can match: the length difference is at most the
        edits."""
        out = self._length_cache.get(length)
        if out is None:
            out = []
            other = max(0, length - self._edits(2 * length) - 1)
            while other <= length or other - length <= self._edits(length + other):
                if abs(length - other) <= self._edits(length + other):
                    out.append(other)
                other += 1
            self._length_cache[length] = out
        return out

    def parts(self, length: int) -> list[tuple[int, int]] | None:
        """(start, length) of the segments a stored name of this length is cut into (one more than the
        edits a match with the longest name it can match may have); None when the name is too short to cut
        into that many."""
        if length not in self._parts:
            count = self._edits(length + self._lengths(length)[-1]) + 1
            if count > length:
                self._parts[length] = None
            else:
                base, extra = divmod(length, count)
                out, start = [], 0
                for i in range(count):
                    size = base + (1 if i >= count - extra else 0)
                    out.append((start, size))
                    start += size
                self._parts[length] = out
        return self._parts[length]

    def add(self, name: str) -> int:
        """Store a name (after the ones already met); returns its index."""
        if name in self._exact:
            return self._exact[name]
        index = len(self.names)
        self.names.append(name)
        self._exact[name] = index
        if self._indexed:
            self._index(index)
        elif len(self.names) >= self.index_from:
            self._indexed = True
            for i in range(len(self.names)):
                self._index(i)
        return index

    def _index(self, index: int) -> None:
        name = self.names[index]
        parts = self.parts(len(name))
        if parts is None:
            self._unsplit.append(index)
        else:
            for i, (start, size) in enumerate(parts):
                self._segments.setdefault((len(name), i), {}).setdefault(name[start:start + size], []).append(index)

    def _probes(self, n: int) -> list[tuple[tuple[int, int], int, int]]:
        """Where a name of length n is looked up: ((stored length, segment), start, size) for every segment
        of every length it can match, at every position that segment can have moved to."""
        out = self._probe_cache.get(n)
        if out is None:
            out = []
            for length in self._lengths(n):
                parts = self.parts(length)
                if parts is None:
                    continue
                edits = self._edits(n + length)
                delta = n - length
                # Some segment i comes through untouched with at most i edits before it and at most tau - i
                # after it (tau + 1 segments, at most tau edits: take the first i whose segments 0..i hold
                # at most i edits); it moves by ``shift`` with |shift| <= edits before it, |delta - shift| <=
                # edits after it, and both together at most ``edits``.
                tau = len(parts) - 1
                spare = (edits - abs(delta)) // 2
                lo, hi = min(0, delta) - spare, max(0, delta) + spare
                for i, (start, size) in enumerate(parts):
                    first = start + max(lo, -i, delta - (tau - i))
                    last = start + min(hi, i, delta + (tau - i))
                    out.extend(((length, i), pos, size) for pos in range(max(0, first), min(n - size, last) + 1))
            self._probe_cache[n] = out
        return out

    def candidates(self, name: str) -> list[int]:
        """Indexes of every stored name that can have a ratio of ``cutoff`` or more with ``name`` (a
        superset: rapidfuzz decides), in the order met."""
        found: set[int] = set(self._unsplit)
        segments = self._segments
        for key, pos, size in self._probes(len(name)):
            table = segments.get(key)
            if table is not None:
                hit = table.get(name[pos:pos + size])
                if hit is not None:
                    found.update(hit)
        return sorted(found)

    def best(self, name: str) -> str | None:
        """The stored name ``extractOne`` would pick for ``name`` over all stored names, or None."""
        if name in self._exact:  # only the same text scores 100
            return name
        if not self._indexed:  # few names: asking them all is quicker than the index
            hit = process.extractOne(name, self.names, scorer=fuzz.ratio, score_cutoff=self.cutoff)
            return None if hit is None else hit[0]
        cands = self.candidates(name)
        if not cands:
            return None
        hit = process.extractOne(name, [self.names[i] for i in cands], scorer=fuzz.ratio,
                                 score_cutoff=self.cutoff)
        return None if hit is None else hit[0]
