"""Feed state survives changes of the source list; an empty list is refused, not obeyed."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from etl.capture import outcomes
from etl.capture.sources import Source, SourcesError, parse_sources
from etl.warehouse import lake
from etl.capture.capture_state import capture_into
from tests.capture.conftest import make_settings, rss
from tests.capture.localserver import LocalServer, response
from tests.conftest import cli_environment

REPO_ROOT = Path(__file__).resolve().parents[2]
NOW = datetime(2024, 5, 7, 12, 0, tzinfo=timezone.utc)


def _states(con) -> dict[str, dict]:
    return {row["feed_name"]: row for row in lake.query(con, "SELECT * FROM feed_state").to_dicts()}


def test_a_feed_left_out_of_the_list_keeps_its_state_and_resumes(tmp_path):
    settings = make_settings(tmp_path)
    con = lake.connect(settings)
    lake.apply_schema(con)
    with LocalServer() as server:
        server.routes["/tagged"] = lambda r: response(
            200, rss([]), {"Content-Type": "application/rss+xml", "ETag": '"e1"'})
        server.routes["/gone"] = lambda r: response(410, b"gone")
        # /flaky falls through to the server's 404
        both = [Source("tagged", server.url("/tagged")), Source("gone", server.url("/gone")),
                Source("flaky", server.url("/flaky"))]
        try:
            capture_into(con, both, settings, now=NOW)
            before = _states(con)
            assert before["tagged"]["etag"] == '"e1"'
            assert before["gone"]["disabled"] and before["flaky"]["error_count"] == 1

            # Another list (e.g. ETL_SOURCES pointed at another file) without two of the feeds.
            capture_into(con, both[:1], settings, now=NOW + timedelta(hours=1))
            kept = _states(con)
            for name in ("gone", "flaky"):
                assert kept[name] == before[name], f"{name}: state changed while not listed"

            # Back in the list: the error count continues, the disabled feed stays disabled.
            capture_into(con, both, settings, now=NOW + timedelta(days=1))
            after = _states(con)
            assert after["flaky"]["error_count"] == 2
            assert after["gone"]["disabled"] and after["gone"]["disabled_reason"] == before["gone"]["disabled_reason"]
            polled = lake.query(con, "SELECT feed_name FROM feed_fetches")["feed_name"].to_list()
            assert polled.count("gone") == 1
        finally:
            con.close()


def test_an_empty_source_list_is_refused():
    with pytest.raises(SourcesError, match="list is empty"):
        parse_sources("sources: []\n")


def test_etl_capture_refuses_an_empty_list_and_keeps_the_state(tmp_path):
    data_dir = tmp_path / "data"
    settings = make_settings(data_dir)
    con = lake.connect(settings)
    lake.apply_schema(con)
    with LocalServer() as server:
        server.routes["/feed"] = lambda r: response(200, rss([]), {"Content-Type": "application/rss+xml"})
        capture_into(con, [Source("feed", server.url("/feed"))], settings, now=NOW)
    con.close()
    empty = tmp_path / "empty.yaml"
    empty.write_text("sources: []\n")
    env = cli_environment(data_dir, ETL_SOURCES=str(empty))
    run = subprocess.run([sys.executable, "-m", "etl.cli.main", "capture"], env=env, cwd=REPO_ROOT,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 1
    assert "'sources:' list is empty" in run.stderr and "Traceback" not in run.stderr
    con = lake.connect(settings, read_only=True)
    try:
        assert list(_states(con)) == ["feed"]
        assert lake.query(con, "SELECT outcome FROM feed_fetches")["outcome"].to_list() == [outcomes.OK]
    finally:
        con.close()
