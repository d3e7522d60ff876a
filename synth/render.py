"""How a synthetic review looks on the page: action-plan tables and overview reports, with the noise of
text extracted from PDF, in controlled proportions.

A :class:`Style` belongs to a partnership (each partnership keeps its template): the plan's columns, their
order and names, numbering (restarting per agency section, continuous, or the report's "17.3"), where
agency headings go, page furniture. :class:`Noise` holds the proportions of each kind of damage. The
renderers write lines and record, per recommendation, what was really written (number kept or lost, the
line it starts on), which becomes the document's ground truth.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from reviewgraph.synth.content import RecSpec, ReviewSpec

__all__ = ["Noise", "Style", "draw_style", "Page", "ocr_word", "ocr_text"]

HEADERS = {
    "no": ["No", "No.", "Ref", "Rec No.", "Recommendation No"],
    "rec": ["Recommendation", "Recommendations", "Panel Recommendation"],
    "scope": ["Scope", "Scope (Local/Regional/National)", "Local / Regional / National"],
    "action": ["Action to take", "Actions required to address recommendations", "Action", "Actions",
               "Specific action to be taken"],
    "lead": ["Lead Individual", "Lead agency", "Lead agency including Name / role of person responsible for "
             "action", "Lead Officer", "Owner"],
    "milestones": ["Key milestones achieved in enacting recommendation", "Key Milestones", "Milestones"],
    "start": ["Start Date", "Start date", "Date started"],
    "target": ["Target Date", "Target date", "Expected End Date", "Timescale", "Completion date"],
    "outcome": ["Outcome", "Anticipated Outcomes of achieving recommendation (what will change) & measure(s) "
                "that will be used to evidence this", "Evidence of Achievement", "Desired outcome",
                "Outcome / Evidence"],
    "progress": ["Progress report", "Progress update", "Progress / Status", "Update", "Comments / Progress"],
    "status": ["Status", "RAG Status", "Status (Complete / Ongoing)"],
}
LAYOUTS = [
    ["no", "rec", "scope", "action", "lead", "milestones", "start", "target", "outcome"],
    ["no", "rec", "start", "action", "lead", "milestones", "target", "outcome"],
    ["rec", "action", "outcome", "target", "progress"],
    ["no", "rec", "lead", "action", "target", "status", "progress"],
    ["no", "rec", "action", "lead", "target", "outcome", "status"],
]
OPTIONAL = {"scope", "milestones", "start", "status"}
STATUS_WORDS = {"complete": ["Complete", "COMPLETE", "Completed"], "in_progress": ["Ongoing", "In progress",
                                                                                    "on going"],
                "not_started": ["Not started", "Not yet started"]}
FURNITURE = [["Official Sensitive"], ["OFFICIAL"], ["OFFICIAL - SENSITIVE", "Page {page}"],
             ["{partnership} - DHR action plan - Not for onward distribution"]]
REPEATED_PARAGRAPH = ("On 26th June 2021 all of the privately run Community Rehabilitation Companies were "
                      "reunited into public ownership to form the new Probation Service. The {place} DHR "
                      "Scrutiny Panel will seek assurance that the actions and monitoring were reassigned.")


@dataclass(frozen=True)
class Noise:
    """Proportions of each kind of damage (per row, cell, heading or word as named)."""

    split_row: float = 0.15        # a row's long cells continue on a second line
    page_split: float = 0.4        # ... and a page break (furniture) falls between the two lines
    glue_heading: float = 0.25     # an agency heading glued onto the first row of its section
    lost_number: float = 0.05      # a recommendation's number missing
    ocr_word: float = 0.004        # a word damaged by OCR
    ocr_agency: float = 0.08       # an agency name (heading or lead cell) damaged by OCR
    acronym: float = 0.35          # an agency written as its acronym
    html_cell: float = 0.05        # a cell written as HTML <p>/<li> fragments
    md_rule: float = 0.05          # a markdown rule (--- cells) after a row
    tail_glue: float = 0.03        # the end of a row's action glued onto the next row
    combine_actions: float = 0.3   # several actions of one recommendation in one row's cells

    def scaled(self, k: float) -> Noise:
        return Noise(**{f: min(1.0, getattr(self, f) * k) for f in self.__dataclass_fields__})


CLEAN = Noise(split_row=0, page_split=0, glue_heading=0, lost_number=0, ocr_word=0, ocr_agency=0, acronym=0,
              html_cell=0, md_rule=0, tail_glue=0, combine_actions=0)


@dataclass(frozen=True)
class Style:
    columns: tuple[str, ...]
    headers: dict
    numbering: str            # restart | continuous | report
    number_fmt: str           # "{n}." | "{n}" | "R{n}"
    heading_mode: str         # first | second | none
    title: int
    furniture: tuple[str, ...]
    repeat_paragraph: bool
    page_rows: int
    repeat_header: bool
    bullets: str              # "- " or ""
    bold: bool
    learning_fmt: int
    optional_sections: tuple[str, ...]
    date_prefs: tuple[str, ...]
    noise: Noise = field(default_factory=Noise)


def draw_style(rng: random.Random, noise: Noise) -> Style:
    layout = list(rng.choice(LAYOUTS))
    if rng.random() < 0.4:
        drop = [c for c in layout if c in OPTIONAL]
        if drop:
            layout.remove(rng.choice(drop))
    headers = {role: rng.choice(names) for role, names in HEADERS.items()}
    numbering = rng.choice(["restart", "restart", "continuous", "continuous", "report"])
    heading_mode = rng.choice(["first", "first", "second", "none"])
    if heading_mode == "none" and numbering == "restart":
        numbering = "continuous"
    title = rng.choice([0, 1, 1, 2, 3, 4]) if heading_mode != "none" else rng.choice([0, 1, 3, 4])
    return Style(columns=tuple(layout), headers=headers, numbering=numbering,
                 number_fmt=rng.choice(["{n}.", "{n}.", "{n}", "R{n}"]), heading_mode=heading_mode, title=title,
                 furniture=tuple(rng.choice(FURNITURE)), repeat_paragraph=rng.random() < 0.15,
                 page_rows=rng.randint(6, 14), repeat_header=rng.random() < 0.3,
                 bullets=rng.choice(["- ", "- ", ""]), bold=rng.random() < 0.6, learning_fmt=rng.randint(0, 1),
                 optional_sections=tuple(s for s in ("Parallel Reviews", "Equality and Diversity",
                                                     "Dissemination") if rng.random() < 0.6),
                 date_prefs=tuple(rng.sample(["short", "long", "day", "numeric"], rng.randint(1, 3))),
                 noise=noise)


# -- OCR damage --------------------------------------------------------------------------------------------
def ocr_word(rng: random.Random, w: str) -> str:
    op = rng.randrange(7)
    k = rng.randrange(1, len(w) - 1)
    if op == 0:
        return w[:k] + " " + w[k:]                    # "Octobe r"
    if op == 1 and "l" in w:
        return w.replace("l", "I", 1)                 # "Operationa I"
    if op == 2 and "m" in w:
        return w.replace("m", "rn", 1)
    if op == 3 and "rn" in w:
        return w.replace("rn", "m", 1)
    if op == 4:
        return w[:k] + w[k + 1:]                      # a lost letter
    if op == 5 and "e" in w:
        return w.replace("e", "c", 1)
    return w[:k] + w[k] + w[k:]                       # a doubled letter


def ocr_text(rng: random.Random, text: str, p: float) -> tuple[str, int]:
    """Damage each word of ``text`` longer than three letters with probability ``p``."""
    if p <= 0:
        return text, 0
    words = text.split(" ")
    hits = 0
    for i, w in enumerate(words):
        if len(w) > 3 and w.isalpha() and rng.random() < p:
            words[i] = ocr_word(rng, w)
            hits += 1
    return " ".join(words), hits


class Page:
    """Lines of one document, with page furniture every so many rows and counters of the noise used."""

    def __init__(self, rng: random.Random, style: Style, review: ReviewSpec) -> None:
        self.rng, self.style, self.review = rng, style, review
        self.lines: list[str] = []
        self.rows_on_page = 0
        self.page = 1
        self.counts: dict[str, int] = {}

    @property
    def next_no(self) -> int:
        return len(self.lines) + 1

    def add(self, *lines: str) -> None:
        self.lines.extend(lines)

    def count(self, what: str, k: int = 1) -> None:
        if k:
            self.counts[what] = self.counts.get(what, 0) + k

    def furniture(self) -> None:
        p = self.review.partnership
        self.page += 1
        self.add("")
        for line in self.style.furniture:
            self.add(line.format(page=self.page, partnership=p.name))
        if self.style.repeat_paragraph:
            self.add("", REPEATED_PARAGRAPH.format(place=p.place))
        self.add("")
        self.rows_on_page = 0
        self.count("page_breaks")

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


def written_agency(page: Page, name: str, aliases: tuple[str, ...], acronym: float | None = None) -> str:
    """An agency as a document writes it: often an acronym, sometimes OCR-damaged."""
    rng, noise = page.rng, page.style.noise
    out = name
    acr = [a for a in aliases if a.replace(" ", "").isupper()]
    p_acr = noise.acronym if acronym is None else min(noise.acronym, acronym)
    if acr and rng.random() < p_acr:
        out = rng.choice(acr)
        page.count("acronyms")
    elif rng.random() < noise.ocr_agency and len(out) > 6:
        words = out.split(" ")
        i = max(range(len(words)), key=lambda j: len(words[j]))
        if len(words[i]) > 3:
            words[i] = ocr_word(rng, words[i])
            out = " ".join(words)
            page.count("ocr_agencies")
    return out


def status_word(rng: random.Random, status: str) -> str:
    return rng.choice(STATUS_WORDS.get(status, ["Unknown"]))


def rec_number(style: Style, rec: RecSpec, report_no: str | None) -> str:
    if style.numbering == "report" and report_no:
        return report_no
    n = rec.section_index if style.numbering == "restart" else rec.ordinal
    return style.number_fmt.format(n=n)
