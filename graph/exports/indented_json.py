"""``json.dumps(obj, indent=N, sort_keys=True, ensure_ascii=False)`` text, written mostly by the C encoder.

The standard library encodes indented JSON in Python, item by item (for a graph export, most of the time of
the export). The text of a dict or list whose values are all scalars is the compact C encoding with the
newline and indentation as the separator, so only the few levels above the leaves are written here; anything
this does not know (non-string keys, other types) is left to the standard library whole.

>>> obj = {"b": [1, 2.5, None], "a": {"x": "é", "y": True}, "c": [], "d": {}}
>>> dumps(obj) == json.dumps(obj, indent=1, sort_keys=True, ensure_ascii=False)
True
"""

from __future__ import annotations

import json
from typing import Any

__all__ = ["dumps", "dumps_at"]

_SCALARS = (str, int, float)  # bool is an int
_LEAF_TYPES = frozenset({str, int, float, bool, type(None)})  # exactly these: a flat container's values


class _Unknown(Exception):
    """A value this writer leaves to the standard library."""


def dumps(obj: Any, indent: int = 1) -> str:
    """The text ``json.dumps(obj, indent=indent, sort_keys=True, ensure_ascii=False)`` gives."""
    return dumps_at(obj, 0, indent)


def dumps_at(obj: Any, level: int, indent: int = 1) -> str:
    """The text of ``obj`` where ``json.dumps(..., indent=indent, sort_keys=True, ensure_ascii=False)`` writes
    it ``level`` containers deep (its first line bare: the caller writes what comes before it), so a large
    document can be written an item at a time.

    >>> print("[\\n " + dumps_at({"a": [1]}, 1) + "\\n]")
    [
     {
      "a": [
       1
      ]
     }
    ]
    """
    writer = _writers.get(indent)
    if writer is None:
        writer = _writers[indent] = _Writer(" " * indent, [])
    out: list[str] = []
    writer.out = out
    try:
        writer.write(obj, level)
    except _Unknown:
        text = json.dumps(obj, indent=indent, sort_keys=True, ensure_ascii=False)
        return text.replace("\n", "\n" + " " * (indent * level))  # newlines within strings are escaped
    return "".join(out)


class _Writer:
    """Writes into ``out`` (one writer per indent is kept in :data:`_writers`, with its encoders)."""

    def __init__(self, step: str, out: list[str]) -> None:
        self.step = step
        self.out = out
        self.scalar = json.JSONEncoder(ensure_ascii=False).encode
        self._flat: dict[int, Any] = {}  # level -> the C encoder of a flat container at that level

    def flat_encoder(self, level: int) -> Any:
        enc = self._flat.get(level)
        if enc is None:
            pad = "\n" + self.step * (level + 1)
            enc = self._flat[level] = json.JSONEncoder(ensure_ascii=False, sort_keys=True,
                                                       separators=("," + pad, ": ")).encode
        return enc

    def write(self, obj: Any, level: int) -> None:
        out = self.out
        if obj is None or isinstance(obj, _SCALARS):
            out.append(self.scalar(obj))
            return
        if isinstance(obj, dict):
            if not obj:
                out.append("{}")
                return
            for k in obj:
                if type(k) is not str:
                    raise _Unknown
            pad, close = "\n" + self.step * (level + 1), "\n" + self.step * level
            if all(type(v) in _LEAF_TYPES for v in obj.values()):
                out.append("{" + pad + self.flat_encoder(level)(obj)[1:-1] + close + "}")
                return
            out.append("{")
            for i, (key, value) in enumerate(sorted(obj.items())):
                out.append((pad if i == 0 else "," + pad) + self.scalar(key) + ": ")
                self.write(value, level + 1)
            out.append(close + "}")
            return
        if isinstance(obj, (list, tuple)):
            if not obj:
                out.append("[]")
                return
            pad, close = "\n" + self.step * (level + 1), "\n" + self.step * level
            if all(type(v) in _LEAF_TYPES for v in obj):
                out.append("[" + pad + self.flat_encoder(level)(obj)[1:-1] + close + "]")
                return
            out.append("[")
            for i, value in enumerate(obj):
                out.append(pad if i == 0 else "," + pad)
                self.write(value, level + 1)
            out.append(close + "]")
            return
        raise _Unknown


_writers: dict[int, _Writer] = {}
