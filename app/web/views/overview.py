"""Overview: what is in the store, as charts."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from reviewgraph.app.web.common import STATUS_COLOURS, graph_or_stop, md
from reviewgraph.graph.labels import status_label
from reviewgraph.queries import browse, dataset

st.title("Overview")
graph = graph_or_stop()

c = browse.counts(graph)
cols = st.columns(6)
for col, (label, kind) in zip(cols, [("Reviews", "Review"), ("Documents", "Document"),
                                     ("Recommendations", "Recommendation"), ("Actions", "Action"),
                                     ("Agencies", "Agency"), ("Themes", "Theme")]):
    col.metric(label, c.get(kind, 0))

left, right = st.columns(2)
with left:
    st.subheader("Reviews by area and year")
    rows = browse.reviews_by_area_year(graph)
    if rows:
        chart = alt.Chart(pd.DataFrame(rows), height=280).mark_bar().encode(
            x=alt.X("year:N", title="Year", axis=alt.Axis(labelAngle=0)), y=alt.Y("reviews:Q", title="Reviews", axis=alt.Axis(tickMinStep=1)),
            color=alt.Color("area:N", title="Area"), tooltip=["area", "year", "reviews"])
        st.altair_chart(chart, width="stretch")
    else:
        st.caption("No reviews yet.")
with right:
    st.subheader("Recommendations by status")
    rows = [{**r, "status": status_label(r["status"])} for r in browse.recommendations_by_status(graph)]
    if rows:
        chart = alt.Chart(pd.DataFrame(rows), height=280).mark_arc(innerRadius=50).encode(
            theta="recommendations:Q",
            color=alt.Color("status:N", title="Status", scale=alt.Scale(domain=list(STATUS_COLOURS),
                                                                         range=list(STATUS_COLOURS.values()))),
            tooltip=[alt.Tooltip("status:N", title="Status"), alt.Tooltip("recommendations:Q")])
        st.altair_chart(chart, width="stretch")
        st.caption("A recommendation's status comes from its actions' status today (all complete, none started, or in "
                   "between), each action's as on the Gaps page: its latest update dated on or before today.")
    else:
        st.caption("No recommendations yet.")

left, right = st.columns(2)
with left:
    st.subheader("Top themes")
    rows = browse.top_themes(graph, 15)
    if rows:
        chart = alt.Chart(pd.DataFrame(rows)).mark_bar(color="#e67e22").encode(
            x=alt.X("items:Q", title="Recommendations, actions and learning"),
            y=alt.Y("label:N", sort="-x", title=None, axis=alt.Axis(labelLimit=260)), tooltip=[alt.Tooltip("label:N", title="Theme"), "reviews", "recommendations",
                     alt.Tooltip("items:Q", title="Items")])
        st.altair_chart(chart, width="stretch")
    else:
        st.caption("No themes tagged yet.")
with right:
    st.subheader("Agencies with most recommendations and actions")
    rows = browse.top_agencies(graph, 15)
    if rows:
        df = pd.DataFrame(rows).melt(id_vars=["name"], value_vars=["recommendations", "actions"],
                                     var_name="what", value_name="count")
        chart = alt.Chart(df).mark_bar().encode(
            x=alt.X("count:Q", title="Count", stack=True), y=alt.Y("name:N", sort="-x", title=None, axis=alt.Axis(labelLimit=260)),
            color=alt.Color("what:N", title=None), tooltip=[alt.Tooltip("name:N", title="Agency"), alt.Tooltip("what:N", title="Of"), "count"])
        st.altair_chart(chart, width="stretch")
    else:
        st.caption("No recommendations addressed to agencies yet.")

national = dataset.dataset_summary(graph)
if national:
    st.subheader("National picture: the Domestic Homicide Review Dataset")
    from reviewgraph.ingest.dhrd import ATTRIBUTION  # the licence's own words, link and all; anything else is escaped

    st.caption(ATTRIBUTION if national["attribution"] == ATTRIBUTION else md(national["attribution"]))
    a, b = st.columns(2)
    a.metric("Reviews in the dataset", national["reviews"])
    b.metric("Your reviews found in it", national["matched"])
    left, right = st.columns(2)
    with left:
        if national["tags"]:
            chart = alt.Chart(pd.DataFrame(national["tags"])).mark_bar(color="#8e44ad").encode(
                x=alt.X("reviews:Q", title="Reviews tagged"), y=alt.Y("tag:N", sort="-x", title=None),
                tooltip=["tag", "reviews"])
            st.altair_chart(chart, width="stretch")
        st.caption("Tags are the Home Office DHR Library's own: an untagged review is not tagged, not 'absent'.")
    with right:
        st.dataframe(pd.DataFrame(national["regions"]), hide_index=True, width="stretch")
    if national["own"]:
        st.dataframe(pd.DataFrame(national["own"]).rename(columns={"incident": "number in the dataset",
                                                                   "death_date": "date of death"}),
                     hide_index=True, width="stretch")
