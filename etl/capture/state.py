"""Capture memory between runs: per-feed polling state, known entries, captured pages."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date, datetime

import polars as pl

from etl.capture.tables import FEED_STATE, frame


@dataclass
class FeedState:
    """One row of table feed_state."""
    feed_name: str
    configured_url: str
    effective_url: str
    etag: str | None = None
    last_modified: str | None = None
    body_sha256: str | None = None
    error_count: int = 0
    last_outcome: str | None = None
    last_fetched_at: datetime | None = None
    next_check_at: datetime | None = None
    disabled: bool = False
    disabled_reason: str | None = None
    updated_at: datetime | None = None

    @classmethod
    def new(cls, name: str, url: str, now: datetime) -> "FeedState":
        return cls(feed_name=name, configured_url=url, effective_url=url, updated_at=now)

    def is_due(self, now: datetime) -> bool:
        return not self.disabled and (self.next_check_at is None or self.next_check_at <= now)


@dataclass(frozen=True)
class KnownEntry:
    version: int
    content_hash: str
    partition_date: date


@dataclass(frozen=True)
class KnownCapture:
    sha256: str
    url: str | None = None           # optional columns: when given, revisits name what they repeat
    fetched_at: datetime | None = None
    capture_id: str | None = None


def _rows(df: pl.DataFrame | None) -> list[dict]:
    return [] if df is None or df.is_empty() else df.to_dicts()


@dataclass
class CaptureState:
    feeds: dict[str, FeedState] = field(default_factory=dict)
    entries: dict[str, KnownEntry] = field(default_factory=dict)
    captured: dict[str, KnownCapture] = field(default_factory=dict)   # by canonical URL
    page_failures: dict[str, int] = field(default_factory=dict)      # failed attempts by canonical URL

    @classmethod
    def empty(cls) -> "CaptureState":
        return cls()

    @classmethod
    def from_frames(cls, feed_state: pl.DataFrame | None, entries: pl.DataFrame | None,
                    captured: pl.DataFrame | None, page_failures: pl.DataFrame | None = None) -> "CaptureState":
        """State from the warehouse: feed_state rows; latest (entry_key, version, content_hash,
        partition_date) per entry; latest (canonical_url, sha256[, url, fetched_at, capture_id]);
        (canonical_url, failures) of pages never stored."""
        names = {f.name for f in dataclasses.fields(FeedState)}
        feeds = {}
        for row in _rows(feed_state):
            state = FeedState(**{k: v for k, v in row.items() if k in names})
            state.error_count = state.error_count or 0
            state.disabled = bool(state.disabled)
            feeds[state.feed_name] = state
        known = {}
        for row in _rows(entries):
            previous = known.get(row["entry_key"])
            if previous is None or row["version"] > previous.version:
                known[row["entry_key"]] = KnownEntry(int(row["version"]), row["content_hash"],
                                                     row["partition_date"])
        pages = {
            row["canonical_url"]: KnownCapture(row["sha256"], row.get("url"), row.get("fetched_at"),
                                               row.get("capture_id"))
            for row in _rows(captured) if row.get("sha256")
        }
        failures = {row["canonical_url"]: int(row["failures"]) for row in _rows(page_failures)}
        return cls(feeds, known, pages, failures)

    def feed_state_frame(self) -> pl.DataFrame:
        return frame([dataclasses.asdict(s) for s in self.feeds.values()], FEED_STATE)
