// title: Actions open or overdue as of a date
// description: Actions whose status on as_of is not complete, with their due date (the end of the target
//   period, else the target date) and whether that date had passed on as_of. The status on a date is the
//   latest update dated on or before it, a later document winning a tie (progress update over report over
//   plan, then file name): the rule of graph/status.py, built here as the same sort key.
// param: as_of: date = today -- the date to judge against (ISO date, or "today")
// param: only_overdue: boolean = false -- list only the overdue actions
// the status of every action first, grouped by the action alone (LadybugDB carries every column of what it
// groups by: the review's and recommendation's too, when they are matched first), then its review
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
       WHEN latest IS NOT NULL THEN (CASE WHEN latest ENDS WITH '|complete' THEN 'complete'
                                          WHEN latest ENDS WITH '|in_progress' THEN 'in_progress'
                                          WHEN latest ENDS WITH '|not_started' THEN 'not_started'
                                          ELSE 'unknown' END)
       WHEN dated > 0 THEN 'unknown'
       WHEN x.as_of IS NOT NULL AND x.as_of > $as_of THEN 'unknown'
       ELSE x.status END AS status
WHERE status <> 'complete'
MATCH (v:Review)-[:MADE]->(r:Recommendation)-[:HAS_ACTION]->(x:Action)
WITH v, r, x, status, coalesce(x.target_end, x.target, '') AS due
WITH v, r, x, status, due, (due <> '' AND due < $as_of) AS overdue
WHERE overdue OR NOT $only_overdue
RETURN v.id AS review_id, r.number AS recommendation, x.id AS action_id, status,
       x.target AS target, overdue
ORDER BY review_id, action_id
