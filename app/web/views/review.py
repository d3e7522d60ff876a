"""Review: one review's recommendations, actions, owners, dates and status, and where it appears elsewhere."""

from __future__ import annotations

import streamlit as st

from app.web.common import graph_or_stop, md, pick_node, optional
from queries import browse

st.title("Review")
graph = graph_or_stop()
pick = pick_node(graph, "reviews", "Review", "rv_pick", "No reviews in the store yet.")
node = graph.nodes[pick]
detail = browse.review_detail(graph, pick)

facts = [("Area", getattr(node, "area", None)), ("Partnership", getattr(node, "partnership", None)),
         ("Number", getattr(node, "number", None)), ("Pseudonym", getattr(node, "pseudonym", None)),
         ("Kind", getattr(node, "review_kind", None)), ("Published", getattr(node, "published", None))]
st.markdown(" · ".join(f"**{k}:** {md(v)}" for k, v in facts if v))
cols = st.columns(4)
cols[0].metric("Recommendations", len(detail["recommendations"]))
cols[1].metric("Actions", len(detail["actions"]))
cols[2].metric("Open actions", sum(1 for a in detail["actions"] if a["status"] != "complete"))
cols[3].metric("Learning", len(detail["learning"]))

tabs = st.tabs(["Recommendations", "Actions", "Learning", "Appears elsewhere", "Documents"])
with tabs[0]:
    st.dataframe([{k: v for k, v in r.items() if k not in ("id", "review")} for r in detail["recommendations"]],
                 hide_index=True, width="stretch", key="rv_recs")
with tabs[1]:
    st.dataframe([{k: v for k, v in r.items() if k not in ("id", "review")} for r in detail["actions"]],
                 hide_index=True, width="stretch", key="rv_actions")
with tabs[2]:
    if detail["learning"]:
        st.dataframe(detail["learning"], hide_index=True, width="stretch", key="rv_learning")
    else:
        st.caption("No numbered learning read from this review's documents.")
with tabs[3]:
    recurrence = optional("queries.recurrence")
    if recurrence is not None and hasattr(recurrence, "appears_elsewhere"):
        earlier = st.toggle("Only earlier reviews (was this learning already made?)", key="rv_earlier")
        similar = [r for r in recurrence.appears_elsewhere(graph, pick, earlier_only=earlier)
                   if r.get("other_recommendation")]
        st.markdown("**Similar recommendations in other reviews**")
        if similar:
            st.dataframe([{"rec": r["number"], "other review": r.get("other_review_title") or r.get("other_review"),
                           "other rec": r.get("other_number"), "score": r.get("score"),
                           "their actions complete": f"{r.get('other_actions_complete') or 0}/{r.get('other_actions') or 0}",
                           "other text": r.get("other_text")} for r in similar],
                         hide_index=True, width="stretch", key="rv_similar")
        else:
            st.caption("No similar recommendation in another review.")
    shared = [r for r in detail["elsewhere"] if r["link"] == "shared theme"]
    st.markdown("**Themes shared with other reviews**")
    if shared:
        by_theme: dict[str, list[str]] = {}
        for r in shared:
            by_theme.setdefault(r["this"], []).append(r["other review"])
        st.dataframe([{"theme": t, "other reviews": len(o), "which": "; ".join(sorted(o))}
                      for t, o in sorted(by_theme.items(), key=lambda p: (-len(p[1]), p[0]))],
                     hide_index=True, width="stretch", key="rv_shared")
    else:
        st.caption("No theme shared with another review yet.")
with tabs[4]:
    st.dataframe(detail["documents"], hide_index=True, width="stretch", key="rv_docs")
