"""The data model: every node kind and relationship type of the reviewgraph, declared once.

Everything else derives from this module: the Cypher DDL (:func:`reviewgraph.graph.sinks.ladybug_store.ddl`),
the RDF ontology (:func:`reviewgraph.graph.sinks.rdf.ontology_graph`), the export shape and the validation the
builder applies (the validators of :class:`Node` and :class:`Edge` below). Nodes are pydantic models with
``extra="forbid"``; every node and every edge carries provenance (``doc``, ``line_start``, ``line_end``),
so a board member can always click through to the sentence in the document a fact came from.

Property values are kept flat (strings, numbers, booleans, ISO dates as strings, lists of strings) so that
every sink (networkx, RDF, LadybugDB, Neo4j, GraphML, CSV) can hold them without translation.
"""

from __future__ import annotations

from enum import Enum
from typing import Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator
from pydantic.dataclasses import dataclass

# the vocabularies the parsed records carry too (records is the layer below): declared there, named here
from reviewgraph.records.kinds import DocKind, Level, ReviewKind

__all__ = [
    "EDGE_PROP_TYPES",
    "NODE_TYPES",
    "REGISTRY_DOC",
    "RELATIONSHIPS",
    "TAXONOMY_DOC",
    "Action",
    "Agency",
    "DocKind",
    "Document",
    "Edge",
    "Learning",
    "Level",
    "Node",
    "Recommendation",
    "Rel",
    "Review",
    "ReviewKind",
    "Scope",
    "Sector",
    "Status",
    "StatusUpdate",
    "Theme",
]

#: provenance ``doc`` of facts that come from the shipped agency registry rather than a document
REGISTRY_DOC = "registry:agencies"
#: provenance ``doc`` of facts that come from the shipped theme taxonomy
TAXONOMY_DOC = "registry:themes"


class Status(str, Enum):
    complete = "complete"
    in_progress = "in_progress"
    not_started = "not_started"
    unknown = "unknown"


class Scope(str, Enum):
    local = "local"
    regional = "regional"
    national = "national"


class Sector(str, Enum):
    police = "police"
    probation = "probation"
    health = "health"
    local_authority = "local_authority"
    partnership = "partnership"
    voluntary = "voluntary"
    national_body = "national_body"
    criminal_justice = "criminal_justice"
    housing = "housing"
    education = "education"
    shared = "shared"      # "All agencies", "CSP / DAP": an owner shared by several bodies
    other = "other"


class Node(BaseModel):
    """Base of every node: a deterministic ``id`` and provenance."""

    model_config = ConfigDict(extra="forbid", use_enum_values=True, validate_assignment=True)

    KIND: ClassVar[str] = "Node"
    RDF_CLASS: ClassVar[str] = ""
    #: the property holding the node's human label (pyvis, exports)
    LABEL_PROP: ClassVar[str] = "id"

    id: str = Field(min_length=3)
    doc: str = Field(min_length=1, description="provenance: id of the document (or registry) the node came from")
    line_start: int = Field(ge=0, description="provenance: first line (1-based; 0 for registry data)")
    line_end: int = Field(ge=0, description="provenance: last line")
    page: int | None = Field(default=None, description="provenance: page, where the reader knows it")
    sources: list[str] = Field(default_factory=list,
                               description="every 'doc:start-end' span the node was read from (merged nodes)")

    @field_validator("line_end")
    @classmethod
    def _span_order(cls, v: int, info: Any) -> int:
        start = info.data.get("line_start", 0)
        if v < start:
            raise ValueError(f"line_end {v} before line_start {start}")
        return v

    @property
    def kind(self) -> str:
        return self.KIND

    def caption(self) -> str:
        value = getattr(self, self.LABEL_PROP, None) or self.id
        return str(value)

    def props(self) -> dict[str, Any]:
        """All properties as plain JSON values, ``kind`` included."""
        data = self.model_dump(mode="json")
        data["kind"] = self.KIND
        return data


class Review(Node):
    KIND: ClassVar[str] = "Review"
    RDF_CLASS: ClassVar[str] = "rg:Review"
    LABEL_PROP: ClassVar[str] = "title"

    review_kind: ReviewKind = ReviewKind.DHR
    title: str
    area: str | None = None
    partnership: str | None = None
    number: str | None = Field(default=None, description='e.g. "DHR-4"')
    pseudonym: str | None = None
    death_date: str | None = None
    published: str | None = None
    region: str | None = None
    # from a dataset (the DHRD): see ingest/dhrd.py; a value the dataset leaves blank stays None
    source_id: str | None = Field(default=None, description="the review's id in a dataset (DHRD incident_id)")
    tags: list[str] = Field(default_factory=list,
                            description="dataset tags set TRUE (FALSE means 'not tagged', not 'absent')")
    cause_of_death: str | None = None
    location_of_death: str | None = None
    multiple_victims: bool | None = None
    victims: int | None = Field(default=None, description="records in the dataset's victims table")
    perpetrators: int | None = Field(default=None, description="records in the dataset's perpetrators table")


class Document(Node):
    KIND: ClassVar[str] = "Document"
    RDF_CLASS: ClassVar[str] = "rg:Document"
    LABEL_PROP: ClassVar[str] = "title"

    doc_kind: DocKind
    title: str
    file_name: str
    sha256: str
    review: str
    as_of: str | None = None
    as_of_raw: str | None = None
    line_count: int = 0
    notes: list[str] = Field(default_factory=list, description="boilerplate repeated on every page, kept once")


class Recommendation(Node):
    KIND: ClassVar[str] = "Recommendation"
    RDF_CLASS: ClassVar[str] = "rg:Recommendation"
    LABEL_PROP: ClassVar[str] = "number"

    review: str
    number: str = Field(description="as written ('17.3', '3'); inferred numbers are marked number_inferred")
    number_inferred: bool = False
    plan_number: str | None = Field(default=None, description="the number the action plan gave it, if different")
    section: str | None = Field(default=None, description="the agency heading it sat under, as written")
    text: str
    level: Level | None = None
    scope: Scope | None = None
    scope_raw: str | None = None
    owner: str | None = Field(default=None, description="canonical name of the agency it is addressed to")
    ordinal: int = Field(default=0, description="position in the review's list")


class Action(Node):
    KIND: ClassVar[str] = "Action"
    RDF_CLASS: ClassVar[str] = "rg:Action"
    LABEL_PROP: ClassVar[str] = "text"

    review: str
    recommendation: str
    ordinal: int = 1
    text: str = ""
    lead: str | None = Field(default=None, description="the lead cell as written")
    milestones: str | None = None
    start: str | None = None
    start_raw: str | None = None
    target: str | None = None
    target_raw: str | None = None
    target_end: str | None = Field(default=None, description="last day of the target period ('April 2021')")
    dates_flagged: list[str] = Field(default_factory=list, description="date cells that could not be parsed")
    status: Status = Status.unknown
    status_raw: str | None = None
    progress: str | None = None
    outcome: str | None = None
    as_of: str | None = None


class StatusUpdate(Node):
    """One version's status of an action (each progress update of a plan adds one)."""

    KIND: ClassVar[str] = "StatusUpdate"
    RDF_CLASS: ClassVar[str] = "rg:StatusUpdate"
    LABEL_PROP: ClassVar[str] = "status"

    action: str
    status: Status
    as_of: str | None = None
    progress: str | None = None


class Learning(Node):
    KIND: ClassVar[str] = "Learning"
    RDF_CLASS: ClassVar[str] = "rg:Learning"
    LABEL_PROP: ClassVar[str] = "number"

    review: str
    number: str
    text: str
    applies_raw: str | None = None


class Agency(Node):
    KIND: ClassVar[str] = "Agency"
    RDF_CLASS: ClassVar[str] = "org:Organization"
    LABEL_PROP: ClassVar[str] = "name"

    name: str
    aliases: list[str] = Field(default_factory=list)
    sector: Sector = Sector.other
    active_until: str | None = None
    resolved: bool = True
    shared: bool = False


class Theme(Node):
    KIND: ClassVar[str] = "Theme"
    RDF_CLASS: ClassVar[str] = "skos:Concept"
    LABEL_PROP: ClassVar[str] = "label"

    label: str
    alt_labels: list[str] = Field(default_factory=list)
    hidden_labels: list[str] = Field(default_factory=list,
                                     description="SKOS hidden labels: acronyms, spellings, OCR forms (matched, not shown)")
    definition: str | None = None


NODE_TYPES: dict[str, type[Node]] = {
    cls.KIND: cls for cls in (Review, Document, Recommendation, Action, StatusUpdate, Learning, Agency, Theme)
}


class Rel(BaseModel):
    """Declaration of one relationship type.

    ``stated_by`` names the end whose lines state the relationship: ``"target"`` where the node it reaches
    is what the document writes (a recommendation is made by its review where the recommendation is
    written, an action belongs to its recommendation where the action's row is), else ``"source"``. The
    builder gives such a relationship that node's provenance, and the RDF writes a relationship's
    provenance only where it differs from that node's (:func:`reviewgraph.graph.sinks.rdf.own_provenance`).
    """

    model_config = ConfigDict(frozen=True)

    type: str
    pairs: tuple[tuple[str, str], ...]
    rdf: str
    props: tuple[str, ...] = ()
    doc: str = ""
    stated_by: Literal["source", "target"] = "source"


RELATIONSHIPS: dict[str, Rel] = {r.type: r for r in (
    Rel(type="HAS_DOCUMENT", pairs=(("Review", "Document"),), rdf="rg:hasDocument", stated_by="target"),
    Rel(type="COMMISSIONED_BY", pairs=(("Review", "Agency"),), rdf="rg:commissionedBy",
        doc="the partnership that commissioned the review (e.g. its Community Safety Partnership)"),
    Rel(type="MADE", pairs=(("Review", "Recommendation"),), rdf="rg:made", stated_by="target"),
    Rel(type="IDENTIFIED", pairs=(("Review", "Learning"),), rdf="rg:identified", stated_by="target"),
    Rel(type="INFORMS", pairs=(("Learning", "Recommendation"),), rdf="rg:informs",
        doc='from "Recommendation N applies"'),
    Rel(type="HAS_ACTION", pairs=(("Recommendation", "Action"),), rdf="rg:hasAction", stated_by="target"),
    Rel(type="HAS_STATUS", pairs=(("Action", "StatusUpdate"),), rdf="rg:hasStatus", stated_by="target"),
    Rel(type="ADDRESSED_TO", pairs=(("Recommendation", "Agency"),), rdf="rg:addressedTo"),
    Rel(type="LED_BY", pairs=(("Action", "Agency"),), rdf="rg:ledBy", props=("shared",)),
    Rel(type="MENTIONS", pairs=(("Recommendation", "Agency"), ("Learning", "Agency")), rdf="rg:mentions",
        props=("evidence",)),
    Rel(type="ABOUT", pairs=(("Recommendation", "Theme"), ("Action", "Theme"), ("Learning", "Theme")),
        rdf="rg:about", props=("evidence", "score")),
    Rel(type="SIMILAR_TO", pairs=(("Recommendation", "Recommendation"),), rdf="rg:similarTo",
        props=("score",)),
    Rel(type="SUCCEEDED_BY", pairs=(("Agency", "Agency"),), rdf="rg:succeededBy", props=("date",)),
    Rel(type="MEMBER_OF", pairs=(("Agency", "Agency"),), rdf="org:memberOf"),
    Rel(type="BROADER", pairs=(("Theme", "Theme"),), rdf="skos:broader"),
)}


@dataclass(slots=True, config=ConfigDict(extra="forbid"))
class Edge:
    """One relationship, with provenance. ``props`` holds the type's declared properties only.

    A slotted pydantic dataclass rather than a model: a graph holds millions of edges (1.75 million at
    10,000 reviews), and a model's ``__dict__`` and fields-set cost about 1.2 kB per edge where the slots cost
    88 bytes. Construction validates exactly as the model did (unknown types, undeclared properties, missing
    provenance and unknown arguments raise pydantic's ``ValidationError``); :meth:`trusted` skips it for
    edges read back from a ``graph.json`` this program wrote for the current manifest.
    """

    source: str
    target: str
    type: str
    doc: str = Field(min_length=1)
    line_start: int = Field(ge=0)
    line_end: int = Field(ge=0)
    props: dict[str, Any] = Field(default_factory=dict)

    @field_validator("type")
    @classmethod
    def _known_type(cls, v: str) -> str:
        if v not in RELATIONSHIPS:
            raise ValueError(f"unknown relationship type {v!r}")
        return v

    @field_validator("props")
    @classmethod
    def _declared_props(cls, v: dict[str, Any], info: Any) -> dict[str, Any]:
        rel = RELATIONSHIPS.get(info.data.get("type", ""))
        if rel is not None:
            extra = set(v) - set(rel.props)
            if extra:
                raise ValueError(f"{rel.type} does not declare properties {sorted(extra)}")
        return v

    @classmethod
    def trusted(cls, source: str, target: str, type: str, doc: str, line_start: int, line_end: int,
                props: dict[str, Any]) -> Edge:
        """An edge built without validation, for values already validated when they were written."""
        edge = object.__new__(cls)
        edge.source, edge.target, edge.type, edge.doc = source, target, type, doc
        edge.line_start, edge.line_end, edge.props = line_start, line_end, props
        return edge

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.source, self.type, self.target)


#: the value type of every relationship property declared in :data:`RELATIONSHIPS` (the sinks derive
#: column types and RDF datatypes from it; dates are ISO strings like node dates)
EDGE_PROP_TYPES: dict[str, type] = {"evidence": str, "score": float, "shared": bool, "date": str}
