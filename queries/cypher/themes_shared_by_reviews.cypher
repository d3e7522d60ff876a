// title: Themes shared by several reviews
// description: Themes that recommendations of at least min_reviews different reviews are about, with the
//   number of reviews and of recommendations (`reviewgraph themes` also counts actions and learning).
// param: min_reviews: integer = 2 -- the least number of reviews a theme must appear in
MATCH (v:Review)-[:MADE]->(r:Recommendation)-[:ABOUT]->(t:Theme)
WITH t, count(DISTINCT v) AS reviews, count(DISTINCT r) AS recommendations
WHERE reviews >= $min_reviews
RETURN t.id AS theme_id, t.label AS theme, reviews, recommendations
ORDER BY reviews DESC, recommendations DESC, theme_id
