"""``reviewgraph serve sparql``: the Oxigraph SPARQL server over the store, on a loopback address."""

from __future__ import annotations

import signal
from pathlib import Path

import typer

from reviewgraph.app.commands import Command
from reviewgraph.app.commands.common import DB_OPTION, open_store
from reviewgraph.queries.sandbox import ENV_TIMEOUT, Limits

serve_app = typer.Typer(no_args_is_help=True, help="Serve the store to other programs.")


@serve_app.command("sparql")
def sparql(db: Path | None = DB_OPTION,
           host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (loopback by default)."),
           port: int = typer.Option(7878, "--port", help="Port to listen on (0: any free port)."),
           timeout: float = typer.Option(None, "--timeout", envvar=ENV_TIMEOUT,
                                         help="Seconds each query may run (default 30)."),
           ) -> None:
    """Start the Oxigraph SPARQL server (read-only) over the store's graph until interrupted.

    Queries go to http://HOST:PORT/query (SPARQL 1.1 protocol); the server also offers Oxigraph's web
    query editor at http://HOST:PORT/. Restart it after an ingest to serve the new graph. Each query is
    stopped after --timeout seconds; on Linux the server runs confined (it reads only its store, writes
    nothing and opens no connection, so a federated SERVICE query reaches nowhere).
    """
    from reviewgraph.graph.sinks.derived import fresh_dir
    from reviewgraph.graph.sinks.oxigraph_store import VERSION, build_dir
    from reviewgraph.graph.sinks.sparql_endpoint import free_port, start_server

    def _stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    try:
        limits = Limits.from_env(seconds=timeout)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None
    signal.signal(signal.SIGTERM, _stop)  # before the server starts: a TERM must stop it too
    store = open_store(db)
    location = fresh_dir(store, "oxigraph-serve", VERSION, build_dir)
    proc, url = start_server(location, host=host, port=port or free_port(host), read_only=True,
                             timeout_s=limits.seconds, confined=True)
    typer.echo(f"SPARQL endpoint: {url}/query  (store {store.path}; Ctrl-C stops it)")
    from reviewgraph.queries.confine import landlock_abi

    if landlock_abi() < 4:
        typer.echo("reviewgraph: warning: this system cannot confine the server (Linux Landlock with TCP rules, "
                   "kernel 6.7+): a federated SERVICE query could reach other machines; serve on a loopback "
                   "address only", err=True)
    try:
        proc.wait()
    except KeyboardInterrupt:
        pass
    finally:
        if proc.poll() is None:
            proc.terminate()
            proc.wait(10)


def register(app: typer.Typer) -> None:
    app.add_typer(serve_app, name="serve")


COMMAND = Command("serve", register)
