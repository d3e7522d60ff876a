// title: Recurring themes with nothing completed as of a date
// description: Themes found in at least min_reviews reviews (in their recommendations, actions or
//   learning) with no action on them complete on as_of by the one status rule of graph/status.py. An
//   action is on a theme when it, or its recommendation, is tagged with it. The gap report's "recurring
//   theme, no completed action", row for row. (themes_without_completed_action counts recommendations
//   only and has no date.)
// param: as_of: date = today -- the date to judge against (ISO date, or "today")
// param: min_reviews: integer = 2 -- the least number of reviews a theme must appear in
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
WITH collect(CASE WHEN status = 'complete' THEN x.id END) AS done
MATCH (t:Theme)
OPTIONAL MATCH (t:Theme)<-[:ABOUT]-(r:Recommendation)
OPTIONAL MATCH (r:Recommendation)-[:HAS_ACTION]->(y:Action)
WITH done, t, collect(r.review) AS reviews1, collect(y.id) AS actions1,
     count(CASE WHEN y.id IN done THEN 1 END) AS done1
OPTIONAL MATCH (t:Theme)<-[:ABOUT]-(z:Action)
WITH done, t, reviews1, actions1, done1, collect(z.review) AS reviews2, collect(z.id) AS actions2,
     count(CASE WHEN z.id IN done THEN 1 END) AS done2
WHERE done1 + done2 = 0
OPTIONAL MATCH (t:Theme)<-[:ABOUT]-(l:Learning)
WITH t, reviews1, reviews2, actions1 + actions2 AS acts, collect(l.review) AS reviews3
// count distinct values of the lists, with an empty string added so that an empty list keeps its row
UNWIND reviews1 + reviews2 + reviews3 + [''] AS review
WITH t, acts, count(DISTINCT review) - 1 AS reviews
WHERE reviews >= $min_reviews
UNWIND acts + [''] AS action
WITH t, reviews, count(DISTINCT action) - 1 AS actions
RETURN t.id AS theme_id, t.label AS theme, reviews, actions
ORDER BY reviews DESC, theme_id
