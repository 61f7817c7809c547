-- Derived tables: pure functions of the raw store and the code version, one daily partition
-- (partition_date = UTC publication day) replaced per transaction.

CREATE TABLE IF NOT EXISTS articles (
    article_id         VARCHAR NOT NULL,   -- sha256(canonical_url)[:16]; stable across edits
    partition_date     DATE NOT NULL,
    url                VARCHAR NOT NULL,
    canonical_url      VARCHAR NOT NULL,
    source             VARCHAR,            -- feed name or host for imports
    site_name          VARCHAR,
    title              VARCHAR,
    byline             VARCHAR,
    published_at       TIMESTAMPTZ,
    date_source        VARCHAR,
    language           VARCHAR,
    text               VARCHAR,
    word_count         INTEGER,
    capture_id         VARCHAR NOT NULL,   -- capture the text was extracted from (latest version)
    versions           INTEGER NOT NULL,   -- distinct captured versions of this article
    content_sha256     VARCHAR,
    status             VARCHAR NOT NULL,   -- 'ok', 'not_article', 'empty' or 'error' (text is kept whatever it says)
    extractor_version  VARCHAR NOT NULL,
    template_version   VARCHAR             -- site template applied (see site_templates), if any
);

CREATE TABLE IF NOT EXISTS stories (
    story_id           VARCHAR NOT NULL,
    article_id         VARCHAR NOT NULL,
    partition_date     DATE NOT NULL,
    is_representative  BOOLEAN NOT NULL,
    similarity         DOUBLE,             -- of the strongest confirmed link into the story (1.0 for its founder)
    method             VARCHAR NOT NULL,   -- 'self' | 'url' | 'exact' | 'near' | 'contained'
    dedup_version      VARCHAR NOT NULL
);

-- MinHash band keys of the window's articles, so a new partition's near-duplicate candidates
-- are a join against earlier days rather than a rescan.
CREATE TABLE IF NOT EXISTS story_bands (
    partition_date  DATE NOT NULL,
    article_id      VARCHAR NOT NULL,
    story_id        VARCHAR NOT NULL,
    band            SMALLINT NOT NULL,      -- -1: sampled shingle hashes for containment; -2: hashes of (source, line) pairs for boilerplate
    band_key        UBIGINT NOT NULL,
    dedup_version   VARCHAR NOT NULL        -- keys of another MinHash setup never match
);

CREATE TABLE IF NOT EXISTS actors (
    actor_id       VARCHAR NOT NULL,
    name           VARCHAR NOT NULL,
    kind           VARCHAR NOT NULL,       -- person | state | org | group
    country_iso3   VARCHAR,
    sector         VARCHAR,                -- GOV, MIL, LEG, JUD, COP, PTY, REB, ...
    role           VARCHAR,
    valid_from     DATE,
    valid_to       DATE,
    origin         VARCHAR NOT NULL,       -- 'seed' | 'learned'
    first_seen_article_id VARCHAR,
    first_seen_sentence   VARCHAR,
    first_seen_date       DATE            -- partition whose articles taught a learned actor
);

CREATE TABLE IF NOT EXISTS relation_facts (
    fact_id          VARCHAR NOT NULL,
    partition_date   DATE NOT NULL,
    article_id       VARCHAR NOT NULL,
    story_id         VARCHAR NOT NULL,
    relation_type    VARCHAR NOT NULL,     -- PLOVER event type
    mode             VARCHAR,
    source_actors    VARCHAR[],
    source_iso3      VARCHAR[],
    source_sectors   VARCHAR[],
    target_actors    VARCHAR[],
    target_iso3      VARCHAR[],
    target_sectors   VARCHAR[],
    location         VARCHAR,
    event_date       DATE,
    sentence         VARCHAR NOT NULL,
    sentence_start   INTEGER NOT NULL,     -- character offsets of the sentence in articles.text
    sentence_end     INTEGER NOT NULL,
    trigger          VARCHAR,
    negated          BOOLEAN NOT NULL,
    hypothetical     BOOLEAN NOT NULL,
    -- is_domestic BOOLEAN: added by 003_domestic_facts.sql
    confidence       DOUBLE NOT NULL,
    rule_id          VARCHAR NOT NULL,
    coder_version    VARCHAR NOT NULL
);

-- Dyad counts per day: facts, distinct stories, distinct sources and distinct articles.
-- Only asserted facts (not negated, not hypothetical) are counted. Compound actors are
-- expanded, one row per (source country, target country) pair; only countries are paired, and
-- a country with itself only for domestic events (is_domestic, added by 003_domestic_facts);
-- see sql/models/intermediate/030_fact_country_pairs.sql for how.
CREATE TABLE IF NOT EXISTS relation_daily (
    partition_date  DATE NOT NULL,
    source_iso3     VARCHAR NOT NULL,
    target_iso3     VARCHAR NOT NULL,
    relation_type   VARCHAR NOT NULL,
    facts           INTEGER NOT NULL,
    stories         INTEGER NOT NULL,
    sources         INTEGER NOT NULL,
    articles        INTEGER NOT NULL
);

-- Site templates (repeated blocks and lines of a host) used to extract a day's articles. A
-- re-derive of the day reuses the stored template of the same extractor version, so the text
-- does not change because other pages of the host arrived in the meantime.
CREATE TABLE IF NOT EXISTS site_templates (
    partition_date     DATE NOT NULL,
    host               VARCHAR NOT NULL,
    template_version   VARCHAR NOT NULL,   -- content hash of template_json
    extractor_version  VARCHAR NOT NULL,
    learned_from_pages INTEGER NOT NULL,
    template_json      VARCHAR NOT NULL
);
