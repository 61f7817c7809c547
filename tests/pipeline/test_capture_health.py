"""Capture health shows: a real capture in which every feed fails fails its check (ERROR) and
its run, `etl capture` exits non-zero naming the feeds, a partly failing list warns, and the
freshness of new entries is judged by what arrived, not by the run."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import dagster as dg
import pytest

from tests.capture.conftest import rss
from tests.capture.localserver import LocalServer, response
from tests.conftest import LOOPBACK, REPO_ROOT, cli_environment, settings_of, settings_resource

GOOD_FEED = rss([{"title": "Talks resume", "link": "/a1", "guid": "a1",
                  "pubDate": "Wed, 13 Nov 2024 08:00:00 GMT"}])


@pytest.fixture
def server():
    routes = {
        "/down.xml": lambda r: response(503, b"maintenance"),
        "/gone.xml": lambda r: response(404, b"no such feed"),
        "/good.xml": lambda r: response(200, GOOD_FEED, {"Content-Type": "application/rss+xml"}),
        "/a1": lambda r: response(200, b"<html><body><p>Talks resume.</p></body></html>",
                                  {"Content-Type": "text/html"}),
    }
    with LocalServer(routes=routes) as local:
        yield local


@pytest.fixture
def data_dir(tmp_path):
    return tmp_path / "data"


def _write_sources(data_dir, server, paths) -> None:
    """The feeds as the data folder's own sources (what `etl capture` reads with ETL_SOURCES unset)."""
    data_dir.mkdir(parents=True, exist_ok=True)
    lines = ["sources:"] + [f"  - name: feed{path.replace('/', '-').removesuffix('.xml')}\n    url: {server.url(path)}"
                            for path in paths]
    (data_dir / "sources.yaml").write_text("\n".join(lines) + "\n")


def _latest_check(data_dir, key: str, name: str):
    with dg.DagsterInstance.from_config(str(settings_of(data_dir).dagster_home)) as instance:
        records = instance.event_log_storage.get_asset_check_execution_history(
            dg.AssetCheckKey(dg.AssetKey(key), name), limit=1)
        return records[0].event.dagster_event.event_specific_data if records else None


def _assert_failed_check(data_dir, severity, lead: str) -> None:
    evaluation = _latest_check(data_dir, "feed_fetches", "feeds_answering")
    assert (evaluation.passed, evaluation.severity) == (False, severity)
    assert evaluation.description.startswith(lead)
    assert "feed-down: server_error" in evaluation.description


def test_every_feed_failing_fails_the_check_and_the_run(server, data_dir):
    from etl.cli.dagster_runs import run_capture

    _write_sources(data_dir, server, ["/down.xml", "/gone.xml"])
    with pytest.raises(RuntimeError, match="capture_job failed"):
        run_capture(settings_resource(data_dir))
    _assert_failed_check(data_dir, dg.AssetCheckSeverity.ERROR, "no feed answered")
    assert "feed-gone: not_found" in _latest_check(data_dir, "feed_fetches", "feeds_answering").description
    # The fetches were recorded all the same: the failure shows without losing the log.
    from etl.warehouse import lake

    con = lake.connect(settings_of(data_dir), read_only=True)
    try:
        outcomes = lake.query(con, "SELECT feed_name, outcome FROM feed_fetches ORDER BY 1").rows()
    finally:
        con.close()
    assert outcomes == [("feed-down", "server_error"), ("feed-gone", "not_found")]


def test_etl_capture_exits_non_zero_and_names_the_failing_feeds(server, data_dir):
    _write_sources(data_dir, server, ["/down.xml", "/gone.xml"])
    done = subprocess.run([sys.executable, "-m", "etl.cli.main", "capture"], cwd=REPO_ROOT,
                          env=cli_environment(data_dir, ETL_ALLOW_NETWORKS=LOOPBACK),
                          capture_output=True, text=True, timeout=300)
    assert done.returncode != 0
    assert "no feed answered" in done.stderr + done.stdout
    assert "feed-down: server_error" in done.stderr + done.stdout


def test_a_failing_share_warns_and_the_run_succeeds(server, data_dir):
    from etl.cli.dagster_runs import run_capture

    _write_sources(data_dir, server, ["/good.xml", "/down.xml"])
    run_capture(settings_resource(data_dir))
    _assert_failed_check(data_dir, dg.AssetCheckSeverity.WARN, "1 of 2 feeds answered")

    _write_sources(data_dir, server, ["/good.xml"])
    run_capture(settings_resource(data_dir))
    assert _latest_check(data_dir, "feed_fetches", "feeds_answering").passed is True


def test_freshness_follows_new_entries_not_the_last_run(server, data_dir):
    from etl.cli.dagster_runs import run_capture
    from etl.definitions import build_definitions

    _write_sources(data_dir, server, ["/good.xml"])
    long_ago = dt.datetime(2024, 11, 13, 9, tzinfo=dt.timezone.utc)
    settings = settings_resource(data_dir)
    run_capture(settings, now=long_ago)  # the entry is first seen "long ago"
    run_capture(settings)                # a run right now that finds nothing new
    job = build_definitions(settings).resolve_implicit_global_asset_job_def().get_subset(
        asset_check_selection={dg.AssetCheckKey(dg.AssetKey(k), "freshness_check")
                               for k in ("feed_fetches", "feed_entries")},
        asset_selection=set(),
    )
    with dg.DagsterInstance.from_config(str(settings.get().dagster_home)) as instance:
        result = job.execute_in_process(instance=instance, raise_on_error=False)
    verdicts = {e.asset_key.to_user_string(): e.passed for e in result.get_asset_check_evaluations()}
    # The run happened just now, but the newest entry is two years old.
    assert verdicts == {"feed_fetches": True, "feed_entries": False}
