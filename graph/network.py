"""The drawn network: a graph (or a filtered view of one) as positioned, coloured vis-network data and HTML.

Pure functions, no Streamlit: :func:`build_network` lays out a :class:`~graph.graphdata.ReviewGraph`
server-side (networkx, seeded, cached, so the picture does not reshuffle on every rerun; physics is off in
the browser), sizes nodes by degree and colours them by kind. Beyond ``max_nodes`` it aggregates: agencies
and themes only, an edge between an agency and a theme counting the recommendations, actions and learning
linked to both, and it says so in ``note``. :func:`network_html` renders a self-contained page (the
vis-network script bundled with pyvis inlined, no CDN, a Content-Security-Policy that only lets the page's
own scripts run).

Document text never becomes markup: labels are drawn on a canvas, tooltips are plain strings (vis-network
sets them with ``innerText``), the details panel is filled with ``textContent``, and the data is embedded as
JSON with ``<``, ``>`` and ``&`` escaped, so no ``</script>`` in a document can close the script element.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import importlib.util
import json
import math
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import networkx as nx
from markupsafe import escape

from reviewgraph.graph.graphdata import ReviewGraph
from reviewgraph.graph.labels import prop_label, rel_label, value_label
from reviewgraph.graph.model import Node

__all__ = [
    "EXPLORER_MAX_NODES",
    "KIND_COLOURS",
    "MAX_NODES",
    "NetworkView",
    "build_network",
    "even_layout",
    "network_html",
    "network_json",
    "node_details",
    "node_label",
    "review_names",
    "vis_assets",
]

MAX_NODES = 500
#: the explorer draws at most this many nodes as they are; a filtered view beyond it is aggregated
EXPLORER_MAX_NODES = 150

KIND_COLOURS: dict[str, str] = {
    "Review": "#c0392b",
    "Document": "#7f8c8d",
    "Recommendation": "#2471a3",
    "Action": "#5d6d7e",
    "StatusUpdate": "#a04000",
    "Learning": "#8e44ad",  # purple: apart from the agencies' green
    "Agency": "#27ae60",
    "Theme": "#e67e22",
}

_LABEL_MAX = 38
_TIP_MAX = 400


@dataclass
class NetworkView:
    """What the browser draws. ``nodes`` and ``edges`` are vis-network items (plain JSON values)."""

    nodes: list[dict[str, Any]] = field(default_factory=list)
    edges: list[dict[str, Any]] = field(default_factory=list)
    aggregated: bool = False
    note: str = ""
    source_nodes: int = 0
    kinds: list[str] = field(default_factory=list)

    @property
    def signature(self) -> str:
        """A short hash of what is drawn (the browser redraws only when it changes)."""
        raw = json.dumps([[n["id"] for n in self.nodes], [(e["from"], e["to"]) for e in self.edges]])
        return hashlib.sha1(raw.encode()).hexdigest()[:16]

    def legend(self) -> list[tuple[str, str]]:
        return [(k, KIND_COLOURS.get(k, "#999999")) for k in self.kinds]


def _short(text: str, limit: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def review_names(graph: ReviewGraph) -> dict[str, str]:
    """A short name for each review, unique in the graph: its number ("DHR-4") when no other review has that
    number, else the area and number ("Lark Moor DHR-1"), else its title. Labels of recommendations, actions
    and learning start with it, so "17.3" of one review is never taken for another's.

    >>> from reviewgraph.graph.model import Review
    >>> g = ReviewGraph()
    >>> for key, area in (("north/dhr-1", "North"), ("south/dhr-1", "South"), ("south/dhr-2", "South")):
    ...     _ = g.add_node(Review(id=f"review:{key}", title=key, area=area, number=key[-5:].upper(), doc="doc:1",
    ...                           line_start=1, line_end=1))
    >>> sorted(review_names(g).values())
    ['DHR-2', 'North DHR-1', 'South DHR-1']
    """
    reviews = list(graph.of_kind("Review"))
    numbers: dict[str, int] = {}
    for r in reviews:
        if r.number:
            numbers[r.number] = numbers.get(r.number, 0) + 1
    names: dict[str, str] = {}
    for r in reviews:
        if r.number and numbers[r.number] == 1:
            names[r.id] = r.number
        elif r.number and r.area:
            names[r.id] = f"{r.area} {r.number}"
        else:
            names[r.id] = _short(r.area or r.title or r.id, 24)
    seen: dict[str, int] = {}
    for rid in sorted(names):  # still equal (two reviews of one area without numbers): number them
        seen[names[rid]] = seen.get(names[rid], 0) + 1
        if seen[names[rid]] > 1:
            names[rid] = f"{names[rid]} ({seen[names[rid]]})"
    return names


def node_label(node: Node, reviews: dict[str, str] | None = None) -> str:
    """The node's label in the network and in pickers: a recommendation, action or learning item names its
    review ("DHR-4 17.3", "DHR-4 17.3 action 2", "DHR-4 learning 5"); ``reviews`` is :func:`review_names`."""
    kind = node.KIND
    review = (reviews or {}).get(getattr(node, "review", None) or "", "")
    prefix = f"{review} " if review else ""
    if kind == "Recommendation":
        return f"{prefix}{node.number}" if prefix else f"Rec {node.number}"
    if kind == "Learning":
        return f"{prefix}learning {node.number}"
    if kind == "Action":
        rec = str(node.recommendation).rsplit("/", 1)[-1]
        return f"{prefix}{rec} action {node.ordinal}"
    if kind == "StatusUpdate":
        return f"{str(node.status).replace('_', ' ')} ({node.as_of or 'undated'})"
    if kind == "Review" and reviews and node.id in reviews:
        return reviews[node.id]
    return _short(node.caption(), _LABEL_MAX)


def _label(node: Node, reviews: dict[str, str] | None = None) -> str:
    return node_label(node, reviews)


def node_details(node: Node, graph: ReviewGraph | None = None) -> dict[str, str]:
    """The node's fields as short strings, provenance last: what a details panel shows."""
    out: dict[str, str] = {"kind": node.KIND, "id": node.id}
    for name, value in node.model_dump(mode="json", exclude={"id", "doc", "line_start", "line_end", "page",
                                                             "sources"}).items():
        if value in (None, "", [], {}, False):
            continue
        out[name] = "; ".join(map(str, value)) if isinstance(value, list) else str(value)
    doc = graph.nodes.get(node.doc) if graph is not None else None
    where = getattr(doc, "file_name", None) or node.doc
    out["source"] = (f"{where}, line {node.line_start}" if node.line_end == node.line_start
                     else f"{where}, lines {node.line_start}-{node.line_end}")
    if node.page is not None:
        out["source"] += f", page {node.page}"
    if len(node.sources) > 1:
        out["also read from"] = "; ".join(node.sources[1:])
    return out


def _tooltip(node: Node, details: dict[str, str]) -> str:
    body = getattr(node, "text", None) or getattr(node, "definition", None) or ""
    lines = [f"{node.KIND}: {_short(node.caption(), 120)}"]
    if body and body != node.caption():
        lines.append(_short(body, _TIP_MAX))
    lines.append(details["source"])
    return "\n".join(lines)


@functools.lru_cache(maxsize=64)
def _layout(signature: str, nodes: tuple[str, ...], edges: tuple[tuple[str, str], ...],
            weak: frozenset[str]) -> dict[str, tuple[float, float]]:
    if not nodes:
        return {}
    g = nx.Graph()
    g.add_nodes_from(nodes)
    for a, b in edges:
        g.add_edge(a, b, weight=_WEAK if (a in weak or b in weak) else 1.0)
    n = len(nodes)
    pos = nx.spring_layout(g, seed=7, k=3.0 / math.sqrt(max(n, 1)), iterations=100 if n < 250 else 50,
                           weight="weight")
    if 2 < n <= _EVEN_MAX and nx.is_connected(g):
        # a view the explorer opens on: spread evenly (Kamada-Kawai's energy, from the spring layout), so
        # labels of nodes about one hub do not sit on top of each other
        pos = even_layout(g, pos)
    pos = _pull_in(pos)
    # small enough that the browser's fit keeps labels near their own size (about 100 px a node at 150
    # nodes on a 1200 x 620 canvas)
    scale = 40 * math.sqrt(n) + 60
    wide = 1.6  # screens and board papers are wider than tall
    return {k: (round(float(x) * scale * wide, 1), round(float(y) * scale, 1)) for k, (x, y) in pos.items()}


def _pull_in(pos: dict[str, Any], reach: float = 1.25) -> dict[str, Any]:
    """Bring stragglers (weakly tied leaves) in to ``reach`` times the 90th-percentile distance from the
    centre, so a few outliers do not shrink the picture of everything else."""
    if len(pos) < 10:
        return pos
    cx = sum(float(p[0]) for p in pos.values()) / len(pos)
    cy = sum(float(p[1]) for p in pos.values()) / len(pos)
    dist = sorted(math.hypot(float(p[0]) - cx, float(p[1]) - cy) for p in pos.values())
    limit = reach * dist[int(0.9 * (len(dist) - 1))]
    out = {}
    for k, p in pos.items():
        dx, dy = float(p[0]) - cx, float(p[1]) - cy
        d = math.hypot(dx, dy)
        f = limit / d if d > limit > 0 else 1.0
        out[k] = (cx + dx * f, cy + dy * f)
    return out


#: views up to this many nodes (connected) are laid out evenly (:func:`even_layout`: 5 to 30 ms at 80
#: nodes, where networkx's Kamada-Kawai took 0.1 to 1.3 s on a loaded 2-core machine, plus 0.5 s to import
#: scipy the first time)
_EVEN_MAX = 100


def _hops(g: nx.Graph) -> tuple[list[Any], Any]:
    """The nodes of ``g`` and the matrix of hops between them (breadth-first from each node)."""
    import numpy as np

    nodes = list(g)
    index = {k: i for i, k in enumerate(nodes)}
    dist = np.zeros((len(nodes), len(nodes)))
    for src, lengths in nx.all_pairs_shortest_path_length(g):
        row = dist[index[src]]
        for dst, hops in lengths.items():
            row[index[dst]] = hops
    return nodes, dist


def stress(dist: Any, x: Any) -> float:
    """Kamada-Kawai's energy of the positions ``x`` (one row a node) for the graph distances ``dist``: half
    the sum over ordered pairs of ``(|xi - xj| / dij - 1) ** 2`` (networkx's ``_kamada_kawai_costfn``
    without its centring term, which a layout's rescaling makes moot)."""
    import numpy as np

    off = ~np.eye(len(x), dtype=bool)
    sep = np.sqrt(((x[:, None, :] - x[None, :, :]) ** 2).sum(axis=-1))
    return float(0.5 * np.sum(np.where(off, sep / np.where(off, dist, 1.0) - 1.0, 0.0) ** 2))


def _separations(x: Any) -> Any:
    """The distances between the rows of ``x`` (two columns), without a three-dimensional temporary."""
    import numpy as np

    dx = x[:, 0, None] - x[None, :, 0]
    dy = x[:, 1, None] - x[None, :, 1]
    return np.sqrt(dx * dx + dy * dy)


def _majorize(dist: Any, w: Any, v_plus: Any, x: Any, iterations: int, tol: float) -> tuple[Any, float]:
    """Stress majorization (SMACOF) from ``x``: each step solves the majorizing quadratic exactly (one
    product with ``v_plus``), so the energy never rises; stops when a step gains less than ``tol`` of it."""
    import numpy as np

    n = len(x)
    wd = w * dist
    diagonal = np.diag_indices(n)
    energy = np.inf
    for _ in range(iterations):
        sep = _separations(x)
        gap = sep - dist
        now = 0.5 * float(np.einsum("ij,ij,ij->", w, gap, gap))
        if energy - now <= tol * now:
            return x, min(now, energy)
        energy = now
        sep[diagonal] = np.inf
        b = -wd / np.maximum(sep, 1e-12)
        b[diagonal] = -b.sum(axis=1)
        # einsum, not ``@``: products this small run faster in numpy's own loop than handed to a threaded
        # BLAS, which on a busy machine waits for its threads (networkx's solver: 0.06 s alone, 1.3 s loaded)
        x = np.einsum("ij,jk->ik", v_plus, np.einsum("ij,jk->ik", b, x))
    gap = _separations(x) - dist
    return x, 0.5 * float(np.einsum("ij,ij,ij->", w, gap, gap))


def _classical_mds(dist: Any) -> Any:
    """Torgerson's classical scaling of ``dist`` into two dimensions (the two largest eigenvectors of the
    double-centred squared distances), each axis' sign fixed so the result is the same on every machine."""
    import numpy as np

    n = len(dist)
    centre = np.eye(n) - 1.0 / n
    vals, vecs = np.linalg.eigh(-0.5 * centre @ (dist**2) @ centre)
    top = vecs[:, [-1, -2]] * np.sqrt(np.maximum(vals[[-1, -2]], 1e-12))
    signs = np.sign(top[np.abs(top).argmax(axis=0), [0, 1]])
    return top * np.where(signs == 0, 1.0, signs)


def even_layout(g: nx.Graph, pos: dict[Any, Any], iterations: int = 1000,
                tol: float = 1e-6) -> dict[Any, Any]:
    """Positions of the connected graph ``g`` with the least Kamada-Kawai energy found (the distance on
    the page against the number of hops, each pair weighted by one over the hops squared), rescaled like
    :func:`networkx.kamada_kawai_layout` (centred, the farthest coordinate at 1).

    The energy is the weighted stress of multidimensional scaling, so it is minimised by stress
    majorization (:func:`_majorize`) rather than by networkx's general-purpose optimiser: numpy only (no
    scipy to import), tens of milliseconds at 100 nodes. It starts twice, from ``pos`` (the spring layout)
    and from classical scaling of the hops, and keeps the lower energy: each start alone can stop in a
    worse local minimum than networkx's. networkx's layout is the test oracle
    (``tests/test_network_layout.py``: the energy reached is within 1 % of its, or lower).

    >>> g = nx.path_graph(3)
    >>> pos = even_layout(g, {0: (0.0, 0.0), 1: (0.1, 0.3), 2: (0.2, 0.1)})
    >>> far, near = math.dist(pos[0], pos[2]), math.dist(pos[0], pos[1])
    >>> round(far / near, 3)  # a straight line, evenly spaced: the ends two hops apart
    2.0
    """
    import numpy as np

    nodes, dist = _hops(g)
    n = len(nodes)
    if n < 2:
        return {k: np.zeros(2) for k in nodes}
    off = ~np.eye(n, dtype=bool)
    w = np.where(off, 1.0 / np.where(off, dist, 1.0) ** 2, 0.0)
    # V (the weights' Laplacian) has the constant vector as its null space: its pseudo-inverse is the inverse
    # of V plus the projection onto that vector, less the projection
    ones = np.full((n, n), 1.0 / n)
    v_plus = np.linalg.inv(np.diag(w.sum(axis=1)) - w + ones) - ones
    best, least = None, np.inf
    for start in (np.array([pos[k] for k in nodes], dtype=float), _classical_mds(dist)):
        start = start - start.mean(axis=0)
        sep = _separations(start)
        start *= (w * sep * dist).sum() / max((w * sep * sep).sum(), 1e-12)  # the start's best scale
        x, energy = _majorize(dist, w, v_plus, start, iterations, tol)
        if energy < least:
            best, least = x, energy
    return dict(zip(nodes, nx.rescale_layout(best), strict=True))


#: the pull of an edge to a hub kind (themes link nearly everything; at full strength they would drag every
#: review's cluster into one knot)
_WEAK = 0.15


def layout(nodes: list[str], edges: list[tuple[str, str]],
           weak: set[str] | frozenset[str] = frozenset()) -> dict[str, tuple[float, float]]:
    """Seeded spring layout, cached by the set of nodes and edges: the same view gets the same picture.
    Edges touching a ``weak`` node pull less (themes), so reviews' clusters stay apart."""
    key_nodes = tuple(sorted(nodes))
    key_edges = tuple(sorted({(a, b) if a <= b else (b, a) for a, b in edges if a != b}))
    weak_key = frozenset(weak) & frozenset(key_nodes)
    sig = hashlib.sha1(json.dumps([key_nodes, key_edges, sorted(weak_key)]).encode()).hexdigest()
    return _layout(sig, key_nodes, key_edges, weak_key)


def _size(degree: int) -> float:
    return round(7 + 3.5 * math.sqrt(degree), 1)


def _full(graph: ReviewGraph, context: ReviewGraph,
          links: dict[tuple[str, str], int] | None = None) -> NetworkView:
    degree: dict[str, int] = {n: 0 for n in graph.nodes}
    pairs = []
    for src, _type, dst in graph.edges:
        degree[src] += 1
        degree[dst] += 1
        pairs.append((src, dst))
    for (a, b), _count in (links or {}).items():
        if a in degree and b in degree:
            degree[a] += 1
            degree[b] += 1
            pairs.append((a, b))
    weak = {n.id for n in graph.of_kind("Theme")} if len(graph) > _EVEN_MAX else set()
    pos = layout(list(graph.nodes), pairs, weak=weak)
    reviews = review_names(context)
    view = NetworkView(source_nodes=len(graph))
    for node in sorted(graph.nodes.values(), key=lambda n: n.id):
        details = node_details(node, context)
        x, y = pos.get(node.id, (0.0, 0.0))
        view.nodes.append({"id": node.id, "label": _label(node, reviews), "title": _tooltip(node, details),
                           "kind": node.KIND, "color": KIND_COLOURS.get(node.KIND, "#999999"),
                           "size": _size(degree[node.id]), "x": x, "y": y, "details": details})
    for e in sorted(graph.edges.values(), key=lambda e: e.key):
        # in words, as the details' links read ("is about", "addressed to"; "similarity: 0.53")
        tip = rel_label(e.type) + "".join(f"\n{prop_label(k)}: {value_label(k, v)}" for k, v in e.props.items()
                                         if v not in (None, ""))
        view.edges.append({"id": f"{e.source}|{e.type}|{e.target}", "from": e.source, "to": e.target,
                           "title": tip, "type": e.type})
    for (a, b), count in sorted((links or {}).items()):
        if a in degree and b in degree:
            kinds = (graph.nodes[a].KIND, graph.nodes[b].KIND)
            view.edges.append({"id": f"{a}|{b}", "from": a, "to": b, "title": _link_title(kinds, count),
                               "type": "SHARED_THEME" if kinds[0] == "Review" else "THROUGH_ACTION",
                               "width": round(1 + math.log2(count), 2), "arrows": "",
                               **({"label": str(count)} if kinds[0] == "Review" else {"dashes": True})})
    view.kinds = [k for k in KIND_COLOURS if any(n.KIND == k for n in graph.nodes.values())]
    return view


def _link_title(kinds: tuple[str, str], count: int) -> str:
    """Words for a link drawn for several edges: a review's recommendations about a theme, or a
    recommendation's actions led by an agency or about a theme."""
    if kinds[0] == "Review":
        return f"{count} recommendation{'s' if count != 1 else ''} of this review about this theme"
    what = "led by this agency" if kinds[1] == "Agency" else "about this theme"
    return f"{count} action{'s' if count != 1 else ''} of this recommendation {what}"


def _aggregate(graph: ReviewGraph, max_nodes: int, context: ReviewGraph) -> NetworkView:
    """Agencies and themes only; an edge counts the items linked to both its agency and its theme."""
    agencies_of: dict[str, set[str]] = {}
    themes_of: dict[str, set[str]] = {}
    for src, type_, dst in graph.edges:
        if type_ in ("ADDRESSED_TO", "LED_BY", "MENTIONS"):
            agencies_of.setdefault(src, set()).add(dst)
        elif type_ == "ABOUT":
            themes_of.setdefault(src, set()).add(dst)
    # an action's agencies count for its recommendation's themes too
    for src, type_, dst in graph.edges:
        if type_ == "HAS_ACTION":
            themes_of.setdefault(dst, set()).update(themes_of.get(src, set()))
    counts: dict[tuple[str, str], int] = {}
    weight: dict[str, int] = {}
    for item, ags in agencies_of.items():
        for a in ags:
            weight[a] = weight.get(a, 0) + 1
        for t in themes_of.get(item, ()):
            weight[t] = weight.get(t, 0) + 1
            for a in ags:
                counts[(a, t)] = counts.get((a, t), 0) + 1
    ranked = sorted(weight, key=lambda n: (-weight[n], n))[:max_nodes]
    keep = set(ranked)
    pairs = [(a, t) for (a, t) in counts if a in keep and t in keep]
    pos = layout(list(keep), pairs)
    view = NetworkView(aggregated=True, source_nodes=len(graph))
    reviews = review_names(context)
    for nid in sorted(keep):
        node = graph.nodes[nid]
        details = node_details(node, context)
        details["linked items"] = str(weight[nid])
        x, y = pos.get(nid, (0.0, 0.0))
        view.nodes.append({"id": nid, "label": _label(node, reviews), "kind": node.KIND,
                           "title": f"{node.KIND}: {node.caption()}\n{weight[nid]} linked items",
                           "color": KIND_COLOURS[node.KIND], "size": _size(weight[nid]), "x": x, "y": y,
                           "details": details})
    for (a, t), c in sorted(counts.items()):
        if a in keep and t in keep:
            view.edges.append({"id": f"{a}|{t}", "from": a, "to": t, "label": str(c), "type": "AGENCY_THEME",
                               "title": f"{c} recommendations, actions or learning link these",
                               "width": round(1 + math.log2(c), 2)})
    view.kinds = [k for k in ("Agency", "Theme") if any(n["kind"] == k for n in view.nodes)]
    dropped = len(weight) - len(keep)
    view.note = (f"This view has {len(graph)} nodes, more than the {max_nodes} a browser lays out well, so it "
                 f"shows agencies and themes only, each edge counting the recommendations, actions and "
                 f"learning linked to both" + (f" ({dropped} less-linked nodes left out)" if dropped else "")
                 + ". Narrow the filters to see individual recommendations.")
    return view


def build_network(graph: ReviewGraph, max_nodes: int = MAX_NODES,
                  context: ReviewGraph | None = None,
                  links: dict[tuple[str, str], int] | None = None) -> NetworkView:
    """The network the browser draws for ``graph`` (aggregated beyond ``max_nodes`` nodes).

    ``context`` is the whole graph when ``graph`` is a filtered view of it: documents are looked up there,
    so provenance names the file even when Document nodes are filtered out. ``links`` are drawn besides the
    graph's edges: ``{(review, theme): recommendations}`` (:func:`reviewgraph.graph.view.shared_theme_links`).
    """
    context = context if context is not None else graph
    if len(graph) > max_nodes:
        return _aggregate(graph, max_nodes, context)
    return _full(graph, context, links)


def _json_for_script(data: Any) -> str:
    """JSON that is safe inside a ``<script>`` element: no ``<``, ``>`` or ``&`` survive literally."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def network_json(view: NetworkView, title: str = "", details: bool = True) -> dict[str, Any]:
    """What the browser gets; without ``details`` (the app shows them itself) it is about half the size."""
    nodes = view.nodes if details else [{k: v for k, v in n.items() if k != "details"} for n in view.nodes]
    return {"nodes": nodes, "edges": view.edges, "note": view.note, "aggregated": view.aggregated,
            "legend": view.legend(), "signature": view.signature, "title": title}


def vis_assets() -> dict[str, Path]:
    """Paths of the vis-network script and style bundled with pyvis, and of our own view script/style.
    pyvis is found, not imported (importing it takes 0.2 to 0.4 s, paid by a fresh app's first view)."""
    spec = importlib.util.find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("pyvis is not installed: it ships the vis-network script the network draws with")
    lib = Path(next(iter(spec.submodule_search_locations))) / "templates" / "lib" / "vis-9.1.2"
    ours = resources.files("reviewgraph.graph") / "data"
    return {"vis.js": lib / "vis-network.min.js", "vis.css": lib / "vis-network.css",
            "netview.js": Path(str(ours / "netview.js")), "netview.css": Path(str(ours / "netview.css"))}


def _csp_hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"


def network_html(view: NetworkView, title: str = "reviewgraph network", subtitle: str = "") -> str:
    """A self-contained HTML page drawing ``view``: works offline, from a file, with nothing fetched."""
    assets = vis_assets()
    vis_js = assets["vis.js"].read_text(encoding="utf-8")
    own_js = assets["netview.js"].read_text(encoding="utf-8")
    boot = "RGNet.standalone(document.getElementById('rg-root'), " \
           "JSON.parse(document.getElementById('rg-data').textContent));"
    css = assets["vis.css"].read_text(encoding="utf-8") + "\n" + assets["netview.css"].read_text(encoding="utf-8")
    scripts = [vis_js, own_js, boot]
    csp = ("default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src "
           + " ".join(_csp_hash(s) for s in scripts))
    data = _json_for_script(network_json(view, title))
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<meta http-equiv=\"Content-Security-Policy\" content=\"{escape(csp)}\">\n"
        f"<title>{escape(title)}</title>\n<style>{css}</style>\n"
        f"<script>{vis_js}</script>\n<script>{own_js}</script>\n</head>\n<body>\n"
        f"<header class=\"rg-head\"><h1>{escape(title)}</h1><p>{escape(subtitle)}</p></header>\n"
        "<div id=\"rg-root\"></div>\n"
        f"<script id=\"rg-data\" type=\"application/json\">{data}</script>\n"
        f"<script>{boot}</script>\n</body>\n</html>\n"
    )
