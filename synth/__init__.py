"""Synthetic review documents with their ground truth, for tests, benchmarks and the demo corpus.

:mod:`reviewgraph.synth.corpus` writes a corpus (documents and truth), :mod:`~reviewgraph.synth.content`
invents what each review says, :mod:`~reviewgraph.synth.report` and :mod:`~reviewgraph.synth.plan` lay it out
as the documents, :mod:`~reviewgraph.synth.render` adds the layouts and noise of extracted PDF, and
:mod:`~reviewgraph.synth.scoring` scores an ingested graph against the truth. ``demo/`` is the shipped demo
corpus. Nothing here is imported by the ingest: it only produces documents for it to read.
"""
