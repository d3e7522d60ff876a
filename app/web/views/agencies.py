"""Actions by agency: how many of each agency's actions are overdue, open and complete on a date."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from reviewgraph.app.web.common import STATE_COLOURS, as_of_input, columns, graph_or_stop, md
from reviewgraph.graph.labels import document_files, source_label, status_label
from reviewgraph.queries import boards
from reviewgraph.queries.index import GraphIndex

st.title("Actions by agency")
graph = graph_or_stop()
idx = GraphIndex(graph)
left, right = st.columns([1, 3])
as_of = as_of_input("ab_as_of", container=left)
reviews = dict(sorted(((r.id, r.caption()) for r in graph.of_kind("Review")), key=lambda p: p[1].lower()))
review = right.selectbox("Review", list(reviews), index=None, format_func=reviews.get, key="ab_review",
                         placeholder="All reviews")

rows = boards.actions_by_agency(idx, as_of, review)
if not rows:
    st.info("No actions in the action plans read so far.")
    st.stop()
totals = boards.state_totals(idx, as_of, review)
a, b, c = st.columns(3)
a.metric("Overdue", totals["overdue"])
b.metric("Open", totals["open"])
c.metric("Complete", totals["complete"])
st.caption(f"Actions on {as_of}: overdue means not complete with the target date passed, open not complete "
           "with the target still ahead (or none). An action counts for each agency leading it, or, with no "
           "lead, for the agencies its recommendation is addressed to; the totals above count it once.")

shown = rows[:25]
long = pd.DataFrame([{"agency": r["name"], "state": s, "actions": r[s]} for r in shown
                     for s in ("overdue", "open", "complete") if r[s]])
chart = alt.Chart(long).mark_bar().encode(
    x=alt.X("actions:Q", title="Actions", stack=True, axis=alt.Axis(tickMinStep=1)),
    y=alt.Y("agency:N", sort=[r["name"] for r in shown], title=None, axis=alt.Axis(labelLimit=260)),
    color=alt.Color("state:N", title=None, scale=alt.Scale(domain=list(STATE_COLOURS),
                                                          range=list(STATE_COLOURS.values()))),
    order=alt.Order("state_order:Q"),
    tooltip=["agency", "state", "actions"]).transform_calculate(
    state_order="indexof(['overdue', 'open', 'complete'], datum.state)").properties(
    height=max(120, 24 * len(shown)))
st.altair_chart(chart, width="stretch")
if len(rows) > len(shown):
    st.caption(f"The chart shows the {len(shown)} agencies with most overdue actions; the table lists all "
               f"{len(rows)}.")

st.dataframe([{"agency": r["name"], "overdue": r["overdue"], "open": r["open"], "complete": r["complete"],
               "total": r["total"]} for r in rows], hide_index=True, width="stretch", key="ab_table",
             column_config=columns(agency="large"))

names = {r["agency"] or "": r["name"] for r in rows}
pick = st.selectbox("List the actions of", list(names), index=None, format_func=names.get, key="ab_pick",
                    placeholder="Choose an agency")
if pick is not None:
    files = document_files(graph)
    acts = [r for r in boards.agency_actions(idx, as_of, review) if (r["agency"] or "") == pick]
    order = {"overdue": 0, "open": 1, "complete": 2}
    acts.sort(key=lambda r: (order[r["state"]], r["deadline"] or "9999", r["review_title"]))
    table = []
    for r in acts:
        act = graph.nodes[r["action"]]
        table.append({"state": r["state"], "status": status_label(r["status"]),
                      "target": r["target"] or "none",
                      "review": r["review_title"], "rec": r["number"] or "",
                      "source": source_label(files, act.doc, act.line_start, act.line_end, act.page),
                      "action": r["text"]})
    st.dataframe(table, hide_index=True, width="stretch", key="ab_actions",
                 column_config=columns(state=80, status=135, target=110, review="small", rec=55,
                                       source="medium", action="large"))
    if pick:
        st.page_link("views/agency.py", label=f"Open the agency page: {md(names[pick])}",
                     icon=":material/apartment:", query_params={"id": pick})
