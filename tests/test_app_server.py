"""``reviewgraph app`` as a user starts it: a real Streamlit server on a free port."""

from __future__ import annotations

import urllib.request

import pytest

from reviewgraph.graph.store import Store
from tests.webapp_support import served_app

pytestmark = pytest.mark.server


def test_app_on_an_empty_store_writes_nothing_and_answers_health(tmp_path):
    store = tmp_path / "store"
    store.mkdir()
    with served_app(store, tmp_path / "app.log", extra_env={"REVIEWGRAPH_DEMO_DB": str(tmp_path / "demo")}) as url:
        with urllib.request.urlopen(url + "/_stcore/health", timeout=10) as resp:
            assert resp.read().strip() == b"ok"
        with urllib.request.urlopen(url + "/", timeout=10) as resp:
            assert b"<title>" in resp.read().lower() or resp.status == 200
    assert list(store.iterdir()) == []  # the demo only ever lives in a store of its own
    assert not (tmp_path / "demo").exists()


def test_app_demo_fills_its_own_store(tmp_path):
    store = tmp_path / "demo"
    with served_app(store, tmp_path / "app.log", demo=True) as url:
        with urllib.request.urlopen(url + "/_stcore/health", timeout=10) as resp:
            assert resp.read().strip() == b"ok"
    graph = Store(store).graph()
    assert graph.counts().get("Review", 0) >= 5
    assert "demo corpus" in (tmp_path / "app.log").read_text()


def test_app_demo_refuses_a_store_of_documents_and_a_busy_port(tmp_path):
    import socket
    import subprocess
    import sys

    from tests.webapp_support import ROOT, free_port, write_store

    store = write_store(tmp_path / "documents")
    env = {**__import__("os").environ, "PYTHONPATH": str(ROOT)}
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        taken = subprocess.run([sys.executable, "-m", "reviewgraph.app.cli", "app", "--port", str(port), "--db", str(store)],
                               cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert taken.returncode == 1
    assert f"port {port}" in taken.stderr and "--port" in taken.stderr and "serving on" not in taken.stderr
    (store / "manifest.json").write_text('{"abc": {"file_name": "minutes.docx"}}')
    before = sorted(p.name for p in store.rglob("*"))
    mixed = subprocess.run([sys.executable, "-m", "reviewgraph.app.cli", "app", "--demo", "--db", str(store), "--port",
                            str(free_port())], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert mixed.returncode == 1 and "store of its own" in mixed.stderr
    assert sorted(p.name for p in store.rglob("*")) == before


def test_workbench_queries_a_configured_sparql_endpoint(tmp_path, monkeypatch):
    """The workbench's endpoint engine against a real Oxigraph server (``reviewgraph serve sparql``)."""
    import os
    import signal
    import subprocess
    import sys

    from reviewgraph.graph.sinks.sparql_endpoint import free_port, wait_ready
    from tests.webapp_support import ROOT, open_app, write_store

    store = write_store(tmp_path / "store")
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "reviewgraph.app.cli", "serve", "sparql", "--db", str(store), "--port",
                             str(port)], env={**os.environ, "PYTHONPATH": str(ROOT)},
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        proc.stdout.readline()
        wait_ready(url, proc, timeout=60)
        at = open_app(monkeypatch, store, "views/workbench.py", REVIEWGRAPH_SPARQL_ENDPOINT=url)
        at.selectbox(key="wb_engine").set_value("endpoint").run()
        at.selectbox(key="wb_query").set_value("review_plan").run()
        at.text_input(key="wb_p_review_plan_review").input("Ada").run()
        at.toggle(key="wb_codes").set_value(True).run()  # the rows as returned, ids and all
        at.button(key="wb_run").click().run()
        assert not at.exception and not at.error, [e.value for e in at.error]
        rows = next(df.value for df in at.dataframe if "review_id" in df.value.columns)
        assert set(rows["review_id"]) == {"review:northby/dhr-1"}
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(20)
