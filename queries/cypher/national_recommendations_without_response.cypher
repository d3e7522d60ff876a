// title: National recommendations with no recorded response
// description: Recommendations to a national body (scope national, addressed to a national body, or a
//   national ask in the text: "raises with the Home Office", "the following national concern") where
//   nothing in their actions' progress, outcome, status or milestones says a response was received, or
//   something says none was. The gap report's "national recommendation, no response", row for row; the
//   patterns are those of queries/gaps.py (_NATIONAL_ASK, in its case; _RESPONSE and _NO_RESPONSE,
//   ignoring case).
MATCH (v:Review)-[:MADE]->(r:Recommendation)
OPTIONAL MATCH (r:Recommendation)-[:ADDRESSED_TO]->(a:Agency)
WITH v, r, count(CASE WHEN a.sector = 'national_body' THEN 1 END) AS national_bodies
WHERE r.scope = 'national' OR national_bodies > 0
   OR r.text =~ '(?s).*(?:\\bnational(?:ly)?\\s+(?:concerns?|issues?)\\b|\\b(?:raised?|raises|raising)\\b(?:\\W+\\w+){0,4}?\\W+nationally\\b|\\b(?:raises?|raised|raising|writes?|wrote|written|lobb(?:y|ies|ied)|asks?|asked|requests?|recommends?)\\s+(?:(?:to|with)\\s+)?(?:the\\s+)?(?:Home Office|Ministry of Justice|MoJ|Department (?:of|for) [A-Z][\\w ]+|Government|CPS|Crown Prosecution Service|SafeLives|Safe Lives|CAADA|College of Policing|NHS England|HMCTS|HM Courts|Domestic Abuse Commissioner|Parliament|Cabinet Office|Ofsted|CQC|NICE)\\b|\\b(?:consider|revise|issue|update|produce|publish)\\w*\\s+(?:new\\s+|its\\s+|the\\s+)?national\\s+guidance\\b).*'
OPTIONAL MATCH (r:Recommendation)-[:HAS_ACTION]->(x:Action)
WITH v, r, x, coalesce(x.progress, '') + ' | ' + coalesce(x.outcome, '') + ' | ' + coalesce(x.status_raw, '')
              + ' | ' + coalesce(x.milestones, '') AS said
WITH v, r, count(x) AS actions,
     count(CASE WHEN said =~ '(?is).*(?:\\b(?:response|reply|answer)\\s+(?:\\w+\\s+){0,2}received\\b|\\b(?:responded|replied)\\b|\\breceived\\s+(?:a\\s+)?(?:response|reply|letter)\\b).*' THEN 1 END) AS answered,
     count(CASE WHEN said =~ '(?is).*(?:\\bno\\s+(?:\\w+\\s+)?(?:response|reply|answer)\\b|\\bnot\\s+(?:yet\\s+)?(?:received|responded|replied)\\b|\\bawaiting\\s+(?:a\\s+)?(?:response|reply)\\b).*' THEN 1 END) AS unanswered
WHERE answered = 0 OR unanswered > 0
RETURN v.id AS review_id, r.id AS recommendation_id, r.number AS number, actions,
       unanswered > 0 AS says_no_response
ORDER BY review_id, recommendation_id
