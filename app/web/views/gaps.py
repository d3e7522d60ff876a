"""Gaps: the gap report as of a chosen date, filterable, downloadable as CSV."""

from __future__ import annotations

import streamlit as st

from app.web.common import graph_or_stop, not_available, optional

st.title("Gaps")
graph = graph_or_stop()
gaps = optional("queries.gaps")
if gaps is None:
    not_available("The gap report", "queries.gaps")
    st.stop()
st.write("The gap report module is present; this page is being connected to it.")
