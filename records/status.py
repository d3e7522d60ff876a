"""Status of an action from what a plan writes: a Status/RAG column, progress text ("on going",
"COMPLETE", "No response received to date"), or words in a date cell ("Completed").

A text is read as a reader would read it, sentence by sentence (each may be an update appended to the
cell), and in a sentence clause by clause (";", ":", ",", " - ", brackets):

- **The last sentence that states a status decides** ("Audit to be completed by April. COMPLETE",
  "Letter sent. No response received to date.").
- **In a sentence, a clause that is a status by itself decides** ("In progress - tender closed", "Status:
  complete", "This action is now complete", "Closed - not achieved"): a status word after a subject of its
  own ("tender closed") only qualifies it. Failing such a clause, the last status word of the sentence
  decides ("Training delivered to all staff"). Words that are too often about something else ("closed",
  "done", "overdue", a colour: "Green Lane Surgery") count only as a clause by themselves.
- **Negation flips completion**: "Not yet complete", "Incomplete", "Cannot be completed", "Not achieved" say
  the work is open, not done. Words in a condition ("... until funding agreed", "once signed off") and in
  the future ("to be completed by April") state nothing yet.
- Statuses are the model's four (``graph.model.Status``). ``in_progress`` stands for *open: not finished*
  whenever the words say the work is unfinished without saying nothing was done ("Delayed", "On track",
  "Overdue", "Incomplete", "Not complete - awaiting sign off", "Closed - not achieved, carried into new
  plan"); ``not_started`` only when they say nothing was done ("Not started", "No response received", "No
  progress", "Red"). An action closed because it is no longer needed ("No longer required", "Superseded by
  national guidance", "Withdrawn") is ``complete``, since nothing is left to do on it; the words that
  decided are kept (``status_raw``) so a reader sees which.
- A bare RAG colour ("Red") is a code whose meaning differs between plans; when the progress text opens
  with a status in words ("Delayed: consultation extended"), the words decide.
"""

from __future__ import annotations

import functools
import re

from reviewgraph.records.dates import parse_date_cell

__all__ = ["classify_status", "STATUS_WORDS"]

# Phrases, longest first inside each alternation. ``lead`` phrases count only when they open a statement:
# mid-sentence they are too often about something else ("the tender closed", "Green Lane Surgery").
_COMPLETE = (r"complete[d]?|achieved|implemented|done|delivered|finished|signed off|already in place|"
             r"in place|"
             r"closed|no longer (?:required|needed|necessary|applicable|relevant)|not (?:required|needed)|"
             r"superseded|withdrawn|green|blue|fully met|met")
_COMPLETE_LEAD_ONLY = {"done", "closed", "not required", "not needed", "superseded", "withdrawn", "green",
                       "blue", "met", "fully met"}
_IN_PROGRESS = (r"on\s?-?going|in progress|under\s?way|progressing|partially (?:complete[d]?|implemented|"
                r"achieved|met|in place)|being (?:[a-z]+ed|[a-z]+en|done|made|built|set up|"
                r"drawn up|rolled out|written|undertaken)|awaiting|pending|in development|amber|started|"
                r"on (?:track|target|schedule)|off track|behind schedule|delayed|overdue|incomplete|"
                r"outstanding|"
                r"slipped|at risk|carried (?:forward|over|into)|rolled (?:forward|over)|"
                r"partly met|not (?:yet )?met|on hold|open|live")
_IN_PROGRESS_LEAD_ONLY = {"delayed", "overdue", "outstanding", "slipped", "at risk", "amber", "on track",
                          "on target", "on schedule", "off track", "partly met", "not met", "not yet met",
                          "on hold", "open", "live"}
_NOT_STARTED = (r"not (?:yet )?(?:been )?(?:started|begun|commenced|actioned|progressed)|"
                r"yet to (?:start|begin|"
                r"commence|be (?:started|actioned))|no response(?: received)?|no progress|no update|red")
_NOT_STARTED_LEAD_ONLY = {"red"}

STATUS_WORDS: list[tuple[str, re.Pattern[str]]] = [
    ("not_started", re.compile(rf"\b(?:{_NOT_STARTED})\b", re.I)),
    ("in_progress", re.compile(rf"\b(?:{_IN_PROGRESS})\b", re.I)),
    ("complete", re.compile(rf"\b(?:{_COMPLETE})\b", re.I)),
]
# all three in one pattern: at one place the longer phrase of its kind is tried first ("not started" before
# "started", "partially complete" before "complete"), so matches never nest
_ANY = re.compile(rf"\b(?:(?P<not_started>{_NOT_STARTED})|(?P<in_progress>{_IN_PROGRESS})|"
                  rf"(?P<complete>{_COMPLETE}))\b", re.I)
_LEAD_ONLY = {"complete": _COMPLETE_LEAD_ONLY, "in_progress": _IN_PROGRESS_LEAD_ONLY,
              "not_started": _NOT_STARTED_LEAD_ONLY}

# sentences (each may be an update appended to a cell) and the clauses of a sentence
_SENTENCE = re.compile(r"(?<=\w)[.!?](?=\s|$)|[\n\r]+")
_SPLIT = re.compile(r"[;:,()\[\]]|\s[-–—]+\s|\s[-–—]+$|^[-–—]+\s")
# a condition clause runs to the end of its statement and states nothing yet
_CONDITION = re.compile(r"\b(?:until|unless|once|when|whenever|if|subject to|dependent on|depending on)\b.*",
                        re.I | re.S)
# a negation just before a completion word: "not yet complete", "cannot be completed", "has not been met"
_NEGATION = re.compile(r"\b(?:not|never|cannot|can ?not|can't|can’t|couldn't|couldn’t|unable to|"
                       r"won't|won’t|yet to)\b"
                       r"(?:\s+(?:yet|been|be|being|fully|all|to|able|now|ever|so far|currently))*\s*$", re.I)
# the future or a possibility: "to be completed", "will be implemented", "should be in place"
_FUTURE = re.compile(r"\b(?:to|will|shall|should|would|must|may|might|could|can|going to)"
                     r"(?:\s+(?:be|have|been|fully|also|then|now|all))*\s*$", re.I)
# words that may stand before a status phrase that opens a statement: labels, dates, and the action itself
_OPENER_WORDS = frozenset("""status update updated updates progress rag brag rating rated current currently
overall now as at of on this the action actions work task tasks it all recommendation is are was were has
have had
been being fully still remains remain so far to date yet marked position latest please note overall nb
""".split())
# what may follow a status phrase and still leave it a statement: a qualifying phrase ("Delayed by the
# consultation", "Superseded by national guidance", "Completed in March"), not a noun it describes
# ("Ongoing training")
_QUALIFIER = re.compile(r"(?:by|in|on|at|from|with|as|for|due|because|since|following|after|owing|and|but|"
                        r"pending|awaiting|per|via|within|across|to date|now|yet|already|last|this|today)\b",
                        re.I)
_NOT_BEFORE = re.compile(r"\b(?:not|never)\s*$", re.I)
_PREV_WORD = re.compile(r"(\S+)(\s+)$")
_COLOUR = re.compile(r"^(?:red|amber|green|blue)$", re.I)
_MONTHS = re.compile(r"^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*$", re.I)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")


def _only_openers(words: str) -> bool:
    """True when the words are only labels, dates and the action itself ("Status:", "This action is now",
    "to date", "as at June 2015")."""
    if len(words) > 100:
        return False  # longer than any run of labels and dates
    return all(w.lower() in _OPENER_WORDS or _MONTHS.match(w) or w.lower() in ("st", "nd", "rd", "th")
               for w in _WORD.findall(words))


def _hits(sentence: str, start_at: int, stop_at: int,
          found: list[re.Match[str]]) -> list[tuple[str, str, bool]]:
    """(status, words, whether the phrase is the whole statement) for the status phrases ``found`` in the
    clause ``sentence[start_at:stop_at]``."""
    cond = _CONDITION.search(sentence, start_at, stop_at)
    clause = sentence[start_at:cond.start() if cond else stop_at]
    out = []
    for m in found:
        if m.start() < start_at or m.end() > start_at + len(clause):
            continue
        start, end, status, words = m.start() - start_at, m.end() - start_at, m.lastgroup or "", m.group(0)
        cut = max(0, start - 60)  # the words just before it (searching the whole clause is slow)
        before = clause[cut:start]
        negatable = status == "complete" and not words.lower().startswith(("no", "not"))
        neg = _NEGATION.search(before) if negatable else None
        if neg:
            status, start, words = "in_progress", cut + neg.start(), clause[cut + neg.start():end]
        elif status == "complete" and _FUTURE.search(before):
            continue  # "to be completed by April": a plan, not a status
        elif status != "not_started" and _NOT_BEFORE.search(before):
            continue  # "not on track", "not delayed": negated, and no status of its own
        after = clause[end:].strip()
        colour = bool(_COLOUR.match(words))
        whole = _only_openers(clause[:start]) and (
            _only_openers(after) or (not colour and (after[:1].isupper() or _QUALIFIER.match(after))
                                     and not _ANY.match(after)))
        if not whole and (colour or words.lower() in _LEAD_ONLY[status]):
            continue  # "the tender closed", "Green Lane Surgery": about something else
        out.append((status, words.strip(), whole))
    return out


def _clauses(sentence: str, found: list[re.Match[str]]) -> list[tuple[int, int]]:
    """(start, end) of the clauses of a sentence, given its status phrases. A capitalised status phrase
    starts a clause of its own (cells and lines joined without punctuation: "COMPLETE Ongoing", "Completed
    No response received") after another status phrase or a word that is not capitalised; after a
    capitalised word it is read as part of a title ("In Progress - Tender Closed")."""
    ends = {m.end() for m in found}
    cuts = {0, len(sentence)}
    for m in found:
        start = m.start()
        if not sentence[start:start + 1].isupper():
            continue
        prev = _PREV_WORD.search(sentence[max(0, start - 60):start])
        if prev and (start - len(prev.group(2)) in ends or not prev.group(1)[:1].isupper()):
            cuts.add(start)
    for sep in _SPLIT.finditer(sentence):
        cuts.add(sep.start())
        cuts.add(sep.end())
    edges = sorted(cuts)
    return list(zip(edges, edges[1:]))


#: an update that opens with its date ("12/01/2025: audit started", "14 May 2025 - training delivered"), at
#: the start of a cell or after a semicolon or a line break
_DATED_ENTRY = re.compile(r"(?:^|[;\n\r]\s*)(?P<date>\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}|(?:19|20)\d{2}-\d{1,2}-\d{1,2}|"
                          r"\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]{3,9}\.?\s+\d{4}|[A-Za-z]{3,9}\.?\s+\d{4})"
                          r"\s*[:\-–—]\s")


def _latest_entry(text: str) -> str | None:
    """Of a cell of dated updates ("12/01/2025: not started; 14/05/2025: training delivered", in either
    order), the latest one's text; None unless the cell holds two such updates or more, all dated."""
    starts = list(_DATED_ENTRY.finditer(text))
    if len(starts) < 2:
        return None
    entries = []
    for k, m in enumerate(starts):
        day = parse_date_cell(m.group("date")).first
        if day is None:
            return None
        end = starts[k + 1].start() if k + 1 < len(starts) else len(text)
        entries.append((day.iso, k, text[m.end():end]))
    return max(entries)[2]


#: a share of the work done, as a project tool exports it ("40%", "100 %", "0% complete")
_PERCENT = re.compile(r"^\s*(?P<n>\d{1,3}(?:\.\d+)?)\s*%(?:\s*(?:complete|done))?\s*(?:[;,/|-]\s*|$)")


@functools.lru_cache(maxsize=65536)
def _read(text: str) -> tuple[str, str, bool] | None:
    m = _PERCENT.match(text)
    if m and 0 <= float(m.group("n")) <= 100:
        rest = _read(text[m.end():]) if text[m.end():].strip() else None
        if rest is not None and rest[2]:
            return rest  # "40% Amber": the rating in words or colour says more than the share
        n = float(m.group("n"))
        words = m.group(0).strip(" ;,/|-")
        return ("complete" if n >= 100 else "not_started" if n == 0 else "in_progress"), words, True
    latest = _latest_entry(text)
    if latest is not None:
        found = _read_text(latest)
        if found is not None:
            return found
    return _read_text(text)


def _read_text(text: str) -> tuple[str, str, bool] | None:
    """(status, words, whether a statement of its own said it) for one text, or None when it says nothing.

    The last sentence that says anything decides (updates are appended); in a sentence, the last clause
    that is a status statement of its own ("In progress", "not achieved"), else the last status word."""
    found = None
    for sentence in _SENTENCE.split(text):
        phrases = list(_ANY.finditer(sentence))
        if not phrases:
            continue
        hits = [h for a, b in _clauses(sentence, phrases) for h in _hits(sentence, a, b, phrases)]
        whole = [h for h in hits if h[2]]
        if whole:
            found = whole[-1]
        elif hits:
            found = hits[-1]
    return found


_BARE_COLOUR = re.compile(r"^\W*(?:red|amber|green|blue)\W*$", re.I)


def classify_status(*texts: str | None) -> tuple[str, str | None]:
    """(status, the words that decided it) from the first text that says anything.

    >>> classify_status("Letter sent. No response received to date.")
    ('not_started', 'No response received')
    >>> classify_status("Audit to be completed by April. COMPLETE")
    ('complete', 'COMPLETE')
    >>> classify_status("Work not started")
    ('not_started', 'not started')
    >>> classify_status("Ongoing The review will measure")
    ('in_progress', 'Ongoing')
    >>> classify_status("In progress - tender closed")
    ('in_progress', 'In progress')
    >>> classify_status("Cannot be completed until funding agreed")
    ('in_progress', 'Cannot be completed')
    >>> classify_status("Red", "Delayed: consultation extended")
    ('in_progress', 'Delayed')
    """
    for i, text in enumerate(texts):
        if not text:
            continue
        found = _read(text)
        if found is None:
            continue
        status, words, _ = found
        if _BARE_COLOUR.match(text):
            # a colour is a code; progress opening with a status in words says what it stands for
            for later in texts[i + 1:]:
                said = _read(later) if later else None
                if said is not None and said[2] and not _BARE_COLOUR.match(said[1]):
                    return said[0], said[1]
        return status, words
    return "unknown", None
