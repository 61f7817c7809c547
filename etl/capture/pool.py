"""The workers of a capture pass and what they share: the politeness scheduler, the HTTP client,
robots.txt, the WARC writer and the pass's page budget."""

from __future__ import annotations

import threading
from typing import Callable

from etl.capture.fetch import Fetcher
from etl.capture.politeness import HostScheduler
from etl.capture.robots import RobotsPolicy
from etl.rawstore.store import RawStore
from etl.rawstore.warc import WarcWriter
from etl.settings import Settings
from etl.web.urls import host_key


class CapturePool:
    def __init__(self, store: RawStore, settings: Settings, stop_at: float):
        workers = settings.capture_workers
        self.settings = settings
        self.fetcher = Fetcher(settings, max_connections=workers * 2)
        self.robots = RobotsPolicy(self.fetcher, settings.user_agent)
        self.writer = WarcWriter(store, settings.warc_max_bytes, operator=settings.contact_url)
        self.scheduler = HostScheduler(workers, settings.per_host_concurrency, settings.per_host_min_interval,
                                       stop_at=stop_at)
        self._lock = threading.Lock()
        self._pages_queued = 0
        self._crawl_delays: set[str] = set()   # hosts whose robots Crawl-delay was applied

    def submit(self, url: str, task: Callable[[], None], defer: Callable[[], None]) -> None:
        """Run ``task`` when the URL's host may be asked again; ``defer`` if the time runs out."""
        self.scheduler.submit(host_key(url), task, defer=defer)

    def take_page_slot(self) -> bool:
        """Whether the pass's page budget has room for one more page (and take it)."""
        with self._lock:
            if self._pages_queued >= self.settings.page_budget:
                return False
            self._pages_queued += 1
            return True

    def respect_crawl_delay(self, url: str) -> None:
        """Slow the URL's host down to its robots.txt Crawl-delay, once per pass."""
        host = host_key(url)
        with self._lock:
            if host in self._crawl_delays:
                return
            self._crawl_delays.add(host)
        delay = self.robots.crawl_delay(url)
        if delay and delay > self.settings.per_host_min_interval:
            self.scheduler.configure(host, min_interval=delay)

    def close(self) -> None:
        self.fetcher.close()
        self.writer.close()
