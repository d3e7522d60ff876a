"""The app under a careless user and a hostile document (AppTest, the real script runner; no browser):

- upload names that are no file names (``..``, a path, more than 255 bytes, control characters) fail
  alone, or are made plain, and the rest of the batch lands;
- the explorer's component files are served from a folder made for the process (mode 0700, a name nobody
  can take first), never from a shared folder of a predictable name;
- document text in every message is escaped: no link, image, colour or icon directive, or LaTeX from a
  document reaches the page as Markdown;
- a second ingest waiting on the store's lock says so; what the store says (a graph.json rebuilt) is shown.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from reviewgraph.graph.store import Store
from reviewgraph.ingest.pipeline import ingest_into
from tests.synthetic_graph import make_graph
from tests.test_store import PLAN, REPORT_PLAN
from tests.test_store_integrity import held_until_waited_on
from tests.webapp_support import app_env, new_app, write_store

MD_PAYLOAD = ("[click](https://attacker.example/x) ![i](https://attacker.example/i.png) :red[ALERT] "
              ":material/warning: $x^2$ **loud**")
#: what each part of the payload looks like when it was not escaped
RAW = ["[click](", "![i](", ":red[ALERT]", ":material/warning:", "$x^2$", "**loud**"]
FIELDS = ("title", "text", "name", "label", "file_name", "pseudonym", "area", "partnership", "definition",
          "owner", "lead", "progress", "number")


def _app() -> AppTest:
    return new_app()


def _messages(at: AppTest) -> list[str]:
    """Every piece of text on the page that Streamlit renders as Markdown."""
    out = [e.value for kind in ("markdown", "caption", "error", "warning", "info", "success", "title",
                                "subheader") for e in getattr(at, kind)]
    out += [e.label for e in at.expander]
    out += [link.proto.label for link in at.get("page_link")]
    return [str(x) for x in out]


def _raw(texts: list[str]) -> list[str]:
    return [t for t in texts for piece in RAW if piece in t]


# -- upload names ------------------------------------------------------------------------------------------
def test_bad_upload_names_fail_alone_and_the_rest_of_the_batch_lands(tmp_path, monkeypatch):
    store = tmp_path / "store"
    store.mkdir()
    app_env(monkeypatch, store)
    long_name = "plan-" + "x" * 300 + ".txt"
    uploads = [("..", PLAN.encode(), "text/plain"),
               (long_name, PLAN.encode(), "text/plain"),
               ("../../etc/plan2.txt", REPORT_PLAN.encode(), "text/plain"),
               (".", b"anything", "text/plain"),
               ("tab\tand\x1bescape.txt", b"   ", "text/plain")]
    at = _app().run()
    at.switch_page("views/ingest.py").run()
    at.file_uploader(key="in_files").set_value(uploads).run()
    at.button(key="in_read").click().run()
    assert not at.exception, [e.value for e in at.exception]
    report = next(df.value for df in at.dataframe if {"file", "error"} <= set(df.value.columns))
    files, errors = list(report["file"]), list(report["error"])
    assert len(files) == len(uploads)
    assert files[0] == ".." and "'..': not a usable file name; rename the file and upload it again" in errors[0]
    assert files[1].startswith("plan-xxx") and files[1].endswith(".txt") and len(files[1].encode()) == 255
    assert "its name was shortened to fit the file system" in errors[1]
    assert files[2] == "plan2.txt" and not errors[2]
    assert files[3] == "." and "not a usable file name" in errors[3]
    assert files[4] == "tabandescape.txt" and "empty file" in errors[4]
    at.button(key="in_add").click().run()
    assert not at.exception
    names = sorted(e["file_name"] for e in Store(store).manifest().values())
    assert names == sorted([files[1], "plan2.txt"])


def test_upload_names_are_plain_file_names():
    from reviewgraph.app.web.uploads import save_upload, upload_name

    for raw in ["..", ".", "", "   ", "dir/", "a/..", "\x00", "\u202e"]:
        with pytest.raises(ValueError, match="not a usable file name"):
            upload_name(raw)
    assert upload_name("C:\\Users\\x\\plan.docx") == ("plan.docx", None)
    assert upload_name("evil\u202etxt.exe") == ("eviltxt.exe", None)
    assert upload_name("nul\x00byte.txt") == ("nulbyte.txt", None)
    name, note = upload_name("é" * 200 + ".xlsx")  # two bytes a character: cut on a character's edge
    assert len(name.encode()) <= 255 and name.endswith(".xlsx") and note and name.encode().decode() == name
    with tempfile.TemporaryDirectory() as tmp:
        a = save_upload(Path(tmp), 0, "plan.txt", b"one")
        b = save_upload(Path(tmp), 1, "plan.txt", b"two")
        assert a != b and a.read_bytes() == b"one" and b.read_bytes() == b"two"


# -- the component's files ------------------------------------------------------------------------------------
def test_the_component_is_served_from_a_private_folder_made_for_the_process(monkeypatch):
    import reviewgraph.app.web.network_component as nc

    monkeypatch.setattr(nc, "_DECLARED", {})
    # what another local user could plant under the name the app used to build and reuse
    planted = Path(tempfile.gettempdir()) / "reviewgraph-network-planted"
    planted.mkdir(exist_ok=True)
    (planted / "index.html").write_text("<script>window.__pwned=1</script>", encoding="utf-8")
    try:
        folder = nc.component_dir()
        info = os.lstat(folder)
        assert stat.S_ISDIR(info.st_mode) and stat.S_IMODE(info.st_mode) == 0o700
        assert info.st_uid == os.getuid() and folder != planted
        assert folder.parent == Path(tempfile.gettempdir()) and folder.name.startswith("reviewgraph-network-")
        assert "__pwned" not in (folder / "index.html").read_text(encoding="utf-8")
        assert {"index.html", "vis-network.min.js", "netview.js"} <= {p.name for p in folder.iterdir()}
        assert nc.component_dir() == folder  # made once per process
        # opened to others, or removed by a temporary-file cleaner: a new private folder, never the old name
        folder.chmod(0o777)
        again = nc.component_dir()
        assert again != folder and stat.S_IMODE(os.lstat(again).st_mode) == 0o700
        for made in (folder, again):
            for p in made.iterdir():
                p.unlink()
            made.rmdir()
        third = nc.component_dir()
        assert third not in (folder, again) and (third / "index.html").is_file()
    finally:
        for p in planted.iterdir():
            p.unlink()
        planted.rmdir()


# -- document text in messages ------------------------------------------------------------------------------
def _markdown_graph():
    g = make_graph()
    for node_id, node in list(g.nodes.items()):
        update = {f: f"{getattr(node, f)} {MD_PAYLOAD}" for f in FIELDS
                  if isinstance(getattr(node, f, None), str) and getattr(node, f)}
        if update:
            g.nodes[node_id] = node.model_copy(update=update)
    return g


@pytest.mark.parametrize("page, pick", [
    ("views/overview.py", None), ("views/explorer.py", ("ex_pick", "rec:northby/dhr-1/1")),
    ("views/review.py", None), ("views/agency.py", ("ag_pick", "agency:northby-crc")),
    ("views/themes.py", ("th_pick", "theme:marac")),
])
def test_document_text_reaches_no_message_as_markdown(tmp_path, monkeypatch, page, pick):
    app_env(monkeypatch, write_store(tmp_path / "store", _markdown_graph()))
    at = _app().run()
    if page != "views/overview.py":
        at.switch_page(page).run()
    if page == "views/explorer.py":  # the whole store (the explorer starts on one review)
        at.radio(key="ex_mode").set_value("filters").run()
    if pick:
        at.selectbox(key=pick[0]).select(pick[1]).run()
    assert not at.exception, [e.value for e in at.exception]
    texts = _messages(at)
    if page != "views/overview.py":  # the overview shows counts and charts only
        assert any("attacker" in t for t in texts), "the payload is shown (escaped), not dropped"
    assert not _raw(texts), _raw(texts)


def test_an_error_carrying_document_text_is_escaped(tmp_path, monkeypatch):
    import reviewgraph.queries.browse
    from reviewgraph import queries

    app_env(monkeypatch, write_store(tmp_path / "store"))

    def broken(*_args, **_kwargs):
        raise RuntimeError(f"no review called {MD_PAYLOAD}")

    monkeypatch.setattr(queries.browse, "counts", broken)
    at = _app().run()
    errors = [e.value for e in at.error]
    assert any("could not be shown" in e and "attacker" in e for e in errors) and not _raw(errors), errors


def test_an_uploaded_file_name_is_escaped_in_messages(tmp_path, monkeypatch):
    store = tmp_path / "store"
    store.mkdir()
    app_env(monkeypatch, store)
    name = "[click](https://attacker.example) :red[ALERT].txt"
    at = _app().run()
    at.switch_page("views/ingest.py").run()
    # null bytes in a cell: a warning naming the file, in an expander titled with its name
    at.file_uploader(key="in_files").set_value([(name, PLAN.replace("Audit", "Au\x00dit").encode(),
                                                 "text/plain")]).run()
    at.button(key="in_read").click().run()
    assert not at.exception
    assert any("attacker" in e.label for e in at.expander), "the file's expander is there"
    assert not _raw(_messages(at)), _raw(_messages(at))


# -- the store speaks --------------------------------------------------------------------------------------
def test_a_graph_json_changed_by_hand_is_rebuilt_and_the_app_says_so(tmp_path, monkeypatch):
    (tmp_path / "plan.txt").write_text(PLAN, encoding="utf-8")
    db = tmp_path / "db"
    ingest_into(Store(db), [tmp_path / "plan.txt"])
    (db / "graph.json").write_text('{"nodes":[],"links":[]}', encoding="utf-8")
    app_env(monkeypatch, db)
    at = _app().run()
    assert not at.exception
    assert {m.label: m.value for m in at.metric}["Recommendations"] == "2"
    assert any("changed after it was written" in w.value for w in at.warning)


def test_a_second_ingest_in_the_app_says_it_waits_for_the_first(tmp_path, monkeypatch):
    db = tmp_path / "db"
    db.mkdir()
    app_env(monkeypatch, db)
    at = _app().run()
    at.switch_page("views/ingest.py").run()
    at.file_uploader(key="in_files").set_value([("plan.txt", PLAN.encode(), "text/plain")]).run()
    at.button(key="in_read").click().run()
    with held_until_waited_on(db):
        at.button(key="in_add").click().run()
    assert not at.exception
    assert any("Waited" in c.value and "another ingest" in c.value for c in at.caption), \
        [c.value for c in at.caption]
    assert len(Store(db).manifest()) == 1 and any("Added 1 documents" in s.value for s in at.success)


def test_a_workbench_error_quoting_the_query_is_escaped(tmp_path, monkeypatch):
    # LadybugDB's parser error quotes the whole query, text from a document pasted in included
    engine, text = "cypher", f"MATCH (n:Review) WHERE n.title = '{MD_PAYLOAD}' RETURN n LIMIT"
    app_env(monkeypatch, write_store(tmp_path / "store"))
    at = _app().run()
    at.switch_page("views/workbench.py").run()
    at.selectbox(key="wb_engine_adhoc").set_value(engine).run()
    at.text_area(key=f"wb_text_{engine}").input(text).run()
    at.button(key="wb_run_adhoc").click().run()
    assert not at.exception
    errors = [e.value for e in at.error]
    assert any("attacker" in e for e in errors) and not _raw(errors), errors
