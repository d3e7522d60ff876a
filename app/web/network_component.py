"""The explorer's network as a Streamlit component: draws a :class:`graph.network.NetworkView` and returns
the id of the node the user clicked.

The component's files (``app/web/component/``) speak Streamlit's component protocol directly, so there is
no JavaScript build; they are assembled, with the vis-network script bundled with pyvis and
``graph/data/netview.js``, into one folder that Streamlit serves. Nothing is fetched from the internet.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from importlib import resources
from pathlib import Path
from typing import Any

from graph.network import NetworkView, network_json, vis_assets

__all__ = ["component_dir", "network_chart"]

_DECLARED: dict[str, Any] = {}


def component_dir() -> Path:
    """A folder holding every file the component serves (built once per version of those files)."""
    own = resources.files("app.web") / "component"
    files: dict[str, bytes] = {}
    for entry in own.iterdir():
        if entry.name.endswith((".html", ".js", ".css")):
            files[entry.name] = entry.read_bytes()
    assets = vis_assets()
    files["vis-network.min.js"] = assets["vis.js"].read_bytes()
    files["vis-network.css"] = assets["vis.css"].read_bytes()
    files["netview.js"] = assets["netview.js"].read_bytes()
    files["netview.css"] = assets["netview.css"].read_bytes()
    digest = hashlib.sha256(b"".join(k.encode() + v for k, v in sorted(files.items()))).hexdigest()[:12]
    target = Path(tempfile.gettempdir()) / f"reviewgraph-network-{digest}"
    if not (target / "index.html").exists():
        tmp = Path(tempfile.mkdtemp(prefix=".reviewgraph-network-", dir=tempfile.gettempdir()))
        for name, data in files.items():
            (tmp / name).write_bytes(data)
        tmp.chmod(0o755)
        try:
            tmp.rename(target)
        except OSError:  # another process built it first
            shutil.rmtree(tmp, ignore_errors=True)
    return target


def network_chart(view: NetworkView, *, key: str, height: int = 640, selected: str | None = None) -> str | None:
    """Draw ``view``; returns the id of the last node clicked (``None`` until one is)."""
    import streamlit.components.v1 as components

    if "fn" not in _DECLARED:
        _DECLARED["fn"] = components.declare_component("reviewgraph_network", path=str(component_dir()))
    return _DECLARED["fn"](data=network_json(view, details=False), height=height, selected=selected, key=key, default=None)
