"""Ingest: upload documents, read the per-document report, then add them to the store."""

from __future__ import annotations

import streamlit as st

from app.web.common import not_available, optional

st.title("Ingest")
pipeline = optional("ingest.pipeline")
if pipeline is None:
    not_available("Ingesting from the app", "ingest.pipeline")
    st.caption("Meanwhile, from a terminal: `reviewgraph ingest path/to/documents/`.")
    st.stop()
