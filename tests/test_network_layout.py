"""The explorer's even layout (graph.network.even_layout) against its oracle, networkx's Kamada-Kawai layout:
the same energy, minimised at least as well, without importing scipy (the first view of a fresh app paid
0.5 s for that import) and the same picture every time."""

from __future__ import annotations

import math
import random
import subprocess
import sys

import networkx as nx
import numpy as np
import pytest

from reviewgraph.graph.network import _hops, even_layout, stress


def _focus_like(seed: int, recs: int, agencies: int, themes: int) -> nx.Graph:
    """A graph shaped like the explorer's first view: a review, its recommendations, each addressed to one
    to three agencies and about one or two themes (invented, seeded)."""
    rnd = random.Random(seed)
    g = nx.Graph()
    for i in range(recs):
        g.add_edge("review", f"rec{i}")
        for a in rnd.sample(range(agencies), rnd.randint(1, 3)):
            g.add_edge(f"rec{i}", f"agency{a}")
        for t in rnd.sample(range(themes), rnd.randint(1, 2)):
            g.add_edge(f"rec{i}", f"theme{t}")
    return g


GRAPHS = {
    "karate club": nx.karate_club_graph(),
    "lollipop": nx.lollipop_graph(8, 12),
    "grid": nx.grid_2d_graph(6, 7),
    "path": nx.path_graph(9),
    "tree": nx.random_labeled_tree(40, seed=3),
    "small review": _focus_like(1, 20, 8, 6),
    "review": _focus_like(2, 40, 15, 10),
    "large review": _focus_like(3, 60, 25, 14),
}


def _best_scaled_energy(g: nx.Graph, pos: dict) -> float:
    """The energy of ``pos`` at its best scale (the energy depends on the scale; a layout's does not)."""
    nodes, dist = _hops(g)
    x = np.array([pos[k] for k in nodes], dtype=float)
    x -= x.mean(axis=0)
    sep = np.sqrt(((x[:, None, :] - x[None, :, :]) ** 2).sum(axis=-1))
    off = ~np.eye(len(x), dtype=bool)
    w = np.where(off, 1.0 / np.where(off, dist, 1.0) ** 2, 0.0)
    return stress(dist, x * (w * sep * dist).sum() / (w * sep * sep).sum())


def _spring(g: nx.Graph) -> dict:
    return nx.spring_layout(g, seed=7, k=3.0 / math.sqrt(len(g)), iterations=100)


@pytest.mark.parametrize("name", list(GRAPHS))
def test_energy_no_higher_than_networkx_kamada_kawai(name):
    g = GRAPHS[name]
    start = _spring(g)
    ours = _best_scaled_energy(g, even_layout(g, start))
    theirs = _best_scaled_energy(g, nx.kamada_kawai_layout(g, pos=start, weight=None))
    assert ours <= theirs * 1.01 + 1e-9, (name, ours, theirs)


@pytest.mark.parametrize("name", ["karate club", "review"])
def test_rescaled_like_networkx(name):
    g = GRAPHS[name]
    pos = np.array(list(even_layout(g, _spring(g)).values()))
    assert np.allclose(pos.mean(axis=0), 0.0, atol=1e-9)
    assert math.isclose(float(np.abs(pos).max()), 1.0)


def test_the_same_picture_every_time():
    g = GRAPHS["review"]
    first = even_layout(g, _spring(g))
    again = even_layout(g, _spring(g))
    assert set(first) == set(g)
    assert all(np.array_equal(first[k], again[k]) for k in first)


def test_two_nodes_and_one():
    assert math.dist(*even_layout(nx.path_graph(2), {0: (0.0, 0.0), 1: (0.3, 0.1)}).values()) > 1.0
    assert list(even_layout(nx.empty_graph(1), {0: (0.5, 0.5)})) == [0]


def test_the_explorer_start_view_imports_neither_scipy_nor_pyvis():
    """The first view of a fresh app (a review's focused view, laid out evenly, and the component's files
    found) imports neither scipy nor pyvis (0.5 s and 0.3 s of a cold start)."""
    code = (
        "import sys\n"
        "from tests.synthetic_graph import make_graph\n"
        "from reviewgraph.graph.network import build_network, layout, vis_assets\n"
        "from tests.test_network_layout import GRAPHS\n"
        "g = GRAPHS['large review']\n"
        "pos = layout(list(g), list(g.edges))\n"
        "assert len(pos) == len(g)\n"
        "build_network(make_graph())\n"
        "assert all(path.is_file() for path in vis_assets().values())\n"
        "print('scipy' in sys.modules, 'pyvis' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"], out.stderr
