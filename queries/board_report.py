"""The board report's content: what a safeguarding board reads, as plain rows of words, from the gap queries.

:func:`board_report` gathers, for a date and a scope (every review, one review, one agency):

- the figures (reviews, recommendations and actions in scope; overdue, open and complete actions; the
  recommendations with no owner, no target date or no measurable outcome; the recurring themes with nothing
  completed; the status changes since a date);
- the overdue and open actions grouped by the agency that owns them (the owner ``reviewgraph gaps`` gives),
  each with its lead, target, latest update and source;
- the recommendations with no owner, no target date or no measurable outcome, one line each;
- the themes found in two or more reviews with no completed action;
- the actions whose status moved between successive updates since a date.

Nothing here decides a status or a gap: the rows are :func:`reviewgraph.queries.gaps.find_gaps`'s, the status of an action
on a date is :meth:`reviewgraph.queries.index.GraphIndex.status_as_of`'s, the themes' reach is
:func:`reviewgraph.queries.themes.shared_themes`'s. Every value is words a board member reads: no node ids, no property
names, sources as a file name with lines or page (never a document hash). The document is written by
:mod:`reviewgraph.app.board` (Word and PDF, with charts).

>>> from reviewgraph.queries.examples import example_graph
>>> rep = board_report(example_graph(), "2022-12-31")
>>> rep.figure("Overdue actions"), rep.overdue_by_agency(), rep.open_by_agency()
(1, {'Northby Police': 1}, {'No owner recorded': 1})
>>> late = rep.agencies[0].overdue[0]
>>> late.target, late.status, late.source
('31 March 2022', 'not started', '2.txt, lines 30-31')
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from reviewgraph.graph.graphdata import ReviewGraph
from reviewgraph.graph.labels import document_files, node_source, status_label
from reviewgraph.graph.model import Action, Agency, Document, Node, Recommendation, Review, StatusUpdate
from reviewgraph.graph.status import Update, update_key
from reviewgraph.queries.gaps import find_gaps
from reviewgraph.queries.index import GraphIndex, parse_iso
from reviewgraph.queries.themes import shared_themes

__all__ = ["ActionLine", "AgencyActions", "BoardReport", "ChangeLine", "RecLine", "ThemeLine", "NO_OWNER",
           "MISSING_KINDS", "board_report", "redacted", "source_text", "status_words"]

NO_OWNER = "No owner recorded"
#: the gap kinds of the "recommendations missing something" section, and how a line names each
MISSING_KINDS = {"no_owner": "no owner", "no_target_date": "no target date",
                 "no_measurable_outcome": "no measurable outcome"}
#: characters of a progress note kept in a table cell
NOTE_CHARS = 220


def status_words(status: str | None) -> str:
    """An action's status in words (the app's, :func:`reviewgraph.graph.labels.status_label`).

    >>> status_words("in_progress"), status_words("unknown")
    ('in progress', 'no status recorded')
    """
    return status_label(str(status or "unknown"))


def _long_date(d: date | str | None) -> str:
    """A date as a board paper writes it.

    >>> _long_date("2021-04-30")
    '30 April 2021'
    """
    day = parse_iso(d)
    return f"{day.day} {day.strftime('%B %Y')}" if day else ""


def source_text(graph: ReviewGraph, node: Node | None, files: dict[str, str] | None = None) -> str:
    """Where a fact was read, as the app and the CSVs say it (:func:`reviewgraph.graph.labels.source_label`): the file
    name with its page or lines, never the document's id (``files``: the graph's document file names, from
    :func:`reviewgraph.graph.labels.document_files`, worked out when not given).

    >>> from reviewgraph.queries.examples import example_graph
    >>> g = example_graph()
    >>> source_text(g, next(iter(g.of_kind("Recommendation"))))
    '1.txt, lines 10-11'
    """
    return node_source(graph, node, files) if node is not None else ""


@dataclass(frozen=True)
class ActionLine:
    """One overdue or open action, in words."""

    review: str
    recommendation: str
    action: str
    lead: str
    target: str
    status: str
    latest_update: str
    source: str


@dataclass
class AgencyActions:
    """An owner's overdue and open actions (``agency`` is the owner as ``reviewgraph gaps`` names it)."""

    agency: str
    overdue: list[ActionLine] = field(default_factory=list)
    open: list[ActionLine] = field(default_factory=list)
    complete: int = 0


@dataclass(frozen=True)
class RecLine:
    """A recommendation with no owner, no target date or no measurable outcome (``missing`` in words)."""

    review: str
    number: str
    text: str
    owner: str
    missing: tuple[str, ...]
    source: str


@dataclass(frozen=True)
class ThemeLine:
    theme: str
    reviews: tuple[str, ...]
    recommendations: int
    detail: str


@dataclass(frozen=True)
class ChangeLine:
    """An action whose status moved between two successive updates (``day``: the later update's date)."""

    day: date
    review: str
    recommendation: str
    action: str
    owner: str
    before: str
    after: str
    source: str

    @property
    def on(self) -> str:
        return _long_date(self.day)


@dataclass
class BoardReport:
    as_of: date
    scope: str
    since: date | None
    figures: list[tuple[str, int]]
    agencies: list[AgencyActions]
    recommendations: list[RecLine]
    missing_counts: dict[str, int]
    themes: list[ThemeLine]
    theme_reach: list[tuple[str, int, bool]]
    changes: list[ChangeLine]
    documents: list[tuple[str, str, str]]
    notes: list[str] = field(default_factory=list)

    @property
    def title(self) -> str:
        return "Review recommendations and actions: report to the board"

    @property
    def as_of_text(self) -> str:
        return _long_date(self.as_of)

    @property
    def since_text(self) -> str:
        return _long_date(self.since) if self.since else ""

    def figure(self, label: str) -> int:
        return dict(self.figures)[label]

    def overdue_by_agency(self) -> dict[str, int]:
        return {a.agency: len(a.overdue) for a in self.agencies if a.overdue}

    def open_by_agency(self) -> dict[str, int]:
        return {a.agency: len(a.open) for a in self.agencies if a.open}


# -- building ----------------------------------------------------------------------------------------------
def _agency_match(idx: GraphIndex, agency: str | None) -> set[str]:
    """Names (case folded) of the agencies ``agency`` names: the one whose name or alias it is, else every one
    whose name or alias contains it (any case)."""
    if not agency:
        return set()
    q = agency.casefold().strip()
    agencies = [a for a in idx.of_kind("Agency") if isinstance(a, Agency)]
    exact = {a.name.casefold() for a in agencies if q in (n.casefold() for n in (a.name, *a.aliases))}
    names = exact or {a.name.casefold() for a in agencies
                      if any(q in n.casefold() for n in (a.name, *a.aliases))}
    if not names:
        raise ValueError(f"no agency in the store is called anything like {agency!r}")
    return names


def _touches(idx: GraphIndex, wanted: set[str], owner: str | None, action: Action | None) -> bool:
    names = {n.strip().casefold() for n in (owner or "").split(";") if n.strip()}
    if action is not None:
        names.update(a.name.casefold() for a in idx.out(action.id, "LED_BY") if isinstance(a, Agency))
    return bool(names & wanted)


def _leads(idx: GraphIndex, act: Action) -> str:
    names = [a.name for a in idx.out(act.id, "LED_BY") if isinstance(a, Agency)]
    return act.lead or "; ".join(names)


def _history(idx: GraphIndex, act: Action) -> list[tuple[Update, StatusUpdate]]:
    """The action's dated updates in the order of the one status rule (:func:`reviewgraph.graph.status.update_key`)."""
    pairs = []
    for su in idx.out(act.id, "HAS_STATUS"):
        if not isinstance(su, StatusUpdate) or parse_iso(su.as_of) is None:
            continue
        doc = idx.nodes.get(su.doc)
        kind = str(doc.doc_kind) if isinstance(doc, Document) else ""
        name = doc.file_name if isinstance(doc, Document) else ""
        pairs.append((Update(su.as_of, kind, name, str(su.status)), su))
    pairs.sort(key=lambda p: update_key(p[0]))
    return pairs


def _latest_update(idx: GraphIndex, act: Action, day: date) -> StatusUpdate | None:
    """The update that gives the action its status on ``day`` (the rule's latest dated on or before it)."""
    before = [su for u, su in _history(idx, act) if (parse_iso(u.as_of) or date.max) <= day]
    return before[-1] if before else None


def _update_words(idx: GraphIndex, act: Action, day: date, status: str) -> str:
    su = _latest_update(idx, act, day)
    when = _long_date(su.as_of) if su else _long_date(act.as_of)
    note = " ".join(((su.progress if su else None) or act.progress or "").split())
    if len(note) > NOTE_CHARS:
        note = note[: NOTE_CHARS - 1] + "\u2026"
    head = f"{status_words(status).capitalize()}" + (f" ({when})" if when else "")
    return f"{head}: {note}" if note else head


def _action_line(idx: GraphIndex, row: dict[str, Any], day: date, files: dict[str, str]) -> ActionLine:
    act = idx.nodes[row["action"]]
    assert isinstance(act, Action)
    status = idx.status_as_of(act, day)
    return ActionLine(review=row["review_title"] or "", recommendation=row["number"] or "",
                      action=" ".join((act.text or "").split()), lead=_leads(idx, act),
                      target=act.target_raw or _long_date(act.target_end or act.target) or "none",
                      status=status_words(status), latest_update=_update_words(idx, act, day, status),
                      source=source_text(idx.graph, act, files))


def _changes(idx: GraphIndex, actions: list[Action], since: date, day: date,
             files: dict[str, str]) -> list[ChangeLine]:
    """Actions whose status moved between ``since`` and ``day``: from the status on ``since``, date by date
    over the dates of the action's updates after ``since`` up to ``day``, a move wherever the status on that
    date (the one rule: a later document wins a shared date) differs from the one before. Updates sharing a
    date make one step (a plan's blank and its progress update's "complete" on one day are "complete")."""
    out = []
    for act in actions:
        status = idx.status_as_of(act, since)
        rec = idx.nodes.get(act.recommendation)
        history = _history(idx, act)
        for d in sorted({parse_iso(u.as_of) for u, _ in history} - {None}):
            if d <= since or d > day:
                continue
            now = idx.status_as_of(act, d)
            if now == status:
                continue
            su = [s for u, s in history if parse_iso(u.as_of) == d][-1]  # the update that wins the date
            out.append(ChangeLine(
                day=d, review=idx.review_label(act.review),
                recommendation=rec.number if isinstance(rec, Recommendation) else "",
                action=" ".join((act.text or "").split()),
                owner=(idx.owner_of(rec) if isinstance(rec, Recommendation) else None) or NO_OWNER,
                before=status_words(status), after=status_words(now),
                source=source_text(idx.graph, su, files)))
            status = now
    out.sort(key=lambda c: (c.day, c.review, _num_key(c.recommendation)))
    return out


def _scope_words(idx: GraphIndex, review: str | None, wanted: set[str]) -> str:
    parts = []
    if review:
        parts.append(f"review {idx.review_label(review)}")
    if wanted:
        names = sorted(a.name for a in idx.of_kind("Agency")
                       if isinstance(a, Agency) and a.name.casefold() in wanted)
        shown = ", ".join(names[:4]) + (f" and {len(names) - 4} more" if len(names) > 4 else "")
        parts.append(f"what {shown} {'owns or leads' if len(names) == 1 else 'own or lead'}")
    return "; ".join(parts) if parts else "all reviews in the store"


def board_report(graph: ReviewGraph | GraphIndex, as_of: str | date, review: str | None = None,
                 agency: str | None = None, since: str | date | None = None) -> BoardReport:
    """The board report's content as of ``as_of`` for every review, one review (its id) or one agency (part of
    its name or alias), with the status changes from ``since`` (default: none listed)."""
    idx = graph if isinstance(graph, GraphIndex) else GraphIndex(graph)
    day = parse_iso(as_of)
    if day is None:
        raise ValueError(f"not a date: {as_of!r} (write YYYY-MM-DD)")
    since_d = parse_iso(since)
    if since is not None and since_d is None:
        raise ValueError(f"not a date: {since!r} (write YYYY-MM-DD)")
    if review is not None and not isinstance(idx.nodes.get(review), Review):
        raise ValueError(f"no review {review!r} in the store")
    wanted = _agency_match(idx, agency)
    files = document_files(idx.graph)

    def keep_row(row: dict[str, Any]) -> bool:
        if not wanted:
            return True
        act = idx.nodes.get(row["action"]) if row.get("action") else None
        return _touches(idx, wanted, row["owner"], act if isinstance(act, Action) else None)

    rows = [r for r in find_gaps(idx, day, kinds=["overdue", "open", *MISSING_KINDS,
                                                   "recurring_theme_unresolved"], review=review)]
    by_kind: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        by_kind.setdefault(r["kind"], []).append(r)

    # actions in scope, and the owner each is counted under (the owner gaps gives its rows)
    actions: list[Action] = []
    owner_of: dict[str, str] = {}
    for act in idx.actions():
        if review and act.review != review:
            continue
        rec = idx.nodes.get(act.recommendation)
        owner = idx.owner_of(rec) if isinstance(rec, Recommendation) else None
        if wanted and not _touches(idx, wanted, owner, act):
            continue
        actions.append(act)
        owner_of[act.id] = owner or NO_OWNER

    groups: dict[str, AgencyActions] = {}
    for kind in ("overdue", "open"):
        for r in sorted((r for r in by_kind.get(kind, []) if keep_row(r)),
                        key=lambda r: (r["review_title"] or "", _num_key(r["number"]))):
            owner = r["owner"] or NO_OWNER
            group = groups.setdefault(owner, AgencyActions(owner))
            getattr(group, kind).append(_action_line(idx, r, day, files))
    not_complete = Counter(a.agency for a in groups.values() for _ in (*a.overdue, *a.open))
    totals = Counter(owner_of.values())
    for owner, total in totals.items():
        group = groups.setdefault(owner, AgencyActions(owner))
        group.complete = total - not_complete.get(owner, 0)
    agencies = sorted(groups.values(), key=lambda a: (-len(a.overdue), -len(a.open), a.agency.casefold()))

    # recommendations missing an owner, a target date or a measurable outcome: one line each
    missing: dict[str, tuple[dict[str, Any], list[str]]] = {}
    missing_counts = {}
    for kind, words in MISSING_KINDS.items():
        kept = [r for r in by_kind.get(kind, []) if keep_row(r)]
        missing_counts[kind] = len(kept)
        for r in kept:
            missing.setdefault(r["recommendation"], (r, []))[1].append(words)
    recs = []
    for rec_id, (r, what) in missing.items():
        rec = idx.nodes[rec_id]
        recs.append(RecLine(review=r["review_title"] or "", number=r["number"] or "",
                            text=" ".join((r["text"] or "").split()), owner=r["owner"] or NO_OWNER,
                            missing=tuple(what), source=source_text(idx.graph, rec, files)))
    recs.sort(key=lambda x: (x.review, _num_key(x.number)))

    # recurring themes with nothing completed, and how far every theme reaches
    reach = {t["label"]: t for t in shared_themes(idx, agency=agency if wanted else None, review=review)}
    themes = []
    for r in by_kind.get("recurring_theme_unresolved", []):
        label = (r["text"] or "").removeprefix("theme: ")
        if wanted and label not in reach:
            continue
        themes.append(ThemeLine(theme=label, reviews=tuple(r["review_title"].split("; ")),
                                recommendations=reach[label]["recommendation_count"] if label in reach else 0,
                                detail=r["detail"]))
    unresolved = {t.theme for t in themes}
    theme_reach = [(t["label"], t["review_count"], t["label"] in unresolved)
                   for t in sorted(reach.values(), key=lambda t: (-t["review_count"], t["label"]))]

    changes = _changes(idx, actions, since_d, day, files) if since_d else []

    review_ids = ({review} if review else {a.review for a in actions} | {
        r.review for r in idx.recommendations() if not wanted})
    documents = sorted(
        (d.file_name, idx.review_label(d.review), _long_date(d.as_of) or "undated")
        for d in idx.of_kind("Document") if isinstance(d, Document) and d.review in review_ids)
    n_recs = sum(1 for r in idx.recommendations() if r.review in review_ids
                 and (not wanted or _touches(idx, wanted, idx.owner_of(r), None)
                      or any(a.id in owner_of for a in idx.actions_of(r.id))))
    n_overdue = sum(len(a.overdue) for a in agencies)
    n_open = sum(len(a.open) for a in agencies)
    figures = [("Reviews", len(review_ids)), ("Recommendations", n_recs), ("Actions", len(actions)),
               ("Overdue actions", n_overdue), ("Open actions not yet due", n_open),
               ("Complete actions", len(actions) - n_overdue - n_open),
               ("Recommendations with no owner", missing_counts["no_owner"]),
               ("Recommendations with no target date", missing_counts["no_target_date"]),
               ("Recommendations with no measurable outcome", missing_counts["no_measurable_outcome"]),
               ("Recurring themes with no completed action", len(themes))]
    if since_d:
        figures.append((f"Status changes since {_long_date(since_d)}", len(changes)))
    notes = []
    if wanted:
        notes.append("Recommendations with no owner are tied to no agency, so none is listed for one agency.")
    return BoardReport(as_of=day, scope=_scope_words(idx, review, wanted), since=since_d, figures=figures,
                       agencies=agencies, recommendations=recs, missing_counts=missing_counts, themes=themes,
                       theme_reach=theme_reach, changes=changes, documents=documents, notes=notes)


def _num_key(number: str | None) -> tuple[Any, ...]:
    """Recommendation numbers in reading order: "2" before "10", "16.2" before "16.10".

    >>> sorted(["16.10", "2", "16.2", "B"], key=_num_key)
    ['2', '16.2', '16.10', 'B']
    """
    parts = []
    for p in (number or "").replace("-", ".").split("."):
        parts.append((0, int(p), "") if p.isdigit() else (1, 0, p))
    return tuple(parts)


def redacted(report: BoardReport, sub: Callable[[str], str]) -> BoardReport:
    """A copy of ``report`` with ``sub`` applied to every word it holds (names to ``[redacted]``: ``sub`` is a
    :class:`reviewgraph.graph.redact.Redactor`'s); counts and dates are left as they are.

    >>> from reviewgraph.queries.examples import example_graph
    >>> rep = redacted(board_report(example_graph(), "2022-12-31"), lambda s: s.replace("Northby", "[x]"))
    >>> rep.overdue_by_agency()
    {'[x] Police': 1}
    """
    def walk(value: Any) -> Any:
        if isinstance(value, str):
            return sub(value)
        if isinstance(value, (list, tuple)):
            return type(value)(walk(v) for v in value)
        if isinstance(value, dict):
            return {walk(k): walk(v) for k, v in value.items()}
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            return dataclasses.replace(value, **{f.name: walk(getattr(value, f.name))
                                                 for f in dataclasses.fields(value) if f.init})
        return value

    out = walk(report)
    out.missing_counts = dict(report.missing_counts)  # keys are gap kinds, not words
    return out
