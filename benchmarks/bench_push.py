"""Time and peak memory of ``reviewgraph push sparql`` into a local Oxigraph server, per loader.

    python benchmarks/bench_push.py --db STORE [--loaders oxigraph-bulk,graph-store] [--pushes 2]
                                    [--work DIR] [--server-limit-mb 8000] [--push-timeout 1800] [--json FILE]

For each loader a fresh Oxigraph server (the ``oxigraph`` package's binary, a store on disk under
``--work``, 127.0.0.1, a free port) is started; ``reviewgraph push sparql --loader L`` runs ``--pushes``
times in a child process (the second push replaces what the first loaded: the idempotence the command
promises, checked here by counting the server's triples after each push). For each push: wall seconds of the
command (reading ``graph.json`` included), the command's peak RSS (``wait4``), the server's peak RSS so far
(``VmHWM``) and the triples the server holds. The server is stopped when its resident set passes
``--server-limit-mb`` (the transactional path grows with the whole graph), and a push is stopped after
``--push-timeout`` seconds; the row says so. Prints a
markdown table and, with ``--json``, the rows.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def _status_kb(pid: int, field: str) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except FileNotFoundError:
        return 0
    return 0


def _count(url: str) -> int:
    q = url + "/query?" + urllib.parse.urlencode({"query": COUNT})
    req = urllib.request.Request(q, headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(req, timeout=600) as resp:  # noqa: S310 (loopback)
        return int(json.load(resp)["results"]["bindings"][0]["n"]["value"])


def _watch(pid: int, limit_kb: int, stop: threading.Event, tripped: list[int]) -> None:
    """Kill the server (our own child, by pid) once its resident set passes the limit."""
    while not stop.wait(0.5):
        rss = _status_kb(pid, "VmRSS")
        if rss > limit_kb:
            tripped.append(rss)
            os.kill(pid, 9)
            return


def bench(db: Path, loader: str, pushes: int, work: Path, limit_mb: int, push_timeout: float) -> list[dict]:
    from reviewgraph.graph.sinks.sparql_endpoint import start_server

    location = work / f"oxigraph-{loader}"
    shutil.rmtree(location, ignore_errors=True)
    location.mkdir(parents=True)
    proc, url = start_server(location)
    stop, tripped = threading.Event(), []
    watcher = threading.Thread(target=_watch, args=(proc.pid, limit_mb * 1024, stop, tripped), daemon=True)
    watcher.start()
    rows = []
    try:
        for i in range(1, pushes + 1):
            t0 = time.perf_counter()
            cmd = [sys.executable, "-m", "reviewgraph.app.cli", "push", "sparql", "--endpoint", url,
                   "--db", str(db), "--loader", loader]
            child = subprocess.Popen(cmd,
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
            timer = threading.Timer(push_timeout, child.kill)
            timer.start()
            out = child.stdout.read().decode("utf-8", "replace")
            _, status, usage = os.wait4(child.pid, 0)
            timer.cancel()
            child.returncode = os.waitstatus_to_exitcode(status)
            wall = time.perf_counter() - t0
            row = {"loader": loader, "push": i, "seconds": round(wall, 1),
                   "client_peak_mb": round(usage.ru_maxrss / 1024),
                   "server_peak_mb": round(_status_kb(proc.pid, "VmHWM") / 1024),
                   "ok": child.returncode == 0, "output": out.strip().splitlines()[-1:] if out else []}
            if wall >= push_timeout:
                tripped.append(_status_kb(proc.pid, "VmRSS"))
                row["stopped"] = f"push stopped after {push_timeout:.0f} s"
                row["ok"] = False
                rows.append(row)
                break
            if tripped:
                row["stopped"] = f"server stopped at {tripped[0] // 1024} MB resident (limit {limit_mb} MB)"
                row["ok"] = False
                rows.append(row)
                break
            row["triples"] = _count(url) if row["ok"] else None
            rows.append(row)
            print(json.dumps(row), file=sys.stderr, flush=True)
            if not row["ok"]:
                break
        if not tripped:
            disk = sum(f.stat().st_size for f in location.rglob("*") if f.is_file())
            rows[-1]["store_mb"] = round(disk / 2**20)
    finally:
        stop.set()
        if proc.poll() is None:
            proc.terminate()
            proc.wait(60)
        shutil.rmtree(location, ignore_errors=True)
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path, required=True)
    ap.add_argument("--loaders", default="oxigraph-bulk,graph-store")
    ap.add_argument("--pushes", type=int, default=2)
    ap.add_argument("--work", type=Path, default=Path("/tmp/bench_push"))
    ap.add_argument("--server-limit-mb", type=int, default=8000)
    ap.add_argument("--push-timeout", type=float, default=1800)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    rows = []
    for loader in args.loaders.split(","):
        rows += bench(args.db, loader, args.pushes, args.work, args.server_limit_mb, args.push_timeout)
    print("| loader | push | wall s | client peak MB | server peak MB | triples on the server | note |")
    print("|---|---:|---:|---:|---:|---:|---|")
    for r in rows:
        note = r.get("stopped") or ("" if r["ok"] else " ".join(r["output"]))
        if "store_mb" in r:
            note = (note + f" store on disk {r['store_mb']} MB").strip()
        print(f"| {r['loader']} | {r['push']} | {r['seconds']} | {r['client_peak_mb']} | "
              f"{r['server_peak_mb']} | "
              f"{r.get('triples') if r.get('triples') is not None else '-'} | {note} |")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()
