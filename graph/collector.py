"""Python's cyclic garbage collector paused while a large structure is made that lives on.

The ingest makes millions of objects that outlive it (parsed documents, then the graph) and hardly any
cycles; with the collector on, every full collection walks all of them, so the time spent collecting grows
with the square of the corpus (a quarter of the build's time at 3,000 reviews; at 1,000 reviews half of the
collector's time went on full collections while the parsed documents arrived from the workers).
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["collector_paused"]


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """The collector paused for the block; it runs again (as before) when the block ends, and stays paused
    if the caller had paused it.

    What the block made is then moved to the oldest generation at once (``gc.freeze()`` then
    ``gc.unfreeze()``: nothing is left frozen): with the collector back on, the objects made while it was
    paused would otherwise be walked by the next young collection, then by the middle one, then by a full
    one (three walks of the whole graph after an ingest). They are still collected, by the next full
    collection, if they become cyclic garbage."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.freeze()
            gc.unfreeze()
            gc.enable()
