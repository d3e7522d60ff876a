"""A status update's period in RDF (``rg:statusUntil``, derived in ``graph/sinks/rdf.py``) is the status rule
of ``graph/status.py``: on a random synthetic plan, for every action and date, the update whose period holds
the date (read back from pyoxigraph) gives the status ``status_on`` gives; and pyoxigraph's rows reach
Python as the values the term-by-term conversion gives."""

from __future__ import annotations

import random

import pyoxigraph as ox
import pytest

from reviewgraph.graph.graphdata import ReviewGraph
from reviewgraph.graph.model import Action, Document, Recommendation, Review, StatusUpdate
from reviewgraph.graph.sinks import oxigraph_store
from reviewgraph.graph.sinks.rdf import status_until
from reviewgraph.graph.status import STATUSES, Update, status_on
from reviewgraph.queries.engines.base import XSD
from reviewgraph.queries.engines.sparql_terms import ox_plain, ox_rows

KINDS = ("action_plan", "overview_report", "progress_update")
DAYS = ("2014-01-31", "2014-09-30", "2015-06-30", "2016-03-31")
PROBES = ("2013-12-31", "2014-01-31", "2014-05-01", "2014-09-30", "2015-06-29", "2015-06-30", "2016-03-31",
          "2020-01-01")

# the period rule as the saved queries read it: the dated update whose period holds the date
HELD = """PREFIX rg: <https://w3id.org/reviewgraph/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?action_id ?status
WHERE {
  ?x rg:hasStatus ?u ; dcterms:identifier ?action_id .
  ?u rg:asOf ?from ; rg:status ?status .
  OPTIONAL { ?u rg:statusUntil ?until }
  FILTER(STR(?from) <= STR(?on) && (!BOUND(?until) || STR(?on) < STR(?until)))
}"""


def plan_graph(seed: int) -> tuple[ReviewGraph, dict[str, list[Update]], dict[str, Action]]:
    """One review whose documents share dates, kinds and even file names (so that updates tie on the whole
    sort key), and 30 actions each with 0 to 4 updates from those documents, some undated."""
    rnd = random.Random(seed)
    g = ReviewGraph()
    rid = "review:westby/dhr-9"
    docs = []
    for i in range(8):
        did = f"doc:{i:016x}"
        doc = Document(id=did, doc_kind=rnd.choice(KINDS), title=f"doc {i}", file_name=rnd.choice(("a.txt", "b.txt")),
                       sha256=f"{i:064x}", review=rid, as_of=rnd.choice(DAYS + (None,)), doc=did, line_start=1,
                       line_end=9)
        docs.append(doc)
        g.add_node(doc)
    g.add_node(Review(id=rid, title="Westby DHR-9", area="Westby", number="DHR-9", doc=docs[0].id, line_start=1,
                      line_end=1))
    rec = Recommendation(id=f"rec:{rid[7:]}/1", review=rid, number="1", text="Audit", ordinal=1, doc=docs[0].id,
                         line_start=2, line_end=2)
    g.add_node(rec)
    g.link(rid, "MADE", rec.id, rec)
    updates: dict[str, list[Update]] = {}
    actions: dict[str, Action] = {}
    for k in range(1, 31):
        aid = f"action:{rid[7:]}/1/{k}"
        chosen = rnd.sample(docs, rnd.randint(0, 4))
        act = Action(id=aid, review=rid, recommendation=rec.id, ordinal=k, text=f"step {k}",
                     status=rnd.choice(STATUSES), as_of=rnd.choice(DAYS + (None,)), doc=docs[0].id, line_start=3,
                     line_end=3)
        g.add_node(act)
        g.link(rec.id, "HAS_ACTION", aid, act)
        actions[aid] = act
        updates[aid] = []
        for doc in chosen:
            status = rnd.choice(STATUSES)
            su = StatusUpdate(id=f"status:{aid}@{doc.id}", action=aid, status=status, as_of=doc.as_of, doc=doc.id,
                              line_start=3, line_end=3)
            g.add_node(su)
            g.link(aid, "HAS_STATUS", su.id, su)
            updates[aid].append(Update(doc.as_of, str(getattr(doc.doc_kind, "value", doc.doc_kind)), doc.file_name, status))
    return g, updates, actions


@pytest.mark.parametrize("seed", range(6))
def test_the_period_holding_a_date_is_the_status_rule(seed: int) -> None:
    g, updates, actions = plan_graph(seed)
    store = oxigraph_store.memory_store(g)
    checked = 0
    for on in PROBES:
        text = HELD.replace("?on", str(ox.Literal(on, datatype=ox.NamedNode(XSD + "date"))))
        held: dict[str, list[str]] = {}
        for action_id, status in ox_rows(store.query(text)):
            held.setdefault(action_id, []).append(status)
        for aid, act in actions.items():
            assert len(held.get(aid, [])) <= 1, (aid, on, held[aid])  # at most one update holds on a date
            dated = [u for u in updates[aid] if u.as_of is not None]
            expected = status_on(updates[aid], on, own_status=str(getattr(act.status, "value", act.status)),
                                 own_as_of=act.as_of)
            if aid in held:
                assert held[aid] == [expected], (seed, aid, on)
                checked += 1
            elif dated:  # dated updates, none dated on or before the date yet
                assert expected == "unknown", (seed, aid, on)
    assert checked > 20


def test_the_latest_update_has_no_period_end() -> None:
    g, updates, _ = plan_graph(3)
    outgoing: dict[str, list] = {}
    for edge in g.edges.values():
        outgoing.setdefault(edge.source, []).append(edge)
    until = status_until(g, outgoing)
    for aid, ups in updates.items():
        dated = [e.target for e in outgoing.get(aid, []) if e.type == "HAS_STATUS"
                 and g.nodes[e.target].as_of is not None]
        assert sum(1 for u in dated if u not in until) == (1 if dated else 0), aid


def test_rows_convert_as_term_by_term() -> None:
    store = ox.Store()
    s, p = ox.NamedNode("http://e/s"), ox.NamedNode("http://e/p")
    objects = [ox.Literal("7", datatype=ox.NamedNode(XSD + "integer")), ox.Literal("0.5", datatype=ox.NamedNode(XSD + "double")),
               ox.Literal("true", datatype=ox.NamedNode(XSD + "boolean")), ox.Literal("2021-06-30", datatype=ox.NamedNode(XSD + "date")),
               ox.Literal("chat", language="fr"), ox.Literal("plain"), ox.NamedNode("http://e/o"), ox.BlankNode("b1")]
    for o in objects:
        store.add(ox.Quad(s, p, o))
    text = "SELECT ?o ?s ?missing WHERE { ?s ?p ?o OPTIONAL { ?o ?p ?missing } }"
    expected = sorted(([ox_plain(sol["o"]), ox_plain(sol["s"]), None] for sol in store.query(text)), key=repr)
    got = sorted(ox_rows(store.query(text)), key=repr)
    assert got == expected
    assert [7, "http://e/s", None] in got and [True, "http://e/s", None] in got and [0.5, "http://e/s", None] in got
