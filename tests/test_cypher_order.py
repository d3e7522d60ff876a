"""The saved Cypher comes out of LadybugDB in the order its ORDER BY asks for.

LadybugDB 0.22 put a few rows out of order, from run to run, when a null stood in the last sort key of a
large enough result (``review_plan``: an action with no lead; 0 to 9 rows of 11,924 at 1,000 generated
reviews, about one of 5,320 here in four runs of five). ``review_plan`` sorts on ``coalesce(lead, '')``,
which orders as a null would: a lead is missing only on an action's one row.
"""

from __future__ import annotations

import random

from reviewgraph.graph.sinks import ladybug_store
from reviewgraph.queries.engines import LadybugEngine
from reviewgraph.queries.saved import find
from tests.test_gaps import Plan


def _many_plans(reviews: int = 300, seed: int = 42):
    """``reviews`` small plans: 8 recommendations each, 0 to 4 actions, 4 in 10 actions led by an agency."""
    rnd = random.Random(seed)
    g = None
    for k in range(reviews):
        p = Plan(f"town-{k:03d}/dhr-{k % 7}")
        for i in range(8):
            p.rec(f"Recommendation {i}.", actions=[
                {"text": f"action {j}", **({"lead": f"Agency {rnd.randint(1, 30)}"} if rnd.random() < 0.4 else {})}
                for j in range(rnd.randint(0, 4))])
        if g is None:
            g = p.g
            continue
        for n in p.g.nodes.values():
            if n.id not in g.nodes:
                g.add_node(n)
        for e in p.g.edges.values():
            g.add_edge(e)
    return g


def _nulls_last(value, none):
    return (1, none) if value is None else (0, value)


def test_review_plan_comes_out_in_its_order() -> None:
    engine = LadybugEngine(ladybug_store.memory_connection(_many_plans()))
    q = find("review_plan", "cypher")
    assert q.text.rstrip().endswith("ORDER BY review_id, ordinal, action, coalesce(lead, '')")
    for _ in range(5):
        result = engine.run(q.text, q.coerce({}))
        rows = result.records()
        assert len(rows) > 5000 and any(r["lead"] is None and r["action"] is not None for r in rows)
        keys = [(r["review_id"], r["ordinal"], _nulls_last(r["action"], 0), _nulls_last(r["lead"], ""))
                for r in rows]
        assert keys == sorted(keys)
