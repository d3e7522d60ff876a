"""The docstring examples of the similarity calibration and the analysis functions run and hold."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["reviewgraph.graph.similarity_eval", "reviewgraph.graph.theme_stats", "reviewgraph.queries.themes", "reviewgraph.queries.recurrence", "reviewgraph.queries.clusters"]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0
    assert result.failed == 0
