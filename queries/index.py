"""A read-only index of a :class:`ReviewGraph` for the analysis functions: adjacency by relationship type.

``ReviewGraph.out`` scans every edge; the analyses ask thousands of such questions, so they build one
:class:`GraphIndex` (linear in the graph) and ask it instead.

>>> from reviewgraph.graph.graphdata import ReviewGraph
>>> idx = GraphIndex(ReviewGraph())
>>> idx.recommendations()
[]
"""

from __future__ import annotations

from datetime import date
from operator import attrgetter

from reviewgraph.graph.graphdata import ReviewGraph
from reviewgraph.graph.model import Action, Agency, Edge, Learning, Node, Recommendation, Review, Theme
from reviewgraph.graph.status import COMPLETE, Update, status_on

__all__ = ["GraphIndex", "parse_iso", "COMPLETE"]


def parse_iso(value: str | date | None) -> date | None:
    """``"2021-04-30"`` (or a longer ISO timestamp) as a date; None for anything else."""
    if value is None:
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


class GraphIndex:
    def __init__(self, graph: ReviewGraph) -> None:
        self.graph = graph
        self.nodes = graph.nodes
        # edges grouped by type in one pass; each type's adjacency is built when an analysis first asks for
        # it (most analyses read a few of the types, and the largest, ABOUT and SIMILAR_TO, are rarely both)
        by_type: dict[str, list[Edge]] = {}
        for key, e in graph.edges.items():
            lst = by_type.get(key[1])
            if lst is None:
                by_type[key[1]] = [e]
            else:
                lst.append(e)
        self._by_type = by_type
        self._out: dict[str, dict[str, list[Edge]]] = {}
        self._in: dict[str, dict[str, list[Edge]]] = {}
        self._kinds: dict[str, list[Node]] | None = None
        self._recs: list[Recommendation] | None = None
        self._actions: dict[str, list[Action]] = {}
        self._status: dict[tuple[str, date | None], str] = {}
        self._owner: dict[str, str | None] = {}

    # -- adjacency ---------------------------------------------------------------------------------------
    def _adjacency(self, type_: str, outgoing: bool) -> dict[str, list[Edge]]:
        """node id -> its ``type_`` edges (outgoing or incoming), each list in edge key order."""
        table: dict[str, list[Edge]] = {}
        for e in self._by_type.get(type_, ()):
            end = e.source if outgoing else e.target
            lst = table.get(end)
            if lst is None:
                table[end] = [e]
            else:
                lst.append(e)
        # in key order: an outgoing list shares source and type (so by target), an incoming one target and type
        other = attrgetter("target" if outgoing else "source")
        for lst in table.values():
            if len(lst) > 1:
                lst.sort(key=other)
        (self._out if outgoing else self._in)[type_] = table
        return table

    def out_edges(self, node_id: str, type_: str) -> list[Edge]:
        table = self._out.get(type_)
        if table is None:
            table = self._adjacency(type_, True)
        return table.get(node_id, [])

    def in_edges(self, node_id: str, type_: str) -> list[Edge]:
        table = self._in.get(type_)
        if table is None:
            table = self._adjacency(type_, False)
        return table.get(node_id, [])

    def out(self, node_id: str, type_: str) -> list[Node]:
        return [self.nodes[e.target] for e in self.out_edges(node_id, type_)]

    def inn(self, node_id: str, type_: str) -> list[Node]:
        return [self.nodes[e.source] for e in self.in_edges(node_id, type_)]

    # -- kinds -------------------------------------------------------------------------------------------
    def of_kind(self, kind: str) -> list[Node]:
        """The nodes of a kind, by id (grouped in one pass over the nodes, on first use)."""
        if self._kinds is None:
            kinds: dict[str, list[Node]] = {}
            for n in self.nodes.values():
                kinds.setdefault(n.KIND, []).append(n)
            for lst in kinds.values():
                lst.sort(key=lambda n: n.id)
            self._kinds = kinds
        return list(self._kinds.get(kind, ()))

    def reviews(self) -> list[Review]:
        return self.of_kind("Review")  # type: ignore[return-value]

    def recommendations(self) -> list[Recommendation]:
        if self._recs is None:
            self._recs = sorted((n for n in self.nodes.values() if isinstance(n, Recommendation)),
                                key=lambda r: (r.review, r.ordinal, r.id))
        return list(self._recs)

    def actions(self) -> list[Action]:
        return self.of_kind("Action")  # type: ignore[return-value]

    def learning(self) -> list[Learning]:
        return self.of_kind("Learning")  # type: ignore[return-value]

    def themes(self) -> list[Theme]:
        return self.of_kind("Theme")  # type: ignore[return-value]

    # -- facts about items -------------------------------------------------------------------------------
    def review_of(self, item: Node) -> Review | None:
        rid = getattr(item, "review", None)
        node = self.nodes.get(rid) if rid else None
        return node if isinstance(node, Review) else None

    def review_label(self, review_id: str | None) -> str:
        node = self.nodes.get(review_id or "")
        if isinstance(node, Review):
            return node.title
        return review_id or ""

    def actions_of(self, rec_id: str) -> list[Action]:
        acts = self._actions.get(rec_id)
        if acts is None:
            acts = self._actions[rec_id] = sorted(
                (n for n in self.out(rec_id, "HAS_ACTION") if isinstance(n, Action)), key=lambda a: (a.ordinal, a.id))
        return acts

    def themes_of(self, item_id: str) -> list[str]:
        return [e.target for e in self.out_edges(item_id, "ABOUT")]

    def agencies_of(self, rec_id: str) -> list[Agency]:
        return [n for n in self.out(rec_id, "ADDRESSED_TO") if isinstance(n, Agency)]

    def owner_of(self, rec: Recommendation) -> str | None:
        """Who owns a recommendation: its owner, else the agencies it is addressed to, else its actions' leads."""
        if rec.id not in self._owner:
            self._owner[rec.id] = self._find_owner(rec)
        return self._owner[rec.id]

    def _find_owner(self, rec: Recommendation) -> str | None:
        if rec.owner:
            return rec.owner
        names = [a.name for a in self.agencies_of(rec.id)]
        if not names:
            for act in self.actions_of(rec.id):
                names += [a.name for a in self.out(act.id, "LED_BY") if isinstance(a, Agency)]
                if not names and act.lead:
                    names.append(act.lead)
        names = list(dict.fromkeys(n for n in names if n and n.strip()))
        return "; ".join(names) if names else None

    def status_as_of(self, action: Action, as_of: date | None = None) -> str:
        """The action's status on ``as_of`` by the one rule (:mod:`reviewgraph.graph.status`): its latest update dated on
        or before the date, a later document winning a tie; without a date, its own (latest) status."""
        key = (action.id, as_of)
        if key not in self._status:
            self._status[key] = status_on(self.updates_of(action), as_of, str(action.status), action.as_of)
        return self._status[key]

    def updates_of(self, action: Action) -> list[Update]:
        """The action's status updates with their documents' kind and file name (what the rule orders by)."""
        out = []
        for u in self.out(action.id, "HAS_STATUS"):
            doc = self.nodes.get(u.doc)
            out.append(Update(getattr(u, "as_of", None), str(getattr(doc, "doc_kind", "") or ""),
                              str(getattr(doc, "file_name", "") or ""), str(getattr(u, "status", "unknown"))))
        return out

    def has_plan(self, review_id: str) -> bool:
        """True when the review's recommendations have any action (an action plan was read)."""
        return any(self.out_edges(e.target, "HAS_ACTION") for e in self.out_edges(review_id, "MADE"))
