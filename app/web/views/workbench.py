"""Query workbench: saved Cypher and SPARQL queries with parameters, and ad-hoc read-only queries.

Queries run on the embedded engines (LadybugDB for Cypher, pyoxigraph for SPARQL), or on a Neo4j server or
SPARQL endpoint when one is configured (``REVIEWGRAPH_NEO4J_URI``, ``REVIEWGRAPH_SPARQL_ENDPOINT``). Every
query is checked read-only first and its parameters are bound by the engine, never written into the text.
Ad-hoc queries run in a confined child process within the time, memory and row limits
(:mod:`reviewgraph.queries.sandbox`, set by ``REVIEWGRAPH_QUERY_TIMEOUT``, ``..._MEMORY_MB``, ``..._MAX_ROWS``).
"""

from __future__ import annotations

import datetime as dt
import os

import streamlit as st

from reviewgraph.app.web.common import graph_or_stop, md, query_store_path, redact_value
from reviewgraph.queries import engines, readonly, sandbox, saved
from reviewgraph.app.web.network_component import network_chart
from reviewgraph.graph.labels import one_sentence, param_label, prop_label, status_label
from reviewgraph.graph.network import build_network, node_label, review_names
from reviewgraph.graph.store import Store

st.title("Query workbench")
graph = graph_or_stop()

ENGINE_NAMES = {"cypher": "Cypher (graph queries, on this store)", "sparql": "SPARQL (RDF queries, on this store)"}
OPTIONS: dict[str, dict[str, str]] = {"cypher": {}, "sparql": {}}
if os.environ.get("REVIEWGRAPH_NEO4J_URI"):
    ENGINE_NAMES["neo4j"] = "Cypher on Neo4j (" + os.environ["REVIEWGRAPH_NEO4J_URI"] + ")"
    OPTIONS["neo4j"] = {k: v for k, v in {
        "neo4j_uri": os.environ["REVIEWGRAPH_NEO4J_URI"], "neo4j_user": os.environ.get("REVIEWGRAPH_NEO4J_USER"),
        "neo4j_password": os.environ.get("REVIEWGRAPH_NEO4J_PASSWORD"),
        "neo4j_database": os.environ.get("REVIEWGRAPH_NEO4J_DATABASE")}.items() if v is not None}
if os.environ.get("REVIEWGRAPH_SPARQL_ENDPOINT"):
    ENGINE_NAMES["endpoint"] = "SPARQL endpoint (" + os.environ["REVIEWGRAPH_SPARQL_ENDPOINT"] + ")"
    OPTIONS["endpoint"] = {"endpoint": os.environ["REVIEWGRAPH_SPARQL_ENDPOINT"]}


def _column(name: str) -> str:
    """A result column in words: ``review_id`` is "review", ``target_raw`` "target (as written)"."""
    base = name[: -len("_id")] if name.endswith("_id") else name
    return prop_label(base)


def in_words(records: list[dict], codes: bool) -> list[dict]:
    """The rows as a reader sees them: node ids as the names the other pages use ("DHR-4 17.3"), statuses in
    words, columns named in words (a column whose words another column already has keeps its own name).
    With ``codes`` (for analysts) the rows are as the engine returned them."""
    if codes or not records:
        return records
    names = review_names(graph)
    taken: set[str] = set()
    heads = {}
    for key in records[0]:
        words = _column(key)
        heads[key] = key if words in taken else words
        taken.add(heads[key])
    out = []
    for row in records:
        shown = {}
        for key, value in row.items():
            if isinstance(value, str) and value in graph.nodes:
                value = node_label(graph.nodes[value], names)
            elif key == "status" or key.endswith("_status"):
                value = status_label(value)
            elif isinstance(value, bool):
                value = "yes" if value else "no"
            shown[heads.get(key, key)] = value
        out.append(shown)
    # long text (an action's or a recommendation's words) last, so the short columns (target, status, lead)
    # are on screen at 1366 px
    long = {k for k in out[0] if sum(len(str(r.get(k) or "")) for r in out) > 60 * len(out)}
    return [{k: r[k] for k in sorted(r, key=lambda k: k in long)} for r in out]


def _run(engine: str, text: str, params: dict, adhoc: bool = False) -> None:
    """Run and show a query (an ad-hoc one in the sandbox, within its limits); every failure is one line."""
    try:
        readonly.check(text, engines.ENGINES[engine].language)
        with st.spinner("Running…"):
            if adhoc:
                result = sandbox.run_limited(engine, query_store_path(engine), text, params,
                                             sandbox.Limits.from_env(), **OPTIONS.get(engine, {}))
            else:  # with redaction on, the store holding only the redacted graph (app.web.common)
                result = engines.make_engine(engine, Store(query_store_path(engine)),
                                             **OPTIONS.get(engine, {})).run(text, params)
    except Exception as exc:  # noqa: BLE001 - the user sees the message, never a traceback
        st.error(f"The query did not run: {md(one_sentence(exc))}.")
        return
    records = [{k: redact_value(v) for k, v in row.items()} for row in result.records()]
    st.caption(f"{len(records)} rows")
    if result.cut_at is not None:
        st.warning(f"Results cut at {result.cut_at:,} rows (the limit is {sandbox.ENV_ROWS}).")
    # a saved query's rows in words unless an analyst asks for the codes; an ad-hoc query's as it returns them
    shown = records if adhoc else in_words(records, st.session_state.get("wb_codes", False))
    st.dataframe(shown, hide_index=True, width="stretch", key=f"wb_result_{engine}")
    ids = {v for row in result.rows for v in row if isinstance(v, str) and v in graph.nodes}
    if len(ids) >= 2:
        sub = graph.subgraph(ids)
        if sub.edges:
            st.caption(f"As a network: the {len(sub)} graph nodes named in the result and the links between them.")
            network_chart(build_network(sub, context=graph), key="wb_network", height=480)


tab_saved, tab_adhoc = st.tabs(["Saved queries", "Ad-hoc query"])
with tab_saved:
    engine = st.selectbox("Engine", list(ENGINE_NAMES), format_func=ENGINE_NAMES.get, key="wb_engine")
    language = engines.ENGINES[engine].language
    queries = {q.name: q for q in saved.saved_queries(language)}
    if not queries:
        st.info(f"No saved {language} queries.")
    else:
        # each query by the title its file gives, its parameters by graph.labels' words (the file's own
        # description of each is the field's help); the file names stay for analysts, in the expander below
        name = st.selectbox("Query", sorted(queries, key=lambda n: queries[n].title.lower()),
                            format_func=lambda n: queries[n].title, key="wb_query")
        q = queries[name]
        values: dict[str, object] = {}
        for p in q.params:
            label, help_ = param_label(p.name), (p.description[:1].upper() + p.description[1:]) or None
            wkey = f"wb_p_{name}_{p.name}"
            if p.type == "date":
                default = dt.date.today() if p.default in (None, "today") else dt.date.fromisoformat(p.default)
                values[p.name] = st.date_input(label, value=default, key=wkey, help=help_)
            elif p.type == "boolean":
                values[p.name] = st.checkbox(label, value=str(p.default).lower() == "true", key=wkey,
                                             help=help_)
            elif p.type == "integer":
                values[p.name] = st.number_input(label, value=int(p.default or 0), step=1, key=wkey, help=help_)
            elif p.type == "float":
                values[p.name] = st.number_input(label, value=float(p.default or 0), key=wkey, help=help_)
            else:
                values[p.name] = st.text_input(label, value=(p.default or "").strip('"'), key=wkey,
                                               help=help_)
        # the file's description names its parameters and the code it follows: an analyst's reading
        with st.expander("How this query works (for analysts)"):
            st.markdown(md(q.description))
            st.caption(f"Saved as {q.path}; on the command line: reviewgraph query run {name}")
            st.code(q.text, language="cypher" if language == "cypher" else "sparql")
            st.toggle("Show results as the query returns them (identifiers and codes)", key="wb_codes")
        if st.button("Run", key="wb_run", type="primary"):
            try:
                typed = q.coerce(values)
            except saved.QueryError as exc:
                st.error(md(one_sentence(exc)))
            else:
                _run(engine, q.text, typed)

with tab_adhoc:
    limits = sandbox.Limits.from_env()
    st.caption(f"Read-only: queries that would change the store, read files or reach the network are refused. "
               f"A query may run {limits.seconds:g} s, use {limits.memory_mb:,} MB and return "
               f"{limits.rows:,} rows.")
    engine2 = st.selectbox("Engine", list(ENGINE_NAMES), format_func=ENGINE_NAMES.get, key="wb_engine_adhoc")
    example = ("MATCH (r:Recommendation)-[:ADDRESSED_TO]->(a:Agency) RETURN a.name AS agency, count(r) AS recs "
               "ORDER BY recs DESC LIMIT 10") if engines.ENGINES[engine2].language == "cypher" else (
        "PREFIX rg: <https://w3id.org/reviewgraph/ontology#>\nSELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 10")
    text = st.text_area("Query", value=example, height=160, key=f"wb_text_{engine2}")
    if st.button("Run query", key="wb_run_adhoc"):
        _run(engine2, text, {}, adhoc=True)
