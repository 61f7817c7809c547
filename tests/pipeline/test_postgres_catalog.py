"""Scale-out is configuration only: the same demo job with the DuckLake catalog in PostgreSQL
(ETL_CATALOG) and the Parquet files elsewhere (ETL_LAKE_DATA) gives the same tables as the
default SQLite catalog."""

from __future__ import annotations

from etl.cli.demo import run_demo
from tests.conftest import demo_port, settings_of, settings_resource
from tests.pipeline.postgres_server import postgres_database
from tests.pipeline.tables import assert_same_tables, snapshot

COMPARED = ["articles", "stories", "relation_facts", "relation_daily", "actors"]


def _without_run_specific_columns(tables):
    # Capture ids are fresh UUIDs per run, and an article's input_key hashes its capture id;
    # everything derived from content must match.
    return {name: frame.drop("capture_id", "input_key", strict=False) for name, frame in tables.items()}


def test_demo_on_a_postgres_catalog_matches_sqlite(demo_data_dir, tmp_path):
    reference = _without_run_specific_columns(snapshot(demo_data_dir, COMPARED))
    with postgres_database() as dsn:
        scaled_out = {"catalog": f"postgres:{dsn}", "lake_data": str(tmp_path / "object-store" / "lake") + "/"}
        data_dir = tmp_path / "data"
        # Same port as the reference run: the same page URLs, so the same article keys.
        run_demo(settings_resource(data_dir, **scaled_out), quiet=True, port=demo_port(demo_data_dir))
        settings = settings_of(data_dir, **scaled_out)
        assert settings.catalog.startswith("postgres:")
        assert not settings.catalog_path.exists(), "the SQLite catalog must not be used"
        assert any((tmp_path / "object-store" / "lake").rglob("*.parquet"))
        assert_same_tables(reference, _without_run_specific_columns(snapshot(data_dir, COMPARED, **scaled_out)))
