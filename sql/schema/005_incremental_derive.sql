-- What each derived row was made from, so that a re-derive of a day redoes only the work whose
-- inputs changed and carries the other rows over unchanged (the result equals a full re-derive).
--
-- articles.input_key: hash of the page's capture, its feed entry's title and date, the number of
-- captured versions, and the extractor and site-template versions. Added in place like the
-- columns of 003; rows written before read NULL and are extracted again on their day's next derive.
ALTER TABLE articles ADD COLUMN IF NOT EXISTS input_key VARCHAR;

-- One row per article the relation coder read on a day, facts or none: what it was coded from
-- and the actors it taught, so an unchanged article's facts and learned actors are carried over.
CREATE TABLE IF NOT EXISTS coded_articles (
    partition_date  DATE NOT NULL,
    article_id      VARCHAR NOT NULL,
    input_key       VARCHAR NOT NULL,   -- hash of what it was coded from (sql/dictionary.yaml says what)
    coder_version   VARCHAR NOT NULL,
    learned_actors  VARCHAR NOT NULL    -- JSON list of the actor rows the article taught
);

-- Their descriptions, like every column's, are in sql/dictionary.yaml (written as COMMENT ON).
