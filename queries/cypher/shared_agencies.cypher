// title: Agencies shared across reviews
// description: Agencies that recommendations from at least min_reviews different reviews are addressed to.
// param: min_reviews: integer = 2 -- the least number of reviews an agency must appear in
MATCH (v:Review)-[:MADE]->(:Recommendation)-[:ADDRESSED_TO]->(a:Agency)
WITH a, count(DISTINCT v) AS reviews
WHERE reviews >= $min_reviews
RETURN a.id AS agency_id, a.name AS agency, a.sector AS sector, reviews
ORDER BY reviews DESC, agency_id
