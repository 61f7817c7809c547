"""Publication date of a page by htmldate: markup first (meta tags, JSON-LD, <time>, the URL),
then, only for pages whose markup holds no date, a search of the start of the article text,
which reads written-out dates in many languages ("7. März 2024", "March 7, 2024")."""

from __future__ import annotations

import warnings
from datetime import UTC, datetime
from html import escape

import htmldate
from dateutil.parser import UnknownTimezoneWarning

from etl.extract.dates import is_plausible, parse_date
from etl.extract.settings import DATE_TEXT_CHARS, EARLIEST_PLAUSIBLE_YEAR

_FORMAT = "%Y-%m-%dT%H:%M:%S%z"
_EARLIEST = datetime(EARLIEST_PLAUSIBLE_YEAR, 1, 1)


def publication_date(tree, url: str, text: str, now: datetime | None) -> tuple[datetime | None, str | None]:
    """(aware UTC datetime, source) of the page's original publication, or (None, None).

    ``text`` is the extracted article text: the text search reads only its start (a dateline),
    since htmldate's search of a whole page costs up to seconds on big pages and mostly finds
    the dates of navigation and teasers. ``now`` bounds the date (the capture time when
    re-deriving, so the result never depends on when it runs); dates before
    EARLIEST_PLAUSIBLE_YEAR are rejected.
    """
    latest = (now or datetime.now(UTC)).astimezone(UTC).replace(tzinfo=None)
    text_page = f"<html><body><p>{escape(text[:DATE_TEXT_CHARS])}</p></body></html>"
    for document, extensive, source in ((tree, False, "htmldate:markup"), (text_page, True, "htmldate:text")):
        with warnings.catch_warnings():
            # htmldate keeps only the day; a zone name dateutil does not know ("EDT") changes
            # nothing kept, and the warning would print once per page on the operator's terminal.
            warnings.simplefilter("ignore", UnknownTimezoneWarning)
            found = htmldate.find_date(document, extensive_search=extensive, original_date=True, outputformat=_FORMAT,
                                       url=url or None, min_date=_EARLIEST, max_date=latest)
        moment = parse_date(found)
        if is_plausible(moment, now):
            return moment, source
    return None, None
