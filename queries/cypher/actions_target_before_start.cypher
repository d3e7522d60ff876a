// title: Actions whose target date precedes their start
// description: Date anomalies: actions whose target (the end of the target period, else the target date)
//   is before their start date.
MATCH (v:Review)-[:MADE]->(r:Recommendation)-[:HAS_ACTION]->(x:Action)
WHERE x.start IS NOT NULL AND coalesce(x.target_end, x.target) IS NOT NULL
  AND coalesce(x.target_end, x.target) < x.start
RETURN v.id AS review_id, r.number AS recommendation, x.id AS action_id, x.start AS start,
       x.target AS target
ORDER BY review_id, action_id
