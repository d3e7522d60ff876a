"""The board report from the app: a panel (on the Gaps page) that writes the report as of the page's date, for
the page's review, as Word or PDF, and offers it for download.

The document is the one ``reviewgraph report`` writes (:func:`reviewgraph.queries.board_report.board_report` and
:func:`reviewgraph.app.board.render`), from the graph the page shows (redacted when redaction is on). Writing it takes a
second or two, so it is made when asked ("Prepare") and kept in the session until the choices change.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from reviewgraph.app.web.common import md
from reviewgraph.graph.graphdata import ReviewGraph

__all__ = ["board_report_panel", "FILE_KEY"]

#: where the prepared document waits: (choices, file name, mime type, bytes)
FILE_KEY = "br_file"
_MIME = {".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         ".pdf": "application/pdf"}
_FORMAT_WORDS = {".docx": "Word (.docx)", ".pdf": "PDF"}


def board_report_panel(graph: ReviewGraph, as_of: dt.date, review: str | None = None) -> None:
    """The panel: format, agency and "changes since" choices, a Prepare button, then the download button."""
    from reviewgraph.app.board import render
    from reviewgraph.queries.board_report import board_report

    with st.expander("Board report: a Word or PDF document to table at a board meeting"):
        st.caption(f"Overdue and open actions by agency, recommendations with no owner, target date or "
                   f"measurable outcome, recurring themes with nothing completed, what changed since a date, "
                   f"and charts; as of {as_of.isoformat()} and for the review chosen above.")
        left, mid, right = st.columns([1, 2, 1])
        fmt = left.radio("Format", list(_FORMAT_WORDS), format_func=_FORMAT_WORDS.get, key="br_format")
        agencies = sorted({a.name for a in graph.of_kind("Agency")}, key=str.casefold)
        agency = mid.selectbox("Agency", agencies, index=None, placeholder="All agencies", key="br_agency")
        since = right.date_input("Changes since", value=None, key="br_since")
        choices = (as_of.isoformat(), review, agency, since.isoformat() if since else None, fmt)
        if st.button("Prepare the board report", key="br_make", type="primary"):
            with st.spinner("Writing the board report..."):
                try:
                    content = board_report(graph, as_of, review=review, agency=agency, since=since)
                    data = render(content, fmt)
                except ValueError as exc:
                    st.error(md(exc))
                    return
            st.session_state[FILE_KEY] = (choices, f"board-report-{as_of.isoformat()}{fmt}", _MIME[fmt], data)
        ready = st.session_state.get(FILE_KEY)
        if ready is None or ready[0] != choices:
            return
        _, name, mime, data = ready
        st.download_button(f"Download the board report ({_FORMAT_WORDS[fmt]}, {len(data) // 1024 + 1} KB)",
                           data=data, file_name=name, mime=mime, key="br_download", on_click="ignore")
