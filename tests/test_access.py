"""Access: the app's optional login, tested with Streamlit's AppTest (the real script runner), and the
``reviewgraph auth`` and ``reviewgraph app --auth`` commands. The app's own test covers signing in;
these cover what a shared deployment relies on: every page locked before sign-in, a broken users file
locking the app rather than opening it, no user-name enumeration, and lockout after repeated failures.
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest
from typer.testing import CliRunner

from reviewgraph.app.cli import cli
from tests.webapp_support import app_env, new_app, write_store

PAGES = ["views/overview.py", "views/explorer.py", "views/review.py", "views/agency.py", "views/themes.py",
         "views/gaps.py", "views/workbench.py", "views/ingest.py"]
runner = CliRunner()


@pytest.fixture(autouse=True)
def _fresh_failures():
    from reviewgraph.app.web import auth

    auth._FAILURES.clear()
    yield
    auth._FAILURES.clear()


@pytest.fixture()
def users(tmp_path, monkeypatch):
    from reviewgraph.app.web.auth import hash_password

    store = write_store(tmp_path / "store")
    path = tmp_path / "users.toml"
    path.write_text(f'[users.chair]\nname = "Board chair"\nhash = "{hash_password("correct horse", iterations=1000)}"\n',
                    encoding="utf-8")
    app_env(monkeypatch, store, REVIEWGRAPH_AUTH_FILE=str(path))
    return path


def _app() -> AppTest:
    return new_app()


def _content(at: AppTest) -> int:
    """How much of the app's content is on the page (metrics, tables, charts' captions, page titles)."""
    return len(at.metric) + len(at.dataframe) + len([t for t in at.title if t.value != "reviewgraph"])


def _sign_in(at: AppTest, user: str, password: str) -> AppTest:
    at.text_input(key="rg_login_user").input(user)
    at.text_input(key="rg_login_password").input(password)
    return at.button[0].click().run()


def test_every_page_is_locked_before_sign_in(users):
    at = _app().run()
    assert not at.exception
    assert _content(at) == 0
    for page in PAGES[1:]:
        at.switch_page(page).run()
        assert not at.exception
        assert _content(at) == 0, f"{page} shows content before sign-in"
        assert at.text_input(key="rg_login_user") is not None


def test_signed_in_then_signed_out(users):
    at = _sign_in(_app().run(), "chair", "correct horse")
    assert {m.label for m in at.metric} >= {"Reviews"}
    assert any("Signed in as Board chair" in c.value for c in at.sidebar.caption)
    at.sidebar.button(key="rg_signout").click().run()
    assert _content(at) == 0


@pytest.mark.parametrize("content", ["[users.chair\nname = 'x'", "", "[users.chair]\nname = 'no hash'\n"])
def test_a_broken_users_file_keeps_the_app_locked(users, content):
    users.write_text(content, encoding="utf-8")
    at = _app().run()
    assert not at.exception
    assert _content(at) == 0
    if at.text_input:  # a file that parses but gives no usable hash: nobody can sign in
        at = _sign_in(at, "chair", "")
        assert _content(at) == 0


def test_a_missing_users_file_keeps_the_app_locked(users):
    users.unlink()
    at = _app().run()
    assert _content(at) == 0
    assert any("stays locked" in e.value for e in at.error)


def test_unknown_user_and_wrong_password_look_the_same(users):
    wrong_user = _sign_in(_app().run(), "nobody", "correct horse")
    wrong_pass = _sign_in(_app().run(), "chair", "not it")
    assert [e.value for e in wrong_user.error] == [e.value for e in wrong_pass.error] != []


def test_five_failures_lock_the_user_name(users):
    from reviewgraph.app.web import auth

    at = _app().run()
    for _ in range(auth.MAX_FAILURES):
        at = _sign_in(at, "chair", "guess")
    at = _sign_in(at, "chair", "correct horse")
    assert _content(at) == 0
    assert any("Too many failed sign-ins" in e.value for e in at.error)
    auth._FAILURES.clear()
    at = _sign_in(_app().run(), "chair", "correct horse")
    assert {m.label for m in at.metric} >= {"Reviews"}


def test_auth_check_and_hash_password(tmp_path):
    from reviewgraph.app.web.auth import verify_password

    res = runner.invoke(cli, ["auth", "hash-password", "--password", "short"])
    assert res.exit_code != 0 and "at least 10" in res.output
    res = runner.invoke(cli, ["auth", "hash-password", "--password", "a long pass phrase"])
    assert res.exit_code == 0
    hashed = res.stdout.strip()
    assert verify_password("a long pass phrase", hashed) and not verify_password("another", hashed)
    good = tmp_path / "users.toml"
    good.write_text(f'[users.chair]\nhash = "{hashed}"\n', encoding="utf-8")
    res = runner.invoke(cli, ["auth", "check", str(good)])
    assert res.exit_code == 0 and "1 users (chair)" in res.output
    weak = tmp_path / "weak.toml"
    weak.write_text('[users.chair]\nhash = "pbkdf2_sha256$1000$00$00"\n', encoding="utf-8")
    res = runner.invoke(cli, ["auth", "check", str(weak)])
    assert isinstance(res.exception, ValueError) and "rounds" in str(res.exception)


def test_app_refuses_a_bad_users_file_in_one_line(tmp_path):
    import subprocess
    import sys

    from tests.seeds import ROOT

    proc = subprocess.run([sys.executable, "-m", "reviewgraph.app.cli", "app", "--no-demo", "--db", str(tmp_path / "db"),
                           "--auth", str(tmp_path / "missing.toml")], capture_output=True, text=True,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}, timeout=120)
    assert proc.returncode == 1
    lines = proc.stderr.strip().splitlines()
    assert lines[-1].startswith("reviewgraph: error: ") and "missing.toml: no such users file" in lines[-1]
    assert "Traceback" not in proc.stderr
