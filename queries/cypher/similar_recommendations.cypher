// title: Repeat recommendations across reviews
// description: Pairs of recommendations linked as similar, with the similarity score, strongest first: the
//   1,000 strongest pairs at most (a list to read; `reviewgraph recurrence --later` and the exports give
//   every pair).
// param: min_score: float = 0.5 -- the least similarity score to list
MATCH (v1:Review)-[:MADE]->(r1:Recommendation)-[s:SIMILAR_TO]->(r2:Recommendation)<-[:MADE]-(v2:Review)
WITH v1, r1, s, r2, v2
WHERE s.score >= $min_score
RETURN r1.id AS recommendation_id, v1.id AS review_id, r2.id AS similar_id, v2.id AS similar_review_id,
       s.score AS score
ORDER BY score DESC, recommendation_id, similar_id
LIMIT 1000
