// title: Agencies named in the learning but absent from the plan
// description: Agencies a review's learning mentions that own none of its recommendations and lead none
//   of its actions.
MATCH (v:Review)-[:IDENTIFIED]->(l:Learning)-[:MENTIONS]->(a:Agency)
OPTIONAL MATCH (v:Review)-[:MADE]->(r:Recommendation)-[:ADDRESSED_TO]->(a:Agency)
OPTIONAL MATCH (v:Review)-[:MADE]->(:Recommendation)-[:HAS_ACTION]->(x:Action)-[:LED_BY]->(a:Agency)
WITH v, a, count(DISTINCT l) AS learning, count(r) AS owned, count(x) AS led
WHERE owned = 0 AND led = 0
RETURN v.id AS review_id, a.id AS agency_id, a.name AS agency, learning
ORDER BY review_id, agency_id
