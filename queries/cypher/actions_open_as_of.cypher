// title: Actions open or overdue as of a date
// description: Actions whose status is not complete, with their due date (the end of the target period,
//   else the target date) and whether that date had passed on as_of.
// param: as_of: date = today -- the date to judge against (ISO date, or "today")
// param: only_overdue: boolean = false -- list only the overdue actions
MATCH (v:Review)-[:MADE]->(r:Recommendation)-[:HAS_ACTION]->(x:Action)
WHERE x.status <> 'complete'
WITH v, r, x, coalesce(x.target_end, x.target, '') AS due
WITH v, r, x, due, (due <> '' AND due < $as_of) AS overdue
WHERE overdue OR NOT $only_overdue
RETURN v.id AS review_id, r.number AS recommendation, x.id AS action_id, x.status AS status,
       x.target AS target, overdue
ORDER BY review_id, action_id
