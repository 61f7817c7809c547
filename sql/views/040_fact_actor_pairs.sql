-- Asserted facts expanded to one row per (source actor, target actor) pair, each actor with its
-- country or organisation code when the coder gave one per actor (same list length). The edge
-- list behind actor networks; target_actor is '' when the event has no recipient.
CREATE OR REPLACE VIEW fact_actor_pairs AS
WITH by_source AS (
    SELECT *, unnest(range(1, len(source_actors) + 1)) AS source_index
    FROM fact_evidence
    WHERE is_asserted
),
by_target AS (
    SELECT *, unnest(CASE WHEN len(target_actors) = 0 THEN [0] ELSE range(1, len(target_actors) + 1) END)
              AS target_index
    FROM by_source
)
SELECT fact_id, partition_date, story_id, article_id, relation_type, mode, quad_class, outlet,
       source_actors[source_index] AS source_actor,
       CASE WHEN len(source_iso3) = len(source_actors) THEN source_iso3[source_index] END AS source_code,
       coalesce(target_actors[target_index], '') AS target_actor,
       CASE WHEN len(target_iso3) = len(target_actors) THEN target_iso3[target_index] END AS target_code
FROM by_target;
