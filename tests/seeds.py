"""The one place the tests find the shared sample files: the real sample documents (``shared/seeds``) and
the external data sets (``shared/external``).

``shared/`` is named by ``REVIEWGRAPH_SHARED``, or else sits beside the repository (``../shared``; beside a
parent folder for a git worktree). A test that needs a sample skips, saying where it looked, when it is
absent: use :func:`seed`, :func:`all_seeds` or :func:`shared_file` inside the test, or the :data:`needs_seeds`
and :func:`needs_shared` marks.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
#: the four sample documents, by the number their file names open with
SEED_PREFIXES = ("000", "001", "002", "004")


def _shared() -> Path:
    """``REVIEWGRAPH_SHARED``, or ``../shared`` beside the repository (or beside a parent folder)."""
    env = os.environ.get("REVIEWGRAPH_SHARED")
    if env:
        return Path(env)
    for parent in ROOT.parents:
        if (parent / "shared" / "seeds").is_dir():
            return parent / "shared"
    return ROOT.parent / "shared"


SHARED = _shared()
SEEDS = SHARED / "seeds"
#: skips a test (or a module, as ``pytestmark``) when the sample documents are absent
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(),
                                 reason=f"the sample documents are not here ({SEEDS} is absent)")


def seed(prefix: str) -> Path:
    """The sample document whose name opens with ``prefix`` ("000"); skips the test when it is absent."""
    if not SEEDS.is_dir():
        pytest.skip(f"the sample documents are not here ({SEEDS} is absent)")
    found = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not found:
        pytest.skip(f"sample {prefix} is not in {SEEDS}")
    return found[0]


def all_seeds() -> list[Path]:
    """The four sample documents; skips the test when any is absent."""
    return [seed(p) for p in SEED_PREFIXES]


def shared_file(*parts: str) -> Path:
    """``shared/<parts>`` (``shared_file("external", "dhrd", "incidents-sample.csv")``); skips the test
    when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"the shared sample file is not here ({path} is absent)")
    return path


def needs_shared(*parts: str) -> pytest.MarkDecorator:
    """A mark that skips a test when ``shared/<parts>`` is absent."""
    path = SHARED.joinpath(*parts)
    return pytest.mark.skipif(not path.exists(),
                              reason=f"the shared sample file is not here ({path} is absent)")
