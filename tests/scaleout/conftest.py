"""The scaled-out deployment the tests share: the demo run once with its DuckLake catalog in
PostgreSQL and its Parquet and WARC files in a local S3-compatible store."""

from __future__ import annotations

import os

import psycopg2
import pytest

from etl.cli.demo import run_demo
from tests.conftest import demo_port, settings_resource
from tests.pipeline.postgres_server import postgres_database
from tests.scaleout.s3_server import s3_server

BUCKET = "newsfacts"
INSTANCE_DATABASE = "dagster"


# The tests on the scaled-out demo take minutes (a second demo run, then workers re-deriving
# it): they run when this variable is set (`ETL_SCALEOUT_TESTS=1 pytest tests/scaleout`).
RUN_VARIABLE = "ETL_SCALEOUT_TESTS"


@pytest.fixture(scope="session")
def scaled_out(request, tmp_path_factory):
    """(data folder of the run, its settings fields, the PostgreSQL URL of a spare database for a
    shared Dagster instance)."""
    if not os.environ.get(RUN_VARIABLE):
        pytest.skip(f"scaled-out demo: minutes long, set {RUN_VARIABLE}=1 to run it")
    demo_data_dir = request.getfixturevalue("demo_data_dir")
    with postgres_database() as dsn, s3_server(BUCKET) as store:
        server = psycopg2.connect(dsn)
        server.autocommit = True
        server.cursor().execute(f"CREATE DATABASE {INSTANCE_DATABASE}")
        server.close()
        parts = dict(part.split("=", 1) for part in dsn.split())
        instance_url = (f"postgresql://{parts['user']}@/{INSTANCE_DATABASE}"
                        f"?host={parts['host']}&port={parts['port']}")
        values = {"catalog": f"postgres:{dsn}", "lake_data": f"s3://{BUCKET}/lake/",
                  "raw_store": f"s3://{BUCKET}/raw", **store}
        data_dir = tmp_path_factory.mktemp("scaled-out") / "data"
        # Same port as the reference run: the same page URLs, so the same article keys.
        run_demo(settings_resource(data_dir, **values), quiet=True, port=demo_port(demo_data_dir))
        yield data_dir, values, instance_url
