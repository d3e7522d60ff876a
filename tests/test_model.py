import json

import networkx as nx
import pytest
from pydantic import ValidationError

from reviewgraph.graph.graphdata import GraphError, ReviewGraph
from reviewgraph.graph.model import RELATIONSHIPS, Edge, Recommendation
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


def _two_recs() -> ReviewGraph:
    g = ReviewGraph()
    for n in ("1", "2"):
        g.add_node(Recommendation(id=f"rec:x/{n}", review="review:x", number=n, text="t", doc="doc:a",
                                  line_start=3, line_end=4))
    return g


def test_link_fast_path_gives_the_edge_validation_gives():
    """ReviewGraph.link skips pydantic when every check Edge() makes holds: the same fields, the same props."""
    g = _two_recs()
    fast = g.link("rec:x/2", "SIMILAR_TO", "rec:x/1", g.nodes["rec:x/2"], score=0.5)
    slow = Edge(source="rec:x/2", target="rec:x/1", type="SIMILAR_TO", doc="doc:a", line_start=3, line_end=4,
                props={"score": 0.5})
    fields = ("source", "target", "type", "doc", "line_start", "line_end", "props")
    assert [getattr(fast, f) for f in fields] == [getattr(slow, f) for f in fields]
    assert g.edges[slow.key] is fast


@pytest.mark.parametrize("type_, props, prov", [
    ("SIMILAR_TO", {"colour": "red"}, {}),            # a property the type does not declare
    ("NOT_A_TYPE", {}, {}),                            # an unknown type
    ("SIMILAR_TO", {}, {"doc": ""}),                   # no document
    ("SIMILAR_TO", {}, {"line_start": -1}),            # a negative line
])
def test_link_still_refuses_what_edge_refuses(type_, props, prov):
    from types import SimpleNamespace

    g = _two_recs()
    where = SimpleNamespace(**{"doc": "doc:a", "line_start": 3, "line_end": 4, **prov})
    with pytest.raises(ValidationError):
        g.link("rec:x/2", type_, "rec:x/1", where, **props)
    assert not g.edges


def test_to_json_writes_what_json_dumps_writes_even_for_a_nan_score():
    g = _two_recs()
    g.link("rec:x/2", "SIMILAR_TO", "rec:x/1", g.nodes["rec:x/2"], score=0.5)
    next(iter(g.edges.values())).props["score"] = float("nan")  # written as the encoder writes it: NaN
    assert '"score":NaN' in g.to_json()
    assert g.to_json() == json.dumps(g.node_link(), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
