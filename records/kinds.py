"""The closed vocabularies that cross from the parser to the graph: the kind of review, the kind of
document and the level of a recommendation.

The parser converts the text it reads into these once (:mod:`reviewgraph.ingest.identify`,
:mod:`reviewgraph.ingest.report_items`); the parsed records (:mod:`reviewgraph.records.parsed`) and the
graph's model (:mod:`reviewgraph.graph.model`, which re-exports them) carry the members, never loose
strings. Each is a :class:`~enum.StrEnum`: a member is equal to its value, formats as its value, and is
written to JSON as its value, so stored parses, ``manifest.json`` and ``graph.json`` hold the same strings
as before these types existed.

>>> DocKind("action_plan") is DocKind.action_plan, f"{ReviewKind.DHR_SAR}", Level.panel == "panel"
(True, 'DHR/SAR', True)
"""

from __future__ import annotations

from enum import StrEnum

__all__ = ["DocKind", "Level", "ReviewKind"]


class ReviewKind(StrEnum):
    DHR = "DHR"    # Domestic Homicide Review (from 2024: Domestic Abuse Related Death Review)
    SAR = "SAR"    # Safeguarding Adults Review
    CSPR = "CSPR"  # Child Safeguarding Practice Review (before 2018: Serious Case Review)
    DHR_SAR = "DHR/SAR"  # a joint Domestic Homicide Review and Safeguarding Adults Review


class DocKind(StrEnum):
    overview_report = "overview_report"
    executive_summary = "executive_summary"
    action_plan = "action_plan"
    progress_update = "progress_update"
    dataset = "dataset"
    unknown = "unknown"


class Level(StrEnum):
    panel = "panel"
    single_agency = "single_agency"
