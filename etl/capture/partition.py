"""The day an entry and its captures are filed under: one rule, for feeds, imports and derive."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from etl.web.dates import is_plausible

FEED, PAGE, FIRST_SEEN = "feed", "page", "first_seen"


@dataclass(frozen=True)
class PartitionDay:
    day: date
    date_source: str                 # FEED | PAGE | FIRST_SEEN: which date decided
    published_at: datetime | None    # that date; None when the first-seen time decided


def partition_day(first_seen_at: datetime, feed_date: datetime | None = None, page_date: datetime | None = None,
                  fixed: date | None = None) -> PartitionDay:
    """The partition day of an entry (UTC), which date decided it, and that date.

    The rule: the feed's own date when it is plausible at ``first_seen_at`` (when the feed listing
    the entry was read); else the page's own date, as the page's metadata gives it when the page
    is fetched (``page_metadata(body, url, now=fetched_at).published_at``, already bounded by the
    fetch time); else the time the entry was first seen. A day ``fixed`` for an earlier version
    of the entry is kept, so an updated story stays on its first day; ``date_source`` and
    ``published_at`` still say what this version's dates are.

    Capture and WARC import decide the day with it when they record an entry. Derive calls it
    with the dates capture recorded, never with a date it re-extracts: the day an article is
    filed under and the publication date it reports cannot disagree after an extractor change.
    """
    if is_plausible(feed_date, first_seen_at):
        source, published = FEED, feed_date
    elif page_date is not None:
        source, published = PAGE, page_date
    else:
        source, published = FIRST_SEEN, None
    return PartitionDay(fixed or (published or first_seen_at).date(), source, published)
