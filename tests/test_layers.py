"""Layers that point one way (docs/architecture.md): import-linter's contracts in pyproject hold on the code,
a broken contract is caught, and the import graph drawn in the doc is the code's."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import grimp
import pytest
from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = ROOT / "pyproject.toml"
SUBPACKAGES = ("app", "synth", "queries", "ingest", "graph", "records")


@pytest.fixture(scope="module")
def imports() -> grimp.ImportGraph:
    return grimp.build_graph(*(f"reviewgraph.{p}" for p in SUBPACKAGES), cache_dir=None)


def test_contracts_are_kept(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(ROOT)
    code = lint_imports(config_filename=str(PYPROJECT), no_cache=True, no_logo=True)
    out = capsys.readouterr().out
    assert code == 0, out
    assert "Contracts: 3 kept, 0 broken." in out


def test_a_broken_contract_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    """The same checker on a contract this code breaks (records over graph): it must say so."""
    config = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["tool"]["importlinter"]
    roots = ", ".join(f'"{r}"' for r in config["root_packages"])
    (tmp_path / "upside_down.toml").write_text(
        f'[tool.importlinter]\nroot_packages = [{roots}]\n\n[[tool.importlinter.contracts]]\nname = "upside down"\n'
        'type = "layers"\nlayers = ["reviewgraph.records", "reviewgraph.graph"]\n', encoding="utf-8")
    monkeypatch.chdir(ROOT)
    code = lint_imports(config_filename=str(tmp_path / "upside_down.toml"), no_cache=True, no_logo=True)
    out = capsys.readouterr().out
    assert code == 1, out
    assert "upside down BROKEN" in out and "reviewgraph.graph is not allowed to import reviewgraph.records" in out


def test_the_roots_are_every_subpackage() -> None:
    """A new top-level sub-package must join the contracts, or nothing would check it."""
    config = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))
    mapped = set(config["tool"]["setuptools"]["package-dir"])
    assert set(config["tool"]["importlinter"]["root_packages"]) == mapped == {f"reviewgraph.{p}" for p in SUBPACKAGES}


def test_graph_imports_neither_ingest_nor_queries(imports: grimp.ImportGraph) -> None:
    """Said directly (the layers contract says it too), with the importing lines in the message."""
    for upper in ("reviewgraph.ingest", "reviewgraph.queries", "reviewgraph.app", "reviewgraph.synth"):
        for lower in ("reviewgraph.graph", "reviewgraph.records"):
            found = imports.find_matching_direct_imports(import_expression=f"{lower}.** -> {upper}.**")
            assert not found, f"{lower} imports {upper}: {found}"


def test_records_import_nothing_of_reviewgraph(imports: grimp.ImportGraph) -> None:
    records = imports.find_descendants("reviewgraph.records") | {"reviewgraph.records"}
    assert len(records) >= 7
    outside = {(m, i) for m in records for i in imports.find_modules_directly_imported_by(m)
               if not i.startswith("reviewgraph.records")}
    assert not outside


def test_the_doc_import_graph_is_current() -> None:
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "import_graph.py"), "--check"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "```mermaid" in (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
