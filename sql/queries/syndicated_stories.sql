-- Which stories were syndicated most: articles and outlets per story, with its representative
-- title and the outlets that carried it.
SELECT s.story_id,
       count(*)                                              AS articles,
       count(DISTINCT a.source)                              AS outlets,
       any_value(a.title) FILTER (WHERE s.is_representative) AS title,
       string_agg(DISTINCT a.source, ', ' ORDER BY a.source) AS carried_by
FROM stories s JOIN articles a USING (article_id, partition_date)
GROUP BY s.story_id
HAVING count(*) > 1
ORDER BY articles DESC, s.story_id
LIMIT 10;
