-- Top stories of each day: stories with an article that day, ranked by how many outlets carried
-- them, then by distinct events, then by articles. rank 1 is the day's lead story.
CREATE OR REPLACE VIEW top_stories_daily AS
WITH story_days AS (
    SELECT DISTINCT story_id, partition_date AS day FROM stories
)
SELECT d.day,
       row_number() OVER (PARTITION BY d.day
                          ORDER BY s.outlets DESC, s.events DESC, s.articles DESC, s.story_id) AS rank,
       s.*
FROM story_days d JOIN story_summary s USING (story_id);
