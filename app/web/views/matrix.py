"""Themes x reviews: how many recommendations of each review are about each theme; a cell opens them."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from reviewgraph.app.web.common import columns, graph_or_stop, md
from reviewgraph.graph.labels import document_files, source_label
from reviewgraph.queries import boards
from reviewgraph.queries.index import GraphIndex

st.title("Themes across reviews")
graph = graph_or_stop()
idx = GraphIndex(graph)
shared = st.toggle("Only themes found in two or more reviews", value=True, key="mx_shared")
rows = boards.theme_review_matrix(idx, min_reviews=2 if shared else 1)
if not rows:
    st.info("No theme is shared by two or more reviews yet." if shared else
            "No recommendation is tagged with a theme yet.")
    st.stop()

frame = pd.DataFrame(rows)
themes = list(dict.fromkeys(frame["theme_label"]))  # most widely shared first
reviews = sorted(set(frame["review_title"]), key=str.lower)
st.caption(f"{len(themes)} themes in {len(reviews)} reviews. Each square counts the review's recommendations "
           "about the theme; click one to list them below.")
pick = alt.selection_point(fields=["theme", "review"], name="cell")
base = alt.Chart(frame).encode(
    x=alt.X("review_title:N", title=None, sort=reviews,
            axis=alt.Axis(orient="top", labelAngle=0 if len(reviews) <= 3 else -30, labelAlign="left",
                          labelLimit=170, labelOverlap=False)),
    y=alt.Y("theme_label:N", title=None, sort=themes, axis=alt.Axis(labelLimit=240, labelOverlap=False)))
heat = base.mark_rect(stroke="white").encode(
    color=alt.Color("recommendations:Q", title="Recommendations", scale=alt.Scale(scheme="oranges")),
    opacity=alt.condition(pick, alt.value(1.0), alt.value(0.45)),
    tooltip=[alt.Tooltip("theme_label:N", title="Theme"), alt.Tooltip("review_title:N", title="Review"),
             alt.Tooltip("recommendations:Q", title="Recommendations")]).add_params(pick)
text = base.mark_text(fontSize=11).encode(text="recommendations:Q")
chart = (heat + text).properties(height=max(160, 24 * len(themes)))
event = st.altair_chart(chart, width="stretch", on_select="rerun", key="mx_chart", selection_mode="cell")

# a click on a square chooses the theme and the review below (the select boxes also choose, by keyboard)
hit = (event.selection.get("cell") or [None])[0] if event else None
if hit and hit != st.session_state.get("mx_last"):
    st.session_state["mx_last"] = hit
    st.session_state["mx_theme"], st.session_state["mx_review"] = hit.get("theme"), hit.get("review")
theme_names = dict(zip(frame["theme"], frame["theme_label"], strict=True))
review_names = dict(zip(frame["review"], frame["review_title"], strict=True))
left, right = st.columns(2)
theme = left.selectbox("Theme", list(theme_names), format_func=theme_names.get, index=None, key="mx_theme",
                       placeholder="Choose a theme")
review = right.selectbox("Review", sorted(review_names, key=lambda r: review_names[r].lower()), index=None,
                         format_func=review_names.get, key="mx_review", placeholder="All reviews")
if theme:
    ids = [r for row in rows if row["theme"] == theme and (review is None or row["review"] == review)
           for r in row["recommendation_ids"]]
    where = f" in {md(review_names[review])}" if review else ""
    st.subheader(f"{md(theme_names[theme])}{where}: {len(ids)} recommendation{'s' if len(ids) != 1 else ''}")
    files = document_files(graph)
    table = [{"review": r["review_title"], "rec": r["number"], "owner": r["owner"] or "no owner recorded",
              "actions complete": f"{r['complete']} of {r['actions']}" if r["actions"] else "no actions",
              "source": source_label(files, r["doc"], r["line_start"], r["line_end"], r["page"]),
              "recommendation": r["text"]}
             for r in boards.recommendation_rows(idx, ids)]
    if review:  # one review: its name is in the heading
        for row in table:
            del row["review"]
    st.dataframe(table, hide_index=True, width="stretch", key="mx_recs",
                 column_config=columns(review=160, rec=55, owner=170, source=250, recommendation="large",
                                       **{"actions complete": 125}))
    st.page_link("views/themes.py", label="Open the theme page", icon=":material/category:",
                 query_params={"id": theme})
