// title: Recommendations mentioning a keyword
// description: Recommendations whose text contains the keyword (ignoring case).
// param: keyword: string = MARAC -- the word or phrase to look for
MATCH (v:Review)-[:MADE]->(r:Recommendation)
WHERE toLower(r.text) CONTAINS toLower($keyword)
RETURN v.id AS review_id, r.id AS recommendation_id, r.number AS number, r.text AS text
ORDER BY review_id, recommendation_id
