#!/usr/bin/env python3
"""Set-up and run in one command, on a machine that has only Python 3.11+.

    python3 dev.py demo     # create .venv, install reviewgraph, launch the app on the demo corpus
                            # (in its own store, .rgdb/demo); --port N when 8501 is taken
    python3 dev.py test     # create .venv, install reviewgraph with its test tools, run the tests

Everything installs from the package registries into ./.venv; nothing else on the machine is changed,
except that ``test`` installs Debian's chromium for the browser tests when it can (root with apt-get).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = Path(os.environ.get("REVIEWGRAPH_VENV", ROOT / ".venv"))
BIN = VENV / "bin"


def run(*cmd: str, **kw) -> None:
    print("+", " ".join(cmd), flush=True)
    subprocess.run(cmd, check=True, **kw)


def ensure_venv(extras: str) -> None:
    if sys.version_info < (3, 11):
        sys.exit(f"reviewgraph needs Python 3.11 or newer; this is {sys.version.split()[0]}")
    if not (BIN / "python").exists():
        venv.EnvBuilder(with_pip=True).create(VENV)
    stamp = VENV / f".installed-{extras or 'base'}"
    want = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text() == want:
        return
    run(str(BIN / "python"), "-m", "pip", "install", "-q", "--upgrade", "pip")
    target = f"{ROOT}[{extras}]" if extras else str(ROOT)
    run(str(BIN / "python"), "-m", "pip", "install", "-q", "-e", target)
    stamp.write_text(want)


def ensure_chromium() -> None:
    if shutil.which("chromium") or Path("/usr/bin/chromium").exists():
        return
    if os.geteuid() == 0 and shutil.which("apt-get"):
        try:
            run("apt-get", "update", "-qq")
            run("apt-get", "install", "-y", "-qq", "chromium", "chromium-driver",
                env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})
        except subprocess.CalledProcessError:
            print("chromium could not be installed: browser tests will be skipped", flush=True)
    else:
        print("no chromium and no root apt-get: browser tests will be skipped", flush=True)


def ensure_cypher_parser() -> None:
    """Neo4j's own Cypher grammar (npm), so a test can check every saved query parses as Neo4j Cypher."""
    target = ROOT / ".cache" / "cypher-parser"
    if (target / "node_modules" / "@neo4j-cypher" / "antlr4").is_dir():
        return
    if not (shutil.which("npm") and shutil.which("node")):
        print("no node/npm: the Neo4j grammar check of the saved Cypher will be skipped", flush=True)
        return
    try:
        run("npm", "install", "--silent", "--no-audit", "--no-fund", "--prefix", str(target),
            "@neo4j-cypher/antlr4@1.0.0")
    except subprocess.CalledProcessError:
        print("npm could not install @neo4j-cypher/antlr4: the grammar check will be skipped", flush=True)


def main(argv: list[str]) -> int:
    what = argv[0] if argv else "demo"
    rest = argv[1:]
    if what == "demo":
        ensure_venv("")
        # the demo has a store of its own, so it never mixes with a store of real documents
        db = [] if "--db" in rest else ["--db", str(ROOT / ".rgdb" / "demo")]
        cmd = [str(BIN / "reviewgraph"), "app", "--demo", *db, *rest]
        sys.stdout.flush()
        if os.name == "posix":
            # become the app (which becomes the Streamlit server): SIGTERM and Ctrl-C reach the server itself,
            # so stopping this command stops what it started; a busy port is reported by `reviewgraph app`
            os.execv(cmd[0], cmd)
        try:
            return subprocess.call(cmd)
        except KeyboardInterrupt:
            return 0
    if what == "test":
        ensure_venv("dev")
        ensure_chromium()
        ensure_cypher_parser()
        return subprocess.call([str(BIN / "python"), "-m", "pytest", *rest], cwd=ROOT)
    sys.exit(f"usage: python3 dev.py demo|test [args...]  (got {what!r})")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
