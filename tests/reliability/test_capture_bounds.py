"""Bounds on what one hostile or huge source can cost a capture run, over real sockets.

A request has one deadline, headers included; a feed gives at most its entry limit of new
entries per run; a run fetches at most its page budget and starts nothing after its time budget.
What does not fit is recorded as deferred and the next run takes it.
"""

from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime

import pytest

from etl.capture import outcomes
from etl.capture.fetch import Fetcher
from etl.capture.sources import Source
from etl.warehouse import lake
from etl.capture.capture_state import capture_into
from tests.capture.conftest import article, make_settings, rss
from tests.capture.localserver import LocalServer, Request, response

NOW = datetime.now(timezone.utc).replace(microsecond=0)
FEED_TYPE = {"Content-Type": "application/rss+xml"}


def slowloris(request: Request):
    """A status line, then header bytes one a second: each read is quick, the response never ends."""
    yield b"HTTP/1.1 200 OK\r\n"
    for _ in range(120):
        yield b"X"
        yield 1.0


def test_slowloris_headers_end_at_the_request_deadline(tmp_path):
    settings = make_settings(tmp_path, read_timeout=2.0, total_timeout=3.0)
    with LocalServer() as server, Fetcher(settings) as fetcher:
        server.routes["/feed"] = slowloris
        started = time.monotonic()
        result = fetcher.get(server.url("/feed"))
        elapsed = time.monotonic() - started
    assert result.outcome == outcomes.TIMEOUT
    assert "3 s request deadline" in result.error
    assert settings.total_timeout <= elapsed < settings.total_timeout + 1.0


def test_an_octal_looking_address_is_an_invalid_url_not_a_bug(tmp_path):
    with Fetcher(make_settings(tmp_path, allow_networks=())) as fetcher:
        result = fetcher.get("http://0177.0.0.1/feed")
    assert result.outcome == outcomes.INVALID_URL
    assert "0177.0.0.1" in result.error


class Site:
    """One feed of ``n`` dated items, every page fine."""

    def __init__(self, server: LocalServer, path: str = "/feed", n: int = 12):
        items = [{"title": f"{path} story {i}", "link": server.url(f"{path}/{i}"), "guid": f"{path}-{i}",
                  "pubDate": format_datetime(NOW - timedelta(minutes=i))} for i in range(n)]
        body = rss(items)
        server.routes[path] = lambda r: response(200, body, FEED_TYPE)
        server.fallback = lambda r: response(200, article(r.path), {"Content-Type": "text/html"})


@pytest.fixture
def server():
    with LocalServer() as srv:
        yield srv


def _warehouse(tmp_path, **overrides):
    settings = make_settings(tmp_path, **overrides)
    con = lake.connect(settings)
    lake.apply_schema(con)
    return con, settings


def _rows(con, sql: str) -> list[dict]:
    return lake.query(con, sql).to_dicts()


def test_entry_limit_takes_a_big_feed_over_several_runs(server, tmp_path):
    Site(server, n=12)
    con, settings = _warehouse(tmp_path, max_new_entries_per_feed=5)
    sources = [Source("big", server.url("/feed"))]
    try:
        for hour in range(4):
            capture_into(con, sources, settings, now=NOW + timedelta(hours=hour))
        fetches = _rows(con, "SELECT outcome, new_entries, error FROM feed_fetches ORDER BY requested_at")
        assert [f["new_entries"] for f in fetches[:3]] == [5, 5, 2]
        assert "7 more new entries than the limit of 5" in fetches[0]["error"]
        assert fetches[3]["outcome"] == outcomes.UNCHANGED  # all taken: the body hash is kept now
        assert _rows(con, "SELECT count(DISTINCT entry_key) AS n FROM feed_entries")[0]["n"] == 12
        assert _rows(con, "SELECT count(*) AS n FROM captures WHERE outcome = 'ok'")[0]["n"] == 12
    finally:
        con.close()


def test_page_budget_defers_the_rest_to_the_next_run(server, tmp_path):
    Site(server, n=5)
    con, settings = _warehouse(tmp_path, page_budget=3)
    sources = [Source("feed", server.url("/feed"))]
    try:
        result, _ = capture_into(con, sources, settings, now=NOW)
        first = dict(result.captures.group_by("outcome").len().iter_rows())
        assert first == {outcomes.OK: 3, outcomes.DEFERRED: 2}
        deferred = result.captures.filter(result.captures["outcome"] == outcomes.DEFERRED)
        assert all("page budget of 3" in e for e in deferred["error"])
        assert deferred["capture_id"].null_count() == 0 and deferred["warc_file"].null_count() == 2
        capture_into(con, sources, settings, now=NOW + timedelta(hours=1))
        stored = _rows(con, "SELECT count(DISTINCT url) AS n FROM captures WHERE outcome = 'ok'")[0]["n"]
        assert stored == 5
        assert len([r for r in server.requests if r.path.startswith("/feed/")]) == 5  # none fetched twice
    finally:
        con.close()


def test_time_budget_stops_starting_work_and_the_next_run_finishes(server, tmp_path):
    # Politeness paces one host to a request a second: three feeds and their pages on it need
    # far more than the 0.5 s budget.
    for path in ("/a", "/b", "/c"):
        Site(server, path, n=4)
    con, settings = _warehouse(tmp_path, time_budget=0.5, per_host_min_interval=1.0)
    sources = [Source(path.strip("/"), server.url(path)) for path in ("/a", "/b", "/c")]
    try:
        started = time.monotonic()
        result, _ = capture_into(con, sources, settings, now=NOW)
        assert time.monotonic() - started < 5.0
        feeds = dict(zip(result.fetches["feed_name"], result.fetches["outcome"]))
        assert feeds == {"a": outcomes.OK, "b": outcomes.DEFERRED, "c": outcomes.DEFERRED}
        assert set(result.captures["outcome"]) == {outcomes.DEFERRED}
        assert all("time budget" in e for e in result.captures["error"])

        relaxed = make_settings(tmp_path)
        capture_into(con, sources, relaxed, now=NOW + timedelta(hours=1))
        stored = _rows(con, "SELECT feed_name, count(DISTINCT url) AS n FROM captures "
                            "WHERE outcome = 'ok' GROUP BY ALL ORDER BY feed_name")
        assert stored == [{"feed_name": f, "n": 4} for f in "abc"]
    finally:
        con.close()
