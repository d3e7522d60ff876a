"""similarity._sorted_unique gives what np.unique gives (the library is the oracle)."""

from __future__ import annotations

import numpy as np
import pytest

from reviewgraph.graph.similarity import _sorted_unique


@pytest.mark.parametrize("seed", range(5))
def test_sorted_unique_is_np_unique(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n = int(rng.integers(0, 3000))
    rows = rng.integers(0, 500, n, dtype=np.int64)
    cols = rng.integers(0, 500, n, dtype=np.int64)
    keys = np.concatenate([rows * 500 + cols, cols * 500 + rows])
    expected = np.unique(keys)
    got = _sorted_unique(keys.copy())
    assert got.dtype == expected.dtype and got.tolist() == expected.tolist()
