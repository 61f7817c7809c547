"""The demo's calendar: the publication days it covers and the times a demo run captures at."""

from __future__ import annotations

import datetime as dt

UTC = dt.timezone.utc

DEMO_DAYS: tuple[dt.date, ...] = (
    dt.date(2024, 11, 13),
    dt.date(2024, 11, 14),
    dt.date(2024, 11, 15),
)

# An evening capture per day brings in that day's items (and, on the last day, the item a feed
# listed a day late). The extra midday capture on the 14th sees the edited story before its
# correction went live, so the raw store ends up holding both versions of that page.
_CAPTURE_TIMES: tuple[tuple[dt.date, dt.time], ...] = (
    (DEMO_DAYS[0], dt.time(23, 0)),
    (DEMO_DAYS[1], dt.time(12, 0)),
    (DEMO_DAYS[1], dt.time(23, 0)),
    (DEMO_DAYS[2], dt.time(23, 0)),
)


def capture_clocks() -> list[dt.datetime]:
    """The clock times (aware UTC, ascending) at which the demo runs a capture."""
    return [dt.datetime.combine(day, time, tzinfo=UTC) for day, time in _CAPTURE_TIMES]
