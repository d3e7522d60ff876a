"""Vocabulary of the synthetic corpus: invented places and people, agencies, themes and text templates.

Everything here is invented. Places are compounds of bird, plant and landscape words ("Kestrel Vale",
"Curlewmere") chosen not to be the names of real local authorities; people are pseudonyms or made-up
officials. National bodies (Home Office, SafeLives, the Probation Service ...) come from the agency
registry when it is used, because recommendations to national bodies are part of what the corpus must test.

:class:`Vocabulary` is what the generator draws from. ``Vocabulary.builtin()`` is fixed in this file (the
demo corpus is generated with it, so it never changes when the registry or the taxonomy grows);
``Vocabulary.from_package()`` adds the agency registry's national bodies and the theme taxonomy's labels.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import resources

__all__ = ["Vocabulary", "AgencyName", "ThemePhrase", "PLACE_FIRST", "PLACE_SECOND"]

PLACE_FIRST = ["Kestrel", "Wren", "Egret", "Bracken", "Lark", "Osprey", "Thistle", "Marram", "Sedge",
               "Alder", "Rowan", "Linnet", "Curlew", "Plover", "Teal", "Merlin", "Sorrel", "Yarrow",
               "Foxglove", "Bittern", "Harrier", "Samphire", "Tansy", "Vetch", "Shrike", "Dunlin"]
PLACE_SECOND = [" Vale", "mere", " Cross", "haven", " Moor", " Fen", "brook", " Downs", "combe",
                "holme", " Levels", " Reach", " Heath", "stead", " Hollow", " Edge"]

FIRST_NAMES = ["Ada", "Beth", "Cora", "Dina", "Edie", "Faye", "Gwen", "Hana", "Iris", "Jude", "Kit", "Lena",
               "Mina", "Nell", "Orla", "Pia", "Rhea", "Sian", "Tess", "Una", "Vera", "Wyn", "Zara", "Alma",
               "Bryn", "Cleo", "Della", "Elsa", "Fern", "Greta", "Hope", "Ivy", "Joy", "Kay", "Lyra", "Mae",
               "Nia", "Opal", "Prue", "Ruth", "Sage", "Tilly", "Uma", "Viv", "Wren", "Yara", "Ash", "Reg",
               "Tom", "Mo", "Stan", "Bill", "Hal", "Ned", "Len", "Ray"]
OFFICIAL_FIRST = ["Alex", "Sam", "Jo", "Chris", "Pat", "Lee", "Robin", "Morgan", "Jamie", "Dale", "Kerry",
                  "Leslie", "Ashley", "Drew", "Casey", "Jordan", "Rowan", "Sandy"]
OFFICIAL_LAST = ["Amberley", "Brockhurst", "Carrow", "Dunmore", "Elstow", "Farthing", "Gillow", "Hartwell",
                 "Inchley", "Jessop", "Kimber", "Lowther", "Marchbank", "Norrey", "Ollerton", "Pendry",
                 "Quarley", "Redfern", "Stanlow", "Tennant", "Upcott", "Varley", "Whitlock", "Yeadon"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


@dataclass(frozen=True)
class AgencyName:
    """An agency as the corpus names it: canonical name, acronyms and other names, sector, and whether
    it is a national body (same name in every partnership) or a local one (named after the place)."""

    name: str
    aliases: tuple[str, ...] = ()
    sector: str = "other"
    national: bool = False
    active_until: str | None = None

    @property
    def acronym(self) -> str | None:
        short = [a for a in self.aliases if a.replace(" ", "").isupper() and len(a) <= 8]
        return short[0] if short else None


@dataclass(frozen=True)
class ThemePhrase:
    """A theme label and noun phrases that name it in running text."""

    label: str
    phrases: tuple[str, ...]


def _acronym(words: str) -> str:
    return "".join(w[0] for w in re.findall(r"[A-Za-z]+", words) if w[0].isupper())


# Local agencies per place: (template, sector). {p} is the place name.
LOCAL_AGENCIES = [
    ("{p} Police", "police"),
    ("{p} Borough Council", "local_authority"),
    ("{p} Adult Social Care", "local_authority"),
    ("{p} Children's Services", "local_authority"),
    ("{p} NHS Foundation Trust", "health"),
    ("{p} Clinical Commissioning Group", "health"),
    ("{p} Partnership NHS Trust", "health"),
    ("{p} Homes", "housing"),
    ("{p} Women's Aid", "voluntary"),
    ("{p} Recovery Service", "voluntary"),
    ("{p} Domestic Abuse Service", "voluntary"),
]

# National bodies used when the registry is not (or as well as when it is).
NATIONAL_AGENCIES = [
    AgencyName("Home Office", (), "national_body", True),
    AgencyName("SafeLives", ("CAADA",), "voluntary", True),
    AgencyName("Crown Prosecution Service", ("CPS",), "criminal_justice", True),
    AgencyName("National Probation Service", ("NPS",), "probation", True, "2021-06-26"),
    AgencyName("Probation Service", (), "probation", True),
    AgencyName("HM Courts and Tribunals Service", ("HMCTS",), "criminal_justice", True),
    AgencyName("Department of Health and Social Care", ("DHSC",), "national_body", True),
]

# Labels are those of the shipped taxonomy (graph/data/themes.ttl), so the truth can score theme tagging.
THEMES = [
    ThemePhrase("MARAC", ("referrals to MARAC", "the MARAC process", "MARAC actions and their follow-up")),
    ThemePhrase("Risk assessment", ("DASH risk assessment", "risk assessment using the DASH checklist")),
    ThemePhrase("Information sharing", ("information sharing between agencies",
                                        "sharing information with partner agencies")),
    ThemePhrase("Training", ("domestic abuse training", "refresher training on domestic abuse")),
    ThemePhrase("Clare's Law (DVDS)", ("Clare's Law disclosure applications",
                                                        "the Domestic Violence Disclosure Scheme")),
    ThemePhrase("Coercive and controlling behaviour", ("coercive and controlling behaviour",
                                                       "the signs of coercive control")),
    ThemePhrase("Professional curiosity", ("professional curiosity", "professional curiosity at first contact")),
    ThemePhrase("Record keeping", ("case recording", "clear and accurate case recording")),
    ThemePhrase("Supervision and management oversight", ("management oversight of high risk cases",
                                                         "supervision of domestic abuse cases")),
    ThemePhrase("Substance misuse", ("the links between substance misuse and domestic abuse",)),
    ThemePhrase("Mental health", ("mental health assessments where domestic abuse is disclosed",)),
    ThemePhrase("Child safeguarding", ("the needs of children in the household",)),
    ThemePhrase("Adult safeguarding", ("referrals for Care Act 2014 assessments",)),
    ThemePhrase("MAPPA", ("MAPPA referrals", "the management of offenders under MAPPA")),
    ThemePhrase("IDVA and specialist support", ("referrals to the IDVA service",)),
    ThemePhrase("DVPN and DVPO", ("Domestic Violence Protection Notices and Orders",)),
    ThemePhrase("Trauma-informed practice", ("trauma-informed practice",)),
    ThemePhrase("Awareness raising", ("information for family, friends and neighbours",)),
    ThemePhrase("Routine enquiry", ("routine enquiry about domestic abuse",)),
    ThemePhrase("Stalking and harassment", ("stalking and harassment",)),
    ThemePhrase("Economic abuse", ("economic abuse",)),
    ThemePhrase("Older people", ("domestic abuse of older people",)),
]

PRACTICE_GLOSSARY = [("DASH", "Domestic Abuse, Stalking and Harassment"), ("DHR", "Domestic Homicide Review"),
                     ("IDVA", "Independent Domestic Violence Advocate"), ("IMR", "Individual Management Review"),
                     ("MAPPA", "Multi-Agency Public Protection Arrangements"),
                     ("MARAC", "Multi-Agency Risk Assessment Conference"),
                     ("DVPO", "Domestic Violence Protection Order")]

# Recommendation templates. Panel ones are addressed to the partnership; single-agency ones to {agency}.
PANEL_RECS = [
    "That {csp} should seek written assurance from all relevant agencies that {t} is understood and applied "
    "consistently in individual cases.",
    "That each constituent agency of {csp} provides it with written assurance that staff dealing with {ctx} "
    "understand {t}.",
    "{csp} should review the effectiveness of {t} and, if necessary, strengthen the information provided to "
    "{aud}.",
    "That {a1} and {a2} provide written assurance to {csp} that staff have a good understanding of {t}, "
    "including the ability to identify and respond appropriately.",
    "That {csp} commissions a multi-agency audit of {t} and reports the findings to its board within {m} months.",
    "The learning from this review about {t} should be shared with the {board}.",
    "That {csp} asks {nat} to consider national guidance on {t}.",
    "{csp} to satisfy itself that partner agencies have embedded {t} in their safeguarding procedures.",
    "That {csp} develops a multi-agency protocol on {t} and monitors its use through its performance "
    "framework.",
    "That the chair of {csp} writes to {nat} setting out the findings of this review in relation to {t}.",
    "{csp} to commission awareness sessions for {aud} on {t}.",
    "That {csp} reviews how {t} is covered in its domestic abuse strategy and refreshes the strategy where "
    "gaps are found.",
    "That {a1} and {a2} jointly review {t} and report to {csp} on the changes made.",
]
AGENCY_RECS = [
    "{T} to be reviewed to ensure that requests are processed in line with national guidance.",
    "Training to be delivered to all {staff} around {t}.",
    "All cases involving {t} should be reviewed by a supervisor prior to closure.",
    "Guidance to be reissued to staff in relation to {t} and the importance of clear and accurate recording.",
    "That {agency} ensures that {staff} routinely consider {t} when {sit}.",
    "{agency} to develop a policy on {t} and audit its use within {m} months.",
    "That {agency} reviews its procedures for {t}, particularly where {sit2}.",
    "{agency} should ensure that its {staff} are confident in {t} and know how to escalate concerns.",
    "That {agency} introduces a flag on its case management system for {t}.",
    "{agency} to include {t} in its annual safeguarding audit programme.",
    "That {agency} reminds {staff} of the importance of {t} through a practice briefing.",
    "{agency} should review its single agency policy on {t} against current national guidance.",
    "That managers in {agency} check {t} in supervision on a monthly basis.",
    "{agency} to work with the {board} to improve {t} across agencies.",
]
ACTIONS = [
    "Briefing on {t} issued to all {staff}.",
    "Review of policy and guidance on {t}, launched via the staff intranet and team meetings.",
    "Audit of {n} cases per quarter to check {t}.",
    "Chair of the partnership to write to agencies requesting assurance on {t}.",
    "Training package on {t} developed and delivered to {staff}.",
    "Task and finish group established to review {t}; findings reported to the board.",
    "Seven minute briefing on {t} prepared and circulated.",
    "Supervision agenda updated to include {t}.",
    "Practice guidance on {t} rewritten and shared through the safeguarding newsletter.",
    "Case file audit to test {t}; results reported to the quality assurance group.",
    "Flag added to the case management system; staff briefed on {t}.",
    "Learning event on {t} held for {staff}.",
    "Policy on {t} updated and approved by the senior leadership team.",
]
MILESTONES = ["Letter sent and responses reviewed", "Training materials reviewed and updated",
              "Policy approved by senior leadership team", "Briefing shared with staff",
              "Audit completed and reported to board", "Guidance published on intranet"]
OUTCOMES = ["Improved identification of domestic abuse and earlier referral to specialist services",
            "Staff confident in applying {t}", "Consistent practice across the partnership",
            "Victims are aware of, and able to access services in an easy and timely way",
            "Audit evidence shows {t} in at least 90% of cases", "Reduction in repeat incidents"]
CONTEXTS = ["reports of anti-social behaviour", "victims of domestic abuse", "homelessness applications",
            "missed appointments", "repeat callers", "older people living with family members",
            "people with drug or alcohol problems", "families with young children", "men who report abuse"]
AUDIENCES = ["family, friends, neighbours and diverse communities", "employers", "faith groups",
             "GP practices"]
STAFF = ["operational officers", "frontline staff", "practitioners", "call handlers", "GP practice staff",
         "housing officers", "social workers"]
STAFF_BY_SECTOR = {"police": ["operational officers", "call handlers", "response officers"],
                   "health": ["GP practice staff", "clinicians", "midwives and health visitors"],
                   "local_authority": ["social workers", "frontline staff", "team managers"],
                   "housing": ["housing officers", "neighbourhood officers"],
                   "voluntary": ["support workers", "practitioners"],
                   "probation": ["probation practitioners", "offender managers"]}
SITUATIONS = ["a victim discloses abuse", "a referral is closed", "a home visit is made",
              "an offender is released on licence"]
SITUATIONS2 = ["a victim does not attend", "only one party has been spoken with", "the perpetrator is not traced"]
BOARDS = ["Safeguarding Adults Board", "Safeguarding Children Partnership", "Health and Wellbeing Board",
          "Domestic Abuse Partnership Board", "Community Safety Partnership board"]


@dataclass
class Vocabulary:
    national: list[AgencyName] = field(default_factory=lambda: list(NATIONAL_AGENCIES))
    themes: list[ThemePhrase] = field(default_factory=lambda: list(THEMES))
    source: str = "builtin"

    @classmethod
    def builtin(cls) -> Vocabulary:
        """The fixed vocabulary of this module (used for the demo corpus)."""
        return cls()

    @classmethod
    def from_package(cls) -> Vocabulary:
        """National bodies from the agency registry, themes from the taxonomy when they are shipped."""
        vocab = cls(source="package")
        try:
            from reviewgraph.graph.agencies import AgencyRegistry

            nodes = AgencyRegistry.load().nodes()
        except Exception:  # the registry is optional here: the built-in list stands in
            nodes = []
        generic_probation = {"National Probation Service", "Probation Service", "Community Rehabilitation Company"}
        extra = [AgencyName(a.name, tuple(a.aliases), str(a.sector), True, a.active_until) for a in nodes
                 if a.resolved and not a.shared and (str(a.sector) in ("national_body", "criminal_justice")
                                                     or a.name in generic_probation)]
        known = {n.lower() for a in vocab.national for n in (a.name, *a.aliases)}
        for a in sorted(extra, key=lambda a: a.name):
            names = {n.lower() for n in (a.name, *a.aliases)}
            if not names & known:
                vocab.national.append(a)
                known |= names
        labels = _taxonomy_labels()
        have = {t.label.lower() for t in vocab.themes}
        vocab.themes += [ThemePhrase(lab, (_phrase(lab),)) for lab in labels if lab.lower() not in have]
        return vocab

    def local_agencies(self, place: str) -> list[AgencyName]:
        out = []
        for template, sector in LOCAL_AGENCIES:
            name = template.format(p=place)
            acr = _acronym(name.replace("'s", ""))
            aliases = (acr,) if len(acr) >= 2 else ()
            out.append(AgencyName(name, aliases, sector))
        return out


def _phrase(label: str) -> str:
    """A taxonomy label as running text: "Record keeping" -> "record keeping", "MAPPA" stays."""
    if any(w.strip("()+").isupper() and len(w.strip("()+")) > 1 for w in label.split()):
        return label
    return label[0].lower() + label[1:]


def _taxonomy_labels() -> list[str]:
    """``skos:prefLabel`` values of the shipped theme taxonomy (an empty list until it exists)."""
    try:
        text = resources.files("reviewgraph.graph").joinpath("data/themes.ttl").read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return []
    labels = set()
    for block in re.split(r"\n(?=\S+ a skos:)", text):
        if re.match(r"\S+ a skos:Concept\b", block):
            m = re.search(r'skos:prefLabel\s+"([^"]{3,60})"', block)
            if m:
                labels.add(m.group(1))
    return sorted(labels)
