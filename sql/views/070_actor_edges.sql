-- Actor network edges by day: who acted on whom, how often, and in what tone. Stories are
-- counted once however many outlets carried them; relation_types lists the event types seen.
-- Real pairs only (see fact_actor_pairs); is_domestic marks two actors of one country in a
-- domestic event (police against protesters).
CREATE OR REPLACE VIEW actor_edges AS
SELECT partition_date AS day,
       source_actor, any_value(source_code) AS source_code,
       target_actor, any_value(target_code) AS target_code,
       bool_or(is_domestic) AS is_domestic,
       count(DISTINCT fact_id)  AS facts,
       count(DISTINCT story_id) AS stories,
       count(DISTINCT story_id) FILTER (WHERE quad_class LIKE '%cooperation') AS cooperative_stories,
       count(DISTINCT story_id) FILTER (WHERE quad_class LIKE '%conflict')    AS conflictual_stories,
       list(DISTINCT relation_type ORDER BY relation_type) AS relation_types
FROM fact_actor_pairs
GROUP BY partition_date, source_actor, target_actor;
