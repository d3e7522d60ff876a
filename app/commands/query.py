"""``reviewgraph query list | show | run``: saved and ad-hoc Cypher and SPARQL, read-only.

An ad-hoc query (``--file``) runs in a confined child process with a time, memory and row limit
(:mod:`reviewgraph.queries.sandbox`); saved queries run in process.
"""

from __future__ import annotations

from pathlib import Path

import typer

from reviewgraph.app.commands import Command
from reviewgraph.app.commands.common import DB_OPTION, open_store
from reviewgraph.graph.store import GRAPH, Store
from reviewgraph.queries.engines import ENGINES, make_engine
from reviewgraph.queries.output import FORMATS, render
from reviewgraph.queries.sandbox import ENV_MEMORY, ENV_ROWS, ENV_TIMEOUT, Limits, run_limited
from reviewgraph.queries.saved import LANGUAGES, QueryError, SavedQuery, find, load_file, saved_queries

__all__ = ["COMMAND", "register", "run_query"]

query_app = typer.Typer(no_args_is_help=True, help="List, show and run saved Cypher and SPARQL queries.")


def _parse_params(pairs: list[str]) -> dict[str, str]:
    out = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise typer.BadParameter(f"--param takes KEY=VALUE, not {pair!r}")
        out[key.strip()] = value
    return out


def run_query(query: SavedQuery, engine: str, store: Store, params: dict[str, str],
              limits: Limits | None = None, **options: object):
    """Run a saved or ad-hoc query on ``engine``: parameters typed by its header, read-only checked; with
    ``limits``, in a confined child process within them (ad-hoc queries)."""
    if ENGINES[engine].language != query.language:
        raise QueryError(f"{query.name} is {query.language}; engine {engine!r} runs "
                         f"{ENGINES[engine].language} (use --engine {_default_engine(query.language)})")
    typed = query.coerce(params)
    if limits is not None:
        return run_limited(engine, store.path, query.text, typed, limits, **options)
    with make_engine(engine, store, **options) as opened:
        return opened.run(query.text, typed)


def _default_engine(language: str) -> str:
    return "cypher" if language == "cypher" else "sparql"


@query_app.command("list")
def list_queries() -> None:
    """List the saved queries: name, languages and title."""
    by_name: dict[str, dict[str, SavedQuery]] = {}
    for q in saved_queries():
        by_name.setdefault(q.name, {})[q.language] = q
    width = max(len(n) for n in by_name)
    for name in sorted(by_name):
        langs = ",".join(sorted(by_name[name]))
        title = next(iter(by_name[name].values())).title
        typer.echo(f"{name.ljust(width)}  {langs.ljust(13)}  {title}")


@query_app.command("show")
def show(name: str = typer.Argument(..., help="Saved query name (see `query list`)."),
         language: str = typer.Option(None, "--language", "-l", help="cypher or sparql (default: both).")
         ) -> None:
    """Show a saved query: title, description, parameters and text."""
    langs = [language] if language else sorted(LANGUAGES)
    shown = 0
    for lang in langs:
        try:
            q = find(name, lang)
        except QueryError:
            if language:
                raise
            continue
        shown += 1
        typer.echo(f"# {q.name} ({q.language}, {q.path})\n{q.title}\n{q.description}")
        for p in q.params:
            default = "required" if p.default is None else f"default {p.default!r}"
            typer.echo(f"  --param {p.name}=<{p.type}>  ({default}) {p.description}")
        typer.echo("\n" + q.text.rstrip() + "\n")
    if not shown:
        raise QueryError(f"no saved query {name!r}; see `reviewgraph query list`")


@query_app.command("run")
def run(name: str = typer.Argument(None, help="Saved query name (or use --file)."),
        file: Path = typer.Option(None, "--file", "-f", exists=True, dir_okay=False,
                                  help="Run an ad-hoc query from a .cypher or .rq file."),
        engine: str = typer.Option(None, "--engine", "-e",
                                   help=f"One of {', '.join(ENGINES)} (default: cypher for Cypher, sparql "
                                        "for SPARQL)."),
        param: list[str] = typer.Option([], "--param", "-p", help="KEY=VALUE, repeatable."),
        fmt: str = typer.Option("table", "--format", help=f"One of {', '.join(FORMATS)}."),
        db: Path = DB_OPTION,
        memory: bool = typer.Option(False, "--memory", help="Build the embedded store in memory for this run."),
        endpoint: str = typer.Option(None, "--endpoint", help="SPARQL endpoint URL for --engine endpoint."),
        neo4j_uri: str = typer.Option(None, "--neo4j-uri", envvar="REVIEWGRAPH_NEO4J_URI"),
        neo4j_user: str = typer.Option("neo4j", "--neo4j-user", envvar="REVIEWGRAPH_NEO4J_USER"),
        neo4j_password: str = typer.Option(None, "--neo4j-password", envvar="REVIEWGRAPH_NEO4J_PASSWORD"),
        neo4j_database: str = typer.Option(None, "--neo4j-database", envvar="REVIEWGRAPH_NEO4J_DATABASE"),
        timeout: float = typer.Option(None, "--timeout", envvar=ENV_TIMEOUT,
                                      help="Seconds an ad-hoc query (--file) may run (default 30)."),
        max_memory: int = typer.Option(None, "--max-memory", envvar=ENV_MEMORY,
                                       help="MB of memory an ad-hoc query may use (default 2048)."),
        max_rows: int = typer.Option(None, "--max-rows", envvar=ENV_ROWS,
                                     help="Rows an ad-hoc query may return; the rest is cut (default 10000)."),
        ) -> None:
    """Run a saved query (or --file) on an engine and print the rows.

    An ad-hoc query runs in a child process that can read only the engine's files and open no network
    connection, stopped after --timeout seconds or --max-memory MB, its rows cut at --max-rows.
    """
    if fmt not in FORMATS:
        raise typer.BadParameter(f"--format must be one of {', '.join(FORMATS)}")
    if engine is not None and engine not in ENGINES:
        raise typer.BadParameter(f"--engine must be one of {', '.join(ENGINES)}")
    if (name is None) == (file is None):
        raise typer.BadParameter("give a saved query name or --file FILE (one of them)")
    limits = None
    if file is not None:
        try:
            limits = Limits.from_env(timeout, max_memory, max_rows)
        except ValueError as exc:
            raise typer.BadParameter(str(exc)) from None
        query = load_file(file)
    else:
        language = ENGINES[engine].language if engine else None
        if language is None:
            names = {q.name for q in saved_queries("cypher")}
            language = "cypher" if name in names else "sparql"
        query = find(name, language)
    engine = engine or _default_engine(query.language)
    params = _parse_params(param)
    query.coerce(params)  # a bad parameter is reported before the store is touched
    store = open_store(db)
    if engine in ("cypher", "sparql", "rdflib") and not (store.path / GRAPH).exists() and store.is_empty():
        raise QueryError(f"the store at {store.path} is empty: ingest documents first "
                         f"(reviewgraph ingest FILES --db {store.path})")
    result = run_query(query, engine, store, params, limits, memory=memory, endpoint=endpoint,
                       neo4j_uri=neo4j_uri, neo4j_user=neo4j_user, neo4j_password=neo4j_password,
                       neo4j_database=neo4j_database)
    typer.echo(render(result, fmt), nl=False)
    if result.cut_at is not None:
        typer.echo(f"reviewgraph: warning: results cut at {result.cut_at:,} rows (--max-rows or {ENV_ROWS} "
                   "to change)", err=True)


def register(app: typer.Typer) -> None:
    app.add_typer(query_app, name="query")


COMMAND = Command("query", register)
