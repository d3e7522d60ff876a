"""Build the graph from parsed documents: reviews, documents, recommendations with their actions and
status history, learning, agencies (resolved through the registry) and their lineage.

The graph is a pure function of the set of documents: the same documents in any order give the same
graph, which is what makes re-ingest idempotent.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from reviewgraph.graph import dhrd_build, similarity, themes
from reviewgraph.graph.agencies import AgencyRegistry, Mention, Resolution
from reviewgraph.graph.collector import collector_paused
from reviewgraph.graph.fuzzy_names import FuzzyNames
from reviewgraph.graph.graphdata import ReviewGraph
from reviewgraph.graph.ids import action_id, document_id, learning_id, rec_id, review_id, slug, status_id
from reviewgraph.graph.merge import bare_number, group_reviews, match_recs
from reviewgraph.graph.owners import OwnerSource, decide_owner, lead_agency, subject_of
from reviewgraph.graph.status import document_key  # the documents' order is the status rule's
from reviewgraph.graph.model import Action, Agency, Document, Learning, Node, Recommendation, Review, StatusUpdate
from reviewgraph.records.dates import parse_date_cell
from reviewgraph.records.kinds import Level, ReviewKind
from reviewgraph.records.parsed import ParsedAction, ParsedDocument, ParsedPlan, ParsedRec
from reviewgraph.records.status import classify_status

__all__ = ["build_graph"]

_SCOPES = ("national", "regional", "local")
#: rapidfuzz ratio at or above which two names of organisations unknown to the registry are one body
UNKNOWN_SAME = 92.0


@dataclass
class _Rec:
    parsed: ParsedRec
    doc: str
    plan_sections: list[str] = field(default_factory=list)
    plan_numbers: list[str] = field(default_factory=list)
    scope_raw: str | None = None
    sources: list[str] = field(default_factory=list)
    versions: list[tuple[ParsedDocument, ParsedPlan, ParsedRec]] = field(default_factory=list)
    plan_doc: str | None = None  # the sha256 of the document whose plan row this recommendation was first


class _Agencies:
    """Agency nodes on demand: registry agencies with their lineage, unknown ones kept and flagged."""

    def __init__(self, graph: ReviewGraph, registry: AgencyRegistry) -> None:
        self.g = graph
        self.registry = registry
        self.cache: dict[str, Resolution | None] = {}
        self.unknown: dict[str, Resolution] = {}
        self.unknown_names = FuzzyNames(UNKNOWN_SAME)  # in the order met
        self.mention_cache: dict[str, list[Mention]] = {}

    def resolve(self, mention: str | None) -> Resolution | None:
        if not mention or not mention.strip():
            return None
        if mention not in self.cache:
            res = self.registry.resolve(mention)
            if res is not None and not res.resolved and not res.shared:
                res = self._same_unknown(res)
            self.cache[mention] = res
        return self.cache[mention]

    def mentions(self, text: str) -> list[Mention]:
        """The registry agencies named in ``text`` (found once per distinct text: a fifth of the texts
        recur)."""
        found = self.mention_cache.get(text)
        if found is None:
            found = self.mention_cache[text] = self.registry.find_mentions(text)
        return found

    def _same_unknown(self, res: Resolution) -> Resolution:
        """An organisation the registry does not know, spelt as before or with OCR damage ("Currlew Heath
        Adult Social Care"), is the one already met: the first spelling met names it."""
        key = res.agency.name.lower()
        hit = self.unknown_names.best(key)  # extractOne over the names met, without asking every one
        if hit is not None:
            return self.unknown[hit]
        self.unknown_names.add(key)
        self.unknown[key] = res
        return res

    def node(self, res: Resolution, prov: Node) -> list[str]:
        """Add the agency (and for a shared owner its parts); returns the ids to link to."""
        agency = res.agency
        if agency.id not in self.g.nodes:
            if agency.doc.startswith("registry:") and not res.resolved and agency.line_start == 0:
                agency = agency.model_copy(update={"doc": prov.doc, "line_start": prov.line_start,
                                                   "line_end": prov.line_end})
            self.g.add_node(agency.model_copy(deep=True))
        for part in res.parts:
            ids = self.node(part, prov)
            for pid in ids:
                if pid != agency.id:
                    self.g.link(pid, "MEMBER_OF", agency.id, prov)
        if res.department_of is not None:  # a department: part of its organisation
            for pid in self.node(res.department_of, prov):
                self.g.link(agency.id, "MEMBER_OF", pid, prov)
        return [agency.id]

    def lineage(self) -> None:
        links = self.registry.lineage()
        by_source: dict[str, list] = {}
        for link in links:
            by_source.setdefault(link.source, []).append(link)
        todo = [a.id for a in self.g.of_kind("Agency")]
        seen = set(todo)
        while todo:
            aid = todo.pop()
            for link in by_source.get(aid, []):
                target = self.registry.agencies.get(link.target)
                if target is None:
                    continue
                if target.id not in self.g.nodes:
                    self.g.add_node(target.model_copy(deep=True))
                if target.id not in seen:
                    seen.add(target.id)
                    todo.append(target.id)
                src = self.g.nodes[aid]
                props = {"date": link.date} if link.type == "SUCCEEDED_BY" else {}
                edge_prov = src if src.doc.startswith("registry:") else self.registry.agencies.get(aid, src)
                self.g.add_edge(_edge(aid, link.type, target.id, edge_prov, link.line, props))


def _edge(source: str, type_: str, target: str, prov: Node, line: int, props: dict):  # type: ignore[no-untyped-def]
    from reviewgraph.graph.model import Edge
    return Edge(source=source, target=target, type=type_, doc=prov.doc, line_start=line or prov.line_start,
                line_end=line or prov.line_end, props=props)


def build_graph(docs: Iterable[ParsedDocument], registry: AgencyRegistry | None = None) -> ReviewGraph:
    """The graph of ``docs``, which is iterated once and never changed. The build lets each review's
    documents go once the review is built: documents that nothing else holds (a generator, as the store
    gives them) are freed before the themes and the similarity links, so the graph reuses their memory."""
    with collector_paused():
        registry = registry or AgencyRegistry.load()
        g = ReviewGraph()
        agencies = _Agencies(g, registry)
        reviews, datasets = _split(docs)
        for key, group in reviews:
            _build_review(g, key, group, agencies)
            del group
        del reviews
        dhrd_build.add_datasets(g, datasets)  # DHRD tables: Review nodes with tags, matched to the reviews above
        del datasets
        agencies.lineage()
        del agencies  # its caches (every mention and lead resolved: 13 MB at 1,000 reviews), before the peak
        themes.tag_graph(g)
        similarity.link_similar(g)
        return g


def _split(docs: Iterable[ParsedDocument]) -> tuple[Iterator[tuple[str, list[ParsedDocument]]],
                                                      list[ParsedDocument]]:
    """The documents of each review, by review key (:func:`_one_review_at_a_time`), and the dataset
    tables."""
    plain: list[ParsedDocument] = []
    datasets: list[ParsedDocument] = []
    for d in docs:
        (datasets if d.dataset else plain).append(d)
    return _one_review_at_a_time(group_reviews(plain)), datasets


def _one_review_at_a_time(groups: dict[str, list[ParsedDocument]]) -> Iterator[tuple[str, list[ParsedDocument]]]:
    """Each review's key and documents, in key order; the generator owns ``groups`` and drops each review's
    documents as it gives them out (while one review is built, the ones before it can be freed)."""
    pending = sorted(groups.items(), reverse=True)
    del groups
    while pending:
        yield pending.pop()


def _first(values: list[str | None]) -> str | None:
    return next((v for v in values if v), None)


def _build_review(g: ReviewGraph, key: str, docs: list[ParsedDocument], agencies: _Agencies) -> None:
    rid = review_id(key)
    hints = [d.hints for d in docs]
    area, number = _first([h.area for h in hints]), _first([h.number for h in hints])
    pseudonym, partnership = _first([h.pseudonym for h in hints]), _first([h.partnership for h in hints])
    title = " ".join(p for p in (area or partnership, number, f"'{pseudonym}'" if pseudonym else None) if p) \
        or docs[0].title
    lead_doc = docs[0]
    published = _first([_iso(h.date_raw) for h in hints])
    kind = _first([h.review_kind for h in hints]) or ReviewKind.DHR
    if any(h.review_kind_raw == "DHR/SAR" for h in hints):  # a joint review is one kind of its own
        kind = ReviewKind.DHR_SAR
    review = Review(id=rid, title=title, review_kind=kind, area=area,
                    partnership=partnership, number=number, pseudonym=pseudonym,
                    death_date=_first([h.death_date for h in hints]), published=published,
                    doc=document_id(lead_doc.sha256), line_start=1, line_end=min(lead_doc.line_count, 40) or 1)
    g.add_node(review)
    for d in docs:
        did = document_id(d.sha256)
        as_of_raw = _first([p.as_of_raw for p in d.plans])
        g.add_node(Document(id=did, doc_kind=d.doc_kind, title=d.title, file_name=d.file_name, sha256=d.sha256,
                            review=rid, as_of=_iso(as_of_raw), as_of_raw=as_of_raw, line_count=d.line_count,
                            notes=d.notes, doc=did, line_start=1, line_end=max(d.line_count, 1)))
        g.link(rid, "HAS_DOCUMENT", did, g.nodes[did])

    # the recommendations: the report's numbering if there is a report, else the earliest plan's
    report = next((d for d in docs if d.report_recs), None)
    plans = sorted(((d, p) for d in docs for p in d.plans),
                   key=lambda dp: document_key(_iso(dp[1].as_of_raw), dp[0].doc_kind, dp[0].file_name))
    base: list[_Rec] = []
    if report is not None:
        base = [_Rec(parsed=r, doc=document_id(report.sha256)) for r in report.report_recs]
    for d, plan in plans:
        # a row is matched to the report's recommendations and to other documents' rows, never to the rows
        # of another table of its own document (a tracker's "Open" and "Completed" sheets are different
        # recommendations)
        others = [b for b in base if b.plan_doc != d.sha256]
        matched = match_recs([b.parsed for b in others], plan.recs, by_number=True) if others else {}
        for i, prow in enumerate(plan.recs):
            if i in matched:
                b = others[matched[i]]
            else:
                b = _Rec(parsed=prow, doc=document_id(d.sha256), plan_doc=d.sha256)
                base.append(b)
            if prow.section:
                b.plan_sections.append(prow.section)
            if prow.number:
                b.plan_numbers.append(prow.number)
            b.scope_raw = b.scope_raw or prow.scope_raw
            b.versions.append((d, plan, prow))

    partnership_res = agencies.registry.publisher(partnership) if partnership else None
    glossary: dict[str, str] = {}
    for d in sorted(docs, key=lambda d: not d.report_recs):  # a report's glossary before a plan's
        for short, full in d.glossary.items():
            glossary.setdefault(short, full)
    rec_ids: list[str] = []
    numbers = [b.parsed.number or "" for b in base]
    for ordinal, b in enumerate(base, 1):
        p = b.parsed
        num = p.number or str(ordinal)
        section = p.section or _first(b.plan_sections)
        # the section's slug is shortened (with a hash of the whole, see graph.ids.slug), the number never
        unique = num if numbers.count(num) == 1 else f"{slug(section or 'x', 40)}-{num}"
        if rec_id(key, unique) in g.nodes:  # the same number twice under one heading: keep both
            unique = f"{unique}-{ordinal}"
        rec_node_id = rec_id(key, unique)
        owner_res, _ = decide_owner(_owner_sources(agencies, b), agencies.resolve, partnership_res, glossary)
        scope = next((s for s in _SCOPES if b.scope_raw and s in b.scope_raw.lower()), None)
        plan_number = _first(b.plan_numbers)
        rec = Recommendation(
            id=rec_node_id, review=rid, number=num, number_inferred=p.number_inferred or p.number is None,
            plan_number=plan_number if plan_number and plan_number != num else None, section=section,
            text=p.text, level=p.level or (Level.single_agency if section and owner_res is not partnership_res
                                           else Level.panel),
            scope=scope, scope_raw=b.scope_raw, owner=owner_res.agency.name if owner_res else None,
            ordinal=ordinal, doc=b.doc, line_start=p.span.line_start, line_end=p.span.line_end, page=p.span.page,
            sources=[f"{b.doc}:{p.span.line_start}-{p.span.line_end}"] + [
                f"{document_id(d.sha256)}:{r.span.line_start}-{r.span.line_end}" for d, _, r in b.versions])
        g.add_node(rec)
        rec_ids.append(rec.id)
        g.link(rid, "MADE", rec.id, rec)
        if owner_res is not None:
            for aid in agencies.node(owner_res, rec):
                g.link(rec.id, "ADDRESSED_TO", aid, rec)
        _mentions(g, agencies, rec, rec.text, owner_res)
        taken: dict[str, int] = {}  # actions already read from each document (two rows of one document
        for d, plan, prow in b.versions:  # matched to one recommendation number their actions on)
            first = taken.get(d.sha256, 0)
            for k, pa in enumerate(prow.actions, first + 1):
                _action(g, agencies, rec, k, pa, d, plan, partnership_res, glossary)
            taken[d.sha256] = first + len(prow.actions)

    review_recs = [n for n in (g.nodes[x] for x in rec_ids) if isinstance(n, Recommendation)]
    for d in docs:
        did = document_id(d.sha256)
        for k, item in enumerate(d.learning, 1):
            lid = learning_id(key, item.number)
            other = g.nodes.get(lid)
            if other is not None and other.doc == did:  # the same number twice in one document: keep both
                lid = learning_id(key, f"{item.number}-{k}")
            node = Learning(id=lid, review=rid, number=item.number, text=item.text, applies_raw=item.applies_raw,
                            doc=did, line_start=item.span.line_start, line_end=item.span.line_end,
                            page=item.span.page)
            g.add_node(node)
            g.link(rid, "IDENTIFIED", lid, node)
            _mentions(g, agencies, node, item.text)
            for n in item.applies:
                target = _find_rec(review_recs, n)
                if target:
                    g.link(lid, "INFORMS", target, node)


def _owner_sources(agencies: _Agencies, b: _Rec) -> list[OwnerSource]:
    """Every place the documents name the recommendation's owner (see :mod:`reviewgraph.graph.owners` for the order)."""
    rows = [b.parsed, *(prow for _, _, prow in b.versions)]
    out = [OwnerSource(r.owner_how, r.owner_raw) for r in rows if r.owner_how]
    if not any(s.how == "subject" for s in out):
        subject = subject_of(b.parsed.text)
        if subject:
            out.append(OwnerSource("subject", subject))
    out += [OwnerSource("heading", h) for h in (b.parsed.section, *b.plan_sections) if h]
    # failing all of those, an organisation (not a person) leading one of its actions
    out += [OwnerSource("lead", a.agency or a.lead) for r in rows for a in r.actions if a.agency or a.lead]
    return out


def _iso(raw: str | None) -> str | None:
    if not raw:
        return None
    d = parse_date_cell(raw).last
    return d.iso if d else None


def _mentions(g: ReviewGraph, agencies: _Agencies, node: Node, text: str, owner: Resolution | None = None) -> None:
    """MENTIONS links for the registered agencies the text names; for a recommendation, not a part of its
    owner's own name read as another body ("Adult Social Care" of "Brackenford Council Adult Social Care")."""
    owned, own_ids = _names_of(owner) if owner is not None else ((), set())
    for m in agencies.mentions(text):
        agency = agencies.registry.agencies.get(m.agency_id)
        if agency is None:
            continue
        if m.agency_id not in own_ids and any(m.matched.lower() in n for n in owned):
            continue  # a generic body read inside the owner's name, not another body the text names
        if agency.id not in g.nodes:
            g.add_node(agency.model_copy(deep=True))
        g.link(node.id, "MENTIONS", agency.id, node, evidence=m.matched)


def _names_of(res: Resolution) -> tuple[tuple[str, ...], set[str]]:
    """The lower-case names an owner is written by, and the ids of the bodies it is: itself, its parts (a
    shared owner) and the organisation a department is part of."""
    todo, seen = [res], []
    while todo:
        r = todo.pop()
        seen.append(r)
        todo += [*r.parts, *([r.department_of] if r.department_of is not None else [])]
    names = tuple(n.lower() for r in seen for n in (r.agency.name, *r.agency.aliases))
    return names, {r.agency.id for r in seen}


def _status_words(words: str | None, cell: str | None) -> str | None:
    """What an action's status was read from: its status cell as written where the deciding words are in it
    ("40% Amber", not "Amber" alone), the cell where no words decided, else the words (from progress text)."""
    if cell and (not words or words.casefold() in cell.casefold()):
        return cell
    return words


def _find_rec(recs: list[Recommendation], number: str) -> str | None:
    exact = [r for r in recs if r.number == number] or [r for r in recs if bare_number(r.number) == number]
    if len(exact) == 1:
        return exact[0].id
    tail = [r for r in recs if r.number.split(".")[-1] == number and "." in r.number]
    if tail:
        return sorted(tail, key=lambda r: r.ordinal)[0].id
    if exact:
        return sorted(exact, key=lambda r: (r.level != Level.panel, r.ordinal))[0].id
    return None


def _action(g: ReviewGraph, agencies: _Agencies, rec: Recommendation, k: int, pa: ParsedAction,
            d: ParsedDocument, plan: ParsedPlan, publisher: Resolution | None, glossary: dict[str, str]) -> None:
    did = document_id(d.sha256)
    start, target = parse_date_cell(pa.start_raw), parse_date_cell(pa.target_raw)
    # a status column, else progress text, else a word in the target cell ("Completed"); the outcome column
    # says what should change more often than what did, so it comes last. Status words nobody reads as a
    # status stay as written (status_raw), never dropped
    status, words = classify_status(pa.status_raw, pa.progress, pa.target_raw, pa.outcome)
    first, last = start.first, target.last
    flagged = [c.raw for c in (start, target) if c.flagged]
    as_of = _iso(plan.as_of_raw)
    aid = action_id(rec.id, k)
    action = Action(id=aid, review=rec.review, recommendation=rec.id, ordinal=k, text=pa.text, lead=pa.lead,
                    milestones=pa.milestones, start=first.iso if first else None, start_raw=pa.start_raw,
                    target=last.iso if last else None, target_raw=pa.target_raw,
                    target_end=last.end_iso if last else None, dates_flagged=flagged, status=status,
                    status_raw=_status_words(words, pa.status_raw), progress=pa.progress, outcome=pa.outcome, as_of=as_of, doc=did,
                    line_start=pa.span.line_start, line_end=pa.span.line_end, page=pa.span.page)
    node = g.add_node(action)
    g.link(rec.id, "HAS_ACTION", aid, action)
    su = StatusUpdate(id=status_id(aid, did), action=aid, status=status, as_of=as_of, progress=pa.progress,
                      doc=did, line_start=pa.span.line_start, line_end=pa.span.line_end, page=pa.span.page)
    g.add_node(su)
    g.link(aid, "HAS_STATUS", su.id, su)
    # the body an Agency column names beside a person leading it ("Jenna Morrow, Principal Social Worker" /
    # "Pellingford Adult Social Care"), else the lead cell read as an organisation
    res = lead_agency(pa.agency, agencies.resolve, publisher, glossary) or \
        lead_agency(pa.lead, agencies.resolve, publisher, glossary)
    if res is not None:
        for agency_node in agencies.node(res, node):
            g.link(aid, "LED_BY", agency_node, action, shared=res.shared)
