"""Per-item work of a derive step (extraction, relation coding) spread over worker processes.

Work goes out in batches and comes back in input order, so a day's rows are the same whatever
the number of workers, and only two batches of inputs and results are held at a time.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from itertools import islice
from typing import TypeVar

# Items handled between two writes of a step's rows; bounds what a step holds at once.
BATCH_ITEMS = 500
# A pool costs each worker its start-up (interpreter, trafilatura, lexicon tables: ~1-2 s of
# CPU), so a small day is done in the step's own process; a worker is started per this many items.
ITEMS_PER_WORKER = 200

T = TypeVar("T")


def worker_count(setting: int, items: int, items_per_worker: int = ITEMS_PER_WORKER) -> int:
    """Workers for ``items`` items: the setting (0: the machine's cores), no more than the items
    can keep busy."""
    wanted = setting or os.cpu_count() or 1
    return max(1, min(wanted, items // max(1, items_per_worker)))


def batches(items: Iterable, size: int = BATCH_ITEMS) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


class Workers:
    """map(function, items) batch by batch in ``workers`` processes (in this one for a single worker); each
    process runs ``initializer(*initargs)`` first. ``function`` must be a module-level function."""

    def __init__(self, workers: int, initializer: Callable | None = None, initargs: tuple = ()):
        self.pool = None
        if workers > 1:
            # Spawned, not forked: the step's process holds a DuckDB connection and threads.
            self.pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                                            initializer=initializer, initargs=initargs)
            self.workers = workers
        elif initializer is not None:
            initializer(*initargs)

    def map_batches(self, function: Callable, work: Iterable[tuple[T, list]]) -> Iterator[tuple[T, list]]:
        """(context, [function(item) for item in items]) for each (context, items) of ``work``, in
        order. With a pool, the next batch is already sent when one batch's results are handed
        back: the workers go on while the caller uses them (at most two batches in flight)."""
        if self.pool is None:
            for context, items in work:
                yield context, [function(item) for item in items]
            return
        in_flight = None
        for context, items in work:
            # Four chunks a worker: whichever finishes first takes the next, however long the batch.
            sent = (context, self.pool.map(function, items, chunksize=max(1, len(items) // (self.workers * 4))))
            if in_flight is not None:
                yield in_flight[0], list(in_flight[1])
            in_flight = sent
        if in_flight is not None:
            yield in_flight[0], list(in_flight[1])

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *exc) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)
