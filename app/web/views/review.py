"""Review: one review's recommendations, actions, owners, dates and status, and where it appears elsewhere."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from reviewgraph.app.web.common import columns, graph_or_stop, md, pick_node
from reviewgraph.graph.labels import document_files, node_source, status_label, value_label
from reviewgraph.queries import browse, recurrence
from reviewgraph.queries.index import GraphIndex

st.title("Review")
graph = graph_or_stop()
pick = pick_node(graph, "reviews", "Review", "rv_pick", "No reviews in the store yet.")
node = graph.nodes[pick]
detail = browse.review_detail(graph, pick)
idx = GraphIndex(graph)
files = document_files(graph)
today = dt.date.today()


def _day(value: object) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


dated = [day for d in detail["documents"] if (day := _day(d["as of"])) is not None]
# any day from a few years before the review's first document to ten after its last (Streamlit's default
# range, ten years either side of today, would shut out the early documents of an older review)
earliest = min([today, *dated]).replace(month=1, day=1) - dt.timedelta(days=5 * 365)
latest = max([today, *dated]).replace(month=12, day=31) + dt.timedelta(days=10 * 365)
as_of = st.columns([1, 3])[0].date_input(
    "Status as of", value=today, min_value=earliest, max_value=latest, key="rv_as_of",
    help="Each action's status on this date: its latest update dated on or before it, a later document "
         "winning a tie, as on the Gaps page and in the board report.")
# an action's status on the date by the one rule (graph.status), as the gap report and the other pages take
# it; a recommendation's status comes from those of its actions
status_now = {a["id"]: idx.status_as_of(graph.nodes[a["id"]], as_of) for a in detail["actions"]}
links = {r["id"]: {"HAS_ACTION": [a.id for a in idx.actions_of(r["id"])]} for r in detail["recommendations"]}
rec_now = {r["id"]: browse.rec_status(graph, r["id"], links, status_of=lambda act: idx.status_as_of(act, as_of))
           for r in detail["recommendations"]}

facts = [("Area", getattr(node, "area", None)), ("Partnership", getattr(node, "partnership", None)),
         ("Number", getattr(node, "number", None)), ("Pseudonym", getattr(node, "pseudonym", None)),
         ("Kind", value_label("review_kind", getattr(node, "review_kind", None))),
         ("Published", getattr(node, "published", None))]
st.markdown(" · ".join(f"**{k}:** {md(v)}" for k, v in facts if v))
cols = st.columns(4)
cols[0].metric("Recommendations", len(detail["recommendations"]))
cols[1].metric("Actions", len(detail["actions"]))
cols[2].metric("Open actions", sum(1 for s in status_now.values() if s != "complete"),
               help=f"Actions not complete on {as_of.isoformat()} (overdue or not).")
cols[3].metric("Learning", len(detail["learning"]))

tabs = st.tabs(["Recommendations", "Actions", "Learning", "Appears elsewhere", "Documents"])
with tabs[0]:
    recs = [{"rec": r["number"], "status": status_label(rec_now[r["id"]]), "actions": r["actions"],
             "owner": r["owner"] or "no owner recorded",
             "source": node_source(graph, graph.nodes[r["id"]], files),
             "recommendation": r["text"], "for": value_label("level", r["level"] or None),
             "reach": value_label("scope", r["scope"] or None)} for r in detail["recommendations"]]
    for name in ("for", "reach"):  # shown only where the documents say
        if not any(r[name] for r in recs):
            for r in recs:
                del r[name]
    st.dataframe(recs, hide_index=True, width="stretch", key="rv_recs",
                 column_config=columns(rec=55, status=135, actions=70, owner=180, source=230,
                                       recommendation="large"))
    st.caption(f"Status on {as_of.isoformat()}. A recommendation's status comes from its actions: complete "
               "when all are, not started when none is, in progress in between.")
with tabs[1]:
    st.dataframe([{"rec": r["recommendation"], "target": r["target"] or "none",
                   "status": status_label(status_now[r["id"]]), "lead": r["lead"],
                   "source": node_source(graph, graph.nodes[r["id"]], files), "action": r["action"],
                   "progress": r["progress"]} for r in detail["actions"]],
                 hide_index=True, width="stretch", key="rv_actions",
                 column_config=columns(rec=55, target=110, status=135, lead=170, source=230, action="large"))
with tabs[2]:
    if detail["learning"]:
        learning = {n.number: n for n in graph.of_kind("Learning") if n.review == pick}
        st.dataframe([{"number": r["number"], "informs": r["informs"],
                       "source": node_source(graph, learning[r["number"]], files) if r["number"] in learning
                       else r["source"], "learning": r["text"]} for r in detail["learning"]],
                     hide_index=True, width="stretch", key="rv_learning",
                     column_config=columns(number=70, informs=150, source=230, learning="large"))
    else:
        st.caption("No numbered learning read from this review's documents.")
with tabs[3]:
    earlier = st.toggle("Only earlier reviews (was this learning already made?)", key="rv_earlier")
    similar = [r for r in recurrence.appears_elsewhere(graph, pick, earlier_only=earlier)
               if r.get("other_recommendation")]
    st.markdown("**Similar recommendations in other reviews**")
    if similar:
        st.dataframe([{"rec": r["number"], "other review": r.get("other_review_title") or r.get("other_review"),
                       "their rec": r.get("other_number"), "similarity": r.get("score"),
                       "their actions complete": f"{r.get('other_actions_complete') or 0} of "
                                                 f"{r.get('other_actions') or 0}",
                       "their text": r.get("other_text")} for r in similar],
                     hide_index=True, width="stretch", key="rv_similar",
                     column_config=columns(rec=55, **{"other review": 180, "their rec": 80,
                                                      "their text": "large"}))
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
    st.dataframe([{"title": d["title"], "kind": value_label("doc_kind", d["kind"]), "file": d["file"],
                   "as of": d["as of"] or "undated"} for d in detail["documents"]],
                 hide_index=True, width="stretch", key="rv_docs")
