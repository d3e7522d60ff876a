"""Building the graph from parsed documents."""

from reviewgraph.graph.build import build_graph
from tests.parsing import parse_text, rows

HEADER = ("No", "Recommendation", "Action", "Lead", "Target date")


def test_an_unknown_body_spelt_with_ocr_damage_is_one_agency():
    a = parse_text(rows("Kestrel Vale DHR-1 action plan", HEADER, ("", "Currlew Heath Adult Social Care", "", "", ""),
                        ("1.", "That social workers check history on every referral.", "Audit", "Team lead",
                         "May 2021")), name="a.txt")
    b = parse_text(rows("Kestrel Vale DHR-2 action plan", HEADER, ("", "Curlew Heath Adult Social Care", "", "", ""),
                        ("1.", "That managers review every open case monthly.", "Review", "Team lead",
                         "June 2021")), name="b.txt")
    g = build_graph([a, b])
    owners = {r.owner for r in g.of_kind("Recommendation")}
    assert len(owners) == 1
    assert len([x for x in g.of_kind("Agency") if not x.resolved]) == 1


def test_learning_links_resolve_within_their_own_review():
    report = rows("Northmere Community Safety Partnership", "Domestic Homicide Review", "Overview Report", "'Ivy'",
                  "DHR-9", "", "6 Learning", "", "6.1 Narrative Recommendation 2 applies", "Learning",
                  "Referrals were not followed up.", "", "7 Recommendations", "",
                  "7.1 That the partnership audits referrals.", "7.2 That GPs record disclosures.")
    g = build_graph([parse_text(report)])
    informs = [(e.source, e.target) for e in g.edges_of("INFORMS")]
    assert informs == [("learning:northmere/dhr-9/6.1", "rec:northmere/dhr-9/7.2")]


def test_a_lead_naming_only_a_person_does_not_become_an_agency():
    doc = parse_text(rows("Kestrel Vale DHR-3 action plan", HEADER,
                          ("1.", "That the police audit repeat calls.", "Audit", "Drew Dunmore", "May 2021"),
                          ("2.", "That housing staff ask about abuse.", "Train", "Kestrel Vale Homes Trust",
                           "June 2021")))
    g = build_graph([doc])
    led = {g.nodes[e.target].name for e in g.edges_of("LED_BY")}
    assert led == {"Kestrel Vale Homes Trust"}
    assert all(a.name != "Drew Dunmore" for a in g.of_kind("Agency"))


def test_the_collector_is_paused_for_the_build_only(monkeypatch):
    import gc

    from reviewgraph.graph import build as build_module

    seen = []
    monkeypatch.setattr(build_module.similarity, "link_similar", lambda g: seen.append(gc.isenabled()))
    assert gc.isenabled()
    build_module.build_graph([])
    assert seen == [False] and gc.isenabled()
    gc.disable()
    try:  # a caller that had paused it keeps it paused
        build_module.build_graph([])
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_mentions_are_found_once_per_text():
    from reviewgraph.graph import build as build_module
    from reviewgraph.graph.agencies import AgencyRegistry
    from reviewgraph.graph.graphdata import ReviewGraph

    agencies = build_module._Agencies(ReviewGraph(), AgencyRegistry.load())
    text = "Cleveland Police and the National Probation Service share information with MARAC."
    first = agencies.mentions(text)
    assert first == AgencyRegistry.load().find_mentions(text) and len(first) >= 2
    assert agencies.mentions(text) is first


def test_a_generator_gives_the_same_graph_and_a_list_is_left_alone():
    from reviewgraph.ingest.pipeline import ingest_file
    from tests.seeds import all_seeds

    docs = [ingest_file(p).doc for p in all_seeds()]
    given = list(docs)
    kept = build_graph(given)
    assert given == docs
    assert build_graph(d for d in docs).to_json() == kept.to_json()
