"""robots.txt for article pages (RFC 9309), one fetch per host and run, parsed with protego."""

from __future__ import annotations

import threading
from urllib.parse import urlsplit, urlunsplit

from protego import Protego

from etl.capture import outcomes
from etl.capture.fetch import Fetcher

ROBOTS_MAX_BYTES = 512 * 1024   # RFC 9309 asks crawlers to read at least 500 KiB
MAX_CRAWL_DELAY = 60.0          # a Crawl-delay beyond this would starve the hourly run
# Refusals of the origin itself: the page would meet the same one, so it is reported as such
# rather than as a robots.txt verdict. A host that refuses connections (down, port closed) is
# one too: its pages are counted with the unreachable ones, not with those robots.txt forbids.
ORIGIN_REFUSALS = frozenset({outcomes.BLOCKED_ADDRESS, outcomes.INVALID_URL, outcomes.CONNECT_ERROR})

Refusal = tuple[str, str]   # (outcome class, reason)


class RobotsPolicy:
    def __init__(self, fetcher: Fetcher, user_agent: str):
        self.fetcher = fetcher
        # protego matches the product token ("newsfacts-etl"), not the whole header value
        self.agent = user_agent.split("/", 1)[0].split(" ", 1)[0] or user_agent
        self._rules: dict[str, Protego | str] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()

    def _load(self, origin: str) -> Protego | Refusal:
        result = self.fetcher.get(origin + "/robots.txt", accept="text/plain, */*;q=0.5",
                                  max_bytes=ROBOTS_MAX_BYTES)
        if result.outcome == outcomes.OK and result.status is not None:
            if 200 <= result.status < 300:
                return Protego.parse((result.body or b"").decode("utf-8", "replace"))
            if 400 <= result.status < 500:
                return Protego.parse("")  # "unavailable": everything may be crawled
            return (outcomes.ROBOTS_DISALLOWED,
                    f"robots.txt answered HTTP {result.status}: treated as disallow-all for now")
        if result.outcome in ORIGIN_REFUSALS:
            return result.outcome, result.error or result.outcome
        # "unreachable" (5xx, network errors, too large): assume complete disallow this run
        return (outcomes.ROBOTS_DISALLOWED,
                f"robots.txt unreachable ({result.outcome}: {result.error}): treated as disallow-all")

    def rules(self, url: str) -> Protego | Refusal:
        parts = urlsplit(url)
        origin = urlunsplit((parts.scheme, parts.netloc, "", "", ""))
        with self._guard:
            lock = self._locks.setdefault(origin, threading.Lock())
        with lock:  # one robots.txt fetch per origin even when many pages wait for it
            if origin not in self._rules:
                self._rules[origin] = self._load(origin)
            return self._rules[origin]

    def check(self, url: str) -> Refusal | None:
        """None when the page may be fetched, else the outcome and reason it may not."""
        rules = self.rules(url)
        if isinstance(rules, tuple):
            return rules
        if not rules.can_fetch(url, self.agent):
            return outcomes.ROBOTS_DISALLOWED, f"robots.txt disallows {urlsplit(url).path or '/'} for {self.agent}"
        return None

    def crawl_delay(self, url: str) -> float | None:
        rules = self.rules(url)
        if isinstance(rules, tuple):
            return None
        delay = rules.crawl_delay(self.agent)
        return min(float(delay), MAX_CRAWL_DELAY) if delay else None
