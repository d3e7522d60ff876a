"""Query engines behind one interface, :class:`~reviewgraph.queries.engines.base.Engine`: ``open`` one over a
store, ``engine.run(text, params) -> Result``, ``close`` it (or use it as a context manager).

Each engine is one module here declaring its class as ``ENGINE`` (its ``name`` and query ``language`` are
class attributes); :data:`ENGINES` finds them all with :func:`reviewgraph.graph.plugins.discover`, so a new
engine is one new module. The engines that keep a database of their own build and open it through their
store's :class:`~reviewgraph.graph.sinks.Sink`.

=========  ========  ==================================================================================
name       language  what answers
=========  ========  ==================================================================================
cypher     cypher    LadybugDB, embedded (``<store>/derived/ladybug/``, or in memory)
neo4j      cypher    a Neo4j server through the official driver (read transactions)
sparql     sparql    pyoxigraph, embedded (``<store>/derived/oxigraph/``, or in memory)
endpoint   sparql    any SPARQL 1.1 endpoint over HTTP (parameters sent as a ``VALUES`` block)
rdflib     sparql    rdflib's own SPARQL engine over an in-memory graph (benchmarks, comparison)
=========  ========  ==================================================================================

Parameters are bound, never spliced into the text as strings: Cypher parameters go to the driver,
rdflib gets ``initBindings``, an endpoint a ``VALUES`` block of RDF terms serialised by pyoxigraph
(:func:`bind_values`; pyoxigraph's own ``substitutions`` only bind projected variables), and embedded
pyoxigraph the same terms in place of the variables where that means the same (:func:`bind_terms`: its
planner then filters on a parameter early), else the ``VALUES`` block. Every engine returns plain values
(str, int, float, bool, None; floats rounded to 6 places), so the same query answers with the same rows
whichever engine ran it.
"""

from __future__ import annotations

from typing import Any

from reviewgraph.graph.plugins import discover
from reviewgraph.graph.store import Store
from reviewgraph.queries.engines.base import Engine, Result, plain
from reviewgraph.queries.engines.endpoint_engine import EndpointEngine
from reviewgraph.queries.engines.ladybug_engine import LadybugEngine
from reviewgraph.queries.engines.neo4j_engine import Neo4jEngine
from reviewgraph.queries.engines.oxigraph_engine import OxigraphEngine
from reviewgraph.queries.engines.rdflib_engine import RdflibEngine
from reviewgraph.queries.engines.sparql_terms import bind_terms, bind_values, rdflib_local_only

__all__ = ["Result", "Engine", "ENGINES", "HELPERS", "make_engine", "plain", "OxigraphEngine", "RdflibEngine",
           "EndpointEngine", "LadybugEngine", "Neo4jEngine", "bind_values", "bind_terms", "rdflib_local_only"]

#: the modules here that hold what the engines share, and declare no engine
HELPERS = frozenset({"base", "sparql_terms"})

#: every engine, by name: its class (``ENGINES[name].language`` is the query language it answers)
ENGINES: dict[str, type[Engine]] = discover(__name__, Engine, "ENGINE", helpers=HELPERS)


def make_engine(name: str, store: Store, **options: Any) -> Engine:
    """The engine ``name`` over ``store`` (options: memory, endpoint, neo4j_uri, neo4j_user, ...)."""
    if name not in ENGINES:
        raise ValueError(f"unknown engine {name!r}; known: {', '.join(ENGINES)}")
    return ENGINES[name].open(store, **options)
