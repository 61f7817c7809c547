"""Parse the date strings pages carry (ISO 8601, RFC 822, URL paths) into aware UTC datetimes."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

from etl.extract.settings import EARLIEST_PLAUSIBLE_YEAR, FUTURE_DATE_TOLERANCE

_ISO = re.compile(
    r"(\d{4})-(\d{1,2})-(\d{1,2})"
    r"(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}:?\d{2}|UTC|GMT)?)?",
    re.I,
)
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:T?(\d{2})(\d{2})(\d{2})?)?(Z)?$")
_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?:/|[-_]|$)")


def parse_date(value: str | None) -> datetime | None:
    """An aware UTC datetime from a machine-readable date string, or None.

    Dates without a zone are taken as UTC; dates without a time are midnight UTC.
    """
    if not value or not isinstance(value, str):
        return None
    value = value.strip()[:80]
    match = _ISO.search(value) or _COMPACT.match(value)
    if match:
        return _from_parts(match.groups())
    try:
        parsed = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if parsed is None:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


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


def date_from_url(url: str) -> datetime | None:
    """The /2024/03/05/ style date many CMSs put in article paths (midnight UTC), or None."""
    match = _URL_DATE.search(url or "")
    if not match:
        return None
    return _from_parts((*match.groups(), None, None, None, None))


def is_plausible(moment: datetime | None, now: datetime | None = None) -> bool:
    """Reject dates before EARLIEST_PLAUSIBLE_YEAR and dates after ``now`` (default: the clock)."""
    if moment is None or moment.year < EARLIEST_PLAUSIBLE_YEAR:
        return False
    now = now or datetime.now(UTC)
    if now.tzinfo is None:
        now = now.replace(tzinfo=UTC)
    return moment <= now + FUTURE_DATE_TOLERANCE
