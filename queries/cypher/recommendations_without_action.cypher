// title: Recommendations with no action planned
// description: Recommendations with no action, in reviews whose action plan was read (some recommendation
//   of the review has an action): the gap report's "no action planned", row for row.
MATCH (v:Review)-[:MADE]->(p:Recommendation)-[:HAS_ACTION]->(:Action)
WITH DISTINCT v
MATCH (v:Review)-[:MADE]->(r:Recommendation)
OPTIONAL MATCH (r:Recommendation)-[:HAS_ACTION]->(x:Action)
WITH v, r, count(x) AS actions
WHERE actions = 0
RETURN v.id AS review_id, r.id AS recommendation_id, r.number AS number, r.text AS text
ORDER BY review_id, recommendation_id
