"""Content-Encoding decoding with a cap on the decoded size and detection of unfinished streams.

httpx's own decoder neither bounds the output (a 10 KB gzip bomb inflates to gigabytes) nor
notices a gzip stream cut short, so raw bytes are decoded here instead.
"""

from __future__ import annotations

import zlib


class BodyTooLarge(Exception):
    pass


class BodyTruncated(Exception):
    pass


class BadEncoding(Exception):
    pass


class BoundedDecoder:
    """Feed raw chunks, get decoded bytes; raises when the decoded total passes ``limit``."""

    def __init__(self, content_encoding: str | None, limit: int):
        codings = [c.strip().lower() for c in (content_encoding or "").split(",") if c.strip()]
        codings = [c for c in codings if c not in ("identity", "none")]
        if len(codings) > 1 or (codings and codings[0] not in ("gzip", "x-gzip", "deflate")):
            raise BadEncoding(f"unsupported Content-Encoding {content_encoding!r}")
        self.coding = codings[0] if codings else None
        self.limit = limit
        self.total = 0
        self._inflater = None

    def _new_inflater(self, first: bytes):
        if self.coding in ("gzip", "x-gzip"):
            return zlib.decompressobj(16 + zlib.MAX_WBITS)
        # "deflate" is zlib-wrapped per the RFC, but many servers send a raw deflate stream.
        wrapped = len(first) >= 2 and (first[0] & 0x0F) == 8 and ((first[0] << 8) | first[1]) % 31 == 0
        return zlib.decompressobj(zlib.MAX_WBITS if wrapped else -zlib.MAX_WBITS)

    def _count(self, data: bytes) -> bytes:
        self.total += len(data)
        if self.total > self.limit:
            raise BodyTooLarge(f"body exceeds {self.limit} bytes after decoding")
        return data

    def feed(self, chunk: bytes) -> bytes:
        if self.coding is None:
            return self._count(chunk)
        out = []
        data = chunk
        try:
            while data:
                if self._inflater is None or self._inflater.eof:
                    if self._inflater is not None and self.coding == "deflate":
                        break  # trailing bytes after a deflate stream are ignored
                    self._inflater = self._new_inflater(data)
                room = self.limit - self.total + 1
                piece = self._inflater.decompress(data, room)
                out.append(self._count(piece))
                # Input left over is either unconsumed (output was capped) or a next gzip member.
                data = self._inflater.unconsumed_tail or self._inflater.unused_data
        except zlib.error as exc:
            raise BadEncoding(f"corrupt {self.coding} stream: {exc}") from exc
        return b"".join(out)

    def finish(self) -> None:
        """Raise if a compressed stream stopped before its end marker (an empty body is fine)."""
        if self._inflater is not None and not self._inflater.eof:
            raise BodyTruncated(f"{self.coding} stream ends before its end marker")

