"""Lake maintenance (flush inlined rows, merge files, expire snapshots, delete unreferenced
files) keeps every row and leaves the data in Parquet files."""

from __future__ import annotations

from etl.cli.dagster_runs import execute_job
from etl.warehouse import lake
from tests.conftest import settings_of, settings_resource
from tests.pipeline.tables import assert_same_tables, snapshot


def _parquet_files(con) -> int:
    return con.execute("SELECT count(*) FROM ducklake_list_files('lake', 'articles')").fetchone()[0]


def test_maintenance_keeps_rows_and_flushes_inlined_data(demo_copy):
    before = snapshot(demo_copy)
    result = execute_job("maintenance_job", settings_resource(demo_copy))
    (event,) = result.get_asset_materialization_events()
    metadata = event.materialization.metadata
    assert metadata["snapshot_after"].value > metadata["snapshot_before"].value
    assert_same_tables(before, snapshot(demo_copy))
    con = lake.connect(settings_of(demo_copy), read_only=True)
    assert _parquet_files(con) >= 1
    con.close()
