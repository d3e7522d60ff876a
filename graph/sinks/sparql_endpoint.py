"""SPARQL servers: load any SPARQL 1.1 endpoint through the Graph Store protocol, and run Oxigraph's server.

:func:`push` replaces the endpoint's default graph (or a named graph) with the graph's triples by one HTTP
``PUT`` of N-Triples (streamed), so pushing twice leaves the same triples. How the server stores them is
chosen by :func:`choose_loader` from what the server says it is (its ``Server`` response header): an
Oxigraph server gets ``no_transaction``, which makes it load through its bulk loader instead of one
transaction holding every triple (a transaction of 10,000 reviews grew the server past 16 GB); any other
server gets the plain Graph Store ``PUT``. :func:`start_server` starts the Oxigraph server from the
``oxigraph`` package on a loopback address and waits until it answers.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from reviewgraph.graph.graphdata import ReviewGraph
from reviewgraph.graph.sinks.ntriples import ntriples_chunks

__all__ = ["LOADERS", "endpoint_urls", "push", "graph_store_target", "server_product", "choose_loader",
           "oxigraph_binary", "free_port", "start_server", "wait_ready"]

#: how :func:`push` asks the server to store the triples: ``auto`` asks the server what it is first
LOADERS = ("auto", "oxigraph-bulk", "graph-store")
#: servers (the first product of their ``Server`` header, lower case) that have a bulk-loading ``PUT``
_BULK_SERVERS = frozenset({"oxigraph"})
#: RFC 9110 ``tchar``: the characters a product name or version may hold
_TCHAR = frozenset("!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


def endpoint_urls(url: str) -> tuple[str, str]:
    """(query URL, Graph Store URL) of an endpoint; a bare server address means Oxigraph's layout."""
    parts = urllib.parse.urlsplit(url)
    if parts.path in ("", "/"):
        base = url.rstrip("/")
        return base + "/query", base + "/store"
    return url, url


def graph_store_target(url: str, graph_iri: str | None = None) -> str:
    """The Graph Store URL for the default graph (``?default``) or a named graph (``?graph=IRI``)."""
    _, store_url = endpoint_urls(url)
    sep = "&" if urllib.parse.urlsplit(store_url).query else "?"
    query = urllib.parse.urlencode({"graph": graph_iri}) if graph_iri else "default"
    return f"{store_url}{sep}{query}"


def server_product(header: str | None) -> tuple[str, str] | None:
    """(name in lower case, version) of the first product in a ``Server`` header (RFC 9110), else None.

    >>> server_product("Oxigraph/0.5.13")
    ('oxigraph', '0.5.13')
    >>> server_product("Apache Jena Fuseki (5.1.0)")
    ('apache', '')
    >>> server_product("(no product)") is None
    True
    """
    words = (header or "").split()
    name, _, version = (words[0] if words else "").partition("/")
    if not name or not set(name) <= _TCHAR or not set(version) <= _TCHAR:
        return None
    return name.lower(), version


def _probe(target: str, timeout: float) -> str | None:
    """The ``Server`` header the Graph Store answers a ``HEAD`` of ``target`` with (an error status still
    carries it: a named graph that does not exist yet is a 404)."""
    req = urllib.request.Request(target, method="HEAD")
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:  # noqa: S310 (user-given endpoint)
            return resp.headers.get("Server")
    except urllib.error.HTTPError as exc:
        return exc.headers.get("Server")
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise RuntimeError(f"no SPARQL server answered at {target}: {reason}") from None


def choose_loader(url: str, loader: str = "auto", graph_iri: str | None = None,
                  timeout: float = 30.0) -> tuple[str, str]:
    """(loader, what the server said it is) for a push to ``url``.

    ``auto`` sends the Graph Store a ``HEAD`` and reads its ``Server`` header: an Oxigraph server gets
    ``oxigraph-bulk``, anything else (or a server that does not say) ``graph-store``. An explicit loader
    is used as it is, without asking.
    """
    if loader not in LOADERS:
        raise ValueError(f"unknown loader {loader!r}: choose one of {', '.join(LOADERS)}")
    if loader != "auto":
        return loader, ""
    header = _probe(graph_store_target(url, graph_iri), timeout)
    product = server_product(header)
    said = header.strip() if header else "a server that does not say what it is"
    return ("oxigraph-bulk" if product and product[0] in _BULK_SERVERS else "graph-store"), said


def push(url: str, graph: ReviewGraph, graph_iri: str | None = None, timeout: float = 600.0,
         loader: str = "auto") -> int:
    """Replace the endpoint's (default or named) graph with ``graph``; returns the triples sent.

    The N-Triples are generated while they are sent, in one ``PUT`` with a chunked body (HTTP/1.1), so the
    replacement stays one request and the text is never held whole in memory. ``loader`` is
    ``graph-store`` (the plain protocol: the server decides, usually one transaction) or ``oxigraph-bulk``
    (``no_transaction``: Oxigraph clears the graph, then bulk-loads it; not atomic, so a push that fails
    half-way leaves part of the graph until the next push replaces it); ``auto`` asks the server first
    (:func:`choose_loader`).
    """
    if loader == "auto":
        loader, _ = choose_loader(url, loader, graph_iri)
    elif loader not in LOADERS:
        raise ValueError(f"unknown loader {loader!r}: choose one of {', '.join(LOADERS)}")
    target = graph_store_target(url, graph_iri)
    if loader == "oxigraph-bulk":
        target += "&no_transaction"
    sent = 0

    def body() -> Iterator[bytes]:
        nonlocal sent
        for chunk in ntriples_chunks(graph):
            sent += chunk.count(b"\n")
            yield chunk

    req = urllib.request.Request(target, data=body(), method="PUT",
                                 headers={"Content-Type": "application/n-triples",
                                          "Transfer-Encoding": "chunked"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:  # noqa: S310 (user-given endpoint)
            resp.read()
    except urllib.error.HTTPError as exc:
        detail = exc.read().decode("utf-8", "replace")[:300]
        raise RuntimeError(f"the endpoint {target} refused the graph ({exc.code} {exc.reason}): "
                           f"{detail}") from None
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise RuntimeError(f"the push to {target} failed: {reason}") from None
    return sent


def oxigraph_binary() -> str:
    """The ``oxigraph`` command installed by the ``oxigraph`` package (beside this Python first)."""
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.exists():
        return str(beside)
    found = shutil.which("oxigraph")
    if not found:
        raise RuntimeError("the Oxigraph server is not installed: pip install oxigraph")
    return found


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def wait_ready(url: str, proc: subprocess.Popen | None = None, timeout: float = 30.0) -> None:
    """Wait until the endpoint answers a query (or raise, with the server's output if it died)."""
    query_url, _ = endpoint_urls(url)
    probe = query_url + "?" + urllib.parse.urlencode({"query": "ASK { }"})
    deadline = time.monotonic() + timeout
    while True:
        if proc is not None and proc.poll() is not None:
            out = proc.stdout.read().decode("utf-8", "replace") if proc.stdout else ""
            raise RuntimeError(f"the SPARQL server exited with {proc.returncode}: {out[-500:]}")
        try:
            with urllib.request.urlopen(probe, timeout=2) as resp:  # noqa: S310 (loopback)
                resp.read()
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            if time.monotonic() > deadline:
                raise RuntimeError(f"no SPARQL server answered at {query_url} within {timeout:.0f} s") from None
            time.sleep(0.1)


#: what the Oxigraph binary reads once confined, besides its store: its loader and shared libraries
_SERVER_READS = ["/lib", "/lib64", "/usr/lib", "/usr/lib64", "/etc/ld.so.cache", "/proc/self",
                 "/sys/devices/system/cpu", "/sys/fs/cgroup", "/dev/urandom"]


def start_server(location: str | os.PathLike[str] | None, host: str = "127.0.0.1", port: int | None = None,
                 read_only: bool = False, timeout_s: float | None = None,
                 confined: bool = False) -> tuple[subprocess.Popen, str]:
    """Start ``oxigraph serve`` (in memory when ``location`` is None); returns (process, base URL).

    ``timeout_s`` is Oxigraph's own limit on each SPARQL query (``--timeout-s``). ``confined`` starts it
    under Landlock (:mod:`reviewgraph.queries.confine`): it may read its store and its libraries, write nothing, listen
    on its port and open no TCP connection, so a federated ``SERVICE`` query cannot reach anywhere
    (Oxigraph's server has no switch to turn federation off).
    """
    port = port or free_port(host)
    binary = oxigraph_binary()
    cmd = [binary, "serve-read-only" if read_only else "serve", "--bind", f"{host}:{port}"]
    if location is not None:
        cmd += ["--location", str(location)]
    if timeout_s is not None:
        cmd += ["--timeout-s", str(max(1, round(timeout_s)))]
    if confined:
        reads = [binary, *_SERVER_READS] + ([str(location)] if location is not None else [])
        cmd = [sys.executable, "-m", "reviewgraph.queries.confine", *(a for r in reads for a in ("--read", r)),
               "--write", os.devnull, "--bind-port", str(port), "--", *cmd]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://{host}:{port}"
    try:
        wait_ready(url, proc)
    except BaseException:
        proc.terminate()
        proc.wait(10)
        raise
    return proc, url
