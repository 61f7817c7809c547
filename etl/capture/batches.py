"""A capture pass's rows, and the batches in which they are handed to the commit callback."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from datetime import date
from typing import Callable

import polars as pl

from etl.capture.state import CaptureState, FeedState
from etl.capture.tables import CAPTURES, FEED_ENTRIES, FEED_FETCHES, frame


@dataclass
class CaptureResult:
    fetches: pl.DataFrame
    entries: pl.DataFrame
    captures: pl.DataFrame
    feed_state: pl.DataFrame
    warc_files: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)   # whole-input failures (e.g. unreadable WARC)

    @property
    def partition_dates(self) -> list[date]:
        """Days that received new entries or captures (for requesting derive partitions)."""
        days = set(self.entries["partition_date"].to_list()) | set(self.captures["partition_date"].to_list())
        return sorted(days)


Commit = Callable[[CaptureResult], None]


class RunRows:
    """Every row a pass records (fetches, entries, captures, finished feed states), in order.

    Rows are added and taken under one lock, so a batch never holds a capture without its entry,
    nor a feed's state without the rows of its fetch and pages. ``before_commit`` runs between
    taking a batch and committing it (the WARC writer publishes the records the rows point at).
    """

    def __init__(self, commit: Commit | None, before_commit: Callable[[], None]):
        self.commit = commit
        self.before_commit = before_commit
        self.lock = threading.Lock()
        self.fetches: list[dict] = []
        self.entries: list[dict] = []
        self.captures: list[dict] = []
        self.states: list[FeedState] = []
        self._committed = (0, 0, 0, 0)    # rows of the four lists above already handed to commit
        self._last_commit = time.monotonic()

    def add_fetch(self, row: dict, entry_rows: list[dict] = ()) -> None:
        """A feed fetch with the entries it found, together."""
        with self.lock:
            self.fetches.append(row)
            self.entries.extend(entry_rows)

    def add_entry(self, row: dict) -> None:
        with self.lock:
            self.entries.append(row)

    def add_capture(self, row: dict) -> None:
        with self.lock:
            self.captures.append(row)

    def add_state(self, state: FeedState) -> None:
        with self.lock:
            self.states.append(state)

    def commit_if_due(self, interval: float) -> None:
        if time.monotonic() - self._last_commit >= interval:
            self.commit_new()

    def commit_new(self) -> None:
        """Hand every row recorded since the last commit to ``commit``, as one batch."""
        self._last_commit = time.monotonic()
        if self.commit is None:
            return
        with self.lock:
            lists = (self.fetches, self.entries, self.captures, self.states)
            new = [rows[start:] for rows, start in zip(lists, self._committed)]
            self._committed = tuple(len(rows) for rows in lists)
        self.before_commit()
        fetches, entries, captures, states = new
        if not any(new):
            return
        self.commit(CaptureResult(
            fetches=frame(fetches, FEED_FETCHES), entries=frame(entries, FEED_ENTRIES),
            captures=frame(captures, CAPTURES),
            feed_state=CaptureState(feeds={s.feed_name: s for s in states}).feed_state_frame(),
        ))

    def result(self, feed_states: dict[str, FeedState], warc_files: list[str]) -> CaptureResult:
        """Every row of the pass, with the state of every feed."""
        return CaptureResult(
            fetches=frame(self.fetches, FEED_FETCHES),
            entries=frame(self.entries, FEED_ENTRIES),
            captures=frame(self.captures, CAPTURES),
            feed_state=CaptureState(feeds=feed_states).feed_state_frame(),
            warc_files=warc_files,
        )
