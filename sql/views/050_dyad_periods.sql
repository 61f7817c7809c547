-- Dyad counts per period, by day and by ISO week (weeks start on Monday), per event type with
-- its quad class: asserted facts, and stories, outlets and articles counted distinct within the
-- period. A story reported on Monday and again on Tuesday is one story in the week, which is
-- why weeks are counted from the facts and not by summing days. Only pairs of two countries,
-- and domestic events of one country (is_domestic), as in fact_country_pairs. The daily rows
-- match the relation_daily table; dyad_daily and dyad_weekly below select one period each.
CREATE OR REPLACE VIEW dyad_periods AS
SELECT p.period,
       CASE p.period WHEN 'day' THEN f.partition_date ELSE date_trunc('week', f.partition_date)::DATE END
           AS period_start,
       f.source_iso3, f.target_iso3, f.is_domestic, f.dyad, f.relation_type, f.quad_class,
       count(DISTINCT f.fact_id)        AS facts,
       count(DISTINCT f.story_id)       AS stories,
       count(DISTINCT f.outlet)         AS sources,
       count(DISTINCT f.article_id)     AS articles,
       count(DISTINCT f.partition_date) AS active_days
FROM fact_country_pairs f
CROSS JOIN (VALUES ('day'), ('week')) AS p(period)
GROUP BY ALL;
