-- Dyad time series by day, per event type with its quad class. Same definition as the
-- relation_daily table (asserted facts; stories, outlets and articles counted distinct), kept
-- as a view so it carries the readable dyad label and stays comparable with dyad_weekly.
CREATE OR REPLACE VIEW dyad_daily AS
SELECT partition_date AS day, source_iso3, target_iso3, dyad, relation_type, quad_class,
       count(DISTINCT fact_id)    AS facts,
       count(DISTINCT story_id)   AS stories,
       count(DISTINCT outlet)     AS sources,
       count(DISTINCT article_id) AS articles
FROM fact_country_pairs
GROUP BY ALL;
