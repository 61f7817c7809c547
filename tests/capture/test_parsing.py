"""Pure feed parsing: RSS, Atom, JSON Feed, HTML where a feed was expected, feed dates and charsets."""

from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest

from etl.capture.feeds import parse_feed
from tests.capture.conftest import rss

UTC = timezone.utc


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
