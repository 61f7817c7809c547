-- One row per story: its representative article (title, outlet, URL), the days it ran, how many
-- articles and outlets carried it, and how many distinct asserted events it reports. Distinct
-- events: the same (type, source, target) read in several syndicated copies counts once.
CREATE OR REPLACE VIEW story_summary AS
WITH members AS (
    SELECT s.story_id, s.is_representative, a.article_id, a.partition_date, a.source, a.title, a.url,
           a.published_at
    FROM stories s JOIN articles a USING (article_id, partition_date)
),
events AS (
    SELECT story_id,
           count(DISTINCT (relation_type, source_iso3, target_iso3, source_actors, target_actors)) AS events
    FROM fact_evidence
    WHERE is_asserted
    GROUP BY story_id
)
SELECT m.story_id,
       arg_max(m.title, (m.is_representative, m.published_at)) AS title,
       arg_max(m.source, (m.is_representative, m.published_at)) AS outlet,
       arg_max(m.url, (m.is_representative, m.published_at)) AS url,
       min(m.partition_date) AS first_day,
       max(m.partition_date) AS last_day,
       count(DISTINCT m.article_id) AS articles,
       count(DISTINCT m.source) AS outlets,
       list(DISTINCT m.source ORDER BY m.source) AS outlet_names,
       coalesce(any_value(e.events), 0) AS events
FROM members m
LEFT JOIN events e USING (story_id)
GROUP BY m.story_id;
