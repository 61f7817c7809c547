-- Asserted facts expanded to one row per (source actor, target actor) pair, each actor with its
-- country or organisation code when the coder gave one per actor (same list length). The edge
-- list behind actor networks. Like fact_country_pairs it holds only real pairs: an event with
-- no recipient, an actor acting on itself, or two actors of the same country in a fact that is
-- not domestic is no pair; a domestic fact's pair (police against protesters) has is_domestic.
CREATE OR REPLACE VIEW fact_actor_pairs AS
WITH by_source AS (
    SELECT *, unnest(range(1, len(source_actors) + 1)) AS source_index
    FROM fact_evidence
    WHERE is_asserted
),
by_target AS (
    -- Unnesting an empty range yields no row: an event with no recipient drops out here.
    SELECT *, unnest(range(1, len(target_actors) + 1)) AS target_index
    FROM by_source
),
actor_pairs AS (
    SELECT fact_id, partition_date, story_id, article_id, relation_type, mode, quad_class, outlet,
           is_domestic AS fact_is_domestic,
           source_actors[source_index] AS source_actor,
           CASE WHEN len(source_iso3) = len(source_actors) THEN source_iso3[source_index] END AS source_code,
           target_actors[target_index] AS target_actor,
           CASE WHEN len(target_iso3) = len(target_actors) THEN target_iso3[target_index] END AS target_code
    FROM by_target
)
SELECT * EXCLUDE (fact_is_domestic),
       fact_is_domestic AND source_code = target_code AS is_domestic
FROM actor_pairs
WHERE target_actor <> '' AND source_actor <> target_actor
  -- An unknown code ('' or none) is not known to be the same country.
  AND (coalesce(source_code, '') = '' OR source_code IS DISTINCT FROM target_code OR fact_is_domestic);
