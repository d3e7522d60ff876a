// title: Successor bodies of an agency
// description: Every body that took over from an agency, directly or down a chain of successions (up to
//   ten steps), with the date the agency ceased.
// param: agency_ref: string = "" -- an agency id, name or alias; empty for every agency with a successor
MATCH (a:Agency)-[:SUCCEEDED_BY*1..10]->(s:Agency)
WHERE $agency_ref = '' OR a.id = $agency_ref OR a.name = $agency_ref OR $agency_ref IN a.aliases
RETURN DISTINCT a.id AS agency_id, a.name AS agency, a.active_until AS active_until,
       s.id AS successor_id, s.name AS successor
ORDER BY agency_id, successor_id
