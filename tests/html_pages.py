"""Synthetic review web pages (invented places, boards, agencies and people) with a council website's furniture.

A page as a Safeguarding Adults Board publishes a review: a cookie banner, a skip link, a header with a
menu, breadcrumbs, a sidebar of related links and a footer round a ``<main>`` that holds the report: its
title, narrative paragraphs (``chronology`` of them, to make the page as long as wanted), the learning, the
recommendations as an ``<ol>`` under ``<h2>Recommendations</h2>``, an action plan table (a header row in
``<thead>``, a lead cell spanning two rows) and a glossary as a definition list. Used by the HTML reader's
tests and its benchmark (``benchmarks/bench_html.py``).
"""

from __future__ import annotations

TITLE = "Safeguarding Adults Review: Adult R"
BOARD = "Wrenholm Safeguarding Adults Board"
RECOMMENDATIONS = [
    "That Wrenholm Safeguarding Adults Board seeks assurance that practitioners apply professional curiosity "
    "when an adult declines support.",
    "That Wrenholm Council Adult Social Care reviews how Care Act assessments record the adult's own words.",
    "That Wrenholm Police and Wrenholm Housing Trust agree how concerns about self-neglect are shared.",
    "That Wrenholm Recovery Service audits its follow-up of missed appointments.",
]
LEARNING = [
    "Professional curiosity was not applied when Adult R declined a home visit.",
    "Information about risk was held by three agencies and shared by none.",
]
PLAN_HEADER = ("No", "Recommendation", "Action to take", "Lead agency", "Target date")
PLAN_ROWS = [
    ("1", RECOMMENDATIONS[0], "Briefing on professional curiosity for all partner agencies.",
     "Wrenholm SAB", "31 March 2026"),
    ("2", RECOMMENDATIONS[1], "Audit of twenty Care Act assessments.", "Wrenholm Council", "30 June 2026"),
]
GLOSSARY = [("MARAC", "Multi-Agency Risk Assessment Conference"),
            ("SAR", "Safeguarding Adults Review")]
FURNITURE = ["We use cookies", "Skip to main content", "Home", "Adult safeguarding", "Report a concern",
             "Related pages", "Copyright Wrenholm", "Share on Facebook", "Accept all cookies", "Search this site"]

_HEAD = """<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>{title} | {board}</title>
<link rel="stylesheet" href="/css/site.css">
<script>window.dataLayer = window.dataLayer || []; if (a < b) {{ document.write("<div>x</div>"); }}</script>
<style>.cookie-banner {{ position: fixed; }} p > a {{ color: #005ea5; }}</style>
</head>
<body class="page-template-report">
<a class="skip-link" href="#main-content">Skip to main content</a>
<div class="cookie-banner" role="region" aria-label="Cookies on this site">
  <p>We use cookies to make this site work and to collect information about how you use it.</p>
  <button type="button">Accept all cookies</button> <a href="/cookies">Cookie settings</a>
</div>
<header class="site-header">
  <a class="logo" href="/"><img src="/logo.svg" alt="{board}"></a>
  <form class="site-search" action="/search"><label for="q">Search this site</label><input id="q" name="q">
  <button>Search</button></form>
  <nav class="primary-nav" aria-label="Main menu"><ul>
    <li><a href="/">Home</a></li><li><a href="/adults">Adult safeguarding</a></li>
    <li><a href="/concern">Report a concern</a></li><li><a href="/reviews">Reviews</a></li></ul></nav>
</header>
<div class="breadcrumbs"><ol><li><a href="/">Home</a></li><li><a href="/reviews">Reviews</a></li>
<li>{title}</li></ol></div>
<div class="page-wrapper">
<main id="main-content">
<article class="report">
<h1>{title}</h1>
<p class="lead">Published by {board}, March&nbsp;2026.</p>
"""

_TAIL = """</article>
</main>
<aside class="sidebar related-links"><h2>Related pages</h2><ul>
<li><a href="/reviews/adult-p">Safeguarding Adults Review: Adult P</a></li>
<li><a href="/reviews/annual-report">Annual report</a></li></ul></aside>
</div>
<div class="social-share"><a href="#">Share on Facebook</a> <a href="#">Share on X</a></div>
<footer class="site-footer"><p>Copyright Wrenholm Safeguarding Adults Board</p>
<ul><li><a href="/privacy">Privacy</a></li><li><a href="/accessibility">Accessibility</a></li></ul></footer>
<script src="/js/site.js"></script>
</body>
</html>
"""


def chronology_paragraph(i: int) -> str:
    return (f"<p>{i + 3}.{i % 9 + 1} On {i % 28 + 1} March 2024 the <span class=\"agency\">Wrenholm Housing "
            "Trust</span> officer visited the flat and found Adult&nbsp;R had not eaten for two days; the "
            "officer raised a <a href=\"#glossary\">safeguarding concern</a> with Adult Social Care, who "
            "closed it after a telephone call, without a visit, because Adult R said she was managing.</p>\n")


def review_page(chronology: int = 6) -> str:
    """The page, with ``chronology`` narrative paragraphs (each about 420 bytes) before the findings."""
    out = [_HEAD.format(title=TITLE, board=BOARD)]
    out.append("<section id=\"summary\">\n<h2>1 Introduction</h2>\n"
               f"<p>This review was commissioned by {BOARD} under section 44 of the Care Act 2014.</p>\n"
               "</section>\n<section id=\"chronology\">\n<h2>2 Chronology</h2>\n")
    out.extend(chronology_paragraph(i) for i in range(chronology))
    out.append("</section>\n<section id=\"learning\">\n<h2>Learning</h2>\n<ol>\n")
    out.extend(f"  <li>{text}</li>\n" for text in LEARNING)
    out.append("</ol>\n</section>\n<section id=\"recommendations\">\n<h2>Recommendations</h2>\n<ol>\n")
    out.extend(f"  <li>{text}</li>\n" for text in RECOMMENDATIONS)
    out.append("</ol>\n</section>\n<section id=\"action-plan\">\n<h2>Action plan</h2>\n<table class=\"plan\">\n"
               "<thead><tr>" + "".join(f"<th>{h}</th>" for h in PLAN_HEADER) + "</tr></thead>\n<tbody>\n")
    for no, rec, action, lead, target in PLAN_ROWS:
        out.append(f"<tr><td>{no}</td><td>{rec}</td><td>{action}</td><td>{lead}</td><td>{target}</td></tr>\n")
    out.append("</tbody>\n</table>\n</section>\n<section id=\"glossary\">\n<h2>Glossary</h2>\n<dl>\n")
    out.extend(f"<dt>{term}</dt><dd>{meaning}</dd>\n" for term, meaning in GLOSSARY)
    out.append("</dl>\n</section>\n")
    out.append(_TAIL)
    return "".join(out)


def page_of_size(size: int) -> str:
    """The review page grown with narrative to about ``size`` bytes."""
    base = len(review_page(0).encode())
    per = len(chronology_paragraph(0).encode())
    return review_page(max(0, (size - base) // per))
