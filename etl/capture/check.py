"""`etl sources check`: fetch every source once (no state, nothing stored) and report its health."""

from __future__ import annotations

import threading
from datetime import datetime, timezone

import polars as pl

from etl.capture import outcomes
from etl.capture.classify import classify_response
from etl.capture.fetch import FEED_ACCEPT, Fetcher
from etl.capture.politeness import HostScheduler
from etl.capture.sources import Source
from etl.capture.feeds import parse_feed
from etl.settings import Settings
from etl.web.dates import is_plausible
from etl.web.urls import host_key

CHECK_SCHEMA = {
    "name": pl.Utf8, "url": pl.Utf8, "final_url": pl.Utf8, "http_status": pl.Int32, "outcome": pl.Utf8,
    "items": pl.Int32, "newest_published_at": pl.Datetime("us", "UTC"), "newest_age_hours": pl.Float64,
    "duration_ms": pl.Int32, "error": pl.Utf8,
}


def _check_one(fetcher: Fetcher, source: Source, now: datetime) -> dict:
    result = fetcher.get(source.url, accept=FEED_ACCEPT)
    row = {"name": source.name, "url": source.url, "final_url": result.final_url,
           "http_status": result.status, "outcome": result.outcome, "duration_ms": result.duration_ms,
           "error": result.error}
    if result.outcome != outcomes.OK:
        return row
    row["outcome"], row["error"] = classify_response(result.status, result.headers, result.body)
    if row["outcome"] != outcomes.OK:
        return row
    parsed = parse_feed(result.body, result.final_url, result.headers, language=source.language)
    if not parsed.is_feed:
        html = parsed.looks_like_html
        row["outcome"] = outcomes.NOT_A_FEED if html else outcomes.MALFORMED
        row["error"] = parsed.error or parsed.warning or "no feed format recognised"
        return row
    row["items"] = len(parsed.items)
    dates = [i.published_at for i in parsed.items if is_plausible(i.published_at, now)]
    if dates:
        newest = max(dates)
        row["newest_published_at"] = newest
        row["newest_age_hours"] = round((now - newest).total_seconds() / 3600, 2)
    return row


def check_sources(sources: list[Source], settings: Settings, now: datetime | None = None) -> pl.DataFrame:
    """One row per source: status, outcome, item count, newest item and its age. Never raises."""
    now = now or datetime.now(timezone.utc)
    rows: list[dict] = []
    lock = threading.Lock()
    scheduler = HostScheduler(settings.capture_workers, settings.per_host_concurrency,
                              settings.per_host_min_interval)
    with Fetcher(settings) as fetcher:
        def task(source: Source) -> None:
            try:
                row = _check_one(fetcher, source, now)
            except Exception as exc:  # report the bug against this source and go on
                row = {"name": source.name, "url": source.url, "outcome": outcomes.INTERNAL_ERROR,
                       "error": f"{type(exc).__name__}: {exc}"}
            with lock:
                rows.append(row)

        for source in sources:
            scheduler.submit(host_key(source.url), lambda s=source: task(s))
        scheduler.run()
    order = {s.name: i for i, s in enumerate(sources)}
    rows.sort(key=lambda r: order.get(r["name"], 0))
    return pl.DataFrame([{k: r.get(k) for k in CHECK_SCHEMA} for r in rows], schema=CHECK_SCHEMA, orient="row")
