"""A document's own abbreviations (ingest/glossary.py): a glossary section in its usual forms, inline
definitions, the test that an acronym abbreviates its expansion, conflicts, and owner cells read through it.
Invented places and agencies only."""

from __future__ import annotations

import pytest

from reviewgraph.ingest.glossary import abbreviates, find_glossary, glossary
from reviewgraph.records.glossary import expand
from reviewgraph.ingest.readers.text import read_text_lines
from tests.parsing import parse_text, rows
from tests.seeds import seed


def lines_of(text: str):  # type: ignore[no-untyped-def]
    return read_text_lines(text.encode("utf-8"))


def test_glossary_section_in_its_usual_forms() -> None:
    text = rows(
        "Northmere Safeguarding Adults Board",
        "",
        "Glossary of abbreviations used in this report",
        ("NC", "Northmere Constabulary"),
        ("Wrenford Borough Council", "WBC"),  # a table of two cells, expansion first
        "ASC – Adult Social Care",
        "ICB: Integrated Care Board",
        "Northmere Hospitals NHS Foundation Trust (NHFT)",
        "MDT   Multi-disciplinary team",  # cells set apart by spaces
        "UK United Kingdom",
        "DTV CRC Durham and Tees Valley Community Rehabilitation Company",
        "| KBC | Kettleby Borough Council (housing) |",
        "",
        "1 Introduction",
    )
    g = find_glossary(lines_of(text))
    assert g.terms == {
        "NC": "Northmere Constabulary",
        "WBC": "Wrenford Borough Council",
        "ASC": "Adult Social Care",
        "ICB": "Integrated Care Board",
        "NHFT": "Northmere Hospitals NHS Foundation Trust",
        "MDT": "Multi-disciplinary team",
        "UK": "United Kingdom",  # in a glossary a two-letter acronym is an entry like any other
        "DTV CRC": "Durham and Tees Valley Community Rehabilitation Company",
        "KBC": "Kettleby Borough Council",
    }
    assert sorted(g.lines) == list(range(3, 13))  # the heading and the entries; not the title or section 1
    assert g.sources["NC"] == 4 and not g.warnings


def test_an_expansion_wrapped_onto_the_next_line() -> None:
    text = rows("Abbreviations", "HMICFRS  Her Majesty's Inspectorate of Constabulary and", "Fire and Rescue Services",
                "NC  Northmere Constabulary")
    g = find_glossary(lines_of(text))
    assert g.terms["HMICFRS"] == "Her Majesty's Inspectorate of Constabulary and Fire and Rescue Services"
    assert g.lines == {1, 2, 3, 4}


def test_inline_definitions_anywhere_in_the_text() -> None:
    text = rows(
        "1.1 Officers of Northmere Constabulary (NC) attended the address twice in 2021.",
        "1.2 Wrenford Borough Council Adult Social Care ('WBC ASC') had closed the case.",
        "1.3 The Ashby Vale Integrated Care Board (hereafter the ICB) commissions the GP practice.",
        "1.4 Kettleby Recovery Service (hereinafter referred to as “KRS”) offered an assessment.",
        "1.5 The panel asked NWAS (North Wrenford Ambulance Service) for its records.",
        "1.6 The chair of the Safeguarding Adults",  # a name wrapped over a line break
        "Board (SAB) agreed the terms of reference.",
    )
    assert glossary(lines_of(text)) == {
        "NC": "Northmere Constabulary",
        "WBC ASC": "Wrenford Borough Council Adult Social Care",
        "ICB": "Integrated Care Board",  # the words the letters stand for, not the place before them
        "KRS": "Kettleby Recovery Service",
        "NWAS": "North Wrenford Ambulance Service",
        "SAB": "Safeguarding Adults Board",
    }


def test_capitals_in_prose_are_not_entries() -> None:
    text = rows(
        "IT was not available on the ward, so the nurse wrote the note by hand.",
        "OK, said the officer, and left. UK guidance (OK) was not followed.",
        "The GP saw her twice (IT) and the IDVA once (see section 4).",
        "NC was informed by telephone; ASC did not reply.",
    )
    assert glossary(lines_of(text)) == {}


def test_an_acronym_that_does_not_abbreviate_its_expansion_is_rejected() -> None:
    text = rows("Glossary", ("NC", "Wrenford Borough Council"), ("IT", "systems were replaced in 2019"),
                ("WBC", "Wrenford Borough Council"), ("SAR", "the review was published late"))
    g = find_glossary(lines_of(text))
    assert g.terms == {"WBC": "Wrenford Borough Council"}
    assert 2 not in g.lines and 3 not in g.lines and 4 in g.lines


@pytest.mark.parametrize(("acronym", "expansion"), [
    ("HMICFRS", "Her Majesty's Inspectorate of Constabulary and Fire and Rescue Services"),
    ("OASys", "Offender Assessment System"),
    ("NHSE", "NHS England"),
    ("MoJ", "Ministry of Justice"),
    ("DfE", "Department for Education"),
    ("A&E", "Accident and Emergency"),
    ("SWFT", "South Wrenford NHS Foundation Trust"),
    ("TOR", "Terms of Reference"),
    ("IMRs", "Individual Management Reviews"),
    ("CSP", "Community Safety Partnership"),
    ("MARAC", "Multi-Agency Risk Assessment Conference"),
])
def test_abbreviates(acronym: str, expansion: str) -> None:
    assert abbreviates(acronym, expansion)


@pytest.mark.parametrize(("acronym", "expansion"), [
    ("NC", "Wrenford Borough Council"),
    ("NC", "Northmere"),
    ("IT", "is the only way"),
    ("ASC", "Adult Social"),
    ("ICB", "Integrated Care Board and the police"),
    ("OK", "of the"),
])
def test_does_not_abbreviate(acronym: str, expansion: str) -> None:
    assert not abbreviates(acronym, expansion)


def test_two_expansions_the_glossary_section_wins_with_a_warning() -> None:
    text = rows(
        "Northmere Council (NC) and the police met in March.",
        "",
        "Glossary",
        ("NC", "Northmere Constabulary"),
        ("ASC", "Adult Social Care"),
        "",
        "The Ashby Support Centre (ASC) was not told.",
    )
    g = find_glossary(lines_of(text))
    assert g.terms == {"NC": "Northmere Constabulary", "ASC": "Adult Social Care"}
    assert len(g.warnings) == 2 and all("kept" in w for w in g.warnings)
    # the same expansion written differently is no conflict
    same = rows("Glossary", ("MARAC", "Multi-Agency Risk Assessment Conference"), "",
                "A Multi Agency Risk Assessment Conference (MARAC) was held.")
    assert not find_glossary(lines_of(same)).warnings


def test_a_headless_glossary_table_of_three_entries() -> None:
    table = rows(("NC", "Northmere Constabulary"), ("WBC", "Wrenford Borough Council"),
                 ("KRS", "Kettleby Recovery Service"))
    g = find_glossary(lines_of(table))
    assert len(g.terms) == 3 and g.lines == {1, 2, 3}
    two = rows(("NC", "Northmere Constabulary"), ("WBC", "Wrenford Borough Council"))
    assert find_glossary(lines_of(two)).terms == {}  # two rows alone could be anything


def test_a_contents_line_does_not_open_a_glossary() -> None:
    text = rows(("Appendix B Glossary of Abbreviations", "95"), ("1", "Introduction"), ("2", "Timescales"))
    g = find_glossary(lines_of(text))
    assert g.terms == {} and not g.lines


def test_expand_an_owner_cell() -> None:
    terms = {"WBC": "Wrenford Borough Council", "ASC": "Adult Social Care", "NC": "Northmere Constabulary",
             "DTV CRC": "Durham and Tees Valley Community Rehabilitation Company", "IMR": "Individual Management Review"}
    assert expand("WBC ASC", terms) == "Wrenford Borough Council Adult Social Care"
    assert expand("WBC ASC", {**terms, "WBC ASC": "Wrenford Adult Services"}) == "Wrenford Adult Services"
    assert expand("NC", terms) == "Northmere Constabulary"
    assert expand(" NC. ", terms) == "Northmere Constabulary"
    assert expand("NC / WBC", terms) == "Northmere Constabulary / Wrenford Borough Council"
    assert expand("NC and WBC", terms) == "Northmere Constabulary and Wrenford Borough Council"
    assert expand("DTV CRC", terms) == "Durham and Tees Valley Community Rehabilitation Company"
    assert expand("DTVCRC", terms) == "Durham and Tees Valley Community Rehabilitation Company"
    assert expand("IMRs", terms) == "Individual Management Review"
    assert expand("NC Safeguarding Team", terms) is None  # not only acronyms
    assert expand("ICB", terms) is None  # not in the glossary
    assert expand("WBC ICB", terms) is None
    assert expand("", terms) is None and expand("NC", {}) is None


def test_parse_places_the_glossary_lines_and_keeps_the_terms() -> None:
    text = rows(
        "Wrenford Community Safety Partnership",
        "Domestic Homicide Review 6 - Action Plan",
        ("No", "Recommendation", "Lead", "Target date"),
        ("1", "NC to review how repeat victims are identified.", "NC", "March 2024"),
        ("2", "WBC ASC to audit its closure of referrals.", "WBC ASC", "June 2024"),
        "",
        "Key to abbreviations",
        ("NC", "Northmere Constabulary"),
        ("WBC", "Wrenford Borough Council"),
        ("ASC", "Adult Social Care"),
    )
    doc = parse_text(text)
    assert doc.glossary == {"NC": "Northmere Constabulary", "WBC": "Wrenford Borough Council",
                            "ASC": "Adult Social Care"}
    assert not [u for u in doc.unplaced if u.line >= 7], doc.unplaced
    non_blank = sum(1 for line in text.split("\n") if line.strip())
    assert doc.placed_lines + len(doc.skipped) + len(doc.unplaced) == non_blank
    assert expand("WBC ASC", doc.glossary) == "Wrenford Borough Council Adult Social Care"


def test_the_dhr4_report_glossary() -> None:
    from reviewgraph.ingest.pipeline import ingest_file

    doc = ingest_file(seed("002")).doc
    assert doc.glossary["DTV CRC"] == "Durham and Tees Valley Community Rehabilitation Company"
    assert doc.glossary["MRT"] == "Middlesbrough Recovering Together"
    assert doc.glossary["NPS"] == "National Probation Service"
    assert len(doc.glossary) >= 30
    assert not [u for u in doc.unplaced if u.text.startswith(("MARAC", "Glossary of Abbreviations"))]
