"""The saved Cypher is one text for LadybugDB and Neo4j 5: it calls only functions Neo4j 5 has (read from
the parse tree of Neo4j's own grammar), LadybugDB stores define the two openCypher functions it lacks
(``toInteger``, ``toString``) as Neo4j does them for the values the queries give them, and the date query
that needs them shifts years as the gap report does, 29 February included.

The parse-tree check needs node and npm's @neo4j-cypher/antlr4 (see test_neo4j.py) and is skipped without.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from reviewgraph.graph.sinks import ladybug_store
from reviewgraph.queries import gaps
from reviewgraph.queries.engines import LadybugEngine
from reviewgraph.queries.saved import find, saved_queries
from tests.test_gaps import Plan

ROOT = Path(__file__).resolve().parents[1]
PARSER = Path(os.environ.get("REVIEWGRAPH_CYPHER_PARSER", ROOT / ".cache" / "cypher-parser" / "node_modules"))
SCRIPT = ROOT / "tests" / "tools" / "cypher_functions.js"

#: functions of the Neo4j 5 Cypher manual (the ones a saved query may reasonably call; add others from the
#: manual when a query needs them). Neo4j reads function names without regard to case.
NEO4J_5_FUNCTIONS = frozenset(name.lower() for name in """
    avg collect count max min percentileCont percentileDisc stDev stDevP sum
    coalesce elementId endNode head id last length properties randomUUID size startNode timestamp type
    toBoolean toBooleanOrNull toFloat toFloatOrNull toInteger toIntegerOrNull valueType
    keys labels nodes range reduce relationships reverse tail toBooleanList toFloatList toIntegerList
    toStringList abs ceil floor isNaN rand round sign e exp log log10 sqrt
    left ltrim normalize replace right rtrim split substring toLower toString toStringOrNull toUpper trim
    date datetime localdatetime localtime time duration duration.between duration.inDays duration.inMonths
    date.truncate all any exists isEmpty none single
""".split())

needs_parser = pytest.mark.skipif(
    shutil.which("node") is None or not (PARSER / "@neo4j-cypher" / "antlr4").is_dir(),
    reason=f"node or @neo4j-cypher/antlr4 not installed (npm install --prefix {PARSER.parent} "
           f"@neo4j-cypher/antlr4@1.0.0)")


def _functions(*files: Path) -> dict[str, set[str]]:
    out = subprocess.run(["node", str(SCRIPT), *map(str, files)], env={**os.environ, "NODE_PATH": str(PARSER)},
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stdout + out.stderr
    return {Path(f).name: set(names.split()) for f, _, names in (line.partition("\t") for line in out.stdout.splitlines())}


@needs_parser
def test_saved_cypher_calls_only_functions_neo4j_5_has() -> None:
    called = _functions(*(ROOT / q.path for q in saved_queries("cypher")))
    assert len(called) == len(saved_queries("cypher"))
    unknown = {name: sorted(f for f in fns if f.lower() not in NEO4J_5_FUNCTIONS) for name, fns in called.items()}
    assert not any(unknown.values()), {k: v for k, v in unknown.items() if v}
    assert {"toInteger", "toString", "date"} <= called["actions_date_anomalies.cypher"]


@needs_parser
def test_the_function_check_sees_ladybug_only_functions(tmp_path) -> None:
    q = tmp_path / "kuzu.cypher"
    q.write_text("MATCH (v:Review) RETURN date(v.published) - interval('3 years') AS d, lower(v.title) AS t")
    called = _functions(q)["kuzu.cypher"]
    assert called == {"date", "interval", "lower"}
    assert {f for f in called if f.lower() not in NEO4J_5_FUNCTIONS} == {"interval", "lower"}


def test_ladybug_defines_the_opencypher_functions_as_neo4j_gives_them() -> None:
    engine = LadybugEngine(ladybug_store.memory_connection(Plan().g))
    row = engine.run("RETURN toInteger('2019') - 3 AS y, toString(2016) + '-02-28' AS d, toInteger(null) AS n, "
                     "toString(null) AS s", {}).rows
    assert row == [[2016, "2016-02-28", None, None]]
    names = {name for name, _, _ in ladybug_store.OPENCYPHER_MACROS}
    assert names == {"toInteger", "toString"}
    assert ladybug_store.VERSION != "ladybug-1"  # stores built without the macros are rebuilt


def test_the_date_query_shifts_years_as_the_gap_report_on_29_february() -> None:
    # published on a leap day, no death: the review's life runs from 2017-02-28 to 2025-02-28
    p = Plan("leapby/dhr-1", published="2020-02-29")
    p.rec("Edges of the review's life.", owner="Leapby Police", actions=[
        {"text": "on the first day", "start": "2017-02-28", "target": "2025-02-28"},
        {"text": "a day early and a day late", "start": "2017-02-27", "target": "2025-03-01"},
        {"text": "inside", "start": "2019-01-01", "target": "2021-01-01"}])
    q = Plan("noonby/dhr-2", published=None)  # no date at all: no life to be outside of
    q.rec("Undated review.", actions=[{"text": "any", "start": "1990-01-01", "target": "2090-01-01"}])
    g = p.g
    for n in q.g.nodes.values():
        g.add_node(n)
    for e in q.g.edges.values():
        g.add_edge(e)
    expected = Counter(r["action"] for r in gaps.date_anomalies(g))
    assert expected == Counter({"action:leapby/dhr-1/1/2": 2})
    query = find("actions_date_anomalies", "cypher")
    rows = LadybugEngine(ladybug_store.memory_connection(g)).run(query.text, query.coerce({})).records()
    assert Counter(r["action_id"] for r in rows) == expected
    assert {r["problem"] for r in rows} == {"start before the review period", "target after the review period"}
