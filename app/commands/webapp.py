"""``reviewgraph app``: launch the Streamlit app over a store (the demo corpus when the store is empty)."""

from __future__ import annotations

import os
import subprocess
import sys
from importlib import resources
from pathlib import Path

import typer

from graph.store import Store, default_db_path

__all__ = ["ensure_demo", "register", "streamlit_command"]


def main_script() -> Path:
    return Path(str(resources.files("app.web") / "main.py"))


def streamlit_command(port: int, address: str = "127.0.0.1") -> list[str]:
    """The command line that runs the app headless on ``address:port`` (no telemetry, no file watcher)."""
    return [sys.executable, "-m", "streamlit", "run", str(main_script()),
            "--server.headless", "true", "--server.port", str(port), "--server.address", address,
            "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
            "--server.runOnSave", "false", "--global.developmentMode", "false",
            "--client.toolbarMode", "minimal", "--client.showErrorDetails", "type", "--theme.base", "light",
            # the tables' own CSV download and copy write cells raw (a spreadsheet runs "=..."): the app's
            # downloads go through the project's CSV writer instead (graph.exports.csvtext)
            "--client.disableDataExport", "true"]


def ensure_demo(store: Store) -> str:
    """Ingest the shipped demo corpus into an empty store; returns what was done, in one line."""
    if not store.is_empty():
        return f"store {store.path}: {len(store.manifest())} documents"
    from ingest.pipeline import ingest_into
    from ingest.synthetic import demo_paths

    paths = demo_paths()
    if not paths:
        return f"store {store.path} is empty and no demo corpus is installed: ingest documents first"
    results = ingest_into(store, paths)
    failed = [r for r in results if not r.ok]
    return (f"store {store.path} was empty: loaded the synthetic demo corpus ({len(store.manifest())} documents"
            + (f", {len(failed)} unreadable" if failed else "") + ")")


def register(app: typer.Typer) -> None:
    @app.command("app")
    def run_app(
        port: int = typer.Option(8501, "--port", "-p", help="Port to serve on."),
        db: Path | None = typer.Option(None, "--db", help="Store directory (default: $REVIEWGRAPH_DB or "
                                                             "~/.local/share/reviewgraph)."),
        address: str = typer.Option("127.0.0.1", "--address",
                                    help="Address to listen on (0.0.0.0 to share on a network: set up a "
                                         "login first, see docs/app.md)."),
        demo: bool = typer.Option(True, "--demo/--no-demo", help="Load the demo corpus when the store is empty."),
        redact: bool = typer.Option(False, "--redact", help="Redact named individuals on every page and download "
                                                           "(the switch is then locked on)."),
        redact_names: Path | None = typer.Option(None, "--redact-names", help="File of further names to "
                                                    "redact, one a line (besides the reviews' pseudonyms)."),
        auth: Path | None = typer.Option(None, "--auth", envvar="REVIEWGRAPH_AUTH_FILE",
                                         help="Users file (TOML) that turns the login on (see docs/app.md)."),
    ) -> None:
        """Launch the web app (Streamlit) over the store; open http://ADDRESS:PORT in a browser."""
        store = Store(db if db is not None else default_db_path())
        if demo:
            typer.echo(f"reviewgraph: {ensure_demo(store)}", err=True)
        env = dict(os.environ)
        env["REVIEWGRAPH_DB"] = str(store.path)
        if redact:
            env["REVIEWGRAPH_REDACT"] = "1"
        if redact_names is not None:
            if not redact_names.is_file():
                raise typer.BadParameter(f"{redact_names}: no such file (one name a line)")
            env["REVIEWGRAPH_REDACT_NAMES"] = str(redact_names.resolve())
        if auth is not None:
            from app.commands.auth import check_users_file

            check_users_file(auth)  # one clear line now rather than a locked app later
            env["REVIEWGRAPH_AUTH_FILE"] = str(auth.resolve())
        elif address not in ("127.0.0.1", "localhost", "::1"):
            typer.echo(f"reviewgraph: warning: serving on {address} with no login: anyone who can reach "
                       "this port sees the documents; use --auth FILE (see docs/app.md)", err=True)
        root = str(Path(__file__).resolve().parents[2])
        env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
        typer.echo(f"reviewgraph: serving on http://{address}:{port} (Ctrl-C to stop)", err=True)
        cmd = streamlit_command(port, address)
        sys.stdout.flush()
        sys.stderr.flush()
        if os.name == "posix":  # become the server: signals reach it, no orphan is left behind
            os.execve(cmd[0], cmd, env)
        try:
            code = subprocess.call(cmd, env=env)
        except KeyboardInterrupt:
            code = 0
        raise typer.Exit(code)
