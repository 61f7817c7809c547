"""A data folder remembers the sources it was made with: the demo's folder never reaches the
real web, neither through `etl capture` nor through the hourly schedule."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from urllib.parse import urlsplit

import dagster as dg

from etl.definitions import build_definitions
from etl.settings import DEFAULT_SOURCES_FILE
from tests.conftest import REPO_ROOT, cli_environment, settings_of, settings_resource


def _hourly_tick(data_dir):
    """The hourly schedule's tick in the code location configured as `dagster dev` would run it
    in ``data_dir``: no sources file named."""
    defs = build_definitions(settings_resource(data_dir))
    schedule = defs.get_schedule_def("hourly_refresh_schedule")
    when = dt.datetime(2026, 11, 28, 5, 5, tzinfo=dt.timezone.utc)
    with dg.build_schedule_context(scheduled_execution_time=when, repository_def=defs.get_repository_def(),
                                   resources=defs.resources) as context:
        return schedule.evaluate_tick(context)


def test_a_fresh_folder_uses_the_packaged_sources_and_is_scheduled(tmp_path):
    settings = settings_of(tmp_path / "data")
    assert settings.sources_file == DEFAULT_SOURCES_FILE
    assert not settings.is_offline_demo
    assert len(_hourly_tick(tmp_path / "data").run_requests) == 1


def test_the_demo_folder_remembers_its_sources_and_the_schedule_skips(demo_copy):
    settings = settings_of(demo_copy)
    assert settings.sources_file == demo_copy / "sources.yaml"
    assert settings.is_offline_demo
    tick = _hourly_tick(demo_copy)
    assert tick.run_requests == []
    assert "made by `etl demo`" in tick.skip_message


def test_etl_capture_in_the_demo_folder_polls_only_the_demo_feeds(demo_copy):
    from etl.warehouse import lake

    con = lake.connect(settings_of(demo_copy), read_only=True)
    before = lake.query(con, "SELECT count(*) AS n FROM feed_fetches")["n"][0]
    con.close()
    # As `dagster dev` or a later `etl capture` would run in that folder: no ETL_SOURCES, and no
    # loopback allowance (the demo sets it only while it runs).
    subprocess.run([sys.executable, "-m", "etl.cli.main", "capture"], cwd=REPO_ROOT, env=cli_environment(demo_copy),
                   capture_output=True, text=True, timeout=300)
    con = lake.connect(settings_of(demo_copy), read_only=True)
    try:
        new = lake.query(con, "SELECT requested_url, outcome FROM feed_fetches ORDER BY requested_at OFFSET ?",
                         [before])
    finally:
        con.close()
    assert new.height > 0
    assert {urlsplit(url).hostname for url in new["requested_url"]} == {"127.0.0.1"}
    assert set(new["outcome"]) == {"blocked_address"}
