"""The demo server over real sockets: feeds per clock, the special cases, and page metadata."""

from __future__ import annotations

import datetime as dt
import io

import feedparser
import httpx
import lxml.html
import pytest
import yaml

from etl.demo import DEMO_DAYS, DemoServer, capture_clocks
from etl.demo import expectations as exp

CLOCKS = capture_clocks()
FINAL = len(CLOCKS) - 1


@pytest.fixture(scope="module")
def server():
    with DemoServer() as running:
        yield running


@pytest.fixture()
def client(server):
    # Every test starts from the final state; tests that need another clock set it themselves.
    server.set_clock(CLOCKS[FINAL])
    with httpx.Client(timeout=5) as http:
        yield http


def feed_url(server: DemoServer, name: str) -> str:
    return next(s["url"] for s in server.sources() if s["name"] == name)


def fetch_feed(client: httpx.Client, url: str) -> feedparser.FeedParserDict:
    response = client.get(url)
    assert response.status_code == 200
    headers = {k.lower(): v for k, v in response.headers.items()} | {"content-location": url}
    return feedparser.parse(io.BytesIO(response.content), response_headers=headers)


def page_meta(html: str) -> dict[str, str]:
    doc = lxml.html.fromstring(html)
    meta = {m.get("property") or m.get("name"): m.get("content") for m in doc.iter("meta")}
    meta["canonical"] = doc.xpath("//link[@rel='canonical']/@href")[0]
    meta["lang"] = doc.get("lang")
    meta["h1"] = doc.xpath("string(//h1)").strip()
    return meta


def test_clocks_cover_the_demo_days_in_order():
    assert [c.date() for c in CLOCKS][0] == DEMO_DAYS[0]
    assert CLOCKS[-1].date() == DEMO_DAYS[-1]
    assert CLOCKS == sorted(CLOCKS) and all(c.tzinfo is not None for c in CLOCKS)


@pytest.mark.parametrize("name", sorted(exp.FEED_ENTRIES_AT_CLOCKS))
def test_healthy_feed_lists_expected_entries_at_each_clock(server, client, name):
    counts = []
    for clock in CLOCKS:
        server.set_clock(clock)
        parsed = fetch_feed(client, feed_url(server, name))
        assert parsed.get("version") == exp.FEED_VERSIONS[name]
        assert not parsed.bozo, parsed.get("bozo_exception")
        counts.append(len(parsed.entries))
    assert tuple(counts) == exp.FEED_ENTRIES_AT_CLOCKS[name]


def test_final_feeds_hold_every_article_once(server, client):
    links = []
    for name in exp.FEED_ENTRIES_AT_CLOCKS:
        links += [e.link.split("?")[0] for e in fetch_feed(client, feed_url(server, name)).entries]
    assert len(links) == len(set(links)) == exp.TOTAL_ARTICLES == sum(exp.ARTICLES_PER_DAY.values())


def test_sources_list_every_feed_and_round_trip_through_yaml(server, tmp_path):
    names = [s["name"] for s in server.sources()]
    assert len(names) == len(set(names)) == exp.FEED_COUNT
    assert {exp.MALFORMED_FEED, exp.DEAD_FEED} <= set(names)
    written = server.write_sources_yaml(tmp_path / "sources.yaml")
    assert yaml.safe_load(written.read_text())["sources"] == server.sources()


def test_malformed_feed_answers_but_yields_no_entries(server, client):
    response = client.get(feed_url(server, exp.MALFORMED_FEED))
    assert response.status_code == 200
    parsed = feedparser.parse(io.BytesIO(response.content))
    # No recognisable format either: the rule "a fetch failed when there is no version and no
    # entries" must classify it as a failure, not as an empty feed.
    assert parsed.bozo and parsed.entries == [] and not parsed.get("version")


def test_dead_feed_refuses_the_connection(server, client):
    with pytest.raises(httpx.ConnectError):
        client.get(feed_url(server, exp.DEAD_FEED))


def test_edited_page_and_its_feed_entry_change_with_the_clock(server, client):
    url = server.base_url + exp.EDITED_PATH
    seen = []
    for clock in (exp.EDITED_REVISED_AT - dt.timedelta(minutes=1), exp.EDITED_REVISED_AT):
        server.set_clock(clock)
        html = client.get(url).text
        entry = next(e for e in fetch_feed(client, feed_url(server, "ppb-news-world")).entries
                     if e.link == url)
        seen.append((page_meta(html)["og:title"], entry.title, html, entry.updated_parsed))
    (v1_meta, v1_entry, v1_html, v1_updated), (v2_meta, v2_entry, v2_html, v2_updated) = seen
    assert (v1_meta, v1_entry) == (exp.EDITED_TITLES[0],) * 2
    assert (v2_meta, v2_entry) == (exp.EDITED_TITLES[1],) * 2
    assert exp.EDITED_V1_ONLY in v1_html and exp.EDITED_V2_ONLY not in v1_html
    assert exp.EDITED_V2_ONLY in v2_html and exp.EDITED_V1_ONLY not in v2_html
    assert v2_updated > v1_updated


def test_capture_clocks_see_both_versions_of_the_edited_page():
    before = [c for c in CLOCKS if exp.EDITED_PUBLISHED_AT <= c < exp.EDITED_REVISED_AT]
    after = [c for c in CLOCKS if c >= exp.EDITED_REVISED_AT]
    assert before and after


def test_page_is_not_found_before_publication(server, client):
    server.set_clock(exp.EDITED_PUBLISHED_AT - dt.timedelta(seconds=1))
    assert client.get(server.base_url + exp.EDITED_PATH).status_code == 404


def test_late_item_appears_in_its_feed_only_on_the_next_day(server, client):
    url = server.base_url + exp.LATE_PATH
    listed = []
    for clock in CLOCKS:
        server.set_clock(clock)
        entries = fetch_feed(client, feed_url(server, exp.LATE_FEED)).entries
        listed.append(any(e.link == url for e in entries))
    first = listed.index(True)
    assert CLOCKS[first] >= exp.LATE_LISTED_AT and all(listed[first:])
    assert CLOCKS[first].date() > exp.LATE_PUBLISHED_AT.date()
    entry = next(e for e in entries if e.link == url)
    assert dt.datetime(*entry.published_parsed[:6], tzinfo=dt.timezone.utc) == exp.LATE_PUBLISHED_AT


def test_plus_0900_feed_dates_convert_to_the_right_utc_instants(server, client):
    entries = fetch_feed(client, feed_url(server, exp.PLUS_0900_FEED)).entries
    dated = [e for e in entries if "published" in e]
    assert dated and all(e.published.endswith("+0900") for e in dated)
    for entry in dated:
        html = client.get(entry.link).text
        page_time = dt.datetime.fromisoformat(page_meta(html)["article:published_time"])
        assert dt.datetime(*entry.published_parsed[:6], tzinfo=dt.timezone.utc) == page_time


def test_undated_entry_has_its_date_only_on_the_page(server, client):
    url = server.base_url + exp.UNDATED_PATH
    entry = next(e for e in fetch_feed(client, feed_url(server, exp.UNDATED_FEED)).entries
                 if e.link == url)
    assert "published" not in entry and "updated" not in entry
    published = page_meta(client.get(url).text)["article:published_time"]
    assert dt.datetime.fromisoformat(published) == exp.UNDATED_PUBLISHED_AT


def test_utm_link_serves_the_page_whose_canonical_is_clean(server, client):
    clean = server.base_url + exp.UTM_PATH
    entries = fetch_feed(client, feed_url(server, "meridian-post-world")).entries
    tracked = [e.link for e in entries if "utm_" in e.link]
    assert tracked == [f"{clean}?{exp.UTM_QUERY}"]
    response = client.get(tracked[0])
    assert response.status_code == 200
    assert page_meta(response.text)["canonical"] == clean


def test_wire_story_copies_differ_in_headline_and_boilerplate_but_share_the_text(server, client):
    pages = [lxml.html.fromstring(client.get(server.base_url + p).text) for p in exp.WIRE_STORY_PATHS]
    headlines = [p.xpath("string(//h1)").strip() for p in pages]
    assert headlines == list(exp.WIRE_STORY_HEADLINES)
    # Article paragraphs are the <p> inside each template's body container, less the inline
    # "read more" links some templates place among them.
    bodies = [
        pages[0].xpath("//div[contains(@class,'field--name-body')]/p[not(a)]/text()"),
        pages[1].xpath("//p[contains(@class,'b-article-body__paragraph')][not(a)]/text()"),
        pages[2].xpath("//div[@class='entry-content']/p[not(a)]/text()"),
    ]
    original, trimmed, local = bodies
    assert len(trimmed) == len(original) - 2 and set(trimmed) < set(original)
    assert local[1:] == original and "Luxon" in local[0]
    site_classes = [set(p.xpath("//body/@class")) for p in pages]
    assert len({frozenset(c) for c in site_classes}) == 3


def test_every_page_carries_canonical_and_publication_metadata(server, client):
    for source in server.sources():
        if source["name"] not in exp.FEED_ENTRIES_AT_CLOCKS:
            continue
        for entry in fetch_feed(client, source["url"]).entries:
            response = client.get(entry.link)
            assert response.status_code == 200, entry.link
            meta = page_meta(response.text)
            assert meta["canonical"] == entry.link.split("?")[0] == meta["og:url"]
            assert meta["og:title"] == meta["h1"] == entry.title
            assert meta["og:site_name"] and meta["lang"]
            published = dt.datetime.fromisoformat(meta["article:published_time"])
            assert published.tzinfo is not None and published.date() in DEMO_DAYS + (dt.date(2024, 11, 16),)


def test_articles_per_publication_day_match(server, client):
    per_day: dict[dt.date, int] = {}
    for name in exp.FEED_ENTRIES_AT_CLOCKS:
        for entry in fetch_feed(client, feed_url(server, name)).entries:
            meta = page_meta(client.get(entry.link).text)
            day = dt.datetime.fromisoformat(meta["article:published_time"]).astimezone(dt.timezone.utc).date()
            per_day[day] = per_day.get(day, 0) + 1
    assert per_day == exp.ARTICLES_PER_DAY


def test_conditional_get_answers_not_modified(server, client):
    url = feed_url(server, "keystone-wire-world")
    first = client.get(url)
    again = client.get(url, headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304 and again.content == b""
    since = client.get(url, headers={"If-Modified-Since": first.headers["last-modified"]})
    assert since.status_code == 304


def test_robots_txt_allows_articles_and_feeds(server, client):
    from urllib.robotparser import RobotFileParser

    robots = RobotFileParser()
    robots.parse(client.get(server.base_url + "/robots.txt").text.splitlines())
    for source in server.sources():
        assert robots.can_fetch("newsfacts-etl", source["url"])
    assert robots.can_fetch("newsfacts-etl", server.base_url + exp.EDITED_PATH)


# Boilerplate every template must carry around the article, by the marker text or element it uses.
PAGE_FURNITURE = ("<nav", "<footer", "<figcaption", "Accept all", "Sign up", "Copy link")


def test_every_outlet_wraps_its_articles_in_site_furniture(server, client):
    for source in server.sources():
        if source["name"] not in exp.FEED_ENTRIES_AT_CLOCKS:
            continue
        html = client.get(fetch_feed(client, source["url"]).entries[0].link).text
        missing = [marker for marker in PAGE_FURNITURE if marker not in html]
        assert not missing, (source["name"], missing)
        related = lxml.html.fromstring(html).xpath("//section[.//li/a]//h2/text()")
        assert related, source["name"]


def test_constructing_a_server_binds_nothing():
    idle = DemoServer()
    with pytest.raises(RuntimeError):
        idle.base_url
    idle.stop()  # stopping a server that never started is a no-op
