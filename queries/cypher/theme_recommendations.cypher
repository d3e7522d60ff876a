// title: Recommendations about a theme, with the evidence
// description: The recommendations tagged with one theme (its key, as in theme:marac, or its label), with
//   the words that matched and where (evidence) and the tag's score.
// param: theme_ref: string = marac -- the theme's key (marac, information-sharing) or its label (MARAC)
MATCH (v:Review)-[:MADE]->(r:Recommendation)-[a:ABOUT]->(t:Theme)
WHERE t.id = 'theme:' + $theme_ref OR toLower(t.label) = toLower($theme_ref)
RETURN v.id AS review_id, r.id AS recommendation_id, r.number AS number, t.label AS theme,
       a.evidence AS evidence, a.score AS score
ORDER BY review_id, recommendation_id
