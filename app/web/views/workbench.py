"""Query workbench: saved Cypher and SPARQL queries with parameters, and ad-hoc read-only queries."""

from __future__ import annotations

import streamlit as st

from app.web.common import graph_or_stop, not_available, optional

st.title("Query workbench")
graph = graph_or_stop()
saved = optional("queries.saved")
if saved is None:
    not_available("The query workbench", "queries.saved")
    st.stop()
st.write("The saved queries module is present; this page is being connected to it.")
