"""``reviewgraph app``: launch the Streamlit app over a store, or (``--demo``) over the demo corpus in a store
of its own. The app never writes the demo into a store of documents: an empty store stays empty and the app
offers to read documents or to open the demo."""

from __future__ import annotations

import errno
import hashlib
import os
import socket
import subprocess
import sys
from importlib import resources
from pathlib import Path

import typer

from reviewgraph.app.commands import Command
from reviewgraph.graph.store import Store, default_db_path

__all__ = ["COMMAND", "demo_store_path", "ensure_demo", "port_free", "register", "streamlit_command"]


def main_script() -> Path:
    return Path(str(resources.files("reviewgraph.app.web") / "main.py"))


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


def demo_store_path() -> Path:
    """Where the demo corpus lives: ``REVIEWGRAPH_DEMO_DB``, else ``reviewgraph-demo`` beside the default
    store (``~/.local/share/reviewgraph-demo``): never the store of your documents."""
    env = os.environ.get("REVIEWGRAPH_DEMO_DB")
    return Path(env) if env else default_db_path().parent / "reviewgraph-demo"


def _demo_hashes() -> dict[str, Path]:
    from reviewgraph.synth.corpus import demo_paths

    return {hashlib.sha256(p.read_bytes()).hexdigest(): p for p in demo_paths()}


def ensure_demo(store: Store) -> str:
    """Fill ``store`` with the shipped demo corpus when it is empty; returns what was done, in one line.

    A store that already holds other documents is refused (``ValueError``): the demo only ever lives in a
    store of its own, so a later ingest of real documents never counts invented reviews among them."""
    demo = _demo_hashes()
    held = store.manifest()
    if held:
        others = [v.get("file_name", k) for k, v in held.items() if k not in demo]
        if others:
            raise ValueError(f"{store.path} holds other documents ({others[0]}...): the demo needs a store of "
                             f"its own; leave out --db, or give an empty folder")
        return f"demo store {store.path}: {len(held)} documents"
    if not demo:
        return f"store {store.path} is empty and no demo corpus is installed: ingest documents first"
    from reviewgraph.ingest.pipeline import ingest_into

    results = ingest_into(store, sorted(demo.values()))
    failed = [r for r in results if not r.ok]
    return (f"demo store {store.path}: loaded the synthetic demo corpus ({len(store.manifest())} documents"
            + (f", {len(failed)} unreadable" if failed else "") + ")")


def port_free(address: str, port: int) -> bool:
    """Whether nothing listens on ``address:port`` yet (Streamlit would otherwise print that it is serving,
    then that the port is not available)."""
    family = socket.AF_INET6 if ":" in address else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((address, port))
        except OSError as exc:
            if exc.errno in (errno.EADDRINUSE, errno.EACCES):
                return False
            raise
    return True


def register(app: typer.Typer) -> None:
    @app.command("app")
    def run_app(
        port: int = typer.Option(8501, "--port", "-p", help="Port to serve on."),
        db: Path | None = typer.Option(None, "--db", help="Store directory (default: $REVIEWGRAPH_DB or "
                                                             "~/.local/share/reviewgraph)."),
        address: str = typer.Option("127.0.0.1", "--address",
                                    help="Address to listen on (0.0.0.0 to share on a network: set up a "
                                         "login first, see docs/app.md)."),
        demo: bool = typer.Option(False, "--demo/--no-demo",
                                  help="Show the synthetic demo corpus, from a store of its own (--db, else "
                                       "$REVIEWGRAPH_DEMO_DB or ~/.local/share/reviewgraph-demo)."),
        redact: bool = typer.Option(False, "--redact", help="Redact named individuals on every page and download "
                                                           "(the switch is then locked on)."),
        redact_names: Path | None = typer.Option(None, "--redact-names", help="File of further names to "
                                                    "redact, one a line (besides the reviews' pseudonyms)."),
        auth: Path | None = typer.Option(None, "--auth", envvar="REVIEWGRAPH_AUTH_FILE",
                                         help="Users file (TOML) that turns the login on (see docs/app.md)."),
    ) -> None:
        """Launch the web app (Streamlit) over the store; open http://ADDRESS:PORT in a browser."""
        if not port_free(address, port):
            typer.echo(f"reviewgraph: port {port} on {address} is busy (another app, or another reviewgraph, is "
                       f"serving there): choose another with --port, e.g. --port {port + 1}", err=True)
            raise typer.Exit(1)
        if demo:
            store = Store(db if db is not None else demo_store_path())
            try:
                typer.echo(f"reviewgraph: {ensure_demo(store)}", err=True)
            except ValueError as exc:
                typer.echo(f"reviewgraph: {exc}", err=True)
                raise typer.Exit(1) from None
        else:
            store = Store(db if db is not None else default_db_path())  # read only: nothing written here
        env = dict(os.environ)
        env["REVIEWGRAPH_DB"] = str(store.path)
        env["REVIEWGRAPH_DEMO_DB"] = str(store.path if demo else demo_store_path())
        if redact:
            env["REVIEWGRAPH_REDACT"] = "1"
        if redact_names is not None:
            if not redact_names.is_file():
                raise typer.BadParameter(f"{redact_names}: no such file (one name a line)")
            env["REVIEWGRAPH_REDACT_NAMES"] = str(redact_names.resolve())
        if auth is not None:
            from reviewgraph.app.accounts import check_users_file

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


COMMAND = Command("webapp", register)
