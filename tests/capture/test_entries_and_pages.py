"""Entries across runs (new, edited, unchanged), page dates and partitions, revisits, robots.txt."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import duckdb
import pytest

from etl.capture import outcomes
from etl.capture.partition import FEED, FIRST_SEEN, PAGE, partition_day
from etl.capture.run import run_capture
from etl.capture.sources import Source
from etl.capture.state import CaptureState
from etl.capture.tables import CAPTURES, FEED_ENTRIES, FEED_FETCHES, FEED_STATE
from etl.derive.articles import derive_articles
from etl.rawstore.store import RawStore
from etl.rawstore.warc import read_record
from tests.capture.conftest import article, rss
from tests.capture.localserver import LocalServer, response

NOW = datetime(2024, 5, 7, 12, 0, tzinfo=timezone.utc)
SCHEMA_SQL = Path(__file__).resolve().parents[2] / "sql" / "schema" / "001_capture.sql"


class Site:
    """A feed whose items and pages a test edits between runs."""

    def __init__(self, server: LocalServer):
        self.server = server
        self.items: list[dict] = []
        self.pages: dict[str, bytes] = {}
        server.routes["/feed"] = lambda r: response(200, rss(self.items), {"Content-Type": "application/rss+xml"})
        server.fallback = self.page
        server.routes["/robots.txt"] = lambda r: response(200, b"User-agent: *\nDisallow: /private/\n")

    def page(self, request):
        body = self.pages.get(request.path)
        return response(200, body, {"Content-Type": "text/html"}) if body else response(404, b"no")

    def add(self, path: str, title: str, pub: str | None, page_date: str | None = None, guid: str | None = None):
        self.items.append({"title": title, "link": self.server.url(path), "guid": guid or path, "pubDate": pub})
        self.pages[path] = article(title, page_date)


@pytest.fixture
def site():
    with LocalServer() as server:
        yield Site(server)


def _run(site: Site, settings, state: CaptureState, now: datetime):
    result = run_capture([Source("site", site.server.url("/feed"))], state, settings.data_dir / "raw", settings, now=now)
    return result, CaptureState.from_frames(
        result.feed_state,
        _merge(state, result.entries),
        result.captures.filter(result.captures["sha256"].is_not_null()),
    )


def _merge(state: CaptureState, entries):
    import polars as pl
    old = pl.DataFrame([{"entry_key": k, "version": v.version, "content_hash": v.content_hash,
                         "partition_date": v.partition_date} for k, v in state.entries.items()],
                       schema={"entry_key": pl.Utf8, "version": pl.Int32, "content_hash": pl.Utf8,
                               "partition_date": pl.Date})
    return pl.concat([old, entries.select(old.columns)])


def test_frames_have_exactly_the_table_columns():
    sql = SCHEMA_SQL.read_text()
    for table, schema in (("feed_fetches", FEED_FETCHES), ("feed_state", FEED_STATE),
                          ("feed_entries", FEED_ENTRIES), ("captures", CAPTURES)):
        body = re.search(rf"CREATE TABLE IF NOT EXISTS {table} \((.*?)\n\);", sql, re.S).group(1)
        columns = [line.split()[0] for line in body.splitlines() if line.strip() and not line.strip().startswith("--")]
        assert columns == list(schema), table


def test_dates_pick_feed_then_page_then_first_seen(site, settings):
    site.add("/a", "Feed dated", "Tue, 07 May 2024 09:30:00 KST")
    site.add("/b", "Page dated", None, page_date="2024-05-03T23:30:00-02:00")
    site.add("/c", "Future in feed", "Tue, 07 May 2030 09:30:00 GMT")
    site.add("/d", "Undated", None)
    result, _ = _run(site, settings, CaptureState.empty(), NOW)
    rows = {r["title"]: r for r in result.entries.iter_rows(named=True)}
    assert (rows["Feed dated"]["date_source"], rows["Feed dated"]["partition_date"]) == ("feed", date(2024, 5, 7))
    assert rows["Feed dated"]["published_at"] == datetime(2024, 5, 7, 0, 30, tzinfo=timezone.utc)
    assert (rows["Page dated"]["date_source"], rows["Page dated"]["partition_date"]) == ("page", date(2024, 5, 4))
    assert rows["Future in feed"]["date_source"] == "first_seen"  # its page has no date either
    assert rows["Future in feed"]["published_raw"] == "Tue, 07 May 2030 09:30:00 GMT"
    assert rows["Future in feed"]["partition_date"] == NOW.date()
    assert rows["Undated"]["date_source"] == "first_seen"
    captures = {r["entry_key"]: r for r in result.captures.iter_rows(named=True)}
    for row in rows.values():  # captures copy their entry's day
        assert captures[row["entry_key"]]["partition_date"] == row["partition_date"]


def _page_dated_twice(title: str) -> bytes:
    """A page whose metadata reader (capture) and full extractor (htmldate) date it differently:
    the head says 3 May in a citation tag, the footer's <time> says 20 April."""
    text = "The harbour reopened after three weeks of repairs to the outer wall, officials said. " * 5
    return (f"<html><head><title>{title}</title><meta name='citation_date' content='2024/05/03'></head>"
            f"<body><article><h1>{title}</h1><p>{text}</p><footer><time datetime='2024-04-20'>20 April</time>"
            "</footer></article></body></html>").encode()


def test_capture_and_derive_agree_on_the_day(site, settings):
    site.add("/a", "Feed dated", "Tue, 07 May 2024 09:30:00 KST")
    site.add("/b", "Page dated", None, page_date="2024-05-03T23:30:00-02:00")
    site.add("/c", "Future in feed", "Tue, 07 May 2030 09:30:00 GMT")
    site.add("/d", "Undated", None)
    site.add("/e", "Dated twice", None)
    site.pages["/e"] = _page_dated_twice("Dated twice")
    result, _ = _run(site, settings, CaptureState.empty(), NOW)
    captured = {r["url"]: r for r in result.captures.iter_rows(named=True)}
    con = duckdb.connect()
    con.register("fetched_entries", result.entries)
    con.register("fetched_captures", result.captures)
    con.execute("CREATE TABLE feed_entries AS SELECT * FROM fetched_entries")
    con.execute("CREATE TABLE captures AS SELECT * FROM fetched_captures")
    con.execute("CREATE TABLE site_templates (partition_date DATE, host VARCHAR, template_json VARCHAR, "
                "extractor_version VARCHAR)")
    derived = {}
    for day in result.partition_dates:
        articles, _ = derive_articles(con, day, RawStore(settings.data_dir / "raw"))
        derived.update({row["url"]: row for row in articles.collect().iter_rows(named=True)})
    assert set(derived) == set(captured) and len(derived) == 5
    for url, article in derived.items():
        capture = captured[url]
        assert (article["partition_date"], article["date_source"]) == (capture["partition_date"], capture["date_source"])
        if article["date_source"] in (FEED, PAGE):
            assert article["published_at"].date() == article["partition_date"]
        again = partition_day(capture["fetched_at"], article["published_at"] if article["date_source"] == FEED else None,
                              article["published_at"] if article["date_source"] == PAGE else None)
        assert again.day == capture["partition_date"] or article["date_source"] == FIRST_SEEN
    twice = derived[site.server.url("/e")]
    assert (twice["date_source"], twice["partition_date"]) == (PAGE, date(2024, 4, 20))


def test_edit_is_a_new_version_and_the_page_is_refetched(site, settings):
    site.add("/story", "Talks begin", "Tue, 07 May 2024 09:30:00 GMT")
    site.add("/other", "Other", "Tue, 07 May 2024 09:00:00 GMT")
    first, state = _run(site, settings, CaptureState.empty(), NOW)
    assert first.entries.height == 2 and first.captures.height == 2
    # Next day: the story is edited (title and page), the other item is untouched.
    site.items[0]["title"] = "Talks collapse"
    site.items[0]["pubDate"] = "Wed, 08 May 2024 10:00:00 GMT"
    site.pages["/story"] = article("Talks collapse")
    later = NOW + timedelta(days=1)
    second, state = _run(site, settings, state, later)
    [edited] = second.entries.iter_rows(named=True)
    assert edited["version"] == 2 and edited["title"] == "Talks collapse"
    assert edited["entry_key"] == first.entries.filter(first.entries["title"] == "Talks begin")["entry_key"][0]
    assert edited["partition_date"] == date(2024, 5, 7)  # fixed at first sighting
    [capture] = second.captures.iter_rows(named=True)
    assert capture["record_type"] == "response" and capture["partition_date"] == date(2024, 5, 7)
    _, payload, _, _ = read_record(settings.data_dir / "raw", capture["warc_file"], capture["warc_offset"])
    assert b"Talks collapse" in payload
    assert second.fetches["new_entries"][0] == 1


def test_unchanged_page_of_an_edited_item_is_a_revisit(site, settings):
    site.add("/story", "Headline", "Tue, 07 May 2024 09:30:00 GMT")
    first, state = _run(site, settings, CaptureState.empty(), NOW)
    site.items[0]["title"] = "Headline, corrected"  # feed text edited, page bytes identical
    second, _ = _run(site, settings, state, NOW + timedelta(hours=1))
    [capture] = second.captures.iter_rows(named=True)
    assert capture["record_type"] == "revisit" and capture["outcome"] == outcomes.OK
    assert capture["sha256"] == first.captures["sha256"][0]


def test_robots_txt_is_honoured_for_pages(site, settings):
    site.add("/private/memo", "Secret", "Tue, 07 May 2024 09:30:00 GMT")
    site.add("/public", "Open", "Tue, 07 May 2024 09:30:00 GMT")
    result, _ = _run(site, settings, CaptureState.empty(), NOW)
    outcome = dict(zip(result.captures["url"], result.captures["outcome"]))
    assert outcome[site.server.url("/private/memo")] == outcomes.ROBOTS_DISALLOWED
    assert outcome[site.server.url("/public")] == outcomes.OK
    assert site.server.requests_to("/private/memo") == []
    assert len(site.server.requests_to("/robots.txt")) == 1


def test_failed_page_is_retried_on_the_next_run(site, settings):
    site.add("/late", "Late page", "Tue, 07 May 2024 09:30:00 GMT")
    page = site.pages.pop("/late")
    first, state = _run(site, settings, CaptureState.empty(), NOW)
    assert first.captures["outcome"].to_list() == [outcomes.NOT_FOUND]
    site.pages["/late"] = page
    site.items.append({"title": "x", "link": site.server.url("/x"), "guid": "x"})  # feed body changes
    second, _ = _run(site, settings, state, NOW + timedelta(hours=1))
    retried = second.captures.filter(second.captures["url"] == site.server.url("/late"))
    assert retried["outcome"].to_list() == [outcomes.OK]
    assert retried["partition_date"].to_list() == [date(2024, 5, 7)]
