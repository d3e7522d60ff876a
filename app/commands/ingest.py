"""``reviewgraph ingest`` and ``reviewgraph stats``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.table import Table

from reviewgraph.app.commands import Command
from reviewgraph.app.commands.common import DB_OPTION, open_store
from reviewgraph.app.commands.progress import IngestProgress
from reviewgraph.graph.graphdata import ReviewGraph
from reviewgraph.graph.ids import document_id
from reviewgraph.ingest import dhrd
from reviewgraph.ingest.pipeline import IngestResult, IngestState, ingesting, shown

console = Console(highlight=False)


def summarise(result: IngestResult, manifest: dict[str, dict] | None = None) -> dict:
    """Per-document counts, as the CLI prints them and the app shows them. A document already in the store
    was not read again: its row says so, with the kind the store has for it (from ``manifest``)."""
    d = result.doc
    if result.state is IngestState.KNOWN:
        entry = (manifest or {}).get(result.sha256 or "", {})
        return {"file": shown(result.path), "kind": entry.get("doc_kind"), "new": False, "known": True,
                "stored_as": entry.get("file_name"), "error": None, "messages": result.warnings}
    if d is None:
        return {"file": shown(result.path), "error": result.error, "messages": result.warnings}
    plan_recs = sum(len(p.recs) for p in d.plans)
    actions = sum(len(r.actions) for p in d.plans for r in p.recs)
    from reviewgraph.records.dates import parse_date_cell
    flagged = sum(1 for p in d.plans for r in p.recs for a in r.actions
                  for raw in (a.start_raw, a.target_raw) if raw and parse_date_cell(raw).flagged)
    agencies = {r.section for p in d.plans for r in p.recs if r.section} | {
        r.section for r in d.report_recs if r.section}
    narrative = sum(1 for u in d.unplaced if u.reason.startswith(("narrative", "footnote")))
    return {"file": shown(result.path), "kind": d.doc_kind, "review": d.title, "new": result.new,
            "doc_id": document_id(d.sha256),
            "recommendations": len(d.report_recs) or plan_recs, "plan_rows": plan_recs, "actions": actions,
            "learning": len(d.learning), "agencies": len(agencies), "dates_flagged": flagged,
            "unplaced": len(d.unplaced) - narrative, "narrative": narrative, "skipped": len(d.skipped),
            "warnings": len(d.warnings), "ms": round(result.seconds * 1000, 1), "error": result.error,
            "records": len(d.rows) if d.dataset else None, "known": False, "messages": result.warnings}


#: the links that name an agency from what a document holds (a recommendation addressed to it, an action led
#: by it, a recommendation or learning that mentions it)
AGENCY_LINKS = frozenset({"ADDRESSED_TO", "LED_BY", "MENTIONS"})


def agencies_by_document(graph: ReviewGraph) -> dict[str, set[str]]:
    """For each document id, the agencies in the graph linked to the recommendations, actions and learning
    read from it (:data:`AGENCY_LINKS`): the agencies that document brought into the graph."""
    named: dict[str, set[str]] = {}
    for edge in graph.edges.values():
        if edge.type in AGENCY_LINKS and getattr(graph.nodes.get(edge.target), "KIND", None) == "Agency":
            named.setdefault(edge.source, set()).add(edge.target)
    out: dict[str, set[str]] = {}
    for node_id, agencies in named.items():
        node = graph.nodes.get(node_id)
        if node is None:
            continue
        for doc in {s.rsplit(":", 1)[0] for s in node.sources} | {node.doc}:
            out.setdefault(doc, set()).update(agencies)
    return out


def reached_graph(rows: list[dict], graph: ReviewGraph) -> None:
    """Put in each document's row what reached the graph from it (recommendations, actions, learning and
    the agencies linked to them), in place of what was parsed; where the items differ, the row's ``lost``
    says so (printed as an error). The parse's agency count is of the agency headings it read items under,
    not of agencies, so it is replaced without comparison."""
    per_doc = graph.counts_by_document()
    agencies = agencies_by_document(graph)
    for r in rows:
        if r.get("known") or "doc_id" not in r or r.get("records") is not None:
            continue
        got = per_doc.get(r["doc_id"], {})
        r["lost"] = []
        for key, kind in (("recommendations", "Recommendation"), ("actions", "Action"),
                          ("learning", "Learning")):
            parsed, reached = r[key], got.get(kind, 0)
            if parsed != reached:
                r["lost"].append(f"{parsed} {key} read but {reached} in the graph")
            r[key] = reached
        r["agencies"] = len(agencies.get(r["doc_id"], ()))


def _report_row(r: IngestResult, store) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """One file's entry in ``--report``: its unplaced and skipped lines (a document already in the store:
    its stored parse, read for this report)."""
    doc = store.read_document(r.sha256 or "") if r.state is IngestState.KNOWN else r.doc
    return {"file": shown(r.path), "error": r.error, "messages": r.warnings,
            "unplaced": [u.model_dump() for u in doc.unplaced] if doc else [],
            "skipped": [u.model_dump() for u in doc.skipped] if doc else [],
            "warnings": doc.warnings if doc else []}


def register(app: typer.Typer) -> None:
    @app.command()
    def ingest(ctx: typer.Context, paths: list[Path] = typer.Argument(..., help="Files or folders to ingest."),
               db: Path | None = DB_OPTION,
               review: str | None = typer.Option(None, "--review", help="Put every document in this review: "
                                                 "its area and number ('Northby DHR-1' or 'northby/dhr-1'); "
                                                 "overrides what the documents say."),
               report: Path | None = typer.Option(None, "--report", help="Write the full per-line report "
                                                  "(unplaced and skipped lines) as JSON here."),
               as_json: bool = typer.Option(False, "--json", help="Print the summary as JSON.")) -> None:
        """Add documents to the store: one line per document with what was found and what was not placed."""
        store = open_store(db)
        full: list[dict[str, Any]] = []
        with IngestProgress() as progress:
            # a second ingest waits for the first at the store's lock: say so (above the progress bar)
            store.waiting = lambda message: progress.console.print(f"reviewgraph: {message}", markup=False,
                                                                   highlight=False, soft_wrap=True)
            # what to print is taken from the documents inside the block, before the store builds the graph
            # (the results then let go of them, so the build can free them)
            with ingesting(store, paths, review=review, progress=progress) as results:
                known = [r for r in results if r.state is IngestState.KNOWN]
                manifest = store.manifest() if known else {}
                rows = [summarise(r, manifest) for r in results]
                if report is not None:
                    full = [_report_row(r, store) for r in results]
        if report is not None:
            report.write_text(json.dumps(full, indent=1, ensure_ascii=False), encoding="utf-8")
        nothing_new = bool(results) and not any(r.new for r in results) and bool(known)
        g = None if nothing_new else store.graph()
        if g is not None:
            reached_graph(rows, g)
        if as_json:
            console.print_json(json.dumps(rows))
        else:
            for r in rows:
                if "kind" not in r:
                    continue
                if r["known"]:  # the same bytes were ingested before: not read again
                    same = f", ingested as {r['stored_as']}" if r["stored_as"] not in (None, Path(r["file"]).name) \
                        else ""
                    typer.echo(f"{Path(r['file']).name}: already in store ({r['kind'] or 'document'}{same}); "
                               "not read again" + (f"; {dhrd.ATTRIBUTION}" if r["kind"] == "dataset" else ""))
                    continue
                if r.get("records") is not None:  # a DHRD table
                    typer.echo(f"{Path(r['file']).name}: {r['review']} ({r['kind']}, "
                               f"{'new' if r['new'] else 'already in store'}); {dhrd.ATTRIBUTION}")
                    continue
                state = "new" if r["new"] else "already in store"
                typer.echo(f"{Path(r['file']).name}: {r['review']} ({r['kind']}, {state}): "
                              f"{r['recommendations']} recommendations, {r['actions']} actions, "
                              f"{r['learning']} learning, {r['agencies']} agencies, "
                              f"{r['dates_flagged']} dates flagged, {r['unplaced']} lines unplaced "
                              f"(+{r['narrative']} narrative, {r['skipped']} layout lines skipped), "
                              f"{r['ms']:.0f} ms")
        debug = bool(ctx.find_root().params.get("debug"))
        for r in results:
            if r.exception is not None and debug:
                raise r.exception
            for i, message in enumerate(r.messages):
                level = "error" if i == 0 and not r.ok else "warning"
                typer.echo(f"reviewgraph: {level}: {message}", err=True)
        for r in rows:
            for message in r.get("lost", []):
                typer.echo(f"reviewgraph: error: {Path(r['file']).name}: {message}", err=True)
        if g is None:
            # nothing added: the graph is as it was (not loaded just to count it)
            typer.echo(f"store: unchanged, {len(manifest)} documents")
            return
        c = g.counts()
        typer.echo(f"store: {c.get('Review', 0)} reviews, {c.get('Recommendation', 0)} recommendations, "
                      f"{c.get('Action', 0)} actions, {c.get('Learning', 0)} learning items, "
                      f"{c.get('Agency', 0)} agencies")
        if results and not any(r.ok for r in results):
            raise typer.Exit(code=2)

    @app.command()
    def stats(db: Path | None = DB_OPTION) -> None:
        """Counts of every node kind and relationship type in the store."""
        store = open_store(db)
        counts = store.graph().counts()
        table = Table(title=f"Store {store.path}")
        table.add_column("kind or relationship")
        table.add_column("count", justify="right")
        for k, v in sorted(counts.items()):
            table.add_row(k, str(v))
        console.print(table)


COMMAND = Command("ingest", register)
