"""What every page shares: the store, the cached graph, the empty state, safe text.

Pages stay thin: they read the graph through :func:`graph_or_stop` and call ``graph/`` and ``queries/``.
Nothing here touches the store at import time.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import streamlit as st

from reviewgraph.graph.graphdata import ReviewGraph
from reviewgraph.graph.store import Store, default_db_path

__all__ = [
    "STATE_COLOURS",
    "STATUS_COLOURS",
    "as_of_input",
    "columns",
    "download_buttons",
    "export_bytes",
    "filtered_view",
    "graph_or_stop",
    "load_graph",
    "md",
    "node_label",
    "query_store_path",
    "redact_value",
    "redaction",
    "store_path",
]

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~:$])")


def store_path() -> Path:
    """The store the app shows: the demo store once this session opened the demo (:func:`empty_state`),
    else ``--db`` (passed on as ``REVIEWGRAPH_DB``) or the default."""
    try:
        chosen = st.session_state.get("rg_demo_store")
    except Exception:  # noqa: BLE001 - outside a Streamlit session (a test, a script): no session store
        chosen = None
    return Path(chosen or os.environ.get("REVIEWGRAPH_DB") or default_db_path())


def documents_store_path() -> Path:
    """The store documents are read into: the one the app was started on, never the demo's."""
    return Path(os.environ.get("REVIEWGRAPH_DB") or default_db_path())


def _open_demo() -> None:
    """Fill the demo's own store (never the one the app was started on) and show it in this session."""
    from reviewgraph.app.commands.webapp import demo_store_path, ensure_demo

    target = Store(os.environ.get("REVIEWGRAPH_DEMO_DB") or demo_store_path())
    try:
        ensure_demo(target)
    except ValueError as exc:
        st.session_state["rg_demo_error"] = str(exc)
        return
    st.session_state["rg_demo_store"] = str(target.path)


#: what the store said while its cached graph was read (a graph.json rebuilt, a store answering from memory)
_NOTICES: dict[str, list[str]] = {}


@st.cache_resource(show_spinner=False, max_entries=4)
def _graph_cached(path: str, mtime: float, redact: bool = False, extra: tuple[str, ...] = ()) -> ReviewGraph:
    store = Store(path)
    graph = store.graph()
    _NOTICES[path] = store.notices
    if redact:
        from reviewgraph.graph.redact import names_for, redact_graph

        graph = redact_graph(graph, names_for(graph, extra))
    return graph


def redaction() -> tuple[bool, tuple[str, ...]]:
    """``(on, extra names)``: on when ``reviewgraph app --redact`` forced it or the sidebar switch is on; the
    names are the reviews' pseudonyms plus those in ``REVIEWGRAPH_REDACT_NAMES`` (a file, one a line)."""
    forced = os.environ.get("REVIEWGRAPH_REDACT") == "1"
    on = forced or bool(st.session_state.get("rg_redact", False))
    extra: tuple[str, ...] = ()
    names_file = os.environ.get("REVIEWGRAPH_REDACT_NAMES")
    if on and names_file:
        from reviewgraph.graph.redact import read_names

        extra = tuple(read_names(names_file))
    return on, extra


def redaction_forced() -> bool:
    return os.environ.get("REVIEWGRAPH_REDACT") == "1"


@st.cache_resource(show_spinner=False, max_entries=4)
def _redactor_cached(path: str, mtime: float, extra: tuple[str, ...]) -> Any:
    from reviewgraph.graph.redact import Redactor, graph_text, names_for

    graph = Store(path).graph()
    return Redactor(names_for(graph, extra), corpus=graph_text(graph))


def redact_value(value: Any) -> Any:
    """A value shown from outside the graph with the listed names removed when redaction is on (a second
    guard: with redaction on, queries already run on the redacted store, see :func:`query_store_path`)."""
    on, extra = redaction()
    if not on or not isinstance(value, str):
        return value
    store = Store(store_path())
    return _redactor_cached(str(store.path), store.graph_mtime(), extra).sub(value)


@st.cache_resource(show_spinner=False, max_entries=4)
def _redacted_store_cached(path: str, mtime: float, extra: tuple[str, ...]) -> str:
    from reviewgraph.graph.redact import redacted_store

    return str(redacted_store(Store(path), extra))


#: engines whose data is not the store's (a Neo4j server, a SPARQL endpoint): never redacted
_REMOTE_ENGINES = ("neo4j", "endpoint")


def query_store_path(engine: str = "cypher") -> Path:
    """The store a query runs on: the app's store, or, with redaction on, a store holding only the redacted
    graph (:func:`reviewgraph.graph.redact.redacted_store`), so nothing a query computes from a name (``replace``,
    ``reverse``, ``LCASE``...) can bring it back. With redaction on, an engine holding data of its own (Neo4j,
    a SPARQL endpoint) is refused."""
    on, extra = redaction()
    store = Store(store_path())
    if not on:
        return store.path
    if engine in _REMOTE_ENGINES:
        raise ValueError("redaction is on, and this engine's server holds the names unredacted: use the "
                         "embedded Cypher or SPARQL engine")
    return Path(_redacted_store_cached(str(store.path), store.graph_mtime(), extra))


def load_graph() -> ReviewGraph:
    """The store's graph (redacted when redaction is on), read once per change of ``graph.json``."""
    store = Store(store_path())
    on, extra = redaction()
    return _graph_cached(str(store.path), store.graph_mtime(), on, extra)


def empty_state() -> None:
    """What an empty store shows: read documents, or open the demo (in a store of its own). Nothing is
    written to the store the app was started on."""
    st.info(
        "The store is empty: there is nothing to show yet.\n\n"
        "Read your documents on the **Ingest** page, or from a terminal:\n\n"
        "```\nreviewgraph ingest path/to/documents/\n```\n\n"
        f"The app reads the store in `{store_path()}` (choose another with `reviewgraph app --db DIR`)."
    )
    left, right = st.columns(2)
    left.page_link("views/ingest.py", label="Read documents", icon=":material/upload_file:")
    right.button("Open the demo (five invented reviews, in a store of their own)", key="rg_open_demo",
                 on_click=_open_demo, icon=":material/play_circle:")
    if st.session_state.get("rg_demo_error"):
        st.error(md(st.session_state.pop("rg_demo_error")))


def graph_or_stop() -> ReviewGraph:
    """The graph; on an empty store, the empty-state message and stop (no page renders on nothing)."""
    try:
        graph = load_graph()
    except Exception as exc:  # noqa: BLE001 - a damaged store: say so in place, never a traceback
        st.error(f"The store in `{store_path()}` could not be read: {md(str(exc))}")
        st.stop()
    for notice in _NOTICES.get(str(store_path()), ()):
        st.warning(md(notice))
    if not len(graph):
        empty_state()
        st.stop()
    return graph


def pick_node(graph: ReviewGraph, facet: str, label: str, key: str, empty: str) -> str:
    """A select box of the graph's reviews, agencies, ... (a facet of :func:`reviewgraph.graph.view.facets`), preset
    from the page link's ``?id=``; stops the page with ``empty`` when there is nothing to choose."""
    from reviewgraph.graph.view import facets

    options = facets(graph)[facet]
    if not options:
        st.info(empty)
        st.stop()
    names = dict(options)
    if st.query_params.get("id") in names and key not in st.session_state:
        st.session_state[key] = st.query_params["id"]
    return st.selectbox(label, list(names), format_func=names.get, key=key)


def md(text: Any) -> str:
    """Document text made safe for ``st.markdown``: Markdown syntax neutralised, then ``&``, ``<`` and ``>``
    written as entities (so no tag can form even where HTML is allowed). The one escape for any text from a
    document, a file name or an error in every message: ``st.error``, ``st.warning``, ``st.info``,
    ``st.success``, ``st.caption``, ``st.markdown``, and labels (expanders, page links), which Streamlit
    renders as Markdown too (links, images, ``:red[...]`` and ``:material/...:`` directives, LaTeX ``$``).

    >>> print(md("**bold** [x](javascript:alert(1)) :red[alarm] $x$ <b>"))
    \\*\\*bold\\*\\* \\[x\\]\\(javascript\\:alert\\(1\\)\\) \\:red\\[alarm\\] \\$x\\$ &lt;b&gt;
    """
    out = _MD_SPECIAL.sub(r"\\\1", str(text).replace("\n", " "))
    return out.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def node_label(graph: ReviewGraph, node_id: str) -> str:
    node = graph.nodes.get(node_id)
    return node.caption() if node is not None else node_id


#: colours of the statuses and of the overdue / open / complete states, in words (graph.labels)
STATUS_COLOURS: dict[str, str] = {"complete": "#27ae60", "in progress": "#f39c12", "not started": "#c0392b",
                                  "no status recorded": "#95a5a6"}
STATE_COLOURS: dict[str, str] = {"overdue": "#c0392b", "open": "#f39c12", "complete": "#27ae60"}


def as_of_input(key: str, label: str = "As of", container: Any = None) -> str:
    """A date picker (default today) giving an ISO date."""
    import datetime as dt

    return (container or st).date_input(label, value=dt.date.today(), key=key).isoformat()


def columns(**widths: str | int) -> dict[str, Any]:
    """``column_config`` giving each named column a width ("small", "medium", "large" or pixels), so the
    key columns of a table stay on screen at 1366 px."""
    return {name: st.column_config.Column(width=w) for name, w in widths.items()}


# -- views and downloads ---------------------------------------------------------------------------------
#: file extension and MIME type of each export format (the rest default to .<format>, octet-stream)
EXPORT_FILES: dict[str, tuple[str, str]] = {
    "html": ("html", "text/html"), "png": ("png", "image/png"), "svg": ("svg", "image/svg+xml"),
    "graphml": ("graphml", "application/xml"), "gexf": ("gexf", "application/xml"),
    "cytoscape": ("cyjs", "application/json"), "csv": ("zip", "application/zip"),
    "json": ("json", "application/json"), "ttl": ("ttl", "text/turtle"), "nt": ("nt", "application/n-triples"),
    "jsonld": ("jsonld", "application/ld+json"),
}


@st.cache_resource(show_spinner=False, max_entries=32)
def _view_cached(path: str, mtime: float, redact: bool, extra: tuple[str, ...], view: Any,
                 max_nodes: int) -> tuple[ReviewGraph, Any]:
    from reviewgraph.graph.network import build_network
    from reviewgraph.graph.view import filter_graph

    whole = _graph_cached(path, mtime, redact, extra)
    sub = filter_graph(whole, view)
    return sub, build_network(sub, max_nodes=max_nodes, context=whole)


def filtered_view(view: Any, max_nodes: int | None = None) -> tuple[ReviewGraph, Any]:
    """``(sub-graph, NetworkView)`` for a :class:`reviewgraph.graph.view.ViewFilter`, cached per store version."""
    from reviewgraph.graph.network import MAX_NODES

    if max_nodes is None:  # REVIEWGRAPH_MAX_NODES lowers (or, for strong machines, raises) the limit
        try:
            max_nodes = max(10, min(int(os.environ.get("REVIEWGRAPH_MAX_NODES", MAX_NODES)), 3000))
        except ValueError:
            max_nodes = MAX_NODES
    store = Store(store_path())
    on, extra = redaction()
    return _view_cached(str(store.path), store.graph_mtime(), on, extra, view, max_nodes or MAX_NODES)


def export_bytes(graph: ReviewGraph, fmt: str) -> bytes:
    """The bytes of ``graph`` exported as ``fmt`` (written to a private temporary file and read back)."""
    import tempfile

    from reviewgraph.graph.exports import export

    with tempfile.TemporaryDirectory(prefix="reviewgraph-export-") as tmp:
        out = Path(tmp) / f"view.{EXPORT_FILES.get(fmt, (fmt, ''))[0]}"
        export(graph, fmt, out)
        return out.read_bytes()


def download_buttons(graph: ReviewGraph, stem: str, key: str) -> None:
    """A download button for every export format, each saying what the format is for
    (:data:`reviewgraph.graph.labels.EXPORT_FORMATS`) and exporting ``graph`` only when clicked."""
    from reviewgraph.graph.exports import exporters
    from reviewgraph.graph.labels import EXPORT_FORMATS, export_label

    known = exporters()
    formats = [f for f in EXPORT_FORMATS if f in known] + sorted(set(known) - set(EXPORT_FORMATS))
    cols = st.columns(3)
    for i, fmt in enumerate(formats):
        ext, mime = EXPORT_FILES.get(fmt, (fmt, "application/octet-stream"))
        label, helps = export_label(fmt)
        cols[i % len(cols)].download_button(
            label, data=lambda f=fmt: export_bytes(graph, f), help=helps,
            file_name=f"{stem}.{ext}", mime=mime, key=f"{key}_{fmt}", on_click="ignore", width="stretch")
