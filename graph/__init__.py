"""reviewgraph's graph layer: the data model, agency resolution, merging documents into reviews, sinks."""
