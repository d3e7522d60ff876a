"""reviewgraph's Streamlit app: one entry point, pages in ``app/web/views/`` (run ``reviewgraph app``)."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import streamlit as st

from reviewgraph.app.web import auth
from reviewgraph.app.web.common import md, redaction_forced, store_path

# the page icon is a file shipped with the app, served by it: a ":material/...:" icon would make every
# browser fetch it from fonts.gstatic.com (nothing may leave the machine; tests/test_no_external_requests.py)
st.set_page_config(page_title="reviewgraph", page_icon=str(Path(__file__).with_name("icon.png")), layout="wide")

if not auth.gate():
    st.stop()

#: the pages in sections a board member recognises; every page is listed at once (``expanded=True``: without
#: it Streamlit hides all but ten behind "View 3 more"), and at 1366x768 the whole list fits the sidebar
SECTIONS = {
    "Start": [
        st.Page("views/overview.py", title="Overview", icon=":material/dashboard:", default=True),
        st.Page("views/glossary.py", title="Glossary", icon=":material/menu_book:", url_path="glossary"),
    ],
    "Explore": [
        st.Page("views/review.py", title="Review", icon=":material/description:", url_path="review"),
        st.Page("views/agency.py", title="Agency", icon=":material/apartment:", url_path="agency"),
        st.Page("views/themes.py", title="Themes", icon=":material/category:", url_path="themes"),
        st.Page("views/matrix.py", title="Themes across reviews", icon=":material/grid_on:", url_path="matrix"),
        st.Page("views/explorer.py", title="Network explorer", icon=":material/hub:", url_path="explorer"),
    ],
    "Follow up actions": [
        st.Page("views/agencies.py", title="Actions by agency", icon=":material/stacked_bar_chart:",
                url_path="agencies"),
        st.Page("views/timeline.py", title="Action timeline", icon=":material/timeline:", url_path="timeline"),
        st.Page("views/changes.py", title="What changed", icon=":material/update:", url_path="changes"),
        st.Page("views/gaps.py", title="Gaps", icon=":material/report:", url_path="gaps"),
    ],
    "Analyse": [
        st.Page("views/workbench.py", title="Query workbench", icon=":material/terminal:", url_path="query"),
    ],
    "Manage": [
        st.Page("views/ingest.py", title="Ingest", icon=":material/upload_file:", url_path="ingest"),
    ],
}

page = st.navigation(SECTIONS, expanded=True)
with st.sidebar:
    if redaction_forced():
        st.session_state["rg_redact"] = True
    st.toggle("Redact names", key="rg_redact", disabled=redaction_forced(),
              help="Replace the reviews' pseudonyms and the names in the redaction list with [redacted] on "
                   "every page and in every download.")
    st.caption(f"Store: `{store_path()}`")
try:
    page.run()
except Exception as exc:
    logging.getLogger("reviewgraph.app").exception("page %s failed", page.title)
    st.error(f"This page could not be shown: {type(exc).__name__}: {md(exc)}. The details are in the server's "
             "log; please report them.")
    if os.environ.get("REVIEWGRAPH_DEBUG"):
        st.exception(exc)
