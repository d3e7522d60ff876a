"""``reviewgraph push sparql | neo4j``: load the store's graph into a server."""

from __future__ import annotations

from pathlib import Path

import typer

from reviewgraph.app.commands import Command
from reviewgraph.app.commands.common import DB_OPTION, open_store

push_app = typer.Typer(no_args_is_help=True, help="Load the graph into a SPARQL endpoint or Neo4j.")


@push_app.command("sparql")
def sparql(endpoint: str = typer.Option(..., "--endpoint", help="Graph Store URL, or a server address such "
                                        "as http://127.0.0.1:7878 (Oxigraph's layout: /store, /query)."),
           graph_iri: str = typer.Option(None, "--graph", help="Named graph IRI (default: the default graph)."),
           loader: str = typer.Option("auto", "--loader", help="How the server stores the triples: "
                                      "auto (ask the server: Oxigraph bulk-loads, others get the plain "
                                      "Graph Store PUT), oxigraph-bulk or graph-store."),
           db: Path | None = DB_OPTION) -> None:
    """Replace the endpoint's graph with the store's triples (SPARQL 1.1 Graph Store protocol, PUT)."""
    from reviewgraph.graph.sinks.sparql_endpoint import LOADERS, choose_loader, graph_store_target, push

    if loader not in LOADERS:
        raise typer.BadParameter(f"--loader must be one of {', '.join(LOADERS)}, not {loader!r}")
    graph = open_store(db).graph()
    chosen, said = choose_loader(endpoint, loader, graph_iri)
    sent = push(endpoint, graph, graph_iri, loader=chosen)
    how = "bulk load" if chosen == "oxigraph-bulk" else "Graph Store PUT"
    server = f", server: {said}" if said else ""
    typer.echo(f"pushed {sent} triples to {graph_store_target(endpoint, graph_iri)} ({how}{server})")


@push_app.command("neo4j")
def neo4j(uri: str = typer.Option(..., "--uri", envvar="REVIEWGRAPH_NEO4J_URI", help="e.g. bolt://localhost:7687"),
          user: str = typer.Option("neo4j", "--user", envvar="REVIEWGRAPH_NEO4J_USER"),
          password: str = typer.Option(None, "--password", envvar="REVIEWGRAPH_NEO4J_PASSWORD",
                                       help="(or REVIEWGRAPH_NEO4J_PASSWORD)"),
          database: str = typer.Option(None, "--database", envvar="REVIEWGRAPH_NEO4J_DATABASE"),
          batch: int = typer.Option(1000, "--batch", min=1, help="Rows per UNWIND batch."),
          prune: bool = typer.Option(False, "--prune", help="Also delete nodes the store no longer has."),
          db: Path | None = DB_OPTION) -> None:
    """Create the id constraints, then MERGE every node and relationship in batches (idempotent)."""
    from reviewgraph.graph.sinks.neo4j_push import connect, push

    driver = connect(neo4j_uri=uri, neo4j_user=user, neo4j_password=password)
    try:
        sent = push(driver, open_store(db).graph(), database=database, batch=batch, prune=prune)
    finally:
        driver.close()
    typer.echo(f"pushed {sent['nodes']} nodes and {sent['relationships']} relationships to {uri}")


def register(app: typer.Typer) -> None:
    app.add_typer(push_app, name="push")


COMMAND = Command("push", register)
