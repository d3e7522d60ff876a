"""``reviewgraph app`` as a user starts it: a real Streamlit server on a free port."""

from __future__ import annotations

import urllib.request

import pytest

from graph.store import Store
from tests.webapp_support import served_app

pytestmark = pytest.mark.server


def test_app_on_an_empty_store_loads_the_demo_and_answers_health(tmp_path):
    store = tmp_path / "store"
    with served_app(store, tmp_path / "app.log", demo=True) as url:
        with urllib.request.urlopen(url + "/_stcore/health", timeout=10) as resp:
            assert resp.read().strip() == b"ok"
        with urllib.request.urlopen(url + "/", timeout=10) as resp:
            assert b"<title>" in resp.read().lower() or resp.status == 200
    graph = Store(store).graph()
    assert graph.counts().get("Review", 0) >= 5
    assert "demo corpus" in (tmp_path / "app.log").read_text()
