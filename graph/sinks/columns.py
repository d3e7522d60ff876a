"""Column shapes derived from the data model, shared by every sink.

Each node property and relationship property has one of five value kinds: ``str``, ``int``, ``float``,
``bool`` or ``list`` (a list of strings). The Cypher DDL, the RDF datatypes and the bulk-load tables are all
derived from :func:`node_columns` and :func:`edge_columns`, so a property added to :mod:`reviewgraph.graph.model`
reaches every store without another edit.

>>> node_columns("Agency")["aliases"], node_columns("Agency")["active_until"]
('list', 'str')
>>> edge_columns("SIMILAR_TO")
{'doc': 'str', 'line_start': 'int', 'line_end': 'int', 'score': 'float'}
"""

from __future__ import annotations

import types
import typing
from enum import Enum
from functools import cache
from typing import Any

from reviewgraph.graph.model import EDGE_PROP_TYPES, NODE_TYPES, RELATIONSHIPS

__all__ = ["node_columns", "edge_columns", "value_kind", "DATE_PROPS", "EDGE_PROVENANCE"]

#: properties holding ISO dates (typed ``xsd:date`` in RDF when the value is a full date)
DATE_PROPS = frozenset({"death_date", "published", "as_of", "start", "target", "target_end", "active_until",
                        "date"})
#: provenance columns every relationship carries
EDGE_PROVENANCE = {"doc": "str", "line_start": "int", "line_end": "int"}


def value_kind(annotation: Any) -> str:
    """The value kind of a pydantic field annotation (``str | None`` -> ``'str'``)."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(args) != 1:
            raise TypeError(f"unsupported union {annotation!r}")
        return value_kind(args[0])
    if origin is list:
        return "list"
    if isinstance(annotation, type):
        if issubclass(annotation, Enum) or annotation is str:
            return "str"
        if annotation is bool:
            return "bool"
        if annotation is int:
            return "int"
        if annotation is float:
            return "float"
    raise TypeError(f"unsupported property type {annotation!r}")


@cache
def node_columns(kind: str) -> dict[str, str]:
    """Property name -> value kind for one node kind, in the model's field order (``id`` first)."""
    cls = NODE_TYPES[kind]
    return {name: value_kind(field.annotation) for name, field in cls.model_fields.items()}


@cache
def edge_columns(rel_type: str) -> dict[str, str]:
    """Property name -> value kind of one relationship type: provenance, then its declared properties."""
    rel = RELATIONSHIPS[rel_type]
    out = dict(EDGE_PROVENANCE)
    for prop in rel.props:
        out[prop] = value_kind(EDGE_PROP_TYPES[prop])
    return out
