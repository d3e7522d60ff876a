"""Ingest: upload documents, read the per-document report, then add them to the store."""

from __future__ import annotations

import tempfile
from pathlib import Path

import streamlit as st

from reviewgraph.app.commands.ingest import reached_graph, summarise
from reviewgraph.app.errors import describe
from reviewgraph.app.web.common import documents_store_path, md
from reviewgraph.app.web.uploads import save_upload, shown_name, upload_name
from reviewgraph.graph.labels import value_label
from reviewgraph.graph.store import Store
from reviewgraph.ingest import pipeline

st.title("Ingest")
st.caption("Action plans and overview reports as text, PDF, DOCX, XLSX, CSV or HTML (a saved web page). "
           "Nothing leaves this machine: "
           "files are read here and kept only in the store once you add them.")
uploads = st.file_uploader("Documents", accept_multiple_files=True, key="in_files")
review = st.text_input("Put every document in this review (optional)", key="in_review",
                       help="Its area and number, as the documents write them: Northby DHR-1. Leave empty "
                            "to let each document say which review it belongs to.")

if st.button("Read the documents", key="in_read", disabled=not uploads):
    results = []
    with tempfile.TemporaryDirectory(prefix="reviewgraph-upload-") as tmp:
        for i, up in enumerate(uploads or []):
            # the browser's name for the file is not trusted: a bad one ('..', too long) fails alone
            try:
                name, note = upload_name(up.name)
                path = save_upload(Path(tmp), i, name, up.getvalue())
            except (ValueError, OSError) as exc:
                text = str(exc) if isinstance(exc, ValueError) else f"'{shown_name(up.name)}': {describe(exc)}"
                results.append(pipeline.IngestResult(Path(shown_name(up.name) or "(no name)"), error=text))
                continue
            # in a worker under the memory cap and time limit: one document cannot take the app down
            result = pipeline.ingest_isolated(path, review.strip() or None)
            if note:
                result.warnings.append(f"{name}: {note} (uploaded as '{shown_name(up.name)}')")
            results.append(result)
    st.session_state["in_results"] = results

results = st.session_state.get("in_results") or []
if results:
    store = Store(documents_store_path())  # never the demo's store, even while this session shows it
    rows = []
    for r in results:
        d = r.doc
        if d is None:
            rows.append({"file": r.path.name or str(r.path), "read": "no", "error": r.error or "", "kind": "", "title": "",
                         "recommendations": 0, "actions": 0, "learning": 0, "unplaced lines": 0,
                         "already in store": False})
            continue
        counts = summarise(r)  # the same counts as `reviewgraph ingest` prints (a report's appendix plan
        rows.append({"file": d.file_name, "read": d.reader, "error": "; ".join(getattr(r, "messages", [])) or
                     (r.error or ""), "kind": value_label("doc_kind", d.doc_kind),  # rows are its recommendations, not more)
                     "title": d.title, "recommendations": counts["recommendations"],
                     "actions": counts["actions"], "learning": counts["learning"],
                     "unplaced lines": len(d.unplaced), "already in store": store.has(d.sha256)})
    st.subheader("What was read")
    st.dataframe(rows, hide_index=True, width="stretch", key="in_report")
    for r in results:
        if r.doc is not None and (r.doc.unplaced or r.doc.warnings):
            with st.expander(f"{md(r.doc.file_name)}: {len(r.doc.unplaced)} unplaced lines, "
                             f"{len(r.doc.warnings)} warnings"):
                for w in r.doc.warnings:
                    st.markdown("- " + md(w))
                if r.doc.unplaced:
                    st.dataframe([{"line": u.line, "page": u.page, "reason": u.reason, "text": u.text}
                                  for u in r.doc.unplaced], hide_index=True, width="stretch")
    docs = [r.doc for r in results if r.doc is not None and not store.has(r.doc.sha256)]
    if st.button(f"Add {len(docs)} document{'s' if len(docs) != 1 else ''} to the store", key="in_add",
                 type="primary", disabled=not docs):
        waiting = st.empty()  # a second ingest into the store waits for the first, and says so
        store.waiting = lambda message: waiting.info(md(message[:1].upper() + message[1:]) + "…")
        try:
            with st.spinner("Adding and rebuilding the graph…"):
                added = store.add(docs)
        except Exception as exc:  # noqa: BLE001 - shown in place
            waiting.empty()
            st.error(f"The documents could not be added: {md(describe(exc))}")
        else:
            if store.waited:
                waiting.caption(f"Waited {store.waited:.0f} s for another ingest into this store to finish.")
            for notice in store.notices:
                st.warning(md(notice))
            st.session_state.pop("in_results", None)
            # what reached the graph from each document, and any difference from what was read
            new = {d.sha256 for d in added}
            reached = [summarise(r) for r in results if r.doc is not None and r.doc.sha256 in new]
            reached_graph(reached, store.graph())
            lost = [f"{Path(x['file']).name}: {m}" for x in reached for m in x.get("lost", [])]
            st.session_state.pop("rg_demo_store", None)  # back from the demo to the documents' store
            st.success(f"Added {len(added)} documents. The other pages now show them.")
            for message in lost:
                st.error(md(message))
