"""A feed whose article pages fail in every way a page can fail, captured into a real warehouse.

The good page and every failed attempt land as rows, each with its own key and outcome; a rerun
after the site is repaired fetches the pages that failed (the feed itself unchanged).
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from urllib.parse import urlsplit

import pytest

from etl.capture import outcomes
from etl.capture.run import run_capture
from etl.capture.sources import Source
from etl.capture.state import CaptureState
from etl.warehouse import lake
from etl.capture.capture_state import capture_into
from tests.capture.conftest import article, make_settings, rss
from tests.capture.localserver import LocalServer, refused_port, response

NOW = datetime(2024, 5, 7, 12, 0, tzinfo=timezone.utc)
HTML = {"Content-Type": "text/html; charset=utf-8"}

# path -> outcome of its first capture (test settings: read timeout 1 s, body cap 1 MiB)
FIRST_OUTCOMES = {
    "/good": outcomes.OK,
    "/missing": outcomes.NOT_FOUND,
    "/slow": outcomes.TIMEOUT,
    "/huge": outcomes.TOO_LARGE,
    "/private/memo": outcomes.ROBOTS_DISALLOWED,
    "/to-metadata": outcomes.BLOCKED_ADDRESS,
}


class BrokenSite:
    """Serves a feed of one item per case; ``repair()`` makes every page answer normally."""

    def __init__(self, server: LocalServer):
        self.server = server
        self.repaired = False
        items = [{"title": f"story {path}", "link": server.url(path), "guid": path,
                  "pubDate": "Tue, 07 May 2024 09:30:00 GMT"} for path in FIRST_OUTCOMES]
        feed = rss(items)
        server.routes["/feed"] = lambda r: response(200, feed, {"Content-Type": "application/rss+xml"})
        server.routes["/robots.txt"] = self.robots
        server.fallback = self.page

    def repair(self) -> None:
        self.repaired = True

    def robots(self, request):
        return response(200, b"User-agent: *\n" + (b"" if self.repaired else b"Disallow: /private/\n"))

    def page(self, request):
        path = request.path
        if self.repaired or path == "/good":
            return response(200, article(f"story {path}"), HTML)
        if path == "/slow":
            return [response(200, b"", HTML, content_length=5000), 3.0]  # stalls past the read timeout
        if path == "/huge":
            return response(200, b"<html>", HTML, content_length=50 * 1024 * 1024)
        if path == "/to-metadata":
            return response(302, b"", {"Location": "http://169.254.169.254/latest/meta-data"})
        return response(404, b"no such page")


@pytest.fixture
def site():
    with LocalServer() as server:
        yield BrokenSite(server)


@pytest.fixture
def warehouse(tmp_path):
    settings = make_settings(tmp_path)
    con = lake.connect(settings)
    lake.apply_schema(con)
    yield con, settings
    con.close()


def _attempts(con) -> list[dict]:
    """Page attempts with the guid (the path) of the feed item that led to them."""
    return lake.query(con, "SELECT c.*, e.guid FROM captures c JOIN feed_entries e USING (entry_key) "
                           "ORDER BY c.fetched_at").to_dicts()


def test_every_failed_page_is_a_row_and_the_good_page_commits(site, warehouse):
    con, settings = warehouse
    sources = [Source("broken", site.server.url("/feed"))]
    capture_into(con, sources, settings, now=NOW)

    rows = _attempts(con)
    by_path = {urlsplit(row["guid"]).path: row for row in rows}
    assert {path: row["outcome"] for path, row in by_path.items()} == FIRST_OUTCOMES
    ids = [row["capture_id"] for row in rows]
    assert None not in ids and len(set(ids)) == len(ids)
    good = by_path["/good"]
    assert good["record_type"] == "response" and good["sha256"] and good["warc_file"]
    for path, row in by_path.items():
        if path != "/good":
            assert row["record_type"] is None and row["warc_file"] is None
            assert row["error"], f"{path}: no reason recorded"
    assert "169.254.169.254" in by_path["/to-metadata"]["error"]
    counts = lake.query(con, "SELECT (SELECT count(*) FROM feed_fetches) AS fetches, "
                             "(SELECT count(*) FROM feed_entries) AS entries, "
                             "(SELECT count(*) FROM feed_state) AS states").to_dicts()[0]
    assert counts == {"fetches": 1, "entries": len(FIRST_OUTCOMES), "states": 1}
    # the page that redirected to a private address never left the machine
    assert not [r for r in site.server.requests if "169.254" in r.path]


def test_a_rerun_takes_the_failed_pages_once_the_site_is_repaired(site, warehouse):
    con, settings = warehouse
    sources = [Source("broken", site.server.url("/feed"))]
    capture_into(con, sources, settings, now=NOW)
    site.repair()  # the feed itself is unchanged
    capture_into(con, sources, settings, now=NOW + timedelta(hours=1))

    latest = {}
    for row in _attempts(con):
        latest[urlsplit(row["guid"]).path] = row["outcome"]
    assert latest == {path: outcomes.OK for path in FIRST_OUTCOMES}
    assert len(site.server.requests_to("/good")) == 1  # stored pages are not fetched again
    fetches = lake.query(con, "SELECT outcome FROM feed_fetches ORDER BY requested_at")["outcome"].to_list()
    assert fetches == [outcomes.OK, outcomes.OK]
    # Everything listed is stored now: the feed's validators are kept and it is not re-read.
    capture_into(con, sources, settings, now=NOW + timedelta(hours=2))
    fetches = lake.query(con, "SELECT outcome FROM feed_fetches ORDER BY requested_at")["outcome"].to_list()
    assert fetches[-1] == outcomes.UNCHANGED
    assert lake.query(con, "SELECT count(*) AS n FROM captures")["n"][0] == len(FIRST_OUTCOMES) + 5


def test_a_page_that_keeps_failing_is_given_up_after_the_attempt_limit(site, warehouse):
    con, settings = warehouse
    sources = [Source("broken", site.server.url("/feed"))]
    for hour in range(settings.max_page_attempts + 1):
        capture_into(con, sources, settings, now=NOW + timedelta(hours=hour))
    assert len(site.server.requests_to("/missing")) == settings.max_page_attempts
    last = lake.query(con, "SELECT outcome FROM feed_fetches ORDER BY requested_at")["outcome"].to_list()[-1]
    assert last == outcomes.UNCHANGED
    failures = lake.query(con, "SELECT count(*) AS n FROM captures WHERE outcome = 'not_found'")["n"][0]
    assert failures == settings.max_page_attempts


def test_a_link_to_a_refused_address_is_reported_as_such(tmp_path):
    """The robots.txt lookup meets the address guard (or a closed port) first; the page's outcome says so."""
    settings = make_settings(tmp_path)
    with LocalServer() as server:
        links = ["http://169.254.169.254/latest/meta-data", "http://0177.0.0.1/page",
                 f"http://127.0.0.1:{refused_port()}/story.html"]
        feed = rss([{"title": f"t{i}", "link": link, "guid": link} for i, link in enumerate(links)])
        server.routes["/feed"] = lambda r: response(200, feed, {"Content-Type": "application/rss+xml"})
        result = run_capture([Source("f", server.url("/feed"))], CaptureState.empty(), tmp_path / "raw",
                             settings, now=NOW)
    outcome = dict(zip(result.captures["url"], result.captures["outcome"]))
    assert outcome == {links[0]: outcomes.BLOCKED_ADDRESS, links[1]: outcomes.INVALID_URL,
                       links[2]: outcomes.CONNECT_ERROR}
