"""Publication date of a page by htmldate: markup first (meta tags, JSON-LD, <time>, the URL),
then, only for pages where markup holds no date, a search of the visible text, which reads
written-out dates in many languages ("7. März 2024", "March 7, 2024") and costs five times more."""

from __future__ import annotations

from datetime import UTC, datetime

import htmldate

from etl.extract.dates import is_plausible, parse_date
from etl.extract.settings import EARLIEST_PLAUSIBLE_YEAR

_FORMAT = "%Y-%m-%dT%H:%M:%S%z"
_EARLIEST = datetime(EARLIEST_PLAUSIBLE_YEAR, 1, 1)


def publication_date(tree, url: str, now: datetime | None) -> tuple[datetime | None, str | None]:
    """(aware UTC datetime, source) of the page's original publication, or (None, None).

    ``now`` bounds the date (the capture time when re-deriving, so the result never depends on
    when it runs); dates before EARLIEST_PLAUSIBLE_YEAR are rejected.
    """
    latest = (now or datetime.now(UTC)).astimezone(UTC).replace(tzinfo=None)
    for extensive, source in ((False, "htmldate:markup"), (True, "htmldate:text")):
        found = htmldate.find_date(tree, extensive_search=extensive, original_date=True, outputformat=_FORMAT,
                                   url=url or None, min_date=_EARLIEST, max_date=latest)
        moment = parse_date(found)
        if is_plausible(moment, now):
            return moment, source
    return None, None
