"""Every declared relationship property has a value type (the sinks derive columns from it)."""

from reviewgraph.graph.model import EDGE_PROP_TYPES, RELATIONSHIPS


def test_every_relationship_property_is_typed() -> None:
    declared = {p for rel in RELATIONSHIPS.values() for p in rel.props}
    assert declared <= set(EDGE_PROP_TYPES), sorted(declared - set(EDGE_PROP_TYPES))
    assert all(t in (str, int, float, bool) for t in EDGE_PROP_TYPES.values())
