"""The one rule for an action's status on a date, used by the builder, the analyses, the saved queries and
the app.

Each document that lists an action records its status then, as a ``StatusUpdate`` dated with the
document's as-of date. **An action's status on a date is that of its latest dated update on or before the
date; when two updates share a date the later document wins**: a progress update over a report, a report
over the action plan (:data:`DOC_RANK`), then the file name. An action whose updates are all dated after
the date had no recorded status then (``unknown``); an action with no dated update at all keeps the status
its documents gave it (the builder reads documents in the same order, so that is the latest).

The order is one sort key, :func:`update_key`, a string: ``as_of|rank|file name|status``. The saved
queries build the same string (Cypher ``u.as_of + '|' + ...``, SPARQL ``CONCAT``) and take its maximum, so
every engine picks the same update as this module.

>>> updates = [Update("2014-09-30", "action_plan", "plan.txt", "unknown"),
...            Update("2014-09-30", "progress_update", "update.txt", "complete")]
>>> status_on(updates, "2014-09-30"), status_on(updates, "2014-09-29")
('complete', 'unknown')
>>> status_on([], "2020-01-01", own_status="in_progress")
'in_progress'
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import NamedTuple

__all__ = ["COMPLETE", "DOC_RANK", "STATUSES", "Update", "document_key", "document_rank", "status_on",
           "update_key"]

COMPLETE = "complete"
#: the closed list of statuses (graph.model.Status), the words the saved queries test a key's end against
STATUSES = ("complete", "in_progress", "not_started", "unknown")
#: which document is later when two updates share a date: the plan, then a report (or anything else), then
#: a progress update
DOC_RANK: dict[str, int] = {"action_plan": 0, "progress_update": 2}
_OTHER_RANK = 1


class Update(NamedTuple):
    """One dated status of an action: the update's date (ISO, or None), its document's kind and file name."""

    as_of: str | None
    doc_kind: str
    file_name: str
    status: str


def document_rank(doc_kind: str | None) -> int:
    """0 for an action plan, 2 for a progress update, 1 for any other document (see :data:`DOC_RANK`)."""
    return DOC_RANK.get(str(getattr(doc_kind, "value", doc_kind) or ""), _OTHER_RANK)


def _iso(value: str | date | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)[:10]
    try:
        date.fromisoformat(text)
    except ValueError:
        return None
    return text


def document_key(as_of: str | date | None, doc_kind: str | None, file_name: str) -> str:
    """The order of a review's documents (the builder reads them in it, so a later one's values win):
    ``as_of|rank|file name|``, an undated document first."""
    return f"{_iso(as_of) or ''}|{document_rank(doc_kind)}|{file_name}|"


def update_key(update: Update) -> str:
    """The string the updates are ordered by (the greatest is the latest): ``as_of|rank|file name|status``."""
    return document_key(update.as_of, update.doc_kind, update.file_name) + str(update.status)


def status_on(updates: Iterable[Update], as_of: str | date | None, own_status: str = "unknown",
              own_as_of: str | date | None = None) -> str:
    """The status on ``as_of`` by the rule above. ``own_status`` and ``own_as_of`` are the action's own (the
    latest document's), used when no update is dated; without ``as_of`` that latest status is the answer."""
    day = _iso(as_of)
    if day is None:
        return str(own_status)
    dated = [u for u in updates if _iso(u.as_of) is not None]
    if not dated:
        own = _iso(own_as_of)
        return "unknown" if own is not None and own > day else str(own_status)
    before = [u for u in dated if (_iso(u.as_of) or "") <= day]
    if not before:
        return "unknown"
    return str(max(before, key=update_key).status)
