-- Dyad time series by ISO week (weeks start on Monday). Counted from the facts rather than by
-- summing dyad_daily: a story reported on Monday and again on Tuesday is one story in the week.
CREATE OR REPLACE VIEW dyad_weekly AS
SELECT date_trunc('week', partition_date)::DATE AS week_start,
       source_iso3, target_iso3, dyad, relation_type, quad_class,
       count(DISTINCT fact_id)        AS facts,
       count(DISTINCT story_id)       AS stories,
       count(DISTINCT outlet)         AS sources,
       count(DISTINCT article_id)     AS articles,
       count(DISTINCT partition_date) AS active_days
FROM fact_country_pairs
GROUP BY ALL;
