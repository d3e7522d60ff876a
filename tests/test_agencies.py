"""The agency registry and resolver (graph/agencies.py, graph/data/agencies.yaml). Sentences are synthetic."""

from __future__ import annotations

import re
from importlib import resources

import pytest
import yaml

from reviewgraph.graph.agencies import AgencyRegistry
from reviewgraph.graph.agency_text import FUZZY_THRESHOLD, tokens
from reviewgraph.graph.ids import agency_id
from reviewgraph.graph.model import REGISTRY_DOC, Agency, Sector
from tests.seeds import seed


@pytest.fixture(scope="module")
def reg() -> AgencyRegistry:
    return AgencyRegistry.load()


def name_of(reg: AgencyRegistry, mention: str) -> str | None:
    res = reg.resolve(mention)
    return None if res is None else res.agency.name


# --- registry data --------------------------------------------------------------------------------


def _yaml_entries() -> list[dict]:
    return yaml.safe_load(resources.files("reviewgraph.graph").joinpath("data/agencies.yaml").read_text(encoding="utf-8"))


def test_yaml_has_no_alias_pointing_at_two_agencies():
    owner: dict[str, str] = {}
    clashes = []
    for entry in _yaml_entries():
        for alias in [entry["name"], *entry.get("aliases", []), *entry.get("acronyms", [])]:
            key = " ".join(t.norm for t in tokens(str(alias)))
            if key in owner and owner[key] != entry["name"]:
                clashes.append((alias, owner[key], entry["name"]))
            owner.setdefault(key, entry["name"])
    assert clashes == []


def test_loader_refuses_a_duplicate_alias_and_an_unknown_successor():
    with pytest.raises(ValueError, match="several agencies"):
        AgencyRegistry.from_yaml(
            "- {name: Alpha Trust, acronyms: [AT]}\n- {name: Beta Trust, acronyms: [AT]}\n"
        )
    with pytest.raises(ValueError, match="unknown agency"):
        AgencyRegistry.from_yaml(
            "- name: Alpha Trust\n  succeeded_by:\n    - {name: Gamma Trust, date: '2020'}\n"
        )


def test_registry_covers_the_national_picture(reg):
    entries = _yaml_entries()
    kinds = [e.get("kind") for e in entries]
    assert kinds.count("police_force") == 43
    assert kinds.count("crc") == 21
    assert kinds.count("probation_trust") == 35
    assert kinds.count("ambulance_service") >= 10
    sectors = {s.value for s in Sector}
    assert all(e.get("sector", "other") in sectors for e in entries)
    for name in [
        "Home Office",
        "Ministry of Justice",
        "Crown Prosecution Service",
        "College of Policing",
        "Care Quality Commission",
        "NHS England",
        "Department for Work and Pensions",
        "SafeLives",
        "Advocacy After Fatal Domestic Abuse",
        "Women's Aid",
        "Refuge",
        "Victim Support",
        "Respect",
        "Change Grow Live",
        "Stonham",
        "Home Group",
    ]:
        assert agency_id(name) in reg.agencies, name


def test_nodes_carry_registry_provenance(reg):
    text = resources.files("reviewgraph.graph").joinpath("data/agencies.yaml").read_text(encoding="utf-8").splitlines()
    nodes = reg.nodes()
    assert len(nodes) == len(_yaml_entries())
    for a in nodes:
        assert isinstance(a, Agency) and a.doc == REGISTRY_DOC and a.resolved
        assert a.id == agency_id(a.name)
        assert text[a.line_start - 1].strip() == f"- name: {a.name}"


# --- lineage --------------------------------------------------------------------------------------


def _links(reg, source: str, rel: str) -> dict[str, str | None]:
    return {
        reg.agencies[k.target].name: k.date
        for k in reg.lineage()
        if k.source == agency_id(source) and k.type == rel
    }


def test_every_crc_and_the_nps_succeeded_by_the_probation_service_on_26_june_2021(reg):
    crcs = [a for a in reg.nodes() if a.name.endswith("Community Rehabilitation Company")]
    assert len(crcs) == 22  # 21 companies and the generic kind
    for crc in crcs + [reg.agencies[agency_id("National Probation Service")]]:
        assert _links(reg, crc.name, "SUCCEEDED_BY") == {"Probation Service": "2021-06-26"}, crc.name
        assert crc.active_until == "2021-06-26"


def test_ccgs_become_integrated_care_boards_on_1_july_2022(reg):
    assert _links(reg, "Clinical Commissioning Group", "SUCCEEDED_BY") == {
        "Integrated Care Board": "2022-07-01"
    }
    # a named CCG through its merger to its ICB
    assert _links(reg, "South Tees Clinical Commissioning Group", "SUCCEEDED_BY") == {
        "NHS Tees Valley Clinical Commissioning Group": "2020-04-01"
    }
    assert _links(reg, "NHS Tees Valley Clinical Commissioning Group", "SUCCEEDED_BY") == {
        "NHS North East and North Cumbria Integrated Care Board": "2022-07-01"
    }


def test_probation_trusts_split_into_nps_and_a_crc_on_1_june_2014(reg):
    assert _links(reg, "Warwickshire Probation Trust", "SUCCEEDED_BY") == {
        "National Probation Service": "2014-06-01",
        "Warwickshire and West Mercia Community Rehabilitation Company": "2014-06-01",
    }


def test_safelives_was_caada_and_member_of_links(reg):
    assert _links(reg, "Co-ordinated Action Against Domestic Abuse", "SUCCEEDED_BY") == {
        "SafeLives": "2015-02-25"
    }
    assert "Home Group" in _links(reg, "Stonham", "MEMBER_OF")
    assert "HM Prison and Probation Service" in _links(reg, "Probation Service", "MEMBER_OF")


def test_lineage_lines_point_at_the_link_in_the_yaml(reg):
    text = resources.files("reviewgraph.graph").joinpath("data/agencies.yaml").read_text(encoding="utf-8").splitlines()
    for link in reg.lineage():
        target = reg.agencies[link.target].name
        assert target in text[link.line - 1] or target.replace("'", "''") in text[link.line - 1], link
        assert link.type in {"SUCCEEDED_BY", "MEMBER_OF"}
        assert (link.date is not None) == (link.type == "SUCCEEDED_BY")


# --- resolve: names, aliases, acronyms, case ------------------------------------------------------


@pytest.mark.parametrize(
    "mention, expected",
    [
        ("NPS", "National Probation Service"),
        ("National Probation Service", "National Probation Service"),
        ("DTV CRC", "Durham Tees Valley Community Rehabilitation Company"),
        ("DTVCRC", "Durham Tees Valley Community Rehabilitation Company"),
        (
            "Durham and Tees Valley Community Rehabilitation Company (DTVCRC)",
            "Durham Tees Valley Community Rehabilitation Company",
        ),
        ("ST CCG", "South Tees Clinical Commissioning Group"),
        ("Cleveland Police", "Cleveland Police"),
        ("cleveland police", "Cleveland Police"),
        ("Durham Constabulary", "Durham Constabulary"),
        ("Warwickshire Police", "Warwickshire Police"),
        ("West Mercia Police", "West Mercia Police"),
        ("WMAS", "West Midlands Ambulance Service"),
        ("CWPT", "Coventry and Warwickshire Partnership NHS Trust"),
        ("Coventry & Warwickshire Partnership Trust", "Coventry and Warwickshire Partnership NHS Trust"),
        ("GEH", "George Eliot Hospital NHS Trust"),
        ("NBBC", "Nuneaton and Bedworth Borough Council"),
        ("SWFT", "South Warwickshire University NHS Foundation Trust"),
        ("TSAB", "Teeswide Safeguarding Adults Board"),
        ("Teeswide Adult Safeguarding Board", "Teeswide Safeguarding Adults Board"),
        ("SWPB", "Safer Warwickshire Partnership Board"),
        ("Middlesbrough CSP", "Middlesbrough Community Safety Partnership"),
        ("Durham CSP", "Safe Durham Partnership"),
        ("CSP", "Community Safety Partnership"),
        ("PCC's Office", "Office of the Police and Crime Commissioner"),
        ("OPCC", "Office of the Police and Crime Commissioner"),
        ("LCJB", "Local Criminal Justice Board"),
        ("HMCTS", "HM Courts & Tribunals Service"),
        ("CAADA", "Co-ordinated Action Against Domestic Abuse"),
        ("CGL", "Change Grow Live"),
        ("Stonham Home Group", "Stonham"),
        ("North Warwickshire CCG", "NHS Warwickshire North Clinical Commissioning Group"),
        ("Harmoni", "Harmoni"),
        ("MRT", "Middlesbrough Recovering Together"),
        ("GP practice for both the victim and the perpetrator", "GP practices"),
        ("Children’s Services", "Children's Services"),
        ("POLICE:", "Police"),
    ],
)
def test_resolve_known_names(reg, mention, expected):
    res = reg.resolve(mention)
    assert res is not None and res.resolved and not res.shared
    assert res.agency.name == expected
    assert res.agency.id == agency_id(expected)
    assert res.score == 100.0


def test_acronyms_are_case_sensitive_whole_words(reg):
    assert reg.find_mentions("the nps and the cps met") == []
    assert [m.matched for m in reg.find_mentions("NPS, NPSX and XNPS")] == ["NPS"]
    assert [m.matched for m in reg.find_mentions("two CCGs and the CCG's panel")] == ["CCGs", "CCG's"]


def test_common_word_names_match_only_as_names(reg):
    assert reg.find_mentions("she sought refuge with respect to victim support needs") == []
    assert {
        reg.agencies[m.agency_id].name for m in reg.find_mentions("Refuge and Victim Support attended")
    } == {"Refuge", "Victim Support"}


# --- resolve: OCR damage --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "mention, expected",
    [
        ("Trai wickstille i Tobation Trust", "Warwickshire Probation Trust"),
        ("Nationa l Probation Servce", "National Probation Service"),
        ("Cleveland Polce", "Cleveland Police"),
        ("Middlesbrough Recovring Togther", "Middlesbrough Recovering Together"),
        ("Durham County Councill", "Durham County Council"),
        ("Cleve land Police", "Cleveland Police"),
        ("Warwick shire County Council", "Warwickshire County Council"),
    ],
)
def test_ocr_damaged_names_resolve_fuzzily(reg, mention, expected):
    res = reg.resolve(mention)
    assert res is not None and res.resolved and res.agency.name == expected
    assert FUZZY_THRESHOLD <= res.score <= 100  # split words squash to the name itself


def test_acronyms_split_by_ocr_resolve(reg):
    assert name_of(reg, "DTV C RC") == "Durham Tees Valley Community Rehabilitation Company"
    assert name_of(reg, "N PS") == "National Probation Service"
    assert not reg.resolve("N P Q").resolved


def test_fuzzy_matching_does_not_cross_organisation_types(reg):
    # close in letters, different in kind: a council is not a constabulary, a club not a council
    res = reg.resolve("Durham County Fire")
    assert res is not None and not res.resolved
    assert not reg.resolve("Covered Trust").resolved


# --- resolve: people, roles, unknown organisations ------------------------------------------------


@pytest.mark.parametrize(
    "mention, expected",
    [
        ("Erik Smith Director of Adult Social Care & Public Health Integration", "Adult Social Care"),
        ("Kay Nicolson DTV CRC Operational Manager", "Durham Tees Valley Community Rehabilitation Company"),
        ("Kay Nicolson DTV CRC Operationa I Manager", "Durham Tees Valley Community Rehabilitation Company"),
        ("Ruth Musicka Adult Social Care", "Adult Social Care"),
        ("Mark Brown Team Leader National Probation Service", "National Probation Service"),
        ("CCG Named Safeguarding Doctors", "Clinical Commissioning Group"),
    ],
)
def test_lead_cells_resolve_to_the_agency_not_the_person(reg, mention, expected):
    assert name_of(reg, mention) == expected


@pytest.mark.parametrize(
    "mention",
    [
        "Elaine Sherrick",
        "DCI Jayne Downes",
        "DI David Glass",
        "Jane Hill Strategic Community Safety Manager",
        "Claire Moore DA lead Single Point of Contact for Review",
        "Regional Manager Team Leads Operational staff",
        "",
        "   ",
        "---",
        "17.3",
        "Single agency recommendations",
        "Cleveland",
        "South Tees",
        "Evidence of Achievement",
        "Substance Misuse",
        "North East Division",
    ],
)
def test_text_naming_no_organisation_gives_none(reg, mention):
    assert reg.resolve(mention) is None


@pytest.mark.parametrize(
    "mention, sector",
    [
        ("Recovery Connections", "voluntary"),
        ("Foundations", "voluntary"),
        ("Brightwater Housing Association", "housing"),
        ("Oakfield Hospital", "health"),
        ("Northshire County Council", "local_authority"),
        ("Fylde Borough Council", "local_authority"),  # district councils are not listed
        ("Zedland Police", "police"),
        ("Riverside Safeguarding Board", "partnership"),
        ("Leeds Safeguarding Adults Board", "partnership"),
        (
            "Wolverhampton Community Safety Partnership",
            "partnership",
        ),  # not Durham Community Safety Partnership
        ("Southend-on-Sea Community Safety Partnership", "partnership"),
        ("Nuneaton and Bedworth Community Safety Partnership", "partnership"),  # not the borough council
        ("Lantern House", "other"),
        ("Tarnford Maternity Services", "health"),
        ("Greyholt Domestic Abuse Service", "voluntary"),
        ("Thornbury Drug and Alcohol Service", "health"),
    ],
)
def test_unknown_organisations_are_kept_unresolved_with_a_guessed_sector(reg, mention, sector):
    res = reg.resolve(mention)
    assert res is not None and not res.resolved and not res.shared
    assert res.agency.name == mention and res.agency.resolved is False
    assert res.agency.sector == sector
    assert res.agency.id == agency_id(mention)


def test_unknown_organisation_after_a_person_keeps_only_the_organisation(reg):
    res = reg.resolve("Sam Green Regional Manager Recovery Connections")
    assert res is not None and res.agency.name == "Recovery Connections" and not res.resolved


# --- resolve: shared owners -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "mention, parts",
    [
        ("CSP / DAP", ["Community Safety Partnership", "Domestic Abuse Partnership"]),
        ("NPS and CRC", ["National Probation Service", "Community Rehabilitation Company"]),
        ("NPS/CRC", ["National Probation Service", "Community Rehabilitation Company"]),
        ("Police & Children's Services", ["Police", "Children's Services"]),
        ("Durham Constabulary and NPS", ["Durham Constabulary", "National Probation Service"]),
    ],
)
def test_shared_owners_have_their_parts(reg, mention, parts):
    res = reg.resolve(mention)
    assert res is not None and res.shared and res.resolved
    assert [p.agency.name for p in res.parts] == parts
    assert res.agency.sector == Sector.shared.value and res.agency.shared
    assert res.agency.id == agency_id(" / ".join(parts))


def test_all_agencies_is_one_shared_agency(reg):
    res = reg.resolve("All agencies")
    assert res.shared and res.parts == () and res.agency.name == "All agencies"
    assert res.agency.sector == "shared" and res.agency.id in reg.agencies


def test_all_agencies_including_lists_its_parts_unknown_ones_too(reg):
    res = reg.resolve(
        "ALL AGENCIES including Zedland Police, Probation Trust, Lantern Trust, NBBC, Nuneaton & Bedworth"
    )
    assert res.agency.name == "All agencies" and res.shared
    names = [(p.agency.name, p.resolved) for p in res.parts]
    assert names == [
        ("Zedland Police", False),
        ("Probation Trust", True),
        ("Lantern Trust", False),
        ("Nuneaton and Bedworth Borough Council", True),
    ]


def test_a_council_and_its_department_is_the_council(reg):
    assert name_of(reg, "Warwickshire County Council - Children's Services") == "Warwickshire County Council"
    assert name_of(reg, "Warwickshire County Council Children's Services") == "Warwickshire County Council"


# --- find_mentions, leading_agency, is_agency_heading ---------------------------------------------


def test_find_mentions_in_a_paragraph(reg):
    text = (
        "That Northtown CSP and Durham CSP seek assurance from Durham Constabulary and the NPS that\n"
        "information is shared with the Durham and Tees Valley Community Rehabilitation Company (DTVCRC), "
        "South Tees CCG and adult social care; the Home Office and SafeLives were told."
    )
    found = reg.find_mentions(text)
    names = [reg.agencies[m.agency_id].name for m in found]
    # "Northtown CSP" is a partnership the registry does not know, not the generic "Community Safety
    # Partnership": a kind of body inside another's name is not that kind's node
    assert names == [
        "Safe Durham Partnership",
        "Durham Constabulary",
        "National Probation Service",
        "Durham Tees Valley Community Rehabilitation Company",
        "Durham Tees Valley Community Rehabilitation Company",
        "South Tees Clinical Commissioning Group",
        "Adult Social Care",
        "Home Office",
        "SafeLives",
    ]
    for m in found:
        assert text[m.start : m.end] == m.matched
    # longest match wins and nothing overlaps
    assert found[3].matched == "Durham and Tees Valley Community Rehabilitation Company"
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))


@pytest.mark.parametrize("text, names", [
    ("with the school nursing service", []),  # a kind of body before a body's own noun
    ("Referrals to the school rose.", ["Schools"]),
    ("The Thornbury Drug and Alcohol Service should offer outreach.", []),  # inside a longer proper name
    ("Referrals to the Drug and Alcohol Service rose.", ["Substance misuse service"]),
    ("All agencies should review their training.", []),  # every agency together is no body
    ("Kestrel Vale Partnership NHS Trust and the NHS Trust", ["NHS Trust"]),
])
def test_a_kind_of_body_inside_another_name_is_no_mention(reg, text, names):
    assert [reg.agencies[m.agency_id].name for m in reg.find_mentions(text)] == names


def test_matches_do_not_cross_a_sentence_or_cell_break(reg):
    assert [m.matched for m in reg.find_mentions("seen in Durham.\tConstabulary staff")] == []


def test_leading_agency_splits_a_glued_heading(reg):
    m = reg.leading_agency("Cleveland Police The process in which disclosure is made should be reviewed.")
    assert m is not None and m.matched == "Cleveland Police" and m.start == 0
    m = reg.leading_agency("CWPT: CWPT to disseminate the learning")
    assert m is not None and reg.agencies[m.agency_id].name.startswith("Coventry and Warwickshire")
    # the subject of a sentence is at the start too; the caller tells a heading from a subject
    m = reg.leading_agency("NPS and DTV CRC provide written assurance")
    assert m is not None and m.matched == "NPS"
    assert reg.leading_agency("The process in which Cleveland Police work") is None
    assert reg.leading_agency("- Refuge and others") is not None
    assert reg.leading_agency("Sam Green, Cleveland Police") is None


@pytest.mark.parametrize(
    "cell, expected",
    [
        ("Cleveland Police", True),
        ("DTV CRC", True),
        ("Recovery Connections", True),
        ("GP practice for both the victim and the perpetrator", True),
        ("North Warwickshire Clinical Commissioning Group and Local Area Team", True),
        ("Single agency recommendations", True),
        ("Cleveland Police The process in which disclosure is made should be reviewed.", False),
        ("That each agency should review its policy.", False),
        ("Completed", False),
        ("Local", False),
        ("Jan 2021", False),
        ("Kay Nicolson DTV CRC Operational Manager", False),
        ("Elaine Sherrick", False),
        ("mplemented", False),
        ("Cleveland", False),  # a place (a scope cell), not an organisation
        ("Evidence of Achievement", False),  # a column header
        ("GEH: Covered in Action 23", False),  # a labelled cell
        ("Approved by Local Policing commanders.", False),
        ("WADA link included on all relevant Force websites", False),
        ("Risk Management Plan template use", False),
        ("Trai wickstille i Tobation Trust", True),
    ],
)
def test_is_agency_heading(reg, cell, expected):
    assert reg.is_agency_heading(cell) is expected


# --- the real sample plans (read from ../shared, never copied) ------------------------------------

HEADINGS = {
    "000": [
        "Middlesbrough Community Safety Partnership",
        "Durham and Tees Valley Community Rehabilitation Company (DTVCRC)",
    ],
    "001": [
        "Middlesbrough Community Safety Partnership",
        "Middlesbrough Recovering Together",
        "Foundations",
        "Recovery Connections",
        "Cleveland Police",
        "DTV CRC",
        "GP practice for both the victim and the perpetrator",
        "ST CCG",
        "Adult Social Care",
    ],
    "004": [
        "Safer Warwickshire Partnership Board",
        "MARAC Steering Group",
        "Warwickshire Police",
        "Local Criminal Justice Board",
        "Trai wickstille i Tobation Trust",
        "George Eliot Hospital",
        "Warwickshire County Council - Children's Services",
    ],
}


@pytest.mark.parametrize("prefix", sorted(HEADINGS))
def test_agency_headings_of_the_sample_plans_resolve(reg, prefix):
    path = seed(prefix)
    cells = {
        re.sub(r"\s+", " ", c).strip()
        for line in path.read_text(encoding="utf-8").splitlines()
        for c in line.split("\t")
    }
    for heading in HEADINGS[prefix]:
        assert heading in cells, heading  # the heading really is a cell of the plan
        res = reg.resolve(heading)
        assert res is not None, heading
        assert res.resolved == (heading not in {"Foundations", "Recovery Connections"}), heading
        assert reg.is_agency_heading(heading), heading


def test_a_common_word_name_inside_a_longer_name_is_not_that_agency(reg):
    assert reg.find_mentions("staff at Cedar House Refuge Project and Harbour Lights Hostel") == []
    assert not reg.resolve("Harbour Lights Hostel").resolved
    assert [
        reg.agencies[m.agency_id].name for m in reg.find_mentions("The Refuge worker and Harbour staff")
    ] == ["Refuge", "Harbour Support Services"]


def test_successors_follow_lineage_to_bodies_still_active(reg):
    now = [(a.name, d) for a, d in reg.successors(agency_id("Warwickshire Probation Trust"))]
    assert now == [("Probation Service", "2021-06-26")]
    assert [a.name for a, _ in reg.successors(agency_id("Cleveland Police"))] == []


def test_a_local_member_of_a_federation_is_its_own_body(reg):
    res = reg.resolve("Northtown Women's Aid")
    assert (
        res.agency.name == "Northtown Women's Aid" and not res.resolved and res.agency.sector == "voluntary"
    )
    assert name_of(reg, "Women's Aid") == "Women's Aid"


# --- the command line -----------------------------------------------------------------------------


def test_cli_resolve_list_and_mentions(tmp_path):
    from typer.testing import CliRunner

    from reviewgraph.app.cli import cli

    runner = CliRunner()
    out = runner.invoke(cli, ["agencies", "resolve", "DTVCRC", "Elaine Sherrick", "NPS and CRC"])
    assert out.exit_code == 0, out.output
    assert "Durham Tees Valley Community Rehabilitation Company" in out.output
    assert "now: Probation Service (from 2021-06-26)" in out.output
    assert "'Elaine Sherrick': names no organisation" in out.output
    assert "part: Community Rehabilitation Company" in out.output
    out = runner.invoke(cli, ["agencies", "list", "--sector", "police"])
    assert out.exit_code == 0 and "Cleveland Police" in out.output and "Home Office" not in out.output
    f = tmp_path / "note.txt"
    f.write_text("The NPS and Cleveland Police met; the NPS agreed.", encoding="utf-8")
    out = runner.invoke(cli, ["agencies", "mentions", str(f)])
    assert out.exit_code == 0
    assert out.output.splitlines()[0].split() == ["2", "National", "Probation", "Service"]


def test_a_place_and_a_kind_acronym_name_the_same_body_as_the_kind_spelt_out():
    from reviewgraph.graph.agencies import AgencyRegistry

    reg = AgencyRegistry.load()
    short, long = reg.resolve("Kestrel Vale CSP"), reg.resolve("Kestrel Vale Community Safety Partnership")
    assert short is not None and long is not None and not short.resolved
    assert short.agency.id == long.agency.id


@pytest.mark.parametrize("text, person", [
    ("Morwenna Treloar Head of Service Tamsin Vale Recovery Service", "Morwenna Treloar"),
    ("TVDAS Ezra Quillfeather Safeguarding Lead", "Ezra Quillfeather"),
    ("Ezra Bryn Quillfeather Operations Manager", "Ezra Bryn Quillfeather"),
])
def test_a_name_is_read_from_its_place_before_a_post(text, person):
    from reviewgraph.graph.agency_text import person_spans

    toks = tokens(text)
    assert " ".join(toks[i].raw for i in sorted(person_spans(toks))) == person


@pytest.mark.parametrize("text", [
    "Domestic Abuse Strategic Lead",          # English words, not a surname
    "Lark Moor Recovery Safeguarding Lead",   # a sector's word: a body
    "Pellow Borough Council Safeguarding Lead",
    "Head of Tamsin Vale Safeguarding Lead",  # joined to the words before
    "Tamsin Vale Recovery Service Manager",   # "Service" begins no post
])
def test_words_before_a_post_that_are_no_name(text):
    from reviewgraph.graph.agency_text import person_spans

    assert person_spans(tokens(text)) == set()


@pytest.mark.parametrize("text, parts", [
    ("Pellingford Fire and Rescue Service and Pellingford Community Health NHS Trust",
     ["Pellingford Fire and Rescue Service", "Pellingford Community Health NHS Trust"]),
    ("Northgate Healthcare NHS Trust and Harrowdale Police", ["Northgate Healthcare NHS Trust", "Harrowdale Police"]),
    ("Northgate Healthcare NHS Trust, Harrowdale Police", ["Northgate Healthcare NHS Trust", "Harrowdale Police"]),
])
def test_listed_bodies_nobody_registered_are_each_a_body(reg, text, parts):
    """Each a kind of body with its own proper name, nothing but a separator between: one owner of several
    bodies, not the first alone (the second was dropped)."""
    res = reg.resolve(text)
    assert res.shared and [p.agency.name for p in res.parts] == parts


@pytest.mark.parametrize("text", ["NHS Northmere and Wrenford Integrated Care Board", "Redcar and Cleveland Council",
                                  "Northmere NHS Trust and partners", "Police and Crime Commissioner"])
def test_one_body_with_and_in_its_name_stays_one(reg, text):
    assert not reg.resolve(text).shared


@pytest.mark.parametrize("text", ["Kelmouth Carers Federation", "Kelmouth General Practice Federation",
                                  "Kelmouth GP Federation", "Kelmouth Housing Alliance"])
def test_a_federation_or_alliance_is_a_body_by_its_whole_name(reg, text):
    """A kind of body after another's ("General Practice Federation") names one body: the whole name, not
    the first kind ("Kelmouth General Practice") nor nobody."""
    res = reg.resolve(text)
    assert res is not None and not res.shared and res.agency.name == text
