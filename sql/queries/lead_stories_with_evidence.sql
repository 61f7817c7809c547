-- The three lead stories of the latest day, each event with the sentence it was read in.
SELECT t.rank, t.title, t.outlets, e.relation_type,
       array_to_string(e.source_actors, ', ') AS source,
       array_to_string(e.target_actors, ', ') AS target,
       e.evidence
FROM top_stories_daily t
JOIN story_events e USING (story_id)
WHERE t.day = (SELECT max(day) FROM top_stories_daily) AND t.rank <= 3
ORDER BY t.rank, e.relation_type, source;
