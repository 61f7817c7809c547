"""A data folder remembers the sources it was made with: the demo's folder never reaches the
real web, neither through `etl capture` nor through the hourly schedule."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from urllib.parse import urlsplit

import dagster as dg

from etl.definitions import defs
from etl.settings import DEFAULT_SOURCES_FILE, get_settings
from tests.conftest import REPO_ROOT, use_data_dir


def _hourly_tick():
    schedule = defs.get_schedule_def("hourly_refresh_schedule")
    when = dt.datetime(2026, 11, 28, 5, 5, tzinfo=dt.timezone.utc)
    with dg.build_schedule_context(scheduled_execution_time=when, repository_def=defs.get_repository_def()) as context:
        return schedule.evaluate_tick(context)


def test_a_fresh_folder_uses_the_packaged_sources_and_is_scheduled(tmp_path, monkeypatch):
    monkeypatch.delenv("ETL_SOURCES", raising=False)
    use_data_dir(tmp_path / "data")
    assert get_settings().sources_file == DEFAULT_SOURCES_FILE
    assert not get_settings().is_offline_demo
    assert len(_hourly_tick().run_requests) == 1


def test_the_demo_folder_remembers_its_sources_and_the_schedule_skips(demo_copy, monkeypatch):
    monkeypatch.delenv("ETL_SOURCES", raising=False)
    get_settings.cache_clear()
    settings = get_settings()
    assert settings.sources_file == demo_copy / "sources.yaml"
    assert settings.is_offline_demo
    tick = _hourly_tick()
    assert tick.run_requests == []
    assert "made by `etl demo`" in tick.skip_message


def test_etl_capture_in_the_demo_folder_polls_only_the_demo_feeds(demo_copy, monkeypatch):
    from etl.warehouse import lake

    con = lake.connect(read_only=True)
    before = lake.query(con, "SELECT count(*) AS n FROM feed_fetches")["n"][0]
    con.close()
    # As `dagster dev` or a later `etl capture` would run in that folder: no ETL_SOURCES, and no
    # loopback allowance (the demo sets it only while it runs).
    env = {k: v for k, v in os.environ.items() if k not in ("ETL_SOURCES", "ETL_ALLOW_NETWORKS")}
    subprocess.run([sys.executable, "-m", "etl.cli.main", "capture"], cwd=REPO_ROOT, env=env,
                   capture_output=True, text=True, timeout=300)
    con = lake.connect(read_only=True)
    try:
        new = lake.query(con, "SELECT requested_url, outcome FROM feed_fetches ORDER BY requested_at OFFSET ?",
                         [before])
    finally:
        con.close()
    assert new.height > 0
    assert {urlsplit(url).hostname for url in new["requested_url"]} == {"127.0.0.1"}
    assert set(new["outcome"]) == {"blocked_address"}
