-- Source health, one row per feed: latest fetch outcome and error, success rate over its last 24
-- fetches, consecutive failures and disabled state from feed_state, and freshness: when it last
-- answered ok, when it last brought a new entry, and how many articles it yielded with text.
CREATE OR REPLACE VIEW source_health AS
WITH recent AS (
    SELECT *, row_number() OVER (PARTITION BY feed_name ORDER BY requested_at DESC) AS recency
    FROM feed_fetches
),
-- The latest fetch's own row: its status and error stay NULL when it had none (arg_max would
-- skip NULLs and show an older fetch's HTTP status).
latest AS (
    SELECT feed_name, outcome AS last_outcome, http_status AS last_status, error AS last_error
    FROM recent WHERE recency = 1
),
fetch_stats AS (
    SELECT feed_name,
           count(*) AS fetches,
           max(requested_at) AS last_fetched_at,
           max(requested_at) FILTER (WHERE outcome = 'ok') AS last_ok_at,
           max(requested_at) FILTER (WHERE new_entries > 0) AS last_new_entry_at,
           round(avg((outcome = 'ok')::INTEGER) FILTER (WHERE recency <= 24), 3) AS ok_rate_last_24
    FROM recent
    GROUP BY feed_name
),
article_stats AS (
    SELECT source AS feed_name,
           count(*) AS articles,
           count(*) FILTER (WHERE status = 'ok') AS articles_with_text,
           max(published_at) AS latest_article_at
    FROM articles
    GROUP BY source
)
SELECT f.feed_name,
       l.last_outcome, l.last_status, l.last_error,
       f.fetches, f.ok_rate_last_24,
       st.error_count AS consecutive_errors, coalesce(st.disabled, false) AS disabled, st.disabled_reason,
       f.last_fetched_at, f.last_ok_at, f.last_new_entry_at, a.latest_article_at,
       coalesce(a.articles, 0) AS articles, coalesce(a.articles_with_text, 0) AS articles_with_text,
       l.last_outcome <> 'ok' OR coalesce(st.disabled, false) AS needs_attention
FROM fetch_stats f
JOIN latest l USING (feed_name)
LEFT JOIN feed_state st USING (feed_name)
LEFT JOIN article_stats a USING (feed_name);
