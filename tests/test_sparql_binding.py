"""Parameters written in place of their variables (``bind_terms``) mean what the ``VALUES`` block means.

The embedded pyoxigraph engine binds a parameter by writing its RDF term where the variable is, when every
use of it is in the WHERE group itself (Oxigraph's planner then applies a filter on it early); elsewhere it
keeps the ``VALUES`` block opening the WHERE group. Both must give the same rows for every saved query and
for the parameters people give, payloads included.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from reviewgraph.graph.sinks import oxigraph_store
from reviewgraph.queries.engines import OxigraphEngine, bind_terms, bind_values
from reviewgraph.queries.saved import saved_queries
from tests.stores_data import make_store_graph

SPARQL = {q.name: q for q in saved_queries("sparql")}
GIVEN = [
    {},
    {"as_of": "2024-01-01", "only_overdue": "true", "min_reviews": "1", "min_score": "0.2", "keyword": "police",
     "theme_ref": "information-sharing", "agency_ref": "EJB", "review": "DHR-7"},
    {"as_of": "2019-05-01", "min_reviews": "3", "min_score": "0.9", "keyword": 'a" } #',
     "theme_ref": "MARAC", "agency_ref": "agency:probation-service", "review": "review:southby/dhr-7"},
]


@pytest.fixture(scope="module")
def store() -> ox.Store:
    return oxigraph_store.memory_store(make_store_graph())


def _rows(store: ox.Store, text: str) -> list[str]:
    res = store.query(text)
    return sorted(repr([res_term for res_term in solution]) for solution in res)


@pytest.mark.parametrize("name", sorted(SPARQL))
@pytest.mark.parametrize("given", range(len(GIVEN)))
def test_written_in_place_gives_the_rows_of_the_values_block(store, name: str, given: int) -> None:
    q = SPARQL[name]
    params = q.coerce({k: v for k, v in GIVEN[given].items() if k in {p.name for p in q.params}})
    in_place, values = bind_terms(q.text, params), bind_values(q.text, params)
    assert _rows(store, in_place) == _rows(store, values)
    if params:  # every saved query uses its parameters in its WHERE group only: all written in place
        assert "VALUES" not in in_place


def test_only_uses_in_the_where_group_and_its_exists_are_written_in_place() -> None:
    text = ('SELECT ?n WHERE { ?x <urn:p> ?n FILTER(?n = ?k || EXISTS { ?x <urn:q> ?k }) '
            'OPTIONAL { ?x <urn:r> ?m FILTER(?m = ?j) } { SELECT ?x WHERE { ?x <urn:s> ?i } } } ORDER BY ?h')
    out = bind_terms(text, {"k": "a", "j": "b", "i": "c", "h": "d"})
    assert 'FILTER(?n = "a" || EXISTS { ?x <urn:q> "a" })' in out
    assert "?m = ?j" in out and "<urn:s> ?i" in out and "ORDER BY ?h" in out  # kept, bound by VALUES
    assert 'VALUES (?j ?i ?h) { ("b" "c" "d") }' in out


def test_braces_variables_and_comments_inside_strings_and_iris_are_not_read() -> None:
    text = '# ?k {\nSELECT ?n WHERE { ?x <urn:a?k=v> "?k }" . ?x <urn:p> ?n FILTER(?n != ?k) }'
    assert bind_terms(text, {"k": 1}) == text.replace("!= ?k", '!= "1"^^<http://www.w3.org/2001/XMLSchema#integer>')
    assert bind_terms(text, {}) == text


def test_a_parameter_where_a_term_cannot_go_is_bound_by_values(store) -> None:
    text = "SELECT ?x WHERE { ?x a ?type FILTER(BOUND(?k)) }"  # BOUND takes a variable, not a term
    with pytest.raises(SyntaxError):
        store.query(bind_terms(text, {"k": "x"}))
    rows = OxigraphEngine(store).run(text, {"k": "x"}).rows
    assert rows and sorted(map(repr, rows)) == sorted(
        repr([t.value for t in s]) for s in store.query(bind_values(text, {"k": "x"})))
    assert OxigraphEngine(store).run("SELECT ?p WHERE { ?k ?p ?o }", {"k": "x"}).rows == []
