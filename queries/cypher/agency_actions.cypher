// title: Actions carried by each agency
// description: How many actions each agency leads, and how many of them are complete or still open.
MATCH (x:Action)-[:LED_BY]->(a:Agency)
RETURN a.id AS agency_id, a.name AS agency, count(x) AS actions,
       count(CASE WHEN x.status = 'complete' THEN 1 END) AS complete,
       count(CASE WHEN x.status <> 'complete' THEN 1 END) AS open
ORDER BY actions DESC, agency_id
