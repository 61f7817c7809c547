"""A worker pool that never has more than N requests in flight per host nor starts them too often.

Tasks wait in per-host queues; an idle worker takes the next task of any host that has a free
slot and whose minimum interval has passed, so a slow or strict host never ties up the workers
that other hosts could use. Tasks may submit further tasks (a feed fetch queues its pages).
"""

from __future__ import annotations

import threading
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Callable


@dataclass
class _Host:
    concurrency: int
    min_interval: float
    queue: deque = field(default_factory=deque)
    in_flight: int = 0
    next_start: float = 0.0


class HostScheduler:
    def __init__(self, workers: int, concurrency: int, min_interval: float):
        self.workers = max(1, workers)
        self.default_concurrency = max(1, concurrency)
        self.default_interval = max(0.0, min_interval)
        self._hosts: dict[str, _Host] = {}
        self._ready_order: deque[str] = deque()   # round robin over hosts
        self._pending = 0
        self._running = 0
        self._cond = threading.Condition()
        self.errors: list[BaseException] = []

    def _host(self, name: str) -> _Host:
        host = self._hosts.get(name)
        if host is None:
            host = self._hosts[name] = _Host(self.default_concurrency, self.default_interval)
            self._ready_order.append(name)
        return host

    def configure(self, host: str, concurrency: int | None = None, min_interval: float | None = None) -> None:
        """Override the limits of one host (sources.yaml politeness, robots.txt Crawl-delay)."""
        with self._cond:
            entry = self._host(host)
            if concurrency is not None:
                entry.concurrency = max(1, concurrency)
            if min_interval is not None:
                entry.min_interval = max(0.0, min_interval)
            self._cond.notify_all()

    def submit(self, host: str, task: Callable[[], None]) -> None:
        with self._cond:
            self._host(host).queue.append(task)
            self._pending += 1
            self._cond.notify()

    def _take(self) -> tuple[str, Callable[[], None]] | None:
        """Next runnable task, waiting as needed; None once all work is done."""
        with self._cond:
            while True:
                if self._pending == 0 and self._running == 0:
                    self._cond.notify_all()
                    return None
                now = time.monotonic()
                wake = None
                for _ in range(len(self._ready_order)):
                    name = self._ready_order[0]
                    self._ready_order.rotate(-1)
                    host = self._hosts[name]
                    if not host.queue or host.in_flight >= host.concurrency:
                        continue
                    if host.next_start > now:
                        wake = host.next_start if wake is None else min(wake, host.next_start)
                        continue
                    host.in_flight += 1
                    host.next_start = now + host.min_interval
                    self._pending -= 1
                    self._running += 1
                    return name, host.queue.popleft()
                self._cond.wait(None if wake is None else max(wake - now, 0.001))

    def _done(self, name: str) -> None:
        with self._cond:
            self._hosts[name].in_flight -= 1
            self._running -= 1
            self._cond.notify_all()

    def _work(self) -> None:
        while (taken := self._take()) is not None:
            name, task = taken
            try:
                task()
            except BaseException as exc:  # tasks handle their own failures; keep the pool alive
                self.errors.append(exc)
            finally:
                self._done(name)

    def run(self) -> None:
        """Run until every queued task, and every task they queued, has finished."""
        threads = [threading.Thread(target=self._work, name=f"capture-{i}", daemon=True)
                   for i in range(self.workers)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
