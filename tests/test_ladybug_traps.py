"""LadybugDB behaviours the saved Cypher works around, checked on a deterministic synthetic graph.

Found while comparing engines at 1,000 synthetic reviews (see docs/stores.md): a ``WHERE`` on a relationship
property directly after a four-hop pattern joined at both ends (``(:Review)-[:MADE]->()-[s:SIMILAR_TO]->()
<-[:MADE]-(:Review) WHERE s.score >= x``) returned some rows that fail the test and lost some that pass
(ladybug 0.22). Filtering after ``WITH`` gives the right rows; saved queries do that.
"""

from __future__ import annotations

import random

import ladybug as lb
import pyarrow as pa
import pytest

from reviewgraph.queries.engines import LadybugEngine
from reviewgraph.queries.saved import saved_queries


def _similar_graph(n_rev: int = 100, n_rec: int = 1000, n_sim: int = 3000) -> tuple[lb.Connection, list[float]]:
    rng = random.Random(42)
    conn = lb.Connection(lb.Database(":memory:"))
    conn.execute("CREATE NODE TABLE Review(id STRING, PRIMARY KEY(id))")
    conn.execute("CREATE NODE TABLE Recommendation(id STRING, PRIMARY KEY(id))")
    conn.execute("CREATE REL TABLE MADE(FROM Review TO Recommendation)")
    conn.execute("CREATE REL TABLE SIMILAR_TO(FROM Recommendation TO Recommendation, score DOUBLE)")
    revs = [f"review:{i}" for i in range(n_rev)]
    recs = [f"rec:{i}" for i in range(n_rec)]
    conn.execute("COPY Review FROM $t", {"t": pa.table({"id": revs})})
    conn.execute("COPY Recommendation FROM $t", {"t": pa.table({"id": recs})})
    conn.execute("COPY MADE FROM $t", {"t": pa.table({"from": [revs[i % n_rev] for i in range(n_rec)], "to": recs})})
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < n_sim:
        a, b = rng.randrange(n_rec), rng.randrange(n_rec)
        if a != b:
            pairs.add((a, b))
    ordered = sorted(pairs)
    scores = [round(rng.uniform(0.3, 1.0), 3) for _ in ordered]
    conn.execute("COPY SIMILAR_TO FROM $t", {"t": pa.table({
        "from": [recs[a] for a, _ in ordered], "to": [recs[b] for _, b in ordered], "score": scores})})
    return conn, scores


PATTERN = "MATCH (v1:Review)-[:MADE]->(a:Recommendation)-[s:SIMILAR_TO]->(b:Recommendation)<-[:MADE]-(v2:Review) "


def test_filter_after_with_gives_the_true_count() -> None:
    conn, scores = _similar_graph()
    truth = sum(1 for s in scores if s >= 0.5)
    got = conn.execute(PATTERN + "WITH s WHERE s.score >= $m RETURN count(*)", {"m": 0.5}).get_next()[0]
    assert got == truth


@pytest.mark.xfail(reason="ladybug 0.22: WHERE on a relationship property right after a pattern joined at both "
                          "ends miscounts; remove the WITH workaround when this passes", strict=False)
def test_filter_in_pattern_where_gives_the_true_count() -> None:
    conn, scores = _similar_graph()
    truth = sum(1 for s in scores if s >= 0.5)
    assert conn.execute(PATTERN + "WHERE s.score >= 0.5 RETURN count(*)").get_next()[0] == truth


def test_saved_similar_recommendations_matches_the_scores() -> None:
    conn, scores = _similar_graph()
    q = next(q for q in saved_queries("cypher") if q.name == "similar_recommendations")
    rows = LadybugEngine(conn).run(q.text, q.coerce({"min_score": "0.5"})).rows
    passing = sorted((s for s in scores if s >= 0.5), reverse=True)
    assert len(passing) > 1000  # the saved query lists the 1,000 strongest pairs
    assert [r[-1] for r in rows] == passing[:1000]
