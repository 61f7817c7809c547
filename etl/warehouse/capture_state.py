"""Capture and the warehouse: what capture remembers between runs, and committing what it got."""

from __future__ import annotations

from datetime import datetime

import duckdb

from etl.capture.run import CaptureResult, CaptureState, run_capture
from etl.capture.sources import Source
from etl.settings import Settings
from etl.warehouse import lake

# Latest version of every entry, so capture can tell a new entry from an edited one.
_LATEST_ENTRIES = """
SELECT entry_key,
       max(version) AS version,
       arg_max(content_hash, version) AS content_hash,
       arg_min(partition_date, version) AS partition_date
FROM feed_entries GROUP BY entry_key
"""
# Latest stored payload hash per page, so an unchanged page becomes a revisit record.
_LATEST_CAPTURES = """
SELECT canonical_url, arg_max(sha256, fetched_at) AS sha256
FROM captures WHERE sha256 IS NOT NULL GROUP BY canonical_url
"""


def load_capture_state(con: duckdb.DuckDBPyConnection) -> CaptureState:
    return CaptureState.from_frames(
        feed_state=lake.query(con, "SELECT * FROM feed_state"),
        entries=lake.query(con, _LATEST_ENTRIES),
        captured=lake.query(con, _LATEST_CAPTURES),
    )


def capture_into(con: duckdb.DuckDBPyConnection, sources: list[Source], settings: Settings,
                 now: datetime | None = None) -> tuple[CaptureResult, dict[str, int]]:
    """One capture pass against the warehouse's memory, committed to it; returns what was written."""
    result = run_capture(sources, load_capture_state(con), settings.raw_dir, settings, now=now)
    written = lake.write(
        con,
        [
            ("feed_fetches", result.fetches, lake.NO_ROWS),
            ("feed_entries", result.entries, lake.NO_ROWS),
            ("captures", result.captures, lake.NO_ROWS),
            ("feed_state", result.feed_state, lake.ALL_ROWS),
        ],
    )
    return result, written
