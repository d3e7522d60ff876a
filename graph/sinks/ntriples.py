"""The data triples as N-Triples text, generated in a stream (never the whole corpus as one string).

N-Triples is how the graph reaches Oxigraph (parsed in Rust: the embedded store, the Turtle and JSON-LD
exports), a SPARQL endpoint (``push sparql``) and the ``nt`` export. Terms are written by :class:`NtTerms`
from :func:`reviewgraph.graph.sinks.rdf.triples`, the one mapping of the graph to RDF.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from json.encoder import encode_basestring  # type: ignore[attr-defined]  # the C encoder

from reviewgraph.graph.graphdata import ReviewGraph
from reviewgraph.graph.sinks.rdf import XSD, triples

__all__ = ["NtTerms", "iter_ntriples", "ntriples_chunks", "NTriplesReader", "ntriples_reader", "ntriples"]

_XSD_STRING = XSD + "string"


class NtTerms:
    """Terms as N-Triples text.

    IRIs are already percent-encoded by :func:`reviewgraph.graph.ids.iri`. Literals are quoted by the JSON string encoder,
    whose escapes (``\\"``, ``\\\\``, ``\\n``, ``\\t``, ``\\u001f``...) are all N-Triples escapes; every other
    character is written as it is (the text is UTF-8).

    >>> NtTerms().literal('say "hi"\\n', XSD + "string"), NtTerms().literal("1", XSD + "integer")
    ('"say \\\\"hi\\\\"\\\\n"', '"1"^^<http://www.w3.org/2001/XMLSchema#integer>')
    """

    def iri(self, value: str) -> str:
        return f"<{value}>"

    def literal(self, lexical: str, datatype: str) -> str:
        text = encode_basestring(lexical)
        return text if datatype == _XSD_STRING else f"{text}^^<{datatype}>"


def iter_ntriples(graph: ReviewGraph) -> Iterator[str]:
    """The data as N-Triples lines, one triple each."""
    for s, p, o in triples(graph, NtTerms()):
        yield f"{s} {p} {o} .\n"


def ntriples_chunks(graph: ReviewGraph, lines: int = 20_000) -> Iterator[bytes]:
    """The data as UTF-8 N-Triples in chunks of ``lines`` triples (about 3 MB each)."""
    batch: list[str] = []
    for line in iter_ntriples(graph):
        batch.append(line)
        if len(batch) >= lines:
            yield "".join(batch).encode("utf-8")
            batch.clear()
    if batch:
        yield "".join(batch).encode("utf-8")


class NTriplesReader(io.RawIOBase):
    """A binary file object reading N-Triples chunks as they are generated (for parsers that read a file).

    ``triples`` counts the triples read so far.
    """

    def __init__(self, chunks: Iterable[bytes]) -> None:
        super().__init__()
        self._chunks = iter(chunks)
        self._buf = memoryview(b"")
        self.triples = 0

    def readable(self) -> bool:
        return True

    def readinto(self, b: bytearray | memoryview) -> int:  # type: ignore[override]
        while not self._buf:
            chunk = next(self._chunks, None)
            if chunk is None:
                return 0
            self.triples += chunk.count(b"\n")
            self._buf = memoryview(chunk)
        n = min(len(b), len(self._buf))
        b[:n] = self._buf[:n]
        self._buf = self._buf[n:]
        return n


def ntriples_reader(graph: ReviewGraph, lines: int = 20_000) -> NTriplesReader:
    """All of the graph's N-Triples as one file object."""
    return NTriplesReader(ntriples_chunks(graph, lines))


def ntriples(graph: ReviewGraph) -> str:
    """The data as one N-Triples string (small graphs and tests only: the whole text in memory)."""
    return "".join(iter_ntriples(graph))
