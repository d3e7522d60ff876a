"""Gaps: the gap report as of a chosen date, filterable, downloadable as CSV."""

from __future__ import annotations

import datetime as dt

import altair as alt
import pandas as pd
import streamlit as st

from reviewgraph.app.web.board import board_report_panel
from reviewgraph.app.web.common import columns, graph_or_stop
from reviewgraph.graph.labels import with_source
from reviewgraph.queries import gaps
from reviewgraph.queries.engines import Result
from reviewgraph.queries.output import to_csv

st.title("Gaps")
graph = graph_or_stop()
labels = gaps.GAP_LABELS
left, mid, right = st.columns([1, 2, 2])
as_of = left.date_input("As of", value=dt.date.today(), key="gp_as_of")
kinds = mid.multiselect("Kinds of gap", list(gaps.GAP_KINDS), format_func=lambda k: labels.get(k, k),
                        key="gp_kinds", placeholder="All kinds")
reviews = sorted((r.id, r.caption()) for r in graph.of_kind("Review"))
review_names = dict(reviews)
review = right.selectbox("Review", [r for r, _ in reviews], index=None, format_func=review_names.get,
                         key="gp_review", placeholder="All reviews")
search = st.text_input("Owner or text contains", key="gp_search")
board_report_panel(graph, as_of, review)

try:
    rows = gaps.find_gaps(graph, as_of.isoformat(), kinds=kinds or None, review=review)
except ValueError as exc:
    st.error(str(exc))
    st.stop()
if search.strip():
    needle = search.strip().lower()
    rows = [r for r in rows if needle in f"{r.get('owner') or ''} {r.get('text') or ''} {r.get('detail') or ''}".lower()]

def _target(action_id: str | None) -> str:
    act = graph.nodes.get(action_id or "")
    return (getattr(act, "target_raw", None) or getattr(act, "target", None) or "") if act is not None else ""


sourced = with_source(rows, graph)  # the file and lines (or page), never the document's id
table = [{"gap": r["kind_label"], "review": r.get("review_title") or r.get("review") or "",
          "rec": r.get("number") or "", "target": _target(r.get("action")),
          "detail": r.get("detail") or "", "source": r["source"],
          "owner": r.get("owner") or "", "recommendation": r.get("text") or ""}
         for r in sourced]
st.caption(f"{len(table)} gaps as of {as_of.isoformat()}. Each row names the document and lines that show it.")
if not table:
    st.success("No gaps of these kinds.")
    st.stop()

counts = pd.DataFrame(table).groupby("gap").size().reset_index(name="count")
st.altair_chart(alt.Chart(counts).mark_bar(color="#c0392b").encode(
    x=alt.X("count:Q", title="Gaps"), y=alt.Y("gap:N", sort="-x", title=None, axis=alt.Axis(labelLimit=260)), tooltip=["gap", "count"]),
    width="stretch")
st.dataframe(table, hide_index=True, width="stretch", key="gp_table",  # key columns on screen at 1366 px
             column_config=columns(gap=130, review=130, rec=50, target=110, detail=210, source=250,
                                   owner="medium", recommendation="large"))
names = list(sourced[0])
csv = to_csv(Result(names, [[r.get(c) for c in names] for r in sourced]))  # as `gaps -f csv` writes it
st.download_button("Download as CSV", data=csv.encode("utf-8"), file_name=f"reviewgraph-gaps-{as_of}.csv",
                   mime="text/csv", key="gp_csv", on_click="ignore")
