"""One way to find plug-ins: every module of a package declares one module-level object of its kind.

Readers (``READER`` in :mod:`reviewgraph.ingest.readers`), exporters (``EXPORTERS`` in
:mod:`reviewgraph.graph.exports`), stores (``SINK`` in :mod:`reviewgraph.graph.sinks`), query engines
(``ENGINE`` in :mod:`reviewgraph.queries.engines`) and CLI commands (``COMMAND`` in
:mod:`reviewgraph.app.commands`) are all found by :func:`discover`: it imports each module of the package
in name order and takes the object the module declares under the kind's name. A module that holds code
the plug-ins share, and declares nothing, is named in the package's list of helper modules; any other
module that declares nothing, or declares something of the wrong kind, stops discovery with one line
naming the module. So a new format, exporter, store, engine or command is one new module, and nothing
else to edit.

A declaration is one plug-in, or a tuple of them when one module holds several (the RDF exporters).
Where the kind is a class, the declared object may be an instance of it or, for kinds whose plug-ins are
classes (the engines: each one is opened many times), a subclass of it.

>>> from reviewgraph.graph.sinks import HELPERS, Sink
>>> sorted(discover("reviewgraph.graph.sinks", Sink, "SINK", helpers=HELPERS))
['ladybug', 'oxigraph', 'rdflib']
>>> try:
...     discover("reviewgraph.graph.sinks", Sink, "SINK")
... except PluginError as exc:
...     print(exc)
reviewgraph.graph.sinks.columns declares no SINK (a Sink): declare one, or list 'columns' among the package's helper modules
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterable
from typing import Any, TypeVar

__all__ = ["PluginError", "discover"]

T = TypeVar("T")


class PluginError(ImportError):
    """A package's plug-ins cannot be listed: the message is one line naming the module and what to do."""


def _fits(obj: Any, kind: type) -> bool:
    if isinstance(obj, type):
        return issubclass(obj, kind) and obj is not kind
    return isinstance(obj, kind)


def _kind_name(kind: type) -> str:
    return kind.__name__


def discover(package: str, kind: type[T], attribute: str, *, helpers: Iterable[str] = ()) -> dict[str, T]:
    """The plug-ins the modules of ``package`` declare as ``attribute``, by name, in name order.

    ``kind`` is the class (or runtime-checkable protocol) each declared object must be; ``helpers`` names
    the modules of the package that declare none, on purpose. Raises :class:`PluginError`, naming the
    module, when a module declares none, declares an object of another kind or a plug-in without a name,
    or when two modules declare the same name. (A helper listed but absent is not an error here, so that
    a module can be added and its listing committed apart; ``tests/test_plugins.py`` holds each list to
    the package's modules.)
    """
    pkg = importlib.import_module(package)
    helpers = frozenset(helpers)
    names = sorted(m.name for m in pkgutil.iter_modules(pkg.__path__))
    found: dict[str, T] = {}
    where: dict[str, str] = {}
    for short in names:
        if short in helpers:
            continue
        module = f"{package}.{short}"
        declared = getattr(importlib.import_module(module), attribute, None)
        if declared is None:
            raise PluginError(f"{module} declares no {attribute} (a {_kind_name(kind)}): declare one, "
                              f"or list {short!r} among the package's helper modules")
        items = declared if isinstance(declared, tuple) else (declared,)
        if not items:
            raise PluginError(f"{module}: {attribute} is empty; declare at least one {_kind_name(kind)}")
        for item in items:
            if not _fits(item, kind):
                raise PluginError(f"{module}: {attribute} holds {type(item).__name__} {item!r:.60}, not a "
                                  f"{_kind_name(kind)}")
            name = getattr(item, "name", None)
            if not isinstance(name, str) or not name:
                raise PluginError(f"{module}: a {_kind_name(kind)} in {attribute} has no name")
            if name in where:
                raise PluginError(f"{module} and {where[name]} both declare a {_kind_name(kind)} "
                                  f"named {name!r}; rename one")
            where[name] = module
            found[name] = item
    return {name: found[name] for name in sorted(found)}
