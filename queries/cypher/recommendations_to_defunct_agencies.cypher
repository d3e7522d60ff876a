// title: Recommendations addressed to bodies that no longer exist
// description: Recommendations whose agency had ceased by as_of, with its direct successor if known: they
//   still need an owner.
// param: as_of: date = today -- the date to judge against (ISO date, or "today")
MATCH (v:Review)-[:MADE]->(r:Recommendation)-[:ADDRESSED_TO]->(a:Agency)
WHERE a.active_until IS NOT NULL AND a.active_until < $as_of
OPTIONAL MATCH (a:Agency)-[:SUCCEEDED_BY]->(s:Agency)
RETURN v.id AS review_id, r.id AS recommendation_id, r.number AS number, a.name AS agency,
       a.active_until AS active_until, s.name AS successor
ORDER BY review_id, recommendation_id, successor
