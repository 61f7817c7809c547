from datetime import UTC, datetime

import pytest

from etl.extract.metadata import page_metadata

NOW = datetime(2024, 6, 1, tzinfo=UTC)


def _page(head: str, body: str = "<p>Text</p>") -> str:
    return f"<!doctype html><html lang=\"en-GB\"><head>{head}</head><body>{body}</body></html>"


def test_article_published_time_wins_and_is_converted_to_utc():
    html = _page('<meta property="article:published_time" content="2024-03-05T10:15:00+01:00">'
                 '<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2024-03-01"}</script>')
    meta = page_metadata(html, "https://example.org/a", now=NOW)
    assert meta.published_at == datetime(2024, 3, 5, 9, 15, tzinfo=UTC)
    assert meta.published_source == "meta:article:published_time"


def test_jsonld_date_from_graph_when_no_meta():
    ld = '{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"Herald"},' \
         '{"@type":"NewsArticle","datePublished":"2024-02-10T08:00:00Z","author":[{"name":"Ann Lee"}]}]}'
    meta = page_metadata(_page(f'<script type="application/ld+json">{ld}</script>'), "https://h.org/x", now=NOW)
    assert meta.published_at == datetime(2024, 2, 10, 8, tzinfo=UTC)
    assert meta.published_source == "jsonld"
    assert meta.author == "Ann Lee"
    assert meta.site_name == "Herald"


def test_implausible_dates_fall_through_to_the_next_source():
    html = _page('<meta property="article:published_time" content="1970-01-01T00:00:00Z">'
                 '<meta name="pubdate" content="2031-01-01">',
                 '<time datetime="2024-04-02T12:00:00-04:00" class="entry-date published">x</time>')
    meta = page_metadata(html, "https://example.org/2020/01/01/story", now=NOW)
    assert meta.published_at == datetime(2024, 4, 2, 16, tzinfo=UTC)
    assert meta.published_source == "time-tag"


def test_future_relative_to_now_is_rejected_and_url_date_is_last_resort():
    html = _page("", '<time datetime="2024-07-01">later</time>')
    meta = page_metadata(html, "https://example.org/news/2024/05/30/story", now=NOW)
    assert meta.published_at == datetime(2024, 5, 30, tzinfo=UTC)
    assert meta.published_source == "url"


def test_canonical_title_site_name_language():
    html = _page('<title>Bridge reopens | The Herald</title><link rel="canonical" href="/city/bridge">'
                 '<meta property="og:site_name" content="The Herald">')
    meta = page_metadata(html, "https://www.example.org/amp/city/bridge?utm_source=x#top", now=NOW)
    assert meta.canonical_url == "https://www.example.org/city/bridge"
    assert meta.title == "Bridge reopens | The Herald"
    assert meta.site_name == "The Herald"
    assert meta.language == "en"


def test_og_url_used_without_canonical_and_bad_schemes_refused():
    assert page_metadata(_page('<meta property="og:url" content="https://a.org/s">'), "https://a.org/s?x").canonical_url == "https://a.org/s"
    assert page_metadata(_page('<link rel="canonical" href="javascript:alert(1)">'), "https://a.org/").canonical_url is None


def test_declared_charset_is_honoured_for_bytes():
    html = _page('<meta charset="windows-1251"><title>Новости</title>').encode("cp1251")
    assert page_metadata(html, "https://a.ru/").title == "Новости"


@pytest.mark.parametrize("junk", [b"", b"\x00\x01\x02\x03" * 100, b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4,
                                  "<" * 10000, "<div>" * 50000, b"\xff\xfe<\x00h\x00", '{"json": true}', None, 42])
def test_garbage_never_raises(junk):
    meta = page_metadata(junk, "https://a.org/")
    assert meta.published_at is None
