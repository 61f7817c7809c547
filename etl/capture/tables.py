"""Polars schemas of the capture tables (sql/schema/001_capture.sql), and rows-to-frame helpers."""

from __future__ import annotations

import polars as pl

UTC_TIME = pl.Datetime("us", "UTC")

FEED_FETCHES = {
    "fetch_id": pl.Utf8, "feed_name": pl.Utf8, "requested_url": pl.Utf8, "final_url": pl.Utf8,
    "requested_at": UTC_TIME, "duration_ms": pl.Int32, "http_status": pl.Int32, "outcome": pl.Utf8,
    "bytes": pl.Int64, "entries": pl.Int32, "new_entries": pl.Int32, "etag": pl.Utf8,
    "last_modified": pl.Utf8, "body_sha256": pl.Utf8, "error": pl.Utf8,
}
FEED_STATE = {
    "feed_name": pl.Utf8, "configured_url": pl.Utf8, "effective_url": pl.Utf8, "etag": pl.Utf8,
    "last_modified": pl.Utf8, "body_sha256": pl.Utf8, "error_count": pl.Int32,
    "last_outcome": pl.Utf8, "last_fetched_at": UTC_TIME, "next_check_at": UTC_TIME,
    "disabled": pl.Boolean, "disabled_reason": pl.Utf8, "updated_at": UTC_TIME,
}
FEED_ENTRIES = {
    "entry_key": pl.Utf8, "key_source": pl.Utf8, "version": pl.Int32, "feed_name": pl.Utf8,
    "guid": pl.Utf8, "url": pl.Utf8, "canonical_url": pl.Utf8, "title": pl.Utf8, "summary": pl.Utf8,
    "published_raw": pl.Utf8, "published_at": UTC_TIME, "date_source": pl.Utf8,
    "partition_date": pl.Date, "content_hash": pl.Utf8, "first_seen_at": UTC_TIME,
}
CAPTURES = {
    "capture_id": pl.Utf8, "url": pl.Utf8, "canonical_url": pl.Utf8, "entry_key": pl.Utf8,
    "feed_name": pl.Utf8, "origin": pl.Utf8, "fetched_at": UTC_TIME, "http_status": pl.Int32,
    "outcome": pl.Utf8, "content_type": pl.Utf8, "bytes": pl.Int64, "sha256": pl.Utf8,
    "record_type": pl.Utf8, "warc_file": pl.Utf8, "warc_offset": pl.Int64, "warc_length": pl.Int64,
    "partition_date": pl.Date, "date_source": pl.Utf8, "error": pl.Utf8,
}


def frame(rows: list[dict], schema: dict) -> pl.DataFrame:
    """A frame with exactly the table's columns, in order, whatever extra keys the rows carry."""
    return pl.DataFrame([{name: row.get(name) for name in schema} for row in rows],
                        schema=schema, orient="row")
