"""reviewgraph's ingestors: readers turn files into lines of cells; parsers turn lines into records."""
