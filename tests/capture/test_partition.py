"""partition_day: the one rule that files an entry and its captures under a day."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from etl.capture.partition import FEED, FIRST_SEEN, PAGE, PartitionDay, partition_day

SEEN = datetime(2024, 5, 7, 12, 0, tzinfo=timezone.utc)


def test_feed_date_then_page_date_then_first_seen():
    feed, page = datetime(2024, 5, 6, 23, tzinfo=timezone.utc), datetime(2024, 5, 3, 8, tzinfo=timezone.utc)
    assert partition_day(SEEN, feed, page) == PartitionDay(date(2024, 5, 6), FEED, feed)
    assert partition_day(SEEN, None, page) == PartitionDay(date(2024, 5, 3), PAGE, page)
    assert partition_day(SEEN) == PartitionDay(date(2024, 5, 7), FIRST_SEEN, None)


def test_an_implausible_feed_date_gives_way():
    page = datetime(2024, 5, 3, 8, tzinfo=timezone.utc)
    future = SEEN + timedelta(hours=9)   # a KST time read as UTC
    assert partition_day(SEEN, future, page).date_source == PAGE
    assert partition_day(SEEN, datetime(1970, 1, 1, tzinfo=timezone.utc)).date_source == FIRST_SEEN
    # A publisher's clock a few minutes ahead is not "in the future".
    assert partition_day(SEEN, SEEN + timedelta(minutes=10)).date_source == FEED


def test_a_day_fixed_by_an_earlier_version_is_kept():
    later = datetime(2024, 5, 9, 6, tzinfo=timezone.utc)
    decided = partition_day(later + timedelta(hours=1), later, fixed=date(2024, 5, 7))
    assert decided == PartitionDay(date(2024, 5, 7), FEED, later)
