"""What a capture pass knows about entries and pages: versions, fixed days, stored pages."""

from __future__ import annotations

import threading
from dataclasses import dataclass, replace
from datetime import date

from etl.capture.identity import IdentifiedItem
from etl.capture.state import CaptureState, KnownCapture, KnownEntry


@dataclass(frozen=True)
class Admission:
    """What a feed item is to this pass."""
    version: int | None             # its new version number; None when unchanged since last seen
    known_partition: date | None    # the day fixed for an earlier version, if any
    fetch_page: bool                # its page is this pass's to fetch


class EntryBook:
    """Entry versions and days, stored pages and failed attempts, shared by the pass's tasks."""

    def __init__(self, state: CaptureState, max_page_attempts: int):
        self.max_page_attempts = max_page_attempts
        self._lock = threading.Lock()
        self._entries = dict(state.entries)
        self._captured = dict(state.captured)
        self._failures = state.page_failures
        self._claimed: set[str] = set()           # canonical URLs fetched (or being fetched) in this pass
        self._date_sources: dict[str, str] = {}   # entry_key -> date_source of its row in this pass

    def admit(self, ident: IdentifiedItem, canon: str | None, room: bool) -> Admission | None:
        """Record a new version of the item if it has one and there is ``room``; None when it has
        one but no room (the next pass takes it). Its page is fetched when it is a new version or
        was never stored and has attempts left, unless another task of this pass has it."""
        item = ident.item
        with self._lock:
            known = self._entries.get(ident.entry_key)
            if known is None:
                version = 1
            elif known.content_hash != item.content_hash:
                version = known.version + 1
            else:
                version = None
            if version is not None:
                if not room:
                    return None
                self._entries[ident.entry_key] = KnownEntry(version, item.content_hash,
                                                            known.partition_date if known else None)
            retry = canon not in self._captured and self._failures.get(canon, 0) < self.max_page_attempts
            fetch_page = bool(canon) and (version is not None or retry) and canon not in self._claimed
            if fetch_page:
                self._claimed.add(canon)
        return Admission(version, known.partition_date if known else None, fetch_page)

    def fix_day(self, entry_key: str, day: date, date_source: str) -> None:
        with self._lock:
            self._entries[entry_key] = replace(self._entries[entry_key], partition_date=day)
            self._date_sources[entry_key] = date_source

    def day_of(self, entry_key: str) -> date | None:
        with self._lock:
            return self._entries[entry_key].partition_date

    def date_source_of(self, entry_key: str) -> str | None:
        """The date source of the entry's row recorded in this pass, if one was."""
        with self._lock:
            return self._date_sources.get(entry_key)

    def failed_attempts(self, canon: str) -> int:
        return self._failures.get(canon, 0)

    def stored(self, *canons: str) -> KnownCapture | None:
        """The stored capture under the first of ``canons`` that has one."""
        with self._lock:
            return next((self._captured[c] for c in canons if c in self._captured), None)

    def store(self, capture: KnownCapture, *canons: str) -> None:
        with self._lock:
            for canon in canons:
                self._captured[canon] = capture
