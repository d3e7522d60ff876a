"""Deterministic identifiers: the same document always gives the same ids.

Ids are readable paths (``review:middlesbrough/dhr-4``, ``rec:middlesbrough/dhr-4/17.3``) so that a person
reading an export can tell what a node is; :func:`iri` turns one into an IRI for the RDF view.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import quote

BASE_IRI = "https://w3id.org/reviewgraph/id/"

__all__ = ["slug", "short_hash", "review_id", "document_id", "rec_id", "action_id", "status_id",
           "learning_id", "agency_id", "theme_id", "iri", "BASE_IRI"]


def slug(text: str, max_len: int = 60) -> str:
    """Lower-case ASCII slug: ``"Cleveland Police"`` -> ``"cleveland-police"``.

    >>> slug("Children's Services – Warwickshire")
    'childrens-services-warwickshire'

    A slug longer than ``max_len`` keeps its beginning and ends with a hash of the whole, so two texts that
    differ only after the cut never share a slug (a cut alone once merged seven recommendations into one):

    >>> a = slug("Durham and Tees Valley Community Rehabilitation Company 1", 30)
    >>> b = slug("Durham and Tees Valley Community Rehabilitation Company 7", 30)
    >>> a != b and len(a) <= 30 and a.startswith("durham-and-tees")
    True
    """
    norm = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    norm = norm.replace("'", "").replace("&", " and ")
    out = re.sub(r"[^a-z0-9.]+", "-", norm.lower()).strip("-.")
    if len(out) > max_len:
        out = out[: max(max_len - 9, 1)].rstrip("-.") + "-" + short_hash(out, n=8)
    return out or "x"


def short_hash(*parts: str, n: int = 10) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:n]


def review_id(key: str) -> str:
    return f"review:{key}"


def document_id(sha256: str) -> str:
    return f"doc:{sha256[:16]}"


def rec_id(review_key: str, number: str) -> str:
    return f"rec:{review_key}/{slug(number, 80)}"


def action_id(rec: str, ordinal: int) -> str:
    return f"action:{rec.split(':', 1)[1]}/{ordinal}"


def status_id(action: str, doc: str) -> str:
    return f"status:{action.split(':', 1)[1]}@{doc.split(':', 1)[1]}"


def learning_id(review_key: str, number: str) -> str:
    return f"learning:{review_key}/{slug(number, 80)}"


def agency_id(name: str) -> str:
    return f"agency:{slug(name)}"


def theme_id(key: str) -> str:
    return f"theme:{slug(key)}"


def iri(node_id: str) -> str:
    """IRI of a node id, safe for Turtle and N-Triples."""
    return BASE_IRI + quote(node_id, safe="")
