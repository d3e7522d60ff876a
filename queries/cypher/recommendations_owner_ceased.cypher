// title: Recommendations whose owner no longer exists
// description: Recommendations addressed to, or with an open action led by, a body that had ceased by
//   as_of (a year alone, as in "2012", counts from the end of that year), while work on them is still
//   open: they have no action, or an action not complete on as_of by the one status rule of
//   graph/status.py. One row per recommendation and body: the gap report's "owner no longer exists", row
//   for row (successor_chain names the bodies that took over).
// param: as_of: date = today -- the date to judge against (ISO date, or "today")
MATCH (a:Agency)
WHERE a.active_until IS NOT NULL
  AND (CASE WHEN size(a.active_until) = 4 THEN a.active_until + '-12-31' ELSE a.active_until END) <= $as_of
MATCH (v:Review)-[:MADE]->(r:Recommendation)-[:ADDRESSED_TO]->(a:Agency)
OPTIONAL MATCH (r:Recommendation)-[:HAS_ACTION]->(x:Action)
OPTIONAL MATCH (x:Action)-[:HAS_STATUS]->(u:StatusUpdate)
WITH a, v, r, x, u
OPTIONAL MATCH (d:Document)
WHERE u.as_of IS NOT NULL AND d.id = u.doc
WITH a, v, r, x, count(d) AS dated,
     max(CASE WHEN u.as_of <= $as_of THEN
           u.as_of + '|' + (CASE d.doc_kind WHEN 'action_plan' THEN '0' WHEN 'progress_update' THEN '2'
                            ELSE '1' END) + '|' + d.file_name + '|' + u.status END) AS latest
WITH a, v, r, x, CASE
       WHEN latest IS NOT NULL THEN (CASE WHEN latest ENDS WITH '|complete' THEN 'complete' ELSE 'open' END)
       WHEN dated > 0 THEN 'unknown'
       WHEN x.as_of IS NOT NULL AND x.as_of > $as_of THEN 'unknown'
       ELSE x.status END AS status
WHERE x IS NULL OR status <> 'complete'
RETURN DISTINCT v.id AS review_id, r.id AS recommendation_id, r.number AS number, a.id AS agency_id,
       a.name AS agency, a.active_until AS ceased
UNION
MATCH (a:Agency)
WHERE a.active_until IS NOT NULL
  AND (CASE WHEN size(a.active_until) = 4 THEN a.active_until + '-12-31' ELSE a.active_until END) <= $as_of
MATCH (v:Review)-[:MADE]->(r:Recommendation)-[:HAS_ACTION]->(x:Action)-[:LED_BY]->(a:Agency)
OPTIONAL MATCH (x:Action)-[:HAS_STATUS]->(u:StatusUpdate)
WITH a, v, r, x, u
OPTIONAL MATCH (d:Document)
WHERE u.as_of IS NOT NULL AND d.id = u.doc
WITH a, v, r, x, count(d) AS dated,
     max(CASE WHEN u.as_of <= $as_of THEN
           u.as_of + '|' + (CASE d.doc_kind WHEN 'action_plan' THEN '0' WHEN 'progress_update' THEN '2'
                            ELSE '1' END) + '|' + d.file_name + '|' + u.status END) AS latest
WITH a, v, r, x, CASE
       WHEN latest IS NOT NULL THEN (CASE WHEN latest ENDS WITH '|complete' THEN 'complete' ELSE 'open' END)
       WHEN dated > 0 THEN 'unknown'
       WHEN x.as_of IS NOT NULL AND x.as_of > $as_of THEN 'unknown'
       ELSE x.status END AS status
WHERE status <> 'complete'
RETURN DISTINCT v.id AS review_id, r.id AS recommendation_id, r.number AS number, a.id AS agency_id,
       a.name AS agency, a.active_until AS ceased
