"""A worker pool that never has more than N requests in flight per host nor starts them too often.

Tasks wait in per-host queues; an idle worker takes the next task of any host that has a free
slot and whose minimum interval has passed, so a slow or strict host never ties up the workers
that other hosts could use. Tasks may submit further tasks (a feed fetch queues its pages).
After an optional stop time no task starts any more: each queued task's ``defer`` callback runs
instead, at once (it makes no request, so politeness need not pace it).
"""

from __future__ import annotations

import threading
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Callable

Task = Callable[[], None]


@dataclass
class _Host:
    concurrency: int
    min_interval: float
    queue: deque = field(default_factory=deque)
    in_flight: int = 0
    next_start: float = 0.0


class HostScheduler:
    def __init__(self, workers: int, concurrency: int, min_interval: float, stop_at: float | None = None):
        self.workers = max(1, workers)
        self.default_concurrency = max(1, concurrency)
        self.default_interval = max(0.0, min_interval)
        self.stop_at = stop_at   # time.monotonic() after which queued tasks are deferred
        self._hosts: dict[str, _Host] = {}
        self._ready_order: deque[str] = deque()   # round robin over hosts
        self._pending = 0
        self._running = 0
        self._aborted = False
        lock = threading.Lock()
        self._cond = threading.Condition(lock)     # workers wait here for a task
        self._finished = threading.Condition(lock)  # run() waits here for the end of all work
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

    def submit(self, host: str, task: Task, defer: Task | None = None) -> None:
        """Queue ``task``; ``defer`` runs instead if the stop time passes before it starts."""
        with self._cond:
            self._host(host).queue.append((task, defer))
            self._pending += 1
            self._cond.notify()

    def _start(self, name: str, host: _Host, now: float) -> tuple[str, Task]:
        task, defer = host.queue.popleft()
        host.in_flight += 1
        self._pending -= 1
        self._running += 1
        if self.stop_at is not None and now >= self.stop_at:
            return name, defer or (lambda: None)
        host.next_start = now + host.min_interval
        return name, task

    def _take(self) -> tuple[str, Task] | None:
        """Next runnable task, waiting as needed; None once all work is done (or abandoned)."""
        with self._cond:
            while True:
                if self._aborted or (self._pending == 0 and self._running == 0):
                    self._cond.notify_all()
                    self._finished.notify_all()
                    return None
                now = time.monotonic()
                if self.stop_at is not None and now >= self.stop_at:
                    for name, host in self._hosts.items():
                        if host.queue:
                            return self._start(name, host, now)
                wake = self.stop_at
                for _ in range(len(self._ready_order)):
                    name = self._ready_order[0]
                    self._ready_order.rotate(-1)
                    host = self._hosts[name]
                    if not host.queue or host.in_flight >= host.concurrency:
                        continue
                    if host.next_start > now:
                        wake = host.next_start if wake is None else min(wake, host.next_start)
                        continue
                    return self._start(name, host, now)
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

    def _wait_idle(self, timeout: float) -> bool:
        """True once no task is queued or running; False if ``timeout`` passed first."""
        with self._finished:
            if self._pending or self._running:
                self._finished.wait(timeout)
            return not (self._pending or self._running)

    def run(self, tick: Task | None = None, tick_every: float = 1.0) -> None:
        """Run until every queued task, and every task they queued, has finished.

        ``tick`` runs on the calling thread about every ``tick_every`` seconds meanwhile (the
        capture commits from there). If it raises, no further task starts; those running finish.
        """
        threads = [threading.Thread(target=self._work, name=f"capture-{i}", daemon=True)
                   for i in range(self.workers)]
        for thread in threads:
            thread.start()
        try:
            while not self._wait_idle(tick_every):
                if tick is not None:
                    tick()
        except BaseException:
            with self._cond:
                self._aborted = True
                self._cond.notify_all()
            raise
        finally:
            for thread in threads:
                thread.join()
