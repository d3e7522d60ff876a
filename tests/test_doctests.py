"""Every module's docstring examples run and hold: one test per module of the installed package.

The modules are found, not listed: the sub-packages are the keys of pyproject's
``[tool.setuptools.package-dir]`` (``reviewgraph.graph`` from ``graph/``, ...) and each is walked with
:func:`pkgutil.walk_packages`, so a new module's examples run without anyone adding it here. pytest's own
``--doctest-modules`` is not used because it would import ``graph/x.py`` as ``graph.x`` (the folder), a second
copy beside the installed ``reviewgraph.graph.x``.

One rule leaves modules out: the Streamlit page scripts (``reviewgraph.app.web.main`` and the pages in
``reviewgraph.app.web.views``) draw their page when imported, which needs Streamlit's script runner; AppTest
runs them (tests/test_app_pages.py). A test below holds that they carry no examples, so the rule hides none.
"""

from __future__ import annotations

import ast
import doctest
import importlib
import pkgutil
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
OPTIONS = doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS


def _folders() -> dict[str, Path]:
    """Sub-package name -> its folder, from pyproject (``reviewgraph.graph`` -> ``graph/``)."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return {name: ROOT / folder for name, folder in config["tool"]["setuptools"]["package-dir"].items()}


FOLDERS = _folders()
#: the top-level folder names: a doctest importing ``graph.x`` instead of ``reviewgraph.graph.x`` loads these
FOLDER_NAMES = {folder.name for folder in FOLDERS.values()}


def _is_page_script(name: str) -> bool:
    """A Streamlit page script: importing it draws the page (see the module docstring)."""
    return name == "reviewgraph.app.web.main" or name.startswith("reviewgraph.app.web.views.")


def _walk() -> list[str]:
    """Every module and package under the sub-packages. A package that fails to import is kept as a name
    (its test then fails with the import error) rather than breaking the collection of all the others."""
    names: set[str] = set()
    for package_name in FOLDERS:
        names.add(package_name)
        try:
            package = importlib.import_module(package_name)
        except Exception:
            continue
        names.update(m.name for m in pkgutil.walk_packages(package.__path__, package_name + ".",
                                                            onerror=names.add))
    return sorted(names)


ALL = _walk()
MODULES = [name for name in ALL if not _is_page_script(name)]
PAGE_SCRIPTS = [name for name in ALL if _is_page_script(name)]


def _source(name: str) -> Path:
    """The file of module ``name`` under its folder (``reviewgraph.graph.x`` -> graph/x.py), found without
    importing it."""
    for package_name, folder in FOLDERS.items():
        if name == package_name or name.startswith(package_name + "."):
            path = folder.joinpath(*name[len(package_name):].lstrip(".").split(".")) if name != package_name \
                else folder
            return path / "__init__.py" if path.is_dir() else path.with_suffix(".py")
    raise LookupError(name)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    before = set(sys.modules)
    module = importlib.import_module(name)
    finder = doctest.DocTestFinder()
    runner = doctest.DocTestRunner(optionflags=OPTIONS)
    report: list[str] = []
    for test in finder.find(module):
        runner.run(test, out=report.append)
    result = runner.summarize(verbose=False)
    assert result.failed == 0, "".join(report)
    folders = sorted({m.split(".")[0] for m in set(sys.modules) - before} & FOLDER_NAMES)
    assert not folders, (f"{_source(name).relative_to(ROOT)}: an example imports the folder {folders} "
                         f"instead of reviewgraph.{folders[0]}")


def _examples_in_source(path: Path) -> int:
    """How many ``>>>`` lines the docstrings of ``path`` hold (read with ast, not imported)."""
    count = 0
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            doc = ast.get_docstring(node, clean=False) or ""
            count += sum(1 for line in doc.splitlines() if line.lstrip().startswith(">>>"))
    return count


@pytest.mark.parametrize("name", MODULES)
def test_every_example_in_the_source_is_found(name: str) -> None:
    """doctest finds examples only on objects it recognises as the module's own (a function wrapped by
    ``functools.cache`` is not one): every ``>>>`` in a docstring must be one doctest runs."""
    module = importlib.import_module(name)
    found = sum(len(t.examples) for t in doctest.DocTestFinder().find(module))
    path = _source(name)
    assert found == _examples_in_source(path), f"{path.relative_to(ROOT)}: some examples never run"


def test_page_scripts_carry_no_examples() -> None:
    assert PAGE_SCRIPTS, "no Streamlit page script found: the skip rule names modules that are gone"
    holding = [name for name in PAGE_SCRIPTS if _examples_in_source(_source(name))]
    assert not holding, f"examples in Streamlit page scripts, which this test cannot run: {holding}"


def test_every_source_file_is_walked() -> None:
    """A folder without ``__init__.py`` is not a package and walk_packages would pass it by."""
    on_disk = {p for folder in FOLDERS.values() for p in folder.rglob("*.py") if "__pycache__" not in p.parts}
    walked = {_source(name) for name in ALL}
    assert sorted(p.relative_to(ROOT) for p in on_disk - walked) == []
