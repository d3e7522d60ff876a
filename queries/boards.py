"""The cross-review views a safeguarding board asks for, as plain rows (dicts) of the graph.

- :func:`theme_review_matrix`: how many recommendations of each review are about each theme (the heatmap);
- :func:`actions_by_agency`: open, overdue and complete actions per agency on a date;
- :func:`action_timeline`: each action of a review with its target date and the status each update recorded;
- :func:`status_changes`: the actions whose status moved between a date and a later one, update by update.

Nothing here decides a status: an action's status on a date is :meth:`reviewgraph.queries.index.GraphIndex.status_as_of`
(the one rule of :mod:`reviewgraph.graph.status`: the latest update dated on or before the date, a later document
winning a tie), "overdue" and "open" are :mod:`reviewgraph.queries.gaps`'s (not complete, target passed or not), and the
recommendations about a theme are :func:`reviewgraph.queries.themes.shared_themes`'s. Values stay internal (status
codes, ids) so pages can link and filter; pages put them in words with :mod:`reviewgraph.graph.labels`.

>>> from reviewgraph.queries.examples import example_graph
>>> g = example_graph()
>>> [(r["theme_label"], r["review"], r["recommendations"]) for r in theme_review_matrix(g)][:2]
[('MARAC', 'review:northby/dhr-1', 1), ('MARAC', 'review:southby/dhr-7', 1)]
>>> [(r["name"], r["overdue"], r["open"], r["complete"]) for r in actions_by_agency(g, "2022-12-31")]
[('Northby Police', 1, 0, 1), ('Home Office', 0, 0, 1), ('(no agency recorded)', 0, 1, 0)]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from typing import Any

from reviewgraph.graph.graphdata import ReviewGraph
from reviewgraph.graph.model import Action, Agency, Recommendation, StatusUpdate
from reviewgraph.graph.status import COMPLETE, Update, update_key
from reviewgraph.queries.index import GraphIndex, parse_iso
from reviewgraph.queries.themes import shared_themes

__all__ = ["NO_AGENCY", "action_timeline", "actions_by_agency", "agency_actions", "latest_update_date",
           "recommendation_rows", "state_totals", "status_changes", "status_history", "theme_review_matrix"]

GraphLike = ReviewGraph | GraphIndex
#: the row for actions with no lead and no addressee
NO_AGENCY = "(no agency recorded)"


def _index(graph: GraphLike) -> GraphIndex:
    return graph if isinstance(graph, GraphIndex) else GraphIndex(graph)


def _day(value: str | date | None, name: str = "date") -> date:
    d = parse_iso(value)
    if d is None:
        raise ValueError(f"the {name} {value!r} is not a date: write YYYY-MM-DD")
    return d


def _deadline(action: Action) -> date | None:
    """The end of the target period (as :mod:`reviewgraph.queries.gaps` judges overdue)."""
    return parse_iso(action.target_end) or parse_iso(action.target)


def _rec(idx: GraphIndex, action: Action) -> Recommendation | None:
    node = idx.nodes.get(action.recommendation)
    return node if isinstance(node, Recommendation) else None


# -- theme x review ---------------------------------------------------------------------------------------
def theme_review_matrix(graph: GraphLike, min_reviews: int = 1) -> list[dict[str, Any]]:
    """One row per (theme, review) with recommendations about the theme: ``theme``, ``theme_label``,
    ``review``, ``review_title``, ``recommendations`` (how many) and ``recommendation_ids``. Only themes found
    in ``min_reviews`` reviews or more; themes most widely shared first, reviews by title."""
    idx = _index(graph)
    rows = []
    for t in shared_themes(idx, min_reviews=min_reviews):
        by_review: dict[str, list[str]] = defaultdict(list)
        for rec_id in t["recommendations"]:
            rec = idx.nodes.get(rec_id)
            if isinstance(rec, Recommendation):
                by_review[rec.review].append(rec_id)
        for review, recs in sorted(by_review.items(), key=lambda p: idx.review_label(p[0]).lower()):
            rows.append({"theme": t["theme"], "theme_label": t["label"], "review": review,
                         "review_title": idx.review_label(review), "recommendations": len(recs),
                         "recommendation_ids": recs})
    return rows


def recommendation_rows(graph: GraphLike, rec_ids: Iterable[str], as_of: str | date | None = None
                        ) -> list[dict[str, Any]]:
    """The recommendations (ids) as rows: ``recommendation``, ``review``, ``review_title``, ``number``,
    ``text``, ``owner``, ``actions`` and how many are ``complete`` on ``as_of`` (default today), and the
    provenance (``doc``, ``line_start``, ``line_end``, ``page``); in the reviews' order."""
    idx = _index(graph)
    day = _day(as_of or date.today(), "as-of date")
    recs = [n for n in (idx.nodes.get(r) for r in rec_ids) if isinstance(n, Recommendation)]
    recs.sort(key=lambda r: (idx.review_label(r.review).lower(), r.ordinal, r.id))
    rows = []
    for rec in recs:
        acts = idx.actions_of(rec.id)
        rows.append({"recommendation": rec.id, "review": rec.review,
                     "review_title": idx.review_label(rec.review), "number": rec.number, "text": rec.text,
                     "owner": idx.owner_of(rec), "actions": len(acts),
                     "complete": sum(1 for a in acts if idx.status_as_of(a, day) == COMPLETE),
                     "doc": rec.doc, "line_start": rec.line_start, "line_end": rec.line_end,
                     "page": rec.page})
    return rows


# -- actions per agency -------------------------------------------------------------------------------------
def _agencies_of_action(idx: GraphIndex, action: Action) -> list[Agency]:
    """The agencies leading the action; failing that, those its recommendation is addressed to."""
    leads = [a for a in idx.out(action.id, "LED_BY") if isinstance(a, Agency)]
    if leads:
        return leads
    rec = _rec(idx, action)
    return idx.agencies_of(rec.id) if rec is not None else []


def _state(idx: GraphIndex, action: Action, day: date) -> tuple[str, str]:
    """``(status on the day, 'complete' | 'overdue' | 'open')`` by the gap report's rules."""
    status = idx.status_as_of(action, day)
    if status == COMPLETE:
        return status, "complete"
    deadline = _deadline(action)
    return status, ("overdue" if deadline is not None and deadline < day else "open")


def agency_actions(graph: GraphLike, as_of: str | date, review: str | None = None) -> list[dict[str, Any]]:
    """One row per (action, agency): ``agency`` (id, or None), ``name``, ``state`` (complete, overdue or
    open on ``as_of``), ``status``, the action, its review and recommendation, ``target`` as written and
    ``deadline`` (ISO). An action led by two agencies appears under both; one with none under
    :data:`NO_AGENCY`."""
    idx = _index(graph)
    day = _day(as_of, "as-of date")
    rows = []
    for act in idx.actions():
        if review and act.review != review:
            continue
        status, state = _state(idx, act, day)
        rec = _rec(idx, act)
        deadline = _deadline(act)
        base = {"state": state, "status": status, "action": act.id, "text": act.text,
                "review": act.review, "review_title": idx.review_label(act.review),
                "recommendation": rec.id if rec else None, "number": rec.number if rec else None,
                "target": act.target_raw or (deadline.isoformat() if deadline else ""),
                "deadline": deadline.isoformat() if deadline else None}
        agencies = _agencies_of_action(idx, act)
        for agency in agencies or [None]:
            rows.append({"agency": agency.id if agency else None,
                         "name": agency.name if agency else NO_AGENCY, **base})
    return rows


def actions_by_agency(graph: GraphLike, as_of: str | date, review: str | None = None) -> list[dict[str, Any]]:
    """Per agency: ``overdue``, ``open`` and ``complete`` actions on ``as_of`` and their ``total``; most
    overdue first, :data:`NO_AGENCY` last. The overdue and open counts are the gap report's, shared out by
    the agencies leading each action (or owning its recommendation)."""
    tally: dict[tuple[str | None, str], dict[str, int]] = {}
    for r in agency_actions(graph, as_of, review):
        counts = tally.setdefault((r["agency"], r["name"]), {"overdue": 0, "open": 0, "complete": 0})
        counts[r["state"]] += 1
    rows = [{"agency": a, "name": n, **c, "total": sum(c.values())} for (a, n), c in tally.items()]
    rows.sort(key=lambda r: (r["agency"] is None, -r["overdue"], -r["open"], -r["total"], r["name"].lower()))
    return rows


def state_totals(graph: GraphLike, as_of: str | date, review: str | None = None) -> dict[str, int]:
    """Overdue, open and complete actions on ``as_of``, each action counted once (the gap report's counts)."""
    seen = {r["action"]: r["state"] for r in agency_actions(graph, as_of, review)}
    totals = {"overdue": 0, "open": 0, "complete": 0}
    for state in seen.values():
        totals[state] += 1
    return totals


# -- status over time ----------------------------------------------------------------------------------------
def status_history(idx: GraphIndex, action: Action) -> list[tuple[Update, StatusUpdate]]:
    """The action's status updates in the rule's order (:func:`reviewgraph.graph.status.update_key`: by date, undated
    first; on one date the action plan, then a report, then a progress update)."""
    pairs = []
    for su in idx.out(action.id, "HAS_STATUS"):
        if not isinstance(su, StatusUpdate):
            continue
        doc = idx.nodes.get(su.doc)
        pairs.append((Update(su.as_of, str(getattr(doc, "doc_kind", "") or ""),
                             str(getattr(doc, "file_name", "") or ""), str(su.status)), su))
    pairs.sort(key=lambda p: (parse_iso(p[0].as_of) is not None, update_key(p[0])))
    return pairs


def action_timeline(graph: GraphLike, review: str, as_of: str | date | None = None) -> list[dict[str, Any]]:
    """Each action of a review: its recommendation, ``target`` (as written) and ``deadline``, its status on
    ``as_of`` (default today) and ``updates``: the statuses its documents recorded, in order, each
    ``{"as_of", "status", "file", "doc", "line_start", "line_end", "page", "changed"}`` (``changed``: the
    status differs from the one before)."""
    idx = _index(graph)
    day = _day(as_of or date.today(), "as-of date")
    rows = []
    recs = [n for n in idx.out(review, "MADE") if isinstance(n, Recommendation)]
    recs.sort(key=lambda r: (r.ordinal, r.id))
    for rec in recs:
        for act in idx.actions_of(rec.id):
            before: str | None = None
            updates = []
            for u, su in status_history(idx, act):
                updates.append({"as_of": parse_iso(u.as_of).isoformat() if parse_iso(u.as_of) else None,
                                "status": u.status, "file": u.file_name, "doc": su.doc,
                                "line_start": su.line_start, "line_end": su.line_end, "page": su.page,
                                "changed": before is not None and u.status != before})
                before = u.status
            status, state = _state(idx, act, day)
            deadline = _deadline(act)
            rows.append({"action": act.id, "recommendation": rec.id, "number": rec.number,
                         "ordinal": act.ordinal, "text": act.text, "owner": idx.owner_of(rec),
                         "target": act.target_raw or "",
                         "deadline": deadline.isoformat() if deadline else None, "status": status,
                         "state": state, "updates": updates})
    return rows


def status_changes(graph: GraphLike, since: str | date, until: str | date | None = None,
                   reviews: Iterable[str] | None = None) -> list[dict[str, Any]]:
    """What changed between ``since`` and ``until`` (default today): one row per move of an action's status
    recorded by an update dated after ``since`` and on or before ``until``.

    The status before the first move is the action's status on ``since`` (the rule); each later update in
    the rule's order moves it when it records another status. ``first`` is True when no earlier update of
    the action exists (the action is new since the date, not moved). Of several updates dated the same day,
    only the one the status rule takes counts (a plan's blank and a progress update's "complete" that day are
    one move, to complete). Rows: ``action``, ``text``, ``review``,
    ``review_title``, ``recommendation``, ``number``, ``owner``, ``on`` (the update's date), ``before``,
    ``after``, ``first``, and the update's provenance (``file``, ``doc``, ``line_start``, ``line_end``,
    ``page``). Newest first. The last ``after`` of an action is its status on ``until``.

    >>> from reviewgraph.queries.examples import example_graph
    >>> status_changes(example_graph(), "2021-01-01", "2022-12-31")
    []
    """
    idx = _index(graph)
    start = _day(since, "date to compare from")
    end = _day(until or date.today(), "date to compare to")
    if end < start:
        raise ValueError(f"the end date {end} is before the start date {start}")
    wanted = set(reviews) if reviews else None
    rows = []
    for act in idx.actions():
        if wanted is not None and act.review not in wanted:
            continue
        history = status_history(idx, act)
        status = idx.status_as_of(act, start)
        earlier = False
        days = [parse_iso(u.as_of) for u, _ in history]
        for k, (u, su) in enumerate(history):
            d = days[k]
            if d is None or d <= start:
                earlier = True
                continue
            if d > end:
                break
            if k + 1 < len(history) and days[k + 1] == d:
                continue  # another update the same day comes later in the rule's order: it alone is the status
            if u.status != status:
                rec = _rec(idx, act)
                rows.append({"action": act.id, "text": act.text, "review": act.review,
                             "review_title": idx.review_label(act.review),
                             "recommendation": act.recommendation, "number": rec.number if rec else None,
                             "owner": idx.owner_of(rec) if rec else None,
                             "on": d.isoformat(), "before": status, "after": u.status, "first": not earlier,
                             "file": u.file_name, "doc": su.doc, "line_start": su.line_start,
                             "line_end": su.line_end, "page": su.page})
                status = u.status
            earlier = True
    rows.sort(key=lambda r: (r["on"], r["review_title"], r["action"]), reverse=True)
    return rows


def latest_update_date(graph: GraphLike) -> date | None:
    """The date of the latest dated status update in the store (what "changed since" counts back from)."""
    idx = _index(graph)
    dates = [d for su in idx.of_kind("StatusUpdate") if (d := parse_iso(getattr(su, "as_of", None)))]
    return max(dates) if dates else None
