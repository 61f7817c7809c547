"""Import external WARC files (CC-NEWS or any crawl) as captures, so past days can be backfilled.

Each file is first checked within fixed bounds (etl.rawstore.warc_check): a file that cannot be
read safely is refused whole, and records whose length or digests do not hold are rejected and
reported. Only then is it copied into the raw store (offsets stay valid and the store stays
self-contained); every HTML 200 response becomes a capture with origin 'import' and a
synthesised feed entry, dated by the page's own metadata, else by the WARC-Date. A file that
fails leaves no copy behind. Re-importing a file adds nothing: a page whose payload is already
captured under its canonical URL is skipped.
"""

from __future__ import annotations

import copy
import hashlib
from datetime import datetime, timezone
from pathlib import Path

from etl.capture import outcomes
from etl.capture.identity import entry_key
from etl.capture.partition import partition_day
from etl.capture.run import CaptureResult
from etl.capture.state import CaptureState, KnownCapture, KnownEntry
from etl.capture.tables import CAPTURES, FEED_ENTRIES, FEED_FETCHES, frame
from etl.extract.metadata import page_metadata
from etl.rawstore.store import RawStore, as_store
from etl.rawstore.warc import WARC_DIR, WarcRecord, iter_records
from etl.rawstore.warc_check import WarcLimits, check_warc
from etl.settings import Settings
from etl.web.urls import page_canonical_url

IMPORT_FEED = "import"   # feed_name of synthesised entries
HTML_TYPES = ("text/html", "application/xhtml+xml")


def _store_copy(path: Path, store: RawStore) -> tuple[str, bool]:
    """The file's name in the raw store, and whether this call put it there."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    name = f"{WARC_DIR}/import/{digest.hexdigest()[:16]}-{path.name}"
    if store.exists(name):
        return name, False
    store.put(path, name)  # never a half-copied file under its final name
    return name, True


def _is_html_page(record: WarcRecord) -> bool:
    content_type = record.http_headers.get("content-type", "").lower()
    return (record.record_type == "response" and record.http_status == 200 and not record.truncated
            and bool(record.payload) and bool(record.record_id) and (not content_type or content_type.startswith(HTML_TYPES)))


class _Importer:
    def __init__(self, settings: Settings, state: CaptureState, now: datetime):
        self.settings, self.now = settings, now
        self.entries = dict(state.entries)
        self.captured = dict(state.captured)
        self.entry_rows: list[dict] = []
        self.capture_rows: list[dict] = []

    def checkpoint(self) -> tuple:
        return copy.copy(self.entries), copy.copy(self.captured), len(self.entry_rows), len(self.capture_rows)

    def restore(self, saved: tuple) -> None:
        """Forget everything added since ``saved`` (a file that failed half-way)."""
        self.entries, self.captured, entries, captures = saved
        del self.entry_rows[entries:], self.capture_rows[captures:]

    def add(self, record: WarcRecord) -> None:
        uri = record.target_uri or ""
        fetched_at = record.date or self.now
        sha = hashlib.sha256(record.payload).hexdigest()
        meta = page_metadata(record.payload, uri, now=fetched_at)
        canon = page_canonical_url(uri, meta.canonical_url)
        known_capture = self.captured.get(canon)
        if known_capture is not None and known_capture.sha256 == sha:
            return
        key = entry_key(IMPORT_FEED, "link", canon)
        known = self.entries.get(key)
        # Fixed at first sighting, as for feeds; the page's own date, else the WARC-Date.
        decided = partition_day(fetched_at, page_date=meta.published_at,
                                fixed=known.partition_date if known is not None else None)
        partition, date_source, published = decided.day, decided.date_source, decided.published_at
        version = known.version + 1 if known else 1
        self.entries[key] = KnownEntry(version, sha, partition)
        self.captured[canon] = KnownCapture(sha, uri, fetched_at, record.record_id)
        self.entry_rows.append({
            "entry_key": key, "key_source": "link", "version": version, "feed_name": IMPORT_FEED,
            "url": uri, "canonical_url": canon, "title": meta.title,
            "published_raw": published.isoformat() if published else None, "published_at": published,
            "date_source": date_source, "partition_date": partition, "content_hash": sha,
            "first_seen_at": fetched_at,
        })
        self.capture_rows.append({
            "capture_id": record.record_id, "url": uri, "canonical_url": canon, "entry_key": key,
            "feed_name": IMPORT_FEED, "origin": "import", "fetched_at": fetched_at,
            "http_status": record.http_status, "outcome": outcomes.OK,
            "content_type": record.http_headers.get("content-type"), "bytes": len(record.payload),
            "sha256": sha, "record_type": "response", "warc_file": record.warc_file,
            "warc_offset": record.offset, "warc_length": record.length,
            "partition_date": partition, "date_source": date_source,
        })


def import_warc(paths, store: RawStore, settings: Settings, state: CaptureState,
                now: datetime | None = None, limits: WarcLimits = WarcLimits()) -> CaptureResult:
    """Import WARC files; bad files and rejected records are reported in ``problems``, never raised.

    ``warc_files`` lists the files this call copied into the raw store (a file already there is
    not copied again), so a caller whose commit fails can remove them.
    """
    store = as_store(store)
    importer = _Importer(settings, state, now or datetime.now(timezone.utc))
    problems, files = [], []
    for path in map(Path, paths):
        try:
            check = check_warc(path, limits)
        except OSError as exc:
            problems.append(f"{path}: {type(exc).__name__}: {exc}"[:500])
            continue
        if check.fatal is not None:
            problems.append(f"{path}: refused, nothing imported: {check.fatal}"[:500])
            continue
        if check.responses == 0:
            problems.append(f"{path}: no WARC response records found")
            continue
        problems.extend(f"{path}: {problem}"[:500] for problem in check.problems)
        saved = importer.checkpoint()
        stored, created = None, False
        try:
            stored, created = _store_copy(path, store)
            # Read from the file given, byte for byte the stored copy (same digest), named as stored.
            for record in iter_records(path, name=stored, types=("response",), max_payload=settings.max_body_bytes):
                if record.record_id not in check.rejected and _is_html_page(record):
                    importer.add(record)
        except Exception as exc:  # nothing of a file that failed half-way is kept
            importer.restore(saved)
            if created:
                store.remove(stored)
            problems.append(f"{path}: refused, nothing imported: {type(exc).__name__}: {exc}"[:500])
            continue
        if created:
            files.append(stored)
    return CaptureResult(
        fetches=frame([], FEED_FETCHES),
        entries=frame(importer.entry_rows, FEED_ENTRIES),
        captures=frame(importer.capture_rows, CAPTURES),
        feed_state=state.feed_state_frame(),
        warc_files=files,
        problems=problems,
    )
