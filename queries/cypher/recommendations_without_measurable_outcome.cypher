// title: Recommendations with no measurable outcome
// description: Recommendations whose actions record no outcome, or none that could be measured: no
//   outcome or milestone names a number, a percentage, a rate, an audit, a dip sample, monitoring, data,
//   minutes, attendance, an inspection or similar evidence. The gap report's "no measurable outcome", row
//   for row; the pattern is the one in queries/gaps.py (_MEASURE), ignoring case.
MATCH (v:Review)-[:MADE]->(r:Recommendation)-[:HAS_ACTION]->(x:Action)
WITH v, r, x, coalesce(x.outcome, '') + ' | ' + coalesce(x.milestones, '') AS outcome,
     (coalesce(x.outcome, '') + coalesce(x.milestones, '')) =~ '(?s).*\\S.*' AS said
WITH v, r, count(x) AS actions,
     count(CASE WHEN outcome =~ '(?is).*(?:\\d|%|\\b(?:measur\\w*|monitor\\w*|audit\\w*|dip[- ]?sampl\\w*|data|figures?|number of|percentage|rates?|increase\\w*|reduc\\w*|complian\\w*|KPIs?|indicators?|performance|targets?|evaluat\\w*|review(?:ed)? by|reports? to|minutes|record of|attendance|survey\\w*|feedback|inspect\\w*|evidenced? by)\\b).*' THEN 1 END) AS measured,
     count(CASE WHEN said THEN 1 END) AS described
WHERE measured = 0
RETURN v.id AS review_id, r.id AS recommendation_id, r.number AS number, actions, described > 0 AS has_outcome
ORDER BY review_id, recommendation_id
