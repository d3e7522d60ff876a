"""The national picture from the DHR dataset (DHRD), as plain rows for the app's overview.

Reviews read from the dataset carry ``source_id`` (the incident id) and ``tags``; those matched to a review
ingested from the board's own documents keep that review's title and number. Whatever shows these rows must
show ``attribution`` (the licence requires it). On a graph without the dataset there is nothing to show:

>>> from reviewgraph.graph.graphdata import ReviewGraph
>>> dataset_summary(ReviewGraph()) is None
True
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from reviewgraph.graph.graphdata import ReviewGraph
from reviewgraph.graph.model import Document, Review

__all__ = ["dataset_summary"]


def dataset_summary(graph: ReviewGraph) -> dict[str, Any] | None:
    """Counts of the dataset's reviews, by tag and by region, and the board's own reviews found in it.

    Returns ``None`` when the graph holds no dataset reviews; else a dict with ``attribution`` (str),
    ``reviews`` and ``matched`` (ints), ``tags`` (rows: tag, reviews), ``regions`` (rows: region, reviews)
    and ``own`` (rows: review, number, incident, death_date, tags), each sorted by count then name.
    """
    revs = [n for n in graph.of_kind("Review") if isinstance(n, Review) and n.source_id]
    if not revs:
        return None
    notes = [note for d in graph.of_kind("Document") if isinstance(d, Document) and d.doc_kind == "dataset"
             for note in d.notes]
    if notes:
        attribution = notes[0]
    else:  # a graph exported without its dataset documents still names its source
        from reviewgraph.records.dataset import ATTRIBUTION as attribution
    tags = Counter(t for r in revs for t in r.tags)
    regions = Counter(r.region or "(not given)" for r in revs)
    own = [r for r in revs if "/dhrd-" not in r.id]
    return {
        "attribution": attribution,
        "reviews": len(revs),
        "matched": len(own),
        "tags": [{"tag": t, "reviews": n} for t, n in sorted(tags.items(), key=lambda kv: (-kv[1], kv[0]))],
        "regions": [{"region": g, "reviews": n} for g, n in sorted(regions.items(), key=lambda kv: (-kv[1], kv[0]))],
        "own": [{"review": r.title, "number": r.number, "incident": r.source_id, "death_date": r.death_date,
                 "tags": ", ".join(r.tags)} for r in sorted(own, key=lambda r: r.id)],
    }
