// title: Reviews and recommendations per agency
// description: For each agency that recommendations are addressed to, how many reviews and how many
//   recommendations name it, most recommendations first.
MATCH (v:Review)-[:MADE]->(r:Recommendation)-[:ADDRESSED_TO]->(a:Agency)
RETURN a.id AS agency_id, a.name AS agency, count(DISTINCT v) AS reviews,
       count(DISTINCT r) AS recommendations
ORDER BY recommendations DESC, agency_id
