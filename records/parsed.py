"""What an ingestor yields: the parse of one document, before any store or graph.

Every reader (text, PDF, DOCX, XLSX, CSV) turns a file into :class:`Line` rows of cells and hands them to
the same parsers (:mod:`reviewgraph.ingest.plan_table`, :mod:`reviewgraph.ingest.report`), which produce a :class:`ParsedDocument`.
The graph builder (:mod:`reviewgraph.graph.build`) merges parsed documents into reviews; the store keeps them as JSON.
Every record carries the span of lines it was read from; every line not used is in ``unplaced``. The
closed vocabularies (the kind of document and of review, a recommendation's level) are the enums of
:mod:`reviewgraph.records.kinds`, converted once where the parser reads them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_serializer

from reviewgraph.records.kinds import DocKind, Level, ReviewKind
from reviewgraph.records.normalize import clean_cell

__all__ = [
    "DatasetRow",
    "Line",
    "ParsedAction",
    "ParsedDocument",
    "ParsedLearning",
    "ParsedPlan",
    "ParsedRec",
    "ReviewHints",
    "Span",
    "Unplaced",
]


class _derived:  # noqa: N801 - used as a decorator, like functools.cached_property
    """A value computed from a model's fields on first use and kept on the instance (as
    ``functools.cached_property`` does, without the lock Python 3.11 takes on every first computation)."""

    def __init__(self, fn: Callable[[Any], Any]) -> None:
        self.fn = fn
        self.name = fn.__name__
        self.__doc__ = fn.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, obj: Any, owner: type | None = None) -> Any:
        if obj is None:
            return self
        value = obj.__dict__[self.name] = self.fn(obj)  # found in the instance from now on
        return value


class Line(BaseModel):
    """One line (text), paragraph (DOCX), table row (DOCX, PDF, XLSX) of a document, split into cells.

    ``no`` is the provenance position: the 1-based line number in a text file, the paragraph or row index
    in a DOCX, the row number in a spreadsheet; ``page`` the PDF page or the sheet, where there is one.
    """

    model_config = ConfigDict(frozen=True, ignored_types=(_derived,))

    no: int
    cells: tuple[str, ...]
    page: int | None = None
    sheet: str | None = None
    #: what the reader knows of the line's part in the document, where its format says so (HTML, DOCX,
    #: the text reader's table and record recognisers): "heading", "item" (a list item), "paragraph",
    #: "header" (a table's header row), "row" (a whole table row), "rule" (a table's rule line), "part" (a
    #: line inside a table that is not a whole row: a wrapped line, a piece of a row after a page break, a
    #: heading or footer the table goes on across); None where the reader cannot tell (plain text)
    role: str | None = None
    #: heading level (1 = top) or list nesting level (0 = outermost), where ``role`` gives one
    level: int | None = None
    #: the last source line this Line was made from, where a reader joined several (a table row wrapped
    #: over several lines of fixed-width text, a "Field: value" record); None when it is ``no`` alone
    no_end: int | None = None

    # Derived views, computed once per line (the parsers look at every line several times). They are not
    # fields: not validated, not serialised, not compared.
    @_derived
    def text(self) -> str:
        return " ".join(c.strip() for c in self.cells if c.strip())

    @_derived
    def blank(self) -> bool:
        return not any(c.strip() for c in self.cells)

    @_derived
    def clean(self) -> tuple[str, ...]:
        """Every cell as :func:`reviewgraph.records.normalize.clean_cell` reads it ("" for markup or punctuation only)."""
        return tuple(clean_cell(c) for c in self.cells)

    @_derived
    def clean_text(self) -> str:
        """The non-empty cleaned cells joined by one space."""
        return " ".join(c for c in self.clean if c)

    @_derived
    def lone_cell(self) -> str | None:
        """The cleaned text of a line of one cell (its first; every other cell empty), else None."""
        cells = self.cells
        if not cells or not cells[0].strip() or any(c.strip() for c in cells[1:]):
            return None
        return self.clean[0]


class Span(BaseModel):
    line_start: int
    line_end: int
    page: int | None = None

    def cover(self, no: int) -> Span:
        """The span grown to take in line ``no`` (itself when it already does: spans are never changed in
        place)."""
        if self.line_start <= no <= self.line_end:
            return self
        return Span(line_start=min(self.line_start, no), line_end=max(self.line_end, no), page=self.page)


class ParsedAction(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str = ""
    lead: str | None = None
    support: str | None = Field(default=None, description="the agencies named as supporting the lead (a "
                                "'Supporting agencies' / 'Partners' column), as written; never the owner")
    milestones: str | None = None
    start_raw: str | None = None
    target_raw: str | None = None
    status_raw: str | None = None
    progress: str | None = None
    outcome: str | None = None
    agency: str | None = Field(default=None, description="the body an 'Agency' / 'Organisation' / "
                               "'Service' / 'Partner' column names on the action's row, as written, where "
                               "the lead cell names a person or a post ('Lead officer'): the body that "
                               "leads the action")
    span: Span

    @model_serializer(mode="wrap")
    def _written(self, handler: Any) -> dict[str, Any]:
        """``agency`` is written only where it is set, so a parse stored before it existed writes back byte
        for byte."""
        out = handler(self)
        if self.agency is None:
            out.pop("agency", None)
        return out


class ParsedRec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    number: str | None = None
    number_inferred: bool = False
    text: str
    section: str | None = Field(default=None, description="agency or panel heading above it, as written")
    level: Level | None = None
    scope_raw: str | None = None
    owner_raw: str | None = Field(default=None, description="the owner as the document writes it, where the "
                                  "finder saw one: an inline label ('Recommendation 4 (Northmere Police):', "
                                  "'Agency: text'), a lead field of a record; the lead column stays on actions")
    owner_how: str | None = Field(default=None, description="where owner_raw came from: 'column', 'label', "
                                  "'subject' or 'heading'")
    span: Span
    actions: list[ParsedAction] = Field(default_factory=list)
    text_from_action: bool = Field(default=False, description="a plan row with no recommendation text of its "
                                   "own: text is its first action's, and its number is all it says of its "
                                   "recommendation")

    @model_serializer(mode="wrap")
    def _written(self, handler: Any) -> dict[str, Any]:
        """``text_from_action`` is written only where it is true, so a parse stored before it existed writes
        back byte for byte."""
        out = handler(self)
        if not self.text_from_action:
            out.pop("text_from_action", None)
        return out


class ParsedLearning(BaseModel):
    model_config = ConfigDict(extra="forbid")

    number: str
    text: str
    applies: list[str] = Field(default_factory=list, description="recommendation numbers it says apply")
    applies_raw: str | None = None
    span: Span


class ParsedPlan(BaseModel):
    """One action-plan table (a document may hold one, or a report an appendix)."""

    model_config = ConfigDict(extra="forbid")

    title: str | None = None
    as_of_raw: str | None = None
    columns: list[str] = Field(default_factory=list, description="column roles found in the header")
    recs: list[ParsedRec] = Field(default_factory=list)
    span: Span


class ReviewHints(BaseModel):
    """What the document says about which review it belongs to."""

    review_kind: ReviewKind = ReviewKind.DHR
    review_kind_raw: str | None = Field(default=None, description="the finer kind the document names, where "
                                        "review_kind maps it to the closest of DHR/SAR/CSPR: 'DHR/SAR' (a joint "
                                        "review, kind DHR), 'SCR' (a Serious Case Review), 'DARDR'")
    area: str | None = None
    partnership: str | None = None
    number: str | None = None
    pseudonym: str | None = None
    death_date: str | None = None
    date_raw: str | None = None
    override: str | None = Field(default=None, description="explicit --review key given by the user")


class Unplaced(BaseModel):
    line: int
    page: int | None = None
    text: str
    reason: str


class DatasetRow(BaseModel):
    """One record of a dataset file (the DHRD tables): its line in the file and its non-blank values."""

    model_config = ConfigDict(extra="forbid")

    line: int
    values: dict[str, str]


class ParsedDocument(BaseModel):
    model_config = ConfigDict(extra="forbid")

    file_name: str
    sha256: str
    doc_kind: DocKind
    title: str
    line_count: int
    reader: str = "text"
    hints: ReviewHints = Field(default_factory=ReviewHints)
    report_recs: list[ParsedRec] = Field(default_factory=list)
    learning: list[ParsedLearning] = Field(default_factory=list)
    plans: list[ParsedPlan] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list, description="boilerplate repeated on every page")
    glossary: dict[str, str] = Field(default_factory=dict, description="the document's own abbreviations: "
                                     "acronym as written -> its expansion ('NC' -> 'Northmere Constabulary')")
    skipped: list[Unplaced] = Field(default_factory=list,
                                    description="lines recognised as layout noise (rules, page furniture)")
    unplaced: list[Unplaced] = Field(default_factory=list, description="content lines not placed anywhere")
    warnings: list[str] = Field(default_factory=list)
    placed_lines: int = 0
    dataset: str | None = Field(default=None, description="the dataset table the file holds ('dhrd:incidents')")
    rows: list[DatasetRow] = Field(default_factory=list, description="the dataset's records (see ingest.dhrd)")
