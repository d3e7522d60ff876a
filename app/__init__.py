"""reviewgraph's user-facing layer: the command line (``app.cli``) and the Streamlit app (``app.web``)."""
