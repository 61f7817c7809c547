"""Pure parsing: feeds (RSS, Atom, JSON Feed, HTML), dates with Asian zones, canonical URLs."""

from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest

from etl.capture.dates import is_plausible, parse_date
from etl.capture.urls import canonical_url, page_canonical_url
from etl.capture.feeds import parse_feed
from tests.capture.conftest import rss

UTC = timezone.utc


@pytest.mark.parametrize("raw, china, expected", [
    ("Tue, 07 May 2024 09:30:00 KST", False, datetime(2024, 5, 7, 0, 30, tzinfo=UTC)),
    ("Tue, 07 May 2024 09:30:00 JST", False, datetime(2024, 5, 7, 0, 30, tzinfo=UTC)),
    ("Tue, 07 May 2024 09:30:00 HKT", False, datetime(2024, 5, 7, 1, 30, tzinfo=UTC)),
    ("Tue, 07 May 2024 09:30:00 CST", True, datetime(2024, 5, 7, 1, 30, tzinfo=UTC)),
    ("Tue, 07 May 2024 09:30:00 CST", False, datetime(2024, 5, 7, 15, 30, tzinfo=UTC)),
    ("Tue, 07 May 2024 09:30:00 +0900", False, datetime(2024, 5, 7, 0, 30, tzinfo=UTC)),
    ("2024-05-07T09:30:00+09:00", False, datetime(2024, 5, 7, 0, 30, tzinfo=UTC)),
    ("2024-05-07 09:30:00 +0800", False, datetime(2024, 5, 7, 1, 30, tzinfo=UTC)),
    ("2024-05-07T09:30:00Z", False, datetime(2024, 5, 7, 9, 30, tzinfo=UTC)),
    ("yesterday-ish", False, None),
    ("", False, None),
])
def test_dates_keep_the_offset(raw, china, expected):
    assert parse_date(raw, china_cst=china) == expected


def test_implausible_dates_are_rejected():
    now = datetime(2024, 5, 7, 12, tzinfo=UTC)
    assert is_plausible(datetime(2024, 5, 7, 11, tzinfo=UTC), now)
    assert not is_plausible(datetime(2024, 5, 7, 21, tzinfo=UTC), now)   # KST misread as UTC
    assert not is_plausible(datetime(1970, 1, 1, tzinfo=UTC), now)
    assert not is_plausible(None, now)


def test_feed_dates_use_the_feed_language_for_cst():
    body = rss([{"title": "a", "link": "http://news.example.com/a", "pubDate": "Tue, 07 May 2024 09:30:00 CST"}])
    chinese = parse_feed(body, "http://news.example.cn/rss")
    american = parse_feed(body, "http://news.example.com/rss")
    configured = parse_feed(body, "http://news.example.com/rss", language="zh-CN")
    assert chinese.items[0].published_at == datetime(2024, 5, 7, 1, 30, tzinfo=UTC)
    assert configured.items[0].published_at == datetime(2024, 5, 7, 1, 30, tzinfo=UTC)
    assert american.items[0].published_at == datetime(2024, 5, 7, 15, 30, tzinfo=UTC)
    assert chinese.items[0].published_raw == "Tue, 07 May 2024 09:30:00 CST"


def test_json_feed_is_parsed():
    doc = {"version": "https://jsonfeed.org/version/1.1", "title": "J", "home_page_url": "https://j.example/",
           "items": [{"id": "1", "url": "/posts/1", "title": "One", "content_html": "<p>x</p>",
                      "date_published": "2024-05-07T09:30:00+09:00"},
                     {"id": "2", "external_url": "https://other.example/2", "content_text": "two"}]}
    parsed = parse_feed(json.dumps(doc).encode(), "https://j.example/feed.json")
    assert parsed.is_feed and parsed.format == "json1.1" and parsed.title == "J"
    assert [i.link for i in parsed.items] == ["https://j.example/posts/1", "https://other.example/2"]
    assert parsed.items[0].published_at == datetime(2024, 5, 7, 0, 30, tzinfo=UTC)


@pytest.mark.parametrize("body", [b"{not json", b'{"version": "x"}', b"[1, 2]", b"{}" * 3])
def test_broken_json_is_an_error_not_an_exception(body):
    parsed = parse_feed(body, "https://j.example/feed.json")
    assert not parsed.is_feed


def test_html_page_is_not_a_feed():
    page = b"<!DOCTYPE html><html><head><title>Home</title></head><body><p>Welcome</p></body></html>"
    parsed = parse_feed(page, "https://example.org/rss", {"Content-Type": "text/html"})
    assert not parsed.is_feed and parsed.looks_like_html


@pytest.mark.parametrize("body", [b"", b"   \n", "not bytes", b"\x00\xff" * 50, b"/etc/passwd"])
def test_junk_never_raises(body):
    parsed = parse_feed(body, "https://example.org/feed")
    assert not parsed.is_feed


def test_path_like_body_is_not_read_from_disk(tmp_path):
    secret = tmp_path / "feed.xml"
    secret.write_bytes(rss([{"title": "secret", "link": "http://x.example/s"}]))
    parsed = parse_feed(str(secret).encode(), "https://example.org/feed")
    assert parsed.items == []


def test_relative_links_resolve_against_the_final_url():
    body = rss([{"title": "a", "link": "/news/a"}])
    parsed = parse_feed(body, "https://example.org/feeds/world.xml")
    assert parsed.items[0].link == "https://example.org/news/a"


def test_wrong_charset_header_still_reads_the_text():
    body = rss([{"title": "Café crème", "link": "http://a.example/1"}], encoding="latin-1")
    parsed = parse_feed(body, "http://a.example/f", {"Content-Type": "application/rss+xml; charset=utf-8"})
    assert parsed.items[0].title == "Café crème"


@pytest.mark.parametrize("url, expected", [
    ("HTTP://WWW.Example.org:80/a/b/?utm_source=x&b=2&a=1#frag", "https://example.org/a/b?a=1&b=2"),
    ("https://example.org", "https://example.org/"),
    ("https://example.org/x?fbclid=1&gclid=2&id=7", "https://example.org/x?id=7"),
    ("https://m.example.org:8443/p/", "https://m.example.org:8443/p"),
    ("https://example.org/a%2fb", "https://example.org/a%2Fb"),
    ("mailto:someone@example.org", "mailto:someone@example.org"),
    ("  ", ""),
])
def test_canonical_url(url, expected):
    assert canonical_url(url) == expected


def test_page_canonical_only_on_the_same_site():
    assert page_canonical_url("https://www.a.example/x?utm_a=1", "/story") == "https://a.example/story"
    assert page_canonical_url("https://a.example/x", "https://evil.example/y") == "https://a.example/x"
    assert page_canonical_url("https://a.example/x", None) == "https://a.example/x"
