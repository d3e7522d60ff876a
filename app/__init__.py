"""reviewgraph's user-facing layer: the command line (``reviewgraph.app.cli``) and the Streamlit app (``reviewgraph.app.web``)."""
