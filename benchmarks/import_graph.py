"""Draw reviewgraph's package import graph from the code (grimp) into docs/architecture.md.

    python benchmarks/import_graph.py          # rewrite the diagram in docs/architecture.md
    python benchmarks/import_graph.py --check  # exit 1 when the doc is not current (tests/test_layers.py)

The diagram sits between two marker lines of the doc; everything else in the doc is left as written. An
arrow means "some module of this package imports some module of that one" (lazy imports inside functions
and imports for type checking count too: grimp reads every import statement).
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import grimp

#: the sub-packages, top layer first (pyproject's [tool.importlinter] layers)
PACKAGES = ["app", "synth", "queries", "ingest", "graph", "records"]
DOC = Path(__file__).resolve().parent.parent / "docs" / "architecture.md"
BEGIN = "<!-- import graph: begin (drawn by benchmarks/import_graph.py; do not edit by hand) -->"
END = "<!-- import graph: end -->"


def package_edges() -> Counter[tuple[str, str]]:
    """(importer, imported) sub-package -> number of module-to-module imports between them."""
    graph = grimp.build_graph(*(f"reviewgraph.{p}" for p in PACKAGES), cache_dir=None)
    edges: Counter[tuple[str, str]] = Counter()
    for module in graph.modules:
        src = module.split(".")[1]
        for imported in graph.find_modules_directly_imported_by(module):
            dst = imported.split(".")[1]
            if dst != src:
                edges[(src, dst)] += 1
    return edges


def diagram(edges: Counter[tuple[str, str]]) -> str:
    """The mermaid block, arrows in layer order (the same code gives the same text). An arrow up the layers
    (a known exception listed in pyproject's ``ignore_imports``) is dotted."""
    order = {p: k for k, p in enumerate(PACKAGES)}
    lines = ["```mermaid", "flowchart TD"]
    lines += [f"    {p}[reviewgraph.{p}]" for p in PACKAGES]
    for src, dst in sorted(edges, key=lambda e: (order[e[0]], order[e[1]])):
        arrow = "-. known exception .->" if order[src] > order[dst] else "-->"
        lines.append(f"    {src} {arrow} {dst}")
    lines.append("```")
    return "\n".join(lines)


def current_text(doc: str, block: str) -> str:
    """``doc`` with the block between the markers replaced by ``block``."""
    if BEGIN not in doc or END not in doc:
        raise ValueError(f"{DOC}: the marker lines of the import graph are missing")
    head, rest = doc.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{BEGIN}\n{block}\n{END}{tail}"


def main(argv: list[str]) -> int:
    doc = DOC.read_text(encoding="utf-8")
    new = current_text(doc, diagram(package_edges()))
    if "--check" in argv:
        if new != doc:
            print(f"{DOC}: the import graph is out of date; run python benchmarks/import_graph.py")
            return 1
        return 0
    DOC.write_text(new, encoding="utf-8")
    print(f"wrote {DOC}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
