"""Render a synthetic review's overview report: title page, index, numbered sections, a Learning section
("16.3 Narrative Recommendations 3 and 4 apply"), a Recommendations section (panel recommendations, then
single-agency ones under agency headings), an optional Appendix A action plan and a glossary."""

from __future__ import annotations

from typing import Any

from reviewgraph.synth.content import ReviewSpec
from reviewgraph.synth.plan import render_plan
from reviewgraph.synth.render import Page, ocr_text, written_agency
from reviewgraph.synth.vocab import PRACTICE_GLOSSARY

__all__ = ["render_report", "report_numbers"]

_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"]
CORE = ["Introduction", "Timescales", "Confidentiality", "Terms of Reference", "Methodology",
        "Involvement of family, friends, work colleagues and wider community", "Contributors to the review",
        "The review panel members", "Author and Chair of the overview report"]
TAIL = ["Background, Overview and Chronology", "Analysis", "Conclusions", "Learning", "Recommendations"]
QUESTIONS = [
    "What indicators of domestic abuse, including coercive and controlling behaviour, did your agency have "
    "that could have identified {v} as a victim of domestic abuse and what was the response?",
    "Were the MARAC procedures effective in protecting {v} from domestic abuse?",
    "What knowledge did your agency have that indicated the perpetrator might be a perpetrator of domestic "
    "abuse and what was the response?",
    "What services, or signposting, did your agency offer {v} and were they accessible and appropriate?",
    "What knowledge or concerns did the victim's family, friends and employers have about {v}'s "
    "victimisation and did they know what to do with it?",
    "Does the learning in this review appear in other domestic homicide reviews commissioned by {place}?",
]
PARAS = {
    "Introduction": [
        "In {death} following a call to the ambulance service, {v} was found to have died at her home in "
        "{place}. The perpetrator was arrested and later convicted of her murder.",
        "This report of a Domestic Homicide Review (DHR) examines agency responses and support given to {v}, "
        "a resident of {place}, prior to her death. The panel offers its condolences to {v}'s family.",
        "The review also considers the past to identify any relevant background or evidence of abuse before "
        "the homicide, and whether support was available within the community."],
    "Timescales": ["The review began in {start} and was completed in {end}. It took longer than six months "
                   "because the criminal trial had to conclude first."],
    "Confidentiality": ["The findings of the review are confidential until publication. {v} is a pseudonym "
                        "agreed with the family."],
    "Methodology": ["Following {v}'s death, formal notification was sent to {partnership} by {police}. A "
                    "scoping meeting agreed to conduct a Domestic Homicide Review. The review panel met {n} "
                    "times."],
    "Involvement of family, friends, work colleagues and wider community": [
        "The chair wrote to {v}'s family and met her sister, who contributed to the review and read the "
        "report before publication."],
    "Author and Chair of the overview report": [
        "{chair} was chosen as the independent chair. {author} wrote the report. Neither has worked for any "
        "agency involved in this review."],
    "Parallel Reviews": ["The inquest was adjourned at the conclusion of the criminal trial. There were no "
                         "other parallel reviews."],
    "Equality and Diversity": ["Section 4 of the Equality Act 2010 defines protected characteristics. There "
                               "is no evidence arising from the review of bias in the delivery of services."],
    "Dissemination": ["The report will be shared with the agencies represented on the panel and with the "
                      "Safeguarding Adults Board."],
    "Background, Overview and Chronology": [
        "{v} was born in {place} and lived there all her life. She had contact with several agencies in the "
        "years before her death.",
        "The perpetrator had a history of abusive behaviour towards previous partners that was known to "
        "{police}."],
    "Conclusions": [
        "The collective response of agencies in {place} to the escalating risks faced by {v} lacked urgency "
        "and coordination.",
        "Opportunities to intervene and manage the perpetrator's behaviour were not maximised by any agency.",
        "Agencies did not always recognise changing risk factors, share information or follow their own "
        "procedures."],
}


def report_numbers(review: ReviewSpec, style: Any) -> tuple[list[tuple[str, int]], dict[int, str]]:
    titles = [*CORE, *style.optional_sections, *TAIL]
    sections = list(enumerate(titles, 1))
    rec_section = len(titles)
    return [(t, k) for k, t in sections], {r.ordinal: f"{rec_section}.{r.ordinal}" for r in review.recs}


def _month(ym: tuple[int, int]) -> str:
    return f"{_MONTHS[ym[1] - 1]} {ym[0]}"


def _heading(page: Page, k: int | str, title: str, upper: bool = False) -> None:
    t = title.upper() if upper else title
    page.add(f"{k} **{t}**" if page.style.bold else f"{k} {t}", "")


def _applies(nums: list[int]) -> str:
    if len(nums) == 1:
        return f"Recommendation {nums[0]} applies"
    return "Recommendations " + ", ".join(str(n) for n in nums[:-1]) + f" and {nums[-1]} apply"


def render_report(page: Page, review: ReviewSpec) -> dict[str, Any]:
    rng, style = page.rng, page.style
    p = review.partnership
    police = p.agencies[0].name
    slots = dict(v=review.pseudonym, place=p.place, death=_month(review.death), partnership=p.name,
                 police=police, chair=review.chair, author=review.author, n=str(rng.randint(3, 7)),
                 start=_month(review.death), end=_month(review.report_date))
    sections, nos = report_numbers(review, style)
    title = rng.choice([["Domestic Homicide Review", "", review.number], [f"Domestic Homicide Review ({review.number})"],
                        [f"Domestic Homicide Review {review.number}"]])
    page.add("", "", p.name, "", *title, "", "Overview Report", "", f"'{review.pseudonym}'",
             "", f"Died {_month(review.death)}", "", f"Chair {review.chair}", "", f"Author {review.author}", "",
             f"Date {_month(review.report_date)}", "",
             f"This report is the property of {p.name}. It must not be distributed or published without the "
             "express permission of its Chair. Prior to its publication it is marked Official Sensitive.", "",
             "\tINDEX\tPage")
    pg = 3
    for title, k in sections:
        page.add(f"{k}\t{title}\t{pg}")
        pg += rng.randint(1, 4)
    if review.has_appendix:
        page.add(f"\tAppendix A Action plan\t{pg}")
    page.add(f"\tAppendix {'B' if review.has_appendix else 'A'} Glossary of Abbreviations\t{pg + 6}", "")
    truth: dict[str, Any] = {"recs": [], "learning": []}
    for title, k in sections:
        if title == "Learning":
            _heading(page, k, "Learning", upper=True)
            page.add("This learning arises following debate within the DHR panel.", "")
            for item in review.learning:
                line = page.next_no
                num = f"{k}.{item.ordinal}"
                narrative, _ = ocr_text(rng, item.narrative, style.noise.ocr_word)
                if style.learning_fmt == 0:
                    bold = "**Narrative**" if style.bold else "Narrative"
                    page.add(f"{num} {bold} {_applies(item.applies)}", "", narrative, "", "Learning", "",
                             item.text, "")
                else:
                    page.add(f"{num} {narrative} {item.text} ({_applies(item.applies)}.)", "")
                truth["learning"].append({"number": num, "line": line,
                                          "applies": [nos[a] for a in item.applies]})
            continue
        if title == "Recommendations":
            _heading(page, k, "Recommendations", upper=True)
            page.add("DHR Panel", "", "The panel's recommendations have been developed in partnership with the "
                     "panel.", "")
            section = "DHR Panel"
            for rec in review.recs:
                if rec.section != section:
                    if section == "DHR Panel":
                        page.add("Single agency recommendations", "")
                    section = rec.section
                    page.add(written_agency(page, rec.owner.name, rec.owner.aliases, acronym=0.1), "")
                text, hits = ocr_text(rng, rec.text, style.noise.ocr_word)
                page.count("ocr_words", hits)
                truth["recs"].append({"ordinal": rec.ordinal, "number": nos[rec.ordinal], "line": page.next_no,
                                      "number_written": True})
                page.add(f"{style.bullets}{nos[rec.ordinal]} {text}")
                if rng.random() < 0.5:
                    page.add("")
            page.add("")
            continue
        _heading(page, k, title, upper=title in ("Analysis", "Conclusions"))
        if title == "Terms of Reference":
            page.add(f"{k}.1 The purpose of a DHR is to establish what lessons are to be learned from the death "
                     "regarding the way in which local professionals and organisations work together.", "",
                     f"{k}.2 **Case Specific Terms**" if style.bold else f"{k}.2 Case Specific Terms", "")
            for i, q in enumerate(rng.sample(QUESTIONS, 4), 1):
                page.add(f"{i}. {q.format(**slots)}")
            page.add("")
        elif title == "Contributors to the review":
            page.add(f"{k}.1\tAgency\tContribution")
            for a in rng.sample(p.agencies, 4):
                page.add(f"{a.name}\t{rng.choice(['IMR', 'Chronology', 'Report'])}")
            page.add("")
        elif title == "The review panel members":
            page.add("Name\tRole\tAgency")
            for a in rng.sample(p.agencies, 3):
                page.add(f"{rng.choice(['Jo', 'Sam', 'Alex'])} {rng.choice(['Tarrant', 'Elwood', 'Penrose'])}"
                         f"\t{rng.choice(['Head of Service', 'Safeguarding Lead', 'Detective Inspector'])}\t{a.name}")
            page.add("")
        elif title == "Analysis":
            agency_recs = [r for r in review.recs if r.level != "panel"] or review.recs
            for j, rec in enumerate(agency_recs[:3], 1):
                phrase = rec.phrases[0]
                who = rec.owner.name if rec.level != "panel" else police
                cap = phrase[0].upper() + phrase[1:]
                page.add(f"{k}.{j} **{cap}**" if style.bold else f"{k}.{j} {cap}",
                         "", f"{k}.{j}.1 {who} had contact with {review.pseudonym} on "
                         f"{rng.randint(2, 9)} occasions. The panel considered whether {phrase} was "
                         "adequate and concluded that it was not.", "")
        else:
            for j, para in enumerate(PARAS.get(title, []), 1):
                text, _ = ocr_text(rng, para.format(**slots), style.noise.ocr_word)
                page.add(f"{style.bullets if title == 'Conclusions' else ''}{k}.{j} {text}", "")
    if review.has_appendix:
        page.add(f"Appendix A Action Plan {review.pseudonym} DHR {p.name}", "")
        truth["appendix"] = render_plan(page, review, "action_plan", nos)
        page.add("")
    page.add("Glossary of Abbreviations", "")
    gloss = {a.acronym: a.name for a in [p.agency, *p.agencies] if a.acronym}
    gloss.update(dict(PRACTICE_GLOSSARY))
    for acr in sorted(gloss):
        page.add(f"{acr}\t{gloss[acr]}")
    return truth
