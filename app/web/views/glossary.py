"""Glossary: the words the pages use, the statuses, and how the things in the store are linked."""

from __future__ import annotations

import streamlit as st

from reviewgraph.app.web.common import md
from reviewgraph.graph.labels import GLOSSARY, VALUE_LABELS, kind_label, rel_label
from reviewgraph.graph.model import RELATIONSHIPS

st.title("Glossary")
st.caption("What the words on these pages mean.")
st.markdown("\n".join(f"- **{md(w)}**: {md(m)}" for w, m in GLOSSARY))

left, right = st.columns(2)
with left:
    st.subheader("Statuses")
    st.dataframe([{"status": w} for w in VALUE_LABELS["status"].values()], hide_index=True, width="stretch",
                 key="gl_status")
with right:
    st.subheader("Kinds of document")
    st.dataframe([{"document": w} for w in VALUE_LABELS["doc_kind"].values()], hide_index=True,
                 width="stretch", key="gl_docs")

st.subheader("How things are linked")
st.caption("The network explorer draws these links; each is read from a document, with its source.")
st.dataframe([{"from": kind_label(a, capital=True), "link": rel_label(t), "to": kind_label(b)}
              for t, rel in RELATIONSHIPS.items() for a, b in rel.pairs],
             hide_index=True, width="stretch", key="gl_links")
