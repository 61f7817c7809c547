"""One capture pass: poll due feeds, record every attempt, discover entries, archive their pages.

Feeds and pages share a politeness-bounded worker pool (etl.capture.politeness); each task turns
every failure into a recorded outcome, so nothing one source does can stop the others. The pass
is bounded (new entries per feed, pages and time per run); what does not fit is recorded as
deferred and left for the next run. Rows are polars frames with exactly the columns of the
capture tables, handed in batches to a commit callback as the run goes; writing them is the
warehouse's job.
"""

from __future__ import annotations

import hashlib
import threading
import time
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta, timezone
from typing import Callable

import polars as pl

from etl.capture import backoff, outcomes
from etl.capture.classify import classify_response
from etl.capture.fetch import FEED_ACCEPT, PAGE_ACCEPT, Fetcher, FetchResult
from etl.capture.identity import IdentifiedItem, identify
from etl.capture.partition import partition_day
from etl.capture.politeness import HostScheduler
from etl.capture.robots import RobotsPolicy
from etl.capture.sources import Source
from etl.capture.state import CaptureState, FeedState, KnownCapture, KnownEntry
from etl.capture.tables import CAPTURES, FEED_ENTRIES, FEED_FETCHES, frame
from etl.capture.feeds import parse_feed
from etl.extract.metadata import page_metadata
from etl.rawstore.store import RawStore
from etl.rawstore.warc import WarcWriter
from etl.settings import Settings
from etl.web.urls import canonical_url, host_key, page_canonical_url

__all__ = ["CaptureResult", "CaptureState", "run_capture"]

SUMMARY_MAX_CHARS = 4000


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


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _attempt_id(url: str, entry_key: str | None, at: datetime) -> str:
    """Key of a page attempt that stored no record (failed, refused or deferred)."""
    return _sha256(f"{url}|{entry_key or ''}|{at.isoformat()}".encode())[:32]


@dataclass
class _PendingEntry:
    """An entry row waiting for its page when the feed gave no usable date."""
    row: dict
    known_partition: date | None  # fixed partition of an earlier version, if any


@dataclass
class _PageJob:
    """A page to fetch for an entry, and what its capture row will need."""
    ident: IdentifiedItem
    pending: _PendingEntry | None
    partition: date | None
    seen_at: datetime


@dataclass
class _FeedRun:
    """One feed's part of the run.

    Its state is recorded when the feed fetch and all its page tasks have finished. A feed that
    listed more than the run took (entries over the limit, pages deferred or failed with
    attempts left) keeps its previous validators, so the next run reads it in full again and
    takes the rest; everything else in its state (errors, next check, moved URL) moves on.
    """
    source: Source
    state: FeedState
    validators: tuple[str | None, str | None, str | None]   # etag, last_modified, body_sha256
    fresh: bool                  # no earlier state (new source, or its URL was edited)
    open_tasks: int = 0          # the feed fetch and its page tasks not finished yet
    complete: bool = True
    polled: bool = False


class _Run:
    def __init__(self, sources: list[Source], state: CaptureState, store: RawStore, settings: Settings,
                 now: datetime, commit: Commit | None):
        self.sources = sources
        self.settings = settings
        self.now = now
        self.commit = commit
        self._t0 = time.monotonic()
        self._last_commit = self._t0
        self.lock = threading.Lock()
        self.fetch_rows: list[dict] = []
        self.entry_rows: list[dict] = []
        self.capture_rows: list[dict] = []
        self.finished_states: list[FeedState] = []
        self._committed = (0, 0, 0, 0)    # rows of the four lists above already handed to commit
        self.feeds: dict[str, _FeedRun] = {}
        self.entries = dict(state.entries)
        self.captured = dict(state.captured)
        self.page_failures = state.page_failures
        self.claimed: set[str] = set()    # canonical URLs fetched (or being fetched) in this run
        self.pages_queued = 0
        self.old_states = state.feeds
        workers = settings.capture_workers
        self.fetcher = Fetcher(settings, max_connections=workers * 2)
        self.robots = RobotsPolicy(self.fetcher, settings.user_agent)
        self.writer = WarcWriter(store, settings.warc_max_bytes, operator=settings.contact_url)
        self.scheduler = HostScheduler(workers, settings.per_host_concurrency, settings.per_host_min_interval,
                                       stop_at=self._t0 + settings.time_budget)
        self.crawl_delays: set[str] = set()   # hosts whose robots Crawl-delay was applied
        self.date_sources: dict[str, str] = {}  # entry_key -> date_source of its row in this run

    def clock(self) -> datetime:
        """The run's notion of now: ``now`` plus the time elapsed since the run started."""
        return self.now + timedelta(seconds=time.monotonic() - self._t0)

    # -- orchestration ---------------------------------------------------------------------
    def execute(self) -> CaptureResult:
        try:
            for source in self.sources:
                self._plan(source)
            self.scheduler.run(tick=self._commit_if_due, tick_every=min(1.0, self.settings.commit_interval))
        finally:
            self.fetcher.close()
            self.writer.close()
        self._commit_rest()
        # Feeds no longer listed keep their state as it was: they are inactive, not forgotten.
        states = {**self.old_states, **{name: feed.state for name, feed in self.feeds.items()}}
        return CaptureResult(
            fetches=frame(self.fetch_rows, FEED_FETCHES),
            entries=frame(self.entry_rows, FEED_ENTRIES),
            captures=frame(self.capture_rows, CAPTURES),
            feed_state=CaptureState(feeds=states).feed_state_frame(),
            warc_files=list(self.writer.files),
        )

    def _commit_if_due(self) -> None:
        if time.monotonic() - self._last_commit >= self.settings.commit_interval:
            self._commit_rest()

    def _commit_rest(self) -> None:
        """Hand every row recorded since the last commit to ``commit``, as one batch.

        Rows are taken under the lock, so a batch never holds a capture without its entry, nor a
        feed's state without the rows of its fetch and pages.
        """
        self._last_commit = time.monotonic()
        if self.commit is None:
            return
        with self.lock:
            lists = (self.fetch_rows, self.entry_rows, self.capture_rows, self.finished_states)
            new = [rows[start:] for rows, start in zip(lists, self._committed)]
            self._committed = tuple(len(rows) for rows in lists)
        # Rows are committed only once the records they point at can be read from the store.
        self.writer.publish()
        fetches, entries, captures, states = new
        if not any(new):
            return
        self.commit(CaptureResult(
            fetches=frame(fetches, FEED_FETCHES), entries=frame(entries, FEED_ENTRIES),
            captures=frame(captures, CAPTURES),
            feed_state=CaptureState(feeds={s.feed_name: s for s in states}).feed_state_frame(),
        ))

    def _plan(self, source: Source) -> None:
        previous = self.old_states.get(source.name)
        fresh = previous is None or previous.configured_url != source.url
        # A new source, or its URL was edited in sources.yaml: start afresh.
        state = FeedState.new(source.name, source.url, self.now) if fresh else replace(previous)
        feed = _FeedRun(source, state, (state.etag, state.last_modified, state.body_sha256), fresh, open_tasks=1)
        self.feeds[source.name] = feed
        if not source.enabled or not state.is_due(self.now):
            self._release(feed)
            return
        host = host_key(state.effective_url)
        if source.concurrency is not None or source.min_interval is not None:
            self.scheduler.configure(host, source.concurrency, source.min_interval)
        self.scheduler.submit(host, lambda: self._feed_task(feed), defer=lambda: self._defer_feed(feed))

    def _release(self, feed: _FeedRun) -> None:
        """One task of the feed is done; after the last one, its state is recorded."""
        with self.lock:
            feed.open_tasks -= 1
            if feed.open_tasks:
                return
            if not feed.complete:
                feed.state.etag, feed.state.last_modified, feed.state.body_sha256 = feed.validators
            if feed.polled or feed.fresh:
                self.finished_states.append(replace(feed.state))

    def _incomplete(self, feed: _FeedRun) -> None:
        with self.lock:
            feed.complete = False

    # -- feeds -----------------------------------------------------------------------------
    def _fetch_row(self, feed: _FeedRun, requested_at: datetime) -> dict:
        return {"feed_name": feed.source.name, "requested_url": feed.state.effective_url,
                "requested_at": requested_at,
                "fetch_id": _sha256(f"{feed.source.name}|{requested_at.isoformat()}".encode())[:16]}

    def _defer_feed(self, feed: _FeedRun) -> None:
        """The time budget ran out before this feed's turn: it stays due for the next run."""
        row = self._fetch_row(feed, self.clock())
        row.update(outcome=outcomes.DEFERRED,
                   error=f"not polled: the run's time budget of {self.settings.time_budget:g} s was used up")
        with self.lock:
            self.fetch_rows.append(row)
        self._release(feed)

    def _feed_task(self, feed: _FeedRun) -> None:
        state = feed.state
        requested_at = self.clock()
        row = self._fetch_row(feed, requested_at)
        result: FetchResult | None = None
        pages: list[_PageJob] = []
        entry_rows: list[dict] = []
        try:
            result = self.fetcher.get(state.effective_url, accept=FEED_ACCEPT, etag=state.etag,
                                      last_modified=state.last_modified)
            pages = self._feed_outcome(feed, result, row, requested_at, entry_rows)
        except Exception as exc:  # a bug must cost one feed, not the run
            row.update(outcome=outcomes.INTERNAL_ERROR, error=f"{type(exc).__name__}: {exc}")
        self._update_state(state, result, row, requested_at)
        with self.lock:
            # The fetch row and its entries together, before any page row: no commit holds
            # an entry without its fetch, or a page without its entry.
            feed.polled = True
            self.fetch_rows.append(row)
            self.entry_rows.extend(entry_rows)
        for job in pages:
            self._queue_page(feed, job)
        self._release(feed)

    def _feed_outcome(self, feed: _FeedRun, result: FetchResult, row: dict, requested_at: datetime,
                      entry_rows: list[dict]) -> list[_PageJob]:
        """Fill the fetch row and ``entry_rows`` with the feed's entries; return the pages to fetch."""
        source, state = feed.source, feed.state
        body = result.body
        row.update(final_url=result.final_url, duration_ms=result.duration_ms, http_status=result.status,
                   etag=result.headers.get("etag"), last_modified=result.headers.get("last-modified"),
                   bytes=len(body) if body is not None else None)
        if result.outcome != outcomes.OK:
            row.update(outcome=result.outcome, error=result.error)
            return []
        outcome, error = classify_response(result.status, result.headers, body)
        row.update(outcome=outcome, error=error)
        if outcome != outcomes.OK:
            return []
        row["body_sha256"] = _sha256(body)
        if row["body_sha256"] == state.body_sha256:
            row["outcome"] = outcomes.UNCHANGED
            return []
        parsed = parse_feed(body, result.final_url, result.headers, language=source.language)
        if not parsed.is_feed:
            is_html = parsed.looks_like_html or "html" in (result.content_type or "").lower()
            row["outcome"] = outcomes.NOT_A_FEED if is_html else outcomes.MALFORMED
            row["error"] = (f"{'an HTML page' if is_html else 'no feed'} at the feed URL: "
                            f"{parsed.error or parsed.warning or 'no feed format recognised'}")[:500]
            return []
        identified, bad_guids = identify(source.name, parsed.items,
                                         (result.final_url, state.configured_url, parsed.link or ""))
        row["entries"] = len(identified)
        row["new_entries"], left, pages = self._discover(feed, identified, requested_at, entry_rows)
        notes = []
        if bad_guids:
            notes.append(f"{bad_guids}; entries keyed by link or content hash")
        elif parsed.warning and not identified:
            notes.append(f"no items, parser warning {parsed.warning}")
        if left:
            self._incomplete(feed)
            notes.append(f"{left} more new entries than the limit of {self.settings.max_new_entries_per_feed} "
                         "per feed and run; the next run takes them")
        if notes:
            row["error"] = f"note: {'; '.join(notes)}"[:500]
        return pages

    def _update_state(self, state: FeedState, result: FetchResult | None, row: dict, at: datetime) -> None:
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

    # -- entries ---------------------------------------------------------------------------
    def _discover(self, feed: _FeedRun, identified: list[IdentifiedItem], seen_at: datetime,
                  entry_rows: list[dict]) -> tuple[int, int, list[_PageJob]]:
        """Add rows for new entries and new versions to ``entry_rows``, up to the per-feed limit
        (an entry without a usable feed date waits for its page's date instead).

        Returns how many were new, how many new ones were left for the next run, and the pages
        to fetch: those of new entries, and earlier entries' pages never stored that have
        attempts left.
        """
        limit = self.settings.max_new_entries_per_feed
        new = left = 0
        pages = []
        for ident in identified:
            item = ident.item
            canon = canonical_url(item.link) if item.link else None
            with self.lock:
                known = self.entries.get(ident.entry_key)
                if known is None:
                    version = 1
                elif known.content_hash != item.content_hash:
                    version = known.version + 1
                else:
                    version = None
                if version is not None:
                    if new >= limit:
                        left += 1
                        continue
                    fixed = known.partition_date if known else None
                    self.entries[ident.entry_key] = KnownEntry(version, item.content_hash, fixed)
                    new += 1
                retry = (canon not in self.captured
                         and self.page_failures.get(canon, 0) < self.settings.max_page_attempts)
                fetch_page = bool(canon) and (version is not None or retry) and canon not in self.claimed
                if fetch_page:
                    self.claimed.add(canon)
            by_feed = partition_day(seen_at, item.published_at)
            feed_date = by_feed.published_at  # None unless the feed's own date decides the day
            row = {
                "entry_key": ident.entry_key, "key_source": ident.key_source, "version": version,
                "feed_name": feed.source.name, "guid": item.guid, "url": item.link, "canonical_url": canon,
                "title": item.title, "summary": (item.summary or "")[:SUMMARY_MAX_CHARS] or None,
                "published_raw": item.published_raw, "published_at": feed_date,
                "content_hash": item.content_hash, "first_seen_at": seen_at,
            }
            known_partition = known.partition_date if known else None
            pending = _PendingEntry(row, known_partition) if version is not None else None
            if pending and (not fetch_page or feed_date is not None or known_partition is not None):
                self._emit_entry(pending, page_date=None, into=entry_rows)
                pending = None
            if fetch_page:
                partition = known_partition or (by_feed.day if feed_date else None)
                pages.append(_PageJob(ident, pending, partition, seen_at))
        return new, left, pages

    def _emit_entry(self, pending: _PendingEntry, page_date: datetime | None,
                    into: list[dict] | None = None) -> date:
        """Fix the entry's partition (see partition_day) and record it (or add it to ``into``,
        for the caller to record)."""
        row = pending.row
        decision = partition_day(row["first_seen_at"], row["published_at"], page_date, pending.known_partition)
        row["published_at"], row["date_source"] = decision.published_at, decision.date_source
        row["partition_date"] = fixed = decision.day
        with self.lock:
            known = self.entries[row["entry_key"]]
            self.entries[row["entry_key"]] = replace(known, partition_date=fixed)
            self.date_sources[row["entry_key"]] = row["date_source"]
            (self.entry_rows if into is None else into).append(row)
        return fixed

    # -- pages -----------------------------------------------------------------------------
    def _queue_page(self, feed: _FeedRun, job: _PageJob) -> None:
        with self.lock:
            within_budget = self.pages_queued < self.settings.page_budget
            if within_budget:
                self.pages_queued += 1
                feed.open_tasks += 1
        if not within_budget:
            self._defer_page(feed, job, f"the run's page budget of {self.settings.page_budget} was used up")
            return

        def out_of_time() -> None:
            self._defer_page(feed, job, f"the run's time budget of {self.settings.time_budget:g} s was used up")
            self._release(feed)

        self.scheduler.submit(host_key(job.ident.item.link), lambda: self._page_task(feed, job), defer=out_of_time)

    def _page_row(self, feed: _FeedRun, job: _PageJob, fetched_at: datetime) -> dict:
        url = job.ident.item.link
        return {"url": url, "canonical_url": canonical_url(url), "entry_key": job.ident.entry_key,
                "feed_name": feed.source.name, "origin": "feed", "fetched_at": fetched_at}

    def _defer_page(self, feed: _FeedRun, job: _PageJob, reason: str) -> None:
        self._incomplete(feed)
        row = self._page_row(feed, job, self.clock())
        row.update(outcome=outcomes.DEFERRED, error=f"not fetched: {reason}; the next run takes it")
        self._record_page(job, row, page_date=None)

    def _page_task(self, feed: _FeedRun, job: _PageJob) -> None:
        row = self._page_row(feed, job, self.clock())
        page_date = None
        try:
            page_date = self._fetch_page(row["url"], row, row["fetched_at"])
        except Exception as exc:  # a bug must cost one page, not the run
            row.update(outcome=outcomes.INTERNAL_ERROR, error=f"{type(exc).__name__}: {exc}")
        if row["outcome"] != outcomes.OK:
            attempts = self.page_failures.get(canonical_url(job.ident.item.link), 0) + 1
            if attempts < self.settings.max_page_attempts:
                self._incomplete(feed)
        self._record_page(job, row, page_date)
        self._release(feed)

    def _record_page(self, job: _PageJob, row: dict, page_date: datetime | None) -> None:
        """Record a page attempt, with its entry when that was waiting for the page's date."""
        ident, partition = job.ident, job.partition
        if not row.get("capture_id"):
            # Nothing was archived, so there is no WARC-Record-ID; the attempt still needs a key.
            row["capture_id"] = _attempt_id(row["url"], ident.entry_key, row["fetched_at"])
        if job.pending is not None:
            partition = self._emit_entry(job.pending, page_date)
        with self.lock:
            if partition is None:
                partition = self.entries[ident.entry_key].partition_date or job.seen_at.date()
            # Captures copy their entry's date; a page retried for an entry of an earlier run
            # only knows whether the feed's date is usable.
            fallback = partition_day(job.seen_at, ident.item.published_at).date_source
            row["date_source"] = self.date_sources.get(ident.entry_key, fallback)
            row["partition_date"] = partition
            self.capture_rows.append(row)

    def _respect_crawl_delay(self, url: str) -> None:
        host = host_key(url)
        with self.lock:
            if host in self.crawl_delays:
                return
            self.crawl_delays.add(host)
        delay = self.robots.crawl_delay(url)
        if delay and delay > self.settings.per_host_min_interval:
            self.scheduler.configure(host, min_interval=delay)

    def _fetch_page(self, url: str, row: dict, fetched_at: datetime) -> datetime | None:
        """Fetch and archive one page; fills ``row``; returns the page's own publication date."""
        refusal = self.robots.check(url)
        if refusal:
            row["outcome"], row["error"] = refusal
            return None
        self._respect_crawl_delay(url)
        result = self.fetcher.get(url, accept=PAGE_ACCEPT)
        row.update(url=result.final_url, http_status=result.status, content_type=result.content_type,
                   bytes=len(result.body) if result.body is not None else None)
        if result.outcome != outcomes.OK:
            row.update(outcome=result.outcome, error=result.error)
            return None
        outcome, error = classify_response(result.status, result.headers, result.body)
        row.update(outcome=outcome, error=error)
        if outcome != outcomes.OK:
            return None  # only usable pages are archived: derive reads every stored 200
        meta = page_metadata(result.body, result.final_url, now=fetched_at)
        canon = page_canonical_url(result.final_url, meta.canonical_url)
        sha = _sha256(result.body)
        row.update(canonical_url=canon, sha256=sha)
        with self.lock:
            prior = self.captured.get(canon) or self.captured.get(row["canonical_url"])
        stored = self._archive(result, sha, prior, fetched_at)
        row.update(capture_id=stored.record_id, record_type=stored.record_type, warc_file=stored.warc_file,
                   warc_offset=stored.offset, warc_length=stored.length)
        with self.lock:
            entry = KnownCapture(sha, result.final_url, fetched_at, stored.record_id)
            self.captured[canon] = self.captured[canonical_url(url)] = entry
        return meta.published_at  # bounded by the fetch time, as partition_day expects

    def _archive(self, result: FetchResult, sha: str, prior: KnownCapture | None, fetched_at: datetime):
        common = dict(status=result.status, reason=result.reason, http_version=result.http_version,
                      headers=result.raw_headers, payload=result.body, date=fetched_at)
        if prior is not None and prior.sha256 == sha:
            return self.writer.write_revisit(result.final_url, refers_to_uri=prior.url,
                                             refers_to_date=prior.fetched_at,
                                             refers_to_record=prior.capture_id, **common)
        return self.writer.write_response(result.final_url, request_headers=result.request_headers, **common)


def run_capture(sources: list[Source], state: CaptureState, store: RawStore, settings: Settings,
                now: datetime | None = None, commit: Commit | None = None) -> CaptureResult:
    """Poll every due source once and archive new pages. Never raises for network or feed faults.

    ``commit`` receives the rows recorded so far about every ``settings.commit_interval`` seconds
    and the rest at the end (on the calling thread); the result holds every row of the run.
    """
    now = now or datetime.now(timezone.utc)
    if now.tzinfo is None:
        now = now.replace(tzinfo=timezone.utc)
    return _Run(sources, state, store, settings, now.astimezone(timezone.utc), commit).execute()
