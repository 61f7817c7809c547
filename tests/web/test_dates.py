"""One dates module: feed and page date strings, URL dates, plausibility, htmldate for pages."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
import trafilatura

from etl.web.dates import (
    EARLIEST_PLAUSIBLE_YEAR, FUTURE_TOLERANCE, date_from_url, is_plausible, parse_date, parse_feed_date,
    publication_date,
)

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
    ("2024-05-07T09:30:00.250Z", False, datetime(2024, 5, 7, 9, 30, 0, 250000, tzinfo=UTC)),
    ("2022-01-27T12:45:36.270+01", False, datetime(2022, 1, 27, 11, 45, 36, 270000, tzinfo=UTC)),
    ("Published 2024-05-07 09:30 GMT", False, datetime(2024, 5, 7, 9, 30, tzinfo=UTC)),
    ("20240507T093000Z", False, datetime(2024, 5, 7, 9, 30, tzinfo=UTC)),
    ("2024-05-07", False, datetime(2024, 5, 7, tzinfo=UTC)),
    ("yesterday-ish", False, None),
    ("", False, None),
    (None, False, None),
])
def test_dates_keep_the_offset(raw, china, expected):
    assert parse_date(raw, china_cst=china) == expected
    assert parse_feed_date(raw, china_cst=china) == expected


def test_feedparser_formats_only_for_feed_date_elements():
    # A page attribute holding an id or a coordinate must not become a date...
    for not_a_date in ("02289400", "-73.9139", "021641a3d4c2e4638b943996a81038eb"):
        assert parse_date(not_a_date) is None
    # ...while a feed's date element is a date in one of feedparser's many formats.
    assert parse_feed_date("2004-02-28T18:14:55-08:00") == datetime(2004, 2, 29, 2, 14, 55, tzinfo=UTC)
    assert parse_feed_date("2003-12-31T10:14:55.000-08:00") == datetime(2003, 12, 31, 18, 14, 55, tzinfo=UTC)
    assert parse_feed_date("Sun, 31 Dec 9999 23:59:59 -9999") is None


def test_url_dates():
    assert date_from_url("https://example.org/news/2024/05/30/story") == datetime(2024, 5, 30, tzinfo=UTC)
    assert date_from_url("https://example.org/2024-05-30-story") == datetime(2024, 5, 30, tzinfo=UTC)
    assert date_from_url("https://example.org/2024/13/30/story") is None
    assert date_from_url("") is None


def test_one_plausibility_rule():
    now = datetime(2024, 5, 7, 12, tzinfo=UTC)
    assert is_plausible(datetime(2024, 5, 7, 11, tzinfo=UTC), now)
    assert is_plausible(now + FUTURE_TOLERANCE, now)                      # a publisher's clock a little ahead
    assert not is_plausible(now + FUTURE_TOLERANCE + timedelta(seconds=1), now)
    assert not is_plausible(datetime(2024, 5, 7, 21, tzinfo=UTC), now)   # KST misread as UTC
    assert not is_plausible(datetime(EARLIEST_PLAUSIBLE_YEAR - 1, 12, 31, tzinfo=UTC), now)
    assert not is_plausible(None, now)
    assert is_plausible(datetime(2024, 5, 7, 11, tzinfo=UTC), now.replace(tzinfo=None))  # naive now is UTC


def test_htmldate_dates_pages_without_a_machine_readable_date():
    page = ("<html><body><article><h1>Harbour reopens</h1><p>The harbour reopened on Tuesday after "
            "three weeks of repairs to the outer wall, the port authority said.</p></article></body></html>")
    tree = trafilatura.load_html(page)
    now = datetime(2024, 5, 10, tzinfo=UTC)
    text = "7 May 2024 - The harbour reopened on Tuesday after three weeks of repairs."
    assert publication_date(tree, "https://example.org/news/2024/05/06/harbour", "", now) == \
        (datetime(2024, 5, 6, tzinfo=UTC), "htmldate:markup")
    assert publication_date(tree, "https://example.org/harbour", text, now) == \
        (datetime(2024, 5, 7, tzinfo=UTC), "htmldate:text")
    # Capture time bounds the date, so re-deriving never depends on when it runs.
    bound = datetime(2024, 5, 1, tzinfo=UTC)
    found, _ = publication_date(tree, "https://example.org/harbour", text, bound)
    assert found is None or found <= bound
