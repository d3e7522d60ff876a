"""Gaps: what is left undone, unowned, unmeasured or inconsistent in the review graph.

Each gap kind is one function of the graph returning plain rows (dicts) with the same keys
(:data:`ROW_KEYS`): the gap ``kind`` and its words (``kind_label``), the review, the recommendation
(id, number, owner, text), the action where there is one, a ``detail`` in words, and the provenance
(``doc``, ``line_start``, ``line_end``) of the fact that shows the gap. :func:`find_gaps` runs them all.

Gap kinds (see docs/themes.md for the rules in full):

``overdue``            an action not complete on the date whose target date has passed
``open``               an action not complete on the date (target not yet passed, or none)
``no_owner``           a recommendation with no owner, no addressee and no action lead
``owner_ceased``       a recommendation owned by a body that had ceased by the date, with work still open
``no_action``          a recommendation with no action, in a review whose action plan was read
``no_target_date``     a recommendation whose actions have no target date and are not all complete
``no_measurable_outcome``  a recommendation whose actions record no outcome, or no outcome that can be measured
``recurring_theme_unresolved``  a theme in two or more reviews with no completed action on it
``agency_absent_from_plan``  an agency named in a review's learning or recommendations but absent from its plan
``national_no_response``  a recommendation to a national body with no recorded response
``date_anomaly``       a target before its start, or a date outside the review's life

Every kind but ``agency_absent_from_plan`` has a saved query listing the same rows (:data:`SAVED_QUERIES`);
that one matches agency names by string similarity, which no query language here can (:data:`NO_SAVED_QUERY`).

>>> from reviewgraph.queries.examples import example_graph
>>> g = example_graph()
>>> [(r["number"], r["detail"]) for r in overdue_actions(g, "2022-12-31")]
[('3', 'not started on 2022-12-31; target 2022-03-31')]
>>> [(r["kind"], r["number"]) for r in find_gaps(g, "2022-12-31", kinds=["no_owner", "date_anomaly"])]
[('no_owner', '2'), ('date_anomaly', '3')]
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from rapidfuzz import fuzz

from reviewgraph.graph.graphdata import ReviewGraph
from reviewgraph.graph.labels import status_on
from reviewgraph.graph.model import Action, Agency, Learning, Node, Recommendation, Review
from reviewgraph.queries.index import COMPLETE, GraphIndex, parse_iso

__all__ = ["GAP_KINDS", "ROW_KEYS", "find_gaps", "open_actions", "overdue_actions", "no_owner", "owner_ceased",
           "no_action", "no_target_date", "no_measurable_outcome", "recurring_theme_unresolved",
           "agencies_absent_from_plan", "national_no_response", "date_anomalies", "is_national",
           "LOOKBACK_YEARS", "LOOKAHEAD_YEARS", "SAVED_QUERIES", "NO_SAVED_QUERY", "saved_query_rows",
           "ceased_on"]

ROW_KEYS = ("kind", "kind_label", "review", "review_title", "recommendation", "number", "owner", "text",
            "action", "detail", "doc", "line_start", "line_end")

#: a date more than this many years before the review's death date (or its earliest document date when the
#: death date is unknown) is outside the review's life
LOOKBACK_YEARS = 3
#: a date more than this many years after the review's publication (or its latest document) is outside it
LOOKAHEAD_YEARS = 5

GraphLike = ReviewGraph | GraphIndex


def _index(graph: GraphLike) -> GraphIndex:
    return graph if isinstance(graph, GraphIndex) else GraphIndex(graph)


def _as_date(as_of: str | date | None) -> date | None:
    d = parse_iso(as_of)
    if as_of is not None and d is None:
        raise ValueError(f"not an ISO date: {as_of!r} (write YYYY-MM-DD)")
    return d


def _row(idx: GraphIndex, kind: str, rec: Recommendation | None, prov: Node, detail: str,
         action: Action | None = None, review: str | None = None, text: str | None = None) -> dict[str, Any]:
    review_id = review or (rec.review if rec else getattr(prov, "review", None))
    return {
        "kind": kind, "kind_label": GAP_LABELS[kind], "review": review_id,
        "review_title": idx.review_label(review_id),
        "recommendation": rec.id if rec else None, "number": rec.number if rec else None,
        "owner": idx.owner_of(rec) if rec else None,
        "text": text if text is not None else (rec.text if rec else ""),
        "action": action.id if action else None, "detail": detail,
        "doc": prov.doc, "line_start": prov.line_start, "line_end": prov.line_end,
    }


def _rec_of(idx: GraphIndex, action: Action) -> Recommendation | None:
    node = idx.nodes.get(action.recommendation)
    return node if isinstance(node, Recommendation) else None


def _deadline(action: Action) -> date | None:
    return parse_iso(action.target_end) or parse_iso(action.target)


# -- actions open or overdue ------------------------------------------------------------------------------
def _open(idx: GraphIndex, as_of: date, want_overdue: bool) -> list[dict[str, Any]]:
    rows = []
    for act in idx.actions():
        status = idx.status_as_of(act, as_of)
        if status == COMPLETE:
            continue
        deadline = _deadline(act)
        overdue = deadline is not None and deadline < as_of
        if overdue != want_overdue:
            continue
        rec = _rec_of(idx, act)
        when = f"target {act.target_raw or deadline}" if deadline else "no target date"
        detail = f"{status_on(status, as_of.isoformat())}; {when}"
        rows.append(_row(idx, "overdue" if overdue else "open", rec, act, detail, action=act))
    return rows


def overdue_actions(graph: GraphLike, as_of: str | date) -> list[dict[str, Any]]:
    """Actions not complete on ``as_of`` whose target date (the end of the target period) has passed."""
    return _open(_index(graph), _as_date(as_of) or date.today(), True)


def open_actions(graph: GraphLike, as_of: str | date) -> list[dict[str, Any]]:
    """Actions not complete on ``as_of`` that are not (yet) overdue: target still ahead, or none at all."""
    return _open(_index(graph), _as_date(as_of) or date.today(), False)


# -- ownership --------------------------------------------------------------------------------------------
def no_owner(graph: GraphLike) -> list[dict[str, Any]]:
    """Recommendations with no owner, addressed to no agency, and with no action that names a lead."""
    idx = _index(graph)
    return [_row(idx, "no_owner", rec, rec, "no owner, addressee or action lead recorded")
            for rec in idx.recommendations() if idx.owner_of(rec) is None]


def ceased_on(agency: Agency) -> date | None:
    """The day a body had certainly ceased by: its ``active_until`` date; a year alone (the registry's
    "2012" for Harmoni) counts from the last day of that year.

    >>> ceased_on(Agency(id="agency:x", name="X", active_until="2012", doc="registry:agencies", line_start=0,
    ...                  line_end=0))
    datetime.date(2012, 12, 31)
    """
    text = (agency.active_until or "").strip()
    if len(text) == 4 and text.isdigit():
        return date(int(text), 12, 31)
    return parse_iso(text)


def owner_ceased(graph: GraphLike, as_of: str | date) -> list[dict[str, Any]]:
    """Recommendations addressed to (or led by) a body that had ceased by ``as_of`` (:func:`ceased_on`) while
    work is still open: the recommendation has no action, or an action not complete on the date."""
    idx = _index(graph)
    day = _as_date(as_of) or date.today()
    rows = []
    for rec in idx.recommendations():
        acts = idx.actions_of(rec.id)
        if acts and all(idx.status_as_of(a, day) == COMPLETE for a in acts):
            continue
        bodies = {a.id: a for a in idx.agencies_of(rec.id)}
        for act in acts:
            if idx.status_as_of(act, day) != COMPLETE:
                bodies.update({a.id: a for a in idx.out(act.id, "LED_BY") if isinstance(a, Agency)})
        for agency in sorted(bodies.values(), key=lambda a: a.id):
            ended = ceased_on(agency)
            if ended is None or ended > day:
                continue
            heirs = [n.name for n in idx.out(agency.id, "SUCCEEDED_BY") if isinstance(n, Agency)]
            heir = f"; succeeded by {', '.join(heirs)}" if heirs else "; no successor recorded"
            rows.append(_row(idx, "owner_ceased", rec, rec,
                             f"{agency.name} ceased on {agency.active_until}{heir}"))
    return rows


# -- plans without actions, dates or outcomes --------------------------------------------------------------
def no_action(graph: GraphLike) -> list[dict[str, Any]]:
    """Recommendations with no action, in reviews where an action plan was read (some recommendation has one)."""
    idx = _index(graph)
    planned = {r.id for r in idx.reviews() if idx.has_plan(r.id)}
    return [_row(idx, "no_action", rec, rec, "no action in the action plan")
            for rec in idx.recommendations() if rec.review in planned and not idx.actions_of(rec.id)]


def no_target_date(graph: GraphLike) -> list[dict[str, Any]]:
    """Recommendations with actions none of which has a target date, unless all of them are complete."""
    idx = _index(graph)
    rows = []
    for rec in idx.recommendations():
        acts = idx.actions_of(rec.id)
        if not acts or any(_deadline(a) for a in acts) or all(str(a.status) == COMPLETE for a in acts):
            continue
        raw = "; ".join(dict.fromkeys(a.target_raw for a in acts if a.target_raw))
        detail = f"target written as {raw!r}, not a date" if raw else "no target date"
        rows.append(_row(idx, "no_target_date", rec, acts[0], detail, action=acts[0]))
    return rows


_MEASURE = re.compile(
    r"\d|%|\b(?:measur\w*|monitor\w*|audit\w*|dip[- ]?sampl\w*|data|figures?|number of|percentage|rates?|"
    r"increase\w*|reduc\w*|complian\w*|KPIs?|indicators?|performance|targets?|evaluat\w*|review(?:ed)? by|"
    r"reports? to|minutes|record of|attendance|survey\w*|feedback|inspect\w*|evidenced? by)\b", re.I)


def no_measurable_outcome(graph: GraphLike) -> list[dict[str, Any]]:
    """Recommendations whose actions record no outcome, or an outcome with nothing that could be measured.

    An outcome counts as measurable when its outcome or milestones text names a number, a rate, an audit, a
    dip sample, monitoring, data, minutes, attendance, an inspection or similar evidence (see ``_MEASURE``).
    """
    idx = _index(graph)
    rows = []
    for rec in idx.recommendations():
        acts = idx.actions_of(rec.id)
        if not acts:
            continue
        texts = [t for a in acts for t in (a.outcome, a.milestones) if t and t.strip()]
        if not texts:
            rows.append(_row(idx, "no_measurable_outcome", rec, acts[0], "no outcome recorded", action=acts[0]))
        elif not any(_MEASURE.search(t) for t in texts):
            rows.append(_row(idx, "no_measurable_outcome", rec, acts[0],
                             f"outcome names no measure: {texts[0][:80]!r}", action=acts[0]))
    return rows


# -- themes -------------------------------------------------------------------------------------------------
def recurring_theme_unresolved(graph: GraphLike, as_of: str | date | None = None,
                               min_reviews: int = 2) -> list[dict[str, Any]]:
    """Themes found in ``min_reviews`` or more reviews with no completed action on them.

    An action is on a theme when it is tagged with it or its recommendation is. One row per theme; its
    ``review`` lists the reviews, ``text`` names the theme.
    """
    idx = _index(graph)
    day = _as_date(as_of)
    rows = []
    for theme in idx.themes():
        items = idx.inn(theme.id, "ABOUT")
        reviews = sorted({getattr(i, "review", None) for i in items} - {None})
        if len(reviews) < min_reviews:
            continue
        actions: dict[str, Action] = {}
        for item in items:
            if isinstance(item, Action):
                actions[item.id] = item
            elif isinstance(item, Recommendation):
                actions.update({a.id: a for a in idx.actions_of(item.id)})
        done = [a for a in actions.values() if idx.status_as_of(a, day) == COMPLETE]
        if done:
            continue
        detail = (f"in {len(reviews)} reviews; {len(actions)} actions, none complete" if actions
                  else f"in {len(reviews)} reviews; no action on it")
        row = _row(idx, "recurring_theme_unresolved", None, theme, detail, review="; ".join(reviews),
                   text=f"theme: {theme.label}")
        row["review_title"] = "; ".join(idx.review_label(r) for r in reviews)
        rows.append(row)
    return rows


# -- agencies -----------------------------------------------------------------------------------------------
_MINOR = frozenset({"and", "of", "the", "for", "in", "&"})


def _initials(name: str) -> str:
    return "".join(w[0] for w in re.findall(r"[A-Za-z][\w']*", name) if w.lower() not in _MINOR).upper()


def _may_be_same(mentioned: str, body: str, ignore: frozenset[str] = frozenset()) -> bool:
    """Whether an agency named in the text may be a plan agency under another name: contained in it
    ("Police" in "Cleveland Police"), its initials end the other's acronym ("Clinical Commissioning Group"
    and "ECCCG"), or most of its words are near-spellings of the other's ("Children's Services" and
    "Egret Cross Chilldren's"). Words in ``ignore`` (the review's place names) do not count.

    >>> _may_be_same("Adult Social Care", "LMASC"), _may_be_same("Safeguarding Adults Board", "Northby Police")
    (True, False)
    """
    m, b = mentioned.lower(), body.lower()
    if m in b:
        return True
    initials = _initials(mentioned)
    if len(initials) >= 2 and " " not in body.strip() and body.strip().upper().endswith(initials):
        return True
    words = [w.rstrip("'s") for w in re.findall(r"[a-z][\w']*", m)
             if w not in _MINOR and w not in ignore and len(w) >= 4]
    others = [w.rstrip("'s") for w in re.findall(r"[a-z][\w']*", b) if len(w) >= 4]
    if not words:
        return False
    near = sum(1 for w in words if any(fuzz.ratio(w, o) >= 85 for o in others))
    return near * 2 > len(words)


def agencies_absent_from_plan(graph: GraphLike) -> list[dict[str, Any]]:
    """Agencies named in a review's learning or recommendations but absent from its action plan.

    In the plan: agencies leading an action, or addressed by a recommendation that has actions. Only reviews
    whose plan was read. Left out: shared owners ("all agencies"), national bodies and agencies named in a
    national recommendation (those are the ``national_no_response`` gap), and a name that may be a plan
    agency's under another form (see ``_may_be_same``: "Police" beside "Cleveland Police", "Adult Social
    Care" beside "LMASC", "Children's Services" beside an OCR-damaged "Chilldren's"). The only kind with no
    saved query: see :data:`NO_SAVED_QUERY`.
    """
    idx = _index(graph)
    rows = []
    for review in idx.reviews():
        if not idx.has_plan(review.id):
            continue
        recs = [n for n in idx.out(review.id, "MADE") if isinstance(n, Recommendation)]
        lrns = [n for n in idx.out(review.id, "IDENTIFIED") if isinstance(n, Learning)]
        in_plan: set[str] = set()
        for rec in recs:
            acts = idx.actions_of(rec.id)
            if acts:
                in_plan.update(a.id for a in idx.agencies_of(rec.id))
            for act in acts:
                in_plan.update(e.target for e in idx.out_edges(act.id, "LED_BY"))
        named: dict[str, tuple[Node, Recommendation | None, str]] = {}
        for item in [*lrns, *recs]:
            for e in idx.out_edges(item.id, "MENTIONS") + idx.out_edges(item.id, "ADDRESSED_TO"):
                rec = item if isinstance(item, Recommendation) else None
                named.setdefault(e.target, (item, rec, f"{item.KIND.lower()} {getattr(item, 'number', '')}"))
        plan_names = [n.name.lower() for n in (idx.nodes.get(a) for a in in_plan) if isinstance(n, Agency)]
        places = frozenset(w.lower() for t in (review.area, review.partnership, review.title) if t
                           for w in re.findall(r"[A-Za-z]+", t))
        for agency_id, (item, rec, where) in sorted(named.items()):
            agency = idx.nodes.get(agency_id)
            if not isinstance(agency, Agency) or agency_id in in_plan:
                continue
            if agency.shared or str(agency.sector) == "national_body":
                continue
            if rec is not None and is_national(idx, rec):
                continue  # a national ask: the national_no_response gap
            if any(_may_be_same(agency.name, name, places) for name in plan_names):
                continue  # the same body under another name, or a generic name inside a plan agency's
            rows.append(_row(idx, "agency_absent_from_plan", rec, item,
                             f"{agency.name} named in {where.strip()} but leads no action in the plan",
                             review=review.id, text=getattr(item, "text", "")))
    return rows


# -- national recommendations -------------------------------------------------------------------------------
_NATIONAL_BODIES = (r"Home Office|Ministry of Justice|MoJ|Department (?:of|for) [A-Z][\w ]+|Government|"
                    r"CPS|Crown Prosecution Service|SafeLives|Safe Lives|CAADA|College of Policing|NHS England|"
                    r"HMCTS|HM Courts|Domestic Abuse Commissioner|Parliament|Cabinet Office|Ofsted|CQC|NICE")
_NATIONAL_ASK = re.compile(
    r"\bnational(?:ly)?\s+(?:concerns?|issues?)\b|"
    r"\b(?:raised?|raises|raising)\b(?:\W+\w+){0,4}?\W+nationally\b|"
    rf"\b(?:raises?|raised|raising|writes?|wrote|written|lobb(?:y|ies|ied)|asks?|asked|requests?|recommends?)\s+"
    rf"(?:(?:to|with)\s+)?(?:the\s+)?(?:{_NATIONAL_BODIES})\b|"
    r"\b(?:consider|revise|issue|update|produce|publish)\w*\s+(?:new\s+|its\s+|the\s+)?national\s+guidance\b")
_RESPONSE = re.compile(r"\b(?:response|reply|answer)\s+(?:\w+\s+){0,2}received\b|\b(?:responded|replied)\b|"
                       r"\breceived\s+(?:a\s+)?(?:response|reply|letter)\b", re.I)
_NO_RESPONSE = re.compile(r"\bno\s+(?:\w+\s+)?(?:response|reply|answer)\b|\bnot\s+(?:yet\s+)?"
                          r"(?:received|responded|replied)\b|\bawaiting\s+(?:a\s+)?(?:response|reply)\b", re.I)


def is_national(idx: GraphIndex, rec: Recommendation) -> bool:
    """A recommendation to a national body: scope national, addressed to a national body, or a national ask
    in its text ("raises with the Home Office", "asks the CPS", "the following national concern", "raised
    nationally", "to consider national guidance")."""
    if str(rec.scope or "") == "national":
        return True
    if any(str(a.sector) == "national_body" for a in idx.agencies_of(rec.id)):
        return True
    return bool(_NATIONAL_ASK.search(rec.text or ""))


def national_no_response(graph: GraphLike) -> list[dict[str, Any]]:
    """National recommendations with no recorded response: nothing in their actions' progress, outcome or
    status says a response was received (or it says none was)."""
    idx = _index(graph)
    rows = []
    for rec in idx.recommendations():
        if not is_national(idx, rec):
            continue
        acts = idx.actions_of(rec.id)
        texts = [t for a in acts for t in (a.progress, a.outcome, a.status_raw, a.milestones) if t]
        negative = next((m.group(0) for t in texts for m in [_NO_RESPONSE.search(t)] if m), None)
        positive = any(_RESPONSE.search(t) for t in texts)
        if positive and not negative:
            continue
        if negative:
            detail = f"progress says {negative!r}"
        elif acts:
            detail = "no response recorded in the plan"
        else:
            detail = "no action or response recorded"
        prov: Node = acts[0] if acts else rec
        rows.append(_row(idx, "national_no_response", rec, prov, detail, action=acts[0] if acts else None))
    return rows


# -- dates ------------------------------------------------------------------------------------------------
def _shift(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


def _review_life(idx: GraphIndex, review: Review | None) -> tuple[date | None, date | None]:
    if review is None:
        return None, None
    doc_dates = sorted(d for d in (parse_iso(getattr(n, "as_of", None)) for n in idx.out(review.id, "HAS_DOCUMENT"))
                       if d)
    published = parse_iso(review.published)
    death = parse_iso(review.death_date)
    first = death or published or (doc_dates[0] if doc_dates else None)
    last = published or (doc_dates[-1] if doc_dates else None)
    if doc_dates and last is not None:
        last = max(last, doc_dates[-1])
    low = _shift(first, -LOOKBACK_YEARS) if first and not death else death
    high = _shift(last, LOOKAHEAD_YEARS) if last else None
    return low, high


def date_anomalies(graph: GraphLike) -> list[dict[str, Any]]:
    """Actions whose target (end of the target period) precedes the start, or with a start or target outside
    the review's life: before the death (or :data:`LOOKBACK_YEARS` before the earliest known date of the
    review) or more than :data:`LOOKAHEAD_YEARS` after its publication (or latest document)."""
    idx = _index(graph)
    rows = []
    for act in idx.actions():
        rec = _rec_of(idx, act)
        start, target = parse_iso(act.start), _deadline(act)
        problems = []
        if start and target and target < start:
            problems.append(f"target {act.target_raw or target} is before start {act.start_raw or start}")
        low, high = _review_life(idx, idx.review_of(act))
        for name, d, raw in (("start", start, act.start_raw), ("target", parse_iso(act.target), act.target_raw)):
            if d is None:
                continue
            if low and d < low:
                problems.append(f"{name} {raw or d} is before the review's life (from {low})")
            elif high and d > high:
                problems.append(f"{name} {raw or d} is after the review's life (to {high})")
        for p in problems:
            rows.append(_row(idx, "date_anomaly", rec, act, p, action=act))
    return rows


GAP_LABELS: dict[str, str] = {
    "overdue": "overdue action",
    "open": "open action",
    "no_owner": "no owner",
    "owner_ceased": "owner no longer exists",
    "no_action": "no action planned",
    "no_target_date": "no target date",
    "no_measurable_outcome": "no measurable outcome",
    "recurring_theme_unresolved": "recurring theme, no completed action",
    "agency_absent_from_plan": "agency named but absent from plan",
    "national_no_response": "national recommendation, no response",
    "date_anomaly": "date anomaly",
}

#: kind -> (function, needs the as-of date)
GAP_KINDS: dict[str, tuple[Callable[..., list[dict[str, Any]]], bool]] = {
    "overdue": (overdue_actions, True),
    "open": (open_actions, True),
    "no_owner": (no_owner, False),
    "owner_ceased": (owner_ceased, True),
    "no_action": (no_action, False),
    "no_target_date": (no_target_date, False),
    "no_measurable_outcome": (no_measurable_outcome, False),
    "recurring_theme_unresolved": (recurring_theme_unresolved, True),
    "agency_absent_from_plan": (agencies_absent_from_plan, False),
    "national_no_response": (national_no_response, False),
    "date_anomaly": (date_anomalies, False),
}


#: the saved query (``queries/cypher|sparql/<name>``) listing each gap kind's rows, with the parameters that
#: make it do so and, for ``open``, the column that must be false on a row (the query lists overdue actions
#: too). ``tests/test_gap_queries.py`` holds each query's rows equal to the gap report's, kind by kind, on
#: LadybugDB, pyoxigraph and rdflib, on a synthetic plan with a case of every kind, the demo corpus and the
#: samples. The text patterns (``_MEASURE``, ``_NATIONAL_ASK``, ``_RESPONSE``, ``_NO_RESPONSE``) are written
#: into their queries as they are here, and a test holds them equal. One kind has no query: see
#: :data:`NO_SAVED_QUERY`.
SAVED_QUERIES: dict[str, tuple[str, dict[str, Any], str | None]] = {
    "overdue": ("actions_open_as_of", {"only_overdue": True}, None),
    "open": ("actions_open_as_of", {"only_overdue": False}, "overdue"),
    "no_owner": ("recommendations_without_owner", {}, None),
    "owner_ceased": ("recommendations_owner_ceased", {}, None),
    "no_action": ("recommendations_without_action", {}, None),
    "no_target_date": ("recommendations_without_target_date", {}, None),
    "no_measurable_outcome": ("recommendations_without_measurable_outcome", {}, None),
    "recurring_theme_unresolved": ("recurring_themes_unresolved", {}, None),
    "national_no_response": ("national_recommendations_without_response", {}, None),
    "date_anomaly": ("actions_date_anomalies", {}, None),
}

#: gap kinds that no saved query can list, and why
NO_SAVED_QUERY: dict[str, str] = {
    "agency_absent_from_plan": (
        "it decides whether an agency named in the text is a plan agency under another name by string "
        "similarity (rapidfuzz's ratio of near-spelt words, at least 85) and by initials ending another "
        "name's acronym; neither SPARQL nor portable Cypher has such a measure (named_in_learning_not_in_plan "
        "is the exact-name approximation)"),
}


def saved_query_rows(kind: str, records: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows of :data:`SAVED_QUERIES`' query for ``kind`` that are that kind's gaps."""
    _name, _params, false_column = SAVED_QUERIES[kind]
    return [r for r in records if not (false_column and r.get(false_column))]


def find_gaps(graph: GraphLike, as_of: str | date, kinds: Iterable[str] | None = None,
              review: str | None = None) -> list[dict[str, Any]]:
    """Every gap of the given kinds (all by default) as of a date, optionally for one review id."""
    idx = _index(graph)
    wanted = list(kinds) if kinds else list(GAP_KINDS)
    unknown = [k for k in wanted if k not in GAP_KINDS]
    if unknown:
        raise ValueError(f"unknown gap kind {unknown[0]!r}; choose from {', '.join(GAP_KINDS)}")
    day = _as_date(as_of)
    rows: list[dict[str, Any]] = []
    for kind in wanted:
        fn, dated = GAP_KINDS[kind]
        found = fn(idx, day) if dated else fn(idx)
        if review:
            found = [r for r in found if review in (r["review"] or "").split("; ")]
        rows.extend(found)
    return rows


def count_by_kind(rows: Iterable[dict[str, Any]]) -> dict[str, int]:
    out: dict[str, int] = defaultdict(int)
    for r in rows:
        out[r["kind"]] += 1
    return dict(out)
