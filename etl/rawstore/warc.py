"""WARC/1.1 files of captured responses: written append-only, read back by offset or streamed.

Each record is its own gzip member, so a record can be read from its offset alone. Payloads are
stored decoded (Content-Encoding removed, the original value kept in an ``X-Archive-Orig-``
header) so the payload digest is the digest of the bytes the derive step reads; digests use
SHA-256. A payload identical to an earlier capture of the same URL is stored as a revisit record
(headers only, WARC 1.1 identical-payload-digest profile).
"""

from __future__ import annotations

import base64
import hashlib
import io
import os
import secrets
import shutil
import tempfile
import threading
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator
from urllib.parse import urlsplit

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.utils import Digester
from warcio.warcwriter import WARCWriter

from etl.rawstore.store import RawStore, as_store

WARC_DIR = "warc"
# Response headers describing the transfer, not the stored (decoded) payload.
TRANSFER_HEADERS = frozenset({"content-encoding", "transfer-encoding", "content-length"})
REVISIT_PROFILE = "http://netpreserve.org/warc/1.1/revisit/identical-payload-digest"


class _Sha256WarcWriter(WARCWriter):
    """warcio writer whose block and payload digests are SHA-256 instead of SHA-1."""

    @staticmethod
    def _create_digester():
        return Digester("sha256")


def payload_digest(payload: bytes) -> str:
    """The WARC-Payload-Digest value of a payload (``sha256:`` + base32)."""
    return "sha256:" + base64.b32encode(hashlib.sha256(payload).digest()).decode("ascii")


def warc_date(value: datetime) -> str:
    return value.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


@dataclass(frozen=True)
class StoredRecord:
    record_id: str        # WARC-Record-ID of the response or revisit record
    record_type: str      # 'response' | 'revisit'
    warc_file: str        # path relative to the raw store root, with forward slashes
    offset: int
    length: int           # compressed length of the record's gzip member
    sha256: str           # hex digest of the payload
    bytes: int            # payload size


@dataclass(frozen=True)
class WarcRecord:
    record_type: str
    record_id: str | None
    target_uri: str | None
    date: datetime | None
    http_status: int | None
    http_headers: dict[str, str]   # lowercased names
    payload: bytes
    truncated: bool               # payload longer than the reader's cap; only the head is kept
    warc_file: str
    offset: int
    length: int
    refers_to: str | None         # revisit records: WARC-Refers-To-Target-URI


def _stored_headers(headers: list[tuple[str, str]], payload_length: int) -> list[tuple[str, str]]:
    kept = []
    for name, value in headers:
        if name.lower() in TRANSFER_HEADERS:
            kept.append((f"X-Archive-Orig-{name}", value))
        else:
            kept.append((name, value))
    kept.append(("Content-Length", str(payload_length)))
    return kept


class WarcWriter:
    """Appends records to WARC files under ``warc/<day>/`` of a raw store, rotating by size.
    Thread-safe.

    In a local store files grow in place. An object store takes whole objects only, so files are
    written in a private spool folder and stored when closed: on rotation, :meth:`publish` and
    :meth:`close`. A stored file is never written again.
    """

    def __init__(self, store: RawStore | str | Path, max_bytes: int = 512 * 1024 * 1024, prefix: str = "capture",
                 software: str = "newsfacts-etl", operator: str | None = None):
        self.store = as_store(store)
        self._spool = None if self.store.is_local else Path(tempfile.mkdtemp(prefix="etl-warc-spool-"))
        self.max_bytes = max_bytes
        self.prefix = prefix
        self.software = software
        self.operator = operator
        self._lock = threading.Lock()
        self._file = None
        self._path: Path | None = None
        self._name: str | None = None
        self._writer: _Sha256WarcWriter | None = None
        self.files: list[str] = []

    # -- file management ---------------------------------------------------------------------
    def _open_next(self, now: datetime) -> None:
        self._close_current()
        # A random token keeps concurrent runs (and processes) from ever sharing a file.
        name = f"{self.prefix}-{now.strftime('%Y%m%d%H%M%S')}-{os.getpid()}-{secrets.token_hex(4)}.warc.gz"
        self._name = f"{WARC_DIR}/{now.strftime('%Y-%m-%d')}/{name}"
        self._path = Path(self.store.path(self._name)) if self._spool is None else self._spool / name
        self._path.parent.mkdir(parents=True, exist_ok=True)
        self._file = open(self._path, "ab")
        self._writer = _Sha256WarcWriter(self._file, gzip=True, warc_version="1.1")
        self.files.append(self._name)
        info = {"software": self.software, "format": "WARC File Format 1.1"}
        if self.operator:
            info["operator"] = self.operator
        record = self._writer.create_warcinfo_record(name, info)
        self._writer.write_record(record)

    def _close_current(self) -> None:
        if self._file is None:
            return
        self._file.close()
        path, name = self._path, self._name
        self._file = self._writer = self._path = self._name = None
        if self._spool is not None:
            try:
                self.store.put(path, name)
            except Exception as error:
                # The spooled file is kept: its records are whole and can be stored by hand.
                raise OSError(f"could not store {name} in {self.store.location} ({error}); "
                              f"the file is kept at {path}") from error
            path.unlink()

    def publish(self) -> None:
        """Make every record written so far readable from the store: rows pointing at them may
        be committed once this returns. (A local file already is: each record is flushed.)"""
        with self._lock:
            if self._spool is not None:
                self._close_current()

    def close(self) -> None:
        with self._lock:
            self._close_current()
            if self._spool is not None:
                shutil.rmtree(self._spool, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _ensure_open(self, now: datetime) -> None:
        if self._file is None or self._file.tell() >= self.max_bytes:
            self._open_next(now)

    def _append(self, records: list) -> tuple[str, int, int]:
        """Write records back to back; returns (file, offset, length) of the first one."""
        first_offset = first_length = None
        for record in records:
            offset = self._file.tell()
            self._writer.write_record(record)
            if first_offset is None:
                first_offset, first_length = offset, self._file.tell() - offset
        self._file.flush()
        return self._name, first_offset, first_length

    # -- records -----------------------------------------------------------------------------
    def _request_record(self, uri: str, request_headers: list[tuple[str, str]], concurrent_to: str,
                        date: str):
        parts = urlsplit(uri)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        http = StatusAndHeaders(f"GET {target} HTTP/1.1", request_headers, is_http_request=True)
        return self._writer.create_warc_record(
            uri, "request", payload=io.BytesIO(b""), length=0, http_headers=http,
            warc_headers_dict={"WARC-Date": date, "WARC-Concurrent-To": concurrent_to},
        )

    def write_response(self, uri: str, *, status: int, reason: str, http_version: str,
                       headers: list[tuple[str, str]], payload: bytes,
                       request_headers: list[tuple[str, str]] | None = None,
                       date: datetime | None = None, ip_address: str | None = None) -> StoredRecord:
        """Archive one HTTP exchange: a response record (decoded payload) and its request record."""
        date_text = warc_date(date or datetime.now(timezone.utc))
        sha = hashlib.sha256(payload).hexdigest()
        with self._lock:
            self._ensure_open(date or datetime.now(timezone.utc))
            http = StatusAndHeaders(f"{status} {reason}".strip(), _stored_headers(headers, len(payload)),
                                    protocol=http_version)
            warc_headers = {"WARC-Date": date_text, "WARC-Payload-Digest": payload_digest(payload)}
            if ip_address:
                warc_headers["WARC-IP-Address"] = ip_address
            response = self._writer.create_warc_record(
                uri, "response", payload=io.BytesIO(payload), length=len(payload),
                http_headers=http, warc_headers_dict=warc_headers,
            )
            record_id = response.rec_headers.get_header("WARC-Record-ID")
            records = [response]
            if request_headers is not None:
                records.append(self._request_record(uri, request_headers, record_id, date_text))
            path, offset, length = self._append(records)
        return StoredRecord(record_id, "response", path, offset, length, sha, len(payload))

    def write_revisit(self, uri: str, *, status: int, reason: str, http_version: str,
                      headers: list[tuple[str, str]], payload: bytes,
                      refers_to_uri: str | None = None, refers_to_date: datetime | None = None,
                      refers_to_record: str | None = None, date: datetime | None = None) -> StoredRecord:
        """Archive a response whose payload equals an earlier capture: headers only."""
        date_value = date or datetime.now(timezone.utc)
        sha = hashlib.sha256(payload).hexdigest()
        warc_headers = {"WARC-Date": warc_date(date_value), "WARC-Payload-Digest": payload_digest(payload),
                        "WARC-Profile": REVISIT_PROFILE}
        if refers_to_uri:
            warc_headers["WARC-Refers-To-Target-URI"] = refers_to_uri
        if refers_to_date:
            warc_headers["WARC-Refers-To-Date"] = warc_date(refers_to_date)
        if refers_to_record:
            warc_headers["WARC-Refers-To"] = refers_to_record
        with self._lock:
            self._ensure_open(date_value)
            http = StatusAndHeaders(f"{status} {reason}".strip(), _stored_headers(headers, len(payload)),
                                    protocol=http_version)
            record = self._writer.create_warc_record(
                uri, "revisit", payload=io.BytesIO(b""), length=0, http_headers=http,
                warc_headers_dict=warc_headers,
            )
            record_id = record.rec_headers.get_header("WARC-Record-ID")
            path, offset, length = self._append([record])
        return StoredRecord(record_id, "revisit", path, offset, length, sha, len(payload))


# -- reading -----------------------------------------------------------------------------------
def _parse_warc_date(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(timezone.utc)
    except ValueError:
        return None


def _view(record, warc_file: str, offset: int, length: int, payload: bytes, truncated: bool) -> WarcRecord:
    http = record.http_headers
    status = None
    if http is not None and record.rec_type in ("response", "revisit"):
        code = (http.get_statuscode() or "").strip()
        status = int(code) if code.isdigit() else None
    headers = {k.lower(): v for k, v in (http.headers if http is not None else [])}
    rec = record.rec_headers
    return WarcRecord(
        record_type=record.rec_type, record_id=rec.get_header("WARC-Record-ID"),
        target_uri=rec.get_header("WARC-Target-URI"), date=_parse_warc_date(rec.get_header("WARC-Date")),
        http_status=status, http_headers=headers, payload=payload, truncated=truncated,
        warc_file=warc_file, offset=offset, length=length,
        refers_to=rec.get_header("WARC-Refers-To-Target-URI"),
    )


def _read_payload(record, max_payload: int) -> tuple[bytes, bool]:
    # content_stream() undoes chunked transfer and Content-Encoding if a foreign WARC kept them.
    stream = record.content_stream()
    data = stream.read(max_payload + 1)
    return data[:max_payload], len(data) > max_payload


def read_record(store: RawStore | str | Path, warc_file: str, offset: int,
                max_payload: int = 64 * 1024 * 1024) -> tuple[dict, bytes, str | None, datetime | None]:
    """The record at ``offset`` of ``warc_file`` in a raw store (or a local store's folder):
    (http_headers, payload, target_uri, date). Revisits have no payload."""
    with as_store(store).open(warc_file) as fh:
        fh.seek(offset)
        for record in ArchiveIterator(fh):
            payload, _ = _read_payload(record, max_payload)
            view = _view(record, warc_file, offset, 0, payload, False)
            return view.http_headers, view.payload, view.target_uri, view.date
    raise ValueError(f"no WARC record at {warc_file}:{offset}")


def iter_records(path: Path, raw_root: Path | None = None, types: tuple[str, ...] = ("response", "revisit", "resource"),
                 max_payload: int = 64 * 1024 * 1024, name: str | None = None) -> Iterator[WarcRecord]:
    """Stream the records of one local WARC file (gzip or plain), payloads capped at
    ``max_payload``. Records carry ``name`` as their file: by default the path relative to
    ``raw_root``, or the path itself."""
    path = Path(path)
    name = name or (path.relative_to(raw_root).as_posix() if raw_root else str(path))
    with open(path, "rb") as fh:
        iterator = ArchiveIterator(fh)
        for record in iterator:
            # warcio reads junk leniently as a URI-less record: such a record names no page
            if record.rec_type not in types or not record.rec_headers.get_header("WARC-Target-URI"):
                continue
            payload, truncated = _read_payload(record, max_payload)
            offset = iterator.get_record_offset()
            length = iterator.get_record_length()
            yield _view(record, name, offset, length, payload, truncated)
