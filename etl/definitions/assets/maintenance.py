"""Maintenance group: keep the lake compact and its snapshot history bounded."""


import dagster as dg

from etl.definitions.jobs import WRITER_TAGS
from etl.definitions.resources import WarehouseResource
from etl.warehouse.lake import LAKE_ALIAS, current_snapshot

# Snapshots older than this are expired (time travel reaches back this far).
SNAPSHOT_RETENTION = "30 days"


@dg.asset(
    group_name="maintenance",
    kinds={"duckdb"},
    op_tags={"etl/writer": "maintenance"},
    description="Flushes inlined rows to Parquet, merges small files, expires snapshots older "
    f"than {SNAPSHOT_RETENTION} and deletes the files no snapshot references any more.",
)
def lake_maintenance(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    with warehouse.connect() as con:
        before = current_snapshot(con)
        con.execute(f"CALL ducklake_flush_inlined_data('{LAKE_ALIAS}')")
        con.execute(f"CALL ducklake_merge_adjacent_files('{LAKE_ALIAS}')")
        expired = con.execute(
            f"CALL ducklake_expire_snapshots('{LAKE_ALIAS}', older_than => now() - INTERVAL '{SNAPSHOT_RETENTION}')"
        ).fetchall()
        cleaned = con.execute(f"CALL ducklake_cleanup_old_files('{LAKE_ALIAS}', cleanup_all => true)").fetchall()
        after = current_snapshot(con)
    return dg.MaterializeResult(
        metadata={"snapshot_before": before, "snapshot_after": after,
                  "snapshots_expired": len(expired), "files_deleted": len(cleaned)}
    )


maintenance_job = dg.define_asset_job("maintenance_job", selection=[lake_maintenance], tags=WRITER_TAGS)
maintenance_schedule = dg.ScheduleDefinition(
    name="maintenance_schedule", job=maintenance_job, cron_schedule="45 3 * * 0", execution_timezone="UTC",
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description="Weekly, Sunday 03:45 UTC: compact the lake and expire old snapshots.",
)
MAINTENANCE_ASSETS = [lake_maintenance]
