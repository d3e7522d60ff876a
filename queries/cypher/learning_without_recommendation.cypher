// title: Learning with no linked recommendation
// description: Learning points that inform no recommendation: lessons the action plan does not act on.
MATCH (v:Review)-[:IDENTIFIED]->(l:Learning)
OPTIONAL MATCH (l:Learning)-[:INFORMS]->(r:Recommendation)
WITH v, l, count(r) AS informs
WHERE informs = 0
RETURN v.id AS review_id, l.id AS learning_id, l.number AS number, l.text AS text
ORDER BY review_id, learning_id
