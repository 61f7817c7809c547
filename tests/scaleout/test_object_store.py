"""Past one machine is configuration only: the demo with its DuckLake catalog in PostgreSQL, its
Parquet files and its WARC files in an S3-compatible store gives the tables of the default
SQLite + local-folder run, and a worker that has nothing but that configuration (an empty data
folder) re-derives every day to the same rows."""

from __future__ import annotations

import subprocess
import sys

import polars as pl
from fsspec.core import url_to_fs

from etl.demo.expectations import DEAD_FEED
from etl.demo.server import DEMO_DAYS
from etl.rawstore import objectstore
from etl.warehouse import lake
from tests.conftest import REPO_ROOT, cli_environment, settings_of
from tests.scaleout.conftest import BUCKET
from tests.scaleout.lake_tables import differences, every_table
from tests.scaleout.s3_server import as_variables

# What differs between two captures of the same pages by design: fresh ids (capture and fetch
# UUIDs, WARC file names with a random token, so offsets and record lengths too) and the clock
# read while a run goes (the simulated start time plus the seconds elapsed); an article's
# input_key hashes its capture id. Everything else, and everything derived, must match.
RUN_SPECIFIC = {
    "feed_fetches": ("fetch_id", "requested_at", "duration_ms"),
    "feed_state": ("last_fetched_at", "next_check_at", "updated_at"),
    "feed_entries": ("first_seen_at",),
    "captures": ("capture_id", "fetched_at", "warc_file", "warc_offset", "warc_length"),
    "articles": ("capture_id", "input_key"),
}


def _without_dead_feed_port(tables: dict) -> dict:
    """The demo points its dead feed at a closed port picked per run: its URLs differ by design."""
    urls = {"feed_fetches": ("requested_url", "final_url"), "feed_state": ("configured_url", "effective_url")}
    return {name: frame.with_columns(pl.when(pl.col("feed_name") == DEAD_FEED).then(None).otherwise(pl.col(c)).alias(c)
                                     for c in urls[name]) if name in urls else frame
            for name, frame in tables.items()}


def _stored_objects(settings, prefix: str) -> list[str]:
    fs, _ = url_to_fs(f"s3://{BUCKET}", **objectstore.fsspec_options(settings))
    return fs.find(f"{BUCKET}/{prefix}")


def test_demo_on_postgres_and_object_storage_matches_sqlite(scaled_out, demo_data_dir):
    data_dir, values, _ = scaled_out
    settings = settings_of(data_dir, **values)
    assert not settings.catalog_path.exists(), "the SQLite catalog must not be used"
    assert not settings.lake_data_path.exists() and not settings.raw_dir.exists(), "nothing local"
    assert any(name.endswith(".parquet") for name in _stored_objects(settings, "lake/"))
    assert any(name.endswith(".warc.gz") for name in _stored_objects(settings, "raw/warc/"))
    reference = _without_dead_feed_port(every_table(settings_of(demo_data_dir), RUN_SPECIFIC))
    assert differences(reference, _without_dead_feed_port(every_table(settings, RUN_SPECIFIC))) == []


def test_a_fresh_worker_rederives_every_day_from_the_configuration_alone(scaled_out, tmp_path):
    data_dir, values, _ = scaled_out
    settings = settings_of(data_dir, **values)
    before = every_table(settings, RUN_SPECIFIC)
    con = lake.connect(settings, read_only=True)
    snapshot_before = lake.current_snapshot(con)
    con.close()

    fresh = tmp_path / "fresh-worker"
    derive = subprocess.run(
        [sys.executable, "-m", "etl.cli.main", "derive", DEMO_DAYS[0].isoformat(), DEMO_DAYS[-1].isoformat()],
        cwd=REPO_ROOT, env=cli_environment(fresh, **as_variables(values)), capture_output=True, text=True,
        timeout=900,
    )
    assert derive.returncode == 0, derive.stderr[-3000:]
    assert not (fresh / "raw").exists() and not (fresh / "lake").exists(), "the worker kept data locally"
    con = lake.connect(settings, read_only=True)
    assert lake.current_snapshot(con) > snapshot_before, "the worker wrote nothing: the check would prove nothing"
    con.close()
    assert differences(before, every_table(settings, RUN_SPECIFIC)) == []
