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
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from etl.capture import outcomes
from etl.capture.batches import CaptureResult, Commit, RunRows
from etl.capture.classify import classify_response
from etl.capture.entry_book import EntryBook
from etl.capture.feed_run import FeedRun, record_fetch
from etl.capture.feeds import parse_feed
from etl.capture.fetch import FEED_ACCEPT, PAGE_ACCEPT, FetchResult
from etl.capture.identity import IdentifiedItem, identify
from etl.capture.partition import partition_day
from etl.capture.pool import CapturePool
from etl.capture.sources import Source
from etl.capture.state import CaptureState, KnownCapture
from etl.extract.metadata import page_metadata
from etl.rawstore.store import RawStore
from etl.settings import Settings
from etl.web.urls import canonical_url, host_key, page_canonical_url

__all__ = ["CaptureResult", "CaptureState", "Commit", "run_capture"]

SUMMARY_MAX_CHARS = 4000


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


class _Run:
    """The pass itself: plans the feeds and runs the feed and page tasks on the pool. The pieces
    it works with: CapturePool (workers), FeedRun (each feed's state machine), EntryBook
    (entry versions, fixed days, stored pages), partition_day (the day) and RunRows (rows and
    commit batches)."""

    def __init__(self, sources: list[Source], state: CaptureState, store: RawStore, settings: Settings,
                 now: datetime, commit: Commit | None):
        self.sources = sources
        self.settings = settings
        self.now = now
        self._t0 = time.monotonic()
        self.old_states = state.feeds
        self.feeds: dict[str, FeedRun] = {}
        self.book = EntryBook(state, settings.max_page_attempts)
        self.pool = CapturePool(store, settings, stop_at=self._t0 + settings.time_budget)
        # Rows are committed only once the records they point at can be read from the store.
        self.rows = RunRows(commit, before_commit=self.pool.writer.publish)

    def clock(self) -> datetime:
        """The run's notion of now: ``now`` plus the time elapsed since the run started."""
        return self.now + timedelta(seconds=time.monotonic() - self._t0)

    # -- orchestration ---------------------------------------------------------------------
    def execute(self) -> CaptureResult:
        interval = self.settings.commit_interval
        try:
            for source in self.sources:
                self._plan(source)
            self.pool.scheduler.run(tick=lambda: self.rows.commit_if_due(interval), tick_every=min(1.0, interval))
        finally:
            self.pool.close()
        self.rows.commit_new()
        # Feeds no longer listed keep their state as it was: they are inactive, not forgotten.
        states = {**self.old_states, **{name: feed.state for name, feed in self.feeds.items()}}
        return self.rows.result(states, list(self.pool.writer.files))

    def _plan(self, source: Source) -> None:
        feed = FeedRun.plan(source, self.old_states.get(source.name), self.now)
        self.feeds[source.name] = feed
        if not source.enabled or not feed.state.is_due(self.now):
            self._release(feed)
            return
        url = feed.state.effective_url
        if source.concurrency is not None or source.min_interval is not None:
            self.pool.scheduler.configure(host_key(url), source.concurrency, source.min_interval)
        self.pool.submit(url, lambda: self._feed_task(feed), defer=lambda: self._defer_feed(feed))

    def _release(self, feed: FeedRun) -> None:
        finished = feed.release()
        if finished is not None:
            self.rows.add_state(finished)

    # -- feeds -----------------------------------------------------------------------------
    def _fetch_row(self, feed: FeedRun, requested_at: datetime) -> dict:
        return {"feed_name": feed.source.name, "requested_url": feed.state.effective_url,
                "requested_at": requested_at,
                "fetch_id": _sha256(f"{feed.source.name}|{requested_at.isoformat()}".encode())[:16]}

    def _defer_feed(self, feed: FeedRun) -> None:
        """The time budget ran out before this feed's turn: it stays due for the next run."""
        row = self._fetch_row(feed, self.clock())
        row.update(outcome=outcomes.DEFERRED,
                   error=f"not polled: the run's time budget of {self.settings.time_budget:g} s was used up")
        self.rows.add_fetch(row)
        self._release(feed)

    def _feed_task(self, feed: FeedRun) -> None:
        state = feed.state
        requested_at = self.clock()
        row = self._fetch_row(feed, requested_at)
        result: FetchResult | None = None
        pages: list[_PageJob] = []
        entry_rows: list[dict] = []
        try:
            result = self.pool.fetcher.get(state.effective_url, accept=FEED_ACCEPT, etag=state.etag,
                                           last_modified=state.last_modified)
            pages = self._feed_outcome(feed, result, row, requested_at, entry_rows)
        except Exception as exc:  # a bug must cost one feed, not the run
            row.update(outcome=outcomes.INTERNAL_ERROR, error=f"{type(exc).__name__}: {exc}")
        record_fetch(state, result, row, requested_at)
        feed.polled = True
        # The fetch row and its entries together, before any page row: no commit holds an
        # entry without its fetch, or a page without its entry.
        self.rows.add_fetch(row, entry_rows)
        for job in pages:
            self._queue_page(feed, job)
        self._release(feed)

    def _feed_outcome(self, feed: FeedRun, result: FetchResult, row: dict, requested_at: datetime,
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
            feed.mark_incomplete()
            notes.append(f"{left} more new entries than the limit of {self.settings.max_new_entries_per_feed} "
                         "per feed and run; the next run takes them")
        if notes:
            row["error"] = f"note: {'; '.join(notes)}"[:500]
        return pages

    # -- entries ---------------------------------------------------------------------------
    def _discover(self, feed: FeedRun, identified: list[IdentifiedItem], seen_at: datetime,
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
            admitted = self.book.admit(ident, canon, room=new < limit)
            if admitted is None:
                left += 1
                continue
            version, known_partition = admitted.version, admitted.known_partition
            new += version is not None
            by_feed = partition_day(seen_at, item.published_at)
            feed_date = by_feed.published_at  # None unless the feed's own date decides the day
            row = {
                "entry_key": ident.entry_key, "key_source": ident.key_source, "version": version,
                "feed_name": feed.source.name, "guid": item.guid, "url": item.link, "canonical_url": canon,
                "title": item.title, "summary": (item.summary or "")[:SUMMARY_MAX_CHARS] or None,
                "published_raw": item.published_raw, "published_at": feed_date,
                "content_hash": item.content_hash, "first_seen_at": seen_at,
            }
            pending = _PendingEntry(row, known_partition) if version is not None else None
            if pending and (not admitted.fetch_page or feed_date is not None or known_partition is not None):
                self._emit_entry(pending, page_date=None, into=entry_rows)
                pending = None
            if admitted.fetch_page:
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
        row["partition_date"] = decision.day
        self.book.fix_day(row["entry_key"], decision.day, decision.date_source)
        if into is None:
            self.rows.add_entry(row)
        else:
            into.append(row)
        return decision.day

    # -- pages -----------------------------------------------------------------------------
    def _queue_page(self, feed: FeedRun, job: _PageJob) -> None:
        if not self.pool.take_page_slot():
            self._defer_page(feed, job, f"the run's page budget of {self.settings.page_budget} was used up")
            return
        feed.add_task()

        def out_of_time() -> None:
            self._defer_page(feed, job, f"the run's time budget of {self.settings.time_budget:g} s was used up")
            self._release(feed)

        self.pool.submit(job.ident.item.link, lambda: self._page_task(feed, job), defer=out_of_time)

    def _page_row(self, feed: FeedRun, job: _PageJob, fetched_at: datetime) -> dict:
        url = job.ident.item.link
        return {"url": url, "canonical_url": canonical_url(url), "entry_key": job.ident.entry_key,
                "feed_name": feed.source.name, "origin": "feed", "fetched_at": fetched_at}

    def _defer_page(self, feed: FeedRun, job: _PageJob, reason: str) -> None:
        feed.mark_incomplete()
        row = self._page_row(feed, job, self.clock())
        row.update(outcome=outcomes.DEFERRED, error=f"not fetched: {reason}; the next run takes it")
        self._record_page(job, row, page_date=None)

    def _page_task(self, feed: FeedRun, job: _PageJob) -> None:
        row = self._page_row(feed, job, self.clock())
        page_date = None
        try:
            page_date = self._fetch_page(row["url"], row, row["fetched_at"])
        except Exception as exc:  # a bug must cost one page, not the run
            row.update(outcome=outcomes.INTERNAL_ERROR, error=f"{type(exc).__name__}: {exc}")
        if row["outcome"] != outcomes.OK:
            attempts = self.book.failed_attempts(canonical_url(job.ident.item.link)) + 1
            if attempts < self.settings.max_page_attempts:
                feed.mark_incomplete()
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
        if partition is None:
            partition = self.book.day_of(ident.entry_key) or job.seen_at.date()
        # Captures copy their entry's date; a page retried for an entry of an earlier run
        # only knows whether the feed's date is usable.
        row["date_source"] = (self.book.date_source_of(ident.entry_key)
                              or partition_day(job.seen_at, ident.item.published_at).date_source)
        row["partition_date"] = partition
        self.rows.add_capture(row)

    def _fetch_page(self, url: str, row: dict, fetched_at: datetime) -> datetime | None:
        """Fetch and archive one page; fills ``row``; returns the page's own publication date."""
        refusal = self.pool.robots.check(url)
        if refusal:
            row["outcome"], row["error"] = refusal
            return None
        self.pool.respect_crawl_delay(url)
        result = self.pool.fetcher.get(url, accept=PAGE_ACCEPT)
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
        prior = self.book.stored(canon, row["canonical_url"])
        stored = self._archive(result, sha, prior, fetched_at)
        row.update(capture_id=stored.record_id, record_type=stored.record_type, warc_file=stored.warc_file,
                   warc_offset=stored.offset, warc_length=stored.length)
        self.book.store(KnownCapture(sha, result.final_url, fetched_at, stored.record_id), canon, canonical_url(url))
        return meta.published_at  # bounded by the fetch time, as partition_day expects

    def _archive(self, result: FetchResult, sha: str, prior: KnownCapture | None, fetched_at: datetime):
        common = dict(status=result.status, reason=result.reason, http_version=result.http_version,
                      headers=result.raw_headers, payload=result.body, date=fetched_at)
        if prior is not None and prior.sha256 == sha:
            return self.pool.writer.write_revisit(result.final_url, refers_to_uri=prior.url,
                                             refers_to_date=prior.fetched_at,
                                             refers_to_record=prior.capture_id, **common)
        return self.pool.writer.write_response(result.final_url, request_headers=result.request_headers, **common)


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
