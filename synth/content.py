"""What a synthetic review says: its partnership, recommendations, actions, owners, dates and learning.

:func:`make_partnership` invents a partnership (place, local agencies, document style) and
:func:`make_review` one review of it, as plain dataclasses. How it is laid out on the page, and the noise,
is :mod:`reviewgraph.synth.render`'s business; the ground truth is built from these specs.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from reviewgraph.synth import vocab as V
from reviewgraph.synth.vocab import AgencyName, Vocabulary

__all__ = ["Partnership", "ActionSpec", "RecSpec", "LearningSpec", "ReviewSpec", "make_partnership",
           "make_review", "place_name", "fmt_date", "Date"]

_SHORT_MONTH = {9: "Sept"}


@dataclass(frozen=True)
class Date:
    """A date as written in a cell, with what it means (``iso`` is None for words like "Ongoing")."""

    raw: str
    iso: str | None = None  # "2021-04" (month) or "2021-04-30" (day)


def fmt_date(rng: random.Random, year: int, month: int, pref: str) -> Date:
    """Write a month in one of the forms action plans use: "Jan 2021", "April 2021", "31 st March 2014"."""
    name = V.MONTHS[month - 1]
    if pref == "day":
        day = rng.choice([1, 14, 28, 30]) if month != 2 else rng.choice([1, 14, 28])
        suffix = {1: "st", 14: "th", 28: "th", 30: "th"}[day]
        sep = rng.choice([" ", ""])
        return Date(f"{day}{sep}{suffix} {name} {year}", f"{year}-{month:02d}-{day:02d}")
    if pref == "numeric":
        day = rng.choice([1, 14, 28]) if month == 2 else rng.choice([1, 14, 28, 30])
        return Date(f"{day:02d}/{month:02d}/{year}", f"{year}-{month:02d}-{day:02d}")
    if pref == "short":
        return Date(f"{_SHORT_MONTH.get(month, name[:3])} {year}", f"{year}-{month:02d}")
    return Date(f"{name} {year}", f"{year}-{month:02d}")


def _add_months(year: int, month: int, k: int) -> tuple[int, int]:
    idx = year * 12 + (month - 1) + k
    return idx // 12, idx % 12 + 1


def place_name(index: int) -> str:
    """The index-th invented place: "Kestrel Vale", "Wrenmere", ... then pairs ("Kestrel Vale and Tealholme")."""
    first, second = V.PLACE_FIRST, V.PLACE_SECOND
    n = len(first) * len(second)
    a = index % n
    base = first[a % len(first)] + second[(a // len(first) + a) % len(second)]
    if index < n:
        return base
    b = (index // n * 7 + index) % n
    other = first[b % len(first)] + second[(b // len(first) + b + 3) % len(second)]
    return f"{base} and {other}" if other != base else f"North {base}"


@dataclass
class Partnership:
    index: int
    place: str
    name: str
    short: str
    agencies: list[AgencyName]
    style: object  # reviewgraph.synth.render.Style (kept untyped here to avoid an import cycle)
    officials: list[tuple[str, str]]
    reviews: int = 0

    @property
    def agency(self) -> AgencyName:
        return AgencyName(self.name, (self.short,), "partnership")


@dataclass
class ActionSpec:
    text: str
    lead: str                 # the lead cell as meant (person and role, or agency)
    lead_agency: str          # canonical agency
    milestones: str
    start: Date
    target: Date
    outcome: str
    status_plan: str          # status at the plan's date: complete / in_progress / not_started
    status_update: str        # status at the progress update
    progress_plan: str
    progress_update: str


@dataclass
class RecSpec:
    ordinal: int
    text: str
    plan_text: str            # the action plan's wording (often a little different)
    owner: AgencyName
    section: str              # heading it sits under ("DHR Panel" or the agency)
    level: str                # panel / single_agency
    scope: str                # Local / Regional / National
    themes: list[str]
    phrases: list[str] = field(default_factory=list)  # how the themes are named in the text
    actions: list[ActionSpec] = field(default_factory=list)
    section_index: int = 0    # 1-based position within its section


@dataclass
class LearningSpec:
    ordinal: int
    narrative: str
    text: str
    applies: list[int]        # ordinals of the (panel) recommendations it informs


@dataclass
class ReviewSpec:
    partnership: Partnership
    seq: int                  # DHR number within the partnership
    pseudonym: str
    death: tuple[int, int]
    report_date: tuple[int, int]
    plan_date: tuple[int, int]
    update_date: tuple[int, int]
    chair: str
    author: str
    recs: list[RecSpec]
    learning: list[LearningSpec]
    has_report: bool
    has_plan: bool
    has_appendix: bool
    has_update: bool

    @property
    def number(self) -> str:
        return f"DHR-{self.seq}"

    @property
    def key(self) -> str:
        from reviewgraph.graph.ids import slug

        return f"{slug(self.partnership.place)}/dhr-{self.seq}"


def _official(rng: random.Random) -> str:
    return f"{rng.choice(V.OFFICIAL_FIRST)} {rng.choice(V.OFFICIAL_LAST)}"


def make_partnership(rng: random.Random, index: int, vocab: Vocabulary, style: object) -> Partnership:
    place = place_name(index)
    if rng.random() < 0.7:
        name, short = f"{place} Community Safety Partnership", f"{place} CSP"
    else:
        name = f"Safer {place} Partnership"
        short = "S" + "".join(w[0] for w in place.replace(" and ", " ").split()) + "P"
    agencies = vocab.local_agencies(place)
    roles = ["Community Safety Manager", "DA Lead", "Strategic Community Safety Manager",
             "Head of Community Safety", "Domestic Abuse Co-ordinator"]
    officials = [(_official(rng), r) for r in rng.sample(roles, 3)]
    return Partnership(index=index, place=place, name=name, short=short, agencies=agencies, style=style,
                       officials=officials)


def _theme(rng: random.Random, vocab: Vocabulary) -> tuple[str, str]:
    t = rng.choice(vocab.themes)
    return t.label, rng.choice(t.phrases)


def _fill(rng: random.Random, template: str, sector: str = "", **kw: str) -> str:
    staff = V.STAFF_BY_SECTOR.get(sector, V.STAFF)
    slots = dict(ctx=rng.choice(V.CONTEXTS), aud=rng.choice(V.AUDIENCES), staff=rng.choice(staff),
                 sit=rng.choice(V.SITUATIONS), sit2=rng.choice(V.SITUATIONS2), board=rng.choice(V.BOARDS),
                 m=str(rng.choice([3, 6, 9, 12])), n=str(rng.choice([10, 20, 25, 50])))
    slots.update(kw)
    text = template.format(**slots)
    return text[0].upper() + text[1:]


def _plan_wording(rng: random.Random, text: str) -> str:
    """The plan often words a recommendation a little differently from the report."""
    r = rng.random()
    if r < 0.5:
        return text
    if r < 0.7 and text.startswith("That "):
        return text[5:6].upper() + text[6:]
    for cut in (", with particular attention", ", including the ability"):
        if r < 0.85 and cut in text:
            return text.split(cut, 1)[0] + "."
    return text.replace(" should ", " must ", 1) if " should " in text else text


def _status(rng: random.Random, start: tuple[int, int], target: tuple[int, int], at: tuple[int, int]) -> str:
    if at < start:
        return "not_started"
    if at >= target:
        return "complete" if rng.random() < 0.8 else "in_progress"
    return "in_progress" if rng.random() < 0.8 else "complete"


def _progress_text(rng: random.Random, status: str) -> str:
    return rng.choice({"complete": ["Complete. Evidence held by the partnership.", "COMPLETE - policy published.",
                                    "Completed"],
                       "in_progress": ["Ongoing. Audit scheduled for next quarter.",
                                       "In progress - training dates agreed.", "on going, update due at next "
                                       "board meeting."],
                       "not_started": ["Not started.", "No response received to date."]}[status])


def _actions(rng: random.Random, vocab: Vocabulary, rec: RecSpec, p: Partnership, spec_dates: dict,
             date_prefs: list[str]) -> list[ActionSpec]:
    out = []
    n = rng.choices([1, 2, 3], weights=[60, 30, 10])[0]
    for _ in range(n):
        _, t = _theme(rng, vocab) if rng.random() < 0.3 else (None, rng.choice(rec.phrases))
        py, pm = spec_dates["plan"]
        sy, sm = _add_months(py, pm, rng.randint(-8, 2))
        ty, tm = _add_months(sy, sm, rng.randint(2, 14))
        start, target = fmt_date(rng, sy, sm, rng.choice(date_prefs)), fmt_date(rng, ty, tm, rng.choice(date_prefs))
        if rng.random() < 0.06:
            target = Date(rng.choice(["Ongoing", "TBC", "Completed", "Already in place"]))
        if rec.level == "panel":
            who, role = rng.choice(p.officials)
            lead, lead_agency = f"{who} {role}", p.name
        else:
            lead_agency = rec.owner.name
            person = f"{_official(rng)} {rng.choice(['Head of Service', 'Safeguarding Lead', 'Operations Manager'])}"
            r = rng.random()
            if r < 0.55:
                lead = rec.owner.name
            elif r < 0.8 or getattr(p.style, "heading_mode", "") == "none":
                lead = f"{person} {rng.choice([rec.owner.name, rec.owner.acronym or rec.owner.name])}"
            else:
                lead = person  # the agency only in the section heading
        s_plan = _status(rng, (sy, sm), (ty, tm), spec_dates["plan"])
        s_upd = _status(rng, (sy, sm), (ty, tm), spec_dates["update"])
        if s_plan == "complete":
            s_upd = "complete"
        templates = V.ACTIONS if rec.level == "panel" else [a for a in V.ACTIONS if "partnership" not in a]
        out.append(ActionSpec(
            text=_fill(rng, rng.choice(templates), rec.owner.sector, t=t), lead=lead, lead_agency=lead_agency,
            milestones=rng.choice(V.MILESTONES), start=start, target=target,
            outcome=_fill(rng, rng.choice(V.OUTCOMES), t=t), status_plan=s_plan, status_update=s_upd,
            progress_plan=_progress_text(rng, s_plan), progress_update=_progress_text(rng, s_upd)))
    return out


def make_review(rng: random.Random, p: Partnership, vocab: Vocabulary, doc_mix: dict[str, float],
                date_prefs: list[str]) -> ReviewSpec:
    p.reviews += 1
    dy, dm = rng.randint(2011, 2021), rng.randint(1, 12)
    ry, rm = _add_months(dy, dm, rng.randint(18, 30))
    py, pm = _add_months(ry, rm, rng.randint(0, 3))
    uy, um = _add_months(py, pm, rng.randint(6, 18))
    plan_iso = f"{py}-{pm:02d}-01"
    nationals = [a for a in vocab.national if not a.active_until or a.active_until > plan_iso]
    local = list(p.agencies)
    recs: list[RecSpec] = []
    n_panel = rng.randint(1, 6)
    sections: list[tuple[str, AgencyName | None, int]] = [("DHR Panel", None, n_panel)]
    for agency in rng.sample(local, rng.randint(1, 3)):
        sections.append((agency.name, agency, rng.randint(1, 4)))
    if rng.random() < 0.15 and nationals:
        nat = rng.choice([a for a in nationals if a.sector == "probation"] or nationals)
        sections.append((nat.name, nat, rng.randint(1, 2)))
    dates = {"plan": (py, pm), "update": (uy, um)}
    for heading, agency, count in sections:
        for k in range(1, count + 1):
            labels = [_theme(rng, vocab) for _ in range(rng.choice([1, 1, 2]))]
            t = labels[0][1]
            if agency is None:
                a1, a2 = rng.sample(local + nationals[:2], 2)
                nat = rng.choice(nationals).name if nationals else "Home Office"
                nat = nat if nat == "SafeLives" or nat.isupper() else f"the {nat}"
                text = _fill(rng, rng.choice(V.PANEL_RECS), csp=p.short, t=t, a1=a1.name, a2=a2.name, nat=nat)
                owner, level = p.agency, "panel"
            else:
                text = _fill(rng, rng.choice(V.AGENCY_RECS), agency.sector, t=t, T=t, agency=agency.name)
                owner, level = agency, "single_agency"
            if len(labels) > 1:
                text = text[:-1] + f", with particular attention to {labels[1][1]}."
            rec = RecSpec(ordinal=len(recs) + 1, text=text, plan_text=_plan_wording(rng, text), owner=owner,
                          section=heading, level=level, scope=rng.choice(["Local", "Local", "Regional", "National"]),
                          themes=[lab for lab, _ in labels], phrases=[ph for _, ph in labels],
                          section_index=k)
            rec.actions = _actions(rng, vocab, rec, p, dates, date_prefs)
            recs.append(rec)
    learning: list[LearningSpec] = []
    i = 1
    while i <= n_panel:
        group = [i, i + 1] if i < n_panel and rng.random() < 0.25 else [i]
        t = recs[i - 1].phrases[0]
        learning.append(LearningSpec(
            ordinal=len(learning) + 1,
            narrative=f"The review found that {t} was not consistently applied by the agencies in contact "
                      f"with the victim in the months before her death.",
            text=f"Where agencies do not attend to {t}, victims are left at greater risk and opportunities "
                 f"to intervene are missed.",
            applies=group))
        i += len(group)
    kind = rng.random()
    has_report = kind < doc_mix.get("report", 0.75)
    has_appendix = has_report and rng.random() < doc_mix.get("appendix", 0.2)
    has_plan = (not has_appendix) or rng.random() < 0.3
    has_update = has_plan and rng.random() < doc_mix.get("update", 0.4)
    return ReviewSpec(partnership=p, seq=p.reviews, pseudonym=rng.choice(V.FIRST_NAMES[:48]), death=(dy, dm),
                      report_date=(ry, rm), plan_date=(py, pm), update_date=(uy, um), chair=_official(rng),
                      author=_official(rng), recs=recs, learning=learning, has_report=has_report,
                      has_plan=has_plan, has_appendix=has_appendix, has_update=has_update)
