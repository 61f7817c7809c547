"""WARC round trip: what is written reads back byte-identical, by offset and by streaming."""

from __future__ import annotations

import gzip
import hashlib
import os
import zlib
from datetime import datetime, timezone

from warcio.archiveiterator import ArchiveIterator

from etl.rawstore.warc import WarcWriter, iter_records, payload_digest, read_record

WHEN = datetime(2024, 5, 7, 9, 30, tzinfo=timezone.utc)
HEADERS = [("Content-Type", "text/html; charset=utf-8"), ("Content-Encoding", "gzip"), ("Content-Length", "77")]


def _write_pages(writer: WarcWriter, n: int) -> list[tuple[bytes, object]]:
    written = []
    for i in range(n):
        payload = os.urandom(300) + f"<html>page {i}</html>".encode() + bytes(range(256))
        stored = writer.write_response(f"https://example.org/{i}", status=200, reason="OK",
                                       http_version="HTTP/1.1", headers=HEADERS, payload=payload,
                                       request_headers=[("User-Agent", "test")], date=WHEN)
        written.append((payload, stored))
    return written


def test_round_trip_is_byte_identical(tmp_path):
    with WarcWriter(tmp_path) as writer:
        written = _write_pages(writer, 20)
    for payload, stored in written:
        headers, body, uri, date = read_record(tmp_path, stored.warc_file, stored.offset)
        assert body == payload
        assert stored.sha256 == hashlib.sha256(payload).hexdigest()
        assert uri.startswith("https://example.org/") and date == WHEN
        # Stored decoded: the transfer encoding is kept only as a note.
        assert headers["x-archive-orig-content-encoding"] == "gzip"
        assert "content-encoding" not in headers and headers["content-length"] == str(len(payload))


def test_each_record_is_its_own_gzip_member(tmp_path):
    with WarcWriter(tmp_path) as writer:
        written = _write_pages(writer, 3)
    data = (tmp_path / written[0][1].warc_file).read_bytes()
    for payload, stored in written:
        member = data[stored.offset: stored.offset + stored.length]
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        text = inflater.decompress(member)
        assert inflater.eof and not inflater.unused_data  # exactly one complete member
        assert text.startswith(b"WARC/1.1\r\n") and b"WARC-Type: response" in text
        assert payload_digest(payload).encode() in text and text.endswith(payload + b"\r\n\r\n")


def test_request_records_and_digests_validate(tmp_path):
    with WarcWriter(tmp_path) as writer:
        _write_pages(writer, 2)
        path = tmp_path / writer.files[0]
    types = []
    with open(path, "rb") as fh:
        for record in ArchiveIterator(fh, check_digests=True):
            types.append(record.rec_type)
            record.content_stream().read()
            assert record.digest_checker.passed is not False
    assert types == ["warcinfo", "response", "request", "response", "request"]


def test_rotation_by_size_and_streaming_reads(tmp_path):
    with WarcWriter(tmp_path, max_bytes=4000) as writer:
        written = _write_pages(writer, 12)
        files = list(writer.files)
    assert len(files) > 2
    streamed = [r for f in files for r in iter_records(tmp_path / f, tmp_path)]
    assert [r.payload for r in streamed] == [p for p, _ in written]
    assert [(r.warc_file, r.offset) for r in streamed] == [(s.warc_file, s.offset) for _, s in written]


def test_revisit_records_carry_no_payload(tmp_path):
    with WarcWriter(tmp_path) as writer:
        payload, first = _write_pages(writer, 1)[0]
        revisit = writer.write_revisit("https://example.org/0", status=200, reason="OK", http_version="HTTP/1.1",
                                       headers=HEADERS, payload=payload, refers_to_uri="https://example.org/0",
                                       refers_to_date=WHEN, refers_to_record=first.record_id)
    assert revisit.record_type == "revisit" and revisit.sha256 == first.sha256
    _, body, uri, _ = read_record(tmp_path, revisit.warc_file, revisit.offset)
    assert body == b"" and uri == "https://example.org/0"
    [record] = [r for r in iter_records(tmp_path / revisit.warc_file, tmp_path) if r.record_type == "revisit"]
    assert record.refers_to == "https://example.org/0"


def test_truncated_file_stops_cleanly_at_the_damage(tmp_path):
    with WarcWriter(tmp_path) as writer:
        written = _write_pages(writer, 4)
    path = tmp_path / written[0][1].warc_file
    data = path.read_bytes()
    path.write_bytes(data[: written[2][1].offset + 40])
    read = []
    try:
        for record in iter_records(path, tmp_path):
            read.append(record.payload)
    except Exception:
        pass  # the damaged record may raise; the intact ones must have been read first
    assert read[:2] == [written[0][0], written[1][0]]
    assert gzip.decompress(data[: written[1][1].offset])  # the intact prefix is valid gzip
