"""When to poll a feed next, and when to give up on it (pure functions)."""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

from etl.capture import outcomes

BASE_DELAY = timedelta(minutes=15)     # first retry after a failure
MAX_DELAY = timedelta(hours=24)        # backoff never waits longer than this
MAX_RETRY_AFTER = timedelta(days=7)    # a server cannot park us for longer than this
JITTER = 0.2                           # +-20 %, so feeds failing together do not retry together
DISABLE_AFTER_ERRORS = 12              # consecutive failures (about a week at the longest delay)
# Outcomes that say "stop asking" on the first occurrence.
DISABLING_OUTCOMES = frozenset({outcomes.GONE})


def parse_retry_after(value: str | None, now: datetime) -> timedelta | None:
    """Retry-After in either form (delta-seconds or HTTP-date), as a delay from ``now``."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return min(timedelta(seconds=int(value)), MAX_RETRY_AFTER)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return min(max(when - now, timedelta(0)), MAX_RETRY_AFTER)


def backoff_delay(error_count: int, rng: random.Random | None = None) -> timedelta:
    """Exponential backoff with jitter after ``error_count`` consecutive failures (>= 1)."""
    rng = rng or random
    exponent = min(max(error_count - 1, 0), 16)
    delay = min(BASE_DELAY * (2 ** exponent), MAX_DELAY)
    return delay * (1 + rng.uniform(-JITTER, JITTER))


def next_check(now: datetime, outcome: str, error_count: int, retry_after: timedelta | None,
               rng: random.Random | None = None) -> datetime:
    """Earliest time the feed may be polled again."""
    if outcome in outcomes.SUCCESS:
        return now
    delay = backoff_delay(error_count, rng)
    if retry_after is not None:
        delay = max(delay, retry_after)
    return now + delay


def disable_reason(outcome: str, error_count: int, error: str | None) -> str | None:
    """Why a feed should be disabled after this outcome, or None to keep polling it."""
    if outcome in DISABLING_OUTCOMES:
        return f"{outcome}: the server says the feed is gone (HTTP 410)"
    if error_count >= DISABLE_AFTER_ERRORS:
        return f"{error_count} consecutive failures, last {outcome}: {error or 'no detail'}"[:500]
    return None
