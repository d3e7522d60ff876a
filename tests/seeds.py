"""Where the real sample documents are (../shared/seeds beside the repository); tests skip without them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _shared() -> Path:
    """``../shared`` beside the repository (or beside a parent folder, for git worktrees)."""
    env = os.environ.get("REVIEWGRAPH_SHARED")
    if env:
        return Path(env)
    for parent in ROOT.parents:
        if (parent / "shared" / "seeds").is_dir():
            return parent / "shared"
    return ROOT.parent / "shared"


SHARED = _shared()
SEEDS = SHARED / "seeds"


def seed(prefix: str) -> Path:
    if not SEEDS.is_dir():
        pytest.skip(f"the sample documents are not here ({SEEDS} is absent)")
    found = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not found:
        pytest.skip(f"sample {prefix} is not in {SEEDS}")
    return found[0]


def all_seeds() -> list[Path]:
    return [seed(p) for p in ("000", "001", "002", "004")]
