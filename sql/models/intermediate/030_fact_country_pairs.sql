-- Asserted facts expanded to one row per (source country, target country) pair: a compound
-- actor ("the U.S., South Korea and Japan") yields one row per member. A joint event of a
-- compound actor with no other recipient ("Yoon and Kishida met", "the three agreed") is, as
-- PLOVER codes "X and Y met", an event between its members: for CONSULT, AGREE and COOPERATE
-- each member is paired with each other member, both ways. Only countries are paired (states in
-- the actors table; organisation codes such as UN or NATO are actors, not countries), and a
-- country with itself only for a domestic fact (police against protesters), with is_domestic
-- true. A fact with no recipient country, or with the same country on both sides that is not
-- domestic, stays a fact (fact_evidence) but is no pair here. Counting distinct fact, story,
-- outlet and article ids over this view gives dyad counts for any period; the relation_daily
-- table is computed from it.
WITH countries AS (
    SELECT DISTINCT country_iso3 FROM actors WHERE kind = 'state' AND country_iso3 <> ''
),
asserted AS (
    SELECT *, list_distinct(list_filter(source_iso3, c -> c <> '')) AS members
    FROM fact_evidence
    WHERE is_asserted
),
by_source AS (
    SELECT * EXCLUDE (source_iso3, target_iso3, members, is_domestic), unnest(source_iso3) AS source_iso3,
           CASE WHEN len(target_iso3) > 0 THEN target_iso3
                WHEN relation_type IN ('CONSULT', 'AGREE', 'COOPERATE') AND len(members) > 1 THEN members
                ELSE [] END AS target_iso3s,
           len(target_iso3) = 0 AND relation_type IN ('CONSULT', 'AGREE', 'COOPERATE') AND len(members) > 1
               AS is_joint,
           is_domestic AS fact_is_domestic
    FROM asserted
),
pairs AS (
    -- Unnesting an empty list yields no row: an event with no recipient drops out here.
    SELECT * EXCLUDE (target_iso3s), unnest(target_iso3s) AS target_iso3
    FROM by_source
),
country_pairs AS (
    SELECT * EXCLUDE (is_joint, fact_is_domestic),
           source_iso3 = target_iso3 AS is_domestic
    FROM pairs
    WHERE source_iso3 IN (SELECT country_iso3 FROM countries)
      AND target_iso3 IN (SELECT country_iso3 FROM countries)
      -- A joint event pairs members with each other, never a member with itself.
      AND (source_iso3 <> target_iso3 OR (fact_is_domestic AND NOT is_joint))
)
SELECT *,
       CASE WHEN is_domestic THEN source_iso3 || ' (domestic)' ELSE source_iso3 || ' → ' || target_iso3 END AS dyad
FROM country_pairs
