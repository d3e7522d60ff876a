"""Themes: shared themes ranked; each opens its reviews, recommendations and owning agencies."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from reviewgraph.app.web.common import graph_or_stop, md
from reviewgraph.graph.labels import prop_label, value_label
from reviewgraph.queries import browse

st.title("Themes")
graph = graph_or_stop()
ranked = browse.themes_ranked(graph)
if not ranked:
    st.info("No recommendation, action or learning is tagged with a theme yet.")
    st.stop()

only_shared = st.toggle("Only themes shared by two or more reviews", key="th_shared")
rows = [r for r in ranked if r["reviews"] >= 2] if only_shared else ranked
st.caption(f"{len(rows)} themes, ranked by the number of reviews they appear in.")
if rows:
    chart = alt.Chart(pd.DataFrame(rows[:25])).mark_bar(color="#e67e22").encode(
        x=alt.X("reviews:Q", title="Reviews", axis=alt.Axis(tickMinStep=1)),
        y=alt.Y("label:N", sort="-x", title=None, axis=alt.Axis(labelLimit=260)), tooltip=["label", "reviews", "recommendations", "items"])
    st.altair_chart(chart, width="stretch")

labels = {r["theme"]: f"{r['label']} ({r['reviews']} reviews, {r['recommendations']} recommendations)"
          for r in rows}
if st.query_params.get("id") in labels and "th_pick" not in st.session_state:
    st.session_state["th_pick"] = st.query_params["id"]
pick = st.selectbox("Open a theme", list(labels), format_func=labels.get, index=None, key="th_pick",
                    placeholder="Choose a theme")
if pick:
    detail = browse.theme_detail(graph, pick)
    node = graph.nodes[pick]
    st.subheader(md(node.caption()))
    if getattr(node, "definition", None):
        st.caption(md(node.definition))
    left, right = st.columns(2)
    with left:
        st.markdown("**Reviews**")
        st.dataframe([{"review": r["review"], "recommendations": r["recommendations"]} for r in detail["reviews"]],
                     hide_index=True, width="stretch", key="th_reviews")
    with right:
        st.markdown("**Owning agencies**")
        st.dataframe([{"agency": a["agency"], "recommendations": a["recommendations"]} for a in detail["agencies"]],
                     hide_index=True, width="stretch", key="th_agencies")
    st.markdown("**Recommendations**")
    st.dataframe([{prop_label(k): value_label(k, v) for k, v in r.items() if k != "id"}
                  for r in detail["recommendations"]], hide_index=True, width="stretch", key="th_recs")
