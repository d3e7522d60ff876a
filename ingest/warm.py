"""Imported by the forkserver that parse workers are forked from (:mod:`ingest.parallel`): what every parse
needs, loaded once in the server, so that each worker starts with it (the agency registry takes about 0.2 s)."""

from __future__ import annotations

from graph.agencies import AgencyRegistry

AgencyRegistry.load()
