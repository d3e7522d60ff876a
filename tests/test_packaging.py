"""One installable package: what `pip install .` puts into site-packages, and how the code names itself.

The repository's top-level folders (app/, graph/, ingest/, queries/, synth/) are installed as sub-packages of
``reviewgraph`` through setuptools' package-dir mapping; nothing else may land at the top of site-packages, and no
module may import the folders by their bare names (that works in a checkout only by accident of the working
directory, and collides with any other installed package called ``app`` or ``graph``).
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = ("app", "graph", "ingest", "queries", "synth")


def _pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _package_folders() -> dict[str, Path]:
    """Every folder holding an ``__init__.py`` under the mapped top-level folders, by its installed name."""
    mapping = _pyproject()["tool"]["setuptools"]["package-dir"]
    found = {}
    for name, folder in mapping.items():
        for init in sorted((ROOT / folder).rglob("__init__.py")):
            rel = init.parent.relative_to(ROOT / folder).parts
            found[".".join((name, *rel))] = init.parent
    return found


def test_every_package_folder_is_listed_and_every_listed_package_exists():
    setup = _pyproject()["tool"]["setuptools"]
    listed, code = set(setup["packages"]), set(_package_folders())
    assert code <= listed, f"folders with an __init__.py missing from pyproject's packages: {sorted(code - listed)}"
    mapping = setup["package-dir"]
    for data in sorted(listed - code):  # folders of data only: they exist and pyproject says which files ship
        top = next(name for name in mapping if data.startswith(name + "."))
        folder = ROOT / mapping[top] / Path(*data[len(top) + 1:].split("."))
        assert folder.is_dir() and not (folder / "__init__.py").exists(), data
        assert data in setup["package-data"], f"{data} is listed as a package but ships no files"


def test_the_mapping_covers_the_top_level_folders():
    mapping = _pyproject()["tool"]["setuptools"]["package-dir"]
    assert {f"reviewgraph.{f}": f for f in FOLDERS}.items() <= mapping.items()
    assert all(name.startswith("reviewgraph.") for name in mapping)


def _python_files() -> list[Path]:
    out = []
    for folder in (*FOLDERS, "tests", "benchmarks"):
        out += sorted((ROOT / folder).rglob("*.py"))
    return out + [ROOT / "dev.py"]


def test_no_module_imports_a_folder_by_its_bare_name():
    bad = []
    for path in _python_files():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            bad += [f"{path.relative_to(ROOT)}:{node.lineno} imports {n}" for n in names
                    if n.split(".")[0] in FOLDERS]
    assert not bad, "\n".join(bad)


def test_no_module_of_the_package_patches_sys_path():
    offenders = [str(p.relative_to(ROOT)) for f in FOLDERS for p in (ROOT / f).rglob("*.py")
                 if "sys.path" in p.read_text(encoding="utf-8")]
    assert not offenders, offenders


@pytest.mark.slow
def test_the_wheel_holds_one_top_level_package_with_its_data(tmp_path):
    """Build the wheel as `pip install .` would (no dependencies fetched) and read what it would install.

    It is built from a copy of what the build reads, so the checkout gets no build/ or egg-info folder."""
    src = tmp_path / "src"
    for name in ("pyproject.toml", "README.md"):
        (src / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, src / name)
    for folder in _pyproject()["tool"]["setuptools"]["package-dir"].values():
        shutil.copytree(ROOT / folder, src / folder, ignore=shutil.ignore_patterns("__pycache__"))
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                           "-w", str(tmp_path), str(src)], capture_output=True, text=True, timeout=300)
    if proc.returncode != 0 and "No module named" in proc.stderr and "setuptools" in proc.stderr:
        pytest.skip("setuptools is not installed in this environment, so the wheel cannot be built offline")
    assert proc.returncode == 0, proc.stderr[-2000:]
    wheel = next(tmp_path.glob("reviewgraph-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    tops = {n.split("/")[0] for n in names if not n.split("/")[0].endswith(".dist-info")}
    assert tops == {"reviewgraph"}, tops
    # a namespace package: no reviewgraph/__init__.py, so a checkout's working directory cannot shadow it
    assert "reviewgraph/__init__.py" not in names
    for needed in ("reviewgraph/app/cli.py", "reviewgraph/app/web/main.py", "reviewgraph/app/web/icon.png",
                   "reviewgraph/graph/data/themes.ttl", "reviewgraph/synth/corpus.py"):
        assert needed in names, needed
    assert any(n.startswith("reviewgraph/queries/cypher/") and n.endswith(".cypher") for n in names)
    assert any(n.startswith("reviewgraph/queries/sparql/") and n.endswith(".rq") for n in names)
    assert sum(n.startswith("reviewgraph/synth/demo/") for n in names) == len(list((ROOT / "synth" / "demo").iterdir()))
    entry = next(n for n in names if n.endswith("entry_points.txt"))
    assert "reviewgraph = reviewgraph.app.cli:main" in zipfile.ZipFile(wheel).read(entry).decode()
    # nothing of the checkout that is not code or data of the package
    assert not any(n.startswith(("reviewgraph/tests", "reviewgraph/benchmarks")) for n in names)
