"""Synthetic graphs for the store and query tests (invented places and agencies only).

:func:`make_store_graph` is :func:`tests.synthetic_graph.make_graph` plus the gaps the saved queries look
for: a recommendation nobody owns, learning that informs no recommendation and names an agency absent from
the plan, and a two-step chain of successor bodies. :func:`write_store` writes a graph into a store
directory as ``graph.json`` (what an ingest leaves there).
"""

from __future__ import annotations

from pathlib import Path

from reviewgraph.graph.graphdata import ReviewGraph
from reviewgraph.graph.model import REGISTRY_DOC, Agency, Learning, Recommendation
from reviewgraph.graph.store import GRAPH, Store, atomic_write
from tests.synthetic_graph import make_graph


def make_store_graph() -> ReviewGraph:
    g = make_graph()
    r2, d2 = "review:southby/dhr-7", "doc:aaaa000000000002"
    orphan = Recommendation(id="rec:southby/dhr-7/17.3", review=r2, number="17.3", ordinal=5,
                            text="Partners publicise the helpline to families and neighbours.", doc=d2,
                            line_start=60, line_end=61)
    g.add_node(orphan)
    g.link(r2, "MADE", orphan.id, orphan)
    lonely = Learning(id="learning:southby/dhr-7/16.2", review=r2, number="16.2",
                      text="The Wellbeing Hub held information no other agency saw.", doc=d2,
                      line_start=205, line_end=207)
    g.add_node(lonely)
    g.link(r2, "IDENTIFIED", lonely.id, lonely)
    g.link(lonely.id, "MENTIONS", "agency:wellbeing-hub", lonely, evidence="Wellbeing Hub")
    board = Agency(id="agency:eastmoor-justice-board", name="Eastmoor Justice Board", sector="criminal_justice",
                   aliases=["EJB"], doc=REGISTRY_DOC, line_start=10, line_end=12)
    g.add_node(board)
    g.nodes["agency:probation-service"].active_until = "2023-03-31"
    g.link("agency:probation-service", "SUCCEEDED_BY", board.id, board, date="2023-04-01")
    g.link("agency:northby-police", "MEMBER_OF", "agency:eastmoor-justice-board", board)
    return g


def write_store(path: Path, graph: ReviewGraph | None = None) -> Store:
    """A store directory whose ``graph.json`` holds ``graph`` (default :func:`make_store_graph`)."""
    graph = graph if graph is not None else make_store_graph()
    atomic_write(Path(path) / GRAPH, graph.to_json())
    return Store(path)
