"""Filtered views of the graph: one definition of "what is shown", shared by the app and the exports.

A :class:`ViewFilter` names what the user narrowed the graph to (reviews, areas, agencies, themes, action
statuses, a target-date range, node kinds, a text search); :func:`filter_graph` turns it into a sub-graph
(a :class:`~graph.graphdata.ReviewGraph`, so every exporter writes a filtered view exactly as it writes the
whole graph). :func:`facets` lists the values the filters can take.

The rules, in order:

1. *Items* are recommendations, actions and learning. An item is kept when it passes every item filter:
   its review (or the review's area) is chosen; it is linked to a chosen agency (addressed to, led by or
   mentioning it, directly or through its actions); it is about a chosen theme (directly or through its
   actions); one of its actions has a chosen status (a recommendation without actions counts as
   ``unknown``); one of its actions has a target date in the range (items without a date drop out once a
   range is set). Learning passes the status and date filters when it informs a kept recommendation.
2. The reviews, documents, status updates, agencies and themes of the kept items are kept with them.
3. A text search keeps the nodes whose text contains the words (all of them, any case) and their neighbours.
4. Only the chosen node kinds are kept; with ``drop_isolated`` nodes left without an edge are dropped.

An empty filter returns the whole graph.

>>> from reviewgraph.graph.graphdata import ReviewGraph
>>> len(filter_graph(ReviewGraph(), ViewFilter(text="marac")))
0
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from reviewgraph.graph.graphdata import ReviewGraph
from reviewgraph.graph.model import Node

__all__ = [
    "ALL_KINDS",
    "DEFAULT_KINDS",
    "ITEM_KINDS",
    "ViewFilter",
    "facets",
    "filter_graph",
    "node_text",
    "review_subgraph",
    "FOCUS_MAX",
    "action_links",
    "neighbours",
    "review_focus",
    "shared_theme_links",
]

ITEM_KINDS = ("Recommendation", "Action", "Learning")
ALL_KINDS = ("Review", "Document", "Recommendation", "Action", "StatusUpdate", "Learning", "Agency", "Theme")
#: what the network explorer shows unless asked (the issue's "reviews, recommendations, agencies, themes
#: and learning")
DEFAULT_KINDS = ("Review", "Recommendation", "Learning", "Agency", "Theme")

_TEXT_FIELDS = ("title", "text", "name", "label", "number", "pseudonym", "area", "progress", "outcome", "lead",
                "owner", "file_name", "definition", "section")


@dataclass(frozen=True)
class ViewFilter:
    """What the user narrowed the graph to. Empty tuples and ``None`` mean "no restriction"."""

    reviews: tuple[str, ...] = ()
    areas: tuple[str, ...] = ()
    agencies: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    date_from: str | None = None
    date_to: str | None = None
    kinds: tuple[str, ...] = ()
    text: str = ""
    drop_isolated: bool = False

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, list):  # accept lists from widgets; keep the filter hashable
                object.__setattr__(self, f.name, tuple(value))
        unknown = set(self.kinds) - set(ALL_KINDS)
        if unknown:
            raise ValueError(f"unknown node kinds {sorted(unknown)}; known: {', '.join(ALL_KINDS)}")

    def is_empty(self) -> bool:
        return self == ViewFilter()

    def item_filtered(self) -> bool:
        return bool(self.agencies or self.themes or self.statuses or self.date_from or self.date_to)

    def describe(self) -> str:
        """One line saying what the filter keeps (for captions and export notes)."""
        parts = []
        for f in fields(self):
            value = getattr(self, f.name)
            if value in ((), None, "", False):
                continue
            parts.append(f"{f.name}={','.join(value) if isinstance(value, tuple) else value}")
        return "; ".join(parts) or "everything"


def node_text(node: Node) -> str:
    """The node's searchable text (its label and its text fields), lower-cased."""
    parts = [node.caption()]
    for name in _TEXT_FIELDS:
        value = getattr(node, name, None)
        if isinstance(value, str):
            parts.append(value)
    for name in ("aliases", "alt_labels"):
        parts.extend(getattr(node, name, None) or [])
    return " ".join(parts).lower()


class _Index:
    """Outgoing adjacency of a graph by relationship type, built once per call (one pass over the edges)."""

    def __init__(self, graph: ReviewGraph) -> None:
        self.graph = graph
        out: dict[str, dict[str, list[str]]] = {}
        for src, type_, dst in graph.edges:
            by_type = out.get(src)
            if by_type is None:
                out[src] = {type_: [dst]}
            else:
                lst = by_type.get(type_)
                if lst is None:
                    by_type[type_] = [dst]
                else:
                    lst.append(dst)
        self.out = out

    def targets(self, node_id: str, *types: str) -> list[str]:
        by_type = self.out.get(node_id)
        if not by_type:
            return []
        return [t for ty in types for t in by_type.get(ty, ())]

    def neighbours(self, nodes: set[str]) -> set[str]:
        """Every node joined to one of ``nodes`` by an edge, either way (one more pass, for a text search)."""
        near: set[str] = set()
        for src, _type, dst in self.graph.edges:
            if src in nodes:
                near.add(dst)
            if dst in nodes:
                near.add(src)
        return near


def _review_of(node: Node) -> str | None:
    return getattr(node, "review", None)


def filter_graph(graph: ReviewGraph, view: ViewFilter) -> ReviewGraph:
    """The sub-graph ``view`` keeps (see the module's rules). The graph itself is not changed."""
    if view.is_empty():
        return graph.subgraph(graph.nodes)
    idx = _Index(graph)
    nodes = graph.nodes

    allowed_reviews: set[str] | None = None
    if view.reviews or view.areas:
        allowed_reviews = {r.id for r in graph.of_kind("Review")
                           if r.id in view.reviews or (getattr(r, "area", None) in view.areas)}

    def actions_of(rec: str) -> list[str]:
        return idx.targets(rec, "HAS_ACTION")

    def agencies_of(item: Node) -> set[str]:
        found = set(idx.targets(item.id, "ADDRESSED_TO", "LED_BY", "MENTIONS"))
        if item.KIND == "Recommendation":
            for act in actions_of(item.id):
                found.update(idx.targets(act, "LED_BY"))
        return found

    def themes_of(item: Node) -> set[str]:
        found = set(idx.targets(item.id, "ABOUT"))
        if item.KIND == "Recommendation":
            for act in actions_of(item.id):
                found.update(idx.targets(act, "ABOUT"))
        return found

    def action_nodes(item: Node) -> list[Node]:
        if item.KIND == "Action":
            return [item]
        if item.KIND == "Recommendation":
            return [nodes[a] for a in actions_of(item.id)]
        return []

    def passes_status_date(item: Node) -> bool:
        acts = action_nodes(item)
        if view.statuses:
            statuses = {a.status for a in acts} or {"unknown"}
            if not statuses & set(view.statuses):
                return False
        if view.date_from or view.date_to:
            dates = [a.target for a in acts if a.target]
            lo, hi = view.date_from or "0000", view.date_to or "9999"
            if not any(lo <= d[:10] <= hi for d in dates):
                return False
        return True

    def passes_common(item: Node) -> bool:
        if allowed_reviews is not None and _review_of(item) not in allowed_reviews:
            return False
        if view.agencies and not agencies_of(item) & set(view.agencies):
            return False
        return not (view.themes and not themes_of(item) & set(view.themes))

    kept_items: set[str] = set()
    for node in nodes.values():
        if node.KIND in ("Recommendation", "Action") and passes_common(node) and passes_status_date(node):
            kept_items.add(node.id)
    for node in graph.of_kind("Learning"):
        if not passes_common(node):
            continue
        dated = view.statuses or view.date_from or view.date_to
        if dated and not any(r in kept_items for r in idx.targets(node.id, "INFORMS")):
            continue
        kept_items.add(node.id)

    keep = set(kept_items)
    if view.item_filtered():
        reviews = {_review_of(nodes[i]) for i in kept_items}
    else:
        reviews = set(allowed_reviews) if allowed_reviews is not None else {r.id for r in graph.of_kind("Review")}
    keep.update(r for r in reviews if r in nodes)
    for rev in reviews:
        if rev:
            keep.update(idx.targets(rev, "HAS_DOCUMENT"))
    for item in kept_items:
        keep.update(idx.targets(item, "ADDRESSED_TO", "LED_BY", "MENTIONS", "ABOUT", "HAS_STATUS"))
    keep.update(a for a in view.agencies if a in nodes)
    keep.update(t for t in view.themes if t in nodes)
    if allowed_reviews is None and not view.item_filtered():
        # nothing narrows the graph to some reviews: agencies and themes stay, linked or not
        keep.update(n.id for n in nodes.values() if n.KIND in ("Agency", "Theme"))

    if view.text.strip():
        words = view.text.lower().split()
        matched = {n for n in keep if all(w in node_text(nodes[n]) for w in words)}
        near = idx.neighbours(matched)
        keep = matched | (near & keep)

    if view.kinds:
        keep = {n for n in keep if nodes[n].KIND in view.kinds}
    sub = graph.subgraph(keep)
    if view.drop_isolated:
        linked = {k[0] for k in sub.edges} | {k[2] for k in sub.edges}
        sub = sub.subgraph(linked)
    return sub


def facets(graph: ReviewGraph) -> dict[str, Any]:
    """The values each filter can take, for pickers: ``{name: [(value, label), ...]}`` and date bounds."""
    linked = {k[0] for k in graph.edges} | {k[2] for k in graph.edges}
    reviews = sorted(((r.id, r.caption()) for r in graph.of_kind("Review")), key=lambda p: p[1].lower())
    areas = sorted({a for r in graph.of_kind("Review") if (a := getattr(r, "area", None))})
    agencies = sorted(((a.id, a.caption()) for a in graph.of_kind("Agency") if a.id in linked),
                      key=lambda p: p[1].lower())
    about = {dst for _src, type_, dst in graph.edges if type_ == "ABOUT"}
    themes = sorted(((t.id, t.caption()) for t in graph.of_kind("Theme") if t.id in about),
                    key=lambda p: p[1].lower())
    statuses = sorted({a.status for a in graph.of_kind("Action")})
    dates = sorted(d[:10] for a in graph.of_kind("Action") if (d := a.target))
    return {"reviews": reviews, "areas": areas, "agencies": agencies, "themes": themes, "statuses": statuses,
            "date_min": dates[0] if dates else None, "date_max": dates[-1] if dates else None,
            "kinds": sorted({n.KIND for n in graph.nodes.values()}, key=ALL_KINDS.index)}


def review_subgraph(graph: ReviewGraph, review: str) -> ReviewGraph:
    """One review with everything hanging off it (documents, recommendations, actions, learning, agencies,
    themes). ``review`` is an id or a key (``northby/dhr-1``)."""
    rid = review if review.startswith("review:") else f"review:{review}"
    if rid not in graph.nodes:
        raise ValueError(f"no review {review!r} in the store")
    targets: dict[str, list[str]] = {}  # one pass over the edges (not one per node reached), in their order
    for src, _type, dst in graph.edges:
        lst = targets.get(src)
        if lst is None:
            targets[src] = [dst]
        else:
            lst.append(dst)
    keep = {rid}
    frontier = [rid]
    while frontier:
        src = frontier.pop()
        for dst in targets.get(src, ()):
            if dst not in keep:
                kind = graph.nodes[dst].KIND
                keep.add(dst)
                if kind not in ("Agency", "Theme", "Recommendation") or src == rid:
                    frontier.append(dst)
    return graph.subgraph(keep)


# -- focused views: where the network explorer starts ------------------------------------------------------
#: the most nodes a focused view starts with (the explorer aggregates a filtered view beyond this many)
FOCUS_MAX = 150


def _adjacency(graph: ReviewGraph) -> tuple[dict[str, list[tuple[str, str]]], dict[str, list[tuple[str, str]]]]:
    """Outgoing and incoming ``(type, other end)`` lists of every node, in one pass over the edges."""
    out: dict[str, list[tuple[str, str]]] = {}
    inn: dict[str, list[tuple[str, str]]] = {}
    for src, type_, dst in graph.edges:
        out.setdefault(src, []).append((type_, dst))
        inn.setdefault(dst, []).append((type_, src))
    return out, inn


def action_links(graph: ReviewGraph, nodes: set[str]) -> dict[tuple[str, str], int]:
    """``{(recommendation, agency or theme): actions}`` for the agencies leading, and the themes of, the
    actions of the recommendations in ``nodes`` (when the actions themselves are not drawn, these links say
    what they would)."""
    out, _inn = _adjacency(graph)
    found: dict[tuple[str, str], int] = {}
    for rec in nodes:
        if graph.nodes[rec].KIND != "Recommendation":
            continue
        direct = {d for _t, d in out.get(rec, ())}
        for t, act in out.get(rec, ()):
            if t != "HAS_ACTION" or act in nodes:
                continue
            for t2, d in out.get(act, ()):
                if t2 in ("LED_BY", "ABOUT") and d in nodes and d not in direct:
                    found[(rec, d)] = found.get((rec, d), 0) + 1
    return found


def review_focus(graph: ReviewGraph, review: str, limit: int = FOCUS_MAX) -> set[str]:
    """One review with its recommendations, the agencies that own them (addressed to, or leading one of
    their actions) and their themes (of the recommendations or their actions): where the explorer starts.

    Beyond ``limit`` nodes the themes met least often are left out first, then the agencies.

    >>> from reviewgraph.graph.graphdata import ReviewGraph
    >>> review_focus(ReviewGraph(), "review:x")
    set()
    """
    if review not in graph.nodes:
        return set()
    out, _inn = _adjacency(graph)
    recs = [d for t, d in out.get(review, ()) if t == "MADE"]
    owners: dict[str, int] = {}
    themes: dict[str, int] = {}
    for rec in recs:
        acts = [d for t, d in out.get(rec, ()) if t == "HAS_ACTION"]
        for t, d in out.get(rec, ()):
            if t == "ADDRESSED_TO":
                owners[d] = owners.get(d, 0) + 1
            elif t == "ABOUT":
                themes[d] = themes.get(d, 0) + 1
        for act in acts:
            for t, d in out.get(act, ()):
                if t == "LED_BY":
                    owners[d] = owners.get(d, 0) + 1
                elif t == "ABOUT":
                    themes[d] = themes.get(d, 0) + 1
    keep = {review, *recs}
    room = max(limit - len(keep), 0)
    ranked_owners = sorted(owners, key=lambda a: (-owners[a], a))
    ranked_themes = sorted(themes, key=lambda a: (-themes[a], a))
    keep.update(ranked_owners[:room])
    room = max(limit - len(keep), 0)
    keep.update(ranked_themes[:room])
    return keep


def shared_theme_links(graph: ReviewGraph, min_reviews: int = 2) -> dict[tuple[str, str], int]:
    """``{(review, theme): recommendations}`` for the themes the recommendations of ``min_reviews`` or more
    reviews are about (a recommendation is about a theme when it, or one of its actions, is tagged with it:
    the definition of :func:`reviewgraph.queries.themes.recommendations_about`).

    >>> from reviewgraph.graph.graphdata import ReviewGraph
    >>> shared_theme_links(ReviewGraph())
    {}
    """
    out, _inn = _adjacency(graph)
    counts: dict[tuple[str, str], set[str]] = {}
    for review in graph.of_kind("Review"):
        for t, rec in out.get(review.id, ()):
            if t != "MADE":
                continue
            about = {d for ty, d in out.get(rec, ()) if ty == "ABOUT"}
            for ty, act in out.get(rec, ()):
                if ty == "HAS_ACTION":
                    about.update(d for ty2, d in out.get(act, ()) if ty2 == "ABOUT")
            for theme in about:
                counts.setdefault((review.id, theme), set()).add(rec)
    reviews_of: dict[str, set[str]] = {}
    for review, theme in counts:
        reviews_of.setdefault(theme, set()).add(review)
    return {pair: len(recs) for pair, recs in sorted(counts.items())
            if len(reviews_of[pair[1]]) >= min_reviews}


def neighbours(graph: ReviewGraph, node: str, kinds: tuple[str, ...] = ()) -> list[str]:
    """The nodes joined to ``node`` by an edge either way (of ``kinds`` when given), most linked first: what
    a click on it in the explorer adds."""
    out, inn = _adjacency(graph)
    found = {d for _t, d in out.get(node, ())} | {s for _t, s in inn.get(node, ())}
    found.discard(node)
    if kinds:
        found = {n for n in found if graph.nodes[n].KIND in kinds}
    degree = {n: len(out.get(n, ())) + len(inn.get(n, ())) for n in found}
    return sorted(found, key=lambda n: (-degree[n], n))
