"""Agency: one agency's recommendations across reviews, its open actions, its predecessors and successors."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from reviewgraph.app.web.common import columns, graph_or_stop, md, pick_node
from reviewgraph.graph.labels import document_files, node_source, status_label, value_label
from reviewgraph.queries import boards, browse
from reviewgraph.queries.index import GraphIndex

st.title("Agency")
graph = graph_or_stop()
pick = pick_node(graph, "agencies", "Agency", "ag_pick", "No agencies linked to any recommendation yet.")
node = graph.nodes[pick]
detail = browse.agency_detail(graph, pick)

facts = [("Sector", value_label("sector", node.sector)), ("Also known as", ", ".join(node.aliases)),
         ("Ceased on", node.active_until),
         ("In the agency list", "yes" if node.resolved else "no (name read from the documents)")]
st.markdown(" · ".join(f"**{k}:** {md(v)}" for k, v in facts if v))
if node.active_until:
    st.warning(f"{md(node.caption())} ceased on {md(node.active_until)}: its open recommendations need a "
               "new owner (see its successors below).")
idx = GraphIndex(graph)
files = document_files(graph)
today = dt.date.today().isoformat()
# open and overdue today, as the Actions by agency page and the gap report count them
open_rows = [r for r in boards.agency_actions(idx, today) if r["agency"] == pick and r["state"] != "complete"]
cols = st.columns(3)
cols[0].metric("Recommendations", len(detail["recommendations"]))
cols[1].metric("Reviews", len({r["review"] for r in detail["recommendations"]}))
cols[2].metric("Open actions", len(open_rows),
               help="Actions it leads (or, with no lead, on recommendations addressed to it) not complete "
                    "today.")

st.subheader("Recommendations across reviews")
st.dataframe([{"review": r["review"], "rec": r["number"], "how": r["link"],
               "status": status_label(r["status"]),
               "source": node_source(graph, graph.nodes[r["id"]], files), "recommendation": r["text"]}
              for r in detail["recommendations"]],
             hide_index=True, width="stretch", key="ag_recs",
             column_config=columns(review=170, rec=55, how=100, status=135, source=230,
                                   recommendation="large"))
st.subheader("Open actions")
if open_rows:
    order = {"overdue": 0, "open": 1}
    open_rows.sort(key=lambda r: (order[r["state"]], r["deadline"] or "9999", r["review_title"]))
    st.dataframe([{"review": r["review_title"], "rec": r["number"] or "", "target": r["target"] or "none",
                   "now": r["state"], "status": status_label(r["status"]),
                   "source": node_source(graph, graph.nodes[r["action"]], files), "action": r["text"]}
                  for r in open_rows], hide_index=True, width="stretch", key="ag_open",
                 column_config=columns(review=170, rec=55, target=110, now=75, status=135, source=230,
                                       action="large"))
else:
    st.caption("No open actions led by this agency.")
st.subheader("Predecessors and successors")
if detail["lineage"]:
    st.dataframe([{"agency": r["agency"], "relation": r["relation"], "other": r["other"], "on": r["date"],
                   "ceased on": r["active until"]} for r in detail["lineage"]],
                 hide_index=True, width="stretch", key="ag_lineage")
else:
    st.caption("No predecessor or successor recorded.")
