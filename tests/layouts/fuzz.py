"""Layout fuzzer: one invented review (its ground truth) rendered in randomly drawn layouts.

The ingest must read recommendations, their numbers and owners whatever the document looks like. This module
draws a :class:`Truth` (a review: kind, partnership, area, number; recommendations with number, text and
owner; learning items with the recommendations they inform) from ``random.Random(seed)`` and renders it
with :func:`render` in a :class:`Layout` drawn from independent axes (:data:`AXES`):

- **doc**: an action-plan table or an overview report;
- **format**: tab-separated text, ``pdftotext -layout`` fixed-width text, plain text, Markdown, CSV,
  "Field: value" tracker blocks, HTML, DOCX, XLSX, PDF (:data:`FORMATS` says which serve which doc);
- **columns** (plans): order canonical or shuffled, header wording drawn per role, optional columns
  dropped, a Supporting agencies and a Lead officer (person) column sometimes added;
- **numbering**: ``1.`` ``1)`` ``R1`` ``Rec 1`` ``Recommendation 1:`` ``17.1`` ``(a)`` or none;
- **owner placement**: lead column, agency heading rows, inline label ``Owner: text``, sentence subject
  ``Owner should ...``; recommendations owned by the partnership sometimes written ``That the Partnership
  ...``; an ownerless recommendation has a blank, ``TBC`` or ``N/A`` lead cell;
- **acronyms**: owners written in full, as acronyms explained in an Abbreviations section, or as bare
  acronyms (then the truth accepts the acronym, or it is one the agency registry knows);
- **report**: recommendations heading wording (or Local / National sub-sections, numbering continuing),
  learning section name, link phrasing;
- **noise**: hard wrap width and words hyphenated across line ends, page furniture (form feeds, "Page 3 of
  12", "OFFICIAL - SENSITIVE"), narrative paragraphs around the lists (with "should" sentences and numbered
  terms of reference that are not recommendations).

:func:`expected` gives what a correct ingest returns for a (truth, layout): each recommendation's text as
written, its number (None where the layout writes none) and the names its owner may be given.

Everything is invented (places are compounds of bird and landscape words from ``reviewgraph.synth.vocab``;
national bodies are real) and deterministic: the same seed and layout give the same bytes.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import random
import re
import zipfile
from dataclasses import asdict, dataclass, field, fields, replace
from typing import Any

from reviewgraph.synth.vocab import OFFICIAL_FIRST, OFFICIAL_LAST, PLACE_FIRST, PLACE_SECOND

__all__ = ["Truth", "Rec", "LearningItem", "Layout", "Expected", "AXES", "FORMATS", "SUFFIX", "draw_truth",
           "draw_layout", "make_layout", "render", "expected", "number_key", "case", "rec_text", "written_owner", "truth_json", "ingest_and_score"]

# -- vocabulary ---------------------------------------------------------------------------------------------

#: acronyms the agency registry knows (graph/data/agencies.yaml, December 2026): an invented acronym must not
#: be one of them, or a bare acronym would resolve to a real body
REGISTRY_ACRONYMS = frozenset(
    "AAFDA ACPO ASC BTP CAADA CAB CCG CDRP CGL CMHT CPS CQC CRC CRI CSC CSP CWPT CoLP DALPB DAP DASP DCLG DH "
    "DHSC DTVCRC DWP DfE DoH EEAST EMAS GEH GMP GP HMCS HMCTS HMIC HMICFRS HMIP HMP HMPPS HMPS HWB HWBB ICB ICS "
    "IOPC IPCC JCP LA LAA LAS LAT LCJB LGA LSCB MASH MBC MHCLG MOJ MPS MRT MSP MoJ NBBC NCA NEAS NHS NHSE NHSEI "
    "NHSI NICE NOMS NPCC NPS NWAS NWBC NYP OPCC PCC PCT PHE PSNI RSL SAB SARC SCAS SECAMB SECAmb STCCG STHFT STSCP "
    "SWASFT SWFT SWPB SYP TEWV TSAB TVP UHCW UKHSA UKVI WADA WAST WCC WFRS WMAS WMASFT WMP WSAB WSCB YAS YOS "
    "YOT MARAC DASH IDVA MAPPA DVPN DVPO DVDS IMR".split())
#: what a plan writes for nobody, or for a person: a body's acronym spelt so ("TBC" for Thistlecombe Borough Council) cannot be
#: told from it where no glossary defines it, so the fuzzer never draws one
NO_OWNER_WORDS = frozenset("TBC TBA TBD NA".split()) | frozenset(
    "PC DC DS DI DCI ACC CC DCC SW".split())  # (and a rank or a role: "PC", "ACC" name a person)

#: local agencies: (template, kind); {p} is the review's area, {q} a neighbouring place
LOCAL = [("{p} Constabulary", "police"), ("{p} Police", "police"), ("{p} Borough Council", "council"),
         ("{q} Borough Council", "council"), ("{p} County Council", "council"),
         ("{p} NHS Foundation Trust", "health"), ("{p} Hospitals NHS Trust", "health"),
         ("{p} Integrated Care Board", "health"), ("{p} Women's Aid", "voluntary"),
         ("{p} Recovery Service", "voluntary"), ("{p} Domestic Abuse Service", "voluntary"),
         ("{p} Housing Association", "housing"), ("{p} Fire and Rescue Service", "fire")]
DEPARTMENTS = [("Adult Social Care", "ASC"), ("Children's Services", "CS"), ("Housing Services", "HS"),
               ("Public Health", "PH")]
#: national bodies (real) and the acronym the registry knows them by
NATIONAL = [("Home Office", None), ("NHS England", "NHSE"), ("Department for Education", "DfE"),
            ("Ministry of Justice", "MoJ"), ("Crown Prosecution Service", "CPS"), ("SafeLives", None),
            ("Department of Health and Social Care", "DHSC"), ("Probation Service", None)]
PARTNERSHIP = {"DHR": ("{p} Community Safety Partnership", "CSP", ("the Partnership", "the CSP")),
               "SAR": ("{p} Safeguarding Adults Board", "SAB", ("the Board", "the SAB")),
               "CSPR": ("{p} Safeguarding Children Partnership", "SCP", ("the Safeguarding Partnership",
                                                                         "the Partnership"))}
KIND_NAME = {"DHR": "Domestic Homicide Review", "SAR": "Safeguarding Adults Review",
             "CSPR": "Child Safeguarding Practice Review"}
PRACTICE = [("MARAC", "Multi-Agency Risk Assessment Conference"),
            ("DASH", "Domestic Abuse, Stalking and Harassment risk checklist"),
            ("IDVA", "Independent Domestic Violence Advocate"),
            ("MAPPA", "Multi-Agency Public Protection Arrangements"),
            ("DVPO", "Domestic Violence Protection Order"), ("IMR", "Individual Management Review")]

TERMS = ["the MARAC referral pathway", "use of the DASH risk checklist", "Clare's Law (DVDS) disclosures",
         "coercive and controlling behaviour", "professional curiosity", "information sharing with GP practices",
         "case recording", "MAPPA referrals", "referrals to the IDVA service", "DVPN and DVPO applications",
         "trauma-informed practice", "the links between substance misuse and domestic abuse",
         "mental health assessments where abuse is disclosed", "the needs of children in the household",
         "Care Act 2014 section 42 enquiries", "self-neglect and hoarding", "mental capacity assessments",
         "routine enquiry about domestic abuse", "economic abuse", "stalking and harassment",
         "the safeguarding of older people", "Operation Encompass notifications", "missed health appointments",
         "the transition from children's to adult services", "risk to LGBTQ+ victims"]
STAFF = ["front-line officers", "call handlers", "housing officers", "GP practice staff", "social workers",
         "health visitors", "substance misuse workers", "probation practitioners", "emergency department staff",
         "adult social care staff", "school safeguarding leads"]
CASES = ["domestic abuse cases assessed as high risk", "cases where a child lives in the household",
         "adults who repeatedly decline support", "referrals closed without contact with the victim",
         "repeat callers to the police"]
SITUATIONS = ["a victim does not attend appointments", "a referral is declined by the adult",
              "there are repeated police call-outs to the same address", "a perpetrator is released from custody",
              "the victim has care and support needs", "information is held by more than one agency",
              "a family member raises a concern"]
OUTCOMES = ["repeat victims are identified at the first contact", "risk is reassessed when circumstances change",
            "victims are offered a referral to an IDVA", "the voice of the child is recorded",
            "decisions are recorded with their reasons", "concerns are escalated to a manager the same day"]
AUDIENCES = ["family, friends and neighbours", "employers", "faith groups", "older people and their carers",
             "young people in schools and colleges"]
TOOLS = ["the DASH risk checklist", "the MARAC referral form", "the Clare's Law (DVDS) application process",
         "the multi-agency escalation policy"]
BODIES = [
    "review the guidance on {t} so that {outcome}",
    "ensure that {staff} are confident in {t} and know how to escalate concerns to a manager",
    "develop a multi-agency protocol on {t}, with clear expectations about {t2}, and monitor its use through "
    "case audit",
    "commission a multi-agency audit of {t} and report the findings to the {board} within {n} months",
    "deliver training to {staff} on {t}, covering {t2} and the use of {tool}",
    "strengthen the arrangements for {t} where {situation}",
    "embed {t} in the supervision and management oversight of {cases}",
    "introduce a flag on the case management system for {cases}, so that {outcome}",
    "seek assurance from partner agencies that {t} is understood and applied consistently in individual cases",
    "raise awareness among {audience} of {t}, including how and where to seek help",
    "update the policy on {t} to reflect the Domestic Abuse Act 2021 and current statutory guidance",
    "establish a clear escalation route for practitioners on {t} when {situation}",
    "audit a sample of {cases} to test whether {t} was considered, and share the learning with front-line staff",
    "provide written assurance to the {board} that {staff} understand {t}",
    "consider how {t} can be included in the induction of new staff and in refresher training",
    "work with GP practices so that {t} is recorded and shared when {situation}",
]
TAILS = [", within six months of the publication of this review", ", and report progress to the {board}",
         " and evidence the improvement through a dip sample of cases", ""]
LEARNING = [
    "Opportunities to consider {t} were missed when {situation}.",
    "Agencies held information about {t} that was not shared, and no single agency had the full picture of "
    "the risk.",
    "Practitioners lacked confidence in {t}, and supervision did not test the decisions that were made.",
    "The focus on {t} meant that {t2} was not explored with the victim.",
    "Policies on {t} were not followed consistently, particularly where {situation}.",
]
NARRATIVE = [
    "The panel met on {n} occasions and considered the chronologies and individual management reviews "
    "provided by each agency.",
    "The panel considered whether {agency} should have made a referral to MARAC when the second incident was "
    "reported, and concluded that the threshold was met.",
    "Family members were invited to contribute to the review and their views are reflected throughout this "
    "report; the chair is grateful for their time.",
    "{agency} had contact with the victim on {n} occasions in the year before the death; none of these "
    "contacts led to a risk assessment.",
    "The review was conducted in line with the statutory guidance and the terms of reference agreed by the "
    "panel at its first meeting.",
    "It is recommended that readers consider this report alongside the executive summary and the action plan "
    "published with it.",
]
TOR = ["What did agencies know about the risk to the victim?", "Were policies and procedures followed?",
       "How did agencies share information with one another?", "Were there missed opportunities to intervene?"]
ACTIONS = ["Briefing on {t} issued to all {staff}.", "Training package on {t} developed and delivered.",
           "Audit of {n} cases per quarter to check {t}.", "Policy on {t} updated and approved.",
           "Task and finish group established; findings reported to the board.",
           "Seven minute briefing prepared and circulated.", "Supervision agenda updated to include {t}."]
DATES = ["31/03/2024", "March 2024", "30 June 2024", "Q3 2024", "Sept 2024", "December 2024", "Jan 2025",
         "Ongoing", "TBC"]
STATUSES = ["Complete", "In progress", "Not started", "Ongoing", "On track"]
RAG = ["G", "A", "R", "Green", "Amber", "Red"]
OFFICER_TITLES = ["Head of Safeguarding", "Community Safety Manager", "Designated Nurse", "Principal Social Worker",
                  "Detective Chief Inspector"]


# -- the truth --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Rec:
    """One recommendation: its position, what it asks (a predicate in the base form, "review the ..."), its
    owner (None: nobody named), the kind of owner and the acronym the owner may be written as."""

    ordinal: int
    body: str
    owner: str | None
    owner_kind: str          # local | department | national | partnership | collective | none
    acronym: str | None = None
    actions: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    status: str = ""
    supporting: tuple[str, ...] = ()
    officer: str = ""


@dataclass(frozen=True)
class LearningItem:
    ordinal: int
    text: str
    applies: tuple[int, ...]   # ordinals of the recommendations it informs


@dataclass(frozen=True)
class Truth:
    """One invented review."""

    seed: int
    kind: str                 # DHR | SAR | CSPR
    area: str
    partnership: str
    partnership_acronym: str
    publisher_words: tuple[str, ...]   # "the Partnership", "the Board": how its texts name the publisher
    number: str               # "DHR 7", "SAR 2022/03"
    pseudonym: str
    recs: tuple[Rec, ...]
    learning: tuple[LearningItem, ...]

    @property
    def title(self) -> str:
        return f"{KIND_NAME[self.kind]} {self.number} ('{self.pseudonym}')"

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def _acronym(name: str) -> str:
    words = re.findall(r"[A-Za-z']+", name)
    return "".join(w[0].upper() for w in words if w[0].isupper())


def _place(rng: random.Random) -> str:
    return rng.choice(PLACE_FIRST) + rng.choice(PLACE_SECOND)


def _fill(template: str, rng: random.Random, board: str, exclude: set[str]) -> str:
    """``template`` with its slots filled; a value already in ``exclude`` (used by another recommendation of
    the review) is not drawn again while others are left, so the texts of one review stay distinct."""
    def pick(values: list[str]) -> str:
        free = [v for v in values if v not in exclude] or values
        v = rng.choice(free)
        exclude.add(v)
        return v

    slots = {}
    for name, values in (("t", TERMS), ("t2", TERMS), ("staff", STAFF), ("cases", CASES), ("tool", TOOLS),
                         ("situation", SITUATIONS), ("outcome", OUTCOMES), ("audience", AUDIENCES)):
        slots[name] = pick(values) if "{" + name + "}" in template else ""
    return template.format(board=board, n=rng.choice(["three", "six", "nine", "twelve"]), **slots)


def draw_truth(seed: int) -> Truth:
    """A review drawn from ``random.Random(seed)``: 4 to 12 recommendations, ordered as reports order them
    (no owner and collective first, then the partnership, local agencies grouped, national bodies last)."""
    rng = random.Random(seed)
    kind = rng.choice(["DHR", "SAR", "CSPR"])
    area = _place(rng)
    other = _place(rng)
    while other == area:
        other = _place(rng)
    p_tmpl, p_short, publisher_words = PARTNERSHIP[kind]
    partnership = p_tmpl.format(p=area)
    used_acr: set[str] = set()

    def acronym_for(name: str) -> str | None:
        acr = _acronym(name)
        if len(acr) < 2 or acr in REGISTRY_ACRONYMS or acr in NO_OWNER_WORDS or acr in used_acr:
            return None
        used_acr.add(acr)
        return acr

    partnership_acr = acronym_for(partnership) or ""
    local_names: list[str] = []
    kinds_taken: set[str] = set()
    how_many = rng.randint(2, 4)
    for tmpl, agency_kind in rng.sample(LOCAL, len(LOCAL)):   # one agency of each kind (one police force)
        if agency_kind not in kinds_taken and len(local_names) < how_many:
            kinds_taken.add(agency_kind)
            local_names.append(tmpl.format(p=area, q=other))
    n = rng.randint(4, 12)
    kinds: list[str] = []
    kinds += ["none"] * rng.choice([0, 0, 1, 2])
    kinds += ["collective"] * rng.choice([0, 1])
    kinds += ["partnership"] * rng.choice([0, 1, 2])
    kinds += ["national"] * rng.choice([0, 1, 2])
    kinds += ["department"] * rng.choice([0, 0, 1])
    while len(kinds) < n:
        kinds.append("local")
    kinds = kinds[:n] if len(kinds) > n else kinds
    order = {"none": 0, "collective": 1, "partnership": 2, "local": 3, "department": 4, "national": 5}
    owners: list[tuple[str | None, str, str | None]] = []
    nationals = rng.sample(NATIONAL, 2)
    council = next((x for x in local_names if "Council" in x), f"{other} Borough Council")
    dept, dept_acr = rng.choice(DEPARTMENTS)
    local_acr = {name: acronym_for(name) for name in local_names}
    council_acr = local_acr[council] if council in local_acr else acronym_for(council)
    for k in sorted(kinds, key=order.__getitem__):
        if k == "none":
            owners.append((None, k, None))
        elif k == "collective":
            owners.append(("All agencies", k, None))
        elif k == "partnership":
            owners.append((partnership, k, partnership_acr or None))
        elif k == "national":
            name, acr = nationals[sum(1 for o in owners if o[1] == "national") % 2]
            owners.append((name, k, acr))
        elif k == "department":
            owners.append((f"{council} - {dept}", k, f"{council_acr} {dept_acr}" if council_acr else None))
        else:
            owners.append((None, k, None))  # filled below, grouped
    # local owners grouped: each local agency gets a run of recommendations
    local_slots = [i for i, o in enumerate(owners) if o[1] == "local"]
    runs = sorted(rng.choice(local_names) for _ in local_slots)
    runs.sort(key=local_names.index)
    for i, name in zip(local_slots, runs):
        owners[i] = (name, "local", local_acr[name])
    # keep "local" before "department" and "national" in the order the document gives them
    board = {"DHR": "Community Safety Partnership", "SAR": "Safeguarding Adults Board",
             "CSPR": "Safeguarding Children Partnership"}[kind]
    bodies = rng.sample(BODIES, n)
    used: set[str] = set()
    recs = []
    for i, ((owner, okind, acr), tmpl) in enumerate(zip(owners, bodies), 1):
        body = _fill(tmpl, rng, board, used)
        tail = rng.choice(TAILS).format(board=board)
        if "within" in body or "report" in body:
            tail = ""
        if 15 <= len((body + tail).split()) + 2 <= 58:
            body += tail
        while len(body.split()) + 3 < 15:
            body += " " + _fill("so that {outcome}", rng, board, used)
        others = [x for x in local_names if x != owner]
        recs.append(Rec(
            ordinal=i, body=body, owner=owner, owner_kind=okind, acronym=acr,
            actions=tuple(_fill(rng.choice(ACTIONS), rng, board, set()) for _ in range(rng.choice([1, 1, 2]))),
            targets=tuple(rng.choice(DATES) for _ in range(2)), status=rng.choice(STATUSES),
            supporting=tuple(rng.sample(others, min(len(others), rng.choice([0, 1, 2])))),
            officer=rng.choice([f"{rng.choice(OFFICIAL_FIRST)} {rng.choice(OFFICIAL_LAST)}",
                                rng.choice(OFFICER_TITLES),
                                f"DCI {rng.choice(OFFICIAL_FIRST)} {rng.choice(OFFICIAL_LAST)}"])))
    learning = []
    for j, tmpl in enumerate(rng.sample(LEARNING, rng.randint(2, 5)), 1):
        applies = tuple(sorted(rng.sample(range(1, n + 1), rng.choice([1, 1, 2, 2, 3]))))
        learning.append(LearningItem(j, _fill(tmpl, rng, board, set()), applies))
    number = {"DHR": f"DHR {rng.randint(1, 19)}", "SAR": f"SAR {rng.randint(2018, 2024)}/{rng.randint(1, 9):02d}",
              "CSPR": f"CSPR {rng.randint(1, 12)}"}[kind]
    pseudonym = rng.choice(["Ada", "Beth", "Cora", "Edie", "Faye", "Iris", "Lena", "Mina", "Nell", "Orla",
                            "Child L", "Mr K", "Adult D", "Sian", "Vera"])
    return Truth(seed, kind, area, partnership, partnership_acr, publisher_words, number, pseudonym,
                 tuple(recs), tuple(learning))


# -- the layout -------------------------------------------------------------------------------------------

FORMATS = {"plan": ("tsv", "fixed", "markdown", "csv", "fields", "html", "docx", "xlsx", "pdf"),
           "report": ("fixed", "text", "markdown", "html", "docx", "pdf")}
SUFFIX = {"tsv": ".txt", "fixed": ".txt", "text": ".txt", "markdown": ".md", "csv": ".csv", "fields": ".txt",
          "html": ".html", "docx": ".docx", "xlsx": ".xlsx", "pdf": ".pdf"}
ROLES = ("number", "recommendation", "action", "lead", "target", "status", "supporting", "officer")
HEADERS = {"number": ("No", "Ref", "Rec no", "#", "No."),
           "recommendation": ("Recommendation", "What needs to change", "Recommendation from the review"),
           "action": ("Action", "What we will do", "How", "Action to take"),
           "lead": ("Lead agency", "Responsible agency", "Owner", "Who", "Lead"),
           "target": ("Target date", "By when", "Timescale", "Due"),
           "status": ("Status", "RAG", "Progress"),
           "supporting": ("Supporting agencies", "Partner agencies", "Other agencies"),
           "officer": ("Lead officer", "Responsible officer", "Named lead")}
NUMBERING = ("1.", "1)", "R1", "Rec 1", "Recommendation 1:", "17.1", "(a)", "none")

#: every axis and its values; a layout draws each independently (some apply to one doc kind only)
AXES: dict[str, tuple[Any, ...]] = {
    "doc": ("plan", "report"),
    "format": tuple(dict.fromkeys(FORMATS["plan"] + FORMATS["report"])),
    "col_order": ("canonical", "shuffled"),
    "number_col": (True, False),
    "lead_header": HEADERS["lead"],
    "rec_header": HEADERS["recommendation"],
    "drop": ("none", "action", "target", "status", "action+status"),
    "extra_cols": ("none", "supporting", "officer", "both"),
    "numbering": NUMBERING,
    "placement": ("column", "heading", "label", "subject"),
    "partnership_subject": (False, True),
    "blank_lead": ("", "TBC", "N/A"),
    "acronyms": ("full", "glossary", "bare"),
    "report_heading": ("Recommendations", "Recommendations for the Partnership", "local_national"),
    "learning_name": ("Findings", "Lessons learned", "Key learning", "Learning points"),
    "link_style": ("parens", "linked", "applies"),
    "wrap": (None, 60, 72, 80, 100),
    "hyphenate": (False, True),
    "furniture": (False, True),
    "narrative": (False, True),
    "variant": (0, 1),
}
#: the axes that matter for each doc kind (others are drawn but have no effect)
PLAN_ONLY = {"col_order", "number_col", "lead_header", "rec_header", "drop", "extra_cols", "blank_lead"}
REPORT_ONLY = {"report_heading", "learning_name", "link_style"}
#: formats where the noise axes take effect
WRAPPED = {"text", "fixed", "markdown", "fields"}
PAGED = {"tsv", "fixed", "text", "fields", "pdf"}


@dataclass(frozen=True)
class Layout:
    doc: str = "plan"
    format: str = "tsv"
    col_order: str = "canonical"
    number_col: bool = True
    lead_header: str = "Lead agency"
    rec_header: str = "Recommendation"
    drop: str = "none"
    extra_cols: str = "none"
    numbering: str = "1."
    placement: str = "column"
    partnership_subject: bool = False
    blank_lead: str = ""
    acronyms: str = "full"
    report_heading: str = "Recommendations"
    learning_name: str = "Findings"
    link_style: str = "parens"
    wrap: int | None = None
    hyphenate: bool = False
    furniture: bool = False
    narrative: bool = False
    variant: int = 0
    section: int = 17             # the section number of the Recommendations ("17.1")
    seed: int = 0                 # draws the details (header words of other roles, column order, widths)

    def axes(self) -> dict[str, Any]:
        """The axis values that take effect in this layout (for reporting results per axis value)."""
        out = {}
        for f in fields(self):
            name = f.name
            if name in ("section", "seed"):
                continue
            if name in PLAN_ONLY and self.doc != "plan":
                continue
            if name in REPORT_ONLY and self.doc != "report":
                continue
            if name == "number_col" and self.numbering == "none":
                continue
            if name in ("lead_header", "blank_lead") and self.placement != "column":
                continue
            if name in ("wrap", "hyphenate") and self.format not in WRAPPED:
                continue
            if name == "furniture" and self.format not in PAGED:
                continue
            out[name] = getattr(self, name)
        return out

    def describe(self) -> str:
        return " ".join(f"{k}={v!r}" if not isinstance(v, str) else f"{k}={v}" for k, v in self.axes().items())


def make_layout(rng: random.Random, **forced: Any) -> Layout:
    """A layout with each axis drawn from ``rng`` unless ``forced``. The doc kind follows a forced format or
    plan-only / report-only axis; a report never has owners in a lead column (placement "column" is drawn
    again from the others, even when forced together with doc="report")."""
    choice = {name: rng.choice(values) for name, values in AXES.items()}
    choice.update(forced)
    if "format" in forced and "doc" not in forced:
        choice["doc"] = "plan" if forced["format"] not in FORMATS["report"] else (
            "report" if forced["format"] not in FORMATS["plan"] else choice["doc"])
    for name in forced:
        if name in REPORT_ONLY and "doc" not in forced:
            choice["doc"] = "report"
        if name in PLAN_ONLY and "doc" not in forced:
            choice["doc"] = "plan"
    if forced.get("placement") == "column" and "doc" not in forced:
        choice["doc"] = "plan"
    if choice["format"] not in FORMATS[choice["doc"]]:
        if "format" in forced:
            choice["doc"] = "plan" if choice["format"] in FORMATS["plan"] else "report"
        else:
            choice["format"] = rng.choice(FORMATS[choice["doc"]])
    if choice["doc"] == "report" and choice["placement"] == "column":   # a report has no lead column
        choice["placement"] = rng.choice([p for p in AXES["placement"] if p != "column"])
    return Layout(**choice, section=rng.randint(5, 20), seed=rng.randrange(2 ** 31))


def draw_layout(rng: random.Random) -> Layout:
    return make_layout(rng)


# -- what a correct ingest returns ------------------------------------------------------------------------

@dataclass(frozen=True)
class Expected:
    ordinal: int
    number: str | None        # as written, None when the layout writes no number
    text: str                 # the recommendation's sentence as written (no number, no label)
    label: str | None         # an inline owner label written in front of it
    owner: str | None
    owner_names: tuple[str, ...] = ()   # names the owner may be given (the owner first)


def number_label(ordinal: int, layout: Layout) -> str:
    """How the layout writes recommendation ``ordinal``: "3.", "R3", "17.3", "(c)", "" (none)."""
    s = layout.numbering
    return {"1.": f"{ordinal}.", "1)": f"{ordinal})", "R1": f"R{ordinal}", "Rec 1": f"Rec {ordinal}",
            "Recommendation 1:": f"Recommendation {ordinal}:", "17.1": f"{layout.section}.{ordinal}",
            "(a)": f"({chr(96 + ordinal)})", "none": ""}[s]


def link_label(ordinal: int, layout: Layout) -> str:
    """How a learning item refers to recommendation ``ordinal``."""
    s = layout.numbering
    if s == "17.1":
        return f"{layout.section}.{ordinal}"
    if s == "R1":
        return f"R{ordinal}"
    if s == "(a)":
        return chr(96 + ordinal)
    return str(ordinal)


_NUM_PREFIX = re.compile(r"^(?:recommendation|rec|r)\s*", re.I)


def number_key(number: str | None) -> str:
    """A number as compared: "R3", "Rec 3:", "Recommendation 3", "3.", "3)" all give "3"; "(c)" gives "c".

    >>> [number_key(x) for x in ("R3", "Rec 3", "Recommendation 3:", "3.", "(c)", "17.3")]
    ['3', '3', '3', '3', 'c', '17.3']
    """
    s = (number or "").strip()
    s = _NUM_PREFIX.sub("", s).strip()
    return s.strip("().:;- ").lower()


def written_owner(rec: Rec, layout: Layout) -> str | None:
    """The owner's name as this layout writes it (acronym or full)."""
    if rec.owner is None:
        return None
    if layout.acronyms != "full" and rec.acronym and rec.owner_kind != "collective":
        return rec.acronym
    return rec.owner


def _third_person(body: str) -> str:
    verb, _, rest = body.partition(" ")
    verb = verb + ("es" if verb.endswith(("sh", "ch", "s", "x")) else "s")
    return f"{verb} {rest}"


def _publisher_phrase(truth: Truth, layout: Layout) -> str:
    return truth.publisher_words[layout.variant % len(truth.publisher_words)]


def rec_text(truth: Truth, rec: Rec, layout: Layout) -> tuple[str, str | None]:
    """(sentence, label) of ``rec`` as written in ``layout``."""
    body = rec.body
    imperative = body[0].upper() + body[1:] + "."
    who = written_owner(rec, layout)
    if rec.owner_kind == "partnership" and layout.partnership_subject:
        return f"That {_publisher_phrase(truth, layout)} should {body}.", None
    if rec.owner_kind == "none" or who is None:
        return imperative, None
    if rec.owner_kind == "collective" and layout.placement in ("subject", "heading"):
        return f"All agencies should {body}.", None
    if layout.placement == "subject":
        form = (rec.ordinal + layout.variant) % 3
        if form == 0:
            return f"{who} should {body}.", None
        if form == 1:
            return f"That {who} {_third_person(body)}.", None
        return f"{who} to {body}.", None
    if layout.placement == "label":
        return imperative, who
    return imperative, None


def owner_names(truth: Truth, rec: Rec, layout: Layout) -> tuple[str, ...]:
    """The names an ingest may give the owner: its name, the department's forms, the acronym when the layout
    writes it bare (no glossary to expand it) and it is not one the registry knows."""
    if rec.owner is None:   # whatever the heading above says ("Recommendations for the Partnership")
        return ()
    names = [rec.owner]
    if rec.owner_kind == "department":
        org, dept = rec.owner.split(" - ", 1)
        names += [f"{org} {dept}", f"{org} ({dept})"]
    if rec.owner_kind == "partnership":
        names += [f"{truth.area} {PARTNERSHIP[truth.kind][1]}"]
    if layout.acronyms == "bare" and rec.acronym and rec.owner_kind in ("local", "department", "partnership"):
        names.append(rec.acronym)
    return tuple(names)


def expected(truth: Truth, layout: Layout) -> list[Expected]:
    out = []
    for rec in truth.recs:
        text, label = rec_text(truth, rec, layout)
        number = number_label(rec.ordinal, layout) or None
        names = owner_names(truth, rec, layout)
        out.append(Expected(rec.ordinal, number, text, label, names[0] if names else None, names))
    return out


def truth_json(truth: Truth, layout: Layout) -> dict[str, Any]:
    """What a correct ingest of ``render(truth, layout)`` gives, in the layout corpus's truth format (the one
    ``tests/layouts/score.py`` scores against): recommendations with number as written (None where the layout
    writes none), text (without number or owner label), owner and owner aliases; learning items (reports)
    with the numbers of the recommendations they inform."""
    recs = []
    for exp, rec in zip(expected(truth, layout), truth.recs):
        names = list(exp.owner_names)
        if rec.owner_kind == "department":   # the department is the owner, a part of its organisation
            names = [names[0].split(" - ", 1)[1], *names]
        recs.append({"number": exp.number, "text": exp.text, "owner": names[0] if names else None,
                     "owner_aliases": names[1:], "collective": rec.owner_kind == "collective",
                     "ordinal": rec.ordinal, "owner_kind": rec.owner_kind})
    learning = []
    if layout.doc == "report":
        dotted = layout.numbering == "17.1"
        for item in truth.learning:
            applies = [number_label(o, layout) for o in item.applies] if layout.numbering != "none" else []
            learning.append({"number": f"{layout.section - 1}.{item.ordinal}" if dotted else str(item.ordinal),
                             "text_start": " ".join(item.text.split()[:8]), "text": item.text,
                             "applies": applies})
    return {"family": f"fuzz_{layout.doc}", "format": layout.format, "review_kind": truth.kind,
            "partnership": truth.partnership, "recommendations": recs, "learning": learning,
            "layout": layout.axes(), "seed": truth.seed}


# -- text helpers -----------------------------------------------------------------------------------------

def wrap(text: str, width: int | None, hyphenate: bool = False, rng: random.Random | None = None) -> list[str]:
    """``text`` in lines of at most ``width`` characters (one line when None); with ``hyphenate`` a long word
    that does not fit is sometimes broken across the line end with a hyphen, as typeset text is."""
    if not width:
        return [text]
    words = text.split()
    lines: list[str] = []
    cur = ""
    for w in words:
        room = width - len(cur) - (1 if cur else 0)
        if len(w) <= room:
            cur = f"{cur} {w}" if cur else w
            continue
        if (hyphenate and rng is not None and w.isalpha() and w.islower() and len(w) >= 8 and room >= 4
                and rng.random() < 0.6):
            cut = min(room - 1, len(w) - 3)
            if cut >= 3:
                lines.append(f"{cur} {w[:cut]}-" if cur else f"{w[:cut]}-")
                cur = w[cut:]
                continue
        if cur:
            lines.append(cur)
        while len(w) > width:   # a word longer than the line (a narrow column)
            lines.append(w[:width])
            w = w[width:]
        cur = w
    if cur:
        lines.append(cur)
    return lines or [""]


def _paginate(lines: list[str], rng: random.Random, truth: Truth, per_page: int,
              header_lines: list[str] | None = None, width: int = 80) -> list[str]:
    """Page furniture: a form feed between pages, a running header, "Page i of N" at the foot; the table
    header repeated on each page when ``header_lines`` is given."""
    pages = [lines[i:i + per_page] for i in range(0, len(lines), per_page)] or [[]]
    total = len(pages)
    out: list[str] = []
    header = rng.choice(["OFFICIAL - SENSITIVE", "OFFICIAL SENSITIVE", f"OFFICIAL - SENSITIVE   {truth.title}"])
    for i, page in enumerate(pages, 1):
        top = [header.center(width).rstrip(), ""]
        if i > 1 and header_lines:
            top += header_lines
        foot = ["", f"Page {i} of {total}".center(width).rstrip()]
        block = top + page + foot
        if i > 1:
            block[0] = "\f" + block[0]
        out += block
    return out


def _narrative(rng: random.Random, truth: Truth, k: int) -> list[str]:
    agencies = [r.owner for r in truth.recs if r.owner_kind == "local"] or [truth.partnership]
    return [rng.choice(NARRATIVE).format(agency=rng.choice(agencies), n=rng.choice(["four", "six", "eight"]))
            for _ in range(k)]


def _glossary(truth: Truth, layout: Layout) -> list[tuple[str, str]]:
    if layout.acronyms != "glossary":
        return []
    entries = {}
    for rec in truth.recs:
        if rec.acronym and rec.owner and rec.owner_kind != "national":
            if rec.owner_kind == "department":
                org, dept = rec.owner.split(" - ", 1)
                acr_org, acr_dept = rec.acronym.split(" ", 1)
                entries[acr_org] = org
                entries[acr_dept] = dept
            else:
                entries[rec.acronym] = rec.owner
        elif rec.acronym and rec.owner:
            entries[rec.acronym] = rec.owner
    for acr, name in PRACTICE[: 2 + truth.seed % 4]:
        entries[acr] = name
    return sorted(entries.items(), key=lambda kv: kv[0].lower())


def _title_lines(truth: Truth, layout: Layout, what: str) -> list[str]:
    forms = [[truth.partnership, f"{truth.title} - {what}"],
             [f"{truth.partnership}: {KIND_NAME[truth.kind]} '{truth.pseudonym}' ({truth.number})", what],
             [f"{truth.number} {what}", truth.partnership]]
    return forms[layout.seed % len(forms)]


# -- plans: the table -------------------------------------------------------------------------------------

@dataclass
class Plan:
    title: list[str]
    intro: list[str]
    roles: list[str]
    header: list[str]
    rows: list[tuple[str, Any]] = field(default_factory=list)  # ("heading", name) | ("row", cells) | ("cont", cells)
    glossary: list[tuple[str, str]] = field(default_factory=list)
    outro: list[str] = field(default_factory=list)


def _plan(truth: Truth, layout: Layout, rng: random.Random) -> Plan:
    lr = random.Random(layout.seed)
    roles = ["number", "recommendation", "action", "lead", "target", "status"]
    if layout.numbering == "none" or not layout.number_col:
        roles.remove("number")
    if layout.placement != "column":
        roles.remove("lead")
    for dropped in layout.drop.split("+"):
        if dropped in roles:
            roles.remove(dropped)
    if layout.extra_cols in ("supporting", "both"):
        roles.insert(roles.index("recommendation") + 2 if "lead" not in roles else roles.index("lead") + 1,
                     "supporting")
    if layout.extra_cols in ("officer", "both"):
        roles.insert(roles.index("lead") + 1 if "lead" in roles else len(roles), "officer")
    if layout.col_order == "shuffled":
        lr.shuffle(roles)
    header = []
    for role in roles:
        if role == "lead":
            header.append(layout.lead_header)
        elif role == "recommendation":
            header.append(layout.rec_header)
        else:
            header.append(lr.choice(HEADERS[role]))
    rag = header[roles.index("status")] == "RAG" if "status" in roles else False
    plan = Plan(_title_lines(truth, layout, "Action Plan"), [], roles, header)
    if layout.seed % 3 == 0:
        plan.title.append(f"Progress as at {lr.choice(['30 June 2024', '31 March 2024', '1 October 2024'])}")
    if layout.narrative:
        plan.intro = _narrative(rng, truth, rng.randint(1, 2))
        plan.outro = [f"Progress against this plan will be monitored by the {truth.partnership} and reported to "
                      "its board every quarter."]
    section = object()
    for rec, exp in zip(truth.recs, expected(truth, layout)):
        if layout.placement == "heading" and rec.owner_kind not in ("none", "collective"):
            who = written_owner(rec, layout)
            if who != section:
                plan.rows.append(("heading", who))
                section = who
        text = f"{exp.label}: {exp.text}" if exp.label else exp.text
        num = number_label(rec.ordinal, layout)
        if num and "number" not in roles:
            if layout.numbering == "Recommendation 1:" and exp.label:
                text = f"Recommendation {rec.ordinal} ({exp.label}): {exp.text}"
            else:
                text = f"{num} {text}"
        if num and "number" in roles and layout.numbering == "Recommendation 1:":
            num = num.rstrip(":")
        lead = written_owner(rec, layout) if rec.owner_kind != "none" else layout.blank_lead
        for k, action in enumerate(rec.actions):
            cells = []
            for role in roles:
                first = k == 0
                cells.append({
                    "number": num if first else "",
                    "recommendation": text if first else "",
                    "action": action,
                    "lead": (lead or "") if first else "",
                    "target": rec.targets[k % len(rec.targets)],
                    "status": (lr.choice(RAG) if rag else rec.status),
                    "supporting": "; ".join(rec.supporting) if first else "",
                    "officer": rec.officer if first else "",
                }[role])
            if k and "action" not in roles:
                break
            plan.rows.append(("row" if k == 0 else "cont", cells))
    plan.glossary = _glossary(truth, layout)
    return plan


def _plan_tsv(plan: Plan, truth: Truth, layout: Layout, rng: random.Random) -> bytes:
    n = len(plan.roles)
    body: list[str] = []
    for kind, val in plan.rows:
        if kind == "heading":
            body.append(val if layout.variant else "\t" + val + "\t" * (n - 2))
        else:
            body.append("\t".join(val))
    lines = plan.title + [""] + plan.intro + ([""] if plan.intro else [])
    head = ["\t".join(plan.header)]
    if layout.furniture:
        table = _paginate(head + body, rng, truth, rng.randint(6, 12), head if layout.variant else None)
    else:
        table = head + body
    lines += table
    if plan.glossary:
        lines += ["", "Abbreviations"] + [f"{a}\t{b}" for a, b in plan.glossary]
    lines += ([""] + plan.outro) if plan.outro else []
    return ("\n".join(lines) + "\n").encode("utf-8")


_FIXED_WIDTH = {"number": (5, 7), "recommendation": (34, 50), "action": (26, 40), "lead": (15, 24),
                "target": (10, 13), "status": (9, 12), "supporting": (16, 24), "officer": (14, 20)}


def _plan_fixed(plan: Plan, truth: Truth, layout: Layout, rng: random.Random) -> bytes:
    lr = random.Random(layout.seed + 1)
    widths = [lr.randint(*_FIXED_WIDTH[r]) for r in plan.roles]
    gaps = [lr.randint(2, 5) for _ in plan.roles]

    def row_lines(cells: list[str], hyph: bool) -> list[str]:
        wrapped = [wrap(c, w, hyph, rng) if c else [] for c, w in zip(cells, widths)]
        height = max((len(x) for x in wrapped), default=1) or 1
        out = []
        for i in range(height):
            line = ""
            for col, (cell, w, g) in enumerate(zip(wrapped, widths, gaps)):
                part = cell[i] if i < len(cell) else ""
                line += part.ljust(w) + (" " * g if col < len(widths) - 1 else "")
            out.append(line.rstrip())
        return out

    head = row_lines(plan.header, False)
    body: list[str] = []
    rec_col = 0   # where the recommendation column starts (headings are written there in variant 1)
    for role, w, g in zip(plan.roles, widths, gaps):
        if role == "recommendation":
            break
        rec_col += w + g
    for kind, val in plan.rows:
        if kind == "heading":
            body += ["", (" " * (rec_col if layout.variant else 0)) + val, ""]
        else:
            body += row_lines(val, layout.hyphenate)
            if layout.variant:
                body.append("")
    total = sum(widths) + sum(gaps)
    lines = [t.center(total).rstrip() for t in plan.title] + [""]
    lines += [ln for p in plan.intro for ln in wrap(p, min(total, 100), layout.hyphenate, rng) + [""]]
    table = head + [""] + body
    if layout.furniture:
        table = _paginate(table, rng, truth, rng.randint(25, 45), head + [""] if layout.variant else None, total)
    lines += table
    if plan.glossary:
        lines += ["", "Abbreviations", ""] + [f"{a:<10}{b}" for a, b in plan.glossary]
    lines += ([""] + plan.outro) if plan.outro else []
    return ("\n".join(lines) + "\n").encode("utf-8")


def _plan_markdown(plan: Plan, truth: Truth, layout: Layout, rng: random.Random) -> bytes:
    def row(cells: list[str]) -> str:
        return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"

    head = [row(plan.header), "|" + "|".join("---" for _ in plan.header) + "|"]
    lines = [f"# {plan.title[0]}", ""] + [f"**{t}**" for t in plan.title[1:]] + [""]
    lines += [x for p in plan.intro for x in (p, "")]
    n = len(plan.roles)
    if layout.variant and any(k == "heading" for k, _ in plan.rows):
        # one table per agency section, under a "### Agency" heading
        started = False
        for kind, val in plan.rows:
            if kind == "heading":
                lines += ["", f"### {val}", ""] + head
                started = True
            else:
                if not started:
                    lines += head
                    started = True
                lines.append(row(val))
    else:
        lines += head
        for kind, val in plan.rows:
            lines.append(row([f"**{val}**"] + [""] * (n - 1)) if kind == "heading" else row(val))
    if plan.glossary:
        lines += ["", "## Abbreviations", "", "| Abbreviation | Meaning |", "|---|---|"]
        lines += [f"| {a} | {b} |" for a, b in plan.glossary]
    lines += ([""] + plan.outro) if plan.outro else []
    return ("\n".join(lines) + "\n").encode("utf-8")


def _plan_csv(plan: Plan, truth: Truth, layout: Layout, rng: random.Random) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n" if layout.variant else "\n")
    n = len(plan.roles)
    for t in plan.title:
        w.writerow([t] + [""] * (n - 1))
    for p in plan.intro:
        w.writerow([p] + [""] * (n - 1))
    w.writerow([""] * n)
    w.writerow(plan.header)
    pending: list[str] | None = None
    for kind, val in plan.rows:
        if kind == "heading":
            cells = [""] * n
            cells[0 if not layout.variant else min(1, n - 1)] = val
            if pending:
                w.writerow(pending)
                pending = None
            w.writerow(cells)
        elif kind == "row":
            if pending:
                w.writerow(pending)
            pending = list(val)
        else:  # a second action: a new line inside the cells of the row (variant 1) or a row of its own
            if layout.variant and pending:
                for i, role in enumerate(plan.roles):
                    if role in ("action", "target", "status") and val[i]:
                        pending[i] = f"{pending[i]}\n{val[i]}"
            else:
                if pending:
                    w.writerow(pending)
                    pending = None
                w.writerow(val)
    if pending:
        w.writerow(pending)
    if plan.glossary:
        w.writerow([""] * n)
        w.writerow(["Abbreviations"] + [""] * (n - 1))
        for a, b in plan.glossary:
            w.writerow([a, b] + [""] * (n - 2))
    for p in plan.outro:
        w.writerow([p] + [""] * (n - 1))
    data = buf.getvalue()
    return (("\ufeff" if layout.seed % 2 else "") + data).encode("utf-8")


def _plan_fields(plan: Plan, truth: Truth, layout: Layout, rng: random.Random) -> bytes:
    """Tracker export: one block of "Label: value" lines per recommendation (labels = the header), a value
    going on over indented lines; a second action's action, date and status go on in the same fields."""
    width = layout.wrap
    lines = plan.title + [""] + [x for p in plan.intro for x in wrap(p, width, layout.hyphenate, rng) + [""]]
    rule = ["-" * 40, "=" * 30, ""][layout.seed % 3]
    records: list[tuple[str, Any]] = []
    for kind, val in plan.rows:
        if kind == "cont" and records and records[-1][0] == "row":
            merged = list(records[-1][1])
            for i, role in enumerate(plan.roles):
                if role in ("action", "target", "status") and val[i]:
                    merged[i] = f"{merged[i]}; {val[i]}" if role != "action" else f"{merged[i]} {val[i]}"
            records[-1] = ("row", merged)
        else:
            records.append((kind, val))
    count = 0
    for kind, val in records:
        if kind == "heading":
            lines += ["", val.upper() if layout.variant else f"== {val} ==", ""]
            count = 0
            continue
        count += 1
        if count > 1:
            lines.append(rule)
        for label, cell in zip(plan.header, val):
            lines += _field(label, cell, width, layout, rng)
    if plan.glossary:
        lines += ["", "Abbreviations:"] + [f"  {a} = {b}" for a, b in plan.glossary]
    lines += ([""] + plan.outro) if plan.outro else []
    if layout.furniture:
        lines = _paginate(lines, rng, truth, rng.randint(30, 50))
    return ("\n".join(lines) + "\n").encode("utf-8")


def _field(label: str, value: str, width: int | None, layout: Layout, rng: random.Random) -> list[str]:
    label = "No" if label == "#" else label
    first, *rest = wrap(f"{label}: {value}", width, layout.hyphenate, rng)
    return [first] + ["    " + r for r in rest]


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def _plan_html(plan: Plan, truth: Truth, layout: Layout, rng: random.Random) -> bytes:
    n = len(plan.roles)
    sep = "\n" if layout.variant else ""
    out = ["<!DOCTYPE html>", "<html lang=\"en\">", "<head><meta charset=\"utf-8\">",
           f"<title>{_esc(' - '.join(plan.title))}</title></head>", "<body>",
           f"<h1>{_esc(plan.title[0])}</h1>"] + [f"<p><strong>{_esc(t)}</strong></p>" for t in plan.title[1:]]
    out += [f"<p>{_esc(p)}</p>" for p in plan.intro]
    out.append("<table border=\"1\">")
    out.append("<thead><tr>" + sep.join(f"<th>{_esc(h)}</th>" for h in plan.header) + "</tr></thead><tbody>")
    for kind, val in plan.rows:
        if kind == "heading":
            out.append(f"<tr><td colspan=\"{n}\"><strong>{_esc(val)}</strong></td></tr>")
        else:
            out.append("<tr>" + sep.join(f"<td>{_esc(c)}</td>" for c in val) + "</tr>")
    out.append("</tbody></table>")
    if plan.glossary:
        out.append("<h2>Abbreviations</h2>")
        out.append("<dl>" + "".join(f"<dt>{_esc(a)}</dt><dd>{_esc(b)}</dd>" for a, b in plan.glossary) + "</dl>")
    out += [f"<p>{_esc(p)}</p>" for p in plan.outro]
    out += ["</body>", "</html>"]
    return ("\n".join(out) + "\n").encode("utf-8")


FIXED_TIME = dt.datetime(2024, 1, 1, 9, 0, 0)


def _zip_fixed(data: bytes) -> bytes:
    """The zip (docx, xlsx) again with fixed timestamps, so the same layout gives the same bytes (the layout
    corpus's normaliser)."""
    from tests.layouts.build_binary import normalise_zip

    return normalise_zip(data)


def _docx_new():  # type: ignore[no-untyped-def]
    import docx

    d = docx.Document()
    cp = d.core_properties
    cp.created = cp.modified = cp.last_printed = FIXED_TIME
    cp.author = "Review author"
    return d


def _docx_bytes(d) -> bytes:  # type: ignore[no-untyped-def]
    buf = io.BytesIO()
    d.save(buf)
    return _zip_fixed(buf.getvalue())


def _plan_docx(plan: Plan, truth: Truth, layout: Layout, rng: random.Random) -> bytes:
    d = _docx_new()
    d.add_heading(plan.title[0], level=1)
    for t in plan.title[1:]:
        d.add_paragraph(t)
    for p in plan.intro:
        d.add_paragraph(p)
    table = d.add_table(rows=1, cols=len(plan.roles))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, plan.header):
        cell.text = text
    for kind, val in plan.rows:
        cells = table.add_row().cells
        if kind == "heading":
            merged = cells[0].merge(cells[-1]) if layout.variant else cells[0]
            merged.text = val
            if merged.paragraphs[0].runs:
                merged.paragraphs[0].runs[0].bold = True
        else:
            for cell, text in zip(cells, val):
                cell.text = text
    if plan.glossary:
        d.add_heading("Abbreviations", level=2)
        g = d.add_table(rows=0, cols=2)
        for a, b in plan.glossary:
            r = g.add_row().cells
            r[0].text, r[1].text = a, b
    for p in plan.outro:
        d.add_paragraph(p)
    return _docx_bytes(d)


def _plan_xlsx(plan: Plan, truth: Truth, layout: Layout, rng: random.Random) -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.properties.created = wb.properties.modified = FIXED_TIME
    ws = wb.active
    ws.title = "Action plan"
    n = len(plan.roles)
    for t in plan.title:
        ws.append([t])
        ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=max(n, 2))
    for p in plan.intro:
        ws.append([p])
    ws.append([])
    ws.append(list(plan.header))
    first_of_rec = None
    for kind, val in plan.rows:
        if kind == "heading":
            ws.append([val])
            ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=n)
            first_of_rec = None
        elif kind == "row":
            ws.append(list(val))
            first_of_rec = ws.max_row
        else:
            ws.append(list(val))
            if layout.variant and first_of_rec is not None:   # the recommendation merged down over its actions
                for i, role in enumerate(plan.roles, 1):
                    if role in ("number", "recommendation", "lead"):
                        ws.merge_cells(start_row=first_of_rec, start_column=i, end_row=ws.max_row, end_column=i)
    if plan.glossary:
        ws.append([])
        ws.append(["Abbreviations"])
        for a, b in plan.glossary:
            ws.append([a, b])
    for p in plan.outro:
        ws.append([p])
    buf = io.BytesIO()
    wb.save(buf)
    return _zip_fixed(buf.getvalue())


def _pdf_furniture(truth: Truth, layout: Layout):  # type: ignore[no-untyped-def]
    def on_page(canvas, doc):  # type: ignore[no-untyped-def]
        if not layout.furniture:
            return
        w, h = doc.pagesize
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        canvas.drawCentredString(w / 2, h - 20, "OFFICIAL - SENSITIVE")
        canvas.drawCentredString(w / 2, 15, f"Page {doc.page}")
        canvas.restoreState()
    return on_page


def _para(text: str, style):  # type: ignore[no-untyped-def]
    from reportlab.platypus import Paragraph

    return Paragraph(html.escape(text, quote=False), style)


def _plan_pdf(plan: Plan, truth: Truth, layout: Layout, rng: random.Random) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import SimpleDocTemplate, Spacer, Table, TableStyle

    styles = getSampleStyleSheet()
    cell = styles["BodyText"].clone("cell", fontSize=7.5, leading=9)
    weight = {"number": 0.5, "recommendation": 3.2, "action": 2.4, "lead": 1.4, "target": 0.9, "status": 0.8,
              "supporting": 1.4, "officer": 1.2}
    total = landscape(A4)[0] - 72
    ws = [weight[r] for r in plan.roles]
    widths = [total * x / sum(ws) for x in ws]
    data: list[list[Any]] = [[_para(h, cell) for h in plan.header]]
    style: list[Any] = [("VALIGN", (0, 0), (-1, -1), "TOP")]
    for kind, val in plan.rows:
        if kind == "heading":
            style.append(("SPAN", (0, len(data)), (-1, len(data))))
            data.append([_para(val, styles["Heading4"])] + [""] * (len(plan.roles) - 1))
        else:
            data.append([_para(c, cell) if c else "" for c in val])
    if layout.variant == 0:
        style.append(("GRID", (0, 0), (-1, -1), 0.5, colors.black))
    table = Table(data, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle(style))
    story: list[Any] = [_para(plan.title[0], styles["Heading1"])] + [_para(t, styles["Heading3"])
                                                                     for t in plan.title[1:]]
    story += [_para(p, styles["BodyText"]) for p in plan.intro] + [Spacer(1, 8), table]
    if plan.glossary:
        story += [Spacer(1, 12), _para("Abbreviations", styles["Heading2"])]
        story += [_para(f"{a} - {b}", styles["BodyText"]) for a, b in plan.glossary]
    story += [_para(p, styles["BodyText"]) for p in plan.outro]
    buf = io.BytesIO()
    on_page = _pdf_furniture(truth, layout)
    SimpleDocTemplate(buf, pagesize=landscape(A4), invariant=1, title=plan.title[0]).build(
        story, onFirstPage=on_page, onLaterPages=on_page)
    return buf.getvalue()


# -- reports ----------------------------------------------------------------------------------------------

@dataclass
class Section:
    number: int | None
    title: str
    blocks: list[tuple[str, Any]]  # ("para", text) | ("heading", text) | ("item", (label, text)) | ("glossary", entries)


def _links(item: LearningItem, layout: Layout) -> str:
    labels = [link_label(o, layout) for o in item.applies]
    joined = labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]
    plural = "s" if len(labels) > 1 else ""
    if layout.link_style == "parens":
        return f"(Recommendation{plural} {joined})"
    if layout.link_style == "linked":
        return f"Linked recommendations: {', '.join(labels)}"
    return f"Recommendation{plural} {joined} appl{'y' if plural else 'ies'}."


def _report(truth: Truth, layout: Layout, rng: random.Random) -> tuple[list[str], list[Section]]:
    title = [truth.partnership, KIND_NAME[truth.kind], f"{truth.number}", "Overview Report",
             f"Concerning '{truth.pseudonym}'", "Independent author: " +
             f"{rng.choice(OFFICIAL_FIRST)} {rng.choice(OFFICIAL_LAST)}"]
    rec_sec = layout.section
    learn_sec = rec_sec - 1
    dotted = layout.numbering == "17.1"
    sections: list[Section] = []
    glossary = _glossary(truth, layout)
    if glossary and layout.variant:
        sections.append(Section(None, rng.choice(["Abbreviations", "Glossary", "Acronyms used in this report"]),
                                [("glossary", glossary)]))
    if layout.narrative:
        numbers = sorted(rng.sample(range(1, learn_sec), min(3, learn_sec - 1)))
        titles = ["Introduction", "Terms of Reference", "Summary of events", "Analysis", "Conclusions"]
        for k, num in enumerate(numbers):
            name = titles[k] if k < 2 else rng.choice(titles[2:])
            blocks: list[tuple[str, Any]] = []
            paras = _narrative(rng, truth, rng.randint(1, 3))
            for j, p in enumerate(paras, 1):
                blocks.append(("item", (f"{num}.{j}", p)) if dotted else ("para", p))
            if name == "Terms of Reference":
                blocks += [("item", (f"{j}.", q)) for j, q in enumerate(TOR, 1)]
            sections.append(Section(num, name, blocks))
    # learning
    learn_blocks: list[tuple[str, Any]] = []
    for item in truth.learning:
        label = f"{learn_sec}.{item.ordinal}" if dotted else f"{item.ordinal}."
        links = _links(item, layout) if layout.numbering != "none" else ""
        learn_blocks.append(("item", (label, f"{item.text} {links}".strip())))
    sections.append(Section(learn_sec, layout.learning_name, learn_blocks))
    # recommendations
    rec_blocks: list[tuple[str, Any]] = []
    exps = expected(truth, layout)
    national_started = False
    current = object()
    if layout.report_heading == "local_national":
        rec_blocks.append(("heading", "Local recommendations"))
    for rec, exp in zip(truth.recs, exps):
        if layout.report_heading == "local_national" and rec.owner_kind == "national" and not national_started:
            rec_blocks.append(("heading", "National recommendations"))
            national_started = True
        if layout.placement == "heading" and rec.owner_kind not in ("none", "collective"):
            who = written_owner(rec, layout)
            if who != current:
                rec_blocks.append(("heading", who))
                current = who
        text = exp.text
        if exp.label:
            if layout.numbering == "Recommendation 1:":
                rec_blocks.append(("item", (f"Recommendation {rec.ordinal} ({exp.label}):", text)))
                continue
            text = f"{exp.label}: {text}"
        rec_blocks.append(("item", (number_label(rec.ordinal, layout), text)))
    heading = "Recommendations" if layout.report_heading == "local_national" else layout.report_heading
    sections.append(Section(rec_sec, heading, rec_blocks))
    if glossary and not layout.variant:
        sections.append(Section(None, "Glossary", [("glossary", glossary)]))
    return title, sections


def _sec_title(sec: Section, layout: Layout) -> str:
    if sec.number is None:
        return sec.title
    return f"{sec.number}. {sec.title}" if layout.variant else f"{sec.number} {sec.title}"


def _report_text(truth: Truth, layout: Layout, rng: random.Random, fixed: bool) -> bytes:
    title, sections = _report(truth, layout, rng)
    width = layout.wrap if not fixed else (layout.wrap or 90)
    hyph = layout.hyphenate
    lines: list[str] = [t.center(width or 80).rstrip() if fixed else t for t in title] + [""]
    if fixed:
        lines += ["\f"]
    for sec in sections:
        lines += ["", _sec_title(sec, layout).upper() if fixed and layout.variant else _sec_title(sec, layout), ""]
        for kind, val in sec.blocks:
            if kind == "para":
                lines += wrap(val, width, hyph, rng) + [""]
            elif kind == "heading":
                lines += [val, ""]
            elif kind == "glossary":
                lines += [f"{a:<10}{b}" if fixed else f"{a}\t{b}" for a, b in val] + [""]
            else:
                label, text = val
                if not label and layout.variant == 1:   # unnumbered paragraphs
                    lines += wrap(text, width, hyph, rng) + [""]
                    continue
                label = label or ("\u2022" if fixed else "-")   # or a bulleted list
                indent = len(label) + 1 if fixed else 0
                if fixed:
                    indent = max(indent, 6)
                    wrapped = wrap(text, (width - indent) if width else None, hyph, rng)
                    lines.append(label.ljust(indent) + wrapped[0])
                    lines += [" " * indent + w for w in wrapped[1:]]
                else:
                    wrapped = wrap(f"{label} {text}", width, hyph, rng)
                    lines += wrapped
                lines.append("")
    if layout.furniture:
        lines = _paginate(lines, rng, truth, rng.randint(35, 55), None, width or 80)
    return ("\n".join(lines) + "\n").encode("utf-8")


def _report_markdown(truth: Truth, layout: Layout, rng: random.Random) -> bytes:
    title, sections = _report(truth, layout, rng)
    width = layout.wrap
    lines = [f"# {title[0]}", ""] + [f"**{t}**  " for t in title[1:]] + [""]
    for sec in sections:
        lines += [f"## {_sec_title(sec, layout)}", ""]
        ordered = 0
        for kind, val in sec.blocks:
            if kind == "para":
                lines += wrap(val, width, layout.hyphenate, rng) + [""]
            elif kind == "heading":
                lines += ["", f"### {val}", ""]
            elif kind == "glossary":
                lines += ["| Abbreviation | Meaning |", "|---|---|"] + [f"| {a} | {b} |" for a, b in val] + [""]
            else:
                label, text = val
                ordered += 1
                if not label:
                    first, *rest = wrap(f"- {text}", width, layout.hyphenate, rng)
                    lines += [first] + ["  " + r for r in rest]
                    continue
                if re.fullmatch(r"\d+\.", label):   # a Markdown ordered list: the number as written
                    first, *rest = wrap(f"{label} {text}", width, layout.hyphenate, rng)
                    lines += [first] + ["   " + r for r in rest]
                else:
                    lbl = f"**{label}**" if layout.variant else label
                    lines += wrap(f"{lbl} {text}", width, layout.hyphenate, rng) + [""]
        lines.append("")
    return ("\n".join(lines) + "\n").encode("utf-8")


def _report_html(truth: Truth, layout: Layout, rng: random.Random) -> bytes:
    title, sections = _report(truth, layout, rng)
    out = ["<!DOCTYPE html>", "<html lang=\"en\">", "<head><meta charset=\"utf-8\">",
           f"<title>{_esc(title[0])} - {_esc(truth.title)}</title></head>", "<body>", "<main>",
           f"<h1>{_esc(title[0])}</h1>"] + [f"<p>{_esc(t)}</p>" for t in title[1:]]
    for sec in sections:
        out.append(f"<h2>{_esc(_sec_title(sec, layout))}</h2>")
        open_list: str | None = None

        def close() -> None:
            nonlocal open_list
            if open_list:
                out.append(f"</{open_list}>")
                open_list = None

        for kind, val in sec.blocks:
            if kind == "para":
                close()
                out.append(f"<p>{_esc(val)}</p>")
            elif kind == "heading":
                close()
                out.append(f"<h3>{_esc(val)}</h3>")
            elif kind == "glossary":
                close()
                out.append("<table><tr><th>Abbreviation</th><th>Meaning</th></tr>" +
                           "".join(f"<tr><td>{_esc(a)}</td><td>{_esc(b)}</td></tr>" for a, b in val) + "</table>")
            else:
                label, text = val
                m = re.fullmatch(r"(\d+)\.", label)
                if not label or (m and layout.variant == 0):
                    tag = "ul" if not label else "ol"
                    if open_list != tag:
                        close()
                        start = f' start="{m.group(1)}"' if m and m.group(1) != "1" else ""
                        out.append(f"<{tag}{start}>")
                        open_list = tag
                    out.append(f"<li>{_esc(text)}</li>")
                else:
                    close()
                    out.append(f"<p>{_esc(label)} {_esc(text)}</p>")
        close()
    out += ["</main>", "</body>", "</html>"]
    return ("\n".join(out) + "\n").encode("utf-8")


def _report_docx(truth: Truth, layout: Layout, rng: random.Random) -> bytes:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn

    title, sections = _report(truth, layout, rng)
    d = _docx_new()
    for t in title:
        d.add_paragraph(t)
    auto = layout.variant == 1   # Word's automatic numbering: the "17.3" is not in the text
    if auto:
        numbering = d.part.numbering_part.element
        abstract = parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="91"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
            '<w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>')
        first_num = numbering.find(qn("w:num"))   # the schema wants every abstractNum before the nums
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            numbering.append(abstract)
    num_id = 91
    for sec in sections:
        d.add_heading(_sec_title(sec, layout), level=1)
        list_started = False
        for kind, val in sec.blocks:
            if kind == "para":
                d.add_paragraph(val)
            elif kind == "heading":
                d.add_heading(val, level=2)
            elif kind == "glossary":
                g = d.add_table(rows=0, cols=2)
                for a, b in val:
                    r = g.add_row().cells
                    r[0].text, r[1].text = a, b
            else:
                label, text = val
                m = re.fullmatch(r"(\d+)\.", label)
                if not label:
                    d.add_paragraph(text, style="List Bullet")
                elif auto and m:
                    if not list_started:   # a new list numbered from this label
                        num_id += 1
                        d.part.numbering_part.element.append(parse_xml(
                            f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="91"/>'
                            f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{m.group(1)}"/></w:lvlOverride>'
                            '</w:num>'))
                        list_started = True
                    p = d.add_paragraph(text)
                    p._p.get_or_add_pPr().append(parse_xml(
                        f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'))
                else:
                    d.add_paragraph(f"{label}\t{text}" if layout.seed % 2 else f"{label} {text}")
    return _docx_bytes(d)


def _report_pdf(truth: Truth, layout: Layout, rng: random.Random) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import PageBreak, SimpleDocTemplate, Table

    title, sections = _report(truth, layout, rng)
    styles = getSampleStyleSheet()
    story: list[Any] = [_para(t, styles["Title"] if i == 0 else styles["Heading3"]) for i, t in enumerate(title)]
    story.append(PageBreak())
    item_style = styles["BodyText"].clone("item", leftIndent=28, firstLineIndent=-28)
    for sec in sections:
        story.append(_para(_sec_title(sec, layout), styles["Heading1"]))
        for kind, val in sec.blocks:
            if kind == "para":
                story.append(_para(val, styles["BodyText"]))
            elif kind == "heading":
                story.append(_para(val, styles["Heading2"]))
            elif kind == "glossary":
                story.append(Table([[a, b] for a, b in val], hAlign="LEFT"))
            else:
                label, text = val
                story.append(_para(f"{label} {text}".strip(), item_style))
    buf = io.BytesIO()
    on_page = _pdf_furniture(truth, layout)
    SimpleDocTemplate(buf, pagesize=A4, invariant=1, title=title[0]).build(
        story, onFirstPage=on_page, onLaterPages=on_page)
    return buf.getvalue()


_PLAN = {"tsv": _plan_tsv, "fixed": _plan_fixed, "markdown": _plan_markdown, "csv": _plan_csv,
         "fields": _plan_fields, "html": _plan_html, "docx": _plan_docx, "xlsx": _plan_xlsx, "pdf": _plan_pdf}
_REPORT = {"fixed": lambda t, lay, r: _report_text(t, lay, r, True),
           "text": lambda t, lay, r: _report_text(t, lay, r, False),
           "markdown": _report_markdown, "html": _report_html, "docx": _report_docx, "pdf": _report_pdf}


def render(truth: Truth, layout: Layout, rng: random.Random) -> tuple[str, bytes]:
    """(file name, bytes) of ``truth`` in ``layout``; ``rng`` draws the noise (page lengths, hyphenation,
    narrative), never what :func:`expected` says a correct ingest returns."""
    if layout.format not in FORMATS[layout.doc]:
        raise ValueError(f"format {layout.format} is not one for a {layout.doc}")
    slug = re.sub(r"[^a-z0-9]+", "-", f"{truth.area} {truth.number}".lower()).strip("-")
    what = "action-plan" if layout.doc == "plan" else "overview-report"
    name = f"{slug}-{what}-s{truth.seed}-{layout.format}{SUFFIX[layout.format]}"
    if layout.doc == "plan":
        data = _PLAN[layout.format](_plan(truth, layout, rng), truth, layout, rng)
    else:
        data = _REPORT[layout.format](truth, layout, rng)
    return name, data


def case(seed: int, layout_seed: int | None = None, **forced: Any) -> tuple[Truth, Layout, str, bytes]:
    """One fuzz case: the truth of ``seed``, a layout drawn from ``layout_seed`` (default: the seed), rendered
    with the noise drawn from the seed too."""
    truth = draw_truth(seed)
    layout = make_layout(random.Random(seed * 7919 + 1 if layout_seed is None else layout_seed), **forced)
    name, data = render(truth, layout, random.Random(seed * 104729 + 3))
    return truth, layout, name, data


def replace_layout(layout: Layout, **changes: Any) -> Layout:
    return replace(layout, **changes)


# -- running a case through the real ingest ---------------------------------------------------------------

def ingest_and_score(name: str, data: bytes, truth: dict[str, Any]) -> dict[str, Any]:
    """Write the rendered file to a temporary folder, ingest it alone (``tests/layouts/score.py``'s
    ``ingest_alone``: a fresh store, ``reviewgraph.ingest.pipeline.ingest_into``) and score its graph against ``truth``
    (``score_graph``). Returns {"counts", "details", "error"}."""
    import tempfile
    from pathlib import Path

    from tests.layouts.score import ingest_alone, score_graph

    with tempfile.TemporaryDirectory(prefix="layout-fuzz-") as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        graph, error = ingest_alone(path)
    result = score_graph(graph, truth)
    result["error"] = error
    return result
