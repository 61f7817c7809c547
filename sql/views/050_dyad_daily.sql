-- Dyad time series by day: relation_daily (the pipeline's own daily counts) with each event
-- type's quad class and a readable dyad label, for charts and trend queries.
CREATE OR REPLACE VIEW dyad_daily AS
SELECT d.partition_date AS day,
       d.source_iso3, d.target_iso3,
       d.source_iso3 || ' → ' || CASE WHEN d.target_iso3 = '' THEN '(none)' ELSE d.target_iso3 END AS dyad,
       d.relation_type, p.quad_class,
       d.facts, d.stories, d.sources, d.articles
FROM relation_daily d
LEFT JOIN plover_types p USING (relation_type);
