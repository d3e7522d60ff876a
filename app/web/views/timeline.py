"""Action timeline: one review's actions, their target dates, and the status each document recorded."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from reviewgraph.app.web.common import STATUS_COLOURS, as_of_input, columns, graph_or_stop, md, pick_node
from reviewgraph.graph.labels import status_label
from reviewgraph.queries import boards
from reviewgraph.queries.index import GraphIndex

st.title("Action timeline")
graph = graph_or_stop()
idx = GraphIndex(graph)
left, right = st.columns([3, 1])
with left:
    review = pick_node(graph, "reviews", "Review", "tl_review", "No reviews in the store yet.")
as_of = as_of_input("tl_as_of", container=right)
rows = boards.action_timeline(idx, review, as_of)
if not rows:
    st.info("No action plan has been read for this review yet.")
    st.stop()

changed = sum(1 for r in rows if any(u["changed"] for u in r["updates"]))
st.caption(f"{len(rows)} actions; {changed} changed status between documents. Each dot is the status a "
           "document recorded on its date; the black mark is the target date. Hover for details.")


# each action named by its recommendation and its place under it ("Rec 16.2 · 2"), unique on the chart
_seen: dict[str, int] = {}
names: dict[str, str] = {}
for r in rows:
    _seen[r["number"]] = _seen.get(r["number"], 0) + 1
    names[r["action"]] = f"Rec {r['number']} · {_seen[r['number']]}"


def _name(r: dict) -> str:
    return names[r["action"]]


points, targets = [], []
for r in rows:
    for u in r["updates"]:
        if u["as_of"]:
            points.append({"action": _name(r), "date": u["as_of"], "status": status_label(u["status"]),
                           "document": u["file"], "text": r["text"][:120]})
    if r["deadline"]:
        targets.append({"action": _name(r), "date": r["deadline"], "target": r["target"] or r["deadline"],
                        "state": r["state"]})
drawn = {p["action"] for p in points} | {t["action"] for t in targets}
order = [_name(r) for r in rows if _name(r) in drawn]
X_DATE = alt.X("date:T", title=None, axis=alt.Axis(format="%b %Y"))
Y_ACTION = alt.Y("action:N", sort=order, title=None, axis=alt.Axis(labelOverlap=False))
layers = []
if targets:
    layers.append(alt.Chart(pd.DataFrame(targets)).mark_point(shape="diamond", filled=True, size=90,
                                                              color="#222").encode(
        x=X_DATE, y=Y_ACTION,
        tooltip=[alt.Tooltip("action:N", title="Action"), alt.Tooltip("target:N", title="Target"),
                 alt.Tooltip("state:N", title="Now")]))
if points:
    layers.append(alt.Chart(pd.DataFrame(points)).mark_circle(size=110, opacity=0.9).encode(
        x=X_DATE, y=Y_ACTION,
        color=alt.Color("status:N", title="Status", scale=alt.Scale(domain=list(STATUS_COLOURS),
                                                                     range=list(STATUS_COLOURS.values()))),
        tooltip=[alt.Tooltip("action:N", title="Action"), alt.Tooltip("date:T", title="Date"),
                 alt.Tooltip("status:N", title="Status"), alt.Tooltip("document:N", title="Document"),
                 alt.Tooltip("text:N", title="Action text")]))
if layers:
    st.altair_chart(alt.layer(*layers).properties(height=max(120, 22 * len(order))), width="stretch")
else:
    st.caption("No dated target or status update to draw.")


def _history(updates: list[dict]) -> str:
    return " → ".join(f"{u['as_of'] or 'undated'}: {status_label(u['status'])}" for u in updates) or \
        "no status recorded"


st.dataframe([{"rec": r["number"], "target": r["target"] or "none",
               "now": r["state"] if r["state"] == "complete" else
               f"{r['state']}: {status_label(r['status'])}",
               "recorded": _history(r["updates"]), "owner": r["owner"] or "no owner recorded",
               "action": r["text"]} for r in rows],
             hide_index=True, width="stretch", key="tl_table",
             column_config=columns(rec=50, target=120, now=170, recorded=400, owner=150, action="large"))
st.page_link("views/review.py", label=f"Open the review: {md(graph.nodes[review].caption())}",
             icon=":material/description:", query_params={"id": review})
