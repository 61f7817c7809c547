-- relation_daily for one partition day ($1): asserted facts per country pair and type, from the
-- fact_country_pairs model, which analysts also see as a view, so the table and the views count alike:
-- negated and hypothetical events are evidence, not events; compound actors expand to one row
-- per country pair; joint events of a compound actor pair its members; only countries are
-- paired, a country with itself only in domestic events (is_domestic); an event with no
-- recipient country is no pair.
SELECT partition_date, source_iso3, target_iso3, is_domestic, relation_type,
       count(DISTINCT fact_id)::INTEGER    AS facts,
       count(DISTINCT story_id)::INTEGER   AS stories,
       count(DISTINCT outlet)::INTEGER     AS sources,
       count(DISTINCT article_id)::INTEGER AS articles
FROM fact_country_pairs
WHERE partition_date = $1
GROUP BY ALL
ORDER BY source_iso3, target_iso3, relation_type
