// title: Recommendations with no target date
// description: Recommendations whose actions have no usable target date (the cells were empty or could not
//   be read as a date), unless every action is complete: the gap report's "no target date".
MATCH (v:Review)-[:MADE]->(r:Recommendation)-[:HAS_ACTION]->(x:Action)
WITH v, r, count(x) AS actions,
     sum(CASE WHEN coalesce(x.target_end, x.target) IS NULL THEN 0 ELSE 1 END) AS dated,
     sum(CASE WHEN x.status = 'complete' THEN 1 ELSE 0 END) AS complete
WHERE dated = 0 AND complete < actions
RETURN v.id AS review_id, r.id AS recommendation_id, r.number AS number, actions
ORDER BY review_id, recommendation_id
