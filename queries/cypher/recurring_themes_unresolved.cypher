// title: Recurring themes with nothing completed as of a date
// description: Themes found in at least min_reviews reviews (in their recommendations, actions or
//   learning) with no action on them complete on as_of by the one status rule of graph/status.py. An
//   action is on a theme when it, or its recommendation, is tagged with it. The gap report's "recurring
//   theme, no completed action", row for row. (themes_without_completed_action counts recommendations
//   only and has no date.)
// param: as_of: date = today -- the date to judge against (ISO date, or "today")
// param: min_reviews: integer = 2 -- the least number of reviews a theme must appear in
// each action's status on as_of by the rule (as in actions_open_as_of), then the themes it is on: its own
// and its recommendation's
MATCH (x:Action)
OPTIONAL MATCH (x:Action)-[:HAS_STATUS]->(u:StatusUpdate)
WITH x, u
OPTIONAL MATCH (d:Document)
WHERE u.as_of IS NOT NULL AND d.id = u.doc
WITH x, count(d) AS dated,
     max(CASE WHEN u.as_of <= $as_of THEN
           u.as_of + '|' + (CASE d.doc_kind WHEN 'action_plan' THEN '0' WHEN 'progress_update' THEN '2'
                            ELSE '1' END) + '|' + d.file_name + '|' + u.status END) AS latest
WITH x, CASE
       WHEN latest IS NOT NULL THEN (CASE WHEN latest ENDS WITH '|complete' THEN 'complete' ELSE 'open' END)
       WHEN dated > 0 THEN 'unknown'
       WHEN x.as_of IS NOT NULL AND x.as_of > $as_of THEN 'unknown'
       ELSE x.status END AS status
WHERE status = 'complete'
OPTIONAL MATCH (x:Action)-[:ABOUT]->(t1:Theme)
WITH x, collect(t1.id) AS own
OPTIONAL MATCH (r:Recommendation)-[:HAS_ACTION]->(x:Action)
OPTIONAL MATCH (r:Recommendation)-[:ABOUT]->(t2:Theme)
WITH x, own, collect(t2.id) AS inherited
UNWIND own + inherited + [''] AS theme_id
WITH collect(DISTINCT theme_id) AS resolved
// the themes with no completed action, and the reviews of everything tagged with them
MATCH (t:Theme)
WHERE NOT t.id IN resolved
OPTIONAL MATCH (t:Theme)<-[:ABOUT]-(r:Recommendation)
WITH t, collect(DISTINCT r.review) AS reviews1
OPTIONAL MATCH (t:Theme)<-[:ABOUT]-(z:Action)
WITH t, reviews1, collect(DISTINCT z.review) AS reviews2
OPTIONAL MATCH (t:Theme)<-[:ABOUT]-(l:Learning)
WITH t, reviews1, reviews2, collect(DISTINCT l.review) AS reviews3
// distinct values of the lists, with an empty string added so that an empty list keeps its row
UNWIND reviews1 + reviews2 + reviews3 + [''] AS review
WITH t, count(DISTINCT review) - 1 AS reviews
WHERE reviews >= $min_reviews
RETURN t.id AS theme_id, t.label AS theme, reviews
ORDER BY reviews DESC, theme_id
