// title: Recommendations with no owner
// description: Recommendations addressed to no agency and with no action led by any agency: nobody is
//   answerable for them.
MATCH (v:Review)-[:MADE]->(r:Recommendation)
OPTIONAL MATCH (r:Recommendation)-[:ADDRESSED_TO]->(a:Agency)
OPTIONAL MATCH (r:Recommendation)-[:HAS_ACTION]->(x:Action)-[:LED_BY]->(b:Agency)
WITH v, r, count(a) AS owners, count(b) AS leads
WHERE owners = 0 AND leads = 0
RETURN v.id AS review_id, r.id AS recommendation_id, r.number AS number, r.text AS text
ORDER BY review_id, recommendation_id
