"""The contract between the ingestors and the graph: what a parse yields, and how its words are read.

:mod:`~reviewgraph.records.parsed` holds the parsed record types (lines, documents, recommendations,
actions, learning, dataset rows) and :mod:`~reviewgraph.records.kinds` the closed vocabularies they carry
(kinds of review and document, a recommendation's level); :mod:`~reviewgraph.records.dates` and :mod:`~reviewgraph.records.status`
interpret the dates and statuses a plan writes; :mod:`~reviewgraph.records.normalize` cleans cells and
knows the words that mark an organisation's name; :mod:`~reviewgraph.records.glossary` reads a name
through a document's own glossary; :mod:`~reviewgraph.records.dataset` reads the DHRD dataset's cells.
:mod:`reviewgraph.ingest` produces these records and :mod:`reviewgraph.graph` consumes them; this package
imports neither (docs/architecture.md).
"""
