"""Plain words for everything the model names: kinds, properties, relationships, statuses and other values,
sources and export formats. The one place the app's pages and the downloads take their words from.

Internal names (``ADDRESSED_TO``, ``in_progress``, ``plan_number``, ``local_authority``, ``doc:8ebf...``)
are for queries and files; a person reads these instead. Every kind, property, relationship and enum value
of :mod:`reviewgraph.graph.model` has an entry (a test fails when one is added without words).

>>> rel_label("ADDRESSED_TO"), status_label("in_progress"), value_label("sector", "local_authority")
('addressed to', 'in progress', 'Local authority')
>>> prop_label("plan_number"), kind_label("StatusUpdate", plural=True)
('number in the action plan', 'status updates')
>>> status_on("unknown", "2026-12-05")
'no status recorded by 2026-12-05'
>>> source_label({"doc:1": "plan.pdf"}, "doc:1", 10, 12, page=3), source_label({}, "doc:8ebf1d", 1, 2)
('plan.pdf, page 3', 'a document no longer in the store')
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from typing import Any

from reviewgraph.graph.model import REGISTRY_DOC, TAXONOMY_DOC, DocKind, Level, ReviewKind, Scope, Sector, Status

__all__ = [
    "EXPORT_FORMATS",
    "GLOSSARY",
    "KIND_LABELS",
    "PARAM_LABELS",
    "PROPERTY_LABELS",
    "RELATIONSHIP_LABELS",
    "VALUE_LABELS",
    "describe_filter",
    "export_label",
    "kind_label",
    "node_fields",
    "node_source",
    "one_sentence",
    "param_label",
    "prop_label",
    "rel_label",
    "source_label",
    "status_label",
    "status_on",
    "value_label",
    "with_source",
]

#: node kind -> (singular, plural), lower case
KIND_LABELS: dict[str, tuple[str, str]] = {
    "Review": ("review", "reviews"),
    "Document": ("document", "documents"),
    "Recommendation": ("recommendation", "recommendations"),
    "Action": ("action", "actions"),
    "StatusUpdate": ("status update", "status updates"),
    "Learning": ("learning", "learning"),
    "Agency": ("agency", "agencies"),
    "Theme": ("theme", "themes"),
}

#: relationship type -> words that read "<source> <words> <target>"
RELATIONSHIP_LABELS: dict[str, str] = {
    "HAS_DOCUMENT": "has document",
    "COMMISSIONED_BY": "commissioned by",
    "MADE": "made",
    "IDENTIFIED": "identified",
    "INFORMS": "informs",
    "HAS_ACTION": "has action",
    "HAS_STATUS": "has status update",
    "ADDRESSED_TO": "addressed to",
    "LED_BY": "led by",
    "MENTIONS": "mentions",
    "ABOUT": "is about",
    "SIMILAR_TO": "similar to",
    "SUCCEEDED_BY": "succeeded by",
    "MEMBER_OF": "member of",
    "BROADER": "part of the broader theme",
}

#: property name (of any node kind, and the relationship properties) -> its words
PROPERTY_LABELS: dict[str, str] = {
    # every node
    "id": "identifier", "doc": "source document", "line_start": "first line", "line_end": "last line",
    "page": "page", "sources": "read from", "kind": "kind",
    # review
    "review_kind": "kind of review", "title": "title", "area": "area", "partnership": "partnership",
    "number": "number", "pseudonym": "pseudonym", "death_date": "date of death", "published": "published",
    "region": "region", "source_id": "number in the national dataset", "tags": "tags in the national dataset",
    "cause_of_death": "cause of death", "location_of_death": "place of death",
    "multiple_victims": "more than one victim", "victims": "victims", "perpetrators": "perpetrators",
    # document
    "doc_kind": "kind of document", "file_name": "file", "sha256": "file fingerprint", "review": "review",
    "as_of": "as of", "as_of_raw": "as of (as written)", "line_count": "lines",
    "notes": "notes repeated on every page",
    # recommendation
    "number_inferred": "number worked out (not written)", "plan_number": "number in the action plan",
    "section": "heading it sat under", "text": "text", "level": "for", "scope": "reach",
    "scope_raw": "reach (as written)", "owner": "owner", "ordinal": "position in the list",
    # action
    "recommendation": "recommendation", "lead": "lead (as written)", "milestones": "milestones",
    "start": "start", "start_raw": "start (as written)", "target": "target date",
    "target_raw": "target (as written)", "target_end": "end of the target period",
    "dates_flagged": "dates not understood", "status": "status", "status_raw": "status (as written)",
    "progress": "progress", "outcome": "outcome",
    # status update
    "action": "action",
    # learning
    "applies_raw": "applies to (as written)",
    # agency
    "name": "name", "aliases": "also known as", "sector": "sector", "active_until": "ceased on",
    "resolved": "in the agency list", "shared": "shared by several bodies",
    # theme
    "label": "name", "alt_labels": "also called", "hidden_labels": "other spellings matched",
    "definition": "definition",
    # relationship properties
    "evidence": "evidence", "score": "score", "date": "date",
}


#: a saved query's parameter (``queries/cypher/*.cypher``, ``queries/sparql/*.rq``) -> the words of its field
#: in the app; the query file's own description of it becomes the field's help (a test fails when a saved
#: query gains a parameter without words here)
PARAM_LABELS: dict[str, str] = {
    "as_of": "Status as of", "only_overdue": "Only overdue actions", "review": "Review (empty for every review)",
    "agency_ref": "Agency (empty for every agency with a successor)", "theme_ref": "Theme",
    "keyword": "Word or phrase", "min_reviews": "Found in at least this many reviews",
    "min_score": "Least similarity (0 to 1)",
}


def _values(enum: type[Enum], words: dict[str, str]) -> dict[str, str]:
    missing = {e.value for e in enum} - set(words)
    if missing:  # a value added to the model without words fails at import, not on a page
        raise KeyError(f"reviewgraph.graph.labels: no words for {enum.__name__} values {sorted(missing)}")
    return words


#: property -> value -> its words (the closed vocabularies of :mod:`reviewgraph.graph.model`)
VALUE_LABELS: dict[str, dict[str, str]] = {
    "status": _values(Status, {"complete": "complete", "in_progress": "in progress",
                               "not_started": "not started", "unknown": "no status recorded"}),
    "level": _values(Level, {"panel": "the whole panel", "single_agency": "one agency"}),
    "scope": _values(Scope, {"local": "local", "regional": "regional", "national": "national"}),
    "sector": _values(Sector, {
        "police": "Police", "probation": "Probation", "health": "Health",
        "local_authority": "Local authority",
        "partnership": "Partnership", "voluntary": "Voluntary sector", "national_body": "National body",
        "criminal_justice": "Criminal justice", "housing": "Housing", "education": "Education",
        "shared": "Shared by several bodies", "other": "Other"}),
    "doc_kind": _values(DocKind, {
        "overview_report": "overview report", "executive_summary": "executive summary",
        "action_plan": "action plan", "progress_update": "progress update", "dataset": "dataset",
        "unknown": "other document"}),
    "review_kind": _values(ReviewKind, {
        "DHR": "Domestic Homicide Review", "SAR": "Safeguarding Adults Review",
        "CSPR": "Child Safeguarding Practice Review",
        "DHR/SAR": "joint Domestic Homicide and Safeguarding Adults Review"}),
}

#: export format -> (button label, what it is for)
EXPORT_FORMATS: dict[str, tuple[str, str]] = {
    "csv": ("CSV: spreadsheet", "Two tables (nodes.csv and edges.csv, zipped) for Excel or LibreOffice."),
    "html": ("HTML: page to share", "The network as one web page that opens in any browser, offline."),
    "png": ("PNG: picture", "A picture of the network for slides and e-mail."),
    "svg": ("SVG: picture for print", "A picture of the network that stays sharp at any size."),
    "gexf": ("GEXF: open in Gephi", "For Gephi, the network analysis program."),
    "graphml": ("GraphML: yEd / Cytoscape", "For yEd, Cytoscape and most graph programs."),
    "cytoscape": ("Cytoscape JSON", "For Cytoscape desktop and Cytoscape.js web pages."),
    "json": ("JSON: for programs", "Nodes and links as JSON (networkx node-link) for scripts and D3."),
    "ttl": ("Turtle: RDF for a triple store", "Linked data (RDF Turtle) for a triple store and SPARQL."),
    "nt": ("N-Triples: RDF, a line each", "Linked data (RDF), one statement a line: for bulk loading."),
    "jsonld": ("JSON-LD: linked data", "Linked data (RDF) as JSON, for web tools that read JSON-LD."),
}

#: a short glossary: the words the pages use, in plain terms
GLOSSARY: list[tuple[str, str]] = [
    ("Review", "A Domestic Homicide Review, Safeguarding Adults Review or Child Safeguarding Practice "
               "Review: what a partnership commissioned after a death, with its documents."),
    ("Overview report", "The review's main report: what happened, the learning and the recommendations."),
    ("Action plan", "The table saying, for each recommendation, what will be done, by whom and by when."),
    ("Progress update", "A later version of the action plan recording how far each action has got, on a "
                        "date."),
    ("Recommendation", "What the review asks an agency, or the whole panel, to change."),
    ("Action", "A step in the action plan towards a recommendation, with a lead, a target date and a "
               "status."),
    ("Learning", "A numbered lesson the review drew from the case; it may inform recommendations."),
    ("Agency", "A body named as owner, lead or addressee: police, health, council, charity, national body."),
    ("Owner", "The agency a recommendation is addressed to; failing that, the agencies leading its actions."),
    ("Theme", "A topic from the theme list (for example MARAC, information sharing) that a recommendation, "
              "action or learning is about; a theme shared by several reviews is recurring learning."),
    ("Status", "Complete, in progress, not started, or no status recorded. The status on a date is the one "
               "in the latest document dated on or before it; a progress update wins over the plan on the "
               "same date."),
    ("Target date", "When the action plan said an action would be done ('April 2021' means by 30 April "
                    "2021)."),
    ("Open", "An action not complete on the date whose target date has not passed (or has none)."),
    ("Overdue", "An action not complete on the date whose target date has passed."),
    ("Gap", "Something left undone, unowned, unmeasured or inconsistent: see the Gaps page."),
    ("Source", "The document and the lines (or page) a fact was read from, so it can be checked."),
    ("Similar recommendation", "A recommendation in another review whose wording is close to this one's."),
    ("Redaction", "Replacing the reviews' pseudonyms and listed names with [redacted] on every page and "
                  "download."),
]


def kind_label(kind: str, plural: bool = False, capital: bool = False) -> str:
    words = KIND_LABELS.get(kind, (kind.lower(), kind.lower() + "s"))[1 if plural else 0]
    return words[:1].upper() + words[1:] if capital else words


def rel_label(type_: str) -> str:
    return RELATIONSHIP_LABELS.get(type_, type_.replace("_", " ").lower())


def prop_label(name: str) -> str:
    return PROPERTY_LABELS.get(name, name.replace("_", " "))


def param_label(name: str) -> str:
    """A saved query's parameter in words: ``param_label("as_of")`` is ``"Status as of"``."""
    return PARAM_LABELS.get(name, name.replace("_", " ").capitalize())


def value_label(prop: str, value: Any) -> str:
    """A property's value in words: the vocabulary's words, yes/no, lists joined, nothing for None."""
    if value is None:
        return ""
    if isinstance(value, Enum):
        value = value.value
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (list, tuple)):
        return "; ".join(value_label(prop, v) for v in value)
    words = VALUE_LABELS.get(prop)
    return words.get(str(value), str(value)) if words else str(value)


def status_label(status: Any) -> str:
    return value_label("status", status)


def status_on(status: Any, as_of: str) -> str:
    """``"in progress on 2026-12-05"``; for an unknown status, ``"no status recorded by 2026-12-05"``."""
    s = str(status.value if isinstance(status, Enum) else status)
    return f"no status recorded by {as_of}" if s == "unknown" else f"{status_label(s)} on {as_of}"


_REGISTRIES = {REGISTRY_DOC: "the shipped agency list", TAXONOMY_DOC: "the shipped theme list"}


def source_label(files: Mapping[str, str], doc: str | None, line_start: int | None = None,
                 line_end: int | None = None, page: int | None = None) -> str:
    """Where a fact was read: ``"plan.pdf, page 3"`` or ``"plan.txt, lines 12-14"``; ``files`` maps document
    ids to file names. Never the document's id (a hash a person cannot open)."""
    if not doc:
        return ""
    if doc in _REGISTRIES:
        return _REGISTRIES[doc]
    name = files.get(doc)
    if name is None:
        return "a document no longer in the store"
    if page is not None:
        return f"{name}, page {page}"
    if line_start is None or line_start <= 0:
        return name
    if line_end is None or line_end == line_start:
        return f"{name}, line {line_start}"
    return f"{name}, lines {line_start}-{line_end}"


def document_files(graph: Any) -> dict[str, str]:
    """Document id -> file name, for :func:`source_label`."""
    return {d.id: d.file_name for d in graph.of_kind("Document")}


def with_source(rows: list[dict[str, Any]], graph: Any, keep_ids: bool = False) -> list[dict[str, Any]]:
    """Rows carrying provenance (``doc``, ``line_start``, ``line_end``) with a ``source`` in words instead
    (the page too where the row's action, recommendation or item was read from a paged document); with
    ``keep_ids`` the provenance keys stay beside it (for programs).

    >>> from reviewgraph.graph.graphdata import ReviewGraph
    >>> with_source([{"kind": "no_owner", "doc": "doc:8ebf", "line_start": 3, "line_end": 4}], ReviewGraph())
    [{'kind': 'no_owner', 'source': 'a document no longer in the store'}]
    """
    files = document_files(graph)
    out = []
    for row in rows:
        page = None
        for key in ("action", "recommendation", "item"):
            node = graph.nodes.get(row.get(key) or "")
            if node is not None and node.doc == row.get("doc") and node.line_start == row.get("line_start"):
                page = node.page
                break
        source = source_label(files, row.get("doc"), row.get("line_start"), row.get("line_end"), page)
        kept = row if keep_ids else {k: v for k, v in row.items() if k not in _PROVENANCE}
        out.append({**kept, "source": source})
    return out


_PROVENANCE = ("doc", "line_start", "line_end")


def node_source(graph: Any, node: Any, files: Mapping[str, str] | None = None) -> str:
    files = files if files is not None else document_files(graph)
    return source_label(files, node.doc, node.line_start, node.line_end, node.page)


#: fields a details box leaves out: identifiers, positions and fingerprints, and provenance (shown as source)
_HIDDEN_FIELDS = frozenset({"id", "doc", "line_start", "line_end", "page", "sources", "ordinal", "sha256",
                            "hidden_labels", "number_inferred", "line_count", "review", "recommendation",
                            "action", "source_id"})


def node_fields(node: Any, graph: Any = None) -> list[tuple[str, str]]:
    """A node's fields as ``(words, value)`` pairs for a details box: kind first, source last, identifiers
    and positions left out, values in words."""
    out = [("kind", kind_label(node.KIND, capital=True))]
    for name, value in node.model_dump(mode="json").items():
        if name in _HIDDEN_FIELDS or value in (None, "", [], {}, False):
            continue
        out.append((prop_label(name), value_label(name, value)))
    files = document_files(graph) if graph is not None else {}
    out.append(("source", source_label(files, node.doc, node.line_start, node.line_end, node.page)))
    return out


def export_label(fmt: str) -> tuple[str, str]:
    """``(button label, help)`` for an export format."""
    return EXPORT_FORMATS.get(fmt, (fmt.upper(), f"The view as {fmt}."))


def describe_filter(view: Any, names: Mapping[str, str] | None = None) -> str:
    """What a :class:`reviewgraph.graph.view.ViewFilter` keeps, in words (``names`` maps ids to their names).

    >>> from reviewgraph.graph.view import ViewFilter
    >>> describe_filter(ViewFilter(kinds=("Review", "Agency"), statuses=("in_progress",), drop_isolated=True))
    'reviews and agencies; actions in progress; linked nodes only'
    """
    names = names or {}
    parts: list[str] = []
    if view.kinds:
        kinds = [kind_label(k, plural=True) for k in view.kinds]
        parts.append(kinds[0] if len(kinds) == 1 else ", ".join(kinds[:-1]) + " and " + kinds[-1])
    for label, ids in (("review", view.reviews), ("agency", view.agencies), ("theme", view.themes)):
        if ids:
            parts.append(f"{label}: " + ", ".join(names.get(i, i) for i in ids))
    if view.areas:
        parts.append("area: " + ", ".join(view.areas))
    if view.statuses:
        parts.append("actions " + " or ".join(status_label(s) for s in view.statuses))
    if view.date_from or view.date_to:
        parts.append(f"target dates {view.date_from or '…'} to {view.date_to or '…'}")
    if view.text:
        parts.append(f"text contains “{view.text}”")
    if view.drop_isolated:
        parts.append("linked nodes only")
    return "; ".join(parts) or "everything"


def one_sentence(exc: BaseException | str, limit: int = 240) -> str:
    """An error as one sentence (no full stop): its first line, the engine's class prefix ("Parser
    exception:") put in words, cut at ``limit`` characters.

    >>> one_sentence("Parser exception: extraneous input 'RETUR' expecting 'RETURN'.\\n\\"RETUR n\\"\\n  ^")
    "the query's wording is not valid: extraneous input 'RETUR' expecting 'RETURN'"
    """
    text = str(exc).strip()
    first = next((line.strip() for line in text.splitlines() if line.strip()), "") or type(exc).__name__
    for prefix, words in _ERROR_PREFIXES:
        if first.lower().startswith(prefix):
            first = words + first[len(prefix):].lstrip(" :")
            break
    first = " ".join(first.split()).rstrip(" .")
    return first if len(first) <= limit else first[: limit - 1] + "…"


_ERROR_PREFIXES = (
    ("parser exception", "the query's wording is not valid: "),
    ("binder exception", "the query names something the store does not have: "),
    ("runtime exception", "the query failed while running: "),
    ("catalog exception", "the query names something the store does not have: "),
)
