"""Response bytes to usable bytes and text: Content-Encoding, then the charset (pure).

Content-Encoding is decoded here rather than by httpx, whose decoder neither bounds the output
(a 10 KB gzip bomb inflates to gigabytes) nor notices a gzip stream cut short. Charsets: one
reading of what a response declares (the Content-Type header, the document's XML declaration or
<meta charset>), one decoder for pages, and one check that a feed's declared charset fits its
bytes before feedparser applies it.
"""

from __future__ import annotations

import codecs
import re
import zlib

from charset_normalizer import from_bytes

# Bytes looked at for a charset declaration or to decide whether input is binary.
SNIFF_BYTES = 4096
# Share of control characters in the sniffed prefix above which the input is not text.
MAX_CONTROL_CHAR_SHARE = 0.05
# Bytes given to the charset detector: more adds time, not accuracy.
DETECT_BYTES = 200_000
# Multi-byte charsets a detector names reliably even on short text.
EAST_ASIAN = frozenset({"cp949", "euc_kr", "gb18030", "gbk", "gb2312", "cp932", "shift_jis",
                        "euc_jp", "big5", "big5hkscs", "cp950", "iso2022_jp", "iso2022_kr"})
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.I)
_XML_DECL = re.compile(rb"""^(\s*<\?xml[^>]{0,100}?encoding\s*=\s*["'])([\w.:-]{1,40})(["'])""", re.I)
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]{2,40})""", re.I)
# Browsers read these labels as windows-1252 (WHATWG Encoding Standard), and so do pages.
_WINDOWS_1252_ALIASES = {"iso8859-1", "latin-1", "ascii", "cp1252"}
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")


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


def header_charset(content_type: str | None) -> str | None:
    """The charset label of a Content-Type header, as written, or None."""
    match = _HEADER_CHARSET.search(content_type or "")
    return match.group(1) if match else None


def document_charset(body: bytes) -> str | None:
    """The charset label a document declares for itself (XML declaration, else <meta charset>),
    as written, or None."""
    head = body[:SNIFF_BYTES]
    match = _XML_DECL.search(head)
    if match:
        return match.group(2).decode("ascii")
    match = _META_CHARSET.search(head)
    return match.group(1).decode("ascii") if match else None


def codec_for(label: str | None, *, in_document: bool = False) -> str | None:
    """The Python codec a charset label means, or None when absent or unknown.

    Labels browsers read as windows-1252 (ISO-8859-1, ASCII) give cp1252. A UTF-16 or UTF-32
    label found ``in_document`` gives UTF-8: the document was read as ASCII bytes to find it.
    """
    try:
        name = codecs.lookup(label).name if label else None
    except LookupError:
        return None
    if name in _WINDOWS_1252_ALIASES:
        return "cp1252"
    if in_document and name and name.startswith(("utf-16", "utf-32")):
        return "utf-8"
    return name


def looks_binary(data: bytes) -> bool:
    """True for images, archives and other non-text bytes (after any BOM has been handled)."""
    head = data[:SNIFF_BYTES]
    if not head:
        return False
    return len(_CONTROL.findall(head)) / len(head) > MAX_CONTROL_CHAR_SHARE


def decode_html(data: bytes | str) -> tuple[str, str]:
    """A page's bytes as text: BOM, then valid UTF-8, then the page's own declaration, then the
    detector. Returns (text, how), how being 'str' for text input, 'bom', 'utf-8', 'declared',
    'sniffed', or 'binary' (text is then empty). Never raises: undecodable bytes become U+FFFD.

    HTTP headers are not consulted: captures are re-read from WARC records whose headers are
    often wrong for pages served by CMS caches, and the in-document declaration is what browsers
    honour for those pages in practice. Bytes that are valid UTF-8 are UTF-8 whatever the page
    declares: legacy-encoded text beyond ASCII almost never forms valid UTF-8 sequences, while
    CMSs that re-encode pages to UTF-8 often keep the old charset declaration.
    """
    if isinstance(data, str):
        return data, "str"
    if not isinstance(data, (bytes, bytearray, memoryview)):
        return "", "binary"
    data = bytes(data)
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(codec, errors="replace"), "bom"
    if looks_binary(data):
        return "", "binary"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    codec = codec_for(document_charset(data), in_document=True)
    if codec:
        return data.decode(codec, errors="replace"), "declared"
    return data.decode(_detected(data) or "cp1252", errors="replace"), "sniffed"


def repair_charset(body: bytes, content_type: str | None) -> tuple[bytes, str | None]:
    """A feed body feedparser can read: (body, None) when the charset it declares (header, else
    the document's; UTF-8 when none) reads the bytes; else (UTF-8 body, what was repaired).

    feedparser falls back to a detector when the declared charset fails, and detectors guess
    badly on short Western text (a Latin-1 "crème" comes out as Windows-1250 "crčme"). So when
    the declared charset fails, valid UTF-8 is UTF-8, a multi-byte East Asian charset is taken
    only when the detector names one and it decodes strictly, and Windows-1252 (the web's
    de-facto legacy default) otherwise. A repaired body's XML declaration is rewritten to say
    UTF-8, so no parser re-applies the wrong label.
    """
    if body.startswith(tuple(bom for bom, _ in _BOMS)):
        return body, None
    label = header_charset(content_type)
    codec = codec_for(label)
    if label is None:
        label = document_charset(body)
        codec = codec_for(label, in_document=True) if label else "utf-8"
    if codec is not None and _decodes(body, codec):
        return body, None
    if codec != "utf-8" and _decodes(body, "utf-8"):
        used = "utf-8"
    else:
        guess = _detected(body)
        used = guess if guess in EAST_ASIAN and _decodes(body, guess) else "cp1252"
    text = body.decode(used, errors="replace").encode("utf-8")
    note = f"declared charset {label or 'utf-8'!r} does not fit the bytes; read as {used}"
    return _XML_DECL.sub(rb"\1utf-8\3", text, count=1), note


def _decodes(body: bytes, encoding: str) -> bool:
    try:
        body.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return False
    return True


def _detected(data: bytes) -> str | None:
    best = from_bytes(data[:DETECT_BYTES]).best()
    return codecs.lookup(best.encoding).name.replace("-", "_") if best else None
