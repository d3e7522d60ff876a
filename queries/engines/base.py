"""What every query engine is and returns: :class:`Engine` (open over a store, run a query, close) and
:class:`Result` (columns and rows of plain values, :func:`plain`)."""

from __future__ import annotations

import datetime as dt
import decimal
from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from reviewgraph.graph.graphdata import ReviewGraph
    from reviewgraph.graph.store import Store

__all__ = ["XSD", "Engine", "Result", "capped", "from_lexical", "plain"]

XSD = "http://www.w3.org/2001/XMLSchema#"
_INTS = {XSD + t for t in ("integer", "int", "long", "short", "byte", "nonNegativeInteger",
                           "positiveInteger", "unsignedInt", "unsignedLong", "negativeInteger",
                           "nonPositiveInteger")}
_FLOATS = {XSD + t for t in ("double", "float", "decimal")}


@dataclass
class Result:
    columns: list[str]
    rows: list[list[Any]]
    #: the row cap when the query had more rows than it (``rows`` then holds the first ``cut_at``)
    cut_at: int | None = None

    def records(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


class Engine(ABC):
    """One query engine. A module of :mod:`reviewgraph.queries.engines` declares its class as ``ENGINE``.

    ``name`` is what ``--engine`` takes, ``language`` the query language it answers (``cypher`` or
    ``sparql``: a saved query runs on the engines of its language). :meth:`open` gives an engine over a
    store (``memory=True``: built in memory from the store's graph), :meth:`run` answers a query (checked
    read-only first) with at most ``max_rows`` rows, :meth:`close` lets go of what it opened; as a context
    manager it closes itself. An engine that keeps files of its own (a database built from the graph)
    writes them with :meth:`build`.
    """

    name: ClassVar[str]
    language: ClassVar[str]

    @classmethod
    @abstractmethod
    def open(cls, store: Store, **options: Any) -> Engine:
        """The engine over ``store`` (options: ``memory``, ``endpoint``, ``neo4j_uri``, ...)."""

    @classmethod
    def build(cls, graph: ReviewGraph, directory: Path) -> None:
        """Write the engine's own files for ``graph`` in ``directory`` (engines that keep none refuse)."""
        raise ValueError(f"the {cls.name} engine keeps no files of its own to build")

    @abstractmethod
    def run(self, text: str, params: dict[str, Any], max_rows: int | None = None) -> Result:
        """The rows of ``text`` with ``params`` bound; at most ``max_rows`` (``cut_at`` set when more)."""

    def close(self) -> None:
        """Let go of the connection or store (nothing to do for most engines)."""

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def plain(value: Any) -> Any:
    """A plain Python value (what CSV and JSON output and the cross-engine comparison use)."""
    if isinstance(value, bool) or value is None or isinstance(value, (int, str)):
        return value
    if isinstance(value, float):
        return round(value, 6)
    if isinstance(value, decimal.Decimal):
        return int(value) if value == value.to_integral_value() else round(float(value), 6)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    iso = getattr(value, "iso_format", None)  # neo4j.time types
    if callable(iso):
        return iso()
    return str(value)


def from_lexical(lexical: str, datatype: str | None) -> Any:
    if datatype in _INTS:
        return int(lexical)
    if datatype in _FLOATS:
        return round(float(lexical), 6)
    if datatype == XSD + "boolean":
        return lexical.strip() in ("true", "1")
    return lexical


def capped(columns: list[str], rows: Iterator[list[Any]], max_rows: int | None) -> Result:
    """A Result of at most ``max_rows`` rows from ``rows`` (read lazily; ``cut_at`` set when there were more)."""
    out: list[list[Any]] = []
    for row in rows:
        if max_rows is not None and len(out) >= max_rows:
            return Result(columns, out, cut_at=max_rows)
        out.append(row)
    return Result(columns, out)
