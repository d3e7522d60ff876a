"""What changed since a date: the actions whose status moved between successive updates."""

from __future__ import annotations

import datetime as dt

import altair as alt
import pandas as pd
import streamlit as st

from reviewgraph.app.web.common import STATUS_COLOURS, columns, graph_or_stop
from reviewgraph.graph.labels import document_files, source_label, status_label
from reviewgraph.queries import boards
from reviewgraph.queries.index import GraphIndex

st.title("What changed")
graph = graph_or_stop()
idx = GraphIndex(graph)
latest = boards.latest_update_date(idx)
if latest is None:
    st.info("No dated progress update has been read yet: nothing to compare.")
    st.stop()

default_since = latest.replace(year=latest.year - 1) if not (latest.month == 2 and latest.day == 29) \
    else latest.replace(year=latest.year - 1, day=28)
a, b, c = st.columns([1, 1, 2])
since = a.date_input("Since", value=default_since, key="ch_since")
until = b.date_input("Until", value=max(dt.date.today(), latest), key="ch_until")
reviews = dict(sorted(((r.id, r.caption()) for r in graph.of_kind("Review")), key=lambda p: p[1].lower()))
chosen = c.multiselect("Reviews", list(reviews), format_func=reviews.get, key="ch_reviews",
                       placeholder="All reviews")
new_too = st.toggle("Also list actions first recorded in this period", key="ch_new")
try:
    rows = boards.status_changes(idx, since, until, chosen or None)
except ValueError as exc:
    st.error(f"{str(exc)[:1].upper()}{str(exc)[1:]}.")
    st.stop()
moved = [r for r in rows if not r["first"]]
shown = rows if new_too else moved
st.caption(f"{len(moved)} status changes between {since} and {until}"
           + (f", and {len(rows) - len(moved)} actions first recorded" if len(rows) > len(moved) else "")
           + f". The latest progress update in the store is dated {latest}.")
if not shown:
    st.success("No action changed status in this period.")
    st.stop()

counts = pd.DataFrame([{"now": status_label(r["after"])} for r in shown]).value_counts().reset_index(name="n")
st.altair_chart(alt.Chart(counts).mark_bar().encode(
    x=alt.X("n:Q", title="Changes, by the status moved to", axis=alt.Axis(tickMinStep=1)),
    y=alt.Y("now:N", title=None, sort="-x"),
    color=alt.Color("now:N", legend=None, scale=alt.Scale(domain=list(STATUS_COLOURS),
                                                          range=list(STATUS_COLOURS.values()))),
    tooltip=[alt.Tooltip("now:N", title="Moved to"), alt.Tooltip("n:Q", title="Changes")]
).properties(height=120),
    width="stretch")
files = document_files(graph)
st.dataframe([{"on": r["on"], "review": r["review_title"], "rec": r["number"] or "",
               "change": ("first recorded: " if r["first"] else f"{status_label(r['before'])} → ")
               + status_label(r["after"]),
               "source": source_label(files, r["doc"], r["line_start"], r["line_end"], r["page"]),
               "action": r["text"], "owner": r["owner"] or "no owner recorded"} for r in shown],
             hide_index=True, width="stretch", key="ch_table",
             column_config=columns(on=90, review=150, rec=50, change=220, source=260, action="large",
                                   owner="medium"))
