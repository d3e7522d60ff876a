"""Plain-row summaries of the graph for the app's pages (overview, review, agency, theme).

Each function takes a :class:`~graph.graphdata.ReviewGraph` and returns lists of dicts (one per row), so a
page only has to draw them. Small example on an empty graph:

>>> from reviewgraph.graph.graphdata import ReviewGraph
>>> recommendations_by_status(ReviewGraph())
[]
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable
from typing import Any

from reviewgraph.graph.graphdata import ReviewGraph
from reviewgraph.graph.model import Node
from reviewgraph.queries.index import GraphIndex

__all__ = [
    "agency_detail",
    "counts",
    "rec_status",
    "recommendations_by_status",
    "review_detail",
    "review_year",
    "reviews_by_area_year",
    "status_rule",
    "theme_detail",
    "themes_ranked",
    "top_agencies",
    "top_themes",
]

Row = dict[str, Any]
StatusOf = Callable[[Node], str]


def status_rule(graph: ReviewGraph, as_of: dt.date | str | None = None) -> StatusOf:
    """An action's status on ``as_of`` (today when not given) by the one rule of :mod:`reviewgraph.graph.status`,
    the rule the gap report, the saved queries and the board report apply: every page's statuses come from here."""
    idx = GraphIndex(graph)
    day = as_of if as_of is not None else dt.date.today()
    return lambda act: idx.status_as_of(act, day)


def _adjacency(graph: ReviewGraph) -> tuple[dict[str, dict[str, list[str]]], dict[str, dict[str, list[str]]]]:
    """(outgoing, incoming): node id -> relationship type -> the other ends, in one pass over the edges."""
    out: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    inc: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for src, type_, dst in graph.edges:
        out[src][type_].append(dst)
        inc[dst][type_].append(src)
    return out, inc


def _out(graph: ReviewGraph) -> dict[str, dict[str, list[str]]]:
    idx: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for src, type_, dst in graph.edges:
        idx[src][type_].append(dst)
    return idx


def _about_from(inc: dict[str, dict[str, list[str]]]) -> dict[str, set[str]]:
    """Theme id -> the items ABOUT it, from the incoming adjacency (what :func:`_items_about` reads)."""
    return {node: set(types["ABOUT"]) for node, types in list(inc.items()) if types.get("ABOUT")}


def counts(graph: ReviewGraph) -> dict[str, int]:
    """Nodes of each kind (and edges of each type), plus ``nodes`` and ``edges`` totals."""
    out = graph.counts()
    out["nodes"] = len(graph.nodes)
    out["edges"] = len(graph.edges)
    return out


def review_year(graph: ReviewGraph, review: Node, first_doc: dict[str, str] | None = None) -> str:
    """The review's year: published, else date of death, else its earliest document date; else "unknown".

    ``first_doc`` (review id -> earliest document date, :func:`_first_doc_dates`) saves reading every
    document again when many reviews are asked about."""
    for value in (getattr(review, "published", None), getattr(review, "death_date", None)):
        if value and value[:4].isdigit():
            return value[:4]
    if first_doc is None:
        first_doc = _first_doc_dates(graph, review.id)
    first = first_doc.get(review.id)
    return first[:4] if first else "unknown"


def _first_doc_dates(graph: ReviewGraph, review_id: str | None = None) -> dict[str, str]:
    """Review id -> the earliest ``as_of`` of its documents (of one review only, when given)."""
    first: dict[str, str] = {}
    for d in graph.of_kind("Document"):
        if d.as_of and d.review is not None and (review_id is None or d.review == review_id):
            if d.review not in first or d.as_of < first[d.review]:
                first[d.review] = d.as_of
    return first


def reviews_by_area_year(graph: ReviewGraph) -> list[Row]:
    first_doc = _first_doc_dates(graph)  # once, not once per review
    tally = Counter((getattr(r, "area", None) or "unknown", review_year(graph, r, first_doc))
                    for r in graph.of_kind("Review"))
    return [{"area": a, "year": y, "reviews": n} for (a, y), n in sorted(tally.items())]


def rec_status(graph: ReviewGraph, rec_id: str, out: dict[str, dict[str, list[str]]] | None = None,
               status_of: StatusOf | None = None) -> str:
    """A recommendation's status from its actions: all complete -> complete; none started -> not_started;
    some progress -> in_progress; no actions or no known status -> unknown. ``status_of`` gives an action's
    status (default: :func:`status_rule` as of today)."""
    out = out if out is not None else _out(graph)
    status_of = status_of or status_rule(graph)
    statuses = {status_of(graph.nodes[a]) for a in out[rec_id].get("HAS_ACTION", [])} - {"unknown"}
    if not statuses:
        return "unknown"
    if statuses == {"complete"}:
        return "complete"
    if statuses == {"not_started"}:
        return "not_started"
    return "in_progress"


def recommendations_by_status(graph: ReviewGraph, as_of: dt.date | str | None = None) -> list[Row]:
    """How many recommendations stand at each status on ``as_of`` (today when not given)."""
    out, status_of = _out(graph), status_rule(graph, as_of)
    tally = Counter(rec_status(graph, r.id, out, status_of) for r in graph.of_kind("Recommendation"))
    return [{"status": s, "recommendations": n} for s, n in sorted(tally.items())]


def _items_about(graph: ReviewGraph) -> dict[str, set[str]]:
    about: dict[str, set[str]] = defaultdict(set)
    for src, type_, dst in graph.edges:
        if type_ == "ABOUT":
            about[dst].add(src)
    return about


def _review_of(graph: ReviewGraph, node_id: str) -> str | None:
    return getattr(graph.nodes.get(node_id), "review", None)


def themes_ranked(graph: ReviewGraph) -> list[Row]:
    """Themes with the number of reviews, recommendations and items (recs, actions, learning) about them,
    most widely shared first."""
    from reviewgraph.queries.themes import recommendations_about  # the one definition of a theme's recommendations

    about_recs = recommendations_about(graph)
    rows = []
    for theme, items in _items_about(graph).items():
        node = graph.nodes[theme]
        reviews = {r for i in items if (r := _review_of(graph, i))}
        recs = about_recs.get(theme, set())
        rows.append({"theme": theme, "label": node.caption(), "reviews": len(reviews),
                     "recommendations": len(recs), "items": len(items)})
    rows.sort(key=lambda r: (-r["reviews"], -r["items"], r["label"].lower()))
    return rows


def top_themes(graph: ReviewGraph, n: int = 15) -> list[Row]:
    return themes_ranked(graph)[:n]


def top_agencies(graph: ReviewGraph, n: int = 15) -> list[Row]:
    """Agencies with most recommendations addressed to them and actions led by them."""
    recs: dict[str, set[str]] = defaultdict(set)
    acts: dict[str, set[str]] = defaultdict(set)
    for src, type_, dst in graph.edges:
        if type_ == "ADDRESSED_TO":
            recs[dst].add(src)
        elif type_ == "LED_BY":
            acts[dst].add(src)
    rows = []
    for agency in set(recs) | set(acts):
        reviews = {_review_of(graph, i) for i in recs[agency] | acts[agency]} - {None}
        rows.append({"agency": agency, "name": graph.nodes[agency].caption(), "recommendations": len(recs[agency]),
                     "actions": len(acts[agency]), "reviews": len(reviews)})
    rows.sort(key=lambda r: (-(r["recommendations"] + r["actions"]), r["name"].lower()))
    return rows[:n]


def _source(graph: ReviewGraph, node: Node) -> str:
    doc = graph.nodes.get(node.doc)
    name = getattr(doc, "file_name", None) or node.doc
    return f"{name}:{node.line_start}-{node.line_end}"


def _rec_row(graph: ReviewGraph, rec: Node, out: dict[str, dict[str, list[str]]], status_of: StatusOf) -> Row:
    return {"id": rec.id, "review": node_caption(graph, rec.review), "number": rec.number, "text": rec.text,
            "owner": rec.owner or ", ".join(node_caption(graph, a) for a in out[rec.id].get("ADDRESSED_TO", [])),
            "level": rec.level or "", "scope": rec.scope or "", "actions": len(out[rec.id].get("HAS_ACTION", [])),
            "status": rec_status(graph, rec.id, out, status_of), "source": _source(graph, rec)}


def _action_row(graph: ReviewGraph, act: Node, out: dict[str, dict[str, list[str]]], status_of: StatusOf) -> Row:
    rec = graph.nodes.get(act.recommendation)
    return {"id": act.id, "review": node_caption(graph, act.review),
            "recommendation": getattr(rec, "number", act.recommendation), "action": act.text,
            "lead": act.lead or ", ".join(node_caption(graph, a) for a in out[act.id].get("LED_BY", [])),
            "target": act.target or act.target_raw or "", "status": status_of(act),
            "progress": act.progress or "", "source": _source(graph, act)}


def node_caption(graph: ReviewGraph, node_id: str | None) -> str:
    node = graph.nodes.get(node_id or "")
    return node.caption() if node is not None else (node_id or "")


def _ordinal(node: Node) -> tuple[int, str]:
    return (getattr(node, "ordinal", 0), node.id)


def review_detail(graph: ReviewGraph, review_id: str, as_of: dt.date | str | None = None) -> dict[str, list[Row]]:
    """One review: its documents, recommendations, actions, learning, and where it "appears elsewhere"
    (recommendations similar to another review's, and themes shared with other reviews); statuses on
    ``as_of`` (today when not given)."""
    out, inc = _adjacency(graph)
    status_of = status_rule(graph, as_of)
    recs = sorted((graph.nodes[r] for r in out[review_id].get("MADE", [])), key=_ordinal)
    acts = [graph.nodes[a] for r in recs for a in sorted(out[r.id].get("HAS_ACTION", []))]
    learning = sorted((graph.nodes[x] for x in out[review_id].get("IDENTIFIED", [])), key=lambda n: n.id)
    docs = [graph.nodes[d] for d in out[review_id].get("HAS_DOCUMENT", [])]
    elsewhere: list[Row] = []
    for rec in recs:
        for other, how in [(o, "similar") for o in out[rec.id].get("SIMILAR_TO", [])] + \
                          [(o, "similar") for o in inc[rec.id].get("SIMILAR_TO", [])]:
            o = graph.nodes[other]
            if o.review != review_id:
                elsewhere.append({"this": f"Rec {rec.number}", "link": how, "other review": node_caption(graph, o.review),
                                  "other": f"Rec {o.number}", "text": o.text})
    mine = {r.id for r in recs} | {a.id for a in acts} | {x.id for x in learning}
    about = _about_from(inc)
    for theme, items in sorted(about.items()):
        if items & mine:
            others = sorted({_review_of(graph, i) for i in items - mine} - {None, review_id})
            for other in others:
                elsewhere.append({"this": node_caption(graph, theme), "link": "shared theme",
                                  "other review": node_caption(graph, other), "other": "", "text": ""})
    return {
        "documents": [{"title": d.title, "kind": d.doc_kind, "file": d.file_name, "as of": d.as_of or ""}
                      for d in docs],
        "recommendations": [_rec_row(graph, r, out, status_of) for r in recs],
        "actions": [_action_row(graph, a, out, status_of) for a in acts],
        "learning": [{"number": x.number, "text": x.text, "informs": ", ".join(
            f"Rec {getattr(graph.nodes[r], 'number', r)}" for r in out[x.id].get("INFORMS", [])),
            "source": _source(graph, x)} for x in learning],
        "elsewhere": elsewhere,
    }


def agency_detail(graph: ReviewGraph, agency_id: str, as_of: dt.date | str | None = None) -> dict[str, list[Row]]:
    """One agency: recommendations addressed to it or naming it across reviews, its open actions (not
    complete on ``as_of``, today when not given), and its lineage (bodies it succeeded and that succeeded it,
    with dates)."""
    out, inc = _adjacency(graph)
    status_of = status_rule(graph, as_of)
    rec_ids = set(inc[agency_id].get("ADDRESSED_TO", [])) | set(inc[agency_id].get("MENTIONS", []))
    recs = sorted((graph.nodes[r] for r in rec_ids if graph.nodes[r].KIND == "Recommendation"),
                  key=lambda n: (n.review, _ordinal(n)))
    rec_rows = []
    for r in recs:
        row = _rec_row(graph, r, out, status_of)
        row["link"] = "addressed to" if agency_id in out[r.id].get("ADDRESSED_TO", []) else "mentions"
        rec_rows.append(row)
    acts = sorted((graph.nodes[a] for a in inc[agency_id].get("LED_BY", [])), key=lambda n: n.id)
    open_rows = [row for a in acts if (row := _action_row(graph, a, out, status_of))["status"] != "complete"]
    lineage: list[Row] = []
    seen = {agency_id}
    frontier = [(agency_id, "succeeded by", out), (agency_id, "succeeded", inc)]
    while frontier:
        node, how, idx = frontier.pop()
        for nxt in idx[node].get("SUCCEEDED_BY", []):
            if nxt in seen:
                continue
            seen.add(nxt)
            e = graph.edges.get((node, "SUCCEEDED_BY", nxt) if idx is out else (nxt, "SUCCEEDED_BY", node))
            lineage.append({"agency": node_caption(graph, node), "relation": how,
                            "other": node_caption(graph, nxt), "date": (e.props.get("date") if e else "") or "",
                            "active until": getattr(graph.nodes[nxt], "active_until", None) or ""})
            frontier.append((nxt, how, idx))
    return {"recommendations": rec_rows, "open_actions": open_rows, "lineage": lineage}


def theme_detail(graph: ReviewGraph, theme_id: str, as_of: dt.date | str | None = None) -> dict[str, list[Row]]:
    """One theme: the reviews, recommendations (statuses on ``as_of``, today when not given) and owning
    agencies of the items about it."""
    out, status_of = _out(graph), status_rule(graph, as_of)
    items = _items_about(graph).get(theme_id, set())
    from reviewgraph.queries.themes import recommendations_about  # the one definition of a theme's recommendations

    rec_ids = set(recommendations_about(graph).get(theme_id, ()))
    recs = sorted((graph.nodes[r] for r in rec_ids if r in graph.nodes), key=lambda n: (n.review, _ordinal(n)))
    reviews = Counter(r.review for r in recs)
    for i in items:
        if graph.nodes[i].KIND == "Learning":
            reviews.setdefault(graph.nodes[i].review, 0)
    agencies: Counter[str] = Counter()
    for r in recs:
        for a in set(out[r.id].get("ADDRESSED_TO", [])) | {x for act in out[r.id].get("HAS_ACTION", [])
                                                           for x in out[act].get("LED_BY", [])}:
            agencies[a] += 1
    return {
        "reviews": [{"review": node_caption(graph, rv), "id": rv, "recommendations": n}
                    for rv, n in sorted(reviews.items(), key=lambda p: (-p[1], p[0]))],
        "recommendations": [_rec_row(graph, r, out, status_of) for r in recs],
        "agencies": [{"agency": node_caption(graph, a), "id": a, "recommendations": n}
                     for a, n in sorted(agencies.items(), key=lambda p: (-p[1], p[0]))],
    }
