-- Feed health: the latest outcome of every source, with its error when it failed.
SELECT feed_name,
       arg_max(outcome, requested_at)     AS last_outcome,
       arg_max(http_status, requested_at) AS last_status,
       count(*)                           AS fetches,
       sum(entries)                       AS entries_seen,
       arg_max(error, requested_at)       AS last_error
FROM feed_fetches
GROUP BY feed_name
ORDER BY last_outcome <> 'ok' DESC, feed_name;
