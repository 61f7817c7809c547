-- Every coded fact with the article it was read in (title, outlet, URL, publication time), its
-- quad class, whether it is asserted (neither negated nor hypothetical) and whether it is a
-- domestic event (source and target the same country by design). The base layer of every
-- fact-level view: one row per fact, nothing filtered out.
SELECT f.fact_id, f.partition_date, f.story_id, f.article_id,
       f.relation_type, f.mode, p.quad_class,
       f.source_actors, f.source_iso3, f.target_actors, f.target_iso3,
       NOT f.negated AND NOT f.hypothetical AS is_asserted,
       f.negated, f.hypothetical, coalesce(f.is_domestic, false) AS is_domestic, f.confidence,
       f.sentence, f.sentence_start, f.sentence_end,
       a.source AS outlet, a.title, a.url, a.published_at,
       s.is_representative
FROM relation_facts f
JOIN articles a USING (article_id, partition_date)
LEFT JOIN stories s USING (article_id, story_id)
LEFT JOIN plover_types p USING (relation_type)
