-- Busiest dyads: asserted facts per (source, target, type), with stories counted once however
-- many outlets carried them. Summing daily story counts counts a multi-day story once per day.
-- Pairs of two countries, and a country's domestic events (is_domestic, source = target).
SELECT source_iso3, target_iso3, is_domestic, relation_type,
       sum(stories)::INTEGER  AS story_days,
       sum(articles)::INTEGER AS articles,
       sum(facts)::INTEGER    AS facts
FROM relation_daily
GROUP BY ALL
ORDER BY story_days DESC, facts DESC, source_iso3, target_iso3
LIMIT 12;
