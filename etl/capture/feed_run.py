"""One feed's part of a capture pass, and how a fetch moves the feed's state."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field, replace
from datetime import datetime

from etl.capture import backoff, outcomes
from etl.capture.fetch import FetchResult
from etl.capture.sources import Source
from etl.capture.state import FeedState


@dataclass
class FeedRun:
    """One feed's part of the pass.

    Its state is recorded when the feed fetch and all its page tasks have finished. A feed that
    listed more than the pass took (entries over the limit, pages deferred or failed with
    attempts left) keeps its previous validators, so the next pass reads it in full again and
    takes the rest; everything else in its state (errors, next check, moved URL) moves on.
    """
    source: Source
    state: FeedState
    validators: tuple[str | None, str | None, str | None]   # etag, last_modified, body_sha256
    fresh: bool                  # no earlier state (new source, or its URL was edited)
    open_tasks: int = 1          # the feed fetch and its page tasks not finished yet
    complete: bool = True
    polled: bool = False
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    @classmethod
    def plan(cls, source: Source, previous: FeedState | None, now: datetime) -> FeedRun:
        """The feed's run, starting from its previous state; a new source, or one whose URL was
        edited in sources.yaml, starts afresh."""
        fresh = previous is None or previous.configured_url != source.url
        state = FeedState.new(source.name, source.url, now) if fresh else replace(previous)
        return cls(source, state, (state.etag, state.last_modified, state.body_sha256), fresh)

    def add_task(self) -> None:
        with self._lock:
            self.open_tasks += 1

    def mark_incomplete(self) -> None:
        with self._lock:
            self.complete = False

    def release(self) -> FeedState | None:
        """One task of the feed is done; after the last one, the state to record (if any)."""
        with self._lock:
            self.open_tasks -= 1
            if self.open_tasks:
                return None
            if not self.complete:
                self.state.etag, self.state.last_modified, self.state.body_sha256 = self.validators
            return replace(self.state) if self.polled or self.fresh else None


def record_fetch(state: FeedState, result: FetchResult | None, row: dict, at: datetime) -> None:
    """Move the feed's state on after a fetch whose row is ``row``: validators, moved URL, error
    count, next check (backoff, Retry-After) and whether it is disabled."""
    outcome = row["outcome"]
    if outcome in outcomes.SUCCESS:
        state.error_count = 0
        if row.get("etag") or outcome != outcomes.NOT_MODIFIED:
            state.etag = row.get("etag")
        if row.get("last_modified") or outcome != outcomes.NOT_MODIFIED:
            state.last_modified = row.get("last_modified")
        if row.get("body_sha256"):
            state.body_sha256 = row["body_sha256"]
        if result is not None and result.permanent_url:
            state.effective_url = result.permanent_url  # 301/308 only; 302/307 never move it
    else:
        state.error_count += 1
    retry_after = backoff.parse_retry_after(result.headers.get("retry-after"), at) if result else None
    state.last_outcome = outcome
    state.last_fetched_at = at
    state.next_check_at = backoff.next_check(at, outcome, state.error_count, retry_after)
    reason = backoff.disable_reason(outcome, state.error_count, row.get("error"))
    if reason:
        state.disabled, state.disabled_reason = True, reason
    state.updated_at = at
