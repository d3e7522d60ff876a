"""Network explorer: opens on a focused view (one review with its recommendations, owners and themes, or the
themes shared between reviews); a click on a node shows its details and adds its neighbours; or the whole
store narrowed by filters.

Everything chosen here is kept by node id (``ex_node``, ``ex_expanded``), never by label: labels can repeat
("17.3" of two reviews), ids cannot.
"""

from __future__ import annotations

import datetime as dt
import os

import streamlit as st

from reviewgraph.app.web.common import download_buttons, filtered_view, graph_or_stop, md
from reviewgraph.graph import labels as _labels
from reviewgraph.app.web.network_component import network_chart
from reviewgraph.graph.labels import node_fields, rel_label
from reviewgraph.graph.network import EXPLORER_MAX_NODES, KIND_COLOURS, build_network, node_details, node_label, review_names
from reviewgraph.graph.view import (ALL_KINDS, DEFAULT_KINDS, FOCUS_MAX, ViewFilter, action_links, facets, neighbours,
                        review_focus, shared_theme_links)

#: how many neighbours one click adds at most (the most linked first)
EXPAND_MAX = 40
#: a focused view stops growing at this many nodes (a click then adds nothing until the view is reset)
GROW_MAX = 300
MODES = {"review": "One review: its recommendations, owners and themes",
         "themes": "Themes shared between reviews",
         "filters": "The whole store, narrowed by filters"}

st.title("Network explorer")
graph = graph_or_stop()
f = facets(graph)
labels = dict(f["reviews"]) | dict(f["agencies"]) | dict(f["themes"])
short = review_names(graph)


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _kind_words(kind: str) -> str:
    return str(_labels.kind_label(kind)).capitalize()


def _limit() -> int:
    """The most nodes a filtered view draws as they are: ``REVIEWGRAPH_MAX_NODES`` (10 to 3000), else 150."""
    try:
        return max(10, min(int(os.environ.get("REVIEWGRAPH_MAX_NODES", EXPLORER_MAX_NODES)), 3000))
    except ValueError:
        return EXPLORER_MAX_NODES


def _full_name(node) -> str:
    """The picker's name of a node: a recommendation, action or learning item with its review ("DHR-4
    17.3"), anything else by its whole caption (the drawing shortens long names)."""
    if node.KIND in ("Recommendation", "Action", "Learning", "StatusUpdate"):
        return node_label(node, short)
    return node.caption()


def _reset() -> None:
    """A new starting point: nothing expanded, nothing chosen."""
    st.session_state["ex_expanded"] = []
    st.session_state.pop("ex_node", None)
    st.session_state.pop("ex_last_click", None)


# a link can open a filtered view: ?kinds=Review,Agency&review=<id>&agency=<id>&theme=<id>&q=<text>
_LINKED = {"ex_kinds": ("kinds", f["kinds"]), "ex_reviews": ("review", [r for r, _ in f["reviews"]]),
           "ex_agencies": ("agency", [a for a, _ in f["agencies"]]), "ex_themes": ("theme", [t for t, _ in f["themes"]])}
if not st.session_state.get("ex_linked"):
    st.session_state["ex_linked"] = True
    linked = False
    for key, (param, allowed) in _LINKED.items():
        wanted = [v for v in st.query_params.get_all(param) for v in v.split(",") if v in allowed]
        if wanted:
            st.session_state[key] = wanted
            linked = True
    if st.query_params.get("q"):
        st.session_state["ex_text"] = st.query_params["q"][:200]
        linked = True
    if linked:
        st.session_state["ex_mode"] = "filters"

review_ids = [r for r, _ in f["reviews"]]
if "ex_mode" not in st.session_state:
    st.session_state["ex_mode"] = "review" if review_ids else "filters"
if "ex_focus" not in st.session_state and review_ids:
    # the review with the most recommendations: the richest place to start
    made: dict[str, int] = {}
    for src, type_, _dst in graph.edges:
        if type_ == "MADE":
            made[src] = made.get(src, 0) + 1
    st.session_state["ex_focus"] = max(review_ids, key=lambda r: (made.get(r, 0), r))
st.session_state.setdefault("ex_expanded", [])

with st.sidebar:
    st.header("Start from")
    mode = st.radio("Start from", list(MODES), format_func=MODES.get, key="ex_mode", on_change=_reset,
                    label_visibility="collapsed")
    if mode == "review":
        focus = st.selectbox("Review", review_ids, format_func=lambda r: labels.get(r, r), key="ex_focus",
                             on_change=_reset)
    if "ex_kinds" not in st.session_state:
        st.session_state["ex_kinds"] = [k for k in DEFAULT_KINDS if k in f["kinds"]]
    kinds = st.multiselect("Show these kinds", [k for k in ALL_KINDS if k in f["kinds"]], key="ex_kinds",
                           format_func=_kind_words)
    text = ""
    date_from = date_to = None
    reviews = areas = agencies = themes = statuses = []
    if mode == "filters":
        st.header("Filters")
        text = st.text_input("Search text", key="ex_text", placeholder="e.g. MARAC, Probation, 17.3")
        reviews = st.multiselect("Review", review_ids, format_func=labels.get, key="ex_reviews")
        areas = st.multiselect("Area", f["areas"], key="ex_areas")
        agencies = st.multiselect("Agency", [a for a, _ in f["agencies"]], format_func=labels.get,
                                  key="ex_agencies")
        themes = st.multiselect("Theme", [t for t, _ in f["themes"]], format_func=labels.get, key="ex_themes")
        statuses = st.multiselect("Action status", f["statuses"], key="ex_statuses",
                                  format_func=lambda s: str(s).replace("_", " "))
        lo, hi = _date(f["date_min"]), _date(f["date_max"])
        if lo and hi and lo < hi:
            use_dates = st.checkbox("Only actions with a target date between", key="ex_use_dates")
            if use_dates:
                picked = st.date_input("Target dates", value=(lo, hi), min_value=lo, max_value=hi, key="ex_dates")
                if isinstance(picked, (tuple, list)) and len(picked) == 2:
                    date_from, date_to = picked[0].isoformat(), picked[1].isoformat()
    else:
        st.button("Reset the view", on_click=_reset, key="ex_reset",
                  help="Back to the starting view: the nodes added by clicks are taken away.")

expanded: list[str] = [n for n in st.session_state["ex_expanded"] if n in graph.nodes]
links: dict[tuple[str, str], int] = {}
if mode == "filters":
    view_filter = ViewFilter(reviews=tuple(reviews), areas=tuple(areas), agencies=tuple(agencies),
                             themes=tuple(themes), statuses=tuple(statuses), date_from=date_from, date_to=date_to,
                             kinds=tuple(kinds), text=text.strip(), drop_isolated=True)
    sub, view = filtered_view(view_filter, max_nodes=_limit())
    described = _labels.describe_filter(view_filter)
    where = f"Filters: {md(described)}."
else:
    if mode == "review":
        start = review_focus(graph, focus, limit=FOCUS_MAX)
        where = f"Review {md(labels.get(focus, focus))} with its recommendations, owners and themes."
    else:
        links = shared_theme_links(graph)
        start = {n for pair in links for n in pair}
        where = "Themes found in the recommendations of two or more reviews; a link counts the recommendations."
        if not links:
            st.info("No theme is shared by the recommendations of two reviews yet.")
    keep = set(start)
    for node in expanded:
        if len(keep) >= GROW_MAX:
            break
        keep.add(node)
        keep.update(neighbours(graph, node, tuple(kinds))[:EXPAND_MAX])
    keep = {n for n in keep if graph.nodes[n].KIND in kinds or n in expanded}
    sub = graph.subgraph(keep)
    links = {**action_links(graph, keep), **links}
    view = build_network(sub, max_nodes=GROW_MAX + EXPAND_MAX, context=graph, links=links)

st.caption(f"Showing {len(view.nodes)} nodes and {len(view.edges)} links (of {len(graph)} nodes in the store). {where} "
           "Click a node for its details and to add its neighbours; scroll to zoom, drag to pan.")
if view.aggregated:
    st.warning(view.note)
if not view.nodes:
    st.info("Nothing matches: choose another starting point, or widen the filters in the sidebar.")
else:
    ids = [n["id"] for n in view.nodes]
    # the legend is drawn in the network's frame (as text): a Markdown legend of coloured HTML dots made the
    # browser load and run Streamlit's HTML-in-Markdown parser, 0.2 to 0.6 s of every first drawing
    legend = [(_kind_words(k), KIND_COLOURS[k]) for k in view.kinds]
    clicked = network_chart(view, key="ex_network", height=620, selected=st.session_state.get("ex_node"),
                            legend=legend)
    if clicked and clicked != st.session_state.get("ex_last_click"):
        st.session_state["ex_last_click"] = clicked
        if clicked in ids:
            st.session_state["ex_node"] = clicked
            if mode != "filters" and clicked not in expanded:
                st.session_state["ex_expanded"] = [*expanded, clicked]
                st.rerun()  # draw the neighbours it brings
    if st.session_state.get("ex_node") not in ids:
        st.session_state.pop("ex_node", None)
    # the picker's names are unique (a node's label names its review, and the kind comes first); the choice
    # itself is kept by id in ex_node, so a rerun with other options can never swap one node for another
    names = {nid: f"{_kind_words(graph.nodes[nid].KIND)}: {_full_name(graph.nodes[nid])}" for nid in ids}
    seen: dict[str, int] = {}
    for nid in ids:  # two agencies of one name (read from two documents): numbered, never merged
        seen[names[nid]] = seen.get(names[nid], 0) + 1
        if seen[names[nid]] > 1:
            names[nid] = f"{names[nid]} ({seen[names[nid]]})"
    chosen = st.session_state.get("ex_node")
    st.session_state["ex_pick"] = chosen  # the widget shows the id kept above, whatever it held before

    def _picked() -> None:
        value = st.session_state.get("ex_pick")
        if value:
            st.session_state["ex_node"] = value
        else:
            st.session_state.pop("ex_node", None)

    pick = st.selectbox("Details of", ids, index=None, format_func=names.get, key="ex_pick", on_change=_picked,
                        placeholder="Click a node, or choose one here")
    pick = st.session_state.get("ex_node")
    if pick:
        node = graph.nodes[pick]
        details = node_details(node, graph)
        with st.container(border=True, key="ex_details"):
            st.subheader(f"{_kind_words(node.KIND)}: {md(node_label(node, short))}")
            st.caption(md(node.caption()))
            body = getattr(node, "text", None) or getattr(node, "definition", None)
            if body:
                st.markdown("> " + md(body))
            doc = graph.nodes.get(node.doc)
            where_from = getattr(doc, "file_name", None)
            if where_from:
                st.markdown(f"**Source:** {md(where_from)} ({md(doc.caption())}), "
                            + (f"line {node.line_start}" if node.line_end == node.line_start
                               else f"lines {node.line_start}–{node.line_end}")
                            + (f", page {node.page}" if node.page is not None else ""))
            else:
                st.markdown(f"**Source:** {md(details['source'])}")
            review_id = node.id if node.KIND == "Review" else getattr(node, "review", None)
            if review_id in graph.nodes:
                st.page_link("views/review.py",
                             label=f"Open the review: {md(graph.nodes[review_id].caption())}",
                             icon=":material/description:", query_params={"id": review_id})
            if node.KIND == "Agency":
                st.page_link("views/agency.py", label="Open the agency page", icon=":material/apartment:",
                             query_params={"id": node.id})
            if node.KIND == "Theme":
                st.page_link("views/themes.py", label="Open the theme page", icon=":material/category:",
                             query_params={"id": node.id})
            rows = [{"field": k, "value": v} for k, v in node_fields(node, graph) if k not in ("kind", "source")]
            st.dataframe(rows, hide_index=True, width="stretch")
            found = []
            for src, t, dst in graph.edges:  # one pass over the edges
                if src == pick:
                    found.append((t, dst, "→"))
                if dst == pick:
                    found.append((t, src, "←"))
            if found:
                st.caption("Links")
                st.dataframe([{"direction": d, "relationship": rel_label(t), "node": node_label(graph.nodes[o], short),
                               "kind": _kind_words(graph.nodes[o].KIND)} for t, o, d in sorted(found)],
                             hide_index=True, width="stretch")

# the buttons are made only once the box is opened (a rerun): eleven of them, made on every drawing, took
# the browser 0.2 to 0.5 s of the first one
downloads = st.expander("Download this view", expanded=False, key="ex_dl_open", on_change="rerun")
if downloads.open:
    with downloads:
        st.caption("Every format exports the nodes of this view (all of them, even when the drawing "
                   "aggregates). CSV is a zip of nodes.csv and edges.csv.")
        download_buttons(sub, "reviewgraph-view", key="ex_dl")
