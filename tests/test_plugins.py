"""One way to register plug-ins (reviewgraph.graph.plugins.discover): each registry lists what it should,
each package's helper list names exactly its modules that declare nothing, a module that declares nothing
(or the wrong thing) is named in the error, and a throw-away plug-in module is found by the same helper."""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path

import pytest

from reviewgraph.app.commands import HELPERS as COMMAND_HELPERS
from reviewgraph.app.commands import Command, commands
from reviewgraph.graph.exports import HELPERS as EXPORT_HELPERS
from reviewgraph.graph.exports import Exporter, exporters
from reviewgraph.graph.labels import EXPORT_FORMATS
from reviewgraph.graph.plugins import PluginError, discover
from reviewgraph.graph.sinks import HELPERS as SINK_HELPERS
from reviewgraph.graph.sinks import Sink, sinks
from reviewgraph.ingest.readers import EXTENSIONS, HELPERS as READER_HELPERS
from reviewgraph.ingest.readers import READERS, Reader, detect
from reviewgraph.queries.engines import ENGINES
from reviewgraph.queries.engines import HELPERS as ENGINE_HELPERS
from reviewgraph.queries.engines.base import Engine

PACKAGES = {  # package: (kind, attribute, helpers)
    "reviewgraph.ingest.readers": (Reader, "READER", READER_HELPERS),
    "reviewgraph.graph.exports": (Exporter, "EXPORTERS", EXPORT_HELPERS),
    "reviewgraph.graph.sinks": (Sink, "SINK", SINK_HELPERS),
    "reviewgraph.queries.engines": (Engine, "ENGINE", ENGINE_HELPERS),
    "reviewgraph.app.commands": (Command, "COMMAND", COMMAND_HELPERS),
}


def test_each_registry_lists_what_it_should() -> None:
    assert list(READERS) == ["csv", "docx", "html", "pdf", "text", "xlsx"]
    assert list(exporters()) == ["csv", "cytoscape", "gexf", "graphml", "html", "json", "jsonld", "nt", "png",
                                 "svg", "ttl"]
    assert list(sinks()) == ["ladybug", "oxigraph", "rdflib"]
    assert {name: engine.language for name, engine in ENGINES.items()} == {
        "cypher": "cypher", "endpoint": "sparql", "neo4j": "cypher", "rdflib": "sparql", "sparql": "sparql"}
    assert list(commands()) == ["agencies", "analysis", "auth", "export", "ingest", "push", "query", "report",
                                "serve", "synth", "webapp"]


@pytest.mark.parametrize("package", sorted(PACKAGES))
def test_helper_lists_are_the_modules_that_declare_nothing(package: str) -> None:
    """Every module is a plug-in or a listed helper, and every listed helper exists and declares nothing."""
    kind, attribute, helpers = PACKAGES[package]
    modules = {m.name for m in pkgutil.iter_modules(importlib.import_module(package).__path__)}
    assert helpers <= modules, f"{package}: listed helpers that are not there: {sorted(helpers - modules)}"
    declaring = {m for m in modules if hasattr(importlib.import_module(f"{package}.{m}"), attribute)}
    assert declaring == modules - helpers
    assert discover(package, kind, attribute, helpers=helpers)


def test_a_module_that_declares_nothing_is_named() -> None:
    with pytest.raises(PluginError) as caught:
        discover("reviewgraph.ingest.readers", Reader, "READER", helpers=READER_HELPERS - {"limits"})
    assert str(caught.value) == ("reviewgraph.ingest.readers.limits declares no READER (a Reader): declare one, "
                                 "or list 'limits' among the package's helper modules")


@pytest.fixture
def toy_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A throw-away package ``toy_formats`` on the import path; its modules are forgotten afterwards."""
    root = tmp_path / "toy_formats"
    root.mkdir()
    (root / "__init__.py").write_text("")
    monkeypatch.syspath_prepend(str(tmp_path))
    yield root
    for name in [m for m in sys.modules if m == "toy_formats" or m.startswith("toy_formats.")]:
        del sys.modules[name]


def test_a_throw_away_reader_is_found_and_used(toy_package: Path, tmp_path: Path) -> None:
    """A new format is one module: declared, found by the same helper, and it reads a file."""
    (toy_package / "shout.py").write_text(
        "from reviewgraph.ingest.readers.base import Reader, Reading\n"
        "from reviewgraph.records.parsed import Line\n"
        "def sniff(sample):\n"
        "    return sample.head.startswith(b'SHOUT')\n"
        "def read(path, data):\n"
        "    return Reading(reader='shout', lines=[Line(no=1, cells=(data.decode().lower(),))])\n"
        "READER = Reader(name='shout', label='a shouted file', suffixes=('.shout',), sniff=sniff, read=read)\n")
    (toy_package / "shared.py").write_text("LOUDNESS = 11\n")
    found = discover("toy_formats", Reader, "READER", helpers={"shared"})
    assert list(found) == ["shout"]
    page = tmp_path / "a.shout"
    page.write_bytes(b"SHOUT ME")
    assert found["shout"].read(page, page.read_bytes()).lines[0].cells == ("shout me",)
    with pytest.raises(PluginError, match=r"^toy_formats\.shared declares no READER"):
        discover("toy_formats", Reader, "READER")


def test_a_wrong_declaration_and_a_twice_used_name_are_named(toy_package: Path) -> None:
    (toy_package / "a.py").write_text("from reviewgraph.app.commands import Command\n"
                                      "COMMAND = Command('same', lambda app: None)\n")
    (toy_package / "b.py").write_text("from reviewgraph.app.commands import Command\n"
                                      "COMMAND = Command('same', lambda app: None)\n")
    with pytest.raises(PluginError, match=r"^toy_formats\.b and toy_formats\.a both declare a Command named 'same'"):
        discover("toy_formats", Command, "COMMAND")
    (toy_package / "b.py").write_text("COMMAND = {'same': None}\n")
    del sys.modules["toy_formats.b"]
    with pytest.raises(PluginError, match=r"^toy_formats\.b: COMMAND holds dict .*, not a Command$"):
        discover("toy_formats", Command, "COMMAND")


def test_a_throw_away_engine_is_found_with_its_language(toy_package: Path, tmp_path: Path) -> None:
    (toy_package / "echo.py").write_text(
        "from reviewgraph.queries.engines.base import Engine, Result\n"
        "class EchoEngine(Engine):\n"
        "    name, language = 'echo', 'cypher'\n"
        "    closed = False\n"
        "    @classmethod\n"
        "    def open(cls, store, **options):\n"
        "        return cls()\n"
        "    def run(self, text, params, max_rows=None):\n"
        "        return Result(['text'], [[text]])\n"
        "    def close(self):\n"
        "        type(self).closed = True\n"
        "ENGINE = EchoEngine\n")
    found = discover("toy_formats", Engine, "ENGINE")
    echo = found["echo"]
    assert echo.language == "cypher"
    with echo.open(None) as engine:
        assert engine.run("RETURN 1", {}).rows == [["RETURN 1"]]
    assert echo.closed
    with pytest.raises(ValueError, match="the echo engine keeps no files of its own"):
        echo.build(None, tmp_path)  # type: ignore[arg-type]


def test_readers_are_chosen_by_content_through_their_declarations(tmp_path: Path) -> None:
    assert EXTENSIONS == {name: reader.suffixes for name, reader in READERS.items()}
    assert detect(tmp_path / "plan.csv", b"No,Recommendation\n1,Share the learning\n") == "csv"
    assert detect(tmp_path / "plan.txt", b"%PDF-1.7 junk") == "pdf"
    assert detect(tmp_path / "plan.csv", b"<!DOCTYPE html><title>x</title>") == "html"
    assert detect(tmp_path / "notes", b"No\tRecommendation\n") == "text"


def test_exporters_say_what_they_are_for_as_the_app_does() -> None:
    """The exporters' plain words are the ones the app's download buttons show (graph.labels)."""
    for name, exporter in exporters().items():
        assert (exporter.label, exporter.purpose) == EXPORT_FORMATS[name], name
        assert exporter.suffix and "/" in exporter.mime
    assert set(EXPORT_FORMATS) == set(exporters())


def test_exporters_files_are_the_ones_the_app_downloads() -> None:
    """The file suffix and MIME type each exporter declares are the app's download's (app.web.common)."""
    from reviewgraph.app.web.common import EXPORT_FILES

    assert {name: (e.suffix, e.mime) for name, e in exporters().items()} == EXPORT_FILES
