"""Every recommendation of the four real samples, each document ingested alone: its number as written and
its owner, as a careful reader of the document names them (the sentence's subject where it names a body,
else the agency heading it sits under; departments as departments; joint owners joined with " / ")."""

from __future__ import annotations

import pytest

from reviewgraph.graph.store import Store
from reviewgraph.ingest.pipeline import ingest_into
from tests.seeds import seed

CSP = "Middlesbrough Community Safety Partnership"
NPS, CRC = "National Probation Service", "Durham Tees Valley Community Rehabilitation Company"
POLICE = "Cleveland Police"
DHR4_PANEL = [CSP, "All agencies", f"{NPS} / {CRC}", f"{NPS} / {CRC}", "All agencies", "All agencies",
              f"{CSP} / Safe Durham Partnership", CSP, CSP]
DHR4 = DHR4_PANEL + [POLICE] * 8 + [NPS] * 6 + [CRC] * 7
CCG = "NHS Warwickshire North Clinical Commissioning Group"
CCG_LAT = f"{CCG} / NHS England Local Area Team"
SWPB = "Safer Warwickshire Partnership Board"
WARWICKSHIRE = ([SWPB] * 6 + ["Warwickshire County Council Community Safety and Substance Misuse"] + ["MARAC Steering Group"] * 4
                + ["Warwickshire Police"] * 5 + ["Local Criminal Justice Board", "Warwickshire Probation Trust"]
                + ["George Eliot Hospital NHS Trust"] * 5 + ["All agencies"] * 4
                + [CCG_LAT, CCG, CCG_LAT, CCG_LAT, CCG, CCG_LAT, CCG] + ["Warwickshire County Council Children's Services"] * 2)

EXPECTED = {
    "000": ([str(n) for n in [*range(1, 10), *range(1, 9), *range(1, 7), *range(1, 8)]], DHR4),
    "002": ([f"17.{n}" for n in range(1, 31)], DHR4),
    "001": ([str(n) for n in range(1, 25)],
            [CSP, CSP, "Middlesbrough Recovering Together", "Middlesbrough Recovering Together", "Foundations"]
            + ["Recovery Connections"] * 5 + [POLICE] * 2 + [CRC] * 2 + ["GP practices"] * 6
            + ["South Tees Clinical Commissioning Group"] + ["Adult Social Care"] * 3),
    "004": ([str(n) for n in [*range(1, 19), *range(20, 38)]], WARWICKSHIRE),
}


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_every_sample_recommendation_has_its_number_and_owner(tmp_path, prefix):
    numbers, owners = EXPECTED[prefix]
    assert len(numbers) == len(owners)
    store = Store(tmp_path / "db")
    ingest_into(store, [seed(prefix)])
    recs = sorted(store.graph().of_kind("Recommendation"), key=lambda r: r.ordinal)
    got = [(r.number, r.owner) for r in recs]
    assert got == list(zip(numbers, owners))


def test_the_warwickshire_departments_are_departments_of_the_council(tmp_path):
    store = Store(tmp_path / "db")
    ingest_into(store, [seed("004")])
    g = store.graph()
    owners = {a.id: a for r in g.of_kind("Recommendation") for a in g.out(r.id, "ADDRESSED_TO")}
    # departments are named with their council: a bare "Children's Services" would not say whose
    for name in ("Warwickshire County Council Children's Services",
                 "Warwickshire County Council Community Safety and Substance Misuse"):
        dept = next(a for a in owners.values() if a.name == name)
        assert [p.name for p in g.out(dept.id, "MEMBER_OF")] == ["Warwickshire County Council"]
