// title: Repeat recommendations across reviews
// description: Pairs of recommendations linked as similar, with the similarity score, strongest first: the
//   1,000 strongest pairs at most (a list to read; `reviewgraph recurrence --later` and the exports give
//   every pair).
// param: min_score: float = 0.5 -- the least similarity score to list
// the 1,000 strongest pairs first, then their reviews: joining every pair to its reviews before the sort
// cost LadybugDB most of the time (623,460 pairs at 10,000 reviews). Every recommendation is made by one
// review (graph/build.py links it as it is made), so no pair is lost between the two steps
MATCH (r1:Recommendation)-[s:SIMILAR_TO]->(r2:Recommendation)
WHERE s.score >= $min_score
WITH r1, s, r2
ORDER BY s.score DESC, r1.id, r2.id
LIMIT 1000
MATCH (v1:Review)-[:MADE]->(r1:Recommendation), (v2:Review)-[:MADE]->(r2:Recommendation)
RETURN r1.id AS recommendation_id, v1.id AS review_id, r2.id AS similar_id, v2.id AS similar_review_id,
       s.score AS score
ORDER BY score DESC, recommendation_id, similar_id
LIMIT 1000
