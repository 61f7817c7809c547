"""Date strings from feeds and pages to aware UTC datetimes (pure functions).

feedparser's ``*_parsed`` values drop the offset and read KST/JST/HKT as UTC and CST as US
Central, so the raw string is parsed here instead, with an explicit table of zone abbreviations.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

import feedparser

from etl.settings import EARLIEST_PLAUSIBLE_YEAR

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
# Clock skew tolerated before a date counts as "in the future".
FUTURE_TOLERANCE = timedelta(minutes=15)

_TRAILING_ZONE = re.compile(r"\s*\(?\b([A-Za-z]{1,5})\)?\s*$")
_MONTH_NAME = re.compile(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b", re.I)
_SPACED_OFFSET = re.compile(r"^(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s+([+-]\d{2}:?\d{2})$")


def _offset_text(hours: float) -> str:
    sign = "-" if hours < 0 else "+"
    minutes = round(abs(hours) * 60)
    return f"{sign}{minutes // 60:02d}{minutes % 60:02d}"


def _as_utc(value: datetime) -> datetime:
    # Naive values carry no zone at all: UTC is the only neutral reading.
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.astimezone(timezone.utc)


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


def _parse_rfc822(text: str, china_cst: bool) -> datetime | None:
    # The email parser guesses wildly at strings without a month name; leave those to feedparser.
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


def _parse_with_feedparser(text: str) -> datetime | None:
    # Last resort for the many odd formats feedparser knows (W3DTF variants, Korean, Greek...).
    parsed = feedparser.datetimes._parse_date(text)
    if not parsed:
        return None
    try:
        return datetime(*parsed[:6], tzinfo=timezone.utc)
    except (ValueError, OverflowError, TypeError):
        return None


def parse_date(raw: str | None, *, china_cst: bool = False) -> datetime | None:
    """Aware UTC datetime for a feed/page date string, or None when it cannot be read."""
    if not raw or not isinstance(raw, str):
        return None
    text = " ".join(raw.split())[:200]
    if not text:
        return None
    try:
        value = _parse_iso(text) or _parse_rfc822(text, china_cst) or _parse_with_feedparser(text)
        return _as_utc(value) if value else None
    except (ValueError, OverflowError):
        return None


def is_plausible(value: datetime | None, now: datetime) -> bool:
    """A publication date is usable when it is not in the future and not before 1990."""
    if value is None:
        return False
    return value.year >= EARLIEST_PLAUSIBLE_YEAR and value <= now + FUTURE_TOLERANCE
