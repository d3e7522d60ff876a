"""Shared themes across reviews, the themes of one review, and emerging terms the taxonomy lacks.

A review's themes are the union of the themes of its recommendations, actions and learning (ABOUT edges).

>>> from reviewgraph.queries.examples import example_graph
>>> g = example_graph()
>>> [(r["label"], r["review_count"]) for r in shared_themes(g, min_reviews=2)]
[('MARAC', 2), ('Referral pathways', 2), ('Identification of risk', 2)]
>>> [r["label"] for r in review_themes(g, "review:northby/dhr-1")][:3]
['Information sharing', 'MARAC', 'Referral pathways']
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from datetime import date
from typing import Any

from reviewgraph.graph.graphdata import ReviewGraph
from reviewgraph.graph.model import Action, Agency, Learning, Node, Recommendation, Review, Theme
from reviewgraph.graph.taxonomy import Taxonomy
from reviewgraph.graph.textvec import stop_words
from reviewgraph.graph.themes import item_fields, tag_text
from reviewgraph.queries.index import GraphIndex, parse_iso

__all__ = ["shared_themes", "review_themes", "emerging_terms", "theme_items", "suggest_themes",
           "recommendations_about"]

GraphLike = ReviewGraph | GraphIndex


def _index(graph: GraphLike) -> GraphIndex:
    return graph if isinstance(graph, GraphIndex) else GraphIndex(graph)


def _theme_keys(idx: GraphIndex, theme: str | None) -> set[str] | None:
    """Theme ids matching a filter given as an id ("theme:marac"), key ("marac") or label ("MARAC")."""
    if not theme:
        return None
    t = theme.strip().lower()
    return {n.id for n in idx.themes()
            if t in (n.id.lower(), n.id.split(":", 1)[1], n.label.lower())}


def _review_ok(review: Review | None, area: str | None, since: date | None, until: date | None) -> bool:
    if review is None:
        return not (area or since or until)
    if area and area.lower() not in " ".join(filter(None, (review.area, review.partnership, review.title))).lower():
        return False
    if since or until:
        published = parse_iso(review.published)
        if published is None or (since and published < since) or (until and published > until):
            return False
    return True


def _rec_of(idx: GraphIndex, item: Node) -> Recommendation | None:
    if isinstance(item, Recommendation):
        return item
    if isinstance(item, Action):
        rec = idx.nodes.get(item.recommendation)
        return rec if isinstance(rec, Recommendation) else None
    return None


def _agencies(idx: GraphIndex, item: Node) -> set[str]:
    names: set[str] = set()
    rec = _rec_of(idx, item)
    if rec is not None:
        names.update(a.name for a in idx.agencies_of(rec.id))
        if rec.owner:
            names.add(rec.owner)
    if isinstance(item, Action):
        names.update(a.name for a in idx.out(item.id, "LED_BY") if isinstance(a, Agency))
    if isinstance(item, (Recommendation, Learning)):
        names.update(a.name for a in idx.out(item.id, "MENTIONS") if isinstance(a, Agency))
    return names


def recommendations_about(graph: ReviewGraph) -> dict[str, set[str]]:
    """Theme id -> the recommendations about it. **The one definition**: a recommendation is about a theme
    when it, or one of its actions, is tagged with the theme (learning tagged with a theme makes its review
    count among the theme's reviews, not the recommendations it informs). The Themes page's picker, its
    tables and its chart, :func:`shared_themes` and the explorer's shared-theme view all count these.

    >>> from reviewgraph.queries.examples import example_graph
    >>> sorted(recommendations_about(example_graph())["theme:marac"])
    ['rec:northby/dhr-1/1', 'rec:southby/dhr-7/3']
    """
    about: dict[str, set[str]] = defaultdict(set)
    nodes = graph.nodes
    for src, type_, dst in graph.edges:
        if type_ != "ABOUT":
            continue
        item = nodes[src]
        if isinstance(item, Recommendation):
            about[dst].add(src)
        elif isinstance(item, Action) and item.recommendation in nodes:
            about[dst].add(item.recommendation)
    return dict(about)


def theme_items(graph: GraphLike, theme: str) -> list[dict[str, Any]]:
    """Every item tagged with a theme, with the evidence and score of the tag.

    >>> from reviewgraph.queries.examples import example_graph
    >>> [(r["kind"], r["number"], r["evidence"]) for r in theme_items(example_graph(), "marac")][:2]
    [('Action', '1', '"MARAC" (text 6-11)'), ('Recommendation', '1', '"MARAC" (text 26-31)')]
    """
    idx = _index(graph)
    wanted = _theme_keys(idx, theme) or set()
    rows = []
    for tid in sorted(wanted):
        for e in idx.in_edges(tid, "ABOUT"):
            item = idx.nodes[e.source]
            rec = _rec_of(idx, item)
            rows.append({"theme": tid, "kind": item.KIND, "item": item.id, "review": getattr(item, "review", None),
                         "number": rec.number if rec else getattr(item, "number", None),
                         "text": getattr(item, "text", ""), "evidence": e.props.get("evidence"),
                         "score": e.props.get("score"), "doc": e.doc, "line_start": e.line_start,
                         "line_end": e.line_end})
    rows.sort(key=lambda r: (r["review"] or "", r["kind"], r["item"]))
    return rows


def shared_themes(graph: GraphLike, min_reviews: int = 1, area: str | None = None,
                  since: str | date | None = None, until: str | date | None = None, agency: str | None = None,
                  theme: str | None = None, review: str | None = None) -> list[dict[str, Any]]:
    """Themes ranked by the number of reviews they occur in, with the reviews, recommendations and agencies.

    Filters: ``area`` (part of the review's area, partnership or title), ``since``/``until`` (publication
    date), ``agency`` (part of an agency name the item is addressed to, led by or mentions), ``theme`` (id,
    key or label), ``review`` (a review id: only its items). Rows: ``theme``, ``label``, ``broader``,
    ``review_count``, ``reviews``, ``recommendations`` (ids), ``recommendation_count``, ``items``,
    ``agencies``.
    """
    idx = _index(graph)
    since_d, until_d = parse_iso(since), parse_iso(until)
    wanted = _theme_keys(idx, theme)
    agency_q = agency.lower() if agency else None
    rows = []
    # an item is about several themes: what the filters ask of it is worked out once
    facts: dict[str, tuple[str | None, bool, set[str], str | None]] = {}
    for t in idx.themes():
        if wanted is not None and t.id not in wanted:
            continue
        reviews: set[str] = set()
        recs: set[str] = set()
        agencies: set[str] = set()
        items = 0
        for item in idx.inn(t.id, "ABOUT"):
            fact = facts.get(item.id)
            if fact is None:
                rid = getattr(item, "review", None)
                ok = not (review and rid != review) and _review_ok(idx.review_of(item), area, since_d, until_d)
                names = _agencies(idx, item) if ok else set()
                ok = ok and not (agency_q and not any(agency_q in n.lower() for n in names))
                rec = _rec_of(idx, item) if ok else None
                fact = facts[item.id] = (rid, ok, names, rec.id if rec is not None else None)
            rid, ok, names, rec_id = fact
            if not ok:
                continue
            items += 1
            if rid:
                reviews.add(rid)
            if rec_id is not None:
                recs.add(rec_id)
            agencies |= names
        if items == 0 or len(reviews) < min_reviews:
            continue
        rows.append({"theme": t.id, "label": t.label,
                     "broader": "; ".join(n.label for n in idx.out(t.id, "BROADER") if isinstance(n, Theme)),
                     "review_count": len(reviews), "reviews": sorted(reviews),
                     "recommendation_count": len(recs), "recommendations": sorted(recs), "items": items,
                     "agencies": sorted(agencies)})
    rows.sort(key=lambda r: (-r["review_count"], -r["recommendation_count"], -r["items"], r["label"]))
    return rows


def review_themes(graph: GraphLike, review: str) -> list[dict[str, Any]]:
    """The themes of one review (the union of its items' themes), most items first."""
    return shared_themes(graph, review=review)


# -- emerging terms ---------------------------------------------------------------------------------------
_GENERIC = stop_words() | {
    "domestic", "abuse", "violence", "review", "reviews", "reviewed", "agency", "agencies", "staff", "ensure",
    "ensuring", "should", "partnership", "partners", "partner", "victim", "victims", "perpetrator",
    "perpetrators", "learning", "recommendation", "recommendations", "action", "actions", "plan", "process",
    "processes", "team", "teams", "work", "working", "dhr", "dhrs", "csp", "practice", "case", "cases",
    "understand", "understanding", "provide", "provided", "including", "relation", "need", "needs", "new",
    "improve", "improved", "appropriate", "relevant", "effective", "effectively", "consider", "considered",
    "support", "services", "service", "local", "panel", "board", "chair", "progress", "complete", "completed",
    "ongoing", "update", "updated", "date", "dates", "place", "order", "way", "use", "used", "make", "made",
    "issue", "issued", "identify", "identified", "response", "respond", "required", "require", "order",
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "january",
    "february", "march", "april", "june", "july", "august", "september", "october", "november", "december",
    "area", "areas", "level", "levels", "wider", "current", "currently", "number", "written", "meeting",
    "meetings", "officers", "officer", "managers", "manager", "people", "sent", "email", "letter", "way",
    "regarding", "relating", "basis", "held", "ensure", "include", "develop", "report", "reports", "aware",
    "clear", "potential", "additional", "address", "attend", "key", "good", "best", "page", "internal",
}
_TERM = r"(?u)\b[a-zA-Z][a-zA-Z\-]{2,}\b"


def _covered_words(idx: GraphIndex) -> set[str]:
    words: set[str] = set()
    for c in Taxonomy.load().concepts.values():
        for label in (c.pref_label, *c.alt_labels, *c.hidden_labels):
            words.update(w.lower() for w in re.findall(r"[A-Za-z]+", label))
    from reviewgraph.graph.agencies import AgencyRegistry

    agencies = [*AgencyRegistry.load().agencies.values(), *(n for n in idx.nodes.values() if isinstance(n, Agency))]
    for n in agencies:
        for name in (n.name, *n.aliases):
            words.update(w.lower() for w in re.findall(r"[A-Za-z]+", name))
    for n in idx.nodes.values():
        if isinstance(n, Agency):
            for name in (n.name, *n.aliases):
                words.update(w.lower() for w in re.findall(r"[A-Za-z]+", name))
        elif isinstance(n, Review):
            for name in (n.area, n.partnership, n.pseudonym):
                if name:
                    words.update(w.lower() for w in re.findall(r"[A-Za-z]+", name))
    return words


def _generic_unigram(word: str) -> bool:
    """Verbs, adverbs and plurals of running text say little on their own: "implemented", "monthly"."""
    return len(word) < 5 or word.endswith(("ed", "ing", "ly", "ise", "ize", "ful", "able", "ible"))


_TERM_RE = re.compile(_TERM)
_STOP_WORDS = frozenset(stop_words())


def _words(text: str) -> list[str]:
    """The lower-cased words of :data:`_TERM` in a text, stop words left out (scikit-learn's
    ``CountVectorizer`` tokens for that pattern and stop list)."""
    return [w for w in _TERM_RE.findall(text.lower()) if w not in _STOP_WORDS]


def _count_terms(texts: list[str], min_docs: int) -> tuple[dict[str, int], dict[str, int]] | None:
    """Terms (words, and phrases of two and of three consecutive words) in at least ``min_docs`` of the
    texts: (number of texts each is in, occurrences); ``None`` when there is no such term.

    The counts ``CountVectorizer(token_pattern=_TERM, ngram_range=(1, 3), stop_words=..., min_df=min_docs)``
    gives, without importing scikit-learn (seconds) or keeping a document-term matrix. Phrases are counted
    as tuples of words and joined only when kept."""
    if min_docs < 1:  # scikit-learn refuses a min_df below 1 (the analysis then has no rows)
        return None
    df: Counter[str | tuple[str, ...]] = Counter()
    tf: Counter[str | tuple[str, ...]] = Counter()
    for text in texts:
        words = _words(text)
        grams = [*words, *zip(words, words[1:]), *zip(words, words[1:], words[2:])]
        tf.update(grams)
        df.update(set(grams))
    kept: dict[str, int] = {}
    occurrences: dict[str, int] = {}
    for gram, n in df.items():
        if n >= min_docs:
            term = gram if isinstance(gram, str) else " ".join(gram)
            kept[term] = n
            occurrences[term] = tf[gram]
    if not kept:
        return None
    return kept, occurrences


def _texts_with(terms: list[str], texts: list[str]) -> list[list[int]]:
    """For each term, the indexes of the texts it occurs in (as a word or a phrase of consecutive words)."""
    parts = [t.split(" ") for t in terms]
    found: list[list[int]] = [[] for _ in terms]
    for i, text in enumerate(texts):
        words = _words(text)
        present = set(words)
        for k, p in enumerate(parts):
            if not all(w in present for w in p):
                continue
            n = len(p)
            if n == 1 or any(words[j:j + n] == p for j in range(len(words) - n + 1) if words[j] == p[0]):
                found[k].append(i)
    return found


def emerging_terms(graph: GraphLike, min_reviews: int = 2, limit: int = 25) -> list[dict[str, Any]]:
    """Words and phrases frequent across reviews but in no theme: candidates for the taxonomy.

    A term counts once per review it occurs in (in recommendations, actions or learning). Phrases of two or
    three words are kept unless the tagger already tags them or every word is a stop word, generic review
    vocabulary, an agency or place name, or a word of a theme label; single words only when none of that
    applies and they are not verb or adverb forms ("implemented", "monthly"). Rows: ``term``,
    ``review_count``, ``occurrences``, ``reviews``; most reviews first, phrases before single words, then most
    occurrences.

    >>> from reviewgraph.queries.examples import example_graph
    >>> [r["term"] for r in emerging_terms(example_graph())]
    []
    """
    idx = _index(graph)
    per_review: dict[str, list[str]] = defaultdict(list)
    for n in idx.nodes.values():
        if isinstance(n, (Recommendation, Action, Learning)):
            per_review[n.review].extend(t for t in item_fields(n).values() if t)
    if len(per_review) < min_reviews:
        return []
    keys = sorted(per_review)
    texts = ["\n".join(per_review[k]) for k in keys]
    counted = _count_terms(texts, min_reviews)
    if counted is None:  # no term in min_reviews reviews
        return []
    df, tf = counted
    covered = _covered_words(idx)
    dull = covered | _GENERIC
    rows = []
    for term in sorted(df, key=lambda t: (-df[t], " " not in t, -tf[t], t)):
        words = [w.strip("-") for w in term.split()]
        if len(words) == 1:
            w = words[0]
            if w in dull or w.rstrip("s") in dull or _generic_unigram(w):
                continue
        elif (any(w in _GENERIC or _generic_unigram(w) and len(w) >= 5 for w in words)
              or all(w in covered or w.rstrip("s") in covered for w in words) or len(set(words)) < len(words)):
            continue
        if tag_text(term):
            continue
        rows.append({"term": term, "review_count": df[term], "occurrences": tf[term], "reviews": []})
        if len(rows) >= limit:
            break
    # the reviews of the terms shown: one more pass over the texts
    for row, found in zip(rows, _texts_with([r["term"] for r in rows], texts), strict=True):
        row["reviews"] = [keys[i] for i in found]
    return rows


def suggest_themes(graph: GraphLike, min_cosine: float | None = None) -> list[dict[str, Any]]:
    """Items the label rules left untagged, each with the theme the statistical step suggests
    (:mod:`reviewgraph.graph.theme_stats`) and why. Suggestions only: they are not written to the graph, because on the
    sample documents the step names a rule's own theme for only about a third of masked items (docs/themes.md).
    Rows: ``item``, ``kind``, ``review``, ``number``, ``text``, ``theme``, ``label``, ``cosine``, ``evidence``.

    >>> from reviewgraph.queries.examples import example_graph
    >>> suggest_themes(example_graph())
    []
    """
    from reviewgraph.graph.theme_stats import MIN_COSINE, ThemeModel, mask
    from reviewgraph.graph.themes import _matcher

    idx = _index(graph)
    matcher = _matcher()
    train_texts, train_tags, untagged = [], [], []
    for n in sorted(idx.nodes.values(), key=lambda n: n.id):
        if not isinstance(n, (Recommendation, Action, Learning)):
            continue
        text = " ".join(t for t in item_fields(n).values() if t)
        tags = matcher.tag({"text": text})
        if tags:
            train_texts.append(mask(text, [(h.start, h.end) for t in tags for h in t.hits]))
            train_tags.append({t.theme for t in tags})
        elif text.strip():
            untagged.append((n, text))
    if not untagged or not train_texts:
        return []
    model = ThemeModel.fit(train_texts, train_tags)
    labels = {c.key: c.pref_label for c in Taxonomy.load().concepts.values()}
    rows = []
    for s in model.suggest([t for _, t in untagged], MIN_COSINE if min_cosine is None else min_cosine):
        n, text = untagged[s.index]
        rec = _rec_of(idx, n)
        rows.append({"item": n.id, "kind": n.KIND, "review": getattr(n, "review", None),
                     "number": rec.number if rec else getattr(n, "number", None), "text": text,
                     "theme": f"theme:{s.theme}", "label": labels.get(s.theme, s.theme), "cosine": s.cosine,
                     "evidence": s.evidence})
    return rows
