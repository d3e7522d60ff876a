"""Every count on ``reviewgraph ingest``'s per-document line is what reached the graph from that document:
recommendations, actions, learning, and the agencies linked to them (before, the agency count was of the
agency headings the parser read items under, so a plan with no such headings said "0 agencies")."""

from __future__ import annotations

import json
import re

from typer.testing import CliRunner

from reviewgraph.app.cli import cli
from reviewgraph.app.commands.ingest import AGENCY_LINKS, agencies_by_document
from reviewgraph.graph.ids import document_id
from reviewgraph.graph.store import Store
from reviewgraph.synth.corpus import demo_paths

LINE = re.compile(r"^(?P<file>\S+): .*?: (?P<recs>\d+) recommendations, (?P<acts>\d+) actions, "
                  r"(?P<learning>\d+) learning, (?P<agencies>\d+) agencies,")


def _expected(store: Store) -> dict[str, dict[str, int]]:
    """Per file name, counted from the stored graph directly (nodes read from the document; agencies linked
    to them), independently of the command's own helper."""
    g = store.graph()
    out: dict[str, dict[str, int]] = {}
    for doc in g.of_kind("Document"):
        items = [n for n in g.nodes.values() if n.KIND in ("Recommendation", "Action", "Learning")
                 and (n.doc == doc.id or any(s.rsplit(":", 1)[0] == doc.id for s in n.sources))]
        ids = {n.id for n in items}
        agencies = {e.target for e in g.edges.values() if e.source in ids and e.type in AGENCY_LINKS
                    and g.nodes[e.target].KIND == "Agency"}
        out[doc.file_name] = {"recs": sum(n.KIND == "Recommendation" for n in items),
                              "acts": sum(n.KIND == "Action" for n in items),
                              "learning": sum(n.KIND == "Learning" for n in items), "agencies": len(agencies)}
    return out


def test_the_per_document_line_counts_what_reached_the_graph(tmp_path):
    db = tmp_path / "db"
    result = CliRunner().invoke(cli, ["ingest", *map(str, demo_paths()), "--db", str(db)])
    assert result.exit_code == 0, result.output
    lines = {m["file"]: {k: int(m[k]) for k in ("recs", "acts", "learning", "agencies")}
             for line in result.stdout.splitlines() if (m := LINE.match(line))}
    assert len(lines) == len(demo_paths())
    expected = _expected(Store(db))
    assert lines == expected
    # a plan without agency headings (Wrenmere's) said "0 agencies" though its actions are led by some
    assert lines["wrenmere-dhr-1-action-plan.txt"]["agencies"] > 0
    assert all(c["agencies"] > 0 for c in lines.values())
    # the store's total: every agency counted on a line is in the store
    g = Store(db).graph()
    by_doc = agencies_by_document(g)
    assert set().union(*by_doc.values()) <= {a.id for a in g.of_kind("Agency")}


def test_the_json_summary_carries_the_same_counts(tmp_path):
    db = tmp_path / "db"
    paths = [p for p in demo_paths() if p.name.startswith("wrenmere")]
    result = CliRunner().invoke(cli, ["ingest", *map(str, paths), "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout[: result.stdout.rindex("]") + 1])
    g = Store(db).graph()
    by_doc = agencies_by_document(g)
    files = {d.file_name: d.sha256 for d in g.of_kind("Document")}
    for row in rows:
        name = row["file"].rsplit("/", 1)[-1]
        assert row["agencies"] == len(by_doc[document_id(files[name])]) > 0, row
