"""Event dates from relative expressions ("on Friday", "yesterday", "on March 3")."""

from __future__ import annotations

import datetime
import re

WEEKDAYS = {name: index for index, name in enumerate(
    ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))}
MONTHS = {name: index + 1 for index, name in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"))}
_WEEKDAY = re.compile(r"\b(?:on|last|this|next)?\s*(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b")
_MONTH_DAY = re.compile(r"\b(january|february|march|april|may|june|july|august|september|october|november|december)\s+(\d{1,2})\b"
                        r"|\b(\d{1,2})\s+(january|february|march|april|may|june|july|august|september|october|november|december)\b")
# A year written right after the day and month ("3 September 1939", "September 3, 1939").
_YEAR_AFTER = re.compile(r"(?:st|nd|rd|th)?,?\s+((?:1[6-9]|20)\d{2})\b")


def resolve_event_date(lower_sentence: str, published: datetime.date | None, future: bool) -> datetime.date | None:
    """The date a sentence names, resolved against the publication date.

    A date with its year ("on 3 September 1939") is taken as written. Weekdays and days without
    a year refer to the most recent such day up to publication (news reports the past), or the
    next one for future events. Without a date expression the publication date is returned.
    """
    month_day = _MONTH_DAY.search(lower_sentence)
    year = _YEAR_AFTER.match(lower_sentence, month_day.end()) if month_day else None
    if year:
        return _full_date(int(year.group(1)), MONTHS[month_day.group(1) or month_day.group(4)],
                          int(month_day.group(2) or month_day.group(3))) or published
    if published is None:
        return None
    if "yesterday" in lower_sentence:
        return published - datetime.timedelta(days=1)
    if "tomorrow" in lower_sentence:
        return published + datetime.timedelta(days=1)
    if month_day:
        month = MONTHS[month_day.group(1) or month_day.group(4)]
        day = int(month_day.group(2) or month_day.group(3))
        return _month_day(published, month, day, future)
    weekday = _WEEKDAY.search(lower_sentence)
    if weekday:
        offset = (published.weekday() - WEEKDAYS[weekday.group(1)]) % 7
        if future:
            return published + datetime.timedelta(days=(7 - offset) % 7)
        return published - datetime.timedelta(days=offset)
    return published


def _month_day(published: datetime.date, month: int, day: int, future: bool) -> datetime.date | None:
    year = published.year
    try:
        candidate = datetime.date(year, month, day)
        # A past event named "December 30" in a January article belongs to last year.
        if not future and (candidate - published).days > 60:
            candidate = datetime.date(year - 1, month, day)
        elif future and (published - candidate).days > 60:
            candidate = datetime.date(year + 1, month, day)
    except ValueError:
        return published
    return candidate


def _full_date(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None
