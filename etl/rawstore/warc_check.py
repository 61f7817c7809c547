"""A bounded check of a foreign WARC file, before anything of it is trusted or stored.

warcio reads leniently and without bounds: a header "line" is read whole whatever its length
(a gzip bomb of zeros or a 4 GB line exhausts memory before any record is seen), a record cut
short by a truncated download is returned as if complete, and digests are not compared. This
pass streams the file once, in fixed-size pieces (memory stays bounded whatever the input), and
says for the file as a whole whether it may be read at all, and for each record whether its
content is the one its headers promise:

* whole file refused (``fatal``): not a WARC, a line or header block over its limit, too many
  records, a decompression ratio no real crawl has (a bomb), corrupt compression, junk between
  records. Nothing of such a file is imported.
* record rejected (``rejected``, by WARC-Record-ID): fewer bytes than its Content-Length (a
  truncated file), a WARC-Block-Digest or WARC-Payload-Digest that does not match, a block over
  the size limit, no record id.

After a file passed, every line warcio reads in it is within the limits checked here.
"""

from __future__ import annotations

import base64
import hashlib
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Callable

GZIP_MAGIC = b"\x1f\x8b"
_CHUNK = 1 << 20


@dataclass(frozen=True)
class WarcLimits:
    max_line_bytes: int = 64 * 1024               # one WARC or HTTP header line
    max_header_bytes: int = 1024 * 1024            # a record's WARC headers, or its HTTP headers
    max_record_bytes: int = 256 * 1024 * 1024      # a record's content block (Content-Length)
    max_records: int = 1_000_000                   # per file (a CC-NEWS file holds ~50k)
    # Decompressed bytes per compressed byte, counted beyond the first expansion_allowance bytes.
    # HTML compresses 4-10x; 1 MB of zeros compresses ~1000x.
    max_expansion: int = 100
    expansion_allowance: int = 64 * 1024 * 1024


@dataclass
class WarcCheck:
    records: int = 0
    responses: int = 0
    fatal: str | None = None
    rejected: dict[str, str] = field(default_factory=dict)   # WARC-Record-ID -> reason
    problems: list[str] = field(default_factory=list)        # one line per rejected record


class _Refused(Exception):
    """The file cannot be read safely past this point."""


class _EndsInHeaders(Exception):
    """The file ends inside a record's WARC headers (a truncated last record)."""

    def __init__(self, headers: dict[str, str]):
        super().__init__()
        self.headers = headers


class _DecodedStream:
    """The file's bytes, gzip members decompressed in bounded pieces; lines read with a cap."""

    def __init__(self, handle: BinaryIO, limits: WarcLimits):
        self.handle, self.limits = handle, limits
        self.gzip = handle.read(2) == GZIP_MAGIC
        handle.seek(0)
        self.inflater = zlib.decompressobj(31) if self.gzip else None
        self.buffer = bytearray()
        self.compressed = self.decompressed = 0
        self.truncated_gzip = False

    def _read_compressed(self) -> bytes:
        data = self.handle.read(_CHUNK)
        self.compressed += len(data)
        return data

    def _fill(self) -> bool:
        """Append more decoded bytes to the buffer; False at the end of the file."""
        if not self.gzip:
            data = self._read_compressed()
            self.decompressed += len(data)
            self.buffer += data
            return bool(data)
        while True:
            # The end of a member first: a member that ends inside input held back by the output
            # cap leaves the rest in both unconsumed_tail and unused_data, and feeding that tail
            # to the finished inflater again would only grow unused_data, for good.
            if self.inflater.eof:
                data = self.inflater.unused_data or self._read_compressed()
                if not data:
                    return False
                self.inflater = zlib.decompressobj(31)  # the next gzip member
            elif self.inflater.unconsumed_tail:
                data = self.inflater.unconsumed_tail
            else:
                data = self._read_compressed()
                if not data:
                    self.truncated_gzip = True  # the file ends inside a gzip member
                    return False
            try:
                out = self.inflater.decompress(data, _CHUNK)
            except zlib.error as error:
                raise _Refused(f"corrupt gzip data after {self.decompressed} decompressed bytes ({error})") from None
            if out:
                self.decompressed += len(out)
                self._check_expansion()
                self.buffer += out
                return True

    def _check_expansion(self) -> None:
        allowed = self.limits.expansion_allowance + self.limits.max_expansion * self.compressed
        if self.decompressed > allowed:
            raise _Refused(f"decompresses to over {self.limits.max_expansion}x its compressed size "
                           f"({self.decompressed} bytes from {self.compressed}): a compression bomb")

    def readline(self) -> bytes:
        """One line with its newline (b'' at the end of the file), refused when over the limit."""
        searched = 0
        while True:
            end = self.buffer.find(b"\n", searched)
            if end >= 0:
                if end + 1 > self.limits.max_line_bytes:
                    break
                line = bytes(self.buffer[:end + 1])
                del self.buffer[:end + 1]
                return line
            searched = len(self.buffer)
            if searched > self.limits.max_line_bytes:
                break
            if not self._fill():
                line = bytes(self.buffer)
                self.buffer.clear()
                return line
        raise _Refused(f"a header line longer than {self.limits.max_line_bytes} bytes")

    def read_into(self, size: int, sink: Callable[[bytes], None]) -> int:
        """Pass the next ``size`` bytes to ``sink`` piece by piece; returns how many there were."""
        done = 0
        while done < size:
            if not self.buffer and not self._fill():
                break
            piece = bytes(self.buffer[:min(size - done, len(self.buffer), _CHUNK)])
            del self.buffer[:len(piece)]
            sink(piece)
            done += len(piece)
        return done


def _digest_matches(header: str | None, computed: dict[str, "hashlib._Hash"]) -> bool | None:
    """Whether a ``algorithm:value`` digest header matches; None when it cannot be checked."""
    if not header or ":" not in header:
        return None
    algorithm, _, value = header.partition(":")
    digest = computed.get(algorithm.strip().lower().replace("-", ""))
    if digest is None:
        return None
    raw = digest.digest()
    value = value.strip()
    return value.upper().rstrip("=") == base64.b32encode(raw).decode().rstrip("=") or value.lower() == raw.hex()


def _hashers() -> dict[str, "hashlib._Hash"]:
    return {"sha1": hashlib.sha1(), "sha256": hashlib.sha256(), "md5": hashlib.md5()}


class _BlockReader:
    """Hashes a record's block as it streams by, and its payload after the HTTP headers."""

    def __init__(self, http: bool, limits: WarcLimits):
        self.block = _hashers()
        self.payload = _hashers()
        self.http_head = bytearray() if http else None
        self.payload_checkable = True
        self.limits = limits

    def __call__(self, piece: bytes) -> None:
        for hasher in self.block.values():
            hasher.update(piece)
        if self.http_head is not None:
            self.http_head += piece
            # CRLF CRLF ends the HTTP headers; some writers use bare LFs.
            ends = [(at, len(mark)) for mark in (b"\r\n\r\n", b"\n\n") if (at := self.http_head.find(mark)) >= 0]
            if not ends:
                if len(self.http_head) > self.limits.max_header_bytes:
                    raise _Refused(f"HTTP headers longer than {self.limits.max_header_bytes} bytes")
                return
            at, size = min(ends)
            # Writers disagree whether a chunked body's payload digest covers the chunk framing:
            # such a payload is not judged (its block digest still is).
            self.payload_checkable = b"transfer-encoding: chunked" not in bytes(self.http_head[:at]).lower()
            piece = bytes(self.http_head[at + size:])
            self.http_head = None
        for hasher in self.payload.values():
            hasher.update(piece)


def _parse_headers(stream: _DecodedStream, limits: WarcLimits) -> dict[str, str]:
    headers: dict[str, str] = {}
    size = 0
    while True:
        line = stream.readline()
        size += len(line)
        if size > limits.max_header_bytes:
            raise _Refused(f"a WARC header block longer than {limits.max_header_bytes} bytes")
        if not line or not line.endswith(b"\n"):
            raise _EndsInHeaders(headers)
        if not line.strip():
            return headers
        name, colon, value = line.decode("utf-8", "replace").partition(":")
        if colon:
            headers[name.strip().lower()] = value.strip()


def _check_record(stream: _DecodedStream, headers: dict[str, str], limits: WarcLimits, check: WarcCheck) -> None:
    record_id = headers.get("warc-record-id")
    record_type = headers.get("warc-type", "")
    label = f"{record_type or 'record'} {record_id or '(no id)'} {headers.get('warc-target-uri', '')}".strip()
    check.records += 1
    check.responses += record_type == "response"
    if check.records > limits.max_records:
        raise _Refused(f"more than {limits.max_records} records")
    length_text = headers.get("content-length", "")
    if not length_text.isdigit():
        raise _Refused(f"{label}: no valid Content-Length ({length_text!r})")
    length = int(length_text)
    http = headers.get("content-type", "").startswith("application/http") and record_type != "revisit"
    reader = _BlockReader(http, limits)
    if length > limits.max_record_bytes:
        reason = f"its block of {length} bytes is over the {limits.max_record_bytes}-byte limit"
        got = stream.read_into(length, lambda piece: None)
    else:
        got = stream.read_into(length, reader)
        reason = None
    if got < length:
        reason = f"truncated: {got} of {length} bytes (the file ends inside it)"
    elif reason is None and _digest_matches(headers.get("warc-block-digest"), reader.block) is False:
        reason = "its content does not match its WARC-Block-Digest"
    elif reason is None and record_type != "revisit" and reader.payload_checkable:
        payload = reader.payload if http else reader.block
        if _digest_matches(headers.get("warc-payload-digest"), payload) is False:
            reason = "its payload does not match its WARC-Payload-Digest"
    if reason is None and not record_id:
        reason = "it has no WARC-Record-ID"
    if reason is not None:
        check.problems.append(f"{label} rejected: {reason}")
        if record_id:
            check.rejected[record_id] = reason


def check_warc(path: Path, limits: WarcLimits = WarcLimits()) -> WarcCheck:
    """Stream ``path`` once within ``limits``; see the module docstring for what is checked."""
    check = WarcCheck()
    with open(path, "rb") as handle:
        stream = _DecodedStream(handle, limits)
        try:
            while True:
                line = stream.readline()
                if not line:
                    break
                if not line.strip():
                    continue  # the blank lines that end a record
                if not line.startswith(b"WARC/"):
                    where = "at the start" if check.records == 0 else f"after record {check.records}"
                    raise _Refused(f"not a WARC record {where}: {line[:60]!r}")
                _check_record(stream, _parse_headers(stream, limits), limits, check)
        except _EndsInHeaders as cut:
            record_id = cut.headers.get("warc-record-id")
            reason = "truncated: the file ends inside its WARC headers"
            check.problems.append(f"record {record_id or '(no id yet)'} {cut.headers.get('warc-target-uri', '')} "
                                  f"after record {check.records} rejected: {reason}")
            if record_id:
                check.rejected[record_id] = reason
        except _Refused as refusal:
            check.fatal = str(refusal)
    if check.fatal is None and stream.truncated_gzip and not check.rejected:
        check.problems.append("the file ends inside a gzip member (truncated download?)")
    return check
