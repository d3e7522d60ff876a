"""Errors for people: every command's failures are one line on stderr (what, which file, what to do), with
no traceback unless ``--debug`` is given. Each command is run through :func:`reviewgraph.app.cli.main` (what the
``reviewgraph`` script runs) with an input that makes it fail; a new command without a case here fails
:func:`test_every_command_has_a_failure_case`.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
import typer.main

from reviewgraph.app.cli import cli, main
from tests.seeds import ROOT


@pytest.fixture(scope="module")
def bad(tmp_path_factory):
    base = tmp_path_factory.mktemp("errors")
    damaged = base / "damaged"
    damaged.mkdir()
    (damaged / "manifest.json").write_text('{"abc":', encoding="utf-8")
    (base / "a-file").write_text("not a folder", encoding="utf-8")
    (base / "graph-only").mkdir()
    (base / "graph-only" / "graph.json").write_text("{ truncated", encoding="utf-8")
    (base / "bad.toml").write_text("[users.x\n", encoding="utf-8")
    return base


def cases(b):  # command -> (arguments, words the one line must hold)
    return {
        "themes": (["themes", "--db", f"{b}/damaged"], "manifest.json: damaged"),
        "gaps": (["gaps", "--as-of", "31/02/2021", "--db", f"{b}/damaged"], "--as-of"),
        "recurrence": (["recurrence", "--db", f"{b}/graph-only"], "graph.json: damaged"),
        "export": (["export", "--format", "docx", "--out", f"{b}/x.docx", "--db", f"{b}/empty"],
                   "unknown export format 'docx'"),
        "ingest": (["ingest", f"{b}/nowhere.txt", "--db", f"{b}/a-file"], "a-file"),
        "stats": (["stats", "--db", f"{b}/damaged"], "manifest.json: damaged"),
        "synth": (["synth", "-n", "0", "--out", f"{b}/s"], "--reviews"),
        "app": (["app", "--no-demo", "--db", f"{b}/db", "--auth", f"{b}/bad.toml"], "bad.toml: not valid TOML"),
        "agencies resolve": (["agencies", "resolve"], "Missing argument"),
        "agencies list": (["agencies", "list", "--sector"], "--sector"),
        "agencies mentions": (["agencies", "mentions", f"{b}/nowhere.txt"], "nowhere.txt"),
        "auth hash-password": (["auth", "hash-password", "--password", "short"], "at least 10"),
        "auth check": (["auth", "check", f"{b}/bad.toml"], "bad.toml"),
        "push sparql": (["push", "sparql", "--db", f"{b}/damaged"], "--endpoint"),
        "push neo4j": (["push", "neo4j", "--uri", "bolt://127.0.0.1:9", "--password", "x", "--db",
                        f"{b}/damaged"], "manifest.json: damaged"),
        "query list": (["query", "list", "--engine", "x"], "No such option"),
        "query show": (["query", "show", "no_such_query"], "no_such_query"),
        "query run": (["query", "run", "actions_open_as_of", "--param", "as_of=soon", "--db", f"{b}/damaged"],
                      "as_of"),
        "serve sparql": (["serve", "sparql", "--port", "eighty", "--db", f"{b}/damaged"], "--port"),
        "report": (["report", "--as-of", "2024-06-30", "--out", f"{b}/board.pdf", "--db", f"{b}/damaged"],
                   "manifest.json: damaged"),
    }


def _commands() -> list[str]:
    out = []

    def walk(cmd, path):  # type: ignore[no-untyped-def]
        subs = getattr(cmd, "commands", None)
        if subs:
            for name, sub in subs.items():
                walk(sub, [*path, name])
        else:
            out.append(" ".join(path))

    walk(typer.main.get_command(cli), [])
    return out


def test_every_command_has_a_failure_case(tmp_path):
    assert set(_commands()) <= set(cases(tmp_path)), set(_commands()) - set(cases(tmp_path))


@pytest.mark.parametrize("command", sorted(cases("B")))
def test_a_failing_command_says_one_line(command, bad, monkeypatch, capsys):
    args, words = cases(bad)[command]
    monkeypatch.setattr(sys, "argv", ["reviewgraph", *args])
    with pytest.raises(SystemExit) as exit_info:
        main()
    assert exit_info.value.code not in (0, None)
    err = capsys.readouterr().err
    lines = [ln for ln in err.splitlines() if ln.strip() and not ln.startswith("reviewgraph: warning")]
    assert "Traceback" not in err
    assert len(lines) == 1, err
    assert lines[0].startswith("reviewgraph: error: "), lines[0]
    assert words in lines[0], lines[0]


def test_debug_shows_the_traceback(bad):
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
    plain = subprocess.run([sys.executable, "-m", "reviewgraph.app.cli", "stats", "--db", f"{bad}/damaged"],
                           capture_output=True, text=True, env=env, timeout=120)
    debug = subprocess.run([sys.executable, "-m", "reviewgraph.app.cli", "--debug", "stats", "--db", f"{bad}/damaged"],
                           capture_output=True, text=True, env=env, timeout=120)
    assert plain.returncode == 1 and "Traceback" not in plain.stderr and "--debug" in plain.stderr
    assert debug.returncode != 0 and "Traceback" in debug.stderr and "StoreError" in debug.stderr


def test_a_damaged_graph_json_is_rebuilt_from_the_documents(tmp_path):
    from reviewgraph.graph.store import Store
    from reviewgraph.synth.corpus import demo_paths

    db = tmp_path / "db"
    plan = next(p for p in demo_paths() if p.name.endswith("action-plan.txt"))
    from reviewgraph.ingest.pipeline import ingest_into

    ingest_into(Store(db), [plan])
    good = (db / "graph.json").read_text(encoding="utf-8")
    (db / "graph.json").write_text(good[: len(good) // 2], encoding="utf-8")
    assert Store(db).graph().counts()["Recommendation"] > 0
    assert json.loads((db / "graph.json").read_text(encoding="utf-8")) == json.loads(good)
