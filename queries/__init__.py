"""reviewgraph's query layer: saved Cypher and SPARQL queries and the analysis functions."""
