"""Helpers for the app and export tests: synthetic stores, hostile text, the app in AppTest, a served app."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from reviewgraph.graph.graphdata import ReviewGraph
from reviewgraph.graph.model import Action, Recommendation
from tests.synthetic_graph import make_graph

if TYPE_CHECKING:
    from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]
MAIN = ROOT / "app" / "web" / "main.py"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]

IMG_PAYLOAD = '<img src=x onerror="window.__pwned=1">'
SCRIPT_PAYLOAD = "<script>window.__pwned=2</script>"
HOSTILE_REC = "rec:northby/dhr-1/99"


def hostile_graph() -> ReviewGraph:
    """The synthetic graph plus a recommendation and an action whose text is script payloads."""
    g = make_graph()
    review, doc = "review:northby/dhr-1", "doc:aaaa000000000001"
    rec = Recommendation(id=HOSTILE_REC, review=review, number=IMG_PAYLOAD, text=f"{IMG_PAYLOAD} {SCRIPT_PAYLOAD}",
                         owner=SCRIPT_PAYLOAD, ordinal=99, doc=doc, line_start=30, line_end=31)
    g.add_node(rec)
    g.link(review, "MADE", rec.id, rec)
    g.link(rec.id, "ADDRESSED_TO", "agency:northby-police", rec)
    act = Action(id="action:northby/dhr-1/99/1", review=review, recommendation=rec.id, text=SCRIPT_PAYLOAD,
                 lead=IMG_PAYLOAD, progress=f"{SCRIPT_PAYLOAD}</script><script>window.__pwned=3</script>",
                 status="in_progress", doc=doc, line_start=32, line_end=32)
    g.add_node(act)
    g.link(rec.id, "HAS_ACTION", act.id, act)
    return g


def write_store(path: Path, graph: ReviewGraph | None = None) -> Path:
    """A store directory holding ``graph`` (default: the synthetic graph) as its ``graph.json``."""
    path.mkdir(parents=True, exist_ok=True)
    (path / "graph.json").write_text((graph if graph is not None else make_graph()).to_json(), encoding="utf-8")
    return path


def app_env(monkeypatch: pytest.MonkeyPatch, store: Path | str, **env: str) -> None:
    """The app's environment for a test: the store ``store``, no login and no forced redaction unless ``env``
    (``REVIEWGRAPH_REDACT="1"``, ...) sets them."""
    monkeypatch.setenv("REVIEWGRAPH_DB", str(store))
    for name in ("REVIEWGRAPH_AUTH_FILE", "REVIEWGRAPH_REDACT"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)


def new_app(timeout: float = 60) -> AppTest:
    """The app's entry point in Streamlit's AppTest (the real script runner), not yet run."""
    from streamlit.testing.v1 import AppTest

    return AppTest.from_file(str(MAIN), default_timeout=timeout)


def open_app(monkeypatch: pytest.MonkeyPatch, store: Path | str, page: str | None = None, *,
             timeout: float = 60, **env: str) -> AppTest:
    """The app over ``store`` (see :func:`app_env` for ``env``), run, then on ``page`` ("views/gaps.py") when
    one is given."""
    app_env(monkeypatch, store, **env)
    at = new_app(timeout).run()
    if page is not None:
        at.switch_page(page).run()
    return at


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def served_app(store: Path, log: Path, demo: bool = False, extra_env: dict[str, str] | None = None) -> Iterator[str]:
    """Run ``reviewgraph app`` on a free port over ``store`` (``demo``: the demo corpus, with ``store`` as its
    own store); yields the base URL once healthy."""
    port = free_port()
    env = {**os.environ, "REVIEWGRAPH_DB": str(store), "PYTHONPATH": str(ROOT), **(extra_env or {})}
    env.pop("REVIEWGRAPH_AUTH_FILE", None)
    with open(log, "w") as fh:
        proc = subprocess.Popen([sys.executable, "-m", "reviewgraph.app.cli", "app", "--port", str(port),
                                 *(["--demo", "--db", str(store)] if demo else [])],
                                cwd=ROOT, env=env, stdout=fh, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as resp:
                    if resp.read().strip() == b"ok":
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the app did not start: {log.read_text()[-2000:]}")
            time.sleep(0.3)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@contextlib.contextmanager
def chromium_browser() -> Iterator:
    """Debian's chromium, headless, driven by Playwright (never Playwright's own browser download)."""
    from playwright import sync_api

    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
