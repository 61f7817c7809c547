"""Event dates from relative expressions ("on Friday", "yesterday", "on March 3"), and the
expressions that put an event in the past of the report ("in 1997", "three years ago")."""

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


# Expressions that date an event before the time of the report, whatever the report's date:
# "three years ago", "16 years after", "last year", "in the 1990s".
_COUNT = r"(?:\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|[a-z]+teen|twenty|thirty|forty|fifty|several|many|a few|some)"
_PAST_EXPRESSION = re.compile(rf"\b{_COUNT}\s+(?:years?|decades?)\s+(?:ago|earlier|before|after|later)\b|\blast year\b"
                              r"|\bdecades ago\b|\b(?:in|through|during|since) the (?:early |late |mid-?)?(?:1[89]|20)\d0s\b")
# A year as a date: not an amount ("2000 people", "$1990") nor a decade ("1990s"). (The lookahead
# of its first digit only lets the search skip positions faster.)
_YEAR = re.compile(r"(?=[12])(?<![$\d.,])\b(1[89]\d\d|20\d\d)\b(?![\d%s]| people| troops| soldiers| tons)")


# Every past expression and every year holds one of these: a text without any names no past,
# decided without the slower patterns (most sentences).
_PAST_HINTS = ("year", "decade", "18", "19", "20")


def may_name_the_past(lower: str) -> bool:
    return any(hint in lower for hint in _PAST_HINTS)


def years_named(lower: str) -> list[int]:
    if not may_name_the_past(lower):
        return []
    return [int(match.group(1)) for match in _YEAR.finditer(lower)]


def names_the_past(lower_clause: str, reference_year: int | None) -> bool:
    """Whether a clause dates its event before the report: a past expression, or a year before
    ``reference_year`` (the publication's year; without one, the latest year the text names)."""
    if _PAST_EXPRESSION.search(lower_clause):
        return True
    return reference_year is not None and any(year < reference_year for year in years_named(lower_clause))
