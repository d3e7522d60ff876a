// title: Actions with no target date
// description: Actions that have no usable target date (the cell was empty or could not be read as a date),
//   with what the plan said.
MATCH (v:Review)-[:MADE]->(r:Recommendation)-[:HAS_ACTION]->(x:Action)
WHERE x.target IS NULL
RETURN v.id AS review_id, r.number AS recommendation, x.id AS action_id, x.target_raw AS target_raw,
       x.status AS status
ORDER BY review_id, action_id
