"""The examples in the docstrings of the parsers, themes, similarity and analysis modules run and hold."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["reviewgraph.graph.textvec", "reviewgraph.ingest.normalize", "reviewgraph.ingest.dates", "reviewgraph.ingest.status", "reviewgraph.ingest.columns", "reviewgraph.ingest.report",
           "reviewgraph.ingest.rec_items", "reviewgraph.ingest.rec_links", "reviewgraph.ingest.owner_text", "reviewgraph.graph.ids",
           "reviewgraph.graph.taxonomy", "reviewgraph.graph.themes", "reviewgraph.graph.similarity", "reviewgraph.queries.index", "reviewgraph.queries.examples",
           "reviewgraph.queries.gaps", "reviewgraph.graph.sinks.ntriples", "reviewgraph.ingest.readers.html", "reviewgraph.ingest.readers.text_layout",
           "reviewgraph.ingest.furniture"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0
