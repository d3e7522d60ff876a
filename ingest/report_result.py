"""What the overview-report parser (:mod:`reviewgraph.ingest.report`) gives: its records and the lines it
placed, skipped or could not place. Its two passes (:mod:`reviewgraph.ingest.report_sections`,
:mod:`reviewgraph.ingest.report_items`) write into one, so it lives apart from all three."""

from __future__ import annotations

from dataclasses import dataclass, field

from reviewgraph.ingest.plan_table import PlanResult
from reviewgraph.records.parsed import ParsedLearning, ParsedRec, Unplaced

__all__ = ["ReportResult"]


@dataclass
class ReportResult:
    recs: list[ParsedRec] = field(default_factory=list)
    learning: list[ParsedLearning] = field(default_factory=list)
    plans: list[PlanResult] = field(default_factory=list)
    placed: set[int] = field(default_factory=set)
    skipped: list[Unplaced] = field(default_factory=list)
    unplaced: list[Unplaced] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
