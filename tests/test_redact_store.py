"""With redaction on, queries run on a redacted store: nothing a query computes from a name brings it back.

Redacting the rows a query returns (as the app did) leaves every function of the text open: the name with
its spaces replaced, reversed, cut into pieces or lower-cased is no longer the name a pattern looks for. The
app now runs the workbench's queries on a store that holds only the redacted graph
(:func:`reviewgraph.graph.redact.redacted_store`); these tests run the attacker's functions on LadybugDB, Oxigraph and
the query sandbox over it, and through the app's workbench with redaction locked on.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from reviewgraph.graph.redact import redacted_store
from reviewgraph.graph.store import Store
from reviewgraph.queries.engines import make_engine
from tests.bad_inputs import run_cli
from tests.test_redact_cli import FAMILY, PLAN

#: every word of every name in the document (pseudonym, lead cells, the family list)
NAME_WORDS = ["mara", "claire", "moore", "jayne", "downes", "hartley", "zoe", "hart", "siobhan", "brien", "priya",
              "smith", "jones"]
#: the names with their spaces taken out ("replace(a.lead, ' ', '')")
JOINED = ["clairemoore", "jaynedownes", "tomhartley", "zoehart", "siobhanobrien", "obrien", "priyasmithjones",
          "smithjones"]

CYPHER = [
    "MATCH (a:Action) RETURN replace(a.lead, ' ', '_') AS a, reverse(a.lead) AS b, lower(a.lead) AS c, "
    "upper(a.lead) AS d, substring(a.lead, 4, 12) AS e, a.lead + '' AS f",
    "MATCH (a:Action) RETURN replace(a.progress, ' ', '') AS a, reverse(a.progress) AS b, "
    "substring(a.progress, 0, 9) AS c, lower(a.progress) AS d",
    "MATCH (r:Review) RETURN reverse(r.pseudonym) AS a, lower(r.title) AS b, replace(r.id, '-', '_') AS c",
    "MATCH (n:Agency) RETURN reverse(n.name) AS a, n.id AS b",
]
SPARQL = [
    "SELECT (REPLACE(STR(?o), ' ', '_') AS ?a) (LCASE(STR(?o)) AS ?b) (STRAFTER(STR(?o), 'D') AS ?c) "
    "(STRBEFORE(STR(?o), 'D') AS ?d) (SUBSTR(STR(?o), 2) AS ?e) (ENCODE_FOR_URI(STR(?o)) AS ?f) "
    "(STR(?s) AS ?g) WHERE { ?s ?p ?o }",
]


def _leaks(rows: list[list]) -> list[str]:
    """The name words found in any value, read forwards, backwards, without separators, URL-decoded."""
    import urllib.parse

    found = []
    for row in rows:
        for value in row:
            if not isinstance(value, str):
                continue
            text = urllib.parse.unquote(value).lower()
            for form in (text, text[::-1]):
                squeezed = re.sub(r"[\s_\-'’.]+", "", form)
                for word in NAME_WORDS:
                    if re.search(rf"(?<![a-z]){word}(?![a-z])", form.replace("_", " ")):
                        found.append(f"{word} in {value!r}")
                found += [f"{name} in {value!r}" for name in JOINED if name in squeezed]
    return found


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("redact-store")
    doc = folder / "ashcombe-mara-action-plan.txt"
    doc.write_text(PLAN, encoding="utf-8")
    db = folder / "db"
    assert run_cli(["ingest", str(doc), "--db", str(db)]).exit_code == 0
    return db


@pytest.fixture(scope="module")
def redacted(store) -> Path:
    return redacted_store(Store(store), FAMILY)


def test_the_unredacted_store_does_give_the_names_back(store):
    """The control: on the store itself the same queries return the names (so the checks can fail)."""
    rows = make_engine("cypher", Store(store)).run(CYPHER[0], {}).rows
    assert _leaks(rows)


def test_the_redacted_store_holds_only_the_redacted_graph(store, redacted):
    assert redacted.is_relative_to(store / "derived")
    assert sorted(p.name for p in redacted.iterdir()) == ["graph.json"]
    text = (redacted / "graph.json").read_text(encoding="utf-8")
    assert "[redacted]" in text and not _leaks([[v] for v in re.findall(r'"((?:[^"\\]|\\.)*)"', text)])
    assert redacted_store(Store(store), FAMILY) == redacted, "built once per graph.json and list of names"


@pytest.mark.parametrize("engine,query", [("cypher", q) for q in CYPHER] + [("sparql", q) for q in SPARQL])
def test_no_function_of_the_text_brings_a_name_back(redacted, engine, query):
    result = make_engine(engine, Store(redacted)).run(query, {})
    assert result.rows
    assert not _leaks(result.rows)


@pytest.mark.parametrize("engine,query", [("cypher", CYPHER[1]), ("sparql", SPARQL[0])])
def test_nor_in_the_sandbox(redacted, engine, query):
    from reviewgraph.queries.sandbox import run_limited

    for memory in (False, True):
        result = run_limited(engine, redacted, query, {}, memory=memory)
        assert result.rows and not _leaks(result.rows)


def test_the_workbench_queries_the_redacted_store(store, tmp_path, monkeypatch):
    from tests.webapp_support import open_app

    names = tmp_path / "names.txt"
    names.write_text("\n".join(FAMILY) + "\n", encoding="utf-8")
    at = open_app(monkeypatch, store, "views/workbench.py", timeout=120, REVIEWGRAPH_REDACT="1",
                  REVIEWGRAPH_REDACT_NAMES=str(names))
    for engine, query in (("cypher", CYPHER[0]), ("cypher", CYPHER[1]), ("sparql", SPARQL[0])):
        at.selectbox(key="wb_engine_adhoc").set_value(engine).run()
        at.text_area(key=f"wb_text_{engine}").input(query).run()
        at.button(key="wb_run_adhoc").click().run()
        assert not at.exception and not at.error, [e.value for e in at.error]
        frame = at.dataframe[0].value
        rows = json.loads(frame.to_json(orient="values"))
        assert rows and not _leaks(rows), (query, _leaks(rows))


def test_an_external_engine_is_refused_with_redaction_on(store, monkeypatch):
    from reviewgraph.app.web.common import query_store_path

    monkeypatch.setenv("REVIEWGRAPH_DB", str(store))
    monkeypatch.setenv("REVIEWGRAPH_REDACT", "1")
    with pytest.raises(ValueError, match="redaction is on"):
        query_store_path("neo4j")
    assert query_store_path("cypher").is_relative_to(store / "derived")
    monkeypatch.delenv("REVIEWGRAPH_REDACT")
    assert query_store_path("neo4j") == store
