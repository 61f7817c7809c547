-- Capture tables: append-only history of what the network returned.
-- Applied in file-name order by etl.warehouse.lake.apply_schema; every statement is idempotent.

-- One row per fetch attempt of a feed, whatever happened.
CREATE TABLE IF NOT EXISTS feed_fetches (
    fetch_id        VARCHAR NOT NULL,   -- sha256(feed_name | requested_at)[:16]
    feed_name       VARCHAR NOT NULL,
    requested_url   VARCHAR NOT NULL,   -- URL asked for (the feed's effective URL at the time)
    final_url       VARCHAR,            -- URL after redirects
    requested_at    TIMESTAMPTZ NOT NULL,
    duration_ms     INTEGER,
    http_status     INTEGER,            -- NULL when no HTTP response was received
    outcome         VARCHAR NOT NULL,   -- outcome class, see etl.capture.outcomes
    bytes           BIGINT,             -- body size after decompression
    entries         INTEGER,            -- entries parsed from the body
    new_entries     INTEGER,            -- entries not seen before (or new versions)
    etag            VARCHAR,
    last_modified   VARCHAR,
    body_sha256     VARCHAR,
    error           VARCHAR             -- human-readable reason for any non-ok outcome
);

-- Per-feed polling state (one row per feed, replaced on every capture run).
CREATE TABLE IF NOT EXISTS feed_state (
    feed_name        VARCHAR NOT NULL,
    configured_url   VARCHAR NOT NULL,
    effective_url    VARCHAR NOT NULL,  -- updated by 301/308 only
    etag             VARCHAR,
    last_modified    VARCHAR,
    body_sha256      VARCHAR,
    error_count      INTEGER NOT NULL,  -- consecutive failures
    last_outcome     VARCHAR,
    last_fetched_at  TIMESTAMPTZ,
    next_check_at    TIMESTAMPTZ,
    disabled         BOOLEAN NOT NULL,
    disabled_reason  VARCHAR,
    updated_at       TIMESTAMPTZ NOT NULL
);

-- One row per version of an entry discovered in a feed. An edited item keeps its entry_key
-- and gets a new version with a new content_hash.
CREATE TABLE IF NOT EXISTS feed_entries (
    entry_key       VARCHAR NOT NULL,   -- stable identity: guid -> link -> content hash
    key_source      VARCHAR NOT NULL,   -- 'guid' | 'link' | 'hash'
    version         INTEGER NOT NULL,   -- 1 for the first sighting, +1 per changed content_hash
    feed_name       VARCHAR NOT NULL,
    guid            VARCHAR,
    url             VARCHAR,
    canonical_url   VARCHAR,
    title           VARCHAR,
    summary         VARCHAR,
    published_raw   VARCHAR,            -- the date string exactly as the feed gave it
    published_at    TIMESTAMPTZ,        -- aware UTC value, NULL when absent or implausible
    date_source     VARCHAR NOT NULL,   -- 'feed' | 'page' | 'first_seen'
    partition_date  DATE NOT NULL,      -- UTC publication day, fixed at first sighting
    content_hash    VARCHAR NOT NULL,
    first_seen_at   TIMESTAMPTZ NOT NULL
);

-- One row per raw response archived in a WARC file (article pages, and imported records).
CREATE TABLE IF NOT EXISTS captures (
    capture_id      VARCHAR NOT NULL,   -- WARC-Record-ID of the stored record; an attempt that
                                        -- stored nothing has a key of its own (url, entry, time)
    url             VARCHAR NOT NULL,   -- URL fetched (after redirects)
    canonical_url   VARCHAR NOT NULL,
    entry_key       VARCHAR,            -- feed entry that led here (NULL for imports)
    feed_name       VARCHAR,
    origin          VARCHAR NOT NULL,   -- 'feed' | 'import'
    fetched_at      TIMESTAMPTZ NOT NULL,
    http_status     INTEGER,
    outcome         VARCHAR NOT NULL,   -- outcome class, as for feeds
    content_type    VARCHAR,
    bytes           BIGINT,
    sha256          VARCHAR,            -- of the decompressed payload
    record_type     VARCHAR,            -- 'response' | 'revisit' | NULL when nothing was stored
    warc_file       VARCHAR,            -- path relative to the raw store root
    warc_offset     BIGINT,
    warc_length     BIGINT,
    partition_date  DATE NOT NULL,      -- publication day the page is derived into
    date_source     VARCHAR NOT NULL,   -- 'feed' | 'page' | 'first_seen'
    error           VARCHAR
);
