"""Every page of the Streamlit app renders on the synthetic graph and on an empty store, and filters change
what is shown (Streamlit's AppTest: the real script runner, no browser)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from reviewgraph.graph.view import DEFAULT_KINDS, ViewFilter, filter_graph
from tests.synthetic_graph import make_graph
from tests.webapp_support import app_env, hostile_graph, new_app, write_store

PAGES = ["views/overview.py", "views/explorer.py", "views/review.py", "views/agency.py", "views/themes.py",
         "views/gaps.py", "views/workbench.py", "views/ingest.py"]


@pytest.fixture()
def store(tmp_path, monkeypatch):
    path = write_store(tmp_path / "store")
    app_env(monkeypatch, path)
    return path


@pytest.fixture()
def empty_store(tmp_path, monkeypatch):
    path = tmp_path / "empty"
    path.mkdir()
    app_env(monkeypatch, path)
    return path


def _app() -> AppTest:
    return new_app()


def _open(page: str) -> AppTest:
    at = _app().run()
    assert not at.exception, at.exception
    if page != PAGES[0]:
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    assert not [e.value for e in at.error if "could not be shown" in e.value]
    return at


def _frame(at: AppTest, *columns: str):
    """The first table on the page having all these columns."""
    for df in at.dataframe:
        if set(columns) <= set(df.value.columns):
            return df.value
    raise AssertionError(f"no table with columns {columns}")


def _text(at: AppTest) -> str:
    parts = [e.value for e in at.markdown] + [e.value for e in at.caption] + [e.value for e in at.info] + \
            [e.value for e in at.warning] + [e.value for e in at.title] + [e.value for e in at.subheader]
    return "\n".join(str(p) for p in parts)


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_on_the_synthetic_graph(store, page):
    at = _open(page)
    assert at.title, "every page has a title"
    assert not at.error, [e.value for e in at.error]


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_on_an_empty_store(empty_store, page):
    at = _open(page)
    if page != "views/ingest.py":
        assert "store is empty" in _text(at)


def test_overview_counts(store):
    at = _open(PAGES[0])
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Reviews"] == "2"
    assert metrics["Recommendations"] == "4"


def test_explorer_filters_change_the_view(store):
    at = _open("views/explorer.py")
    at.radio(key="ex_mode").set_value("filters").run()
    shown = next(c.value for c in at.caption if c.value.startswith("Showing"))
    expected = filter_graph(make_graph(), ViewFilter(kinds=DEFAULT_KINDS, drop_isolated=True))
    assert shown.startswith(f"Showing {len(expected)} nodes")
    at.text_input(key="ex_text").input("Wellbeing").run()
    narrowed = next(c.value for c in at.caption if c.value.startswith("Showing"))
    assert narrowed != shown and narrowed.startswith("Showing 3 nodes")
    at.text_input(key="ex_text").input("").run()
    at.multiselect(key="ex_reviews").select("review:southby/dhr-7").run()
    southby = next(c.value for c in at.caption if c.value.startswith("Showing"))
    assert southby != shown and "Showing 0 nodes" not in southby
    at.multiselect(key="ex_kinds").set_value(["Agency"]).run()
    assert any("Nothing matches" in i.value for i in at.info)


def test_explorer_details_show_source(store):
    at = _open("views/explorer.py")
    at.radio(key="ex_mode").set_value("filters").run()
    at.selectbox(key="ex_pick").select("rec:northby/dhr-1/1").run()
    assert not at.exception
    text = _text(at)
    assert "n1" in text and "lines 10–12" in text
    assert "MARAC referrals are made" in text
    links = at.get("page_link")
    assert any("Open the review" in link.proto.label for link in links)


def test_review_page_switches_review(store):
    at = _open("views/review.py")
    first = _frame(at, "rec", "owner")
    at.selectbox(key="rv_pick").select("review:southby/dhr-7").run()
    second = _frame(at, "rec", "owner")
    assert list(first["rec"]) == ["1", "2"]
    assert list(second["rec"]) == ["17.1", "17.2"]


def test_agency_page_shows_lineage(store):
    at = _open("views/agency.py")
    at.selectbox(key="ag_pick").select("agency:northby-crc").run()
    lineage = _frame(at, "relation", "other")
    assert list(lineage["other"]) == ["Probation Service"]
    assert any("ceased" in w.value for w in at.warning)


def test_themes_page_opens_a_theme(store):
    at = _open("views/themes.py")
    at.selectbox(key="th_pick").select("theme:marac").run()
    reviews = _frame(at, "review", "recommendations")
    assert set(reviews["review"]) == {"Northby DHR-1 'Ada'", "Southby DHR-7"}
    agencies = _frame(at, "agency", "recommendations")
    assert "Northby Police" in set(agencies["agency"])


def test_hostile_text_is_not_markup_in_pages(tmp_path, monkeypatch):
    app_env(monkeypatch, write_store(tmp_path / "hostile", hostile_graph()))
    at = _open("views/explorer.py")
    at.radio(key="ex_mode").set_value("filters").run()
    at.selectbox(key="ex_pick").select("rec:northby/dhr-1/99").run()
    assert not at.exception
    for md in at.markdown:
        assert "<img" not in md.value and "<script" not in md.value


def test_gaps_page_filters_and_downloads(store):
    at = _open("views/gaps.py")
    caption = next(c.value for c in at.caption if "gaps as of" in c.value)
    total = int(caption.split()[0])
    assert total > 0
    at.multiselect(key="gp_kinds").set_value(["no_target_date"]).run()
    narrowed = int(next(c.value for c in at.caption if "gaps as of" in c.value).split()[0])
    assert 0 < narrowed < total
    assert set(_frame(at, "gap", "source")["gap"]) == {"no target date"}
    assert at.get("download_button")


def test_gaps_as_of_an_early_date_has_no_overdue(store):
    import datetime as dt

    at = _open("views/gaps.py")
    at.multiselect(key="gp_kinds").set_value(["overdue"]).run()
    late = int(next(c.value for c in at.caption if "gaps as of" in c.value).split()[0])
    at.date_input(key="gp_as_of").set_value(dt.date(2019, 1, 1)).run()
    assert late > 0
    assert any("No gaps" in s.value for s in at.success)


def test_workbench_runs_a_saved_query(store):
    at = _open("views/workbench.py")
    at.selectbox(key="wb_engine").set_value("sparql").run()
    at.selectbox(key="wb_query").set_value("review_plan").run()
    at.toggle(key="wb_codes").set_value(True).run()  # the rows as returned, ids and all
    at.button(key="wb_run").click().run()
    assert not at.exception
    assert not at.error, [e.value for e in at.error]
    rows = _frame(at, "review_id", "recommendation")
    assert set(rows["review_id"]) == {"review:northby/dhr-1", "review:southby/dhr-7"}


def test_workbench_refuses_writes(store):
    at = _open("views/workbench.py")
    at.selectbox(key="wb_engine_adhoc").set_value("sparql").run()
    at.text_area(key="wb_text_sparql").input("DELETE WHERE { ?s ?p ?o }").run()
    at.button(key="wb_run_adhoc").click().run()
    assert not at.exception
    assert any("refused" in e.value for e in at.error)


def test_login_when_configured(store, tmp_path, monkeypatch):
    from reviewgraph.app.web.auth import hash_password

    users = tmp_path / "users.toml"
    users.write_text(f'[users.chair]\nname = "Board chair"\nhash = "{hash_password("s3cret", iterations=1000)}"\n')
    monkeypatch.setenv("REVIEWGRAPH_AUTH_FILE", str(users))
    at = _app().run()
    assert not at.metric, "nothing shown before signing in"
    at.text_input(key="rg_login_user").input("chair")
    at.text_input(key="rg_login_password").input("wrong")
    at.button[0].click().run()
    assert any("wrong password" in e.value for e in at.error)
    assert not at.metric
    at.text_input(key="rg_login_user").input("chair")
    at.text_input(key="rg_login_password").input("s3cret")
    at.button[0].click().run()
    assert {m.label for m in at.metric} >= {"Reviews"}


def test_ingest_page_reports_then_adds(empty_store):
    from reviewgraph.graph.store import Store
    from reviewgraph.synth.corpus import demo_paths

    plan = next(p for p in demo_paths() if p.name.endswith("action-plan.txt"))
    at = _open("views/ingest.py")
    at.file_uploader(key="in_files").set_value([(plan.name, plan.read_bytes(), "text/plain"),
                                                ("empty.txt", b"   \n", "text/plain")]).run()
    at.button(key="in_read").click().run()
    assert not at.exception
    report = _frame(at, "file", "recommendations")
    assert list(report["file"]) == [plan.name, "empty.txt"]
    assert report["recommendations"][0] > 0
    assert "empty file" in report["error"][1]
    assert Store(empty_store).is_empty(), "nothing is added before the user says so"
    at.button(key="in_add").click().run()
    assert not at.exception
    assert len(Store(empty_store).manifest()) == 1
    assert any("Added 1 documents" in s.value for s in at.success)
    assert not at.error, "what was read reached the graph"
    recs = sum(1 for _ in Store(empty_store).graph().of_kind("Recommendation"))
    assert recs == report["recommendations"][0]


def test_explorer_opens_a_linked_view(store):
    at = _app()
    at.query_params["kinds"] = "Agency,Theme,Recommendation"
    at.query_params["theme"] = "theme:marac"
    at.run()
    at.switch_page("views/explorer.py").run()
    assert not at.exception
    assert at.multiselect(key="ex_themes").value == ["theme:marac"]
    assert set(at.multiselect(key="ex_kinds").value) == {"Agency", "Theme", "Recommendation"}


def test_md_neutralises_markup():
    from reviewgraph.app.web.common import md

    out = md("Ann's plan <img src=x onerror=alert(1)> [link](javascript:alert(1)) **bold** & more")
    assert "<" not in out and ">" not in out
    assert "&lt;img" in out and "&amp; more" in out
    assert "[link]" not in out and "**" not in out
    assert "Ann's" in out


def test_explorer_offers_every_format_of_the_view(store):
    from reviewgraph.app.web.common import export_bytes
    from reviewgraph.graph.exports import exporters
    from reviewgraph.graph.graphdata import ReviewGraph

    at = _open("views/explorer.py")
    at.session_state["ex_dl_open"] = True  # the download box opened: its buttons are made only then
    buttons = at.run().get("download_button")
    assert len(buttons) == len(exporters())
    view = filter_graph(make_graph(), ViewFilter(reviews=("review:southby/dhr-7",)))
    for fmt in exporters():
        data = export_bytes(view, fmt)
        assert data, fmt
    back = ReviewGraph.from_node_link(__import__("json").loads(export_bytes(view, "json")))
    assert set(back.nodes) == set(view.nodes)


def test_redaction_switch_covers_the_pages(store):
    at = _open("views/review.py")
    assert any("Ada" in m.value for m in at.markdown) or "Ada" in str(at.selectbox(key="rv_pick").options)
    at.toggle(key="rg_redact").set_value(True).run()
    assert not at.exception
    assert "Ada" not in str(at.selectbox(key="rv_pick").options)
    for page in PAGES[:5]:
        at.switch_page(page).run()
        assert not at.exception
        shown = _text(at) + " ".join(str(df.value.to_dict()) for df in at.dataframe)
        assert "Ada" not in shown, page


def test_forced_redaction_with_a_names_file(store, tmp_path, monkeypatch):
    names = tmp_path / "names.txt"
    names.write_text("Wellbeing Hub\n")
    monkeypatch.setenv("REVIEWGRAPH_REDACT", "1")
    monkeypatch.setenv("REVIEWGRAPH_REDACT_NAMES", str(names))
    at = _open("views/agency.py")
    assert at.toggle(key="rg_redact").value is True
    assert all("Wellbeing" not in str(o) for o in at.selectbox(key="ag_pick").options)


def test_a_failing_page_is_one_line_not_a_traceback(store, monkeypatch):
    import reviewgraph.queries.browse
    from reviewgraph import queries

    def broken(*_args, **_kwargs):
        raise RuntimeError("synthetic failure")

    monkeypatch.setattr(queries.browse, "counts", broken)
    at = _app().run()
    assert not at.exception
    assert [e.value for e in at.error if "could not be shown" in e.value and "synthetic failure" in e.value]


def test_explorer_aggregates_beyond_the_limit(store, monkeypatch):
    monkeypatch.setenv("REVIEWGRAPH_MAX_NODES", "10")
    at = _open("views/explorer.py")
    at.radio(key="ex_mode").set_value("filters").run()
    assert any("agencies and themes only" in w.value for w in at.warning)
    names = at.selectbox(key="ex_pick").options
    assert names and all(n.startswith(("Agency", "Theme")) for n in names)
