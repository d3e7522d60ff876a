// title: Recurring themes with no completed action
// description: Themes that recommendations of at least min_reviews reviews are about, where no action of
//   any of those recommendations is complete: lessons that keep coming back and are not acted on.
// param: min_reviews: integer = 2 -- the least number of reviews a theme must appear in
MATCH (v:Review)-[:MADE]->(r:Recommendation)-[:ABOUT]->(t:Theme)
WITH t, count(DISTINCT v) AS reviews, count(DISTINCT r) AS recommendations
WHERE reviews >= $min_reviews
OPTIONAL MATCH (t:Theme)<-[:ABOUT]-(r2:Recommendation)-[:HAS_ACTION]->(x:Action)
WHERE x.status = 'complete'
WITH t, reviews, recommendations, count(x) AS completed
WHERE completed = 0
RETURN t.id AS theme_id, t.label AS theme, reviews, recommendations
ORDER BY reviews DESC, recommendations DESC, theme_id
