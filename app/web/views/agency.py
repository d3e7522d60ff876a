"""Agency: one agency's recommendations across reviews, its open actions and its lineage."""

from __future__ import annotations

import streamlit as st

from app.web.common import graph_or_stop, md, pick_node
from queries import browse

st.title("Agency")
graph = graph_or_stop()
pick = pick_node(graph, "agencies", "Agency", "ag_pick", "No agencies linked to any recommendation yet.")
node = graph.nodes[pick]
detail = browse.agency_detail(graph, pick)

facts = [("Sector", node.sector), ("Also known as", ", ".join(node.aliases)),
         ("Active until", node.active_until), ("In the registry", "yes" if node.resolved else "no (read from text)")]
st.markdown(" · ".join(f"**{k}:** {md(v)}" for k, v in facts if v))
if node.active_until:
    st.warning(f"{md(node.caption())} ceased on {md(node.active_until)}: its open recommendations need a "
               "new owner (see its lineage below).")
cols = st.columns(3)
cols[0].metric("Recommendations", len(detail["recommendations"]))
cols[1].metric("Reviews", len({r["review"] for r in detail["recommendations"]}))
cols[2].metric("Open actions", len(detail["open_actions"]))

st.subheader("Recommendations across reviews")
st.dataframe([{k: v for k, v in r.items() if k != "id"} for r in detail["recommendations"]],
             hide_index=True, width="stretch", key="ag_recs")
st.subheader("Open actions")
if detail["open_actions"]:
    st.dataframe([{k: v for k, v in r.items() if k != "id"} for r in detail["open_actions"]],
                 hide_index=True, width="stretch", key="ag_open")
else:
    st.caption("No open actions led by this agency.")
st.subheader("Lineage")
if detail["lineage"]:
    st.dataframe(detail["lineage"], hide_index=True, width="stretch", key="ag_lineage")
else:
    st.caption("No predecessor or successor recorded.")
