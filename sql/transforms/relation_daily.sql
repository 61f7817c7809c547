-- relation_daily for one partition day ($1). Asserted facts only: negated and hypothetical
-- events are evidence, not events. Compound actors expand to one row per country pair;
-- an event with no recipient counts under target_iso3 = ''.
WITH asserted AS (
    SELECT f.fact_id, f.partition_date, f.relation_type, f.story_id, f.article_id,
           a.source AS outlet, f.source_iso3,
           CASE WHEN len(f.target_iso3) = 0 THEN [''] ELSE f.target_iso3 END AS target_iso3
    FROM relation_facts f
    JOIN articles a USING (article_id, partition_date)
    WHERE f.partition_date = $1 AND NOT f.negated AND NOT f.hypothetical
),
by_source AS (
    SELECT * EXCLUDE (source_iso3), unnest(source_iso3) AS source_iso3 FROM asserted
),
pairs AS (
    SELECT * EXCLUDE (target_iso3), unnest(target_iso3) AS target_iso3 FROM by_source
)
SELECT partition_date, source_iso3, target_iso3, relation_type,
       count(DISTINCT fact_id)::INTEGER    AS facts,
       count(DISTINCT story_id)::INTEGER   AS stories,
       count(DISTINCT outlet)::INTEGER     AS sources,
       count(DISTINCT article_id)::INTEGER AS articles
FROM pairs
WHERE source_iso3 <> ''
GROUP BY ALL
ORDER BY source_iso3, target_iso3, relation_type
