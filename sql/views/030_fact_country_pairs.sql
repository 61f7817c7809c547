-- Asserted facts expanded to one row per (source country, target country) pair: a compound
-- actor ("the U.S., South Korea and Japan") yields one row per member; an event with no
-- recipient keeps target_iso3 = '' (as in relation_daily). Counting distinct fact, story,
-- outlet and article ids over this view gives dyad counts for any period.
CREATE OR REPLACE VIEW fact_country_pairs AS
WITH by_source AS (
    SELECT * EXCLUDE (source_iso3, target_iso3), unnest(source_iso3) AS source_iso3,
           CASE WHEN len(target_iso3) = 0 THEN [''] ELSE target_iso3 END AS target_iso3s
    FROM fact_evidence
    WHERE is_asserted
),
pairs AS (
    SELECT * EXCLUDE (target_iso3s), unnest(target_iso3s) AS target_iso3
    FROM by_source
    WHERE source_iso3 <> ''
)
SELECT *, source_iso3 || ' → ' || CASE WHEN target_iso3 = '' THEN '(none)' ELSE target_iso3 END AS dyad
FROM pairs;
