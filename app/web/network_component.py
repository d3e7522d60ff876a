"""The explorer's network as a Streamlit component: draws a :class:`reviewgraph.graph.network.NetworkView` and returns
the id of the node the user clicked.

The component's files (``app/web/component/``) speak Streamlit's component protocol directly, so there is
no JavaScript build; they are assembled, with the vis-network script bundled with pyvis and
``graph/data/netview.js``, into one script and one style sheet in one folder that Streamlit serves: a
private folder made for the process (:func:`component_dir`). Nothing is fetched from the internet.
"""

from __future__ import annotations

import atexit
import json
import os
import shutil
import stat
import tempfile
from importlib import resources
from pathlib import Path
from typing import Any

from reviewgraph.graph.network import NetworkView, network_json, vis_assets

__all__ = ["component_dir", "network_chart"]

_DECLARED: dict[str, Any] = {}


def _component_files() -> dict[str, bytes]:
    """The folder's files: the page, and what it loads joined into one script (``network.js``: vis-network,
    ``netview.js``, ``component.js``, in that order) and one style sheet (``network.css``), so the frame
    makes two requests after its page, neither waiting for a script to run first. The parts are kept too,
    under their own names."""
    own = resources.files("reviewgraph.app.web") / "component"
    files: dict[str, bytes] = {}
    for entry in own.iterdir():
        if entry.name.endswith((".html", ".js", ".css")):
            files[entry.name] = entry.read_bytes()
    assets = vis_assets()
    files["vis-network.min.js"] = assets["vis.js"].read_bytes()
    files["vis-network.css"] = assets["vis.css"].read_bytes()
    files["netview.js"] = assets["netview.js"].read_bytes()
    files["netview.css"] = assets["netview.css"].read_bytes()
    # the source map it names is not shipped
    vis = files["vis-network.min.js"].replace(b"//# sourceMappingURL=vis-network.min.js.map", b"")
    files["network.js"] = b"\n;\n".join((vis, files["netview.js"], files["component.js"]))
    files["network.css"] = b"\n".join(files[n] for n in ("vis-network.css", "netview.css", "component.css"))
    return files


def _ours(folder: Path) -> bool:
    """``folder`` is still the private one this process made: a real folder (not a link), owned by us,
    closed to everyone else, with the component's page in it."""
    try:
        info = os.lstat(folder)
    except OSError:
        return False
    return (stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid() and not info.st_mode & 0o077
            and (folder / "index.html").is_file())


def component_dir() -> Path:
    """A folder holding every file the component serves, made for this process: ``tempfile.mkdtemp`` gives
    it a name nobody can guess or take first and mode 0700, so no other local user can read it or plant a
    file in it (a shared folder of a predictable name, reused whoever made it, would let them serve a script
    to the app's users). Filled once, removed when the process ends; made again (under a new name) should a
    temporary-file cleaner remove it."""
    made = _DECLARED.get("dir")
    if made is not None and _ours(made):
        return made
    target = Path(tempfile.mkdtemp(prefix="reviewgraph-network-"))
    atexit.register(shutil.rmtree, target, ignore_errors=True)
    for name, data in _component_files().items():
        (target / name).write_bytes(data)
    _DECLARED["dir"] = target
    return target


def network_chart(view: NetworkView, *, key: str, height: int = 640, selected: str | None = None,
                  legend: list[tuple[str, str]] | None = None) -> str | None:
    """Draw ``view``; returns the id of the last node clicked (``None`` until one is). ``selected`` is the
    node to highlight; ``legend`` the ``(words, colour)`` of each kind, drawn above the network as text."""
    import streamlit.components.v1 as components

    folder = component_dir()
    if _DECLARED.get("declared") != folder:
        _DECLARED["fn"] = components.declare_component("reviewgraph_network", path=str(folder))
        _DECLARED["declared"] = folder
    # the data as JSON text, not a dict: Streamlit asks of every argument that is not a plain value whether
    # it is a data frame, which imports pandas (0.3 to 0.6 s before a fresh app's first drawing)
    data = json.dumps(network_json(view, details=False), ensure_ascii=False, separators=(",", ":"))
    return _DECLARED["fn"](data=data, height=height, selected=selected, legend=[list(p) for p in legend or ()],
                           key=key, default=None)
