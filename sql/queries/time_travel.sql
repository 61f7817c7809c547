-- Time travel: every commit to the warehouse is a DuckLake snapshot. This lists the latest ones
-- and what each changed; to read a table as it was, take a snapshot_id from here and write
--   SELECT count(*) FROM relation_facts AT (VERSION => 42)
-- (tables only: views are not versioned; docs/analysts.md shows how to attach a whole snapshot).
SELECT snapshot_id, snapshot_time, changes
FROM ducklake_snapshots('lake')
ORDER BY snapshot_id DESC
LIMIT 10;
