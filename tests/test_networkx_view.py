"""The networkx view carries kinds, relationship types and provenance on every node and edge."""

from __future__ import annotations

from tests.stores_data import make_store_graph


def test_networkx_view_has_kind_type_and_provenance() -> None:
    g = make_store_graph()
    nxg = g.to_networkx()
    assert nxg.number_of_nodes() == len(g.nodes) and nxg.number_of_edges() == len(g.edges)
    for node_id, data in nxg.nodes(data=True):
        assert data["kind"] == g.nodes[node_id].KIND
        assert data["doc"] and data["line_end"] >= data["line_start"] >= 0
    for src, dst, key, data in nxg.edges(keys=True, data=True):
        edge = g.edges[(src, key, dst)]
        assert data["type"] == edge.type == key
        assert (data["doc"], data["line_start"], data["line_end"]) == (edge.doc, edge.line_start, edge.line_end)
        for prop, value in edge.props.items():
            assert data[prop] == value
