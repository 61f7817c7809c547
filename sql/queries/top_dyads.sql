-- Busiest dyads: asserted facts per (source, target, type), with stories counted once.
SELECT source_iso3, target_iso3, relation_type,
       sum(stories) AS stories, sum(articles) AS articles, sum(facts) AS facts
FROM relation_daily
GROUP BY ALL
ORDER BY stories DESC, facts DESC, source_iso3, target_iso3
LIMIT 12;
