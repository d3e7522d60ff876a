"""The query commands refuse writes, whatever the engine, and let keywords inside values through."""

from __future__ import annotations

import pytest

from reviewgraph.queries.readonly import CYPHER_WRITES, SPARQL_WRITES, ReadOnlyError, check

CYPHER_BAD = [
    "CREATE (n:Agency {id: 'x'})",
    "MATCH (n:Agency) MERGE (n)-[:MEMBER_OF]->(m:Agency {id: 'y'})",
    "MATCH (n:Agency) DETACH DELETE n",
    "MATCH (n:Agency) SET n.name = 'x'",
    "MATCH (n:Agency) REMOVE n.name",
    "DROP TABLE Agency",
    "LOAD CSV FROM 'file:///x.csv' AS row RETURN row",
    "match (n:Agency) set n.name = 'lower case'",
    "COPY Agency FROM 'x.csv'",
]
SPARQL_BAD = [
    "INSERT DATA { <a:x> <a:y> <a:z> }",
    "DELETE WHERE { ?s ?p ?o }",
    "PREFIX rg: <https://w3id.org/reviewgraph/ontology#> DELETE { ?s rg:x ?o } WHERE { ?s rg:x ?o }",
    "LOAD <http://example.org/x.ttl>",
    "CLEAR ALL",
    "DROP GRAPH <http://example.org/g>",
    "WITH <http://example.org/g> INSERT { ?s ?p 1 } WHERE { ?s ?p ?o }",
    "COPY DEFAULT TO <http://example.org/g>",
]


@pytest.mark.parametrize("text", CYPHER_BAD)
def test_cypher_writes_are_refused(text: str) -> None:
    with pytest.raises(ReadOnlyError, match="read-only"):
        check(text, "cypher")


@pytest.mark.parametrize("text", SPARQL_BAD)
def test_sparql_updates_are_refused(text: str) -> None:
    with pytest.raises(ReadOnlyError, match="read-only"):
        check(text, "sparql")


def test_keywords_in_strings_names_and_parameters_are_allowed() -> None:
    check("MATCH (n:Agency) WHERE n.name CONTAINS 'CREATE' AND n.set = $delete RETURN n.id AS merge", "cypher")
    check("// DELETE everything? no\nMATCH (n:Review) RETURN n.id", "cypher")
    check('SELECT ?insert WHERE { ?s <http://x/DELETE> ?insert FILTER(?insert != "DROP ALL") } # CLEAR',
          "sparql")


def test_message_names_the_clause() -> None:
    with pytest.raises(ReadOnlyError) as info:
        check("MATCH (n:Agency) SET n.x = 1", "cypher")
    assert "SET" in str(info.value)
    assert set(CYPHER_WRITES) >= {"CREATE", "MERGE", "DELETE", "SET", "REMOVE", "DROP", "LOAD", "COPY", "INSTALL", "CALL"}
    assert set(SPARQL_WRITES) >= {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP"}


def test_every_saved_query_passes_and_keeps_its_parameters() -> None:
    from reviewgraph.queries.saved import saved_queries

    for q in saved_queries():
        check(q.text, q.language)
        marker = "$" if q.language == "cypher" else "?"
        for p in q.params:
            assert marker + p.name in q.text, f"{q.name}: {p.name} is not bound in the text"


@pytest.mark.parametrize("text, word", [
    ("MATCH (n) WHERE n.name = '//' DETACH DELETE n", "DETACH"),
    ("MATCH (n) WHERE n.name = '/*' LOAD FROM '/etc/passwd' RETURN * //*/", "LOAD"),
    ("MATCH (n) RETURN n; INSTALL httpfs", "more than one statement"),
])
def test_comment_markers_inside_strings_hide_nothing(text: str, word: str) -> None:
    with pytest.raises(ReadOnlyError, match=word):
        check(text, "cypher")


def test_sparql_service_hidden_by_a_quote_in_an_iri_or_an_escape_is_refused() -> None:
    for text in ("SELECT * WHERE { SERVICE <http://x/'a> { ?s ?p ?o } }",
                 "SELECT * WHERE { \\u0053ERVICE <http://x/> { ?s ?p ?o } }"):
        with pytest.raises(ReadOnlyError, match="SERVICE"):
            check(text, "sparql")
