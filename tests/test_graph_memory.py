"""The memory-lean graph: slotted edges, graph.json written item by item, read back item by item.

Each fast path is compared with the slow one it replaced (networkx's ``node_link_data`` and one
``json.dumps``; ``json.loads`` and validating every item), and validation still refuses bad items.
"""

import json

import networkx as nx
import pytest
from pydantic import ValidationError

from reviewgraph.graph.graphdata import ReviewGraph
from reviewgraph.graph.model import Action, Edge, Recommendation, Review
from tests.synthetic_graph import make_graph


def _networkx_node_link(g: ReviewGraph) -> dict:
    """What ``node_link`` was before: networkx's node_link_data over the MultiDiGraph view."""
    data = nx.node_link_data(g.to_networkx(), edges="links")
    for link in data["links"]:
        link.pop("key", None)
    return data


def _networkx_json(g: ReviewGraph) -> str:
    return json.dumps(_networkx_node_link(g), ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _odd_graph() -> ReviewGraph:
    """A graph whose networkx order is not simply sorted: one source with edges to several targets of several
    types, a node stored under a key other than its id, non-ASCII text."""
    g = make_graph()
    rec = next(iter(g.of_kind("Recommendation")))
    rec.text = "Agencies’ “joint” plan — café ✓"
    for theme in sorted(n.id for n in g.of_kind("Theme"))[:3]:
        g.link(rec.id, "ABOUT", theme, rec, evidence="x", score=0.5)
    for agency in sorted(n.id for n in g.of_kind("Agency"))[:3]:
        g.link(rec.id, "MENTIONS", agency, rec, evidence="y")
        g.link(rec.id, "ADDRESSED_TO", agency, rec)
    g.nodes["zz-key"] = Review(id="review:aaa", title="stored under another key", doc="d", line_start=0,
                               line_end=0)
    return g


@pytest.mark.parametrize("make", [make_graph, _odd_graph])
def test_json_and_node_link_are_what_networkx_gave(make):
    g = make()
    assert g.to_json() == _networkx_json(g)
    assert g.node_link() == _networkx_node_link(g)
    chunks: list[str] = []
    g.write_json(chunks.append, batch=3)
    assert len(chunks) > 3 and "".join(chunks) == g.to_json()


def test_an_edge_to_a_node_the_graph_lacks_is_written_as_networkx_wrote_it():
    g = make_graph()
    e = next(iter(g.edges.values()))
    ghost = Edge(source=e.source, target="theme:ghost", type=e.type, doc=e.doc, line_start=1, line_end=1)
    g.edges[ghost.key] = ghost  # not through add_edge, which refuses it
    assert g.to_json() == _networkx_json(g)
    assert {"id": "theme:ghost"} in g.node_link()["nodes"]


def test_edges_are_slotted_and_share_the_graphs_strings():
    g = make_graph()
    rec = next(iter(g.of_kind("Recommendation")))
    theme = next(iter(g.of_kind("Theme")))
    fresh_src, fresh_dst = "".join(list(rec.id)), "".join(list(theme.id))  # equal strings, other objects
    assert fresh_src is not rec.id
    e = g.link(fresh_src, "ABOUT", fresh_dst, rec, score=0.25)
    assert e.source is rec.id and e.target is theme.id
    for edge in g.edges.values():
        assert not hasattr(edge, "__dict__")
        assert edge.source is g.nodes[edge.source].id and edge.target is g.nodes[edge.target].id


def test_edges_are_still_validated():
    base = dict(source="a", target="b", type="ABOUT", doc="d", line_start=1, line_end=1)
    Edge(**base, props={"score": 0.5})
    for bad in ({"type": "LIKES"}, {"doc": ""}, {"line_start": -1}, {"props": {"colour": "red"}},
                {"colour": "red"}):
        with pytest.raises(ValidationError):
            Edge(**{**base, **bad})


def test_trusted_edge_equals_a_validated_one():
    kw = dict(source="a", target="b", type="ABOUT", doc="d", line_start=1, line_end=2, props={"score": 1.0})
    assert Edge.trusted(**kw) == Edge(**kw)
    assert Edge.trusted(**kw).key == ("a", "ABOUT", "b")


def test_a_node_is_still_validated_when_added():
    with pytest.raises(ValidationError):
        Action(id="act:x/1/1", review="review:x", recommendation="rec:x/1", doc="d", line_start=5, line_end=4)
    with pytest.raises(ValidationError):
        Recommendation(id="rec:x/1", review="review:x", number="1", text="t", doc="", line_start=1, line_end=1)


# -- the store: trusted reading only of a graph.json the stamp vouches for ----------------------------------
def _ingested(tmp_path):
    from reviewgraph.graph.store import Store
    from reviewgraph.ingest.pipeline import ingest_into
    from reviewgraph.synth.corpus import generate

    generate(3, tmp_path / "corpus", 5)
    db = tmp_path / "db"
    ingest_into(Store(db), [tmp_path / "corpus" / "docs"])
    return db


def _reads(monkeypatch) -> list[bool]:
    calls: list[bool] = []
    original = ReviewGraph.read_json.__func__

    def spy(cls, path, trusted=False):
        calls.append(trusted)
        return original(cls, path, trusted)

    monkeypatch.setattr(ReviewGraph, "read_json", classmethod(spy))
    return calls


def test_a_fresh_ingest_gives_the_graph_a_rebuild_from_the_stored_documents_gives(tmp_path):
    from reviewgraph.graph.store import Store

    db = _ingested(tmp_path)
    first = (db / "graph.json").read_bytes()
    Store(db).rebuild()  # every document read back from docs/
    assert (db / "graph.json").read_bytes() == first


def test_the_stores_own_graph_is_read_trusted_and_equals_a_validated_read(tmp_path, monkeypatch):
    from reviewgraph.graph.store import Store

    db = _ingested(tmp_path)
    calls = _reads(monkeypatch)
    g = Store(db).graph()
    assert calls == [True]
    validated = ReviewGraph.from_node_link(json.loads((db / "graph.json").read_text(encoding="utf-8")))
    assert g.nodes == validated.nodes and g.edges == validated.edges
    assert g.to_json() == (db / "graph.json").read_text(encoding="utf-8")


def test_an_edited_graph_json_is_neither_trusted_nor_served_but_rebuilt(tmp_path, monkeypatch):
    """graph.json whose bytes are not those the stamp recorded is rebuilt from the documents (see
    tests/test_store_integrity.py), never read as the graph."""
    from reviewgraph.graph.store import Store

    db = _ingested(tmp_path)
    text = (db / "graph.json").read_text(encoding="utf-8")
    assert '"line_start":1,' in text
    (db / "graph.json").write_text(text.replace('"line_start":1,', '"line_start":-1,', 1), encoding="utf-8")
    calls = _reads(monkeypatch)
    g = Store(db).graph()
    assert calls == []
    assert g.to_json() == text == (db / "graph.json").read_text(encoding="utf-8")


def test_a_stamp_without_the_graphs_hash_gets_the_graph_rebuilt(tmp_path, monkeypatch):
    """A store written before the stamp carried graph.json's hash (its stamp is the manifest's hash only)."""
    from reviewgraph.graph.store import Store

    db = _ingested(tmp_path)
    text = (db / "graph.json").read_text(encoding="utf-8")
    stamp = (db / "graph.stamp").read_text(encoding="ascii")
    (db / "graph.stamp").write_text(stamp.split()[0], encoding="ascii")
    calls = _reads(monkeypatch)
    g = Store(db).graph()
    assert calls == []
    assert g.to_json() == text == (db / "graph.json").read_text(encoding="utf-8")
    assert (db / "graph.stamp").read_text(encoding="ascii") == stamp


def test_read_json_reads_other_layouts_whole(tmp_path):
    g = make_graph()
    path = tmp_path / "g.json"
    path.write_text(json.dumps(g.node_link(), indent=1), encoding="utf-8")  # not write_json's layout
    assert ReviewGraph.read_json(path).to_json() == g.to_json()
    path.write_text(g.to_json()[:-40], encoding="utf-8")  # write_json's layout, cut short
    with pytest.raises(json.JSONDecodeError):
        ReviewGraph.read_json(path)


def test_nodes_in_a_graph_share_their_kinds_fields_set_and_the_ids_they_refer_to():
    g = make_graph()
    review = next(iter(g.of_kind("Review")))
    rec = Recommendation(id="rec:memory/1", review="".join(list(review.id)), number="1", text="t",
                         doc=review.doc, line_start=1, line_end=1)
    assert rec.review is not review.id
    g.add_node(rec)
    assert rec.review is review.id and rec.review == review.id
    recs = list(g.of_kind("Recommendation"))
    assert len(recs) > 1 and len({id(r.__pydantic_fields_set__) for r in recs}) == 1
    rec.text = "changed"  # assignment is still validated and still works
    assert g.nodes["rec:memory/1"].text == "changed"
    with pytest.raises(ValidationError):
        rec.line_start = -1
