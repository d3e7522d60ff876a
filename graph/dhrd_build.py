"""Build step for the DHRD tables: Review nodes with their tags, linked to their partnership and matched
to the reviews ingested from documents.

CONTRACT: ``add_datasets(graph, docs)`` is called by :func:`reviewgraph.graph.build.build_graph` after the reviews of
the documents are in the graph. For every ``incident_id`` in the DHRD tables (:mod:`reviewgraph.ingest.dhrd`):

- a Review, ``review:<area>/dhrd-<incident>``, with the incident's region, death date (ISO at the
  precision given: "2018-09"), cause and location of death, ``multiple_victims`` and ``tags`` (the
  boolean columns set TRUE; FALSE and blank both leave the tag out: "not tagged" is not "absent");
  a blank cell leaves its property ``None``. The victims and perpetrators tables add their counts and
  their own TRUE columns as ``victim:<column>`` / ``perpetrator:<column>`` tags; the documents table
  the earliest publication date as ``published``.
- When one review ingested from documents has the same area and a death date that agrees at the
  dataset's precision, the dataset's facts go onto that review instead (its title and area are kept),
  so a board sees its own reviews against the national picture.
- ``HAS_DOCUMENT`` to the dataset's Document (``doc_kind="dataset"``, the attribution in ``notes``) and
  ``COMMISSIONED_BY`` to the partnership's Agency (registry-resolved "<csp> Community Safety Partnership").

Provenance of every node and edge: the dataset document and the CSV line of the record.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reviewgraph.graph.agencies import AgencyRegistry
from reviewgraph.graph.graphdata import ReviewGraph
from reviewgraph.graph.ids import document_id, review_id, slug
from reviewgraph.graph.model import Agency, Document, Edge, Review, Sector
from reviewgraph.records.dataset import parse_bool, parse_date
from reviewgraph.records.parsed import DatasetRow, ParsedDocument

__all__ = ["add_datasets", "area_key"]

#: incident columns that are attributes, not tags, even when they hold booleans
_ATTRIBUTES = {"incident_id", "csp", "region", "death_date", "multiple_victims", "cause_of_death",
               "location_of_death"}
_ORDER = {"dhrd:incidents": 0, "dhrd:documents": 1, "dhrd:victims": 2, "dhrd:perpetrators": 3}
_PUBLISHED = re.compile(r"publi|release|^date$|^document_date$", re.IGNORECASE)
_SUFFIX = re.compile(r"\b(community safety partnership|community safety board|safer|partnership|board|csp|"
                     r"council|city of|borough of|the|and)\b", re.IGNORECASE)


def area_key(name: str | None) -> str:
    """A partnership or area name reduced for matching: "Middlesbrough Community Safety Partnership" and
    "Middlesbrough" give the same key.

    >>> area_key("Safer Warwickshire Partnership Board"), area_key("Warwickshire")
    ('warwickshire', 'warwickshire')
    """
    return slug(_SUFFIX.sub(" ", name or "")) if name else ""


@dataclass
class _Incident:
    review: Review
    doc: str
    line: int
    csp: str | None
    matched: bool
    tags: set[str] = field(default_factory=set)
    victims: int = 0
    perpetrators: int = 0
    published: list[str] = field(default_factory=list)


def _bool_columns(rows: list[DatasetRow]) -> set[str]:
    """Columns whose every non-blank value is a boolean."""
    cols: dict[str, bool] = {}
    for row in rows:
        for col, value in row.values.items():
            cols[col] = cols.get(col, True) and parse_bool(value) is not None
    return {c for c, ok in cols.items() if ok}


def _match(area: str, death: str | None, candidates: list[Review]) -> Review | None:
    if not area or not death:
        return None
    hits = [r for r in candidates if area in {area_key(r.area), area_key(r.partnership)}
            and r.death_date and r.death_date.startswith(death)]
    return hits[0] if len(hits) == 1 else None


def _dataset_document(doc: ParsedDocument) -> Document:
    return Document(id=document_id(doc.sha256), doc_kind="dataset", title=doc.title, file_name=doc.file_name,
                    sha256=doc.sha256, review="", line_count=doc.line_count, notes=list(doc.notes),
                    doc=document_id(doc.sha256), line_start=1, line_end=max(1, doc.line_count))


def _new_incident(row: DatasetRow, doc_id: str, candidates: list[Review]) -> _Incident:
    v = row.values
    inc, csp = v["incident_id"], v.get("csp")
    death = parse_date(v.get("death_date"))
    match = _match(area_key(csp), death, candidates)
    common = {"doc": doc_id, "line_start": row.line, "line_end": row.line, "source_id": inc,
              "region": v.get("region"), "cause_of_death": v.get("cause_of_death"),
              "location_of_death": v.get("location_of_death"),
              "multiple_victims": parse_bool(v.get("multiple_victims"))}
    if match is not None:
        review = Review(id=match.id, title=match.title, death_date=None if match.death_date else death, **common)
    else:
        when = f", died {v['death_date']}" if v.get("death_date") else ""
        review = Review(id=review_id(f"{slug(csp) if csp else 'unknown-area'}/dhrd-{slug(inc)}"),
                        title=f"{csp or 'Unknown area'} DHR (DHRD {inc}{when})", area=csp,
                        partnership=f"{csp} Community Safety Partnership" if csp else None, death_date=death,
                        **common)
    return _Incident(review=review, doc=doc_id, line=row.line, csp=csp, matched=match is not None)


def _partnership(registry: AgencyRegistry, csp: str, doc: str, line: int) -> Agency | None:
    res = registry.resolve(f"{csp} Community Safety Partnership")
    if res is None:
        return None
    agency = res.agency
    if not res.resolved:  # a partnership the registry does not know: its provenance is the dataset row
        agency = agency.model_copy(update={"doc": doc, "line_start": line, "line_end": line,
                                           "sector": Sector.partnership})
    return agency


def add_datasets(graph: ReviewGraph, docs: list[ParsedDocument]) -> None:
    """Add the DHRD tables among ``docs`` to ``graph`` (see the module docstring)."""
    tables = sorted((d for d in docs if d.dataset and d.dataset.startswith("dhrd:")),
                    key=lambda d: (_ORDER.get(d.dataset or "", 9), d.file_name))
    if not tables:
        return
    candidates = [n for n in graph.of_kind("Review") if isinstance(n, Review) and not n.source_id]
    incidents: dict[str, _Incident] = {}
    links: list[tuple[str, str, int]] = []  # (incident, dataset document, line)
    for doc in tables:
        document = _dataset_document(doc)
        graph.add_node(document)
        table = (doc.dataset or "").split(":", 1)[1]
        bools = _bool_columns(doc.rows) - _ATTRIBUTES
        prefix = {"victims": "victim:", "perpetrators": "perpetrator:"}.get(table, "")
        for row in doc.rows:
            inc_id = row.values.get("incident_id")
            if not inc_id:
                continue
            inc = incidents.get(inc_id)
            if inc is None:
                inc = incidents[inc_id] = _new_incident(row, document.id, candidates)
                if inc.matched:  # one dataset record per document review
                    candidates = [r for r in candidates if r.id != inc.review.id]
            inc.tags |= {f"{prefix}{c}" for c in bools if parse_bool(row.values.get(c))}
            if table == "victims":
                inc.victims += 1
            elif table == "perpetrators":
                inc.perpetrators += 1
            elif table == "documents":
                inc.published += [d for c, v in row.values.items() if _PUBLISHED.search(c)
                                  if (d := parse_date(v))]
            links.append((inc_id, document.id, row.line))
    registry = AgencyRegistry.load()
    for inc in incidents.values():
        node = inc.review
        node.tags = sorted(inc.tags)
        node.victims = inc.victims or None
        node.perpetrators = inc.perpetrators or None
        node.published = min(inc.published) if inc.published else None
        merged = graph.add_node(node)
        merged.tags = sorted(inc.tags)  # on a document's review too, whatever the merge kept
        if inc.csp:
            agency = _partnership(registry, inc.csp, inc.doc, inc.line)
            if agency is not None:
                if agency.id not in graph.nodes:
                    graph.add_node(agency)
                graph.link(merged.id, "COMMISSIONED_BY", agency.id, node)
    for inc_id, doc_id, line in links:
        graph.add_edge(Edge(source=incidents[inc_id].review.id, target=doc_id, type="HAS_DOCUMENT", doc=doc_id,
                            line_start=line, line_end=line))
