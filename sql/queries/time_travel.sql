-- Time travel: every commit to the warehouse is a DuckLake snapshot, stamped with the real time
-- of the commit. The latest ones and the tables and views each changed (DuckLake records ids;
-- their names come from the catalog's own table and view lists). To read a table as it was, take a
-- snapshot_id or a snapshot_time from here:
--   SELECT count(*) FROM relation_facts AT (VERSION => <snapshot_id>)
--   SELECT count(*) FROM relation_facts AT (TIMESTAMP => TIMESTAMPTZ '<snapshot_time>')
-- (tables only: views are not versioned; docs/analysts.md shows how to attach a whole snapshot).
WITH latest AS (
    SELECT snapshot_id, snapshot_time, changes
    FROM ducklake_snapshots('lake')
    ORDER BY snapshot_id DESC
    LIMIT 10
), changed AS (
    SELECT snapshot_id, snapshot_time, change.key AS change, unnest(change.value) AS item
    FROM (SELECT snapshot_id, snapshot_time, unnest(map_entries(changes)) AS change FROM latest)
), named AS (
    SELECT c.snapshot_id, c.snapshot_time, c.change,
           string_agg(DISTINCT coalesce(t.table_name, v.view_name, c.item), ', '
                      ORDER BY coalesce(t.table_name, v.view_name, c.item)) AS items
    FROM changed c
    LEFT JOIN __ducklake_metadata_lake.ducklake_table t
           ON t.table_id = TRY_CAST(c.item AS BIGINT)
          AND t.begin_snapshot <= c.snapshot_id AND (t.end_snapshot IS NULL OR t.end_snapshot > c.snapshot_id)
    LEFT JOIN __ducklake_metadata_lake.ducklake_view v
           ON v.view_id = TRY_CAST(c.item AS BIGINT)
          AND v.begin_snapshot <= c.snapshot_id AND (v.end_snapshot IS NULL OR v.end_snapshot > c.snapshot_id)
    GROUP BY ALL
)
SELECT snapshot_id, snapshot_time, string_agg(change || ': ' || items, '; ' ORDER BY change) AS changes
FROM named
GROUP BY ALL
ORDER BY snapshot_id DESC;
