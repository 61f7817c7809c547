-- Asserted facts expanded to one row per (source country, target country) pair: a compound
-- actor ("the U.S., South Korea and Japan") yields one row per member. A joint event of a
-- compound actor with no other recipient ("Yoon and Kishida met", "the three agreed") is, as
-- PLOVER codes "X and Y met", an event between its members: for CONSULT, AGREE and COOPERATE
-- each member is paired with each other member, both ways. Any other event with no recipient
-- keeps target_iso3 = ''. Counting distinct fact, story, outlet and article ids over this view
-- gives dyad counts for any period; the relation_daily table is computed from it.
CREATE OR REPLACE VIEW fact_country_pairs AS
WITH asserted AS (
    SELECT *, list_distinct(list_filter(source_iso3, c -> c <> '')) AS members
    FROM fact_evidence
    WHERE is_asserted
),
by_source AS (
    SELECT * EXCLUDE (source_iso3, target_iso3, members), unnest(source_iso3) AS source_iso3,
           CASE WHEN len(target_iso3) > 0 THEN target_iso3
                WHEN relation_type IN ('CONSULT', 'AGREE', 'COOPERATE') AND len(members) > 1 THEN members
                ELSE [''] END AS target_iso3s,
           len(target_iso3) = 0 AND relation_type IN ('CONSULT', 'AGREE', 'COOPERATE') AND len(members) > 1
               AS is_joint
    FROM asserted
),
pairs AS (
    SELECT * EXCLUDE (target_iso3s), unnest(target_iso3s) AS target_iso3
    FROM by_source
    WHERE source_iso3 <> ''
)
SELECT * EXCLUDE (is_joint),
       source_iso3 || ' → ' || CASE WHEN target_iso3 = '' THEN '(none)' ELSE target_iso3 END AS dyad
FROM pairs
-- A joint event pairs members with each other, never a member with itself.
WHERE NOT (is_joint AND source_iso3 = target_iso3);
