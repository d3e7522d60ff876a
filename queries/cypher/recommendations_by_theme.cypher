// title: Recommendations by theme
// description: For each theme, how many recommendations are about it and in how many reviews.
MATCH (v:Review)-[:MADE]->(r:Recommendation)-[:ABOUT]->(t:Theme)
RETURN t.id AS theme_id, t.label AS theme, count(DISTINCT r) AS recommendations,
       count(DISTINCT v) AS reviews
ORDER BY recommendations DESC, theme_id
