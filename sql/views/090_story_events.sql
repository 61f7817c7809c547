-- The distinct asserted events of every story, each with one evidence sentence (from the
-- representative article when it has it), how many articles and outlets reported it, the
-- highest confidence the coder gave it, and whether it is a domestic event of one country.
CREATE OR REPLACE VIEW story_events AS
SELECT story_id, relation_type, any_value(quad_class) AS quad_class,
       source_actors, source_iso3, target_actors, target_iso3,
       arg_max(mode, (is_representative, confidence)) AS mode,
       arg_max(sentence, (coalesce(is_representative, false), confidence, fact_id)) AS evidence,
       arg_max(url, (coalesce(is_representative, false), confidence, fact_id)) AS evidence_url,
       arg_max(outlet, (coalesce(is_representative, false), confidence, fact_id)) AS evidence_outlet,
       count(DISTINCT article_id) AS articles,
       count(DISTINCT outlet) AS outlets,
       max(confidence) AS confidence,
       bool_or(is_domestic) AS is_domestic,
       min(partition_date) AS first_day
FROM fact_evidence
WHERE is_asserted
GROUP BY story_id, relation_type, source_actors, source_iso3, target_actors, target_iso3;
