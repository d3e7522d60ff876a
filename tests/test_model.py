import json

import networkx as nx
import pytest
from pydantic import ValidationError

from graph.graphdata import GraphError, ReviewGraph
from graph.model import RELATIONSHIPS, Edge, Recommendation
from tests.synthetic_graph import make_graph


def test_synthetic_graph_covers_every_relationship_type():
    g = make_graph()
    assert {e.type for e in g.edges.values()} == set(RELATIONSHIPS) - {"MEMBER_OF"}


def test_node_without_provenance_is_refused():
    with pytest.raises(ValidationError):
        Recommendation(id="rec:x/1", review="review:x", number="1", text="t")  # no doc / lines


def test_unknown_relationship_and_wrong_ends_are_refused():
    g = make_graph()
    with pytest.raises(ValidationError):
        Edge(source="a", target="b", type="LIKES", doc="d", line_start=1, line_end=1)
    with pytest.raises(GraphError):
        g.link("review:northby/dhr-1", "HAS_ACTION", "agency:northby-police", g.nodes["review:northby/dhr-1"])


def test_node_link_round_trip_is_lossless():
    g = make_graph()
    data = json.loads(g.to_json())
    assert all({"id", "kind"} <= set(n) for n in data["nodes"])
    assert all({"source", "target", "type"} <= set(link) for link in data["links"])
    back = ReviewGraph.from_node_link(data)
    assert back.to_json() == g.to_json()
    assert isinstance(nx.node_link_graph(data, edges="links"), nx.MultiDiGraph)
