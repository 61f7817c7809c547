"""Repair feeds whose declared charset is wrong (pure).

feedparser falls back to a detector when the declared charset fails, and detectors guess badly on
short Western text (a Latin-1 "crème" comes out as Windows-1250 "crčme"). Here the declared
charset (HTTP header, else XML declaration, else UTF-8) is tried first; if it cannot decode the
body, a multi-byte East Asian charset is accepted only when the detector names one and it decodes
strictly, and Windows-1252 (the web's de-facto legacy default) is used otherwise.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

EAST_ASIAN = frozenset({"cp949", "euc_kr", "gb18030", "gbk", "gb2312", "cp932", "shift_jis",
                        "euc_jp", "big5", "big5hkscs", "cp950", "iso2022_jp", "iso2022_kr"})
BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.I)
_XML_DECL = re.compile(rb"^(\s*<\?xml[^>]*?encoding\s*=\s*[\"'])([\w.:-]+)([\"'])", re.I)


def declared_charset(body: bytes, content_type: str | None) -> str:
    header = _HEADER_CHARSET.search(content_type or "")
    if header:
        return header.group(1)
    decl = _XML_DECL.match(body[:1024])
    return decl.group(2).decode("ascii") if decl else "utf-8"


def _decodes(body: bytes, encoding: str) -> bool:
    try:
        body.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return False
    return True


def _fallback_encoding(body: bytes) -> str:
    best = from_bytes(body[:65536]).best()
    guess = codecs.lookup(best.encoding).name.replace("-", "_") if best else None
    if guess in EAST_ASIAN and _decodes(body, guess):
        return guess
    return "cp1252"


def repair_charset(body: bytes, content_type: str | None) -> tuple[bytes, str | None]:
    """(body, None) when the declared charset reads it; else (UTF-8 body, what was repaired).

    A repaired body's XML declaration is rewritten to say UTF-8, so no parser re-applies the
    wrong label.
    """
    if body.startswith(BOMS):
        return body, None
    declared = declared_charset(body, content_type)
    if _decodes(body, declared):
        return body, None
    if declared.lower().replace("-", "") != "utf8" and _decodes(body, "utf-8"):
        used = "utf-8"
    else:
        used = _fallback_encoding(body)
    text = body.decode(used, errors="replace").encode("utf-8")
    note = f"declared charset {declared!r} does not fit the bytes; read as {used}"
    return _XML_DECL.sub(rb"\1utf-8\3", text, count=1), note
