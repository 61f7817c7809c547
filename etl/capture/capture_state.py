"""Capture and the warehouse: what capture remembers between runs, and committing what it got."""

from __future__ import annotations

from collections import Counter
from datetime import datetime

import duckdb

from etl.capture import outcomes
from etl.capture.run import CaptureResult, CaptureState, run_capture
from etl.capture.sources import Source
from etl.rawstore.store import RawStore
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
# Latest stored payload hash per page, so an unchanged page becomes a revisit record. A page is
# known under its own canonical URL and under its feed link's: when the two differ (the page
# names another canonical URL), the link alone must not make the page look never stored.
_LATEST_CAPTURES = """
WITH stored AS (
    SELECT c.canonical_url, c.sha256, c.fetched_at, e.link_canonical
    FROM captures c
    LEFT JOIN (SELECT DISTINCT entry_key, canonical_url AS link_canonical FROM feed_entries) e USING (entry_key)
    WHERE c.sha256 IS NOT NULL
)
SELECT page_key AS canonical_url, arg_max(sha256, fetched_at) AS sha256
FROM (SELECT canonical_url AS page_key, sha256, fetched_at FROM stored
      UNION ALL
      SELECT link_canonical, sha256, fetched_at FROM stored WHERE link_canonical IS NOT NULL)
GROUP BY page_key
"""


# Failed attempts of pages never stored, so a page that keeps failing is given up after a few.
_PAGE_FAILURES = f"""
SELECT canonical_url, count(*) AS failures
FROM captures WHERE sha256 IS NULL AND outcome <> '{outcomes.DEFERRED}'
GROUP BY canonical_url
"""


def load_capture_state(con: duckdb.DuckDBPyConnection) -> CaptureState:
    return CaptureState.from_frames(
        feed_state=lake.query(con, "SELECT * FROM feed_state"),
        entries=lake.query(con, _LATEST_ENTRIES),
        captured=lake.query(con, _LATEST_CAPTURES),
        page_failures=lake.query(con, _PAGE_FAILURES),
    )


def commit_batch(con: duckdb.DuckDBPyConnection, batch: CaptureResult, written: Counter) -> None:
    """Append a batch of capture rows and replace the state of the feeds it finished, in one
    transaction. Feeds not in the batch keep their rows, whether or not they are still listed."""
    names = batch.feed_state["feed_name"].to_list()
    counts = lake.write(
        con,
        [
            ("feed_fetches", batch.fetches, lake.NO_ROWS),
            ("feed_entries", batch.entries, lake.NO_ROWS),
            ("captures", batch.captures, lake.NO_ROWS),
            ("feed_state", batch.feed_state, (f"feed_name IN (SELECT unnest({lake.LIST_PARAM}))", [lake.list_param(names)])),
        ],
    )
    written.update(counts)


def capture_into(con: duckdb.DuckDBPyConnection, sources: list[Source], settings: Settings,
                 now: datetime | None = None) -> tuple[CaptureResult, dict[str, int]]:
    """One capture pass against the warehouse's memory, committed to it as it goes (a batch at
    least every ``settings.commit_interval`` seconds). Returns the run's rows and the counts written."""
    written: Counter = Counter()
    result = run_capture(sources, load_capture_state(con), RawStore.from_settings(settings), settings, now=now,
                         commit=lambda batch: commit_batch(con, batch, written))
    return result, dict(written)
