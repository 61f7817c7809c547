"""Turn page bytes in any encoding into text: BOM, then valid UTF-8, then the page's own
declaration, then sniffing.

HTTP headers are not consulted because captures are re-read from WARC records whose headers
are often wrong for pages served by CMS caches; the in-document declaration is what browsers
honour for those pages in practice.
"""

from __future__ import annotations

import codecs
import re

from etl.extract.settings import MAX_CONTROL_CHAR_SHARE, SNIFF_BYTES

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]{2,40})""", re.I)
_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]{0,100}encoding\s*=\s*["']([A-Za-z0-9_:.\-]{2,40})""", re.I)
# Browsers read these labels as windows-1252 (WHATWG Encoding Standard), and so do pages.
_WINDOWS_1252_ALIASES = {"iso8859-1", "latin-1", "ascii", "cp1252"}
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")


def declared_charset(data: bytes) -> str | None:
    """The Python codec name a page declares for itself, or None when absent or unknown."""
    head = data[:SNIFF_BYTES]
    match = _XML_DECL.search(head) or _META_CHARSET.search(head)
    if not match:
        return None
    try:
        name = codecs.lookup(match.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None
    if name in _WINDOWS_1252_ALIASES:
        return "cp1252"
    # A page that is being decoded as bytes cannot really be UTF-16 if it declared so in ASCII.
    if name.startswith("utf-16") or name.startswith("utf-32"):
        return "utf-8"
    return name


def looks_binary(data: bytes) -> bool:
    """True for images, archives and other non-text bytes (after any BOM has been handled)."""
    head = data[:SNIFF_BYTES]
    if not head:
        return False
    return len(_CONTROL.findall(head)) / len(head) > MAX_CONTROL_CHAR_SHARE


def decode_html(data: bytes | str) -> tuple[str, str]:
    """Return (text, how) where how names the rule that chose the encoding.

    how is 'str' for text input, 'bom', 'utf-8', 'declared', 'sniffed', or 'binary' (text is then
    empty). Never raises: undecodable bytes become U+FFFD.
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
    # Bytes that are valid UTF-8 are UTF-8 whatever the page declares: legacy-encoded text beyond
    # ASCII almost never forms valid UTF-8 sequences, while CMSs that re-encode pages to UTF-8
    # often keep the old charset declaration.
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    codec = declared_charset(data)
    if codec:
        return data.decode(codec, errors="replace"), "declared"
    return _sniff(data), "sniffed"


def _sniff(data: bytes) -> str:
    from charset_normalizer import from_bytes  # only undeclared, non-UTF-8 pages pay for it

    best = from_bytes(data[:200_000]).best()
    codec = best.encoding if best is not None else "cp1252"
    return data.decode(codec, errors="replace")
