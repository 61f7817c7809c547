-- Feed health: the latest outcome of every source, its success rate and when it last answered
-- ok, failing feeds first with their error.
SELECT feed_name,
       arg_max(outcome, requested_at)                 AS last_outcome,
       arg_max(http_status, requested_at)             AS last_status,
       count(*)                                       AS fetches,
       round(avg((outcome = 'ok')::INTEGER), 2)       AS ok_rate,
       max(requested_at) FILTER (WHERE outcome = 'ok') AS last_ok_at,
       sum(new_entries)                               AS new_entries,
       arg_max(error, requested_at)                   AS last_error
FROM feed_fetches
GROUP BY feed_name
ORDER BY last_outcome <> 'ok' DESC, feed_name;
