"""What capture needs to remember between runs, read back from the capture tables."""

from __future__ import annotations

import duckdb

from etl.capture.run import CaptureState
from etl.warehouse.lake import query

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
        feed_state=query(con, "SELECT * FROM feed_state"),
        entries=query(con, _LATEST_ENTRIES),
        captured=query(con, _LATEST_CAPTURES),
    )
