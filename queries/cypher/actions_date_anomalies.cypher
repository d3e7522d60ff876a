// title: Actions with dates that cannot be right
// description: Date anomalies, one row per problem: a target (the end of the target period, else the
//   target date) before the start, or a start or target date outside the review's period, which runs
//   from the death (else 3 years before the publication, else before the earliest document date) to 5
//   years after the publication or latest document, whichever is later. The gap report's "date anomaly",
//   row for row (LOOKBACK_YEARS and LOOKAHEAD_YEARS in queries/gaps.py).
// The years are shifted on the ISO text (toInteger and toString are openCypher: Neo4j has them, LadybugDB
// stores define them), 29 February becoming the 28th as in gaps.py (3 or 5 years from a leap year is never
// one): LadybugDB's interval() and Neo4j's duration() have no common form. The text is built under CASE
// before date() sees it: LadybugDB evaluates every branch, and its + reads null as empty text.
MATCH (v:Review)
OPTIONAL MATCH (v:Review)-[:HAS_DOCUMENT]->(d:Document)
WITH v, min(d.as_of) AS first_doc, max(d.as_of) AS last_doc
WITH v, coalesce(v.published, first_doc) AS first,
        CASE WHEN v.published IS NULL THEN last_doc
             WHEN last_doc IS NULL OR v.published > last_doc THEN v.published
             ELSE last_doc END AS last
WITH v, CASE WHEN first IS NOT NULL THEN toString(toInteger(left(first, 4)) - 3)
               + CASE right(first, 6) WHEN '-02-29' THEN '-02-28' ELSE right(first, 6) END END AS low_text,
        CASE WHEN last IS NOT NULL THEN toString(toInteger(left(last, 4)) + 5)
               + CASE right(last, 6) WHEN '-02-29' THEN '-02-28' ELSE right(last, 6) END END AS high_text
WITH v, CASE WHEN v.death_date IS NOT NULL THEN date(v.death_date) ELSE date(low_text) END AS low,
        date(high_text) AS high
MATCH (v:Review)-[:MADE]->(r:Recommendation)-[:HAS_ACTION]->(x:Action)
WITH v, r, x, low, high, coalesce(x.target_end, x.target) AS due
WITH v, r, x, [
       CASE WHEN x.start IS NOT NULL AND due IS NOT NULL AND due < x.start THEN 'target before start' END,
       CASE WHEN x.start IS NOT NULL AND date(x.start) < low THEN 'start before the review period'
            WHEN x.start IS NOT NULL AND date(x.start) > high THEN 'start after the review period' END,
       CASE WHEN x.target IS NOT NULL AND date(x.target) < low THEN 'target before the review period'
            WHEN x.target IS NOT NULL AND date(x.target) > high THEN 'target after the review period' END
     ] AS problems
UNWIND problems AS problem
WITH v, r, x, problem
WHERE problem IS NOT NULL
RETURN v.id AS review_id, r.number AS recommendation, x.id AS action_id, problem, x.start AS start,
       x.target AS target
ORDER BY review_id, action_id, problem
