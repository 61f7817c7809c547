"""Dates from feeds and pages to aware UTC datetimes (pure functions), and when one is plausible.

Date strings (feed ``pubDate``/``updated``, page meta tags, JSON-LD, ``<time datetime>``) are
parsed here with our zone table: feedparser's ``*_parsed`` values drop the offset and read
KST/JST/HKT as UTC and CST as US Central. A page without a machine-readable date is dated by
htmldate, from its markup, then from the start of its text. One rule says which dates are
plausible, wherever a date comes from.
"""

from __future__ import annotations

import re
import warnings
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from html import escape

import feedparser
import htmldate
from dateutil.parser import UnknownTimezoneWarning

# Publication dates before this year are rejected as implausible.
EARLIEST_PLAUSIBLE_YEAR = 1990
# Clock skew tolerated before a date counts as "in the future": a publisher's clock a few
# minutes ahead must not throw away the right day.
FUTURE_TOLERANCE = timedelta(minutes=15)
# Characters at the start of an article's text searched for a written-out date when the markup
# has none: the dateline is there.
DATE_TEXT_CHARS = 1500

# Offsets (hours) of the zone abbreviations news feeds actually use. "CST" is US Central unless
# the caller knows the feed is Chinese (then China Standard Time, +8).
ZONE_OFFSETS = {
    "UT": 0, "UTC": 0, "GMT": 0, "Z": 0, "WET": 0,
    "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7,
    "AKST": -9, "AKDT": -8, "HST": -10,
    "BST": 1, "IST": 5.5, "CET": 1, "CEST": 2, "EET": 2, "EEST": 3, "MSK": 3, "WEST": 1,
    "KST": 9, "JST": 9, "HKT": 8, "SGT": 8, "PHT": 8, "PHST": 8, "MYT": 8, "AWST": 8,
    "WIB": 7, "ICT": 7, "PKT": 5, "NPT": 5.75,
    "AEST": 10, "AEDT": 11, "ACST": 9.5, "ACDT": 10.5, "NZST": 12, "NZDT": 13,
}
CHINA_CST_HOURS = 8

_TRAILING_ZONE = re.compile(r"\s*\(?\b([A-Za-z]{1,5})\)?\s*$")
_MONTH_NAME = re.compile(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b", re.I)
_SPACED_OFFSET = re.compile(r"^(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s+([+-]\d{2}:?\d{2})$")
# An ISO 8601 date (and time) inside a longer string, and the compact form ("20240305T1030Z").
_ISO_INSIDE = re.compile(
    r"(\d{4})-(\d{1,2})-(\d{1,2})"
    r"(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}:?\d{2}|UTC|GMT)?)?",
    re.I,
)
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:T?(\d{2})(\d{2})(\d{2})?)?(Z)?$")
_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?:/|[-_]|$)")
_HTMLDATE_FORMAT = "%Y-%m-%dT%H:%M:%S%z"


def parse_date(raw: str | None, *, china_cst: bool = False) -> datetime | None:
    """Aware UTC datetime for a date string from a feed or a page's markup, or None.

    Tried in turn: ISO 8601 (the whole string), an ISO date inside the string or the compact
    form ("20240305T1030Z"), and an RFC 822 date with our zone table. Values without a zone are
    UTC; dates without a time are midnight UTC. ``china_cst`` reads "CST" as China Standard Time.
    """
    text = _clean(raw)
    if not text:
        return None
    try:
        value = _parse_iso(text) or _parse_iso_inside(text) or _parse_rfc822(text, china_cst)
        return _as_utc(value) if value else None
    except (ValueError, OverflowError):
        return None


def parse_feed_date(raw: str | None, *, china_cst: bool = False) -> datetime | None:
    """:func:`parse_date`, then feedparser's many odd formats (W3DTF variants, Korean, Greek...).

    Only for a feed's date elements, which hold nothing but a date: on page attributes the same
    formats read numbers, coordinates and ids as dates ("02289400" as 16 October 2002).
    """
    value = parse_date(raw, china_cst=china_cst)
    if value is not None:
        return value
    text = _clean(raw)
    parsed = feedparser.datetimes._parse_date(text) if text else None
    if not parsed:
        return None
    try:
        return datetime(*parsed[:6], tzinfo=UTC)
    except (ValueError, OverflowError, TypeError):
        return None


def date_from_url(url: str) -> datetime | None:
    """The /2024/03/05/ style date many CMSs put in article paths (midnight UTC), or None."""
    match = _URL_DATE.search(url or "")
    if not match:
        return None
    return _from_parts((*match.groups(), None, None, None, None))


def is_plausible(moment: datetime | None, now: datetime | None = None) -> bool:
    """A publication date is usable when it is not before EARLIEST_PLAUSIBLE_YEAR and not after
    ``now`` (default: the clock) by more than FUTURE_TOLERANCE."""
    if moment is None or moment.year < EARLIEST_PLAUSIBLE_YEAR:
        return False
    return moment <= _as_utc(now or datetime.now(UTC)) + FUTURE_TOLERANCE


def publication_date(tree, url: str, text: str, now: datetime | None) -> tuple[datetime | None, str | None]:
    """(aware UTC datetime, source) of a page's original publication by htmldate, or (None, None).

    Markup first (meta tags, JSON-LD, <time>, the URL); then, only for pages whose markup holds
    no date, the start of ``text`` (the extracted article text), which reads written-out dates
    in many languages ("7. März 2024", "March 7, 2024"). Only the start is searched: htmldate's
    search of a whole page costs up to seconds on big pages and mostly finds the dates of
    navigation and teasers. ``now`` bounds the date (pass the capture time so the result never
    depends on when it runs); implausible dates are rejected.
    """
    latest = (_as_utc(now or datetime.now(UTC)) + FUTURE_TOLERANCE).replace(tzinfo=None)
    earliest = datetime(EARLIEST_PLAUSIBLE_YEAR, 1, 1)
    text_page = f"<html><body><p>{escape(text[:DATE_TEXT_CHARS])}</p></body></html>"
    for document, extensive, source in ((tree, False, "htmldate:markup"), (text_page, True, "htmldate:text")):
        with warnings.catch_warnings():
            # htmldate keeps only the day; a zone name dateutil does not know ("EDT") changes
            # nothing kept, and the warning would print once per page on the operator's terminal.
            warnings.simplefilter("ignore", UnknownTimezoneWarning)
            found = htmldate.find_date(document, extensive_search=extensive, original_date=True,
                                       outputformat=_HTMLDATE_FORMAT, url=url or None,
                                       min_date=earliest, max_date=latest)
        moment = parse_date(found)
        if is_plausible(moment, now):
            return moment, source
    return None, None


def _clean(raw: str | None) -> str:
    return " ".join(raw.split())[:200] if raw and isinstance(raw, str) else ""


def _as_utc(value: datetime) -> datetime:
    # Naive values carry no zone at all: UTC is the only neutral reading.
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def _parse_iso(text: str) -> datetime | None:
    spaced = _SPACED_OFFSET.match(text)
    if spaced:
        text = spaced.group(1) + spaced.group(2)
    if text.endswith(("z", "Z")):
        text = text[:-1] + "+00:00"
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def _parse_iso_inside(text: str) -> datetime | None:
    match = _ISO_INSIDE.search(text) or _COMPACT.match(text)
    return _from_parts(match.groups()) if match else None


def _from_parts(groups: tuple) -> datetime | None:
    year, month, day, hour, minute, second, zone = (list(groups) + [None] * 7)[:7]
    try:
        moment = datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0),
                          int(second or 0), tzinfo=UTC)
    except (TypeError, ValueError):
        return None
    offset = _zone_offset_minutes(zone)
    if offset is None:
        return None
    try:
        return moment - timedelta(minutes=offset)
    except OverflowError:
        return None


def _zone_offset_minutes(zone: str | None) -> int | None:
    if zone is None or zone.upper() in ("Z", "UTC", "GMT"):
        return 0
    sign = -1 if zone[0] == "-" else 1
    digits = zone[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:4])
    if hours > 14 or minutes > 59:
        return None
    return sign * (hours * 60 + minutes)


def _offset_text(hours: float) -> str:
    sign = "-" if hours < 0 else "+"
    minutes = round(abs(hours) * 60)
    return f"{sign}{minutes // 60:02d}{minutes % 60:02d}"


def _parse_rfc822(text: str, china_cst: bool) -> datetime | None:
    # The email parser guesses wildly at strings without a month name.
    if not _MONTH_NAME.search(text):
        return None
    zone = _TRAILING_ZONE.search(text)
    if zone and zone.group(1).upper() in ZONE_OFFSETS:
        name = zone.group(1).upper()
        hours = CHINA_CST_HOURS if (name == "CST" and china_cst) else ZONE_OFFSETS[name]
        text = text[: zone.start()] + " " + _offset_text(hours)
    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
