"""One URL module: page addresses, dedup keys, sites and politeness hosts."""

from __future__ import annotations

import pytest

from etl.web.urls import (
    absolute_url, canonical_url, host_key, normalize_url, page_canonical_url, page_url, same_site, site_host,
)


@pytest.mark.parametrize("url, expected", [
    ("HTTP://WWW.Example.org:80/a/b/?utm_source=x&b=2&a=1#frag", "https://example.org/a/b?a=1&b=2"),
    ("https://example.org", "https://example.org/"),
    ("https://example.org/x?fbclid=1&gclid=2&id=7", "https://example.org/x?id=7"),
    ("https://m.example.org:8443/p/", "https://m.example.org:8443/p"),
    ("https://example.org:80/p", "https://example.org:80/p"),
    ("https://user:secret@Example.org./p", "https://example.org/p"),
    ("https://example.org/a%2fb", "https://example.org/a%2Fb"),
    # The path stays as written: "+", "@" and an archived URL's "//" are part of the address.
    ("https://medium.com/@writer/a+b", "https://medium.com/@writer/a+b"),
    ("https://web.archive.org/web/2008/http://www.a.example/x/", "https://web.archive.org/web/2008/http://www.a.example/x"),
    # Parameters that select the article on some sites are not tracking.
    ("https://example.org/x?source=rss&cid=4", "https://example.org/x?cid=4&source=rss"),
    ("https://xn--bcher-kva.example/a", "https://bücher.example/a"),
    ("mailto:someone@example.org", "mailto:someone@example.org"),
    ("https://example.org:port/x", "https://example.org:port/x"),
    ("  ", ""),
])
def test_canonical_url(url, expected):
    assert canonical_url(url) == expected


def test_canonical_url_is_idempotent_and_agrees_with_the_normalized_address():
    for url in ("HTTP://WWW.Example.org:80/a/b/?utm_source=x&b=2&a=1#frag", "https://medium.com/@w/a+b/",
                "https://xn--bcher-kva.example/a?ref=x&page=2"):
        assert canonical_url(canonical_url(url)) == canonical_url(url)
        assert canonical_url(normalize_url(url)) == canonical_url(url)


def test_normalize_url_keeps_the_address():
    assert normalize_url("https://WWW.Example.org:443/news/ferry/?utm_source=feed&id=7#top") == \
        "https://www.example.org/news/ferry/?id=7"
    assert normalize_url("http://example.org") == "http://example.org/"
    for not_web in ("javascript:alert(1)", "ftp://example.org/f", "/relative", "", None, "https://:80/x"):
        assert normalize_url(not_web) is None


def test_absolute_url_resolves_and_refuses_other_schemes():
    assert absolute_url("https://example.org/feeds/world.xml", "/news/a") == "https://example.org/news/a"
    assert absolute_url("https://example.org/", " https://b.example/x ") == "https://b.example/x"
    assert absolute_url("https://example.org/", "javascript:alert(1)") is None
    assert absolute_url("https://example.org/", "") is None
    assert absolute_url("", "/relative") is None


def test_a_page_names_its_canonical_url_only_on_its_own_site():
    assert page_canonical_url("https://www.a.example/x?utm_a=1", "/story") == "https://a.example/story"
    assert page_canonical_url("https://a.example/x", "https://evil.example/y") == "https://a.example/x"
    assert page_canonical_url("https://a.example/x", None) == "https://a.example/x"
    assert page_url("https://www.a.example/x?utm_a=1", "/story/") == "https://www.a.example/story/"
    assert page_url("https://a.example/x#c", "https://evil.example/y") == "https://a.example/x"
    assert page_url("not a url", None) is None


def test_sites_and_hosts():
    assert site_host("https://WWW.Example.org:8080/x") == "example.org"
    assert site_host("not a url") == "" and site_host(None) == ""
    assert same_site("https://www.a.example/x", "http://a.example/y")
    assert not same_site("https://a.example/x", "https://b.a.example/y")
    assert not same_site("", "")
    assert host_key("https://Example.org/x") == "example.org:443"
    assert host_key("http://example.org:8080/x") == "example.org:8080"
