"""Confine the current process with Linux Landlock: read only the paths given, write nothing, connect nowhere.

Landlock (Linux 5.13 and later; TCP rules from 6.7) lets an unprivileged process give up rights for good,
for itself and every process it starts. :func:`confine` is called in the child process that runs an ad-hoc
query (:mod:`reviewgraph.queries.sandbox`) and before the Oxigraph server starts (``serve sparql``): after it, a query
that reaches past the parser's check (``LOAD FROM '/etc/passwd'``, ``COPY ... TO '/tmp/x'``, ``INSTALL``,
``LOAD EXTENSION '/tmp/x.so'``, a SPARQL ``SERVICE``) fails in the kernel with "permission denied".

The rights the running kernel does not know are simply not restricted; :func:`confine` returns what it
could enforce (``Confinement``), and nothing at all on a kernel or system without Landlock, where the
parser's check and the limits still hold.
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Confinement", "confine", "landlock_abi", "python_paths"]

_CREATE_RULESET, _ADD_RULE, _RESTRICT_SELF = 444, 445, 446  # the same number on every architecture
_PR_SET_NO_NEW_PRIVS = 38
_RULE_PATH_BENEATH, _RULE_NET_PORT = 1, 2

# filesystem rights, by the ABI version that introduced them
_FS = {"execute": (1 << 0, 1), "write_file": (1 << 1, 1), "read_file": (1 << 2, 1), "read_dir": (1 << 3, 1),
       "remove_dir": (1 << 4, 1), "remove_file": (1 << 5, 1), "make_char": (1 << 6, 1),
       "make_dir": (1 << 7, 1), "make_reg": (1 << 8, 1), "make_sock": (1 << 9, 1), "make_fifo": (1 << 10, 1),
       "make_block": (1 << 11, 1), "make_sym": (1 << 12, 1), "refer": (1 << 13, 2), "truncate": (1 << 14, 3),
       "ioctl_dev": (1 << 15, 5)}
_FILE_RIGHTS = ("execute", "write_file", "read_file", "truncate", "ioctl_dev")
_BIND_TCP, _CONNECT_TCP = 1 << 0, 1 << 1
_SCOPE_ABSTRACT_UNIX, _SCOPE_SIGNAL = 1 << 0, 1 << 1


class _RulesetAttr(ctypes.Structure):
    _fields_ = [("handled_access_fs", ctypes.c_uint64), ("handled_access_net", ctypes.c_uint64),
                ("scoped", ctypes.c_uint64)]


class _PathBeneath(ctypes.Structure):
    _pack_ = 1
    _fields_ = [("allowed_access", ctypes.c_uint64), ("parent_fd", ctypes.c_int32)]


class _NetPort(ctypes.Structure):
    _fields_ = [("allowed_access", ctypes.c_uint64), ("port", ctypes.c_uint64)]


@dataclass(frozen=True)
class Confinement:
    """What :func:`confine` enforced: the Landlock ABI (0: none), and whether files and TCP are restricted."""

    abi: int = 0
    files: bool = False
    network: bool = False

    def __bool__(self) -> bool:
        return self.files


def _libc() -> ctypes.CDLL | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.syscall.restype = ctypes.c_long
        return libc
    except OSError:
        return None


def landlock_abi() -> int:
    """The Landlock ABI version of the running kernel (0 when there is none, or it is disabled)."""
    libc = _libc()
    if libc is None:
        return 0
    version = libc.syscall(_CREATE_RULESET, None, ctypes.c_size_t(0), ctypes.c_uint32(1))
    return max(int(version), 0)


def python_paths() -> list[str]:
    """Where this Python reads its own code from: the installation (standard library, site-packages) and
    the folder of each imported package installed elsewhere (an editable install), never the current
    folder or a script's folder as such."""
    import sysconfig

    roots = {sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix}
    roots.update(p for p in sysconfig.get_paths().values() if p)
    roots = {os.path.realpath(p) for p in roots}

    def inside(path: str) -> bool:
        return any(path == r or path.startswith(r.rstrip(os.sep) + os.sep) for r in roots)

    out = set(roots)
    for name, module in list(sys.modules.items()):
        if "." in name:
            continue
        where = getattr(module, "__file__", None)
        if not where:
            continue
        where = os.path.realpath(where)
        if not inside(where):
            out.add(os.path.dirname(where) if os.path.basename(where) == "__init__.py" else where)
    return sorted(p for p in out if os.path.exists(p))


def _rights(names: Iterable[str], abi: int) -> int:
    return sum(bit for name, (bit, since) in _FS.items() if name in names and since <= abi)


def confine(read: Iterable[str | os.PathLike[str]] = (), write: Iterable[str | os.PathLike[str]] = (),
            connect_ports: Iterable[int] = (), bind_ports: Iterable[int] = ()) -> Confinement:
    """Restrict this process (and what it starts) for good: read files only beneath ``read`` (and
    ``write``), write files only beneath ``write``, TCP connect only to ``connect_ports`` and bind only to
    ``bind_ports``. Paths that do not exist are skipped. Returns what was enforced.

    Landlock binds the calling thread and the threads and processes it starts afterwards, so this must run
    while the process has one thread (before an engine starts its workers); it refuses otherwise."""
    libc = _libc()
    abi = landlock_abi()
    if libc is None or abi < 1:
        return Confinement()
    threads = len(os.listdir("/proc/self/task"))
    if threads > 1:  # Landlock binds the calling thread (and threads it starts later), not running ones
        raise RuntimeError(f"confine() must run before any thread starts ({threads} threads are running)")
    handled_fs = _rights(_FS, abi)
    attr = _RulesetAttr(handled_access_fs=handled_fs,
                        handled_access_net=(_BIND_TCP | _CONNECT_TCP) if abi >= 4 else 0,
                        scoped=(_SCOPE_ABSTRACT_UNIX | _SCOPE_SIGNAL) if abi >= 6 else 0)
    size = 8 if abi < 4 else 16 if abi < 6 else 24
    fd = libc.syscall(_CREATE_RULESET, ctypes.byref(attr), ctypes.c_size_t(size), ctypes.c_uint32(0))
    if fd < 0:
        return Confinement()
    try:
        reading = ("execute", "read_file", "read_dir")
        writing = reading + ("write_file", "remove_dir", "remove_file", "make_dir", "make_reg", "truncate",
                             "refer", "make_sym", "make_fifo", "make_sock")
        rules = [(p, reading) for p in read] + [(p, writing) for p in write]
        for path, names in rules:
            try:
                path_fd = os.open(path, os.O_PATH | os.O_CLOEXEC)
            except OSError:
                continue
            try:
                is_dir = Path(path).is_dir()
                allowed = _rights(names if is_dir else [n for n in names if n in _FILE_RIGHTS], abi)
                rule = _PathBeneath(allowed_access=allowed & handled_fs, parent_fd=path_fd)
                if libc.syscall(_ADD_RULE, ctypes.c_int(fd), ctypes.c_int(_RULE_PATH_BENEATH),
                                ctypes.byref(rule), ctypes.c_uint32(0)) != 0:
                    raise OSError(ctypes.get_errno(), f"landlock: cannot allow {path}")
            finally:
                os.close(path_fd)
        if abi >= 4:
            for ports, access in ((connect_ports, _CONNECT_TCP), (bind_ports, _BIND_TCP)):
                for port in ports:
                    rule = _NetPort(allowed_access=access, port=int(port))
                    if libc.syscall(_ADD_RULE, ctypes.c_int(fd), ctypes.c_int(_RULE_NET_PORT),
                                    ctypes.byref(rule), ctypes.c_uint32(0)) != 0:
                        raise OSError(ctypes.get_errno(), f"landlock: cannot allow port {port}")
        if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "landlock: cannot set no_new_privs")
        if libc.syscall(_RESTRICT_SELF, ctypes.c_int(fd), ctypes.c_uint32(0)) != 0:
            raise OSError(ctypes.get_errno(), "landlock: cannot restrict the process")
    finally:
        os.close(fd)
    return Confinement(abi=abi, files=True, network=abi >= 4)


def main(argv: list[str] | None = None) -> None:
    """``python -m queries.confine --read P --write P --bind-port N --connect-port N -- COMMAND ...``:
    run COMMAND confined (used to start the Oxigraph server)."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m queries.confine")
    parser.add_argument("--read", action="append", default=[])
    parser.add_argument("--write", action="append", default=[])
    parser.add_argument("--bind-port", action="append", type=int, default=[])
    parser.add_argument("--connect-port", action="append", type=int, default=[])
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("no command given")
    confine(read=args.read, write=args.write, connect_ports=args.connect_port, bind_ports=args.bind_port)
    os.execv(command[0], command)


if __name__ == "__main__":
    main()
