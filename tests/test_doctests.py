"""The examples in the docstrings of the parsers, themes, similarity and analysis modules run and hold."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["graph.textvec", "ingest.normalize", "ingest.dates", "ingest.status", "ingest.columns", "ingest.report",
           "ingest.rec_items", "ingest.rec_links", "ingest.owner_text", "graph.ids",
           "graph.taxonomy", "graph.themes", "graph.similarity", "queries.index", "queries.examples",
           "queries.gaps", "graph.sinks.ntriples", "ingest.readers.html", "ingest.readers.text_layout",
           "ingest.furniture"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0
