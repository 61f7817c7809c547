"""Capture against one local server misbehaving in every way below, real sockets throughout.

Every case is a feed in the same run next to a healthy feed: the run completes, the healthy feed
is captured in full, and each case's outcome class is recorded.
"""

from __future__ import annotations

import gzip
import zlib
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime

import pytest

from etl.capture import outcomes
from etl.capture.run import run_capture
from etl.capture.sources import Source
from etl.capture.state import CaptureState
from tests.capture.conftest import article, rss
from tests.capture.localserver import LocalServer, Request, refused_port, response

NOW = datetime.now(timezone.utc)
FEED_TYPE = {"Content-Type": "application/rss+xml"}


def healthy_items(server: LocalServer, prefix: str, n: int = 3) -> list[dict]:
    return [{"title": f"{prefix} story {i}", "link": server.url(f"/{prefix}/{i}?utm_source=rss"),
             "guid": f"{prefix}-{i}", "pubDate": format_datetime(NOW - timedelta(hours=i))}
            for i in range(n)]


def conditional(page: str, etag: str | None = None, last_modified: str | None = None):
    """A feed answering 304 only when the matching validator is sent back.

    Its one item's page must load: a feed whose page failed with attempts left is read in full
    again next run, without validators."""
    def route(request: Request) -> bytes:
        if etag and request.headers.get("if-none-match") == etag:
            return response(304)
        if last_modified and request.headers.get("if-modified-since") == last_modified:
            return response(304)
        headers = dict(FEED_TYPE)
        if etag:
            headers["ETag"] = etag
        if last_modified:
            headers["Last-Modified"] = last_modified
        return response(200, rss([{"title": "c", "link": page, "guid": "c"}]), headers)
    return route


def streamed_forever(request: Request):
    yield b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nTransfer-Encoding: chunked\r\n\r\n"
    chunk = b"<!-- " + b"x" * 65536 + b" -->"
    for _ in range(100):  # 6.5 MB, far above the test cap of 1 MiB
        yield f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n"
    yield b"0\r\n\r\n"


def slow(request: Request):
    yield b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Length: 100\r\n\r\n<rss"
    yield 3.0  # longer than the 1 s read timeout


def drip(request: Request):
    yield b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Length: 100\r\n\r\n"
    for _ in range(20):  # each byte within the 1 s read timeout, the whole past the 2.5 s total
        yield b"<"
        yield 0.5


def build_routes(server: LocalServer) -> dict:
    bomb = gzip.compress(b"\0" * (20 * 1024 * 1024), 9)
    good_gzip = gzip.compress(rss(healthy_items(server, "gz")))
    html = b"<!DOCTYPE html><html><head><title>Welcome</title></head><body>Home page</body></html>"
    challenge = b"<html><head><title>Just a moment...</title></head><body>checking</body></html>"
    latin = rss([{"title": "Café crème", "link": server.url("/latin/1"), "guid": "l1"}], encoding="latin-1")
    retry_date = format_datetime(NOW + timedelta(hours=5), usegmt=True)
    routes = {
        "/healthy": lambda r: response(200, rss(healthy_items(server, "h")), FEED_TYPE),
        "/etag": conditional(server.url("/c/0"), etag='"v1"'),
        "/lastmod": conditional(server.url("/c/1"), last_modified="Mon, 06 May 2024 10:00:00 GMT"),
        "/429": lambda r: response(429, b"slow down", {"Retry-After": "7200"}),
        "/503": lambda r: response(503, b"maintenance", {"Retry-After": retry_date}),
        "/slow": slow,
        "/drip": drip,
        "/huge-declared": lambda r: response(200, b"<rss>", FEED_TYPE, content_length=200 * 1024 * 1024),
        "/huge-streamed": streamed_forever,
        "/bomb": lambda r: response(200, bomb, {**FEED_TYPE, "Content-Encoding": "gzip"}),
        "/gzip-ok": lambda r: response(200, good_gzip, {**FEED_TYPE, "Content-Encoding": "gzip"}),
        "/gzip-corrupt": lambda r: response(200, good_gzip[:10] + b"\xde\xad" * 40 + good_gzip[90:],
                                            {**FEED_TYPE, "Content-Encoding": "gzip"}),
        "/gzip-cut": lambda r: response(200, good_gzip[: len(good_gzip) // 2],
                                        {**FEED_TYPE, "Content-Encoding": "gzip"}),
        "/truncated": lambda r: response(200, rss(healthy_items(server, "t"))[:200], FEED_TYPE,
                                         content_length=5000),
        "/loop-a": lambda r: response(302, b"", {"Location": "/loop-b"}),
        "/loop-b": lambda r: response(302, b"", {"Location": "/loop-a"}),
        "/moved": lambda r: response(301, b"", {"Location": "/new-home"}),
        "/new-home": lambda r: response(200, rss(healthy_items(server, "m", 1)), FEED_TYPE),
        "/temp": lambda r: response(302, b"", {"Location": "/new-home"}),
        "/gone": lambda r: response(410, b"gone"),
        "/paywall": lambda r: response(402, b"pay"),
        "/latin": lambda r: response(200, latin, {"Content-Type": "text/xml; charset=utf-8"}),
        "/challenge": lambda r: response(503, challenge, {"Content-Type": "text/html", "Server": "cloudflare"}),
        "/empty": lambda r: response(200, b"", FEED_TYPE),
        "/html": lambda r: response(200, html, {"Content-Type": "text/html"}),
        "/garbage": lambda r: b"SPDY/9 ???\r\n\r\nnonsense",
        "/private": lambda r: response(302, b"", {"Location": "http://169.254.169.254/latest/meta-data"}),
        "/blank-guids": lambda r: response(200, rss([
            {"title": "b1", "link": server.url("/b/1"), "guid": ""},
            {"title": "b2", "link": server.url("/b/2"), "guid": ""}]), FEED_TYPE),
        "/same-guids": lambda r: response(200, rss([
            {"title": f"s{i}", "link": server.url(f"/s/{i}"), "guid": "http://example.org/"}
            for i in range(3)]), FEED_TYPE),
        "/malformed": lambda r: response(200, b"Warning: mysql_connect(): Too many connections", FEED_TYPE),
    }
    page = lambda r: response(200, article(r.path), {"Content-Type": "text/html; charset=utf-8"})
    for prefix in ("h", "gz", "m", "latin", "b", "s", "c"):
        for i in range(3):
            routes[f"/{prefix}/{i}"] = page
    return routes


EXPECTED = {
    "healthy": outcomes.OK, "etag": outcomes.OK, "lastmod": outcomes.OK,
    "429": outcomes.RATE_LIMITED, "503": outcomes.SERVER_ERROR, "slow": outcomes.TIMEOUT, "drip": outcomes.TIMEOUT,
    "huge-declared": outcomes.TOO_LARGE, "huge-streamed": outcomes.TOO_LARGE, "bomb": outcomes.TOO_LARGE,
    "gzip-ok": outcomes.OK, "gzip-corrupt": outcomes.BAD_ENCODING, "gzip-cut": outcomes.TRUNCATED,
    "truncated": outcomes.TRUNCATED, "loop-a": outcomes.TOO_MANY_REDIRECTS, "moved": outcomes.OK,
    "temp": outcomes.OK, "gone": outcomes.GONE, "paywall": outcomes.PAYWALL, "latin": outcomes.OK,
    "challenge": outcomes.CHALLENGE, "empty": outcomes.EMPTY, "html": outcomes.NOT_A_FEED,
    "garbage": outcomes.PROTOCOL_ERROR, "private": outcomes.BLOCKED_ADDRESS,
    "blank-guids": outcomes.OK, "same-guids": outcomes.OK, "malformed": outcomes.MALFORMED,
    "refused": outcomes.CONNECT_ERROR,
}


@pytest.fixture(scope="module")
def server():
    with LocalServer() as srv:
        srv.routes.update(build_routes(srv))
        yield srv


@pytest.fixture(scope="module")
def two_runs(server, tmp_path_factory):
    from tests.capture.conftest import make_settings

    data = tmp_path_factory.mktemp("cases")
    settings = make_settings(data)
    sources = [Source(name, server.url(f"/{name}")) for name in EXPECTED if name != "refused"]
    sources.append(Source("refused", f"http://127.0.0.1:{refused_port()}/feed"))
    first = run_capture(sources, CaptureState.empty(), data / "raw", settings, now=NOW)
    state = CaptureState.from_frames(first.feed_state, first.entries, first.captures)
    # The second run happens "later", when every backoff has expired except the long ones.
    second = run_capture(sources, state, data / "raw", settings, now=NOW + timedelta(minutes=30))
    return first, second


def by_feed(frame, column="outcome") -> dict:
    return dict(zip(frame["feed_name"], frame[column]))


def test_every_case_is_recorded_with_its_outcome(two_runs):
    first, _ = two_runs
    recorded = by_feed(first.fetches)
    assert recorded == EXPECTED
    errors = by_feed(first.fetches, "error")
    for name, outcome in EXPECTED.items():
        if outcome != outcomes.OK:
            assert errors[name], f"{name}: no human-readable error"


def test_healthy_feeds_arrive_in_full(two_runs):
    first, _ = two_runs
    entries = first.entries.filter(first.entries["feed_name"] == "healthy")
    assert sorted(entries["title"]) == ["h story 0", "h story 1", "h story 2"]
    pages = first.captures.filter(first.captures["feed_name"] == "healthy")
    assert pages.height == 3 and set(pages["outcome"]) == {outcomes.OK}
    assert set(pages["record_type"]) == {"response"}
    assert all("utm_" not in u for u in pages["canonical_url"])
    assert first.captures.filter(first.captures["feed_name"] == "gzip-ok").height == 3


def test_conditional_get_sends_the_validators(server, two_runs):
    _, second = two_runs
    outcome = by_feed(second.fetches)
    assert outcome["etag"] == outcomes.NOT_MODIFIED
    assert outcome["lastmod"] == outcomes.NOT_MODIFIED
    assert server.requests_to("/etag")[-1].headers["if-none-match"] == '"v1"'
    assert server.requests_to("/lastmod")[-1].headers["if-modified-since"] == "Mon, 06 May 2024 10:00:00 GMT"
    # An unchanged body without validators is recognised by its hash.
    assert outcome["healthy"] == outcomes.UNCHANGED


def test_retry_after_in_both_forms_and_backoff(two_runs):
    first, second = two_runs
    state = {row["feed_name"]: row for row in first.feed_state.iter_rows(named=True)}
    assert state["429"]["next_check_at"] >= NOW + timedelta(seconds=7200)
    assert state["503"]["next_check_at"] >= NOW + timedelta(hours=5) - timedelta(seconds=2)
    assert state["refused"]["error_count"] == 1
    assert NOW + timedelta(minutes=10) < state["refused"]["next_check_at"] < NOW + timedelta(minutes=20)
    polled_again = set(second.fetches["feed_name"])
    assert "429" not in polled_again and "503" not in polled_again
    assert "refused" in polled_again  # its first backoff (15 min +-20 %) had expired
    later = {row["feed_name"]: row for row in second.feed_state.iter_rows(named=True)}
    assert later["refused"]["error_count"] == 2
    assert later["refused"]["next_check_at"] > NOW + timedelta(minutes=30 + 20)  # doubled


def test_permanent_redirect_moves_the_feed_and_temporary_does_not(server, two_runs):
    first, second = two_runs
    state = {row["feed_name"]: row for row in first.feed_state.iter_rows(named=True)}
    assert state["moved"]["effective_url"] == server.url("/new-home")
    assert state["temp"]["effective_url"] == server.url("/temp")
    requested = dict(zip(second.fetches["feed_name"], second.fetches["requested_url"]))
    assert requested["moved"] == server.url("/new-home")
    assert requested["temp"] == server.url("/temp")


def test_gone_disables_the_feed_with_a_reason(two_runs):
    first, second = two_runs
    state = {row["feed_name"]: row for row in first.feed_state.iter_rows(named=True)}
    assert state["gone"]["disabled"] and "410" in state["gone"]["disabled_reason"]
    assert "gone" not in set(second.fetches["feed_name"])
    assert set(second.feed_state["feed_name"]) == set(first.feed_state["feed_name"])


def test_bad_guids_fall_back_to_links(two_runs):
    first, _ = two_runs
    for feed, n in (("blank-guids", 2), ("same-guids", 3)):
        rows = first.entries.filter(first.entries["feed_name"] == feed)
        assert rows.height == n and set(rows["key_source"]) == {"link"}
        assert rows["entry_key"].n_unique() == n
        assert by_feed(first.fetches, "error")[feed].startswith("note:")


def test_wrong_charset_is_read_correctly(two_runs):
    first, _ = two_runs
    titles = first.entries.filter(first.entries["feed_name"] == "latin")["title"].to_list()
    assert titles == ["Café crème"]


def test_the_private_redirect_never_left_the_machine(server, two_runs):
    first, _ = two_runs
    error = by_feed(first.fetches, "error")["private"]
    assert "169.254.169.254" in error


def test_gzip_bomb_is_stopped_at_the_cap(two_runs):
    first, _ = two_runs
    assert "1048576" in by_feed(first.fetches, "error")["bomb"]
