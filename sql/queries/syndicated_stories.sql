-- Which stories were syndicated most: articles and outlets per story, with its representative title.
SELECT s.story_id,
       count(*)                                              AS articles,
       count(DISTINCT a.source)                              AS outlets,
       any_value(a.title) FILTER (WHERE s.is_representative) AS title
FROM stories s JOIN articles a USING (article_id)
GROUP BY s.story_id
HAVING count(*) > 1
ORDER BY articles DESC, s.story_id
LIMIT 10;
