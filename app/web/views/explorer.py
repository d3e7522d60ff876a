"""Network explorer: the graph as a network, filtered; click a node for its details and its source."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from app.web.common import download_buttons, filtered_view, graph_or_stop, md
from app.web.network_component import network_chart
from graph.network import KIND_COLOURS, node_details
from graph.view import ALL_KINDS, DEFAULT_KINDS, ViewFilter, facets

st.title("Network explorer")
graph = graph_or_stop()
f = facets(graph)
labels = dict(f["reviews"]) | dict(f["agencies"]) | dict(f["themes"])


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


# a link can open a view: ?kinds=Review,Agency&review=<id>&agency=<id>&theme=<id>&q=<text>
_LINKED = {"ex_kinds": ("kinds", f["kinds"]), "ex_reviews": ("review", [r for r, _ in f["reviews"]]),
           "ex_agencies": ("agency", [a for a, _ in f["agencies"]]), "ex_themes": ("theme", [t for t, _ in f["themes"]])}
if not st.session_state.get("ex_linked"):
    st.session_state["ex_linked"] = True
    for key, (param, allowed) in _LINKED.items():
        wanted = [v for v in st.query_params.get_all(param) for v in v.split(",") if v in allowed]
        if wanted:
            st.session_state[key] = wanted
    if st.query_params.get("q"):
        st.session_state["ex_text"] = st.query_params["q"][:200]

with st.sidebar:
    st.header("Filters")
    text = st.text_input("Search text", key="ex_text", placeholder="e.g. MARAC, Probation, 17.3")
    if "ex_kinds" not in st.session_state:
        st.session_state["ex_kinds"] = [k for k in DEFAULT_KINDS if k in f["kinds"]]
    kinds = st.multiselect("Node kinds", [k for k in ALL_KINDS if k in f["kinds"]], key="ex_kinds")
    reviews = st.multiselect("Review", [r for r, _ in f["reviews"]], format_func=labels.get, key="ex_reviews")
    areas = st.multiselect("Area", f["areas"], key="ex_areas")
    agencies = st.multiselect("Agency", [a for a, _ in f["agencies"]], format_func=labels.get, key="ex_agencies")
    themes = st.multiselect("Theme", [t for t, _ in f["themes"]], format_func=labels.get, key="ex_themes")
    statuses = st.multiselect("Action status", f["statuses"], key="ex_statuses")
    lo, hi = _date(f["date_min"]), _date(f["date_max"])
    date_from = date_to = None
    if lo and hi and lo < hi:
        use_dates = st.checkbox("Only actions with a target date between", key="ex_use_dates")
        if use_dates:
            picked = st.date_input("Target dates", value=(lo, hi), min_value=lo, max_value=hi, key="ex_dates")
            if isinstance(picked, (tuple, list)) and len(picked) == 2:
                date_from, date_to = picked[0].isoformat(), picked[1].isoformat()

view_filter = ViewFilter(reviews=tuple(reviews), areas=tuple(areas), agencies=tuple(agencies),
                         themes=tuple(themes), statuses=tuple(statuses), date_from=date_from, date_to=date_to,
                         kinds=tuple(kinds), text=text.strip(), drop_isolated=True)
sub, view = filtered_view(view_filter)

st.caption(f"Showing {len(view.nodes)} nodes and {len(view.edges)} links "
           f"(of {len(graph)} nodes in the store). Filter: {md(view_filter.describe())}. "
           "Hover a node for its text; click it for details and source; scroll to zoom, drag to pan.")
if view.aggregated:
    st.warning(view.note)
if not view.nodes:
    st.info("Nothing matches these filters. Widen them in the sidebar.")
else:
    st.markdown(" ".join(
        f"<span style='display:inline-block;width:11px;height:11px;border-radius:50%;background:{KIND_COLOURS[k]};"
        f"margin:0 4px 0 10px'></span>{md(k)}" for k in view.kinds), unsafe_allow_html=True)
    clicked = network_chart(view, key="ex_network", height=620, selected=st.session_state.get("ex_pick"))
    ids = [n["id"] for n in view.nodes]
    if clicked and clicked != st.session_state.get("ex_last_click"):
        st.session_state["ex_last_click"] = clicked
        if clicked in ids:
            st.session_state["ex_pick"] = clicked
    if st.session_state.get("ex_pick") not in ids:
        st.session_state.pop("ex_pick", None)
    node_names = {n["id"]: f"{n['kind']}: {n['label']}" for n in view.nodes}
    pick = st.selectbox("Details of", ids, index=None, format_func=node_names.get, key="ex_pick",
                        placeholder="Click a node, or choose one here")
    if pick:
        node = graph.nodes[pick]
        details = node_details(node, graph)
        with st.container(border=True, key="ex_details"):
            st.subheader(f"{node.KIND}: {md(node.caption())}")
            body = getattr(node, "text", None) or getattr(node, "definition", None)
            if body:
                st.markdown("> " + md(body))
            doc = graph.nodes.get(node.doc)
            where = getattr(doc, "file_name", None)
            if where:
                st.markdown(f"**Source:** {md(where)} ({md(doc.caption())}), "
                            f"lines {node.line_start}–{node.line_end}"
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
            rows = [{"field": k, "value": v} for k, v in details.items() if k not in ("kind",)]
            st.dataframe(rows, hide_index=True, width="stretch")
            links = []
            for src, t, dst in graph.edges:  # one pass over the edges
                if src == pick:
                    links.append((t, dst, "→"))
                if dst == pick:
                    links.append((t, src, "←"))
            if links:
                st.caption("Links")
                st.dataframe([{"direction": d, "relationship": t, "node": graph.nodes[o].caption(),
                               "kind": graph.nodes[o].KIND} for t, o, d in sorted(links)],
                             hide_index=True, width="stretch")

with st.expander("Download this view", expanded=False):
    st.caption("Every format exports the filtered view (all its nodes, even when the drawing aggregates). "
               "CSV is a zip of nodes.csv and edges.csv.")
    download_buttons(sub, "reviewgraph-view", key="ex_dl")
