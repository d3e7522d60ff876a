// title: A review's full plan
// description: Every recommendation of a review with its actions, lead agencies, target dates and status
//   (one row per action and lead; a recommendation without actions has one row with empty action columns).
// param: review: string = "" -- a review id, number ("DHR-4"), pseudonym or title; empty for every review
MATCH (v:Review)-[:MADE]->(r:Recommendation)
WHERE $review = '' OR v.id = $review OR v.number = $review OR v.pseudonym = $review OR v.title = $review
OPTIONAL MATCH (r:Recommendation)-[:HAS_ACTION]->(x:Action)
OPTIONAL MATCH (x:Action)-[:LED_BY]->(a:Agency)
RETURN v.id AS review_id, r.ordinal AS ordinal, r.number AS recommendation, x.ordinal AS action,
       x.text AS action_text, a.name AS lead, x.target AS target, x.status AS status
// a lead is missing only on an action's one row, so '' orders it as null would; LadybugDB 0.22 (threads
// or not) put rows out of order when a null stood in the last sort key
ORDER BY review_id, ordinal, action, coalesce(lead, '')
